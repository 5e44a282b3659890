import NIOCore
import PostgresNIO

/// One sales file's way into `sale`, chosen at its first batch:
/// - **straight in**, when `sale` holds no sale (a first import): its sales go with `COPY … FROM
///   STDIN` into `sale` itself, sorted in the table's key order a chunk at a time (the index grows
///   in order: a file in random order cost the server 30% more unsorted), its repeated sales left
///   out by `FirstSaleFilter` (the first line of a key or a sale id is kept, as an insert in line
///   order would), its figures added to the summary tables once, at the file's end. `LOCK TABLE
///   sale IN SHARE ROW EXCLUSIVE MODE` keeps any other writer (a loader that is not ventes) from
///   adding sales meanwhile; readers are not held up.
/// - **staged** otherwise (`PostgreSQLSaleStaging`): the server compares every sale with the
///   stored ones at the file's end.
///
/// Measured at 1M sales (docs/BENCHMARKS.md): the first import went from 1.78x psql's `\copy` and
/// `INSERT … ON CONFLICT` to below it. A file whose sales outgrow the filter
/// (`Policy.directCapacity`) goes on staged: the staged sales come later in the file than every
/// sale sent straight in, so `ON CONFLICT DO NOTHING` still keeps the first line of each.
struct PostgreSQLSaleLoad {
    struct Policy: Sendable {
        /// How many sales a file may send straight in (the filter keeps 16 bytes and more for each).
        var directCapacity: Int
        /// How many sales straight in are sorted and sent together.
        var chunkSales = 65_536

        static let standard = Policy(directCapacity: 2_000_000)
    }

    let connection: PostgreSQLConnection
    let importID: Int64
    let policy: Policy

    /// Whether the current file's way was chosen (at its first batch).
    private var chosen = false
    /// Set while the current file goes straight in.
    private var filter: FirstSaleFilter?
    /// The batches of the sales admitted and not sent yet, and those sales.
    private var pending: [SaleBatch] = []
    private var admitted: [DirectSale] = []
    /// What the sales sent straight in add to the summary tables.
    private var directTotals = SaleTotals()
    private var staging: PostgreSQLSaleStaging
    /// Reused for every chunk.
    private var buffer = ByteBuffer()

    static let columns = PostgreSQLSaleStaging.columns + ["import_id"]

    init(connection: PostgreSQLConnection, importID: Int64, policy: Policy) {
        self.connection = connection
        self.importID = importID
        self.policy = policy
        staging = PostgreSQLSaleStaging(connection: connection)
    }

    /// Sends `sales`; returns how many of them go into `sale` straight (the staged ones count at `finish`).
    mutating func add(_ sales: SaleBatch) throws -> Int {
        guard sales.count > 0 else { return 0 }
        if !chosen {
            chosen = true
            filter = try directFilter()
        }
        var end = 0
        var inserted = 0
        // Admitted in place: a copy of the filter would copy its whole set at the next insert.
        if let (stop, seen) = filter?.admit(sales, batchNumber: UInt32(pending.count), into: &admitted) {
            end = stop
            if end < sales.count { filter = nil }
            if end > 0 {
                pending.append(sales)
                inserted = end - seen.count
                directTotals.add(sales.totals)
                for sale in seen + Array(end..<sales.count) { subtract(sale, of: sales) }
            }
            if admitted.count >= policy.chunkSales { try sendAdmitted() }
        }
        try staging.stage(sales, from: end)
        return inserted
    }

    /// Sends what is left of the file straight in, writes what those sales add to the summary
    /// tables, then the staged sales; returns how many staged sales were new. Ready for the next
    /// file afterwards.
    mutating func finish() throws -> Int {
        defer {
            chosen = false
            filter = nil
        }
        try sendAdmitted()
        try writeDirectTotals()
        return try staging.write(importID: importID)
    }

