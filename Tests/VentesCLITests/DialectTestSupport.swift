import Foundation
import Testing

/// Runs the built `ventes` binary in a scratch directory and reads its database with the sqlite3 CLI.
struct DialectWorkspace {
    /// The scratch directory (removed by `remove()`).
    let directory: URL
    /// The database every command of this workspace uses.
    var databasePath: String { directory.appendingPathComponent("ventes.db").path }

    /// What a command printed and how it ended.
    typealias Outcome = CommandResult

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ventes-dialects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() {
        // Cleanup only: a leftover scratch directory does not change a test's verdict.
        try? FileManager.default.removeItem(at: directory)
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

    /// Runs `ventes ARGUMENTS --db <workspace db>` in the workspace.
    func ventes(_ arguments: [String], database: Bool = true) throws -> Outcome {
        try run(try Self.binary, arguments + (database ? ["--db", databasePath] : []))
    }

    /// Runs `sqlite3 -separator | <db> SQL` and returns its output lines.
    func query(_ sql: String) throws -> [String] {
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
        let sql = Self.sampleDirectory.deletingLastPathComponent().appendingPathComponent("results/analyses.sql").path
        let outcome = try ventes(["analyze", "--format", "json", "--sql", sql])
        #expect(outcome.status == 0, "analyze failed: \(outcome.stderr)")
        return outcome.stdout.replacingOccurrences(of: #"\{"run_id":\d+,"#, with: "{", options: .regularExpression)
    }

    /// Imports the three files of `directory` (magasins.csv, produits.csv, ventes.csv).
    func importDirectory(_ directory: URL, _ extra: [String] = []) throws -> Outcome {
        try ventes(["import", "--csv-dir", directory.path] + extra)
    }
}
