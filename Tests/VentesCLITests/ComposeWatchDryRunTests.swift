import Foundation
import Testing

/// The refresh service of docker-compose.yml (profile "watch") run without Docker by
/// scripts/compose_watch_dry_run.py: started, one cycle observed through its healthcheck, SIGTERM, exit 0.
@Suite("Compose watch dry run")
struct ComposeWatchDryRunTests {
    func dryRun(compose: URL? = nil) async throws -> DeployHarness.Run {
        try await DeployHarness.composeDryRun("scripts/compose_watch_dry_run.py", compose: compose)
    }

    // SQLite only: docker-compose.yml's watch service runs on the SQLite volume (/data/ventes.db).
    @Test("the watch service starts after sqlite-db, passes its healthcheck after one cycle, and exits 0 on SIGTERM")
    func watchProfile() async throws {
        let run = try await dryRun()

        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("swift-scripts-watch: healthy"))
        #expect(run.stdout.contains("swift-scripts-watch: exited 0, "))
        let last = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("compose watch dry run: ok ("), "\(last)")
    }

    // SQLite only: docker-compose.yml's watch service runs on the SQLite volume (/data/ventes.db).
    @Test("a miswired watch service fails the dry run", arguments: [
        ("    profiles: [\"watch\"]\n", "", "not in the profile 'watch'"),
        ("restart: unless-stopped", "restart: \"no\"", "needs a restart policy"),
        ("test: [\"CMD\", \"ventes\", \"status\", \"--healthy-within\", \"2\", \"--limit\", \"1\"]", "test: [\"CMD\", \"true\"]",
         "the healthcheck must be"),
        ("    stop_grace_period: 30s\n", "", "no stop_grace_period"),
    ])
    func miswired(original: String, replacement: String, expected: String) async throws {
        let text = try String(contentsOf: DeployHarness.repositoryRoot.appendingPathComponent("docker-compose.yml"), encoding: .utf8)
        #expect(text.contains(original))
        let compose = try DeployHarness.makeDirectory().appendingPathComponent("docker-compose.yml")
        try Data(text.replacingOccurrences(of: original, with: replacement).utf8).write(to: compose)

        let run = try await dryRun(compose: compose)

        #expect(run.status != 0)
        #expect(run.stderr.contains("compose dry run: FAILED") && run.stderr.contains(expected), "\(run.stderr)")
    }
}
