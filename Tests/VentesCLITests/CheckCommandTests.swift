import Foundation
import GRDB
import Testing

/// `ventes check`: the engine's checks and the database's own invariants, on a sound database and
/// on databases broken on purpose the ways a person or another tool could break them, on SQLite and
/// (when VENTES_TEST_POSTGRESQL_URL is set) PostgreSQL; what only PostgreSQL has is in PostgreSQLCheckTests.
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

    /// One way of breaking a database on purpose: the SQL for each backend (nil where that backend
    /// cannot be broken that way), the check that must report it and the end of its finding.
    struct Tampering: Sendable, CustomTestStringConvertible {
        let sqlite: String
        let postgresql: String?
        let check: String
        let expected: String

        var testDescription: String { check + ": " + sqlite }

        init(_ sqlite: String, postgresql: String? = nil, samePostgreSQL: Bool = false, _ check: String, _ expected: String) {
            self.sqlite = sqlite
            self.postgresql = samePostgreSQL ? sqlite : postgresql
            self.check = check
            self.expected = expected
        }
    }

    /// A project on `backend` with the brief's three files imported.
    func importedProject(_ backend: Backend = .sqlite) throws -> Project {
        let project = try Project(backend: backend)
        try project.importBrief()
        return project
    }

    func json(_ project: Project) throws -> Report {
        let result = try project.ventes("check", "--format", "json")
        return try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
    }

    @Test("a database made by ventes is sound: exit 0, one ok line, and ok JSON (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func soundDatabase(backend: Backend) throws {
        let project = try importedProject(backend)
        try #require(project.ventes("analyze").succeeded)

        let result = try project.ventes("check")

        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.stdout == "\(project.storeName): ok (integrity, foreign keys, sales, prices, audit counters, summary tables)\n")
        #expect(result.stderr.isEmpty)
        let report = try json(project)
        #expect(report.ok && report.findings.isEmpty && report.database == project.storeName)
    }

    static let tamperings: [Tampering] = [
        // A revenue edited by hand (SQLite refuses it unless its CHECK constraints are ignored;
        // PostgreSQL unless the table's owner drops the constraint).
        Tampering("PRAGMA ignore_check_constraints = ON; UPDATE sale SET revenue_cents = revenue_cents + 1 WHERE line = 3",
                  postgresql: "ALTER TABLE sale DROP CONSTRAINT sale_check; UPDATE sale SET revenue_cents = revenue_cents + 1 WHERE line = 3",
                  "sale_revenue", "line 3 of csv/ventes.csv, import 1): revenue 59.98 is not quantity 3 × unit price 19.99 = 59.97"),
        // Dangling sales, written with foreign keys off (PostgreSQL: its reference triggers off).
        Tampering("INSERT INTO sale VALUES ('1', '2023-06-01', 'REF404', 1, '', 100, 100, 1, 99)",
                  postgresql: "SET session_replication_role = replica; INSERT INTO sale VALUES ('1', '2023-06-01', 'REF404', 1, '', 100, 100, 1, 99)",
                  "sale_product", "sale (2023-06-01, store 1, product REF404, quantity 1; line 99 of csv/ventes.csv, import 1): its product REF404 does not exist"),
        Tampering("INSERT INTO sale VALUES ('9', '2023-06-01', 'REF001', 1, '', 4999, 4999, 1, 99)",
                  postgresql: "SET session_replication_role = replica; INSERT INTO sale VALUES ('9', '2023-06-01', 'REF001', 1, '', 4999, 4999, 1, 99)",
                  "sale_store", "its store 9 does not exist"),
        Tampering("INSERT INTO sale VALUES ('1', '2023-06-01', 'REF001', 1, 'V-77', 4999, 4999, 77, 4)",
                  postgresql: "SET session_replication_role = replica; INSERT INTO sale VALUES ('1', '2023-06-01', 'REF001', 1, 'V-77', 4999, 4999, 77, 4)",
                  "sale_import", "sale V-77 (2023-06-01, store 1, product REF001, quantity 1; line 4, import 77): its import 77 does not exist"),
        Tampering("DELETE FROM store WHERE id = '3'",
                  postgresql: "SET session_replication_role = replica; DELETE FROM store WHERE id = '3'",
                  "sale_store", "its store 3 does not exist"),
        // A unit price that is not the product's price at the sale's import (the revenue follows it).
        Tampering("UPDATE sale SET unit_price_cents = 1999, revenue_cents = quantity * 1999 WHERE line = 2", samePostgreSQL: true,
                  "sale_price", "line 2 of csv/ventes.csv, import 1): unit price 19.99 is not 49.99, the price of product REF001 in effect at import 1"),
        Tampering("UPDATE product SET price_cents = 100 WHERE id = 'REF001'", samePostgreSQL: true,
                  "product_price", "product REF001 costs 1.00 but the last price of its history is 49.99 (import 1)"),
        // The audit: counters that do not add up, sales or quarantined rows that are not what it counted.
        Tampering("PRAGMA ignore_check_constraints = ON; UPDATE import_file SET read = read + 1 WHERE kind = 'stores'",
                  postgresql: "ALTER TABLE import_file DROP CONSTRAINT import_file_check; UPDATE import_file SET read = read + 1 WHERE kind = 'stores'",
                  "import_counters", "import 1, stores file csv/magasins.csv: read 8 is not inserted 7 + updated 0 + unchanged 0 + rejected 0 = 7"),
        Tampering("UPDATE import_file SET duplicates = 1, inserted = inserted - 1 WHERE kind = 'products'", samePostgreSQL: true,
                  "import_counters", "import 1, products file csv/produits.csv: duplicates 1, but no row of a products file is counted as duplicates"),
        Tampering("DELETE FROM sale WHERE line = 3", samePostgreSQL: true,
                  "import_sales", "import 1, sales file csv/ventes.csv: inserted 30 according to its audit, but the database holds 29 of its sales"),
        Tampering("UPDATE import_file SET read = read + 1, rejected = 1 WHERE kind = 'sales'", samePostgreSQL: true,
                  "import_rejects", "import 1, sales file csv/ventes.csv: rejected 1 according to its audit, but the quarantine holds 0 of its rows"),
        // SQLite only: SQLite's foreign_key_check (rows named by rowid); PostgreSQL enforces that foreign key on every write.
        Tampering("UPDATE product_price SET product_id = 'REF404' WHERE product_id = 'REF005'",
                  "foreign_key", "product_price row 5: its product_id refers to no row of product"),
        // A summary table edited by hand: the analyses would read totals that are not the sales'.
        Tampering("UPDATE sale_total_by_product SET units = units + 1 WHERE product_id = 'REF001'", samePostgreSQL: true,
                  "sale_totals", "sale_total_by_product: the totals of REF001 are not those of the sales"),
        Tampering("DELETE FROM sale_total_by_day_store WHERE date = '2023-05-27' AND store_id = '1'", samePostgreSQL: true,
                  "sale_totals", "sale_total_by_day_store: the totals of 2023-05-27 1 are not those of the sales"),
    ]

    /// Each tampering on each available backend that can be broken that way.
    static let brokenCases: [(Backend, Tampering)] = tamperings.flatMap { tampering in
        Backend.available.filter { $0 == .sqlite || tampering.postgresql != nil }.map { ($0, tampering) }
    }

    @Test("a database broken on purpose gives exit 1 and a line naming the problem; check writes nothing (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: brokenCases)
    func brokenOnPurpose(backend: Backend, tampering: Tampering) throws {
        let project = try importedProject(backend)
        try project.tamper(sqlite: tampering.sqlite, postgresql: tampering.postgresql ?? "")
        let before = try project.fullSnapshot()

        let result = try project.ventes("check")

        #expect(result.status == 1, "\(result.transcript)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(tampering.check): ") && $0.hasSuffix(tampering.expected) }, "\(result.transcript)")
        #expect(result.stderrLines.last?.hasPrefix("\(project.storeName): ") == true && result.stderr.contains(" finding"),
                "\(result.stderr)")
        let report = try json(project)
        #expect(!report.ok)
        #expect(report.findings.map { "\($0.check): \($0.message)" } == lines)
        #expect(try project.fullSnapshot() == before, "ventes check wrote to the database")
    }

    func tamper(_ project: Project, _ sql: String) throws {
        try project.tamper(sqlite: sql, postgresql: sql)
    }

    // SQLite only: a truncated SQLite file on disk.
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

    // SQLite only: files on disk that are not SQLite, or not ventes, databases (PostgreSQL's missing
    // or foreign schemas: PostgreSQLCheckTests and noVentesSchema below).
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

    @Test("a store without the ventes schema is one schema finding; a missing one is an error and is not created (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func noVentesSchema(backend: Backend) throws {
        let project = try Project(backend: backend)
        let foreign = try OtherStore(project, file: "data/notes.db")
        switch backend {
        case .sqlite:
            try FileManager.default.createDirectory(atPath: project.directory.path("data"), withIntermediateDirectories: true)
            let queue = try DatabaseQueue(path: foreign.location)
            try queue.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
            try queue.close()
        case .postgresql:
            _ = try PostgreSQLTestServer.psql("CREATE SCHEMA \(foreign.location); CREATE TABLE \(foreign.location).notes (text text)")
        }

        var result = try project.ventes("check", "--db", foreign.argument)
        #expect(result.status == 1, "\(result.transcript)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 && lines[0].hasPrefix("schema: ") && lines[0].contains("(no migration applied)"), "\(result.transcript)")
        let otherTables = backend == .sqlite
            ? "SELECT name FROM sqlite_master WHERE name <> 'notes'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = '\(foreign.location)' AND table_name <> 'notes'"
        #expect(try foreign.store.rows(otherTables) == [],
                "check created tables")

        let missing = try OtherStore(project, file: "data/none.db")
        result = try project.ventes("check", "--db", missing.argument)
        #expect(result.status == 1, "\(result.transcript)")
        #expect(try !missing.exists(), "check created the store")
    }

    @Test("at most 20 rows are named per check, then one line counts the others (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func manyFindings(backend: Backend) throws {
        let project = try importedProject(backend)
        try project.tamper(sqlite: "PRAGMA ignore_check_constraints = ON; UPDATE sale SET revenue_cents = revenue_cents + 1",
                           postgresql: "ALTER TABLE sale DROP CONSTRAINT sale_check; UPDATE sale SET revenue_cents = revenue_cents + 1")

        let result = try project.ventes("check")

        #expect(result.status == 1)
        let revenue = result.stdout.split(separator: "\n").filter { $0.hasPrefix("sale_revenue: ") }
        #expect(revenue.count == 21)
        #expect(revenue.last == "sale_revenue: and 10 more sales whose revenue is not quantity × unit price")
    }
}
