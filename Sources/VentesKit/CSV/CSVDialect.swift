/// How a CSV file is written: its delimiter and text encoding.
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: UInt8
    public var encoding: TextEncoding
    /// True when the file starts with a UTF-8 byte order mark.
    public var hasByteOrderMark: Bool

    public init(delimiter: UInt8, encoding: TextEncoding, hasByteOrderMark: Bool = false) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
    }

    /// The delimiter as people name it: `,`, `;`, `tab` or `|`.
    public var delimiterName: String {
        delimiter == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(delimiter))
    }

    /// Reads a delimiter as people type it: `,`, `;`, `|`, `tab` or a real tab character.
    public static func delimiter(named name: String) -> UInt8? {
        switch name.lowercased() {
        case "tab", "\\t", "\t": return UInt8(ascii: "\t")
        case ",", "comma": return UInt8(ascii: ",")
        case ";", "semicolon": return UInt8(ascii: ";")
        case "|", "pipe": return UInt8(ascii: "|")
        default: return nil
        }
    }

    static let candidateDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// Picks the delimiter that occurs most often, outside quotes, on the header line.
    ///
    /// Ties and a header with none of them fall back to `,` (a one-column file).
    static func detectDelimiter(headerSample: ArraySlice<UInt8>) -> UInt8 {
        var counts = [UInt8: Int]()
        var inQuotes = false
        for byte in headerSample {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") { break }
            if candidateDelimiters.contains(byte) { counts[byte, default: 0] += 1 }
        }
        var best = UInt8(ascii: ",")
        var bestCount = 0
        for candidate in candidateDelimiters {
            if let count = counts[candidate], count > bestCount {
                best = candidate
                bestCount = count
            }
        }
        return best
    }
}
