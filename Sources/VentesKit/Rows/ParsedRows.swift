import Foundation

/// A store as read from magasins.csv.
public struct StoreRow: Equatable, Sendable {
    public var id: String
    public var city: String
    public var region: String?
    public var employees: Int?
}

/// A product as read from produits.csv.
public struct ProductRow: Equatable, Sendable {
    public var id: String
    public var name: String
    public var price: Cents
    public var stock: Int?
}

/// A sale as read from ventes.csv, before it is priced.
public struct SaleRow: Equatable, Sendable {
    /// The file's own sale id, when it has a sale-id column.
    public var saleRef: String?
    public var date: SaleDate
    public var productID: String
    public var quantity: Int
    public var storeID: String
}

/// Turns CSV records into typed rows, or into the reason they are rejected.
struct RowParser: Sendable {
    let header: HeaderMap
    let fieldCount: Int
    /// How slash dates are read (ISO dates always are).
    var dateFormat: DateColumnFormat = .dayMonthYear
    /// The file's decimal separator, when its values settled it; nil reads each price on its own.
    var decimalSeparator: DecimalSeparator?

    /// Why a record is not a valid row, in words for the person fixing the file.
    struct Rejection: Error {
        let reason: String
        /// True when the row may become valid once the stores or products change.
        var dependsOnData = false
    }

    /// Checks the field count: fewer fields than the header is an error, extra empty ones are padding.
    func checkShape(_ record: CSVRecord) throws(Rejection) {
        if let problem = record.problem { throw Rejection(reason: problem) }
        let count = record.fields.count
        if count < fieldCount || (count > fieldCount && record.fields[fieldCount...].contains { !isBlankField($0) }) {
            throw Rejection(reason: "\(fieldCount) fields expected, \(count) found")
        }
    }

    func text(_ record: CSVRecord, _ column: ColumnSpec) -> String? {
        header.index(of: column).map { record.fields[$0].trimmingASCIIWhitespace }
    }

    func required(_ record: CSVRecord, _ column: ColumnSpec) throws(Rejection) -> String {
        guard let value = text(record, column), !value.isEmpty else { throw Rejection(reason: "\(column.name) is empty") }
        return value
    }

    func integer(_ record: CSVRecord, _ column: ColumnSpec, minimum: Int, words: String) throws(Rejection) -> Int? {
        guard let value = text(record, column), !value.isEmpty else { return nil }
        guard let number = Int(value), number >= minimum else {
            throw Rejection(reason: "\(column.name) \(value) is not \(words)")
        }
        return number
    }

    func store(_ record: CSVRecord) throws(Rejection) -> StoreRow {
        try checkShape(record)
        let id = try required(record, Columns.storeID)
        let city = try required(record, Columns.city)
        let region = text(record, Columns.region).flatMap { $0.isEmpty ? nil : $0 }
        let employees = try integer(record, Columns.employees, minimum: 0, words: "a whole number of employees")
        return StoreRow(id: id, city: city, region: region, employees: employees)
    }

    func product(_ record: CSVRecord) throws(Rejection) -> ProductRow {
        try checkShape(record)
        let id = try required(record, Columns.productID)
        let name = try required(record, Columns.productName)
        let priceText = text(record, Columns.price) ?? ""
        let price: Cents
        do {
            price = try Cents.parse(priceText, decimalSeparator: decimalSeparator)
        } catch {
            if case .tooManyDecimals = error, decimalSeparator == nil {
                // "1.234" in a column whose other prices do not say which separator is decimal.
                throw Rejection(reason: error.description + " (if it means thousands, import with --decimal-comma)")
            }
            throw Rejection(reason: error.description)
        }
        let stock = try integer(record, Columns.stock, minimum: Int.min, words: "a whole number")
        return ProductRow(id: id, name: name, price: price, stock: stock)
    }

    func sale(_ record: CSVRecord) throws(Rejection) -> SaleRow {
        try checkShape(record)
        let saleRef = text(record, Columns.saleID).flatMap { $0.isEmpty ? nil : $0 }
        if header.has(Columns.saleID) && saleRef == nil { throw Rejection(reason: "sale_id is empty") }
        let dateText = try required(record, Columns.date)
        let date: SaleDate
        switch SaleDate.parse(dateText, format: dateFormat) {
        case .success(let parsed): date = parsed
        case .failure(let problem): throw Rejection(reason: problem.description)
        }
        let productID = try required(record, Columns.productID)
        let quantityText = try required(record, Columns.quantity)
        guard let quantity = Int(quantityText), quantity > 0 else {
            throw Rejection(reason: "quantity \(quantityText) is not a positive integer")
        }
        let storeID = try required(record, Columns.storeID)
        return SaleRow(saleRef: saleRef, date: date, productID: productID, quantity: quantity, storeID: storeID)
    }

    /// A record with nothing but blanks (spreadsheets write `;;;` lines): not a data row.
    static func isBlank(_ record: CSVRecord) -> Bool {
        record.problem == nil && record.fields.allSatisfy(isBlankField)
    }
}

private func isBlankField(_ field: String) -> Bool {
    field.isASCIIBlank
}
