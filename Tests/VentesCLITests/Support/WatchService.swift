import Foundation

/// A `ventes watch` process started by a test: it runs until the test signals it, and the test
/// follows its cycles in the store (either backend), as `ventes status` does, without sleeping a fixed time.
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
    /// Where the service keeps its cycles.
    let store: StoreInspector

    /// Starts `ventes watch arguments…` in `directory`; `store` is where it keeps its cycles.
    init(_ arguments: [String], in directory: URL, store: StoreInspector, environment: Launcher.Environment = .inherited(adding: [:])) throws {
        running = try Launcher.start(try VentesCommand.binary(), ["watch"] + arguments, in: directory, environment: environment) { process, ended in
            process.terminationHandler = { _ in ended() }
        }
        self.store = store
    }

    /// Starts `ventes watch arguments…` in `directory`; `database` is the SQLite file where it keeps its cycles.
    convenience init(_ arguments: [String], in directory: URL, database: String, environment: Launcher.Environment = .inherited(adding: [:])) throws {
        try self.init(arguments, in: directory, store: StoreInspector(backend: .sqlite, location: database), environment: environment)
    }

    /// Starts `ventes watch arguments…` in `project`, on its store (`VENTES_DB` on PostgreSQL).
    convenience init(_ arguments: [String], project: Project, environment: [String: String] = [:]) throws {
        try self.init(arguments, in: project.directory.url, store: project.store,
                      environment: .inherited(adding: project.storeEnvironment.merging(environment) { _, given in given }))
    }

    /// The recorded cycles, oldest first; none while the store or its table is not there yet.
    func cycles() -> [Cycle] {
        // The error last: on PostgreSQL its text is the rest of the row, `|` included.
        let sql = "SELECT id, outcome, stores, products, sales, rows_added, import_id, analysis_run_id, error FROM refresh_cycle ORDER BY id"
        func value(_ text: String) -> String? { text == "NULL" ? nil : text }
        do {
            return try store.rows(sql).compactMap { row in
                guard row.count >= 9, let id = Int64(row[0]), let rowsAdded = Int(row[5]) else { return nil }
                return Cycle(id: id, outcome: row[1], stores: value(row[2]), products: value(row[3]), sales: value(row[4]),
                             rowsAdded: rowsAdded, importID: value(row[6]).flatMap { Int64($0) },
                             analysisRunID: value(row[7]).flatMap { Int64($0) }, error: value(row[8...].joined(separator: "|")))
            }
        } catch {
            return []  // the service is creating or migrating the store: not there yet
        }
    }

    /// How long `waitUntil` waits between two looks: a look at PostgreSQL starts `psql`.
    private var pollInterval: Duration { store.backend == .sqlite ? .milliseconds(20) : .milliseconds(100) }

    /// Waits until `condition` holds for the recorded cycles, polling every 20 ms (100 ms on
    /// PostgreSQL); fails after `timeout` seconds (a hang, not a slow machine: the service is then
    /// killed, and what it printed is in the error) or when the service ends.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 120, _ condition: ([Cycle]) -> Bool) async throws -> [Cycle] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            // Taken before the read: a test resumed late (the suite's shared threads busy with
            // other tests) fails only on what it read after the deadline, never on an older read.
            let expired = Date() >= deadline
            // Read on a thread of its own: on PostgreSQL `psql` runs for a while.
            let cycles = try await onOwnThread { self.cycles() }
            if condition(cycles) { return cycles }
            guard running.isRunning else {
                throw Timeout(description: "the service ended before \(what): \(try running.wait().transcript)")
            }
            guard !expired else {
                running.kill(SIGKILL)  // what it printed tells where it was
                throw Timeout(description: "no \(what) after \(Int(timeout)) s; cycles: \(cycles); \(try running.wait().transcript)")
            }
            try await Task.sleep(for: pollInterval)
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
    /// Runs `ventes arguments…` in the project directory, on its store, without holding a thread
    /// while it runs: a service followed by this test, or a loopback server, keeps being served.
    func ventesAsync(_ arguments: String..., environment: [String: String] = [:]) async throws -> CommandResult {
        try await ventesAsync(arguments, environment: environment)
    }

    /// Runs `ventes arguments…` in the project directory, on its store, without holding a thread.
    func ventesAsync(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
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
