import Foundation
import Logging
import PostgresNIO

/// One connection to the server, used synchronously: the bridge between the synchronous seam
/// (`SalesStore`, `ImportTransaction`) and postgres-nio, which is asynchronous.
///
/// Each store owns one event loop (a group of one thread) and one connection on it; a call sends
/// its statement and blocks the calling thread on the `EventLoopFuture` until the answer (`wait()`).
/// That cannot deadlock: no caller ever runs on that loop (it is private to the store), and the
/// answer needs nothing but that loop's thread. Futures were chosen over `async` calls bridged with
/// a semaphore because they need no task executor: a caller on one of Swift concurrency's threads
/// (an import after its downloads) only waits, it never needs another cooperative thread to make
/// progress (two of them on two cores). `COPY FROM STDIN`, which postgres-nio offers only as
/// `async`, runs as a task whose every job runs on the store's loop (`EventLoopTaskExecutor`), so
/// that it needs no cooperative thread either.
final class PostgreSQLConnection: @unchecked Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let connection: PostgresConnection
    private let logger = Logger(label: "ventes.postgresql", factory: { _ in SwiftLogNoOpLogHandler() })
    let address: PostgreSQLAddress
    /// Serialises the statements of the threads that share this store.
    private let lock = NSLock()

    /// Connects to the server `address` names, its search path set to the store's schema.
    init(_ address: PostgreSQLAddress) throws {
        self.address = address
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            var configuration = PostgresConnection.Configuration(
                host: address.host, port: address.port, username: address.user, password: address.password,
                database: address.database, tls: try Self.tls(address.tlsMode))
            configuration.options.connectTimeout = .seconds(10)
            // What `pg_stat_activity` shows a DBA (and the tests) of this connection.
            configuration.options.additionalStartupParameters = [("application_name", String("ventes \(address.schema)".prefix(63)))]
            connection = try PostgresConnection.connect(on: group.next(), configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw PostgreSQLFailure.connecting(error, address: address)
        }
    }

    deinit {
        try? connection.close().wait()
        try? group.syncShutdownGracefully()
    }

    private static func tls(_ mode: PostgreSQLAddress.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable:
            return .disable
        case .allow, .prefer:
            configuration.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: configuration))
        case .require:
            configuration.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: configuration))
        }
    }

    /// Runs `sql` with `binds` ($1, $2…) and returns every row.
    ///
    /// Fails, rather than waits forever, when the connection is or gets closed first: a statement
    /// written to a closed channel is never answered.
    @discardableResult
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> PostgresQueryResult {
        lock.lock()
        defer { lock.unlock() }
        do {
            try awaitUnansweredCopy()
            let answer = FirstAnswer(connection.eventLoop.makePromise(of: PostgresQueryResult.self))
            connection.closeFuture.whenComplete { _ in answer.settle(.failure(ConnectionClosed())) }
            connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).whenComplete { answer.settle($0) }
            return try answer.promise.futureResult.wait()
        } catch {
            throw PostgreSQLFailure.translate(error, address: address)
        }
    }

    /// Sends `data`, rows in `COPY`'s text format (tab-separated, `\N` for NULL, backslash escapes),
    /// into `columns` of `table` with `COPY … FROM STDIN`. `table` and `columns` are names from the
    /// code, never from data: postgres-nio writes them into the statement.
    ///
    /// Returns once the COPY is on its way: the caller prepares its next rows while the server
    /// takes these in, and the next call on this connection waits for the COPY's answer first, and
    /// throws its failure if it failed.
    func copy(_ data: ByteBuffer, into table: String, columns: [String]) throws {
        lock.lock()
        defer { lock.unlock() }
        let connection = connection
        let logger = logger
        do {
            try awaitUnansweredCopy()
            let answer = FirstAnswer(connection.eventLoop.makePromise(of: Void.self))
            connection.closeFuture.whenComplete { _ in answer.settle(.failure(ConnectionClosed())) }
            copyExecutor.run {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await writer.write(data)
                }
            }.whenComplete { answer.settle($0) }
            unansweredCopy = answer.promise.futureResult
        } catch {
            throw PostgreSQLFailure.translate(error, address: address)
        }
    }

    /// A COPY (`copy`) whose answer no call has waited for yet.
    private var unansweredCopy: EventLoopFuture<Void>?

    /// Waits for `unansweredCopy`, if any; throws its failure. Called with `lock` held.
    private func awaitUnansweredCopy() throws {
        guard let copy = unansweredCopy else { return }
        unansweredCopy = nil
        try copy.wait()
    }

    /// Where `copy` runs its task: the connection's own event loop.
    private lazy var copyExecutor = EventLoopTaskExecutor(connection.eventLoop)

    /// Runs `sql` with `values` bound in order (nil binds NULL).
    @discardableResult
    func query(_ sql: String, values: [(any PostgresDynamicTypeEncodable)?]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { binds.append(value) } else { binds.appendNull() }
        }
        return try query(sql, binds)
    }

    /// True while `transaction` runs its body.
    private var inTransaction = false

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws. Inside
    /// another transaction (a store read made during an import), `body` simply runs in that one:
    /// a second BEGIN would be ignored and its COMMIT would end the outer transaction early.
    func transaction<T>(readOnly: Bool = false, _ body: () throws -> T) throws -> T {
        if inTransaction { return try body() }
        try query(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
        inTransaction = true
        defer { inTransaction = false }
        do {
            let result = try body()
            try query("COMMIT")
            return result
        } catch {
            // The connection may be gone (that may be why `body` failed): then the server has
            // rolled back already, and the first error is the one to tell. So is it when a COPY
            // sent without waiting failed: its answer is taken first, so that ROLLBACK is sent.
            lock.withLock { _ = try? awaitUnansweredCopy() }
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// Asks the server to cancel the statement running on this connection (from another thread),
    /// through a second, short-lived connection.
    func cancelRunningStatement(backendPID: Int32) {
        // Best effort: when it fails the statement runs to its end and the stop is seen after it.
        guard let other = try? PostgreSQLConnection(address) else { return }
        _ = try? other.query("SELECT pg_cancel_backend($1)", values: [backendPID])
    }
}

/// The connection closed before the statement was answered.
struct ConnectionClosed: Error {}

/// A promise completed by whichever comes first: the statement's answer or the connection's end.
private final class FirstAnswer<Value: Sendable>: @unchecked Sendable {
    let promise: EventLoopPromise<Value>
    private let lock = NSLock()
    private var settled = false

    init(_ promise: EventLoopPromise<Value>) {
        self.promise = promise
    }

    func settle(_ result: Result<Value, any Error>) {
        let first = lock.withLock {
            defer { settled = true }
            return !settled
        }
        if first { promise.completeWith(result) }
    }
}
