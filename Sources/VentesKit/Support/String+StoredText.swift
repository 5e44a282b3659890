import Foundation

/// Text compared as people read it: the same letters written composed or decomposed are the same
/// text, and a space of any kind at either end of a field is not part of it.
extension String {
    /// The text in Unicode NFC (`e` + U+0301 becomes `é`), as every text read from a file is stored.
    ///
    /// A text whose characters all lie below U+0300 (ASCII, Latin-1: most of what a French export
    /// holds) is NFC already and returned as is after a scan of its bytes; only the others pay for
    /// Foundation's normalisation.
    var nfcNormalized: String {
        isNFCByItsBytes ? self : precomposedStringWithCanonicalMapping
    }

    /// True when the text is NFC by a look at its bytes alone: every character is below U+0300.
    /// (Such characters are at most two UTF-8 bytes with a lead byte below 0xCC; none of them
    /// changes under NFC, nor composes with another.)
    var isNFCByItsBytes: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0xCC } } ?? utf8.allSatisfy { $0 < 0xCC }
    }

    /// The text without the spaces at either end: ASCII spaces, tabs, CR and LF, every Unicode
    /// space separator (category Zs: no-break space U+00A0, narrow no-break space U+202F, figure
    /// space U+2007, thin space U+2009, …) and the zero-width no-break space U+FEFF. Inside the
    /// text they stay.
    ///
    /// Foundation's `trimmingCharacters(in:)` took a fifth of the import time on a million sales
    /// (docs/BENCHMARKS.md): this checks the two end bytes and returns `self` untouched in the
    /// common case (both ASCII, neither a space); only an end beyond ASCII is looked at as a character.
    var trimmingSpaces: String {
        let endsAreASCIIText = utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return Self.isASCIIText(first) && Self.isASCIIText(last)
        }
        if endsAreASCIIText == true { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, Self.isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, Self.isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }

    /// True when the text is empty or only spaces (in the sense of `trimmingSpaces`).
    var isBlankText: Bool {
        let answer = utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for byte in bytes {
                if byte >= 0x80 { return nil }  // Decided character by character below.
                if !Self.isASCIISpace(byte) { return false }
            }
            return true
        }
        if let answer, let known = answer { return known }
        return unicodeScalars.allSatisfy(Self.isSpace)
    }

    private static func isASCIIText(_ byte: UInt8) -> Bool { byte < 0x80 && !isASCIISpace(byte) }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// A space to trim: ASCII whitespace, a Unicode space separator or U+FEFF.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isASCIISpace(UInt8(scalar.value)) }
        return scalar.value == 0xFEFF || scalar.properties.generalCategory == .spaceSeparator
    }

    /// The text as stored: NFC, spaces trimmed at both ends (see `nfcNormalized`, `trimmingSpaces`).
    var storedText: String { nfcNormalized.trimmingSpaces }
}
