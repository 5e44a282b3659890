import Foundation
import Testing

/// `ventes migrate`: a database with history copied whole into an empty one, which then answers
/// and imports as the source would have.
@Suite("migrate")
struct MigrateCommandTests {
    /// A project whose database has history: two imports of a sales file that grew (the second on
    /// the fast path), a price change, quarantined rows, two analysis runs.
    static func projectWithHistory() throws -> Project {
        let project = try Project()
        let lines = try AppendFastPathTests.briefLines()
        try project.directory.write(AppendFastPathTests.header + lines[..<20].joined(), to: "in/ventes.csv")
        let steps: [[String]] = [
            ["import", "--stores", "csv/magasins.csv", "--products", "csv/produits.csv", "--sales", "in/ventes.csv"],
            ["analyze"],
            ["import", "--products", try project.add("products-price-change.csv"), "--sales", try project.add("sales-after-price-change.csv")],
            ["import", "--sales", try project.add("sales-bad-rows.csv")],
            ["analyze"],
        ]
        for step in steps {
            let result = try VentesCommand.run(step, in: project.directory.url)
            try #require(result.succeeded, "\(step): \(result.transcript)")
        }
        return project
    }

    // SQLite only: a SQLite file into another, compared table by table with the files' own schema (into PostgreSQL: MigrateToPostgreSQLTests).
    @Test("a database with history is copied whole: every table identical, and results, history, rejects and report answer the same")
    func copiesEverything() throws {
        let project = try Self.projectWithHistory()
        let source = project.database

        let migrated = try project.ventes("migrate", "--from", "data/ventes.db", "--to", "data/copy.db")

        try #require(migrated.succeeded, "\(migrated.transcript)")
        #expect(migrated.stdout.contains("Copied data/ventes.db into data/copy.db: "), "\(migrated.stdout)")
        #expect(migrated.stdout.contains("row counts and totals match"), "\(migrated.stdout)")
        #expect(migrated.stdout.contains("  sale: 23 rows"), "\(migrated.stdout)")
        var original = try source.snapshot(), copy = try DatabaseFile(project.directory.path("data/copy.db")).snapshot()
        original["sqlite_master"] = nil
        copy["sqlite_master"] = nil
        #expect(original.keys.sorted() == copy.keys.sorted())
        for (table, rows) in original {
            #expect(copy[table] == rows, "\(table)")
        }
        #expect(try source.count("rejected_row") > 0)
        #expect(try source.count("analysis_run") == 2)
        for command in [["results"], ["history"], ["rejects"], ["results", "--format", "json"]] {
            let before = try VentesCommand.run(command + ["--db", "data/ventes.db"], in: project.directory.url)
            let after = try VentesCommand.run(command + ["--db", "data/copy.db"], in: project.directory.url)
            try #require(before.succeeded && after.succeeded, "\(before.transcript)\n\(after.transcript)")
            #expect(after.stdout.replacingOccurrences(of: "data/copy.db", with: "data/ventes.db") == before.stdout, "\(command)")
        }
        for (database, output) in [("data/ventes.db", "out-source"), ("data/copy.db", "out-copy")] {
            let report = try project.ventes("report", "--db", database, "--out", output)
            try #require(report.succeeded, "\(report.transcript)")
        }
        let reports = try ["out-source", "out-copy"].map { try String(contentsOfFile: project.directory.path("\($0)/note.md"), encoding: .utf8) }
        #expect(reports[0] == reports[1])
    }

    // SQLite only: the copy is a second SQLite file (the fast path after a copy into PostgreSQL: MigrateToPostgreSQLTests).
    @Test("after the copy, the grown export is imported on the fast path, as on the source")
    func fastPathAfterCopy() throws {
        let project = try Self.projectWithHistory()
        let migrated = try project.ventes("migrate", "--from", "data/ventes.db", "--to", "data/copy.db")
        try #require(migrated.succeeded, "\(migrated.transcript)")
        let lines = try AppendFastPathTests.briefLines()
        try project.directory.write(AppendFastPathTests.header + lines.joined(), to: "in/ventes.csv")

        var counters: [[[String]]] = []
        for database in ["data/ventes.db", "data/copy.db"] {
            let grown = try project.ventes("import", "--db", database, "--sales", "in/ventes.csv")
            try #require(grown.succeeded, "\(grown.transcript)")
            counters.append(try DatabaseFile(project.directory.path(database)).rows("""
                SELECT read, inserted, duplicates, rejected, resumed_from_import IS NOT NULL FROM import_file
                WHERE kind = 'sales' ORDER BY import_id DESC LIMIT 1
                """))
        }
        #expect(counters[0] == [["30", "10", "20", "0", "1"]])
        #expect(counters[1] == counters[0])
    }

    @Test("a target that holds data is refused, named, and left as it was (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func refusesNonEmptyTarget(backend: Backend) throws {
        let project = try Self.projectWithHistory()
        let other = try Project(backend: backend)
        try other.importBrief()
        let target = other.databaseArgument
        let before = try other.store.snapshot()
        let sqliteBefore = backend == .sqlite ? try other.database.snapshot() : [:]

        let refused = try project.ventes("migrate", "--from", "data/ventes.db", "--to", target)

        #expect(refused.status == 1)
        #expect(refused.stderrLines.count == 1, "\(refused.stderr)")
        switch backend {
        case .sqlite: #expect(refused.stderr.contains("\(target) already holds data ("), "\(refused.stderr)")
        case .postgresql: #expect(refused.stderr.contains("schema=\(other.schema ?? "") already holds data ("), "\(refused.stderr)")
        }
        #expect(refused.stderr.contains("sale: 30 rows"), "\(refused.stderr)")
        #expect(refused.stderr.contains("name a new database with --to (a new SQLite file, or another schema= in a PostgreSQL URL)"), "\(refused.stderr)")
        #expect(try other.store.snapshot() == before)
        if backend == .sqlite {
            #expect(try other.database.snapshot() == sqliteBefore)
        }
    }

    // SQLite only: the source of migrate is always a SQLite file.
    @Test("a missing source is named, and no database is created in its place")
    func missingSource() throws {
        let project = try Project()

        let refused = try project.ventes("migrate", "--from", "data/nowhere.db", "--to", "data/copy.db")

        #expect(refused.status == 1)
        #expect(refused.stderr.contains("data/nowhere.db: no such database"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.directory.path("data/nowhere.db")))
    }
}
