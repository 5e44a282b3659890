import Testing
@testable import VentesKit

@Suite struct AnalysisFileTests {
    @Test func splitsNamedQueriesWithTheirQuestion() throws {
        let file = try AnalysisFile(path: "a.sql", text: """
            -- Header comment, ignored.

            -- name: total_revenue
            -- What is the total revenue?
            SELECT SUM(revenue_cents) AS revenue_cents FROM sale;

            --name:by_store
            SELECT store_id FROM sale
            -- a comment inside the query stays in it
            ORDER BY 1;
            """)
        #expect(file.queries.map(\.name) == ["total_revenue", "by_store"])
        #expect(file.queries[0].question == "What is the total revenue?")
        #expect(file.queries[0].sql == "SELECT SUM(revenue_cents) AS revenue_cents FROM sale;")
        #expect(file.queries[0].line == 3)
        #expect(file.queries[1].question == "")
        #expect(file.queries[1].sql.hasSuffix("ORDER BY 1;"))
    }

    @Test func refusesBadNamesDuplicatesAndEmptyFiles() {
        #expect(throws: AnalysisFile.Problem.self) { try AnalysisFile(path: "a.sql", text: "-- name: Bad Name\nSELECT 1;") }
        #expect(throws: AnalysisFile.Problem.self) {
            try AnalysisFile(path: "a.sql", text: "-- name: a\nSELECT 1;\n-- name: a\nSELECT 2;")
        }
        #expect(throws: AnalysisFile.Problem.self) { try AnalysisFile(path: "a.sql", text: "SELECT 1;") }
        #expect(throws: AnalysisFile.Problem.self) { try AnalysisFile(path: "a.sql", text: "-- name: a\n-- only a comment\n") }
    }

    @Test func theShippedAnalysesFileHasTheRequiredQueries() throws {
        let path = #filePath.replacingOccurrences(of: "Tests/VentesKitTests/AnalysisFileTests.swift", with: "results/analyses.sql")
        let names = try AnalysisFile(path: path).queries.map(\.name)
        for required in ["total_revenue", "sales_by_product", "sales_by_city", "sales_by_region"] {
            #expect(names.contains(required))
        }
    }
}
