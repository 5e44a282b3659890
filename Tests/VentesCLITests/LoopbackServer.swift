import FlyingFox
import FlyingSocks
import Foundation

/// A real HTTP server on 127.0.0.1 (FlyingFox), started by a test on a free port.
///
/// `respond` gets each request and how many requests its path has had, this one included (1, 2…),
/// so a test can fail the first attempt and serve the second.
final class LoopbackServer: Sendable {
    typealias Responder = @Sendable (HTTPRequest, Int) async throws -> HTTPResponse

    private let server: HTTPServer
    private let task: Task<Void, any Error>
    let port: UInt16
    let requests: RequestLog

    private init(server: HTTPServer, task: Task<Void, any Error>, port: UInt16, requests: RequestLog) {
        self.server = server
        self.task = task
        self.port = port
        self.requests = requests
    }

    /// Starts a server answering with `respond` and waits until it listens.
    static func start(_ respond: @escaping Responder) async throws -> LoopbackServer {
        let requests = RequestLog()
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled)
        await server.appendRoute("*") { request in
            let count = await requests.record(request)
            return try await respond(request, count)
        }
        let task = Task { try await server.run() }
        // Generous: under the whole suite, the shared threads that run the server can be busy for long.
        try await server.waitUntilListening(timeout: 120)
        guard case .ip4(_, let port)? = await server.listeningAddress else {
            throw LoopbackServerError(description: "the loopback server has no IPv4 address")
        }
        return LoopbackServer(server: server, task: task, port: port, requests: requests)
    }

    /// The URL of `path` on this server.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}

/// Every request the loopback server received: its path and headers, in order.
actor RequestLog {
    struct Entry: Sendable {
        var path: String
        var ifNoneMatch: String?
        var ifModifiedSince: String?
    }

    private(set) var entries: [Entry] = []

    /// Records `request`; returns how many requests its path has had so far.
    func record(_ request: HTTPRequest) -> Int {
        entries.append(Entry(path: request.path, ifNoneMatch: request.headers[.ifNoneMatch],
                             ifModifiedSince: request.headers[.ifModifiedSince]))
        return entries.filter { $0.path == request.path }.count
    }

    func count(_ path: String) -> Int { entries.filter { $0.path == path }.count }

    func last(_ path: String) -> Entry? { entries.last { $0.path == path } }
}

struct LoopbackServerError: Error, CustomStringConvertible {
    let description: String
}

/// A body that ends after `data` whatever the Content-Length promised: reading past it fails, so
/// the server drops the connection, as a server that dies mid-transfer does.
struct TruncatedBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let data: Data

    func makeAsyncIterator() -> Iterator { Iterator(remaining: data[...]) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var remaining: Data.SubSequence

        mutating func next() async throws -> UInt8? {
            guard let byte = remaining.first else { throw LoopbackServerError(description: "connection dropped") }
            remaining = remaining.dropFirst()
            return byte
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            guard !remaining.isEmpty else { throw LoopbackServerError(description: "connection dropped") }
            let chunk = Array(remaining.prefix(count))
            remaining = remaining.dropFirst(chunk.count)
            return chunk
        }
    }
}

/// A body of unknown length (sent chunked), in small chunks.
struct ChunkedBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let data: Data

    func makeAsyncIterator() -> Iterator { Iterator(remaining: data[...]) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var remaining: Data.SubSequence

        mutating func next() async throws -> UInt8? {
            guard let byte = remaining.first else { return nil }
            remaining = remaining.dropFirst()
            return byte
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            guard !remaining.isEmpty else { return nil }
            let chunk = Array(remaining.prefix(Swift.min(count, 256)))
            remaining = remaining.dropFirst(chunk.count)
            return chunk
        }
    }
}
