import Foundation
import Testing

/// `ventes report`, the report written by `ventes run`, escaping end to end, and failing queries.
@Suite struct ReportCommandTests {
    @Test func runWritesTheReportAndKeepsItsTotalLine() throws {
        let directory = try ReportCLI.briefWorkspace()
        let run = try ReportCLI.ventes(["run"], in: directory)
        #expect(run.status == 0)
        #expect(run.stdout.contains("\nTotal revenue: 5268.78 (122 units, 30 sales)\n"))
        #expect(run.stdout.contains("\nReport: results/report.html, results/note.md\n"))
        let html = try ReportCLI.read("results/report.html", in: directory)
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("5\u{202F}268,78\u{00A0}€"))
        let note = try ReportCLI.read("results/note.md", in: directory)
        #expect(note.contains("**5\u{202F}268,78\u{00A0}€** pour 122 unités vendues en 30 ventes."))
    }

    @Test func reportInEnglishIntoAnotherDirectory() throws {
        let directory = try ReportCLI.briefWorkspace()
        #expect(try ReportCLI.ventes(["run"], in: directory).status == 0)
        let report = try ReportCLI.ventes(["report", "--out", "out/en", "--lang", "en"], in: directory)
        #expect(report.status == 0)
        #expect(report.stdout == "Report of analysis run #1: out/en/report.html, out/en/note.md\n")
        let html = try ReportCLI.read("out/en/report.html", in: directory)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<span class=\"value\">€5,268.78</span>"))
        #expect(try ReportCLI.read("out/en/note.md", in: directory).hasPrefix("# Results note: sales from 27 May 2023 to 25 June 2023\n"))
        // No new run: the report reads the stored one.
        #expect(try ReportCLI.sqlite("SELECT COUNT(*) FROM analysis_run;", in: directory) == "1\n")
    }

    @Test func reportWithoutAnyRunSaysWhatToDo() throws {
        let directory = try ReportCLI.briefWorkspace()
        let report = try ReportCLI.ventes(["report"], in: directory)
        #expect(report.status == 1)
        #expect(report.stderr == "Error: data/ventes.db: no analysis has been run yet; run ventes analyze (or ventes run) first\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("results/report.html").path))
    }

    @Test func hostileProductNamesAreEscapedInTheReportAndNeutralisedInCSV() throws {
        let directory = try ReportCLI.briefWorkspace()
        try ReportCLI.write("""
            Nom,ID Référence produit,Prix,Stock
            <script>alert(1)</script>,REF101,10.00,5
            "=HYPERLINK(""x"")",REF102,2.50,8

            """, to: "csv/produits.csv", in: directory)
        try ReportCLI.write("""
            Date,ID Référence produit,Quantité,ID Magasin
            2023-05-27,REF101,3,1
            2023-05-28,REF102,2,2

            """, to: "csv/ventes.csv", in: directory)
        let run = try ReportCLI.ventes(["run"], in: directory)
        try #require(run.status == 0, "\(run.stderr)")

        let html = try ReportCLI.read("results/report.html", in: directory)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;x&quot;)"))
        let note = try ReportCLI.read("results/note.md", in: directory)
        #expect(!note.contains("<script>"))
        #expect(note.contains("| &lt;script&gt;alert(1)&lt;/script&gt; | 3 | 30,00\u{00A0}€ | 85,7\u{00A0}% |"))

        let expectedCSV = "product_id,product_name,units,revenue\r\nREF101,<script>alert(1)</script>,3,30.00\r\nREF102,\"'=HYPERLINK(\"\"x\"\")\",2,5.00\r\n"
        #expect(try ReportCLI.read("results/sales_by_product.csv", in: directory) == expectedCSV)
        let printed = try ReportCLI.ventes(["results", "--format", "csv", "--analysis", "sales_by_product"], in: directory)
        #expect(printed.stdout == expectedCSV)
        let french = try ReportCLI.ventes(["results", "--format", "csv", "--csv-dialect", "fr", "--analysis", "sales_by_product"], in: directory)
        #expect(french.stdout == "product_id;product_name;units;revenue\r\nREF101;<script>alert(1)</script>;3;30,00\r\nREF102;\"'=HYPERLINK(\"\"x\"\")\";2;5,00\r\n")
        let markdown = try ReportCLI.ventes(["results", "--format", "markdown", "--analysis", "sales_by_product"], in: directory)
        #expect(markdown.stdout.contains("| REF101 | &lt;script&gt;alert(1)&lt;/script&gt; | 3 | 30.00 |"))
    }

    @Test func aFailingQueryIsNamedRecordedAndTheOthersStillRun() throws {
        let directory = try ReportCLI.briefWorkspace()
        #expect(try ReportCLI.ventes(["run"], in: directory).status == 0)
        try ReportCLI.write("""
            -- name: sales_count
            -- How many sales?
            SELECT COUNT(*) AS sales_count FROM sale;

            -- name: broken
            -- What does a missing column hold?
            SELECT no_such_column FROM sale;

            -- name: revenue
            -- What is the revenue?
            SELECT SUM(revenue_cents) AS revenue_cents FROM sale;

            """, to: "bad.sql", in: directory)
        let analyze = try ReportCLI.ventes(["analyze", "--sql", "bad.sql", "--format", "json"], in: directory)
        #expect(analyze.status == 1)
        #expect(analyze.stderr == "error: bad.sql:5: analysis broken: no such column: no_such_column\n")
        #expect(analyze.stdout == "{\"run_id\":2,\"analyses\":{\"sales_count\":[{\"sales_count\":30}],\"revenue\":[{\"revenue\":5268.78}]},\"failed\":{\"broken\":\"bad.sql:5: analysis broken: no such column: no_such_column\"}}\n")
        #expect(try ReportCLI.sqlite("SELECT name, status, error FROM analysis_output WHERE run_id = 2 ORDER BY position;", in: directory) == """
            sales_count|ok|
            broken|failed|bad.sql:5: analysis broken: no such column: no_such_column
            revenue|ok|

            """)
        // The stored run shows the failure; the report says it too.
        let shown = try ReportCLI.ventes(["results"], in: directory)
        #expect(shown.stdout.contains("== broken: What does a missing column hold?\nFAILED: bad.sql:5: analysis broken: no such column: no_such_column\n"))
        #expect(try ReportCLI.ventes(["report"], in: directory).status == 0)
        #expect(try ReportCLI.read("results/report.html", in: directory).contains("Échec de l’analyse\u{00A0}: bad.sql:5: analysis broken: no such column: no_such_column"))
    }
}
