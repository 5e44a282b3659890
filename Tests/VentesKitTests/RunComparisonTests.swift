import Testing
@testable import VentesKit

/// Deltas between two runs: matched by product id and region, new and vanished keys as zero.
@Suite struct RunComparisonTests {
    func run(_ id: Int64, total: (Int64, Int64), products: [(String, String, Int64, Int64)], regions: [(String, Int64, Int64)]) -> AnalysisRun {
        let money = ResultColumn(sqlName: "revenue_cents")
        return AnalysisRun(id: id, startedAt: "", sqlSource: "a.sql", sqlSHA256: "", salesCount: Int(id) * 10, results: [
            AnalysisResult(name: "total_revenue", question: "", columns: [money, ResultColumn(sqlName: "units"), ResultColumn(sqlName: "sales_count")],
                           rows: [[.integer(total.1), .integer(total.0), .integer(1)]]),
            AnalysisResult(name: "sales_by_product", question: "",
                           columns: ["product_id", "product_name", "units", "revenue_cents"].map(ResultColumn.init(sqlName:)),
                           rows: products.map { [.text($0.0), .text($0.1), .integer($0.2), .integer($0.3)] }),
            AnalysisResult(name: "sales_by_region", question: "", columns: ["region", "units", "revenue_cents"].map(ResultColumn.init(sqlName:)),
                           rows: regions.map { [.text($0.0), .integer($0.1), .integer($0.2)] }),
        ])
    }

    @Test func deltasPerProductAndRegion() {
        let before = run(1, total: (10, 5_000), products: [("A", "Produit A", 6, 3_000), ("B", "Produit B", 4, 2_000)],
                         regions: [("Île-de-France", 10, 5_000)])
        let after = run(2, total: (13, 4_999), products: [("C", "Produit C", 5, 2_000), ("A", "Produit A renamed", 8, 2_999)],
                        regions: [("Île-de-France", 8, 2_999), ("Grand Est", 5, 2_000)])
        let comparison = RunComparison(base: before, current: after)
        #expect(comparison.results.map(\.name) == ["total_change", "product_changes", "region_changes"])
        #expect(comparison.results.allSatisfy { $0.error == nil })
        #expect(comparison.title == "Changes from analysis run #1 (10 sales) to run #2 (20 sales)")

        #expect(comparison.results[0].rows == [[.integer(10), .integer(13), .integer(3), .integer(5_000), .integer(4_999), .integer(-1)]])
        #expect(comparison.results[1].columns.map(\.displayName) == [
            "product_id", "product_name", "units_before", "units_after", "units_change", "revenue_before", "revenue_after", "revenue_change",
        ])
        #expect(comparison.results[1].rows == [
            [.text("C"), .text("Produit C"), .integer(0), .integer(5), .integer(5), .integer(0), .integer(2_000), .integer(2_000)],
            [.text("A"), .text("Produit A renamed"), .integer(6), .integer(8), .integer(2), .integer(3_000), .integer(2_999), .integer(-1)],
            [.text("B"), .text("Produit B"), .integer(4), .integer(0), .integer(-4), .integer(2_000), .integer(0), .integer(-2_000)],
        ])
        #expect(comparison.results[2].rows == [
            [.text("Île-de-France"), .integer(10), .integer(8), .integer(-2), .integer(5_000), .integer(2_999), .integer(-2_001)],
            [.text("Grand Est"), .integer(0), .integer(5), .integer(5), .integer(0), .integer(2_000), .integer(2_000)],
        ])
        #expect(ResultRenderer.json(comparison.results, metadata: []).serialized().contains(
            "{\"product_id\":\"A\",\"product_name\":\"Produit A renamed\",\"units_before\":6,\"units_after\":8,\"units_change\":2,\"revenue_before\":30.00,\"revenue_after\":29.99,\"revenue_change\":-0.01}"))
    }

    @Test func aRunWithoutTheSourceAnalysisFailsThatPartOnly() {
        var before = run(1, total: (1, 100), products: [], regions: [("Grand Est", 1, 100)])
        before.results[1].error = "no such table: product"
        let after = run(2, total: (1, 100), products: [], regions: [("Grand Est", 1, 100)])
        let comparison = RunComparison(base: before, current: after)
        #expect(comparison.results[1].error == "run #1 has no sales_by_product result to compare")
        #expect(comparison.results[0].error == nil)
        #expect(comparison.results[2].error == nil)
    }
}
