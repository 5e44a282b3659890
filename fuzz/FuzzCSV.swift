// libFuzzer entry point: the CSV reader and the row decoding of VentesKit on arbitrary bytes.
//
// Built by fuzz/run.sh together with the CSV, Rows and Money sources (see there). The first byte
// of the input picks the read chunk size and the record size cap, so buffer refills and the
// oversized-record path are exercised at every offset; the rest is the file. Every file kind is
// tried: header matching, the first pass (date format, decimal separator) and every row.
// A crash, a sanitizer report or a broken invariant (`check`) is a finding.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let control = data[0]
    FuzzInput.bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let chunkSize = Int(control & 0x0F) + 1
    let maxRecordBytes = 16 << Int(control >> 4 & 0x07)
    exercise(url: URL(fileURLWithPath: "/fuzz-input.csv"), chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
    return 0
}

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(message())") }
}

private func exercise(url: URL, chunkSize: Int, maxRecordBytes: Int) {
    let file: CSVFile
    do {
        file = try CSVFile(url: url, maxRecordBytes: maxRecordBytes, chunkSize: chunkSize)
    } catch {
        return
    }
    let newlines = FuzzInput.bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    check(file.headerLine >= 1 && file.headerLine <= newlines + 1, "header line \(file.headerLine)")
    var survey = DateColumnSurvey()
    var prices = DecimalSeparatorSurvey()
    var records: [CSVRecord] = []
    var lastLine = file.headerLine
    while true {
        let record: CSVRecord?
        do {
            record = try file.nextRecord()
        } catch {
            if case .unterminatedQuote(let line) = error {
                check(line > file.headerLine && line <= newlines + 1, "quote opened on line \(line)")
            }
            return
        }
        guard let record else { break }
        check(record.line > lastLine, "line \(record.line) after \(lastLine)")
        check(record.line <= newlines + 1, "line \(record.line) beyond \(newlines + 1) lines")
        check(record.problem != nil || !record.fields.isEmpty, "a readable record has at least one field")
        lastLine = record.line
        for field in record.fields.prefix(8) {
            survey.observe(field, line: record.line)
            prices.observe(field)
            for separator in [nil, DecimalSeparator.dot, .comma] {
                if let cents = try? Cents.parse(field, decimalSeparator: separator) {
                    check(cents.value >= 0, "negative amount from \(field)")
                }
            }
            for format in DateColumnFormat.allCases {
                if case .success(let date) = SaleDate.parse(field, format: format) {
                    check(date.day <= SaleDate.daysIn(month: date.month, year: date.year), "\(date) from \(field)")
                }
            }
        }
        if records.count < 32 { records.append(record) }
    }
    _ = survey.verdict
    // Every kind of file: header matching, then each row through its parser.
    for specs in [Columns.stores, Columns.products, Columns.sales] {
        guard let header = try? HeaderMap(header: file.header, specs: specs) else { continue }
        let parser = RowParser(header: header, fieldCount: file.header.count, dateFormat: .dayMonthYear,
                               decimalSeparator: prices.verdict)
        for record in records where !RowParser.isBlank(record) {
            _ = try? parser.store(record)
            _ = try? parser.product(record)
            _ = try? parser.sale(record)
        }
    }
}
