import Foundation
import GRDB
import Testing
@testable import VentesKit

/// A whole sales file is read once: its dialect is surveyed while it is imported, and the import
/// starts over surveying first only when the file disagrees with what was assumed (issue 5). Sales
/// are written sorted by key within each batch, with SQLite's foreign key checks off inside the
/// import: what the database holds must be exactly what the two-pass, file-order import gave.
@Suite("Single-pass sales import")
struct SinglePassSalesTests {
    static let header = "Date,ID Référence produit,Quantité,ID Magasin\n"
    static let surveyingFirst = "surveying it first"

    /// `rows` distinct sales of the brief's products and stores, dated by `date(index)`.
    static func sales(rows: Int, date: (Int) -> String) -> String {
        (0..<rows).map { index in "\(date(index)),REF00\(index % 5 + 1),\(index / 140 + 1),\(index % 7 + 1)\n" }.joined()
    }

    static func padded(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// ISO dates, all valid.
    static func isoDate(_ index: Int) -> String { "2024-\(padded(index % 12 + 1))-\(padded(index % 28 + 1))" }

    /// Slash dates that read either way (both numbers at most 12).
    static func ambiguousDate(_ index: Int) -> String { "\(padded(index % 12 + 1))/\(padded(index % 11 + 1))/2024" }

    /// A project on `backend` with the brief imported, then `ventes import --sales in/ventes.csv arguments…` of `contents`.
    static func importSales(_ contents: Data, on backend: Backend, _ arguments: String...) throws -> (Project, CommandResult) {
        let project = try Project(backend: backend)
        try project.importBrief()
        try project.directory.write(contents, to: "in/ventes.csv")
        let result = try project.ventes(["import", "--sales", "in/ventes.csv"] + arguments)
        return (project, result)
    }

    @Test("an ISO sales file is imported in one pass (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func isoFileOnePass(backend: Backend) throws {
        let (project, result) = try Self.importSales(Data((Self.header + Self.sales(rows: 10_000, date: Self.isoDate)).utf8), on: backend, "-v")
        try #require(result.succeeded, "\(result.transcript)")
        #expect(!result.stderr.contains(Self.surveyingFirst), "\(result.stderr)")
        #expect(result.stdout.contains("read 10000: inserted 10000, duplicates 0, rejected 0  [delimiter \",\", utf-8, dates yyyy-mm-dd]"),
                "\(result.stdout)")
        #expect(try project.store.integer("SELECT COUNT(*) FROM import_run") == 2)
    }

