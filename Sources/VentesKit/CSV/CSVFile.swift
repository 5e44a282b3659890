import Foundation

/// An opened CSV file: its dialect, its header and a stream of its data records.
public final class CSVFile {
    /// How the file is written, detected from its first bytes unless given.
    public let dialect: CSVDialect
    /// The header's fields, as written.
    public let header: [String]
    /// The physical line of the header.
    public let headerLine: Int
    /// The header line as written, without its line end.
    public let headerText: String
    /// True when the bytes the dialect was detected from are the whole file.
    let sampleIsWholeFile: Bool
    private var reader: CSVReader
    private let stream: ByteStream

    /// Why a file cannot be read as CSV at all.
    public enum OpenError: Error, Equatable {
        case unreadable(String)
        case empty
        case binary(String)
        case unterminatedQuote(line: Int)
        case headerUnreadable(String)
    }

    /// Opens `url`, detects its dialect (overridable field by field) and reads its header.
    public init(
        url: URL, delimiter: UInt8? = nil, encoding: TextEncoding? = nil, maxRecordBytes: Int = 1 << 20,
        chunkSize: Int = 1 << 20
    ) throws(OpenError) {
        do {
            stream = try ByteStream(url: url, chunkSize: chunkSize)
        } catch {
            throw .unreadable(Self.describe(error))
        }
        var bytes: [UInt8] = []
        do {
            while bytes.count < 64 * 1024, try stream.read(into: &bytes) {}
        } catch {
            throw .unreadable(Self.describe(error))
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw .binary("it is a ZIP archive (an .xlsx or .ods spreadsheet?): export the sheet as CSV")
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw .binary("it is an old Excel (.xls) file: export the sheet as CSV")
        }
        if bytes.prefix(8192).contains(0) {
            throw .binary("it contains NUL bytes, so it is not a text file: export the data as CSV")
        }
        sampleIsWholeFile = stream.isAtEnd
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let start = hasBOM ? 3 : 0
        let sample = bytes[start...]
        let detectedEncoding = hasBOM ? .utf8 : TextEncoding.detect(sample: sample, isWholeFile: stream.isAtEnd)
        let dialect = CSVDialect(
            delimiter: delimiter ?? CSVDialect.detectDelimiter(headerSample: sample),
            encoding: encoding ?? detectedEncoding,
            hasByteOrderMark: hasBOM)
        self.dialect = dialect
        reader = CSVReader(stream: stream, initialBytes: bytes, start: start, dialect: dialect, maxRecordBytes: maxRecordBytes)

        // The header is the first record that is not blank.
        while true {
            let record: CSVRecord?
            do {
                record = try reader.next()
            } catch let CSVReadError.unterminatedQuote(line) {
                throw .unterminatedQuote(line: line)
            } catch {
                throw .unreadable(Self.describe(error))
            }
            guard let record else { throw .empty }
            if let problem = record.problem { throw .headerUnreadable("header line \(record.line): \(problem)") }
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            header = record.fields
            headerLine = record.line
            headerText = record.rawText
            break
        }
    }

    /// The next data record, or nil at the end of the file.
    public func nextRecord() throws(CSVReadError) -> CSVRecord? {
        do {
            return try reader.next()
        } catch let error as CSVReadError {
            throw error
        } catch {
            throw .io(Self.describe(error))
        }
    }

    /// Skips to byte `offset` (physical line `line`) of the file: the bytes before it were imported
    /// before and hashed into `hasher` already.
    func resume(atOffset offset: Int, line: Int, hasher: ByteStream.HashState) throws {
        try reader.resume(atOffset: offset, line: line, hasher: hasher)
    }

    /// The number of physical lines read so far.
    public var linesRead: Int { reader.linesRead }

    /// True when everything read ends with a line feed: the next byte, if any, starts a new record.
    public var endsWithLineFeed: Bool { stream.lastByte == UInt8(ascii: "\n") }

    /// Reads the one record in `text` (a quarantined row), as if it stood at `line` of a file in `dialect`.
    static func record(fromText text: String, line: Int, delimiter: UInt8) throws -> CSVRecord? {
        let dialect = CSVDialect(delimiter: delimiter, encoding: .utf8)
        var reader = CSVReader(stream: ByteStream(bytes: Array(text.utf8)), initialBytes: [], start: 0, dialect: dialect,
                               maxRecordBytes: Int.max)
        reader.setNextLine(line)
        return try reader.next()
    }

    /// Every byte read so far, as SHA-256 hex; the whole file's once `nextRecord()` returned nil.
    public var sha256Hex: String { stream.sha256Hex }

    /// The bytes parsed so far.
    public var bytesConsumed: Int { reader.bytesConsumed }

    /// The size of the file when it was opened.
    public var totalBytes: Int { stream.totalBytes }

    /// The number of bytes read so far.
    public var bytesRead: Int { stream.bytesRead }

    private static func describe(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
