import Foundation
import GRDB
import Testing

/// Migration v5 rewrites the texts a database holds from before issue 10 the way the importer now
/// writes them (NFC, spaces trimmed), and stops, naming both, when two ids would become one.
@Suite("Migration v5: stored texts composed and trimmed")
struct StoredTextMigrationTests {
    typealias Rows = TextNormalisationTests

    /// A project whose database holds the test rows, imported composed; returns its contents.
    static func importedProject() throws -> (Project, [[[UInt8]]]) {
        let project = try Project()
        try Rows.importFiles(Rows.rows.render(WrittenText.nfc), into: project, as: "composed")
        return (project, try Rows.contents(project.database))
    }

    /// Changes the database with foreign key checks off, then marks v5 as not applied: a database
    /// as an older ventes could have left it.
    static func rewindToV4(_ project: Project, _ change: (Database) throws -> Void) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: project.directory.path("data/ventes.db"), configuration: configuration)
        try queue.write { db in
            try change(db)
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5'")
        }
        try queue.close()
    }

    // SQLite only: the schema migration v5 of an old SQLite file, rewound by hand with GRDB.
    @Test("decomposed texts with no-break spaces around them, in stores, products, prices and sales, come out composed and trimmed")
    func rewritesEveryText() throws {
        let (project, composed) = try Self.importedProject()
        try Self.rewindToV4(project) { db in
            func written(_ text: String) -> String { Rows.decomposedWithSpaces(text) }
            for row in try Row.fetchAll(db, sql: "SELECT id, city, region FROM store") {
                let id: String = row["id"]
                try db.execute(sql: "UPDATE store SET id = ?, city = ?, region = ? WHERE id = ?",
                               arguments: [written(id), written(row["city"]), written(row["region"]), id])
                try db.execute(sql: "UPDATE sale SET store_id = ? WHERE store_id = ?", arguments: [written(id), id])
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM product") {
                let id: String = row["id"]
                try db.execute(sql: "UPDATE product SET id = ?, name = ? WHERE id = ?", arguments: [written(id), written(row["name"]), id])
                try db.execute(sql: "UPDATE product_price SET product_id = ? WHERE product_id = ?", arguments: [written(id), id])
                try db.execute(sql: "UPDATE sale SET product_id = ? WHERE product_id = ?", arguments: [written(id), id])
            }
            for ref in try String.fetchAll(db, sql: "SELECT sale_ref FROM sale") {
                try db.execute(sql: "UPDATE sale SET sale_ref = ? WHERE sale_ref = ?", arguments: [written(ref), ref])
            }
        }
        #expect(try Rows.contents(project.database) != composed)

        let result = try project.ventes("init")

        try #require(result.succeeded, "\(result.transcript)")
        #expect(try Rows.contents(project.database) == composed)
        #expect(try project.database.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try project.database.integer("SELECT COUNT(*) FROM grdb_migrations WHERE identifier = 'v5'") == 1)
    }

    // SQLite only: the schema migration v5 of an old SQLite file, rewound by hand with GRDB.
    @Test("two store ids that would become one: the migration stops, names both and what to do, and the database is left as it was")
    func storeIDsThatWouldMerge() throws {
        let (project, _) = try Self.importedProject()
        let decomposed = WrittenText.nfd("Mé-1")
        try Self.rewindToV4(project) { db in
            try db.execute(sql: "INSERT INTO store (id, city, region, employees, import_id) VALUES (?, 'Orléans', NULL, 2, 1)",
                           arguments: [decomposed])
            try db.execute(sql: """
                INSERT INTO sale (store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line)
                VALUES (?, '2024-05-01', ?, 1, 'V-extra', 450, 450, 1, 99)
                """, arguments: [decomposed, WrittenText.nfc("RÉF-1")])
        }
        let before = try Rows.contents(project.database)

        let result = try project.ventes("init")

        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(#"the store ids "M\u{00E9}-1" and "Me\u{0301}-1" would both become "M\u{00E9}-1""#), "\(result.stderr)")
        #expect(result.stderr.contains("the database was left as it was"), "\(result.stderr)")
        #expect(try Rows.contents(project.database) == before)
        #expect(try project.database.integer("SELECT COUNT(*) FROM grdb_migrations WHERE identifier = 'v5'") == 0)

        // Doing what the message says lets the migration through.
        try Self.runAdvice(in: result.stderr, project: project)
        let again = try project.ventes("init")
        try #require(again.succeeded, "\(again.transcript)")
        #expect(try project.database.integer("SELECT COUNT(*) FROM store") == 5)
        #expect(try project.database.rows("SELECT hex(store_id) FROM sale WHERE sale_ref = 'V-extra'") == [[WrittenText.hex(WrittenText.nfc("Mé-1"))]])
    }

    // SQLite only: the schema migration v5 of an old SQLite file, rewound by hand with GRDB.
    @Test("two product ids that would become one: the migration stops; moving the sales and deleting one as advised lets it through")
    func productIDsThatWouldMerge() throws {
        let (project, _) = try Self.importedProject()
        let spaced = "\u{2007}" + WrittenText.nfc("RÉF-2")
        try Self.rewindToV4(project) { db in
            try db.execute(sql: "INSERT INTO product (id, name, price_cents, stock, import_id) VALUES (?, 'Crème', 1299, 1, 1)",
                           arguments: [spaced])
            try db.execute(sql: "INSERT INTO product_price (product_id, import_id, price_cents) VALUES (?, 1, 1299)", arguments: [spaced])
            try db.execute(sql: """
                INSERT INTO sale (store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line)
                VALUES ('M2', '2024-05-02', ?, 2, 'V-extra', 1299, 2598, 1, 99)
                """, arguments: [spaced])
        }
        let before = try Rows.contents(project.database)

        let result = try project.ventes("init")

        #expect(result.status == 1)
        #expect(result.stderr.contains(#"the product ids "R\u{00C9}F-2" and "\u{2007}R\u{00C9}F-2" would both become "R\u{00C9}F-2""#),
                "\(result.stderr)")
        #expect(try Rows.contents(project.database) == before)
        try Self.runAdvice(in: result.stderr, project: project)
        let again = try project.ventes("init")
        try #require(again.succeeded, "\(again.transcript)")
        #expect(try project.database.integer("SELECT COUNT(*) FROM product") == 2)
        #expect(try project.database.rows("SELECT hex(product_id) FROM sale WHERE sale_ref = 'V-extra'")
                == [[WrittenText.hex(WrittenText.nfc("RÉF-2"))]])
    }

    // SQLite only: the schema migration v5 of an old SQLite file, rewound by hand with GRDB.
    @Test("two sale ids that would become one: the migration stops, names both; deleting one as advised lets it through")
    func saleIDsThatWouldMerge() throws {
        let (project, _) = try Self.importedProject()
        try Self.rewindToV4(project) { db in
            try db.execute(sql: """
                INSERT INTO sale (store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line)
                VALUES ('M2', '2024-05-01', ?, 1, ?, 450, 450, 1, 99)
                """, arguments: [WrittenText.nfc("RÉF-1"), WrittenText.nfd("Vé-3") + "\u{A0}"])
        }
        let before = try Rows.contents(project.database)

        let result = try project.ventes("init")

        #expect(result.status == 1)
        #expect(result.stderr.contains(#"the sale ids "V\u{00E9}-3" and "Ve\u{0301}-3\u{00A0}" would both become "V\u{00E9}-3""#), "\(result.stderr)")
        #expect(try Rows.contents(project.database) == before)
        try Self.runAdvice(in: result.stderr, project: project)
        let again = try project.ventes("init")
        try #require(again.succeeded, "\(again.transcript)")
        #expect(try project.database.integer("SELECT COUNT(*) FROM sale") == 20)
    }

    /// Runs the SQL statements the message advises (between `sqlite3 shell: ` and ` then run`).
    static func runAdvice(in message: String, project: Project) throws {
        let start = try #require(message.range(of: "sqlite3 shell: "))
        let end = try #require(message.range(of: " then run ventes again"))
        let statements = String(message[start.upperBound..<end.lowerBound])
        let queue = try DatabaseQueue(path: project.directory.path("data/ventes.db"))
        try queue.write { db in try db.execute(sql: statements) }
        try queue.close()
    }
}
