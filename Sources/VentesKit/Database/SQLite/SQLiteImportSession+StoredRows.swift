import GRDB

extension SQLiteImportSession {
    /// The store `id` as the database holds it now, or nil.
    func storedStore(id: String) throws -> StoreRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT city, region, employees FROM store WHERE id = ?"), arguments: [id])
            .map { StoreRecord(id: id, city: $0["city"], region: $0["region"], employees: $0["employees"]) }
    }

    /// The product `id` as the database holds it now, or nil.
    func storedProduct(id: String) throws -> ProductRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT name, price_cents, stock FROM product WHERE id = ?"), arguments: [id])
            .map { ProductRecord(id: id, name: $0["name"], price: Cents($0["price_cents"]), stock: $0["stock"]) }
    }
}
