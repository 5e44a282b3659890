/// A row of a sales file, read, parsed and priced, ready to be written.
enum ParsedSale: Sendable {
    case sale(PricedSale)
    case rejected(RejectedLine)

    /// Parses and prices `record`, or says why it is rejected.
    init(_ record: CSVRecord, parser: RowParser, pricing: SalePricing) {
        do {
            let sale = try parser.sale(record)
            self = .sale(PricedSale(sale: sale, unitPrice: try pricing.unitPrice(of: sale), line: record.line))
        } catch {
            self = .rejected(RejectedLine(line: record.line, rawText: record.rawText, reason: error.reason,
                                          dependsOnData: error.dependsOnData))
        }
    }
}

/// A data line refused by the parser or the pricing, with why.
struct RejectedLine: Sendable {
    var line: Int
    var rawText: String
    var reason: String
    /// Whether it may become valid once the stores or products change.
    var dependsOnData: Bool
}
