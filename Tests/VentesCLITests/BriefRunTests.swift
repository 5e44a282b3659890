import Foundation
import Testing

/// The main job on the brief's data: `ventes run`, then the analysis values, checked against
/// totals computed here from the fixture files.
@Suite("ventes run and analyze on the brief's data")
struct BriefRunTests {
    // No store: this checks the fixture files themselves, which the other tests' expectations come from.
    @Test("the brief's files give 5268.78 of revenue, 122 units and 30 sales (checked independently)")
    func briefTotals() throws {
        let brief = try BriefData.load()
        #expect(brief.sales.count == 30)
        #expect(brief.totalUnits == 122)
        #expect(brief.totalRevenueCents == 526_878)
    }

    @Test("run in a project directory imports, analyses, prints the total and writes the results (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func runInProject(backend: Backend) throws {
        let project = try Project(backend: backend)

        let result = try project.ventes("run")

        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.stdout.contains("Total revenue: 5268.78 (122 units, 30 sales)"), "\(result.stdout)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let database = project.store
        #expect(try database.count("store") == 7)
        #expect(try database.count("product") == 5)
        #expect(try database.count("sale") == 30)
        #expect(try database.integer("SELECT SUM(revenue_cents) FROM sale") == 526_878)
        #expect(try database.integer("SELECT SUM(quantity) FROM sale") == 122)
        #expect(try database.count("analysis_run") == 1)
        let totalCSV = try String(contentsOfFile: project.directory.path("results/total_revenue.csv"), encoding: .utf8)
        #expect(totalCSV == "revenue,units,sales_count\r\n5268.78,122,30\r\n")
        for name in ["sales_by_product", "sales_by_city", "sales_by_region", "results"] {
            let file = name == "results" ? "results/results.json" : "results/\(name).csv"
            #expect(project.directory.exists(file), "\(file) not written")
        }
    }

    @Test("run writes sales_by_product.csv with the values computed from the fixture (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func runWritesProductCSV(backend: Backend) throws {
        let project = try Project(backend: backend)
        let brief = try BriefData.load()

        let result = try project.ventes("run")

        try #require(result.succeeded, "\(result.transcript)")
        let expected = (["product_id,product_name,units,revenue"] + brief.byProduct.map { group in
            "\(group.key),\(group.label),\(group.units),\(BriefData.euros(group.revenueCents))"
        }).joined(separator: "\r\n") + "\r\n"
        let written = try String(contentsOfFile: project.directory.path("results/sales_by_product.csv"), encoding: .utf8)
        #expect(written == expected)
    }

    @Test("analyze --format json: run id, analyses keyed by name, exact values and exact money text (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func analyzeJSON(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let brief = try BriefData.load()

        let first = try project.ventes("analyze", "--format", "json")
        let second = try project.ventes("analyze", "--format", "json")

        try #require(first.succeeded, "\(first.transcript)")
        try #require(second.succeeded, "\(second.transcript)")
        let stdout = first.stdout

        // The whole object, parsed: run id and the analyses by name, with their columns.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        #expect(object["run_id"] as? Int == 1)
        let analyses = try #require(object["analyses"] as? [String: Any])
        let columns: [String: Set<String>] = [
            "total_revenue": ["revenue", "units", "sales_count"],
            "sales_by_product": ["product_id", "product_name", "units", "revenue"],
            "sales_by_city": ["city", "units", "revenue"],
            "sales_by_region": ["region", "units", "revenue"],
        ]
        for (name, expectedColumns) in columns {
            let rows = try #require(analyses[name] as? [[String: Any]], "analysis \(name) missing")
            for row in rows { #expect(Set(row.keys) == expectedColumns, "\(name)") }
        }
        #expect(second.stdout.hasPrefix("{\"run_id\":2,"), "\(second.stdout.prefix(40))")

        // The exact text: money is written to the cent, rows ordered by revenue, highest first.
        #expect(stdout.contains("\"total_revenue\":[{\"revenue\":5268.78,\"units\":122,\"sales_count\":30}]"))
        let byProduct = brief.byProduct.map { group in
            "{\"product_id\":\"\(group.key)\",\"product_name\":\"\(group.label)\",\"units\":\(group.units),\"revenue\":\(BriefData.euros(group.revenueCents))}"
        }
        #expect(stdout.contains("\"sales_by_product\":[\(byProduct.joined(separator: ","))]"), "\(stdout)")
        let byCity = brief.byCity.map { group in
            "{\"city\":\"\(group.key)\",\"units\":\(group.units),\"revenue\":\(BriefData.euros(group.revenueCents))}"
        }
        #expect(stdout.contains("\"sales_by_city\":[\(byCity.joined(separator: ","))]"), "\(stdout)")
        let byRegion = brief.byRegion.map { group in
            "{\"region\":\"\(group.key)\",\"units\":\(group.units),\"revenue\":\(BriefData.euros(group.revenueCents))}"
        }
        #expect(stdout.contains("\"sales_by_region\":[\(byRegion.joined(separator: ","))]"), "\(stdout)")
        #expect(brief.byRegion.count == 7)
    }

    @Test("analyze stores each run's rows under its run id (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func analyzeStoresRuns(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()

        let first = try project.ventes("analyze")
        let second = try project.ventes("analyze")

        #expect(first.succeeded, "\(first.transcript)")
        #expect(second.succeeded, "\(second.transcript)")
        let database = project.store
        #expect(try database.rows("SELECT run_id, revenue_cents, units, sales_count FROM result_total_revenue ORDER BY run_id")
                == [["1", "526878", "122", "30"], ["2", "526878", "122", "30"]])
        #expect(try database.integer("SELECT COUNT(*) FROM result_sales_by_region WHERE run_id = 2") == 7)
    }
}