    /// A filter when the file can go straight in: `sale` is empty and the ids can be numbered.
    private func directFilter() throws -> FirstSaleFilter? {
        guard policy.directCapacity > 0, try saleIsEmpty() else { return nil }
        let ids = { (table: String) in try connection.query("SELECT id FROM \(table)").rows.map { try $0.decode(String.self) } }
        let stores = SaleIDRanks(ids: try ids("store")), products = SaleIDRanks(ids: try ids("product"))
        guard FirstSaleFilter.canNumber(stores: stores, products: products) else { return nil }
        return FirstSaleFilter(capacity: policy.directCapacity, stores: stores, products: products)
    }

    /// Sends the admitted sales, in key order, with one COPY (answered while the next are read).
    private mutating func sendAdmitted() throws {
        guard !admitted.isEmpty else { return }
        admitted.sort(by: DirectSale.precedes)
        buffer.clear()
        for sale in admitted {
            _ = pending[Int(sale.batch)].appendCopyLine(Int(sale.sale), importID: importID, to: &buffer)
        }
        try connection.copy(buffer, into: "sale", columns: Self.columns)
        admitted.removeAll(keepingCapacity: true)
        pending.removeAll()
    }

    /// Whether `sale` holds no sale, for certain: once it looks empty, the table is locked against
    /// other writers and looked at again (under READ COMMITTED each statement sees every commit).
    private func saleIsEmpty() throws -> Bool {
        let isEmpty = "SELECT NOT EXISTS (SELECT 1 FROM sale)"
        guard try connection.query(isEmpty).rows.first?.decode(Bool.self) == true else { return false }
        try connection.query("LOCK TABLE sale IN SHARE ROW EXCLUSIVE MODE")
        return try connection.query(isEmpty).rows.first?.decode(Bool.self) == true
    }

    /// Takes sale `index` of `sales` back out of `directTotals` (it was not sent straight in).
    private mutating func subtract(_ index: Int, of sales: SaleBatch) {
        let texts = sales.texts(ofSale: index)
        let numbers = sales.numbers(ofSale: index)
        directTotals.subtract(date: texts.date, storeID: texts.storeID, productID: texts.productID,
                              SaleFigures(sales: 1, units: numbers.quantity, revenueCents: numbers.revenue))
    }

    /// Adds `directTotals` to the summary tables, two statements, the rows as arrays.
    private mutating func writeDirectTotals() throws {
        let byDayStore = directTotals.byDayStore.filter { $0.value != SaleFigures() }
        let byProduct = directTotals.byProduct.filter { $0.value != SaleFigures() }
        directTotals = SaleTotals()
        if !byDayStore.isEmpty {
            var binds = PostgresBindings(capacity: 5)
            binds.append(byDayStore.map(\.key.date))
            binds.append(byDayStore.map(\.key.storeID))
            binds.append(byDayStore.map(\.value.sales))
            binds.append(byDayStore.map(\.value.units))
            binds.append(byDayStore.map(\.value.revenueCents))
            try connection.query("""
                INSERT INTO sale_total_by_day_store AS t (date, store_id, sales_count, units, revenue_cents)
                SELECT date::date, store_id, sales_count, units, revenue_cents
                FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::int8[]) AS u(date, store_id, sales_count, units, revenue_cents)
                ORDER BY 1, 2
                ON CONFLICT (date, store_id) DO UPDATE SET sales_count = t.sales_count + excluded.sales_count,
                    units = t.units + excluded.units, revenue_cents = t.revenue_cents + excluded.revenue_cents
                """, binds)
        }
        if !byProduct.isEmpty {
            var binds = PostgresBindings(capacity: 4)
            binds.append(byProduct.map(\.key))
            binds.append(byProduct.map(\.value.sales))
            binds.append(byProduct.map(\.value.units))
            binds.append(byProduct.map(\.value.revenueCents))
            try connection.query("""
                INSERT INTO sale_total_by_product AS t (product_id, sales_count, units, revenue_cents)
                SELECT product_id, sales_count, units, revenue_cents
                FROM unnest($1::text[], $2::int8[], $3::int8[], $4::int8[]) AS u(product_id, sales_count, units, revenue_cents)
                ORDER BY 1
                ON CONFLICT (product_id) DO UPDATE SET sales_count = t.sales_count + excluded.sales_count,
                    units = t.units + excluded.units, revenue_cents = t.revenue_cents + excluded.revenue_cents
                """, binds)
        }
    }
}
