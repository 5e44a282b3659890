import Foundation

/// A request to stop long work, raised from another thread (a cancelled task, a service shutting
/// down) and checked by the work between its steps: an import between batches, the analyses
/// between queries. Work that stops throws `Stopped` and its transaction is rolled back.
public final class StopSignal: @unchecked Sendable {
    /// Thrown by work that stopped because the signal was raised.
    public struct Stopped: Error, Equatable, CustomStringConvertible {
        public init() {}
        public var description: String { "stopped before the end; what it was writing was rolled back" }
    }

    private let lock = NSLock()
    private var raised = false
    private var handlers: [Int: @Sendable () -> Void] = [:]
    private var nextHandler = 0

    public init() {}

    /// True once `raise()` was called.
    public var isRaised: Bool { lock.withLock { raised } }

    /// Asks the work to stop; calls the handlers registered by `whileRunning`. Idempotent.
    public func raise() {
        let waiting: [@Sendable () -> Void] = lock.withLock {
            guard !raised else { return [] }
            raised = true
            defer { handlers = [:] }
            return Array(handlers.values)
        }
        for handler in waiting { handler() }
    }

    /// Throws `Stopped` when the signal was raised.
    public func check() throws(Stopped) {
        if isRaised { throw Stopped() }
    }

    /// Runs `body`, calling `onRaise` if the signal is raised meanwhile (at once when it already
    /// was): a way to interrupt a long statement the work cannot check from inside.
    public func whileRunning<T>(onRaise handler: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        let id: Int? = lock.withLock {
            guard !raised else { return nil }
            nextHandler += 1
            handlers[nextHandler] = handler
            return nextHandler
        }
        guard let id else {
            handler()
            return try body()
        }
        defer { lock.withLock { _ = handlers.removeValue(forKey: id) } }
        return try body()
    }
}
