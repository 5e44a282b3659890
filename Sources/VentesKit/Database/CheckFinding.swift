/// One problem that `SQLiteStore.check(path:)` found in a database, in one line.
public struct CheckFinding: Equatable, Sendable {
    /// What was checked: SQLite's own checks, then the invariants of a ventes database.
    public enum Check: String, Sendable, CaseIterable {
        /// SQLite cannot read the file, or a check could not finish (a damaged or foreign file).
        case unreadable
        /// Migrations ventes expects are missing: not a ventes database, or an older one.
        case schema
        /// A line of `PRAGMA integrity_check`: the file's structure (pages, indexes, constraints).
        case integrity
        /// A row of `PRAGMA foreign_key_check` outside the sale table (sales have their own checks).
        case foreignKey = "foreign_key"
        /// A sale whose store does not exist.
        case saleStore = "sale_store"
        /// A sale whose product does not exist.
        case saleProduct = "sale_product"
        /// A sale whose import does not exist.
        case saleImport = "sale_import"
        /// A sale whose revenue is not its quantity times its unit price.
        case saleRevenue = "sale_revenue"
        /// A sale whose unit price is not its product's price in effect at its import.
        case salePrice = "sale_price"
        /// A product whose current price is not the last one of its price history.
        case productPrice = "product_price"
        /// A file of the audit whose counters do not add up (`read` = the outcomes of its rows).
        case importCounters = "import_counters"
        /// An import whose sales in the database are not the number its audit says it inserted.
        case importSales = "import_sales"
        /// An import whose quarantined rows are not the number its audit says it rejected.
        case importRejects = "import_rejects"
        /// A row of the summary tables (totals by day and store, by product) that is not the total
        /// of the sales it sums.
        case saleTotals = "sale_totals"
    }

    public let check: Check
    /// What is wrong, naming the rows concerned, in one line.
    public let message: String

    public init(_ check: Check, _ message: String) {
        self.check = check
        self.message = message
    }
}

/// What `SQLiteStore.check(path:)` found: nothing when the database is sound.
public struct CheckReport: Sendable {
    /// The database checked, as given.
    public let path: String
    /// In the order of `CheckFinding.Check`; at most `SQLiteStore.findingsPerCheck` rows named
    /// per check, then one finding counting the others.
    public let findings: [CheckFinding]

    /// True when no check found anything.
    public var isSound: Bool { findings.isEmpty }
}
