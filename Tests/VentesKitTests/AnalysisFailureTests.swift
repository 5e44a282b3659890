import Foundation
import Testing
@testable import VentesKit

/// A failing query is named with SQLite's message, recorded, and does not stop the others.
@Suite struct AnalysisFailureTests {
    @Test func aFailingQueryIsRecordedAndTheOthersRun() throws {
        let (database, _, _) = try BriefDataFixture.analyzedDatabase()
        let file = try AnalysisFile(path: "bad.sql", text: """
            -- name: first
            -- How many sales?
            SELECT COUNT(*) AS sales_count FROM sale;

            -- name: broken
            -- What is in a table that does not exist?
            SELECT * FROM no_such_table;

            -- name: writer
            -- Can an analysis write?
            DELETE FROM sale;

            -- name: last
            -- What is the revenue?
            SELECT SUM(revenue_cents) AS revenue_cents FROM sale;
            """)
        let run = try database.runAnalyses(file, startedAt: Date())
        #expect(run.results.map(\.name) == ["first", "broken", "writer", "last"])
        #expect(run.result("broken")?.error == "bad.sql:5: analysis broken: no such table: no_such_table")
        #expect(run.result("writer")?.error == "bad.sql:9: analysis writer: the query would change the database; analyses may only read")
        #expect(run.result("first")?.rows == [[.integer(30)]])
        #expect(run.result("last")?.rows == [[.integer(526_878)]])

        // Recorded: the history counts the failures and the stored run keeps the messages.
        let info = try #require(try database.analysisRuns().first)
        #expect(info.id == run.id)
        #expect(info.analysisCount == 4)
        #expect(info.failedCount == 2)
        let stored = try #require(try database.analysisRun(id: run.id))
        #expect(stored.failures.map(\.name) == ["broken", "writer"])
        #expect(stored.result("broken")?.error == run.result("broken")?.error)
        #expect(stored.result("last")?.rows == [[.integer(526_878)]])
        // Nothing was deleted.
        #expect(try database.analysisRun(id: nil)?.result("first")?.rows == [[.integer(30)]])
    }
}
