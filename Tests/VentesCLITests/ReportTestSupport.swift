import Foundation

/// Runs the built `ventes` binary in a scratch directory, for the results/history/report tests.
enum ReportCLI {
    /// What a run of the binary printed and returned.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `ventes` executable next to the test bundle (the build's products directory).
    static var binary: URL {
        get throws {
            let candidates = [
                URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                Bundle.main.bundleURL.deletingLastPathComponent(),
                Bundle.main.bundleURL,
            ].map { $0.appendingPathComponent("ventes") }
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CLIError("the ventes binary is not next to the tests (looked in \(candidates.map(\.path))); run swift build first")
            }
            return found
        }
    }

    struct CLIError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A new scratch directory holding csv/ (the brief's files) and results/analyses.sql.
    static func briefWorkspace() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-report-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("results"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repository.appendingPathComponent("csv"), to: directory.appendingPathComponent("csv"))
        try FileManager.default.copyItem(at: repository.appendingPathComponent("results/analyses.sql"),
                                         to: directory.appendingPathComponent("results/analyses.sql"))
        return directory
    }

    /// Writes `text` to `name` inside `directory`.
    static func write(_ text: String, to name: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Reads `name` inside `directory` as UTF-8.
    static func read(_ name: String, in directory: URL) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Runs `ventes arguments` with `directory` as working directory and no VENTES_* variables.
    static func ventes(_ arguments: [String], in directory: URL) throws -> Outcome {
        try execute(binary, arguments, in: directory)
    }

    /// Runs the sqlite3 command-line tool on the database of `directory`.
    static func sqlite(_ sql: String, in directory: URL) throws -> String {
        let result = try execute(URL(fileURLWithPath: "/usr/bin/sqlite3"), [directory.appendingPathComponent("data/ventes.db").path, sql],
                                 in: directory)
        guard result.status == 0 else { throw CLIError("sqlite3 failed: \(result.stderr)") }
        return result.stdout
    }

    private static func execute(_ executable: URL, _ arguments: [String], in directory: URL) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("VENTES_") }
        // Output goes to files, so a large output can never block the child on a full pipe.
        let outURL = directory.appendingPathComponent(".out-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".err-\(UUID().uuidString)")
        for url in [outURL, errURL] where !FileManager.default.createFile(atPath: url.path, contents: nil) {
            throw CLIError("cannot create \(url.path)")
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Outcome(status: process.terminationStatus,
                       stdout: try String(contentsOf: outURL, encoding: .utf8),
                       stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}
