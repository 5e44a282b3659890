import Foundation
import Testing

/// `ventes results`, `ventes history` and `ventes results --compare` on the built binary.
@Suite struct ResultsCommandTests {
    /// A workspace where `ventes run` was done once on the brief data.
    func ranOnce() throws -> URL {
        let directory = try ReportCLI.briefWorkspace()
        let run = try ReportCLI.ventes(["run"], in: directory)
        try #require(run.status == 0, "\(run.stderr)")
        return directory
    }

    @Test func resultsWithoutAnyRunSaysWhatToDo() throws {
        let directory = try ReportCLI.briefWorkspace()
        let outcome = try ReportCLI.ventes(["results"], in: directory)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "Error: data/ventes.db: no analysis has been run yet; run ventes analyze (or ventes run) first\n")
        let missing = try ReportCLI.ventes(["results", "--run", "42"], in: directory)
        #expect(missing.stderr == "Error: data/ventes.db: there is no analysis run #42; see ventes history\n")
    }

    @Test func resultsShowTheStoredRunWithoutRecomputing() throws {
        let directory = try ranOnce()
        let analyzed = try ReportCLI.ventes(["analyze", "--format", "json"], in: directory)
        #expect(analyzed.status == 0)
        let shown = try ReportCLI.ventes(["results", "--format", "json"], in: directory)
        #expect(shown.status == 0)
        #expect(shown.stdout == analyzed.stdout)
        #expect(shown.stdout.hasPrefix("{\"run_id\":2,\"analyses\":{\"total_revenue\":[{\"revenue\":5268.78,\"units\":122,\"sales_count\":30}]"))
        let first = try ReportCLI.ventes(["results", "--run", "1", "--format", "json"], in: directory)
        #expect(first.stdout.hasPrefix("{\"run_id\":1,"))
        // Showing results stores no new run.
        #expect(try ReportCLI.sqlite("SELECT COUNT(*) FROM analysis_run;", in: directory) == "2\n")
    }

    @Test func eachFormatOfResults() throws {
        let directory = try ranOnce()
        let table = try ReportCLI.ventes(["results", "--analysis", "total_revenue", "--analysis", "sales_by_product"], in: directory)
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
        let csv = try ReportCLI.ventes(["results", "--format", "csv", "--analysis", "sales_by_product"], in: directory)
        #expect(csv.stdout == "product_id,product_name,units,revenue\r\nREF004,Produit D,21,1679.79\r\nREF005,Produit E,35,1399.65\r\nREF001,Produit A,24,1199.76\r\nREF002,Produit B,27,539.73\r\nREF003,Produit C,15,449.85\r\n")
        let french = try ReportCLI.ventes(["results", "--format", "csv", "--csv-dialect", "fr", "--analysis", "sales_by_store"], in: directory)
        #expect(french.stdout.hasPrefix("store_id;city;region;employees;sales_count;units;revenue;revenue_per_employee;revenue_share_pct\r\n3;Lyon;Auvergne-Rhône-Alpes;8;5;21;1059,79;132,47;20,1\r\n"))
        let markdown = try ReportCLI.ventes(["results", "--format", "markdown", "--analysis", "total_revenue"], in: directory)
        #expect(markdown.stdout == "## Analysis run #1 (30 sales)\n\n### total\\_revenue\n\n_What is the total revenue, in units and number of sales?_\n\n| revenue | units | sales\\_count |\n| ---: | ---: | ---: |\n| 5,268.78 | 122 | 30 |\n")
        let all = try ReportCLI.ventes(["results", "--format", "csv"], in: directory)
        #expect(all.stdout.hasPrefix("# total_revenue\r\nrevenue,units,sales_count\r\n5268.78,122,30\r\n\r\n# sales_by_product\r\n"))
    }

    @Test func badOutputOptionsAreRefused() throws {
        let directory = try ranOnce()
        let dialect = try ReportCLI.ventes(["results", "--csv-dialect", "fr"], in: directory)
        #expect(dialect.status == 64)
        #expect(dialect.stderr.hasPrefix("Error: '--csv-dialect' is only valid with '--format csv'\n"))
        let unknown = try ReportCLI.ventes(["results", "--analysis", "nope"], in: directory)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("Error: run #1 has no analysis named \"nope\"; it has: total_revenue, sales_by_product,"))
    }

    @Test func historyListsRunsNewestFirst() throws {
        let directory = try ranOnce()
        _ = try ReportCLI.ventes(["analyze"], in: directory)
        let history = try ReportCLI.ventes(["history", "--format", "csv"], in: directory)
        #expect(history.status == 0)
        let lines = history.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "run_id,started_at,sales_count,analyses,failed,sql_source,sql_sha256")
        #expect(lines[1].hasPrefix("2,") && lines[2].hasPrefix("1,"))
        #expect(lines[1].contains(",30,13,0,results/analyses.sql,"))
        let table = try ReportCLI.ventes(["history"], in: directory)
        #expect(table.stdout.hasPrefix("2 analysis runs in data/ventes.db\n\n== history: Which analysis runs are stored (newest first)?\nrun_id  started_at"))
    }

    @Test func compareShowsRevenueAndUnitDeltas() throws {
        let directory = try ranOnce()
        // Two more sales: 2 × Produit A (49.99) in Paris and 1 × Produit C (29.99) in Lille.
        try ReportCLI.write("Date,ID Référence produit,Quantité,ID Magasin\n2023-06-26,REF001,2,1\n2023-06-26,REF003,1,5\n",
                            to: "more/ventes.csv", in: directory)
        let imported = try ReportCLI.ventes(["import", "--sales", "more/ventes.csv"], in: directory)
        try #require(imported.status == 0, "\(imported.stderr)")
        #expect(try ReportCLI.ventes(["analyze"], in: directory).status == 0)

        let json = try ReportCLI.ventes(["results", "--compare", "1", "--format", "json"], in: directory)
        #expect(json.status == 0)
        #expect(json.stdout.hasPrefix("{\"base_run_id\":1,\"run_id\":2,\"analyses\":{\"total_change\":[{\"units_before\":122,\"units_after\":125,\"units_change\":3,\"revenue_before\":5268.78,\"revenue_after\":5398.75,\"revenue_change\":129.97}]"))
        #expect(json.stdout.contains("{\"product_id\":\"REF001\",\"product_name\":\"Produit A\",\"units_before\":24,\"units_after\":26,\"units_change\":2,\"revenue_before\":1199.76,\"revenue_after\":1299.74,\"revenue_change\":99.98}"))
        #expect(json.stdout.contains("{\"product_id\":\"REF004\",\"product_name\":\"Produit D\",\"units_before\":21,\"units_after\":21,\"units_change\":0,\"revenue_before\":1679.79,\"revenue_after\":1679.79,\"revenue_change\":0.00}"))
        #expect(json.stdout.contains("{\"region\":\"Hauts-de-France\",\"units_before\":7,\"units_after\":8,\"units_change\":1,\"revenue_before\":249.93,\"revenue_after\":279.92,\"revenue_change\":29.99}"))
        #expect(json.stdout.contains("{\"region\":\"Île-de-France\",\"units_before\":20,\"units_after\":22,\"units_change\":2,\"revenue_before\":799.80,\"revenue_after\":899.78,\"revenue_change\":99.98}"))

        let table = try ReportCLI.ventes(["results", "--compare", "1"], in: directory)
        #expect(table.stdout.hasPrefix("Changes from analysis run #1 (30 sales) to run #2 (32 sales)\n"))
        #expect(table.stdout.contains("== product_changes: How did each product's revenue and units change?"))
        // Compared the other way round, the changes change sign.
        let reverse = try ReportCLI.ventes(["results", "--run", "1", "--compare", "2", "--format", "csv", "--analysis", "total_change"], in: directory)
        #expect(reverse.stdout == "units_before,units_after,units_change,revenue_before,revenue_after,revenue_change\r\n125,122,-3,5398.75,5268.78,-129.97\r\n")
    }
}
