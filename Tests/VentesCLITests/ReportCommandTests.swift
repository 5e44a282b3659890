import Foundation
import Testing

/// `ventes report`, the report written by `ventes run`, escaping end to end, and failing queries.
@Suite struct ReportCommandTests {
    @Test(arguments: Backend.available)
    func runWritesTheReportAndKeepsItsTotalLine(backend: Backend) throws {
        let project = try Project(backend: backend)
        let run = try project.ventes(["run"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\nTotal revenue: 5268.78 (122 units, 30 sales)\n"))
        #expect(run.stdout.contains("\nReport: results/report.html, results/note.md\n"))
        let html = try project.read("results/report.html")
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("5\u{202F}268,78\u{00A0}€"))
        let note = try project.read("results/note.md")
        #expect(note.contains("**5\u{202F}268,78\u{00A0}€** pour 122 unités vendues en 30 ventes."))
    }

    @Test(arguments: Backend.available)
    func reportInEnglishIntoAnotherDirectory(backend: Backend) throws {
        let project = try Project(backend: backend)
        #expect(try project.ventes(["run"]).status == 0)
        let report = try project.ventes(["report", "--out", "out/en", "--lang", "en"])
        #expect(report.status == 0)
        #expect(report.stdout == "Report of analysis run #1: out/en/report.html, out/en/note.md\n")
        let html = try project.read("out/en/report.html")
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<span class=\"value\">€5,268.78</span>"))
        #expect(try project.read("out/en/note.md").hasPrefix("# Results note: sales from 27 May 2023 to 25 June 2023\n"))
        // No new run: the report reads the stored one.
        #expect(try project.store.count("analysis_run") == 1)
    }

    @Test(arguments: Backend.available)
    func reportWithoutAnyRunSaysWhatToDo(backend: Backend) throws {
        let project = try Project(backend: backend)
        let report = try project.ventes(["report"])
        #expect(report.status == 1)
        #expect(report.stderr == "Error: \(project.storeName): no analysis has been run yet; run ventes analyze (or ventes run) first\n")
        #expect(!project.directory.exists("results/report.html"))
    }

    @Test(arguments: Backend.available)
    func hostileProductNamesAreEscapedInTheReportAndNeutralisedInCSV(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.directory.write("""
            Nom,ID Référence produit,Prix,Stock
            <script>alert(1)</script>,REF101,10.00,5
            "=HYPERLINK(""x"")",REF102,2.50,8

            """, to: "csv/produits.csv")
        try project.directory.write("""
            Date,ID Référence produit,Quantité,ID Magasin
            2023-05-27,REF101,3,1
            2023-05-28,REF102,2,2

            """, to: "csv/ventes.csv")
        let run = try project.ventes(["run"])
        try #require(run.status == 0, "\(run.stderr)")

        let html = try project.read("results/report.html")
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;x&quot;)"))
        let note = try project.read("results/note.md")
        #expect(!note.contains("<script>"))
        #expect(note.contains("| &lt;script&gt;alert(1)&lt;/script&gt; | 3 | 30,00\u{00A0}€ | 85,7\u{00A0}% |"))

        let expectedCSV = "product_id,product_name,units,revenue\r\nREF101,<script>alert(1)</script>,3,30.00\r\nREF102,\"'=HYPERLINK(\"\"x\"\")\",2,5.00\r\n"
        #expect(try project.read("results/sales_by_product.csv") == expectedCSV)
        let printed = try project.ventes(["results", "--format", "csv", "--analysis", "sales_by_product"])
        #expect(printed.stdout == expectedCSV)
        let french = try project.ventes(["results", "--format", "csv", "--csv-dialect", "fr", "--analysis", "sales_by_product"])
        #expect(french.stdout == "product_id;product_name;units;revenue\r\nREF101;<script>alert(1)</script>;3;30,00\r\nREF102;\"'=HYPERLINK(\"\"x\"\")\";2;5,00\r\n")
        let markdown = try project.ventes(["results", "--format", "markdown", "--analysis", "sales_by_product"])
        #expect(markdown.stdout.contains("| REF101 | &lt;script&gt;alert(1)&lt;/script&gt; | 3 | 30.00 |"))
    }

    @Test(arguments: Backend.available)
    func aFailingQueryIsNamedRecordedAndTheOthersStillRun(backend: Backend) throws {
        let project = try Project(backend: backend)
        #expect(try project.ventes(["run"]).status == 0)
        try project.directory.write("""
            -- name: sales_count
            -- How many sales?
            SELECT COUNT(*) AS sales_count FROM sale;

            -- name: broken
            -- What does a missing column hold?
            SELECT no_such_column FROM sale;

            -- name: revenue
            -- What is the revenue?
            SELECT SUM(revenue_cents) AS revenue_cents FROM sale;

            """, to: "bad.sql")
        let analyze = try project.ventes(["analyze", "--sql", "bad.sql", "--format", "json"])
        // The engine's own words for the missing column.
        let failure = "bad.sql:5: analysis broken: " + (backend == .sqlite ? "no such column: no_such_column" : "column \"no_such_column\" does not exist")
        let failureInJSON = failure.replacingOccurrences(of: "\"", with: "\\\"")
        #expect(analyze.status == 1)
        #expect(analyze.stderr == "error: \(failure)\n")
        #expect(analyze.stdout == "{\"run_id\":2,\"analyses\":{\"sales_count\":[{\"sales_count\":30}],\"revenue\":[{\"revenue\":5268.78}]},\"failed\":{\"broken\":\"\(failureInJSON)\"}}\n")
        #expect(try project.store.lines("SELECT name, status, error FROM analysis_output WHERE run_id = 2 ORDER BY position") == [
            "sales_count|ok|NULL", "broken|failed|\(failure)", "revenue|ok|NULL",
        ])
        // The stored run shows the failure; the report says it too.
        let shown = try project.ventes(["results"])
        #expect(shown.stdout.contains("== broken: What does a missing column hold?\nFAILED: \(failure)\n"))
        #expect(try project.ventes(["report"]).status == 0)
        #expect(try project.read("results/report.html").contains("Échec de l’analyse\u{00A0}: \(failure.replacingOccurrences(of: "\"", with: "&quot;"))"))
    }
}
