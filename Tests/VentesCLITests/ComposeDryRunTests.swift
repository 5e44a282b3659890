import Foundation
import Testing

/// docker-compose.yml run without Docker by scripts/compose_dry_run.py, with the ventes binary built here.
@Suite("Compose dry run")
struct ComposeDryRunTests {
    func dryRun(compose: URL? = nil) async throws -> DeployHarness.Run {
        try await DeployHarness.composeDryRun("scripts/compose_dry_run.py", compose: compose)
    }

    // SQLite only: docker-compose.yml's services share the SQLite volume (/data/ventes.db).
    @Test("each service's command runs in dependency order on the shared volume; the job completes")
    func composeFileIsWiredRight() async throws {
        let run = try await dryRun()

        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("sqlite-db: healthy"))
        #expect(run.stdout.contains("Total revenue: 5268.78 (122 units, 30 sales)"))
        let last = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("compose dry run: ok (30 sales on the shared volume, "))
        #expect(last.hasSuffix(" result files, 2 analysis runs)"))
    }

    // SQLite only: docker-compose.yml's services share the SQLite volume (/data/ventes.db).
    @Test("a miswired compose file fails the dry run", arguments: [
        ("VENTES_SQL: /app/results/analyses.sql", "VENTES_SQL: /app/analyses.sql", "cannot read the analyses file"),
        ("VENTES_DB: /data/ventes.db", "VENTES_DB: /srv/ventes.db", "VENTES_DB must be /data/ventes.db"),
        ("condition: service_healthy", "condition: service_started", "condition: service_healthy"),
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
