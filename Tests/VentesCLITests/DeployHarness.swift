import Foundation

/// Runs the built `ventes` binary and the sqlite3 CLI for the HTTP, configuration and schema tests.
enum DeployHarness {
    /// What a run of `ventes` printed and returned.
    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository root (for csv/ and results/analyses.sql).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `ventes` binary next to the test bundle.
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("ventes")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/ventes")
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
        try await run(binary, arguments, in: directory, environment: environment)
    }

    /// The first column of the first row of `sql` on the database, from the sqlite3 CLI.
    static func sqlite(_ database: URL, _ sql: String) async throws -> String {
        let result = try await run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [database.path, sql],
                                   in: database.deletingLastPathComponent(), environment: [:])
        guard result.status == 0 else { throw HarnessError(description: "sqlite3 \(sql): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]) async throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var fullEnvironment = environment
        for name in ["PATH", "HOME"] { fullEnvironment[name] = ProcessInfo.processInfo.environment[name] }
        process.environment = fullEnvironment
        let outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else { throw HarnessError(description: "cannot create the output files in \(directory.path)") }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in continuation.resume(returning: process.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try out.close()
        try err.close()
        let run = Run(status: status, stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
        try FileManager.default.removeItem(at: outURL)
        try FileManager.default.removeItem(at: errURL)
        return run
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}
