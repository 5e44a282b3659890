/// A store as the database keeps it.
public struct StoreRecord: Equatable, Sendable {
    public var id: String
    public var city: String
    public var region: String?
    public var employees: Int?

    public init(id: String, city: String, region: String? = nil, employees: Int? = nil) {
        self.id = id
        self.city = city
        self.region = region
        self.employees = employees
    }
}

/// A product as the database keeps it: its current price, and stock.
public struct ProductRecord: Equatable, Sendable {
    public var id: String
    public var name: String
    public var price: Cents
    public var stock: Int?

    public init(id: String, name: String, price: Cents, stock: Int? = nil) {
        self.id = id
        self.name = name
        self.price = price
        self.stock = stock
    }
}

/// A sale to write: what was sold, where, when, at which unit price, and the line it came from.
///
/// Its duplicate key is (date, store, product, quantity, sale ref): the sale ref when the file has
/// one, '' otherwise.
public struct SaleRecord: Equatable, Sendable {
    /// The file's own sale id, when it has a sale-id column.
    public var saleRef: String?
    public var date: SaleDate
    public var productID: String
    public var quantity: Int
    public var storeID: String
    /// The product's price when the sale was imported.
    public var unitPrice: Cents
    /// The physical line of the file the sale was read from.
    public var line: Int

    public init(saleRef: String?, date: SaleDate, productID: String, quantity: Int, storeID: String, unitPrice: Cents, line: Int) {
        self.saleRef = saleRef
        self.date = date
        self.productID = productID
        self.quantity = quantity
        self.storeID = storeID
        self.unitPrice = unitPrice
        self.line = line
    }
}
