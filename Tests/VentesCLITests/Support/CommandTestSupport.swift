import Foundation
import GRDB

/// What the command tests (check, results, report, rejects, settings, status…) need to run the same
/// body on either backend: the store's name in messages, the analyses file shipped for it, writes
/// made behind ventes' back, and stores other than the project's.
extension Project {
    /// How `ventes` names the project's store in its messages: the default path on SQLite, the
    /// schema's URL (it has no password) on PostgreSQL.
    var storeName: String { backend == .sqlite ? "data/ventes.db" : databaseArgument }

    /// The repository's analyses file for this backend (the one the project holds a copy of).
    var shippedAnalyses: URL { backend == .sqlite ? Fixtures.analysesFile : Fixtures.postgreSQLAnalysesFile }

    /// Runs `sql` (the statement for this backend) on the store the way another tool would, and
    /// closes the connection before `ventes` runs again: on SQLite with foreign keys off, as the
    /// sqlite3 shell has them; on PostgreSQL with `psql`.
    func tamper(sqlite: String, postgresql: String) throws {
        switch backend {
        case .sqlite:
            var configuration = Configuration()
            configuration.foreignKeysEnabled = false
            let queue = try DatabaseQueue(path: database.path, configuration: configuration)
            try queue.writeWithoutTransaction { db in try db.execute(sql: sqlite) }
            try queue.close()
        case .postgresql:
            _ = try PostgreSQLTestServer.psql(postgresql, schema: schema)
        }
    }

    /// Writes `bytes` to `name` in the project directory and returns its full path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String { try directory.write(Data(bytes), to: name) }

    /// Writes `text` (UTF-8) to `name` in the project directory and returns its full path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try directory.write(text, to: name) }

    /// True when the store was created: the file, or the schema.
    func storeExists() throws -> Bool {
        guard let schema else { return directory.exists("data/ventes.db") }
        return try PostgreSQLTestServer.schemaExists(schema)
    }

    /// Everything the store holds, to compare before and after a command that must not write: on
    /// SQLite every table and the schema; on PostgreSQL every table ventes writes.
    func fullSnapshot() throws -> [String: [[String]]] {
        backend == .sqlite ? try database.snapshot() : try store.snapshot()
    }
}

extension StoreInspector {
    /// The rows of `sql`, each as one line with its values separated by `|` (as `sqlite3` prints them).
    func lines(_ sql: String) throws -> [String] {
        try rows(sql).map { $0.joined(separator: "|") }
    }
}

/// A store other than the project's, on the project's backend: a SQLite file inside the project
/// directory, or a fresh schema of the test server (dropped when this goes away).
final class OtherStore {
    let backend: Backend
    /// What `ventes` is given (`--db`, `VENTES_DB`, `database =`): the file's path as given, or the schema's URL.
    let argument: String
    /// The file's full path, or the schema's name.
    let location: String

    /// `file` (relative to `project`'s directory) on SQLite; a new schema on PostgreSQL.
    init(_ project: Project, file: String) throws {
        backend = project.backend
        if backend == .sqlite {
            argument = file
            location = project.directory.path(file)
        } else {
            location = PostgreSQLTestServer.newSchemaName()
            argument = try PostgreSQLTestServer.url(schema: location)
        }
    }

    deinit {
        if backend == .postgresql { PostgreSQLTestServer.dropSchema(location) }
    }

    /// Reads the store from the outside.
    var store: StoreInspector { StoreInspector(backend: backend, location: location) }

    /// True when the store was created (the file, or the schema).
    func exists() throws -> Bool {
        switch backend {
        case .sqlite: return FileManager.default.fileExists(atPath: location)
        case .postgresql: return try PostgreSQLTestServer.schemaExists(location)
        }
    }
}

extension PostgreSQLTestServer {
    /// True when the test server has a schema named `schema` (a name made by `newSchemaName`).
    static func schemaExists(_ schema: String) throws -> Bool {
        try psql("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '\(schema)'") == [["1"]]
    }
}

extension WatchService {
    /// Waits until `project`'s store records at least `count` refresh cycles, whatever its backend
    /// (`waitForCycles(_:)` reads a SQLite file); fails after `timeout` seconds or when the service ends.
    func waitForCycles(_ count: Int, of project: Project, timeout: TimeInterval = 120) async throws {
        guard project.backend == .postgresql else {
            try await waitForCycles(count)
            return
        }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            // Until the service has created the schema there is no table to count: no cycle yet.
            let recorded = (try? project.store.count("refresh_cycle")) ?? 0
            if recorded >= count { return }
            guard running.isRunning else {
                throw Timeout(description: "the service ended before \(count) cycles: \(try running.wait().transcript)")
            }
            guard Date() < deadline else { throw Timeout(description: "no \(count) cycles after \(Int(timeout)) s") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
