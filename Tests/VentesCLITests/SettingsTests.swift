import Foundation
import Testing

/// Paths: defaults relative to the working directory, environment overrides, flags over both.
@Suite("paths from defaults, environment and flags")
struct SettingsTests {
    @Test("VENTES_DB, VENTES_CSV_DIR and VENTES_RESULTS_DIR override the defaults")
    func environmentOverrides() throws {
        let project = try Project()
        try FileManager.default.moveItem(atPath: project.directory.path("csv"), toPath: project.directory.path("exports"))
        let environment = [
            "VENTES_DB": "store/env.db", "VENTES_CSV_DIR": "exports", "VENTES_RESULTS_DIR": "out",
        ]

        let result = try project.ventes("run", environment: environment)

        #expect(result.succeeded, "\(result.transcript)")
        #expect(try DatabaseFile(project.directory.path("store/env.db")).count("sale") == 30)
        #expect(!project.directory.exists("data/ventes.db"))
        #expect(project.directory.exists("out/total_revenue.csv"))
        #expect(!project.directory.exists("results/total_revenue.csv"))
    }

    @Test("--db, --csv-dir and --results-dir win over the environment")
    func flagsWin() throws {
        let project = try Project()
        let environment = [
            "VENTES_DB": "env.db", "VENTES_CSV_DIR": "nowhere", "VENTES_RESULTS_DIR": "env-results",
        ]

        let result = try project.ventes("run", "--db", "flag.db", "--csv-dir", "csv", "--results-dir", "flag-results",
                                        environment: environment)

        #expect(result.succeeded, "\(result.transcript)")
        #expect(try DatabaseFile(project.directory.path("flag.db")).count("sale") == 30)
        #expect(!project.directory.exists("env.db"))
        #expect(project.directory.exists("flag-results/total_revenue.csv"))
        #expect(!project.directory.exists("env-results"))
    }

    @Test("import and analyze follow VENTES_DB and VENTES_CSV_DIR too")
    func importAndAnalyzeFollowEnvironment() throws {
        let project = try Project()
        try FileManager.default.moveItem(atPath: project.directory.path("csv"), toPath: project.directory.path("exports"))
        let environment = ["VENTES_DB": "env.db", "VENTES_CSV_DIR": "exports"]

        let imported = try project.ventes("import", "--format", "json", environment: environment)
        let analysed = try project.ventes("analyze", "--format", "json", environment: environment)

        try #require(imported.succeeded, "\(imported.transcript)")
        #expect(try ImportReport.parse(imported.stdout).sales?.source == "exports/ventes.csv")
        #expect(analysed.succeeded, "\(analysed.transcript)")
        #expect(analysed.stdout.contains("\"revenue\":5268.78"))
        #expect(!project.directory.exists("data/ventes.db"))
    }
}

/// `ventes init`: creates or migrates the schema, and changes nothing the second time.
@Suite("init")
struct InitTests {
    @Test("init creates the database; a second init changes nothing")
    func idempotent() throws {
        let project = try Project()

        let first = try project.ventes("init")
        let afterFirst = try project.database.snapshot()
        let second = try project.ventes("init")

        #expect(first.succeeded, "\(first.transcript)")
        #expect(second.succeeded, "\(second.transcript)")
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("data/ventes.db"))
        #expect(try project.database.snapshot() == afterFirst)
        for table in ["store", "product", "product_price", "sale", "rejected_row", "import_run", "import_file",
                      "analysis_run", "analysis_output"] {
            #expect(afterFirst[table] == [], "\(table) exists and is empty")
        }
    }

    @Test("init on a database with data keeps every row")
    func keepsData() throws {
        let project = try Project()
        try project.importBrief()
        let before = try project.database.snapshot()

        let result = try project.ventes("init", "--db", "data/ventes.db")

        #expect(result.succeeded, "\(result.transcript)")
        #expect(try project.database.snapshot() == before)
    }
}
