import Foundation

/// A first pass over a file, before the import, for what must be decided per column from all its
/// values: the date format of the date column, the decimal separator of the price column.
///
/// The file is read a second time, streamed: memory stays flat whatever its size.
struct ColumnSurvey {
    var dates = DateColumnSurvey()
    var prices = DecimalSeparatorSurvey()
    /// Records whose bytes are not valid in the file's encoding.
    private(set) var undecodableRecords = 0
    /// Valid records holding characters beyond ASCII.
    private(set) var nonASCIIRecords = 0

    /// Why the survey could not read the file to its end.
    enum Failure: Error {
        case open(CSVFile.OpenError)
        case read(CSVReadError)
    }

    /// Reads every record of `url` in `dialect` (or those after byte `offset`, which is physical
    /// line `line`), observing the columns `header` places.
    init(
        url: URL, dialect: CSVDialect, header: HeaderMap, maxRecordBytes: Int, startingAt start: (offset: Int, line: Int)? = nil
    ) throws(Failure) {
        let file: CSVFile
        do {
            file = try CSVFile(url: url, delimiter: dialect.delimiter, encoding: dialect.encoding,
                               maxRecordBytes: maxRecordBytes)
            if let start { try file.resume(atOffset: start.offset, line: start.line, hasher: ByteStream.HashState()) }
        } catch let error as CSVFile.OpenError {
            throw .open(error)
        } catch {
            throw .read(.io(error.localizedDescription))
        }
        let positions = Positions(header)
        while true {
            let record: CSVRecord?
            do {
                record = try file.nextRecord()
            } catch {
                throw .read(error)
            }
            guard let record else { break }
            observe(record, at: positions)
        }
    }

    /// Where the surveyed columns are in a file's records.
    struct Positions: Sendable {
        var date: Int?
        var price: Int?

        init(_ header: HeaderMap) {
            date = header.index(of: Columns.date)
            price = header.index(of: Columns.price)
        }
    }

    /// Takes in one record (blank ones too: the importer skips them, the survey counts what it reads).
    mutating func observe(_ record: CSVRecord, at positions: Positions) {
        if record.isUndecodable { undecodableRecords += 1 }
        if record.problem == nil && record.rawBytes.contains(where: { $0 >= 0x80 }) { nonASCIIRecords += 1 }
        if let index = positions.date, index < record.fields.count {
            dates.observe(record.fields[index], line: record.line)
        }
        if let index = positions.price, index < record.fields.count {
            prices.observe(record.fields[index])
        }
    }

    /// Plain ASCII where the encoding was guessed, then bytes that are not UTF-8 and no UTF-8
    /// anywhere: a Windows-1252 export.
    var showsWindows1252: Bool { undecodableRecords > 0 && nonASCIIRecords == 0 }

    init() {}
}
