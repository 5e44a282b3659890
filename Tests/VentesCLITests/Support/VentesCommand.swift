import Foundation

/// What a finished `ventes` process left behind: how it ended and what it printed, kept apart.
struct CommandResult: Sendable {
    /// The exit status, or the signal number when `killedBySignal`.
    let status: Int32
    let killedBySignal: Bool
    let stdout: String
    let stderr: String

    /// True when the process exited normally with status 0.
    var succeeded: Bool { !killedBySignal && status == 0 }

    /// The non-empty lines of stderr.
    var stderrLines: [String] {
        stderr.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// Everything, for the message of a failed expectation.
    var transcript: String {
        "status \(status)\(killedBySignal ? " (signal)" : "")\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)"
    }
}

/// A `ventes` process running in the background, started by `VentesCommand.start`.
///
/// Its output goes to files rather than pipes, so a chatty process never blocks on a full pipe.
final class RunningCommand: @unchecked Sendable {
    let process: Process
    private let stdoutURL: URL
    private let stderrURL: URL

    fileprivate init(process: Process, stdoutURL: URL, stderrURL: URL) {
        self.process = process
        self.stdoutURL = stdoutURL
        self.stderrURL = stderrURL
    }

    var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGKILL by default) to the process.
    func kill(_ signal: Int32 = SIGKILL) {
        _ = Foundation.kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end and returns what it printed.
    func wait() throws -> CommandResult {
        process.waitUntilExit()
        let stdout = try String(decoding: Data(contentsOf: stdoutURL), as: UTF8.self)
        let stderr = try String(decoding: Data(contentsOf: stderrURL), as: UTF8.self)
        try FileManager.default.removeItem(at: stdoutURL)
        try FileManager.default.removeItem(at: stderrURL)
        return CommandResult(
            status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
            stdout: stdout, stderr: stderr)
    }
}

/// Runs the built `ventes` executable, as a user would, in a chosen directory and environment.
enum VentesCommand {
    /// The variables a test controls: they are removed from the inherited environment.
    static let controlledVariables = ["VENTES_DB", "VENTES_CSV_DIR", "VENTES_RESULTS_DIR", "VENTES_SQL"]

    /// Where the `ventes` binary is: `$VENTES_BIN`, else next to the test bundle (`.build/debug/ventes`).
    static func binary() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["VENTES_BIN"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let candidates = [
            Bundle.module.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ].map { $0.appendingPathComponent("ventes") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw LocateError(description: "cannot find the ventes binary (looked at \(candidates.map(\.path))); build it or set VENTES_BIN")
        }
        return found
    }

    struct LocateError: Error, CustomStringConvertible { let description: String }

    /// Starts `ventes arguments…` in `directory` with `environment` added to a clean copy of ours;
    /// stdout goes to `standardOutput` when given (a terminal), else to a file.
    static func start(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                      standardOutput: FileHandle? = nil) throws -> RunningCommand {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment
        for name in controlledVariables { variables[name] = nil }
        variables.merge(environment) { _, new in new }
        process.environment = variables

        let outputs = FileManager.default.temporaryDirectory
        let id = UUID().uuidString
        let stdoutURL = outputs.appendingPathComponent("ventes-\(id).stdout")
        let stderrURL = outputs.appendingPathComponent("ventes-\(id).stderr")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = standardOutput ?? stdoutHandle
        process.standardError = stderrHandle
        try process.run()
        return RunningCommand(process: process, stdoutURL: stdoutURL, stderrURL: stderrURL)
    }

    /// Runs `ventes arguments…` in `directory` to the end.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CommandResult {
        try start(arguments, in: directory, environment: environment).wait()
    }

    /// Runs `ventes arguments…` to the end with its stdout on a terminal, as a person sees it.
    static func runOnTerminal(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CommandResult {
        let terminal = try PseudoTerminal()
        let running = try start(arguments, in: directory, environment: environment, standardOutput: terminal.terminal)
        let printed = try terminal.outputAfterExit()
        let result = try running.wait()
        return CommandResult(status: result.status, killedBySignal: result.killedBySignal,
                             stdout: String(decoding: printed, as: UTF8.self), stderr: result.stderr)
    }
}
