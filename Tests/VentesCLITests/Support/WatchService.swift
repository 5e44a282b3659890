import Foundation
import GRDB

/// A `ventes watch` process started by a test: it runs until the test signals it, and the test
/// follows its cycles in the database, as `ventes status` does, without sleeping a fixed time.
final class WatchService: @unchecked Sendable {
    /// One row of `refresh_cycle`.
    struct Cycle: Equatable, CustomStringConvertible {
        var id: Int64
        var outcome: String
        var stores: String?
        var products: String?
        var sales: String?
        var rowsAdded: Int
        var importID: Int64?
        var analysisRunID: Int64?
        var error: String?

        var description: String {
            "#\(id) \(outcome) stores=\(stores ?? "-") products=\(products ?? "-") sales=\(sales ?? "-") +\(rowsAdded)"
                + (error.map { " error: \($0)" } ?? "")
        }
    }

    struct Timeout: Error, CustomStringConvertible { let description: String }

    let running: RunningCommand
    let database: String

    /// Starts `ventes watch arguments…` in `directory`; `database` is where it keeps its cycles.
    init(_ arguments: [String], in directory: URL, database: String, environment: Launcher.Environment = .inherited(adding: [:])) throws {
        running = try Launcher.start(try VentesCommand.binary(), ["watch"] + arguments, in: directory, environment: environment) { process, ended in
            process.terminationHandler = { _ in ended() }
        }
        self.database = database
    }

    /// The recorded cycles, oldest first; none while the database or its table is not there yet.
    func cycles() -> [Cycle] {
        guard FileManager.default.fileExists(atPath: database) else { return [] }
        do {
            let queue = try DatabaseQueue(path: database)
            return try queue.read { db in
                guard try db.tableExists("refresh_cycle") else { return [] }
                return try Row.fetchAll(db, sql: "SELECT * FROM refresh_cycle ORDER BY id").map { row in
                    Cycle(id: row["id"], outcome: row["outcome"], stores: row["stores"], products: row["products"],
                          sales: row["sales"], rowsAdded: row["rows_added"], importID: row["import_id"],
                          analysisRunID: row["analysis_run_id"], error: row["error"])
                }
            }
        } catch {
            return []  // the service is creating or migrating the database: not there yet
        }
    }

    /// Waits until `condition` holds for the recorded cycles, polling every 20 ms; fails after
    /// `timeout` seconds (a hang, not a slow machine) or when the service ends.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 120, _ condition: ([Cycle]) -> Bool) async throws -> [Cycle] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let cycles = cycles()
            if condition(cycles) { return cycles }
            guard running.isRunning else {
                throw Timeout(description: "the service ended before \(what): \(try running.wait().transcript)")
            }
            guard Date() < deadline else { throw Timeout(description: "no \(what) after \(Int(timeout)) s; cycles: \(cycles)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until at least `count` cycles are recorded.
    @discardableResult
    func waitForCycles(_ count: Int) async throws -> [Cycle] {
        try await waitUntil("\(count) cycles") { $0.count >= count }
    }

    /// Sends `signal` (none when nil: it was sent already) and waits for the process to end;
    /// returns what it printed.
    func stop(_ signal: Int32? = SIGTERM) async throws -> CommandResult {
        if let signal { running.kill(signal) }
        await running.ended.wait()
        return try running.wait()
    }

    deinit {
        if running.isRunning { running.kill(SIGKILL) }
    }
}

extension Project {
    /// Runs `ventes arguments…` in the project directory without holding a thread while it runs:
    /// a service followed by this test, or a loopback server, keeps being served.
    func ventesAsync(_ arguments: String..., environment: [String: String] = [:]) async throws -> CommandResult {
        try await Launcher.run(try VentesCommand.binary(), arguments, in: directory.url,
                               environment: .inherited(adding: storeEnvironment.merging(environment) { _, given in given }))
    }
}

/// Runs CPU-heavy preparation (a large generated file) on a thread of its own, not on one of the
/// few threads the suite's async tests share.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
