import NIOCore

/// A task executor that runs its jobs on one NIO event loop: an `async` call of postgres-nio
/// (`COPY … FROM STDIN` is offered only `async`) runs entirely on the store's own loop thread, so a
/// synchronous caller may block on it without needing a thread of Swift's cooperative pool (two
/// of them on two cores, possibly both busy waiting: see `PostgreSQLConnection`).
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Starts `operation` as a task on the loop; the future completes with its result or error.
    func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) -> EventLoopFuture<T> {
        let promise = eventLoop.makePromise(of: T.self)
        Task(executorPreference: self) {
            do {
                promise.succeed(try await operation())
            } catch {
                promise.fail(error)
            }
        }
        return promise.futureResult
    }
}
