import Foundation
import GRDB
import Testing

/// `ventes check`: SQLite's checks and the database's own invariants, on a sound database and on
/// databases broken on purpose the ways a person or another tool could break them.
@Suite("Check command") struct CheckCommandTests {
    /// What `check --format json` prints.
    struct Report: Decodable {
        struct Finding: Decodable {
            let check: String
            let message: String
        }

        let database: String
        let ok: Bool
        let findings: [Finding]
    }

    /// A project with the brief's three files imported.
    func importedProject() throws -> Project {
        let project = try Project()
        try project.importBrief()
        return project
    }

    /// Runs `sql` on the project's database the way another tool would: foreign keys off, as the
    /// sqlite3 shell has them, and the connection closed before `ventes` runs again.
    func tamper(_ project: Project, _ sql: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: project.database.path, configuration: configuration)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try queue.close()
    }

    func json(_ project: Project) throws -> Report {
        let result = try project.ventes("check", "--format", "json")
        return try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
    }

    @Test("a database made by ventes is sound: exit 0, one ok line, and ok JSON")
    func soundDatabase() throws {
        let project = try importedProject()
        try #require(project.ventes("analyze").succeeded)

        let result = try project.ventes("check")

        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.stdout == "data/ventes.db: ok (integrity, foreign keys, sales, prices, audit counters, summary tables)\n")
        #expect(result.stderr.isEmpty)
        let report = try json(project)
        #expect(report.ok && report.findings.isEmpty && report.database == "data/ventes.db")
    }

    @Test("a database broken on purpose gives exit 1 and a line naming the problem", arguments: [
        // A revenue edited by hand (SQLite refuses it unless its CHECK constraints are ignored).
        ("PRAGMA ignore_check_constraints = ON; UPDATE sale SET revenue_cents = revenue_cents + 1 WHERE line = 3",
         "sale_revenue", "line 3 of csv/ventes.csv, import 1): revenue 59.98 is not quantity 3 × unit price 19.99 = 59.97"),
        // Dangling sales, written with foreign keys off.
        ("INSERT INTO sale VALUES ('1', '2023-06-01', 'REF404', 1, '', 100, 100, 1, 99)",
         "sale_product", "sale (2023-06-01, store 1, product REF404, quantity 1; line 99 of csv/ventes.csv, import 1): its product REF404 does not exist"),
        ("INSERT INTO sale VALUES ('9', '2023-06-01', 'REF001', 1, '', 4999, 4999, 1, 99)",
         "sale_store", "its store 9 does not exist"),
        ("INSERT INTO sale VALUES ('1', '2023-06-01', 'REF001', 1, 'V-77', 4999, 4999, 77, 4)",
         "sale_import", "sale V-77 (2023-06-01, store 1, product REF001, quantity 1; line 4, import 77): its import 77 does not exist"),
        ("DELETE FROM store WHERE id = '3'", "sale_store", "its store 3 does not exist"),
        // A unit price that is not the product's price at the sale's import (the revenue follows it).
        ("UPDATE sale SET unit_price_cents = 1999, revenue_cents = quantity * 1999 WHERE line = 2",
         "sale_price", "line 2 of csv/ventes.csv, import 1): unit price 19.99 is not 49.99, the price of product REF001 in effect at import 1"),
        ("UPDATE product SET price_cents = 100 WHERE id = 'REF001'",
         "product_price", "product REF001 costs 1.00 but the last price of its history is 49.99 (import 1)"),
        // The audit: counters that do not add up, sales or quarantined rows that are not what it counted.
        ("PRAGMA ignore_check_constraints = ON; UPDATE import_file SET read = read + 1 WHERE kind = 'stores'",
         "import_counters", "import 1, stores file csv/magasins.csv: read 8 is not inserted 7 + updated 0 + unchanged 0 + rejected 0 = 7"),
        ("UPDATE import_file SET duplicates = 1, inserted = inserted - 1 WHERE kind = 'products'",
         "import_counters", "import 1, products file csv/produits.csv: duplicates 1, but no row of a products file is counted as duplicates"),
        ("DELETE FROM sale WHERE line = 3",
         "import_sales", "import 1, sales file csv/ventes.csv: inserted 30 according to its audit, but the database holds 29 of its sales"),
        ("UPDATE import_file SET read = read + 1, rejected = 1 WHERE kind = 'sales'",
         "import_rejects", "import 1, sales file csv/ventes.csv: rejected 1 according to its audit, but the quarantine holds 0 of its rows"),
        ("UPDATE product_price SET product_id = 'REF404' WHERE product_id = 'REF005'",
         "foreign_key", "product_price row 5: its product_id refers to no row of product"),
        // A summary table edited by hand: the analyses would read totals that are not the sales'.
        ("UPDATE sale_total_by_product SET units = units + 1 WHERE product_id = 'REF001'",
         "sale_totals", "sale_total_by_product: the totals of REF001 are not those of the sales"),
        ("DELETE FROM sale_total_by_day_store WHERE date = '2023-05-27' AND store_id = '1'",
         "sale_totals", "sale_total_by_day_store: the totals of 2023-05-27 1 are not those of the sales"),
    ])
    func brokenOnPurpose(sql: String, check: String, expected: String) throws {
        let project = try importedProject()
        try tamper(project, sql)
        let before = try project.database.snapshot()

        let result = try project.ventes("check")

        #expect(result.status == 1, "\(result.transcript)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(check): ") && $0.hasSuffix(expected) }, "\(result.transcript)")
        #expect(result.stderrLines.last?.hasPrefix("data/ventes.db: ") == true && result.stderr.contains(" finding"))
        let report = try json(project)
        #expect(!report.ok)
        #expect(report.findings.map { "\($0.check): \($0.message)" } == lines)
        #expect(try project.database.snapshot() == before, "ventes check wrote to the database")
    }

    @Test("a truncated database file is reported, not a crash; nothing is written to it")
    func truncatedFile() throws {
        let project = try importedProject()
        // Everything in the main file (ventes checkpoints when it closes; make sure), then cut it.
        try tamper(project, "PRAGMA wal_checkpoint(TRUNCATE)")
        let path = project.database.path
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()

        let result = try project.ventes("check")

        #expect(result.status == 1, "\(result.transcript)")
        #expect(!result.killedBySignal)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { ($0.hasPrefix("unreadable: ") && $0.contains("database disk image is malformed")
                                  && $0.contains("restore it from a backup")) || $0.hasPrefix("integrity: ") },
                "\(result.transcript)")
        let report = try json(project)
        #expect(!report.ok && !report.findings.isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size / 2)
    }

    @Test("a file that is not a database, or not a ventes one, is a finding; a missing one an error, and is not created")
    func notADatabase() throws {
        let project = try Project()
        try project.directory.write(String(repeating: "store_id,city\n", count: 100), to: "data/ventes.db")
        var result = try project.ventes("check")
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("unreadable: SQLite cannot read data/ventes.db: file is not a database"), "\(result.transcript)")

        try FileManager.default.removeItem(atPath: project.database.path)
        let other = try DatabaseQueue(path: project.database.path)
        try other.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try other.close()
        result = try project.ventes("check")
        #expect(result.status == 1)
        #expect(result.stdout == "schema: this is not a ventes database: it has no ventes schema (no migration applied)\n")

        result = try project.ventes("check", "--db", "data/none.db")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["Error: data/none.db: no such database file; name the database with --db (or VENTES_DB)"])
        #expect(!project.directory.exists("data/none.db"))
    }

    @Test("at most 20 rows are named per check, then one line counts the others")
    func manyFindings() throws {
        let project = try importedProject()
        try tamper(project, "PRAGMA ignore_check_constraints = ON; UPDATE sale SET revenue_cents = revenue_cents + 1")

        let result = try project.ventes("check")

        #expect(result.status == 1)
        let revenue = result.stdout.split(separator: "\n").filter { $0.hasPrefix("sale_revenue: ") }
        #expect(revenue.count == 21)
        #expect(revenue.last == "sale_revenue: and 10 more sales whose revenue is not quantity × unit price")
    }
}
