import Foundation
import Testing

/// `ventes results`, `ventes history` and `ventes results --compare` on the built binary.
@Suite struct ResultsCommandTests {
    @Test(arguments: Backend.available)
    func resultsWithoutAnyRunSaysWhatToDo(backend: Backend) throws {
        let project = try Project(backend: backend)
        let outcome = try project.ventes(["results"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "Error: \(project.storeName): no analysis has been run yet; run ventes analyze (or ventes run) first\n")
        let missing = try project.ventes(["results", "--run", "42"])
        #expect(missing.stderr == "Error: \(project.storeName): there is no analysis run #42; see ventes history\n")
    }

    @Test(arguments: Backend.available)
    func resultsShowTheStoredRunWithoutRecomputing(backend: Backend) throws {
        let project = try Project.ranOnce(backend)
        let analyzed = try project.ventes(["analyze", "--format", "json"])
        #expect(analyzed.status == 0)
        let shown = try project.ventes(["results", "--format", "json"])
        #expect(shown.status == 0)
        #expect(shown.stdout == analyzed.stdout)
        #expect(shown.stdout.hasPrefix("{\"run_id\":2,\"analyses\":{\"total_revenue\":[{\"revenue\":5268.78,\"units\":122,\"sales_count\":30}]"))
        let first = try project.ventes(["results", "--run", "1", "--format", "json"])
        #expect(first.stdout.hasPrefix("{\"run_id\":1,"))
        // Showing results stores no new run.
        #expect(try project.store.count("analysis_run") == 2)
    }

    @Test(arguments: Backend.available)
    func eachFormatOfResults(backend: Backend) throws {
        let project = try Project.ranOnce(backend)
        let table = try project.ventes(["results", "--analysis", "total_revenue", "--analysis", "sales_by_product"])
        #expect(table.stdout == """
            Analysis run #1 (30 sales)

            == total_revenue: What is the total revenue, in units and number of sales?
             revenue  units  sales_count
            --------  -----  -----------
            5,268.78    122           30

            == sales_by_product: Which products sell the most, by revenue?
            product_id  product_name  units   revenue
            ----------  ------------  -----  --------
            REF004      Produit D        21  1,679.79
            REF005      Produit E        35  1,399.65
            REF001      Produit A        24  1,199.76
            REF002      Produit B        27    539.73
            REF003      Produit C        15    449.85

            """)
        let csv = try project.ventes(["results", "--format", "csv", "--analysis", "sales_by_product"])
        #expect(csv.stdout == "product_id,product_name,units,revenue\r\nREF004,Produit D,21,1679.79\r\nREF005,Produit E,35,1399.65\r\nREF001,Produit A,24,1199.76\r\nREF002,Produit B,27,539.73\r\nREF003,Produit C,15,449.85\r\n")
        let french = try project.ventes(["results", "--format", "csv", "--csv-dialect", "fr", "--analysis", "sales_by_store"])
        #expect(french.stdout.hasPrefix("store_id;city;region;employees;sales_count;units;revenue;revenue_per_employee;revenue_share_pct\r\n3;Lyon;Auvergne-Rhône-Alpes;8;5;21;1059,79;132,47;20,1\r\n"))
        let markdown = try project.ventes(["results", "--format", "markdown", "--analysis", "total_revenue"])
        #expect(markdown.stdout == "## Analysis run #1 (30 sales)\n\n### total\\_revenue\n\n_What is the total revenue, in units and number of sales?_\n\n| revenue | units | sales\\_count |\n| ---: | ---: | ---: |\n| 5,268.78 | 122 | 30 |\n")
        let all = try project.ventes(["results", "--format", "csv"])
        #expect(all.stdout.hasPrefix("# total_revenue\r\nrevenue,units,sales_count\r\n5268.78,122,30\r\n\r\n# sales_by_product\r\n"))
    }

    @Test(arguments: Backend.available)
    func badOutputOptionsAreRefused(backend: Backend) throws {
        let project = try Project.ranOnce(backend)
        let dialect = try project.ventes(["results", "--csv-dialect", "fr"])
        #expect(dialect.status == 64)
        #expect(dialect.stderr.hasPrefix("Error: '--csv-dialect' is only valid with '--format csv'\n"))
        let unknown = try project.ventes(["results", "--analysis", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("Error: run #1 has no analysis named \"nope\"; it has: total_revenue, sales_by_product,"))
    }

    @Test(arguments: Backend.available)
    func historyListsRunsNewestFirst(backend: Backend) throws {
        let project = try Project.ranOnce(backend)
        _ = try project.ventes(["analyze"])
        let history = try project.ventes(["history", "--format", "csv"])
        #expect(history.status == 0)
        let lines = history.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "run_id,started_at,sales_count,analyses,failed,sql_source,sql_sha256")
        #expect(lines[1].hasPrefix("2,") && lines[2].hasPrefix("1,"))
        #expect(lines[1].contains(",30,13,0,\(backend.analysesFile),"), "\(lines[1])")
        let table = try project.ventes(["history"])
        #expect(table.stdout.hasPrefix("2 analysis runs in \(project.storeName)\n\n== history: Which analysis runs are stored (newest first)?\nrun_id  started_at"))
    }

    @Test(arguments: Backend.available)
    func compareShowsRevenueAndUnitDeltas(backend: Backend) throws {
        let project = try Project.ranOnce(backend)
        // Two more sales: 2 × Produit A (49.99) in Paris and 1 × Produit C (29.99) in Lille.
        try project.directory.write("Date,ID Référence produit,Quantité,ID Magasin\n2023-06-26,REF001,2,1\n2023-06-26,REF003,1,5\n",
                            to: "more/ventes.csv")
        let imported = try project.ventes(["import", "--sales", "more/ventes.csv"])
        try #require(imported.status == 0, "\(imported.stderr)")
        #expect(try project.ventes(["analyze"]).status == 0)

        let json = try project.ventes(["results", "--compare", "1", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.hasPrefix("{\"base_run_id\":1,\"run_id\":2,\"analyses\":{\"total_change\":[{\"units_before\":122,\"units_after\":125,\"units_change\":3,\"revenue_before\":5268.78,\"revenue_after\":5398.75,\"revenue_change\":129.97}]"))
        #expect(json.stdout.contains("{\"product_id\":\"REF001\",\"product_name\":\"Produit A\",\"units_before\":24,\"units_after\":26,\"units_change\":2,\"revenue_before\":1199.76,\"revenue_after\":1299.74,\"revenue_change\":99.98}"))
        #expect(json.stdout.contains("{\"product_id\":\"REF004\",\"product_name\":\"Produit D\",\"units_before\":21,\"units_after\":21,\"units_change\":0,\"revenue_before\":1679.79,\"revenue_after\":1679.79,\"revenue_change\":0.00}"))
        #expect(json.stdout.contains("{\"region\":\"Hauts-de-France\",\"units_before\":7,\"units_after\":8,\"units_change\":1,\"revenue_before\":249.93,\"revenue_after\":279.92,\"revenue_change\":29.99}"))
        #expect(json.stdout.contains("{\"region\":\"Île-de-France\",\"units_before\":20,\"units_after\":22,\"units_change\":2,\"revenue_before\":799.80,\"revenue_after\":899.78,\"revenue_change\":99.98}"))

        let table = try project.ventes(["results", "--compare", "1"])
        #expect(table.stdout.hasPrefix("Changes from analysis run #1 (30 sales) to run #2 (32 sales)\n"))
        #expect(table.stdout.contains("== product_changes: How did each product's revenue and units change?"))
        // Compared the other way round, the changes change sign.
        let reverse = try project.ventes(["results", "--run", "1", "--compare", "2", "--format", "csv", "--analysis", "total_change"])
        #expect(reverse.stdout == "units_before,units_after,units_change,revenue_before,revenue_after,revenue_change\r\n125,122,-3,5398.75,5268.78,-129.97\r\n")
    }
}
