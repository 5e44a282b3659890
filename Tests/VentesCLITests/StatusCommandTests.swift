import Foundation
import Testing

/// `ventes status`: the cycles from the database, and its healthcheck's exit status.
@Suite("status")
struct StatusCommandTests {
    @Test("no cycle recorded: the text says so; --healthy-within exits 1 with the reason (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func noCycles(backend: Backend) async throws {
        let project = try Project(backend: backend)

        let text = try await project.ventesAsync("status")
        let health = try await project.ventesAsync("status", "--healthy-within", "2")
        let json = try await project.ventesAsync("status", "--format", "json", "--healthy-within", "2")

        #expect(text.succeeded)
        #expect(text.stdout.hasPrefix("No refresh cycle is recorded in this database.\nStart the refresh service with `ventes watch`"))
        #expect(health.status == 1 && !health.killedBySignal, "\(health.transcript)")
        #expect(health.stderr == "unhealthy: no refresh cycle is recorded in this database\n")
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"cycles\":[],\"healthy_within_intervals\":2,\"healthy\":false"), "\(json.stdout)")
    }

    @Test("healthy right after a cycle; unhealthy once the last success is older than N intervals; --healthy-within 0 is refused (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func healthyWithin(backend: Backend) async throws {
        let project = try Project(backend: backend)
        let watch = try WatchService(["--every", "1h"], in: project.directory.url, database: project.database.path,
                                     environment: .inherited(adding: project.storeEnvironment))
        try await watch.waitForCycles(1, of: project)
        let stopped = try await watch.stop()
        try #require(stopped.succeeded, "\(stopped.transcript)")

        let fresh = try await project.ventesAsync("status", "--healthy-within", "2")
        let json = try await project.ventesAsync("status", "--format", "json")
        let report = try await project.ventesAsync("report", "--out", "again", "--lang", "en")
        // The same cycle, as if it had run three hours ago.
        try await Self.makeCyclesThreeHoursOld(project)
        let stale = try await project.ventesAsync("status", "--healthy-within", "2")
        let lenient = try await project.ventesAsync("status", "--healthy-within", "4")
        let refused = try await project.ventesAsync("status", "--healthy-within", "0")

        #expect(fresh.succeeded, "\(fresh.transcript)")
        #expect(fresh.stdout.contains("Refresh service: every 1h\nLast success: cycle #1 at "), "\(fresh.stdout)")
        #expect(fresh.stdout.contains("(refreshed, +42 rows)"))
        #expect(fresh.stdout.contains("Last refresh: cycle #1 at ") && fresh.stdout.contains(", analysis run #1"))
        #expect(fresh.stdout.contains("Next cycle: none (the service stopped after cycle #1)"), "\(fresh.stdout)")
        #expect(json.stdout.contains("\"interval\":\"1h\",\"last_success\":{\"cycle\":1,"), "\(json.stdout)")
        #expect(json.stdout.contains("\"outcome\":\"refreshed\",\"sources\":{\"stores\":\"changed\",\"products\":\"changed\",\"sales\":\"changed\"},\"rows_added\":42"))
        #expect(report.succeeded, "\(report.transcript)")
        let html = try String(contentsOfFile: project.directory.path("again/report.html"), encoding: .utf8)
        #expect(html.contains("<h2 id=\"refresh\">Last refresh</h2>") && html.contains(": 30 new sales, €5,268.78 more revenue."),
                "ventes report on a run a refresh made says what that refresh brought")
        #expect(stale.status == 1, "\(stale.transcript)")
        #expect(stale.stderr.hasPrefix("unhealthy: no cycle succeeded within 2 intervals of 1h: the last success was #1 at "), "\(stale.stderr)")
        #expect(lenient.succeeded, "\(lenient.transcript)")
        #expect(refused.status == 64, "\(refused.transcript)")
        #expect(refused.stderr.contains("--healthy-within must be at least 1"))
    }

    /// Moves every recorded cycle three hours back, as if it had run then (the store keeps times
    /// as ISO 8601 text in UTC on both backends).
    static func makeCyclesThreeHoursOld(_ project: Project) async throws {
        switch project.backend {
        case .sqlite:
            let sqlite = try await Launcher.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [project.database.path, """
                UPDATE refresh_cycle SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 hours'),
                                         finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 hours')
                """], in: project.directory.url, environment: .inherited(adding: [:]))
            try #require(sqlite.succeeded, "\(sqlite.transcript)")
        case .postgresql:
            let threeHoursAgo = #"to_char(now() AT TIME ZONE 'UTC' - interval '3 hours', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"#
            _ = try PostgreSQLTestServer.psql("UPDATE refresh_cycle SET started_at = \(threeHoursAgo), finished_at = \(threeHoursAgo)",
                                              schema: project.schema)
        }
    }
}
