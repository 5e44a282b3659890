import Foundation

/// What a `ventes` process writing a project's store has done so far, seen from the outside, so a
/// test can stop it at a chosen moment (mid-import, say) without sleeping a fixed time.
struct StoreProgress: Sendable {
    let backend: Backend
    /// The SQLite file (SQLite) or the schema name (PostgreSQL).
    let location: String

    var store: StoreInspector { StoreInspector(backend: backend, location: location) }

    /// True once the store is there: the SQLite file exists, or the schema holds a table (a schema
    /// being created in a transaction is not visible before its commit).
    func storeExists() -> Bool {
        switch backend {
        case .sqlite:
            return FileManager.default.fileExists(atPath: location)
        case .postgresql:
            // Absent, not an error, while the schema is not there.
            let tables = try? store.integer("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()")
            return (tables ?? 0) > 0
        }
    }

    /// The bytes imports have written so far, committed or not, -1 while there is nothing to
    /// measure: on SQLite the size of the write-ahead log (uncommitted pages go there). On
    /// PostgreSQL a file's sales go with COPY into `sale` (a first import) or into a temporary table
    /// (invisible to other sessions), then into `sale` at the file's end: the size of `sale` and its
    /// indexes, or, while the import's connection (`application_name` "ventes <schema>") is sending
    /// sales with COPY, `Int.max`: any depth of either counts as mid-import there.
    func writtenBytes() -> Int {
        switch backend {
        case .sqlite:
            // Absent until a connection opens the database in WAL mode.
            return (try? FileManager.default.attributesOfItem(atPath: location + "-wal")[.size] as? NSNumber)?.intValue ?? -1
        case .postgresql:
            // to_regclass: NULL, not an error, while the table is not there; a psql failure is a
            // schema not there yet either.
            let copying = (try? store.integer("""
                SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'ventes \(location)' AND query LIKE 'COPY "sale%'
                """)) ?? 0
            if copying > 0 { return Int.max }
            return (try? store.integer("SELECT COALESCE(pg_total_relation_size(to_regclass('sale')), -1)")) ?? -1
        }
    }

    /// Waits, on a thread of its own (the moment must not depend on how busy the suite's shared
    /// threads are), until `reached` holds or `running` ends, and sends `signal` if it still runs.
    /// Looks every 2 ms on SQLite (a `stat`), every 50 ms on PostgreSQL (a `psql` run: looking
    /// more often would take a core from the processes under test). Returns whether the signal was sent.
    @discardableResult
    func signal(_ running: RunningCommand, _ signal: Int32, when reached: @escaping @Sendable () -> Bool) async throws -> Bool {
        let pause: useconds_t = backend == .sqlite ? 2_000 : 50_000
        return try await onOwnThread {
            while running.isRunning {
                if reached() {
                    running.kill(signal)
                    return true
                }
                usleep(pause)
            }
            return false
        }
    }
}

extension Project {
    /// The project's store, watched from the outside while a process writes it.
    var progress: StoreProgress { StoreProgress(backend: backend, location: schema ?? directory.path("data/ventes.db")) }
}

extension StoreInspector {
    /// `rows(sql)` on a thread of its own: `psql` runs for a while, and a loopback server or a
    /// service followed in this process must keep being served by the suite's few shared threads.
    func rowsAsync(_ sql: String) async throws -> [[String]] {
        try await onOwnThread { try self.rows(sql) }
    }

    /// `integer(sql)` on a thread of its own (see `rowsAsync`).
    func integerAsync(_ sql: String) async throws -> Int {
        try await onOwnThread { try self.integer(sql) }
    }

    /// `count(table)` on a thread of its own (see `rowsAsync`).
    func countAsync(_ table: String) async throws -> Int {
        try await onOwnThread { try self.count(table) }
    }
}
