extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    ///
    /// Foundation's `trimmingCharacters(in:)` took a fifth of the import time on a million sales
    /// (perf, bench/README.md); this checks the two end bytes and returns `self` untouched in the
    /// common case.
    var trimmingASCIIWhitespace: String {
        // The end bytes straight from the string's storage: the generic `utf8.first/last` showed in perf.
        let isTrimmed = utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return !Self.isASCIIWhitespace(first) && !Self.isASCIIWhitespace(last)
        }
        if isTrimmed == true { return self }
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        if !Self.isASCIIWhitespace(first) && !Self.isASCIIWhitespace(last) { return self }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, Self.isASCIIWhitespace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, Self.isASCIIWhitespace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return String(self[start..<end])
    }

    /// True when the string is empty or only ASCII whitespace.
    var isASCIIBlank: Bool {
        utf8.withContiguousStorageIfAvailable { $0.allSatisfy(Self.isASCIIWhitespace) }
            ?? utf8.allSatisfy(Self.isASCIIWhitespace)
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
