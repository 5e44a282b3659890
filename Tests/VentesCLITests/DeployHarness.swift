import Foundation

/// Runs the built `ventes` binary and the sqlite3 CLI for the HTTP, configuration and schema tests.
enum DeployHarness {
    /// What a run of `ventes` printed and returned.
    typealias Run = CommandResult

    /// The repository root (for csv/ and results/analyses.sql).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `ventes` binary next to the test bundle.
    static var binary: URL { get throws { try VentesCommand.binary() } }

    /// Runs the compose dry-run `script` (a path in the repository) with the ventes binary built
    /// here, on `compose` (default: the repository's docker-compose.yml), in a new directory.
    static func composeDryRun(_ script: String, compose: URL? = nil) async throws -> Run {
        var arguments = [repositoryRoot.appendingPathComponent(script).path, "--binary", try binary.path]
        if let compose { arguments += ["--compose", compose.path] }
        return try await Launcher.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments,
                                      in: try makeDirectory(), environment: .only([:]))
    }

    /// A new empty directory for one test.
    static func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-deploy-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The contents of a sample file of the repository's csv/ directory.
    static func sample(_ name: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("csv/\(name)"))
    }

    /// Runs `ventes arguments` in `directory` with only `environment` (plus PATH and HOME), without blocking the caller.
    static func ventes(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) async throws -> Run {
        try await Launcher.run(try binary, arguments, in: directory, environment: .only(environment))
    }

    /// The first column of the first row of `sql` on the database, from the sqlite3 CLI.
    static func sqlite(_ database: URL, _ sql: String) async throws -> String {
        let result = try await Launcher.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [database.path, sql],
                                            in: database.deletingLastPathComponent(), environment: .only([:]))
        guard result.status == 0 else { throw HarnessError(description: "sqlite3 \(sql): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}