    @Test("slash dates proven month-first only on the last line: the import starts over and reads them month-first (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func lateMonthFirstProof(backend: Backend) throws {
        // 20,000 dates that read either way, then one that only reads month-first.
        let file = Self.header + Self.sales(rows: 20_000, date: Self.ambiguousDate) + "12/25/2024,REF001,999,1\n"

        let (project, result) = try Self.importSales(Data(file.utf8), on: backend, "-v")

        try #require(result.succeeded, "\(result.transcript)")
        #expect(result.stderr.contains(Self.surveyingFirst), "\(result.stderr)")
        #expect(result.stdout.contains("read 20001: inserted 20001, duplicates 0, rejected 0  [delimiter \",\", utf-8, dates mm/dd/yyyy]"),
                "\(result.stdout)")
        // The sales import's run: #2 on SQLite; on PostgreSQL the rolled-back first attempt used an
        // id of the sequence (sequences do not roll back), so the run that stays is the latest.
        let run = "(SELECT MAX(id) FROM import_run)"
        // Line 2 is "01/01/2024", line 3 "02/02/2024", line 13 "12/01/2024": December 1st, month first.
        #expect(try project.store.rows("SELECT date FROM sale WHERE import_id = \(run) AND line = 13") == [["2024-12-01"]])
        #expect(try project.store.rows("SELECT date FROM sale WHERE import_id = \(run) AND line = 20002") == [["2024-12-25"]])
        // The first attempt was rolled back: one import run, one audit row for the file.
        #expect(try project.store.integer("SELECT COUNT(*) FROM import_run") == 2)
        #expect(try project.store.rows("SELECT date_format, date_format_origin FROM import_file WHERE import_id = \(run)")
                == [["mm/dd/yyyy", "detected"]])
    }

    @Test("an ISO file whose header once came with month-first dates is still imported in one pass (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func isoAfterRememberedMonthFirst(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        // A month-first file, then an ISO one with the same header: month-first is remembered for
        // the header, the ISO rows parse the same whatever the slash order, nothing to start over.
        try project.directory.write(Self.header + "12/25/2024,REF001,1,1\n", to: "in/us.csv")
        try #require(try project.ventes("import", "--sales", "in/us.csv").succeeded)
        try project.directory.write(Self.header + Self.sales(rows: 100, date: Self.isoDate), to: "in/ventes.csv")

        let result = try project.ventes("import", "--sales", "in/ventes.csv", "-v")

        try #require(result.succeeded, "\(result.transcript)")
        #expect(!result.stderr.contains(Self.surveyingFirst), "\(result.stderr)")
        #expect(result.stdout.contains("read 100: inserted 100, duplicates 0, rejected 0  [delimiter \",\", utf-8, dates yyyy-mm-dd]"),
                "\(result.stdout)")
    }

    @Test("with --strict, dates proven month-first on the last line are read month-first, not refused (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func lateMonthFirstProofStrict(backend: Backend) throws {
        let file = Self.header + Self.sales(rows: 5_000, date: Self.ambiguousDate) + "12/25/2024,REF001,999,1\n"

        let (_, result) = try Self.importSales(Data(file.utf8), on: backend, "--strict")

        try #require(result.succeeded, "\(result.transcript)")
        #expect(result.stdout.contains("read 5001: inserted 5001, duplicates 0, rejected 0  [delimiter \",\", utf-8, dates mm/dd/yyyy]"),
                "\(result.stdout)")
    }

    @Test("Windows-1252 bytes past the first lines of a sales file: the import starts over in Windows-1252 (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func lateWindows1252(backend: Backend) throws {
        // More than the first megabyte (what the encoding is guessed from) of plain ASCII first.
        // A Windows-1252 export: its header is plain ASCII too (accents dropped, as some exports do).
        var bytes = Array("Date,ID Reference produit,Quantite,ID Magasin,Commentaire\n".utf8)
        bytes += Array(Self.sales(rows: 50_000, date: Self.isoDate).replacingOccurrences(of: "\n", with: ",ok\n").utf8)
        bytes += Array("2024-05-05,REF001,999,1,caf".utf8) + [0xE9] + Array("\n".utf8)  // "café" in Windows-1252

        let (project, result) = try Self.importSales(Data(bytes), on: backend, "-v")

        try #require(result.succeeded, "\(result.transcript)")
        #expect(result.stderr.contains(Self.surveyingFirst), "\(result.stderr)")
        #expect(bytes.count > 1 << 20)
        #expect(result.stdout.contains("read 50001: inserted 50001, duplicates 0, rejected 0  [delimiter \",\", windows-1252, dates yyyy-mm-dd]"),
                "\(result.stdout)")
        #expect(try project.store.integer("SELECT COUNT(*) FROM rejected_row") == 0)
    }

    @Test("a duplicate keeps the first line of the file, whatever order the batch was written in (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func duplicateKeepsFirstLine(backend: Backend) throws {
        // Line 2 sorts after line 3 (later date), and line 4 repeats line 2.
        let file = Self.header + "2024-03-02,REF002,4,5\n2024-03-01,REF001,1,1\n2024-03-02,REF002,4,5\n"
        let (project, result) = try Self.importSales(Data(file.utf8), on: backend)
        try #require(result.succeeded, "\(result.transcript)")
        #expect(result.stdout.contains("read 3: inserted 2, duplicates 1, rejected 0"), "\(result.stdout)")
        #expect(try project.store.rows("SELECT date, line FROM sale WHERE import_id = 2 ORDER BY date")
                == [["2024-03-01", "3"], ["2024-03-02", "2"]])
    }

    @Test("every sale's product, store and import exist: no foreign key is broken by an import (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func foreignKeysHold(backend: Backend) throws {
        let file = Self.header + "2024-03-02,REF999,4,5\n2024-03-01,REF001,1,99\n2024-03-01,REF001,1,1\n"
        let (project, result) = try Self.importSales(Data(file.utf8), on: backend)
        try #require(result.succeeded, "\(result.transcript)")
        #expect(result.stdout.contains("read 3: inserted 1, duplicates 0, rejected 2"), "\(result.stdout)")
        try PortableSQL.expectEveryReferenceHolds(project.store)
        #expect(try project.store.integer("SELECT COUNT(*) FROM sale") == 31)
    }

    @Test("ids are matched as people read them and stored as the database compares them: a Kelvin sign is the K it stands for (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func idsMatchInNFC(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        // "K1" and "\u{212A}1" (Kelvin sign) are equal Swift Strings and two different byte strings
        // for SQLite; in NFC the Kelvin sign is a K, so both are stored and matched as "K1".
        try project.directory.write("Nom,ID Référence produit,Prix,Stock\nKilo,K1,2.50,10\n", to: "in/produits.csv")
        try project.directory.write(Self.header + "2024-03-01,\u{212A}1,1,1\n2024-03-01,K1,2,1\n", to: "in/ventes.csv")

        let result = try project.ventes("import", "--products", "in/produits.csv", "--sales", "in/ventes.csv")

        try #require(result.succeeded, "\(result.transcript)")
        #expect(result.stdout.contains("read 2: inserted 2, duplicates 0, rejected 0"), "\(result.stdout)")
        #expect(try project.store.rows("""
            SELECT \(PortableSQL.hex("product_id", on: backend)) FROM sale WHERE date = '2024-03-01' ORDER BY quantity
            """) == [["4B31"], ["4B31"]])
        try PortableSQL.expectEveryReferenceHolds(project.store)
    }

    // SQLite only: it writes the ids into the SQLite file directly, and a PostgreSQL text value
    // cannot hold a NUL byte at all.
    @Test("product ids another tool wrote with a NUL byte are never matched, and do not stop an import")
    func idsThatDoNotReadBack() throws {
        let project = try Project()
        try project.importBrief()
        // Both read back as "A" through the C string API; neither is the id "A".
        let queue = try DatabaseQueue(path: project.directory.path("data/ventes.db"))
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO product (id, name, price_cents, import_id)
                VALUES ('A' || char(0) || 'x', 'Ax', 100, 1), ('A' || char(0) || 'y', 'Ay', 200, 1)
                """)
        }
        try queue.close()
        try project.directory.write(Self.header + "2024-03-01,A,1,1\n2024-03-01,REF001,1,1\n", to: "in/ventes.csv")

        let result = try project.ventes("import", "--sales", "in/ventes.csv")

        try #require(result.succeeded, "\(result.transcript)")
        #expect(result.stdout.contains("read 2: inserted 1, duplicates 0, rejected 1"), "\(result.stdout)")
        #expect(try project.database.rows("PRAGMA foreign_key_check").isEmpty)
    }

    @Test("a quantity whose revenue cannot be counted is refused, not a crash (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func revenueOverflow(backend: Backend) throws {
        let file = Self.header + "2024-03-01,REF001,123456789012345678,1\n2024-03-01,REF001,2,1\n"
        let (project, result) = try Self.importSales(Data(file.utf8), on: backend)
        try #require(result.succeeded, "\(result.transcript)")
        #expect(result.stdout.contains("read 2: inserted 1, duplicates 0, rejected 1"), "\(result.stdout)")
        #expect(try project.store.rows("SELECT line, reason FROM rejected_row")
                == [["2", "quantity 123456789012345678 at 49.99 a unit is a revenue too large to count; check the quantity"]])
    }

    // SQLite only: a migration of an old SQLite file (PostgreSQL schemas never had the v3 layout).
    @Test("a database from before v4 keeps its sales, now keyed date first")
    func migrationToDateFirstKey() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.db")
        let queue = try DatabaseQueue(path: path)
        try SQLiteStore.migrator.migrate(queue, upTo: "v3")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO import_run (id, started_at, strict) VALUES (1, '2026-01-01T00:00:00Z', 0);
                INSERT INTO store (id, city, import_id) VALUES ('1', 'Paris', 1), ('2', 'Lyon', 1);
                INSERT INTO product (id, name, price_cents, import_id) VALUES ('P', 'Pen', 150, 1);
                INSERT INTO sale (store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line)
                VALUES ('2', '2024-01-01', 'P', 1, '', 150, 150, 1, 2), ('1', '2024-01-02', 'P', 2, '', 150, 300, 1, 3),
                       ('1', '2024-01-01', 'P', 3, 'S-1', 150, 450, 1, 4);
                -- What a user may have built on the table for their own reports.
                CREATE VIEW big_sales AS SELECT date, quantity FROM sale WHERE quantity > 1;
                CREATE INDEX sale_by_product ON sale(product_id);
                CREATE TABLE sale_log (date TEXT);
                CREATE TRIGGER sale_logged AFTER INSERT ON sale BEGIN INSERT INTO sale_log VALUES (new.date); END;
                """)
        }
        try queue.close()

        let database = try SQLiteStore(path: path)

        #expect(try database.appliedMigrations().contains("v4"))
        let file = DatabaseFile(path)
        // In key order (date, then store): a scan of the table returns them so.
        #expect(try file.rows("SELECT date, store_id, quantity, sale_ref, line FROM sale") == [
            ["2024-01-01", "1", "3", "S-1", "4"], ["2024-01-01", "2", "1", "", "2"], ["2024-01-02", "1", "2", "", "3"],
        ])
        #expect(try file.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try file.rows("SELECT type, name FROM sqlite_master WHERE tbl_name = 'sale' AND sql IS NOT NULL AND type <> 'table' ORDER BY name")
                == [["index", "sale_by_product"], ["index", "sale_by_ref"], ["trigger", "sale_logged"]])
        #expect(try file.rows("SELECT date, quantity FROM big_sales ORDER BY date") == [["2024-01-01", "3"], ["2024-01-02", "2"]])
    }
}
