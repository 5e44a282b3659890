import Foundation
import Testing

/// `ventes config` and the configuration file, through the built binary.
@Suite("ventes config")
struct ConfigCommandTests {
    /// The `database =` value a configuration file gives on `backend`, and how `ventes config` must
    /// show it: a file as it is; a server's URL with its password masked.
    static func database(_ backend: Backend) throws -> (written: String, shown: String) {
        guard backend == .postgresql else { return ("from-file.db", "from-file.db") }
        var url = try #require(URLComponents(string: try PostgreSQLTestServer.url(schema: "from_file")))
        url.password = "s3cret"
        let written = try #require(url.string)
        return (written, written.replacingOccurrences(of: ":s3cret@", with: ":***@"))
    }

    @Test("prints each effective value with where it came from (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set: the URL's password masked)",
          arguments: Backend.available)
    func provenance(backend: Backend) async throws {
        let directory = try DeployHarness.makeDirectory()
        let database = try Self.database(backend)
        try Data("""
            database = "\(database.written)"

            [sources]
            sales = "https://example.com/ventes.csv"
            """.utf8).write(to: directory.appendingPathComponent("ventes.toml"))

        let run = try await DeployHarness.ventes(["config", "--stores", "mine.csv"], in: directory,
                                                 environment: ["VENTES_RESULTS_DIR": "out"])

        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains("configuration file: ventes.toml"))
        #expect(lines.contains("database \(database.shown) ventes.toml:1"), "\(run.stdout)")
        #expect(!run.stdout.contains("s3cret"))
        #expect(lines.contains("results_dir out environment VENTES_RESULTS_DIR"))
        #expect(lines.contains("sources.stores mine.csv flag --stores"))
        #expect(lines.contains("sources.sales https://example.com/ventes.csv ventes.toml:4"))
        #expect(lines.contains("analyses \(backend.analysesFile) default"), "\(run.stdout)")
    }

    @Test("an invalid configuration file stops every command with its line, before the database is created (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func invalidFile(backend: Backend) async throws {
        let project = try Project(backend: backend)
        let named = try OtherStore(project, file: "x.db")
        try project.directory.write("database = \"\(named.argument)\"\nsale = \"v.csv\"\n", to: "bad.toml")

        let run = try await DeployHarness.ventes(["init", "--config", "bad.toml"], in: project.directory.url)

        #expect(run.status != 0)
        #expect(run.stderr == "Error: bad.toml:2: unknown key \"sale\"; the keys are database, csv_dir, results_dir, analyses, [sources], [watch]\n")
        #expect(try !named.exists())
    }
}
