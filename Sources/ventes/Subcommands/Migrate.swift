import ArgumentParser
import Foundation
import VentesKit

extension Ventes {
    /// `ventes migrate`: copies a SQLite database into an empty PostgreSQL schema.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a SQLite database into an empty PostgreSQL schema, in one transaction.",
            discussion: """
                Copies sales, stores, products, price history, audit, quarantine, HTTP validators, refresh \
                cycles, analysis runs and their results; checks the row count of every table and the sales' \
                total revenue on both sides, and rolls everything back if they differ. Refuses a schema that \
                already holds imports, sales or analysis runs. The next import of the same export then takes \
                the fast path, as it would have on SQLite.
                """)

        @Option(help: ArgumentHelp("The SQLite database to copy.", valueName: "path"))
        var from: String

        @Option(help: ArgumentHelp("The PostgreSQL schema to copy into: postgresql://user@host:5432/dbname?schema=ventes.", valueName: "url"))
        var to: String

        func run() throws {
            guard PostgreSQLStore.handles(to) else {
                throw ValidationError("--to must be a postgresql:// URL, not \(URLPassword.masked(to))")
            }
            guard FileManager.default.fileExists(atPath: from) else {
                throw CommandError("\(from): no such database file; name the SQLite database to copy with --from")
            }
            let source = try SQLiteStore(path: from)
            let target = try PostgreSQLStore(url: to)
            let tables = try source.exportTables()
            let runs = try source.analysisRuns().reversed().compactMap { try source.analysisRun(id: $0.id) }
            let summary = try target.load(tables, runs: runs)
            let sales = summary.rows.first { $0.table == "sale" }?.count ?? 0
            let copied = summary.rows.filter { $0.count > 0 }.map { "\($0.table) \($0.count)" }.joined(separator: ", ")
            print("\(from) copied into \(target.location): \(copied); \(summary.analysisRuns) analysis runs with their results")
            print("Checked: every table's row count, and the sales' total revenue on both sides: \(Cents(summary.salesRevenueCents)) (\(sales) sales)")
        }
    }
}
