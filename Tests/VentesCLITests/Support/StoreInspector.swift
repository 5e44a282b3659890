import Foundation

/// Reads a project's store from the outside whatever its backend: the SQLite file through
/// `DatabaseFile`, a PostgreSQL schema through `psql`. Values come back as text, as the two shells
/// show them (integers as digits, dates as `yyyy-mm-dd`, `NULL` for null), so the same SQL and the
/// same expectations serve both; write booleans as integers (`CASE WHEN … THEN 1 ELSE 0 END`).
struct StoreInspector {
    let backend: Backend
    /// The SQLite file (SQLite) or the schema name (PostgreSQL).
    let location: String

    /// The rows of `sql`, each as an array of values shown as text.
    func rows(_ sql: String) throws -> [[String]] {
        switch backend {
        case .sqlite: return try DatabaseFile(location).rows(sql)
        case .postgresql: return try PostgreSQLTestServer.psql(sql, schema: location)
        }
    }

    /// The single integer `sql` returns.
    func integer(_ sql: String) throws -> Int {
        let rows = try rows(sql)
        guard let text = rows.first?.first else { return 0 }
        guard let value = Int(text) else { throw NotAnInteger(description: "\(sql): \(text) is not an integer") }
        return value
    }

    struct NotAnInteger: Error, CustomStringConvertible { let description: String }

    /// The content of every table ventes writes (not the analyses' results), each table's rows
    /// sorted: equal snapshots mean an unchanged store.
    func snapshot() throws -> [String: [[String]]] {
        let tables = ["import_run", "import_file", "store", "product", "product_price", "sale", "rejected_row",
                      "http_source", "import_fetch", "analysis_run", "analysis_output", "sale_total_by_day_store",
                      "sale_total_by_product", "refresh_cycle", "refresh_news", "refresh_source"]
        var content: [String: [[String]]] = [:]
        for table in tables {
            content[table] = try rows("SELECT * FROM \"\(table)\"").sorted { $0.lexicographicallyPrecedes($1) }
        }
        return content
    }

    /// The number of rows of `table` (a name from the schema, never from data).
    func count(_ table: String) throws -> Int {
        try integer("SELECT COUNT(*) FROM \"\(table)\"")
    }
}
