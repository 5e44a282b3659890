import Foundation
import GRDB

/// Reads a `ventes` database from the outside, the way a person with the sqlite3 shell would.
///
/// Each call opens its own connection and closes it before returning, so the test never holds
/// a lock while a `ventes` process runs.
struct DatabaseFile {
    let path: String

    init(_ path: String) { self.path = path }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: path) else {
            throw MissingDatabase(description: "\(path): no database file")
        }
        let queue = try DatabaseQueue(path: path)
        return try queue.read(body)
    }

    struct MissingDatabase: Error, CustomStringConvertible { let description: String }

    /// The single integer `sql` returns.
    func integer(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    /// The rows of `sql`, each as an array of values shown as text (`NULL` for null).
    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [[String]] {
        try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                row.databaseValues.map(Self.text)
            }
        }
    }

    /// A value as the sqlite3 shell shows it: text unquoted, `NULL` for null.
    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let int): return String(int)
        case .double(let double): return String(double)
        case .string(let string): return string
        case .blob(let data): return "x'" + data.map { String(format: "%02x", $0) }.joined() + "'"
        }
    }

    /// The number of rows of `table` (a name from the schema, never from data).
    func count(_ table: String) throws -> Int {
        try integer("SELECT COUNT(*) FROM \"\(table)\"")
    }

    /// `PRAGMA integrity_check`'s answer: `["ok"]` for a sound file.
    func integrityCheck() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Every table's full content, ordered, plus the schema: equal snapshots mean an unchanged database.
    func snapshot() throws -> [String: [[String]]] {
        try read { db in
            var tables: [String: [[String]]] = [:]
            let schema = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            tables["sqlite_master"] = schema.map { row in row.databaseValues.map(Self.text) }
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            for name in names {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"")
                tables[name] = rows.map { row in row.databaseValues.map(Self.text) }.sorted { $0.lexicographicallyPrecedes($1) }
            }
            return tables
        }
    }
}
