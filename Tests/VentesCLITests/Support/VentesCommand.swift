import Foundation

/// What a finished `ventes` process left behind: how it ended and what it printed, kept apart.
struct CommandResult: Sendable {
    /// The exit status, or the signal number when `killedBySignal`.
    let status: Int32
    let killedBySignal: Bool
    let stdoutData: Data
    let stderr: String

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// stdout as bytes (a CSV written in Windows-1252, say).
    var stdoutBytes: [UInt8] { Array(stdoutData) }

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

    /// Fired when the process ends, for callers that set a termination handler.
    let ended: Signal

    init(process: Process, stdoutURL: URL, stderrURL: URL, ended: Signal) {
        self.ended = ended
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
        let stdout = try Data(contentsOf: stdoutURL)
        let stderr = try String(decoding: Data(contentsOf: stderrURL), as: UTF8.self)
        try FileManager.default.removeItem(at: stdoutURL)
        try FileManager.default.removeItem(at: stderrURL)
        return CommandResult(
            status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
            stdoutData: stdout, stderr: stderr)
    }
}

/// Runs the built `ventes` executable, as a user would, in a chosen directory and environment.
enum VentesCommand {
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
        try Launcher.start(try binary(), arguments, in: directory, environment: .inherited(adding: environment),
                           standardOutput: standardOutput)
    }

    /// Runs `ventes arguments…` to the end with its stdout on a terminal, as a person sees it.
    static func runOnTerminal(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CommandResult {
        let terminal = try PseudoTerminal()
        let running = try start(arguments, in: directory, environment: environment, standardOutput: terminal.terminal)
        let printed = try terminal.outputAfterExit()
        let result = try running.wait()
        return CommandResult(status: result.status, killedBySignal: result.killedBySignal,
                             stdoutData: printed, stderr: result.stderr)
    }

    /// Runs `ventes arguments…` in `directory` to the end.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CommandResult {
        try start(arguments, in: directory, environment: environment).wait()
    }
}

/// The one way the tests start a process (`ventes`, `sqlite3`, `gzip`, `script`…): in a chosen
/// directory and environment, its output going to files so a chatty process never blocks on a pipe.
enum Launcher {
    /// The environment of a started process.
    enum Environment {
        /// Ours, without the variables a test controls (every `VENTES_*`), plus these.
        case inherited(adding: [String: String])
        /// Only these, plus PATH and HOME.
        case only([String: String])

        var variables: [String: String] {
            let ours = ProcessInfo.processInfo.environment
            switch self {
            case .inherited(let adding):
                return ours.filter { !$0.key.hasPrefix("VENTES_") || $0.key == "VENTES_BIN" }.merging(adding) { _, new in new }
            case .only(let variables):
                var all = variables
                for name in ["PATH", "HOME"] { all[name] = ours[name] }
                return all
            }
        }
    }

    /// Starts `executable arguments…` in `directory`.
    static func start(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: Environment = .inherited(adding: [:]),
        standardOutput: FileHandle? = nil, beforeRunning prepare: (Process, @escaping @Sendable () -> Void) -> Void = { _, _ in }
    ) throws -> RunningCommand {
        let process = Process()
        let ended = Signal()
        prepare(process, { ended.fire() })
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment.variables
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
        return RunningCommand(process: process, stdoutURL: stdoutURL, stderrURL: stderrURL, ended: ended)
    }

    /// Runs `executable arguments…` in `directory` to the end.
    static func run(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: Environment = .inherited(adding: [:])
    ) throws -> CommandResult {
        try start(executable, arguments, in: directory, environment: environment).wait()
    }

    /// Runs it to the end without blocking a thread of the caller's: a loopback server in this
    /// process (the HTTP tests) must keep answering while the process runs.
    static func run(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: Environment
    ) async throws -> CommandResult {
        let command = try start(executable, arguments, in: directory, environment: environment) { process, ended in
            process.terminationHandler = { _ in ended() }
        }
        await command.ended.wait()
        return try command.wait()
    }
}

/// A one-time event an async caller can wait for without holding a thread.
final class Signal: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func fire() {
        lock.lock()
        fired = true
        let waiting = waiters
        waiters = []
        lock.unlock()
        for waiter in waiting { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            lock.lock()
            if fired {
                lock.unlock()
                continuation.resume()
            } else {
                waiters.append(continuation)
                lock.unlock()
            }
        }
    }
}
