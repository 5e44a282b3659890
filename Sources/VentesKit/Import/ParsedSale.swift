/// A row of a sales file, read, parsed and priced: a sale to write, or a row to quarantine.
enum ParsedSale: Sendable {
    case sale(SaleRecord)
    case rejected(QuarantinedRow)

    /// Parses and prices `record` of `source`, or says why it is rejected.
    init(_ record: CSVRecord, source: String, parser: RowParser, pricing: SalePricing) {
        do throws(RejectionReason) {
            self = .sale(try pricing.priced(try parser.sale(record), line: record.line))
        } catch {
            self = .rejected(QuarantinedRow(kind: .sales, source: source, line: record.line, rawText: record.rawText,
                                            reason: error))
        }
    }
}
