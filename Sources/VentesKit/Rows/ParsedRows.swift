import Foundation

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
    var dateFormat: DateColumnFormat
    /// The file's decimal separator, when its values settled it; nil reads each price on its own.
    var decimalSeparator: DecimalSeparator?
    /// Where each column sits, looked up in `header` once rather than on every row.
    private let columns: ColumnIndices

    init(header: HeaderMap, fieldCount: Int, dateFormat: DateColumnFormat = .dayMonthYear,
         decimalSeparator: DecimalSeparator? = nil) {
        self.header = header
        self.fieldCount = fieldCount
        self.dateFormat = dateFormat
        self.decimalSeparator = decimalSeparator
        self.columns = ColumnIndices(header)
    }

    /// A column's name (for messages) and its position in the record, if the file has it.
    private struct Column: Sendable {
        let name: String
        let index: Int?

        init(_ spec: ColumnSpec, _ header: HeaderMap) {
            name = spec.name
            index = header.index(of: spec)
        }
    }

    /// The columns of the three files, where `header` places them.
    private struct ColumnIndices: Sendable {
        let storeID, city, employees, region, productID, productName, price, stock, saleID, date, quantity: Column

        init(_ header: HeaderMap) {
            storeID = Column(Columns.storeID, header)
            city = Column(Columns.city, header)
            employees = Column(Columns.employees, header)
            region = Column(Columns.region, header)
            productID = Column(Columns.productID, header)
            productName = Column(Columns.productName, header)
            price = Column(Columns.price, header)
            stock = Column(Columns.stock, header)
            saleID = Column(Columns.saleID, header)
            date = Column(Columns.date, header)
            quantity = Column(Columns.quantity, header)
        }
    }

    /// Checks the field count: fewer fields than the header is an error, extra empty ones are padding.
    func checkShape(_ record: CSVRecord) throws(RejectionReason) {
        if let problem = record.problem { throw .unreadableRecord(problem) }
        let count = record.fields.count
        if count < fieldCount || (count > fieldCount && record.fields[fieldCount...].contains { !isBlankField($0) }) {
            throw .fieldCount(expected: fieldCount, found: count)
        }
    }

    private func text(_ record: CSVRecord, _ column: Column) -> String? {
        column.index.map { record.fields[$0].trimmingSpaces }
    }

    private func required(_ record: CSVRecord, _ column: Column) throws(RejectionReason) -> String {
        guard let value = text(record, column), !value.isEmpty else { throw .emptyField(column: column.name) }
        return value
    }

    private func integer(_ record: CSVRecord, _ column: Column, minimum: Int, words: String) throws(RejectionReason) -> Int? {
        guard let value = text(record, column), !value.isEmpty else { return nil }
        guard let number = value.integerValue, number >= minimum else {
            throw .notAWholeNumber(column: column.name, value: value, expected: words)
        }
        return number
    }

    func store(_ record: CSVRecord) throws(RejectionReason) -> StoreRecord {
        try checkShape(record)
        let id = try required(record, columns.storeID)
        let city = try required(record, columns.city)
        let region = text(record, columns.region).flatMap { $0.isEmpty ? nil : $0 }
        let employees = try integer(record, columns.employees, minimum: 0, words: "a whole number of employees")
        return StoreRecord(id: id, city: city, region: region, employees: employees)
    }

    func product(_ record: CSVRecord) throws(RejectionReason) -> ProductRecord {
        try checkShape(record)
        let id = try required(record, columns.productID)
        let name = try required(record, columns.productName)
        let priceText = text(record, columns.price) ?? ""
        let price: Cents
        do {
            price = try Cents.parse(priceText, decimalSeparator: decimalSeparator)
        } catch {
            if case .tooManyDecimals = error, decimalSeparator == nil {
                // "1.234" in a column whose other prices do not say which separator is decimal.
                throw .priceMaybeThousands(error)
            }
            throw .badPrice(error)
        }
        let stock = try integer(record, columns.stock, minimum: Int.min, words: "a whole number")
        return ProductRecord(id: id, name: name, price: price, stock: stock)
    }

    func sale(_ record: CSVRecord) throws(RejectionReason) -> SaleRow {
        try checkShape(record)
        let saleRef = text(record, columns.saleID).flatMap { $0.isEmpty ? nil : $0 }
        if columns.saleID.index != nil && saleRef == nil { throw .emptyField(column: "sale_id") }
        let dateText = try required(record, columns.date)
        let date: SaleDate
        switch SaleDate.parse(dateText, format: dateFormat) {
        case .success(let parsed): date = parsed
        case .failure(let problem): throw .badDate(problem)
        }
        let productID = try required(record, columns.productID)
        let quantityText = try required(record, columns.quantity)
        guard let quantity = quantityText.integerValue, quantity > 0 else {
            throw .quantityNotPositive(quantityText)
        }
        let storeID = try required(record, columns.storeID)
        return SaleRow(saleRef: saleRef, date: date, productID: productID, quantity: quantity, storeID: storeID)
    }

    /// A record with nothing but blanks (spreadsheets write `;;;` lines): not a data row.
    static func isBlank(_ record: CSVRecord) -> Bool {
        record.problem == nil && record.fields.allSatisfy(isBlankField)
    }
}

private func isBlankField(_ field: String) -> Bool {
    field.isBlankText
}

extension String {
    /// `Int(self)`, with plain digit strings (a quantity, a stock) read straight from their bytes.
    fileprivate var integerValue: Int? {
        let digitsOnly = utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            // 18 digits cannot overflow an Int; anything else (sign, longer, not a digit) takes `Int(_:)`.
            guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
            var value = 0
            for byte in bytes {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value &* 10 &+ Int(digit)
            }
            return value
        }
        if let digitsOnly, let value = digitsOnly { return value }
        return Int(self)
    }
}
