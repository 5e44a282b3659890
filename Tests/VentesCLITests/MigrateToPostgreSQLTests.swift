import Foundation
import Testing

/// `ventes migrate --from data/ventes.db --to postgresql://…`: a database with history answers the
/// same on PostgreSQL, and the next import of the same export takes the fast path.
@Suite("ventes migrate into PostgreSQL (run when VENTES_TEST_POSTGRESQL_URL is set)",
       .enabled(if: PostgreSQLTestServer.url != nil, "VENTES_TEST_POSTGRESQL_URL is not set"))
struct MigrateToPostgreSQLTests {
    /// A SQLite project with history: two imports and a price change, rejected rows, three analysis runs.
    static func projectWithHistory() throws -> Project {
        let project = try Project()
        try project.importBrief()
        let products = try project.add("products-price-change.csv")
        let sales = try project.add("sales-after-price-change.csv")
        let bad = try project.add("sales-bad-rows.csv")
        for arguments in [["import", "--products", products, "--sales", sales], ["analyze"], ["import", "--sales", bad],
                          ["analyze"], ["analyze"]] {
            let result = try project.ventes(arguments)
            try #require(result.succeeded, "\(result.transcript)")
        }
        return project
    }

    @Test("a database with history answers results, history, rejects and report the same after migrate; the next import takes the fast path")
    func migrateWithHistory() throws {
        let project = try Self.projectWithHistory()
        let schema = PostgreSQLTestServer.newSchemaName()
        defer { PostgreSQLTestServer.dropSchema(schema) }
        let url = try PostgreSQLTestServer.url(schema: schema)

        let migrated = try project.ventes("migrate", "--from", "data/ventes.db", "--to", url)

        try #require(migrated.succeeded, "\(migrated.transcript)")
        let sales = try project.database.count("sale")
        let revenue = try project.database.integer("SELECT SUM(revenue_cents) FROM sale")
        #expect(migrated.stdout.contains("  sale: \(sales) rows\n"), "\(migrated.stdout)")
        #expect(migrated.stdout.contains(", \(sales) sales ("), "\(migrated.stdout)")
        #expect(migrated.stdout.contains("revenue \(BriefData.euros(revenue))), 3 analysis runs; row counts and totals match"), "\(migrated.stdout)")
        #expect(try PostgreSQLTestServer.psql("SELECT COUNT(*), SUM(revenue_cents) FROM sale", schema: schema) == [["\(sales)", "\(revenue)"]])
        for command in [["results", "--format", "json"], ["results", "--run", "1", "--format", "json"],
                        ["results", "--compare", "1", "--format", "json"], ["rejects", "--format", "json"],
                        ["rejects", "--import", "3", "--format", "csv"], ["history", "--format", "json"]] {
            let sqlite = try project.ventes(command)
            let postgresql = try project.ventes(command, environment: ["VENTES_DB": url])
            try #require(sqlite.succeeded, "\(sqlite.transcript)")
            #expect(postgresql.succeeded, "\(postgresql.transcript)")
            #expect(postgresql.stdout == sqlite.stdout, "\(command)")
        }
        for (name, environment) in [("sqlite", [String: String]()), ("postgresql", ["VENTES_DB": url])] {
            let report = try project.ventes(["report", "--out", "report-\(name)"], environment: environment)
            try #require(report.succeeded, "\(report.transcript)")
        }
        #expect(try String(contentsOfFile: project.directory.path("report-postgresql/note.md"), encoding: .utf8)
                == String(contentsOfFile: project.directory.path("report-sqlite/note.md"), encoding: .utf8))

        let again = try project.ventes("import", "--format", "json", environment: ["VENTES_DB": url])
        try #require(again.succeeded, "\(again.transcript)")
        let imported = try #require(try ImportReport.parse(again.stdout).sales)
        #expect((imported.read, imported.inserted, imported.duplicates) == (30, 0, 30))
        #expect(again.stdout.contains("\"resumed_from_import\":1"), "the fast path: \(again.stdout)")
        #expect(again.stdout.contains("\"read_past_prefix\":0"), "\(again.stdout)")
        let check = try project.ventes("check", environment: ["VENTES_DB": url])
        #expect(check.succeeded, "\(check.transcript)")
    }

    @Test("a schema that already holds data is refused with a clear message, and left as it was")
    func nonEmptyTargetRefused() throws {
        let project = try Self.projectWithHistory()
        let target = try Project(backend: .postgresql)
        try target.importBrief()
        let url = target.databaseArgument

        let refused = try project.ventes("migrate", "--from", "data/ventes.db", "--to", url)

        #expect(refused.status == 1, "\(refused.transcript)")
        #expect(refused.stderr.contains("already holds data ("), "\(refused.stderr)")
        #expect(refused.stderr.contains("sale: 30 rows"), "\(refused.stderr)")
        #expect(try target.store.count("sale") == 30)
        #expect(try target.store.count("import_run") == 1)
    }
}
