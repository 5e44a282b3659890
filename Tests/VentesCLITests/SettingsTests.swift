import Foundation
import Testing

/// Paths: defaults relative to the working directory, environment overrides, flags over both.
/// On PostgreSQL the store named is another schema of the test server instead of another file.
@Suite("paths from defaults, environment and flags")
struct SettingsTests {
    @Test("VENTES_DB, VENTES_CSV_DIR and VENTES_RESULTS_DIR override the defaults (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func environmentOverrides(backend: Backend) throws {
        let project = try Project(backend: backend)
        let named = try OtherStore(project, file: "store/env.db")
        try FileManager.default.moveItem(atPath: project.directory.path("csv"), toPath: project.directory.path("exports"))
        let environment = [
            "VENTES_DB": named.argument, "VENTES_CSV_DIR": "exports", "VENTES_RESULTS_DIR": "out",
        ]

        let result = try project.ventes("run", environment: environment)

        #expect(result.succeeded, "\(result.transcript)")
        #expect(try named.store.count("sale") == 30)
        #expect(try !project.storeExists())
        #expect(project.directory.exists("out/total_revenue.csv"))
        #expect(!project.directory.exists("results/total_revenue.csv"))
    }

    @Test("--db, --csv-dir and --results-dir win over the environment (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func flagsWin(backend: Backend) throws {
        let project = try Project(backend: backend)
        let flagged = try OtherStore(project, file: "flag.db")
        let unused = try OtherStore(project, file: "env.db")
        let environment = [
            "VENTES_DB": unused.argument, "VENTES_CSV_DIR": "nowhere", "VENTES_RESULTS_DIR": "env-results",
        ]

        let result = try project.ventes("run", "--db", flagged.argument, "--csv-dir", "csv", "--results-dir", "flag-results",
                                        environment: environment)

        #expect(result.succeeded, "\(result.transcript)")
        #expect(try flagged.store.count("sale") == 30)
        #expect(try !unused.exists())
        #expect(try !project.storeExists())
        #expect(project.directory.exists("flag-results/total_revenue.csv"))
        #expect(!project.directory.exists("env-results"))
    }

    @Test("import and analyze follow VENTES_DB and VENTES_CSV_DIR too (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func importAndAnalyzeFollowEnvironment(backend: Backend) throws {
        let project = try Project(backend: backend)
        let named = try OtherStore(project, file: "env.db")
        try FileManager.default.moveItem(atPath: project.directory.path("csv"), toPath: project.directory.path("exports"))
        let environment = ["VENTES_DB": named.argument, "VENTES_CSV_DIR": "exports"]

        let imported = try project.ventes("import", "--format", "json", environment: environment)
        let analysed = try project.ventes("analyze", "--format", "json", environment: environment)

        try #require(imported.succeeded, "\(imported.transcript)")
        #expect(try ImportReport.parse(imported.stdout).sales?.source == "exports/ventes.csv")
        #expect(analysed.succeeded, "\(analysed.transcript)")
        #expect(analysed.stdout.contains("\"revenue\":5268.78"))
        #expect(try named.store.count("analysis_run") == 1)
        #expect(try !project.storeExists())
    }
}

/// `ventes init`: creates or migrates the schema, and changes nothing the second time.
@Suite("init")
struct InitTests {
    @Test("init creates the database; a second init changes nothing (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func idempotent(backend: Backend) throws {
        let project = try Project(backend: backend)

        let first = try project.ventes("init")
        let afterFirst = try project.fullSnapshot()
        let second = try project.ventes("init")

        #expect(first.succeeded, "\(first.transcript)")
        #expect(second.succeeded, "\(second.transcript)")
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains(project.storeName), "\(first.stdout)")
        #expect(try project.fullSnapshot() == afterFirst)
        for table in ["store", "product", "product_price", "sale", "rejected_row", "import_run", "import_file",
                      "analysis_run", "analysis_output"] {
            #expect(afterFirst[table] == [], "\(table) exists and is empty")
        }
    }

    @Test("init on a database with data keeps every row (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func keepsData(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let before = try project.fullSnapshot()

        let result = try project.ventes("init", "--db", project.databaseArgument)

        #expect(result.succeeded, "\(result.transcript)")
        #expect(try project.fullSnapshot() == before)
    }
}
