import Foundation
import Testing

/// Runs the built `ventes` binary in a scratch directory and reads its store from the outside: a
/// SQLite file with the sqlite3 CLI, or a fresh schema of the PostgreSQL test server with psql.
struct DialectWorkspace {
    /// The scratch directory (removed by `remove()`).
    let directory: URL
    /// The store the workspace's commands use.
    let backend: Backend
    /// The PostgreSQL schema of the workspace (nil on SQLite; dropped by `remove()`).
    let schema: String?
    /// The SQLite database every command of this workspace uses (SQLite only).
    var databasePath: String { directory.appendingPathComponent("ventes.db").path }
    /// The `--db` value every command of this workspace uses: the SQLite file or the schema's URL.
    var databaseArgument: String { get throws { try schema.map(PostgreSQLTestServer.url(schema:)) ?? databasePath } }
    /// The analyses file the project ships for this backend.
    var analysesFile: URL { backend == .sqlite ? Fixtures.analysesFile : Fixtures.postgreSQLAnalysesFile }

    /// What a command printed and how it ended.
    typealias Outcome = CommandResult

    init(backend: Backend = .sqlite) throws {
        self.backend = backend
        schema = backend == .postgresql ? PostgreSQLTestServer.newSchemaName() : nil
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ventes-dialects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() {
        // Cleanup only: a leftover scratch directory does not change a test's verdict.
        try? FileManager.default.removeItem(at: directory)
        if let schema { PostgreSQLTestServer.dropSchema(schema) }
    }

    /// The committed fixture `name` (a file or directory under Fixtures/dialects).
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/dialects").appendingPathComponent(name)
    }

    /// The clean sample, csv/ at the repository root.
    static var sampleDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("csv")
    }

    /// The `ventes` binary built next to the test bundle.
    static var binary: URL { get throws { try VentesCommand.binary() } }

    /// Writes `bytes` to `name` in the workspace and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// Runs `ventes ARGUMENTS --db <workspace store>` in the workspace.
    func ventes(_ arguments: [String], database: Bool = true) throws -> Outcome {
        try run(try Self.binary, arguments + (database ? ["--db", try databaseArgument] : []))
    }

    /// Runs `SQL` on the store (`sqlite3 -separator |`, or `psql` unaligned with `|` between
    /// fields) and returns its output lines.
    func query(_ sql: String) throws -> [String] {
        if let schema {
            return try PostgreSQLTestServer.psql(sql, schema: schema).map { $0.joined(separator: "|") }
        }
        let outcome = try run(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-separator", "|", databasePath, sql])
        #expect(outcome.status == 0, "sqlite3 failed: \(outcome.stderr)")
        return outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    private func run(_ executable: URL, _ arguments: [String]) throws -> Outcome {
        try Launcher.run(executable, arguments, in: directory)
    }

    /// The logical content of the database: stores, products, sales, each sorted, one line per row.
    func logicalRows() throws -> [String] {
        try query("SELECT 'store', id, city, region, employees FROM store ORDER BY id")
            + query("SELECT 'product', id, name, price_cents, stock FROM product ORDER BY id")
            + query("""
                SELECT 'sale', date, product_id, store_id, quantity, unit_price_cents, revenue_cents FROM sale
                ORDER BY date, product_id, store_id, quantity
                """)
    }

    /// `ventes analyze --format json` with the run id taken out, for comparing two databases.
    func analysesJSON() throws -> String {
        let outcome = try ventes(["analyze", "--format", "json", "--sql", analysesFile.path])
        #expect(outcome.status == 0, "analyze failed: \(outcome.stderr)")
        return outcome.stdout.replacingOccurrences(of: #"\{"run_id":\d+,"#, with: "{", options: .regularExpression)
    }

    /// Imports the three files of `directory` (magasins.csv, produits.csv, ventes.csv).
    func importDirectory(_ directory: URL, _ extra: [String] = []) throws -> Outcome {
        try ventes(["import", "--csv-dir", directory.path] + extra)
    }
}
