import Foundation

/// A first pass over a file, before the import, for what must be decided per column from all its
/// values: the date format of the date column, the decimal separator of the price column.
///
/// The file is read a second time, streamed: memory stays flat whatever its size.
struct ColumnSurvey {
    var dates = DateColumnSurvey()
    var prices = DecimalSeparatorSurvey()

    /// Why the survey could not read the file to its end.
    enum Failure: Error {
        case open(CSVFile.OpenError)
        case read(CSVReadError)
    }

    /// Reads every record of `url` in `dialect`, observing the columns `header` places.
    init(url: URL, dialect: CSVDialect, header: HeaderMap, maxRecordBytes: Int) throws(Failure) {
        let file: CSVFile
        do {
            file = try CSVFile(url: url, delimiter: dialect.delimiter, encoding: dialect.encoding,
                               maxRecordBytes: maxRecordBytes)
        } catch {
            throw .open(error)
        }
        let dateIndex = header.index(of: Columns.date)
        let priceIndex = header.index(of: Columns.price)
        while true {
            let record: CSVRecord?
            do {
                record = try file.nextRecord()
            } catch {
                throw .read(error)
            }
            guard let record else { break }
            if let dateIndex, dateIndex < record.fields.count {
                dates.observe(record.fields[dateIndex], line: record.line)
            }
            if let priceIndex, priceIndex < record.fields.count {
                prices.observe(record.fields[priceIndex])
            }
        }
    }

    init() {}
}
