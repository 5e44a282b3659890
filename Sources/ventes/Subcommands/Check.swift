import ArgumentParser
import VentesKit

extension Ventes {
    /// `ventes check`: SQLite's integrity and foreign key checks and the database's own invariants.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the database: integrity, foreign keys, revenues, prices and audit counters.",
            discussion: """
                Runs PRAGMA integrity_check and PRAGMA foreign_key_check, then checks that every sale's store, \
                product and import exist, that its revenue is quantity × unit price and its unit price its \
                product's price at its import, that each product's price is the last of its history, and that \
                the audit's counters add up and match the sales and quarantined rows of each import, and that the \
                summary tables (totals by day and store, by product) are the totals of the sales. Prints one \
                line per finding (at most \(SQLiteStore.findingsPerCheck) per check, then how many more) and \
                exits with status 1 if there is any. Never writes to the database; reads all of it. On PostgreSQL, \
                which enforces integrity and foreign keys on every write, the invariants are checked in SQL.
                """)

        /// How the findings are printed.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @OptionGroup var common: CommonOptions

        @Option(help: "Output format: text (one line per finding) or json ({\"ok\":…,\"findings\":[…]}).")
        var format: Format = .text

        func run() throws {
            let database = try common.settings().databasePath
            let report: CheckReport
            do {
                report = PostgreSQLStore.handles(database)
                    ? try PostgreSQLStore.check(url: database) : try SQLiteStore.check(path: database)
            } catch {
                throw CommandError("\(error); name the database with --db (or VENTES_DB)")
            }
            switch format {
            case .text:
                if report.isSound {
                    print("\(report.path): ok (integrity, foreign keys, sales, prices, audit counters, summary tables)")
                }
                for finding in report.findings {
                    print("\(finding.check.rawValue): \(finding.message)")
                }
            case .json:
                print(Self.json(report).serialized())
            }
            if !report.isSound {
                var standardError = StandardError()
                let count = report.findings.count
                print("\(report.path): \(count) finding\(count == 1 ? "" : "s")", to: &standardError)
                throw ExitCode.failure
            }
        }

        static func json(_ report: CheckReport) -> JSONValue {
            .object([
                ("database", .string(report.path)),
                ("ok", .bool(report.isSound)),
                ("findings", .array(report.findings.map { finding in
                    .object([("check", .string(finding.check.rawValue)), ("message", .string(finding.message))])
                })),
            ])
        }
    }
}
