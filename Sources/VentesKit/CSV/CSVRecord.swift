/// One record of a CSV file, as read: its fields, where it starts and its text.
public struct CSVRecord: Sendable {
    /// The decoded fields, quotes removed; empty when `problem` is set.
    public var fields: [String]
    /// The physical line of the file where the record starts (1-based).
    public var line: Int
    /// The record's bytes as written in the file, without its line end (the first 200 when too long).
    var rawBytes: ArraySlice<UInt8>
    var encoding: TextEncoding
    /// Why the record could not be read (invalid bytes, too long), if it could not.
    public var problem: String?
    /// True when the record's bytes are not valid in the file's encoding.
    public var isUndecodable = false
    /// True when `rawBytes` holds only the head of a record too long to keep.
    var isTruncated = false

    /// The record's text as written in the file, without its line end (decoded on demand:
    /// only rejected rows need it).
    public var rawText: String {
        let text = encoding.decode(rawBytes) ?? String(decoding: rawBytes, as: UTF8.self)
        return isTruncated ? text + "…" : text
    }
}

/// A problem that makes the rest of a CSV file unreadable.
public enum CSVReadError: Error, Equatable, Sendable {
    /// A quoted field opened on `line` is never closed.
    case unterminatedQuote(line: Int)
    /// The file could not be read any further (disk or network failure).
    case io(String)
}
