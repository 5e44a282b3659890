import ArgumentParser
import Foundation
import VentesKit

extension Ventes {
    /// `ventes migrate`: a SQLite database copied whole into another, empty, database.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a SQLite database whole into another, empty database.",
            discussion: """
                Copies every table of --from (sales, stores, products, price history, audit, quarantine, \
                HTTP validators, refresh cycles, analysis runs and their results) into --to, in one \
                transaction, then compares the row counts of every table and the sales' units and revenue \
                on both sides and rolls back on any difference. --to must hold no data yet; its schema is \
                created or migrated first. The source is only read. After it, the next import of the same \
                export into --to takes the fast path, as it would have on the source.
                """)

        @Option(help: ArgumentHelp("The SQLite database to copy (it must exist).", valueName: "path"))
        var from: String

        @Option(help: ArgumentHelp("The database to fill: a new SQLite file, or an empty PostgreSQL database or schema.", valueName: "database"))
        var to: String

        func run() throws {
            guard FileManager.default.fileExists(atPath: from) else {
                throw CommandError("\(from): no such database; name the SQLite database to copy with --from")
            }
            let source = try SQLiteStore(path: from)
            let opened = try StoreLocation.open(to)
            guard let target = opened as? any CopyTarget else {
                throw CommandError("\(opened.location): this kind of database cannot receive a copy")
            }
            let copied: StoreFingerprint
            do {
                copied = try target.receiveCopy(from: source)
            } catch let error as StoreCopyError {
                switch error {
                case .targetNotEmpty:
                    throw CommandError("\(error); name a new database with --to (a new SQLite file, or another schema= in a PostgreSQL URL)")
                case .unknownTable:
                    throw CommandError("\(error); update ventes where --to was created, or name a new database with --to")
                case .mismatch:
                    throw CommandError("\(error)")
                }
            }
            for (table, rows) in copied.rowCounts.sorted(by: { $0.key < $1.key }) where rows > 0 {
                print("  \(table): \(rows) rows")
            }
            let sales = copied.rowCounts["sale"] ?? 0
            let runs = copied.rowCounts["analysis_run"] ?? 0
            print("Copied \(source.location) into \(target.location): \(copied.rowCounts.count) tables, \(sales) sales "
                  + "(\(copied.saleUnits) units, revenue \(copied.saleRevenueCents)), \(runs) analysis runs; "
                  + "row counts and totals match")
        }
    }
}
