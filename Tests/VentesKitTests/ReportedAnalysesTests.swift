import Testing
@testable import VentesKit

/// The analyses and columns the outputs rely on, checked against a run of the analyses file.
@Suite struct ReportedAnalysesTests {
    let run: AnalysisRun

    init() throws {
        run = try BriefDataFixture.analyzedDatabase().run
    }

    @Test func theShippedAnalysesFileGivesEverythingTheOutputsRead() {
        #expect(ReportedAnalyses.check(run).isEmpty)
        #expect(run.results.map(\.name) == ReportedAnalyses.all.map(\.name))
        for analysis in ReportedAnalyses.all {
            #expect(ReportedAnalyses.usable(analysis, in: run) != nil, "\(analysis.name)")
            #expect(ReportStrings.analysisTitle(analysis.name, .fr) != nil, "\(analysis.name)")
        }
    }

    @Test func aRenamedAnalysisIsNamedWithWhatTheReportLeavesOut() {
        var renamed = run
        renamed.results[3].name = "sales_per_region"
        let warnings = ReportedAnalyses.check(renamed)
        #expect(warnings.map(\.description) == [
            "analysis sales_by_region not found in \(run.sqlSource): the report leaves out the revenue by region chart, the note's region table and the region changes between runs",
        ])
        let html = HTMLReport(run: renamed).html
        #expect(!html.contains("chart-regions"))
        #expect(html.contains("chart-products") && html.contains("<h3 id=\"analysis-sales_per_region\">"))
        #expect(MarkdownNote(run: renamed).markdown.contains("analyse sales\\_by\\_region absente de ce run"))
    }

    @Test func aRenamedColumnLeavesTheAnalysisOutWithAWarning() throws {
        var renamed = run
        let index = try #require(renamed.results.firstIndex { $0.name == "total_revenue" })
        renamed.results[index].columns[0] = ResultColumn(sqlName: "revenue")
        #expect(ReportedAnalyses.check(renamed) == [
            ReportWarning(analysis: "total_revenue", problem: .columnsMissing(["revenue_cents"]), analysesFile: run.sqlSource,
                          leftOut: ReportedAnalyses.totalRevenue.feeds ?? ""),
        ])
        #expect(RunTotals(renamed) == nil)
        let totals = try #require(RunTotals(run))
        #expect((totals.revenue, totals.units, totals.sales) == (Cents(526_878), 122, 30))
        #expect(MarkdownNote(run: renamed).markdown.contains("analyse total\\_revenue sans colonne revenue\\_cents"))
    }

    @Test func aFailedAnalysisIsNotWarnedAboutTwice() {
        var failed = run
        failed.results[1].error = "no such table: product"
        #expect(ReportedAnalyses.check(failed).isEmpty)
        #expect(ReportedAnalyses.usable(ReportedAnalyses.salesByProduct, in: failed) == nil)
    }
}
