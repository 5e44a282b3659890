import Foundation
import Testing

/// `ventes config` and the configuration file, through the built binary.
@Suite("ventes config")
struct ConfigCommandTests {
    @Test("prints each effective value with where it came from")
    func provenance() async throws {
        let directory = try DeployHarness.makeDirectory()
        try Data("""
            database = "from-file.db"

            [sources]
            sales = "https://example.com/ventes.csv"
            """.utf8).write(to: directory.appendingPathComponent("ventes.toml"))

        let run = try await DeployHarness.ventes(["config", "--stores", "mine.csv"], in: directory,
                                                 environment: ["VENTES_RESULTS_DIR": "out"])

        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains("configuration file: ventes.toml"))
        #expect(lines.contains("database from-file.db ventes.toml:1"))
        #expect(lines.contains("results_dir out environment VENTES_RESULTS_DIR"))
        #expect(lines.contains("sources.stores mine.csv flag --stores"))
        #expect(lines.contains("sources.sales https://example.com/ventes.csv ventes.toml:4"))
        #expect(lines.contains("analyses results/analyses.sql default"))
    }

    @Test("an invalid configuration file stops every command with its line, before the database is created")
    func invalidFile() async throws {
        let directory = try DeployHarness.makeDirectory()
        try Data("database = \"x.db\"\nsale = \"v.csv\"\n".utf8).write(to: directory.appendingPathComponent("bad.toml"))

        let run = try await DeployHarness.ventes(["init", "--config", "bad.toml"], in: directory)

        #expect(run.status != 0)
        #expect(run.stderr == "Error: bad.toml:2: unknown key \"sale\"; the keys are database, csv_dir, results_dir, analyses, [sources], [watch]\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.db").path))
    }
}
