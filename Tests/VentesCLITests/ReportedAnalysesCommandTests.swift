import Foundation
import Testing

/// `ventes run` with an analyses file that lacks what the report relies on: one warning line
/// per missing analysis or column on stderr, and the report still written.
@Suite("Analyses the report relies on")
struct ReportedAnalysesCommandTests {
    @Test("with sales_by_region renamed, run warns naming it and what the report leaves out; the report still renders (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func renamedAnalysis(backend: Backend) throws {
        let project = try Project(backend: backend)
        let shipped = try String(contentsOf: project.shippedAnalyses, encoding: .utf8)
        try #require(shipped.contains("-- name: sales_by_region\n"))
        try project.directory.write(shipped.replacingOccurrences(of: "-- name: sales_by_region\n", with: "-- name: sales_per_region\n"),
                                    to: backend.analysesFile)

        let run = try project.ventes("run")

        #expect(run.succeeded, "\(run.transcript)")
        #expect(run.stderrLines == [
            "warning: analysis sales_by_region not found in \(backend.analysesFile): the report leaves out the revenue by region chart, the note's region table and the region changes between runs",
        ])
        #expect(run.stdout.contains("Total revenue: 5268.78 (122 units, 30 sales)"))
        let html = try String(contentsOfFile: project.directory.path("results/report.html"), encoding: .utf8)
        #expect(html.contains("<h2 id=\"key-figures\">Chiffres clés</h2>"))
        #expect(html.contains("aria-labelledby=\"chart-products-title chart-products-desc\""))
        #expect(html.contains("aria-labelledby=\"chart-stores-title chart-stores-desc\""))
        #expect(!html.contains("chart-regions"))
        // The renamed query is still run and shown, under its new name.
        #expect(html.contains("<h3 id=\"analysis-sales_per_region\">sales_per_region</h3>"))
        #expect(html.hasSuffix("</html>\n"))
        let note = try String(contentsOfFile: project.directory.path("results/note.md"), encoding: .utf8)
        #expect(note.contains("| Produit D | 21 |"))

        // `ventes report` from that run says it again; the shipped file gives no warning.
        let report = try project.ventes("report")
        #expect(report.succeeded)
        #expect(report.stderrLines.count == 1 && report.stderrLines[0].hasPrefix("warning: analysis sales_by_region not found"))
    }

    @Test("a column the report reads, renamed in a query, is named in the warning (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func renamedColumn(backend: Backend) throws {
        let project = try Project(backend: backend)
        let shipped = try String(contentsOf: project.shippedAnalyses, encoding: .utf8)
        // total_revenue's revenue column, renamed (the first `AS revenue_cents,` after its name line).
        let total = try #require(shipped.range(of: "-- name: total_revenue\n"))
        let column = try #require(shipped.range(of: " AS revenue_cents,", range: total.upperBound..<shipped.endIndex))
        try project.directory.write(shipped.replacingCharacters(in: column, with: " AS turnover_cents,"),
                                    to: backend.analysesFile)

        let run = try project.ventes("run")

        #expect(run.succeeded, "\(run.transcript)")
        #expect(run.stderrLines == [
            "warning: analysis total_revenue in \(backend.analysesFile) has no column revenue_cents: the report leaves out the revenue, units and sales key figures, the note's total, the run's total line and the total change between runs",
        ])
        #expect(!run.stdout.contains("Total revenue:"))
        #expect(project.directory.exists("results/report.html"))
    }
}
