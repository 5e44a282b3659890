import Foundation

/// Runs the built `ventes` binary in a scratch directory, for the results/history/report tests.
enum ReportCLI {
    /// What a run of the binary printed and returned.
    typealias Outcome = CommandResult

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `ventes` executable next to the test bundle (the build's products directory).
    static var binary: URL { get throws { try VentesCommand.binary() } }

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
        try Launcher.run(executable, arguments, in: directory)
    }
}
