import FlyingFox
import Foundation
import Testing

/// `ventes watch` on URL sources served by a real HTTP server on loopback, whose sales file grows.
@Suite("watch on HTTP sources")
struct WatchHTTPTests {
    /// The three sample files, the sales one growing when a test appends to it; each served with an
    /// ETag of its content, and 304 to a matching If-None-Match.
    final class Files: @unchecked Sendable {
        private let lock = NSLock()
        private var bodies: [String: Data]
        /// The files answered with 500 until the test repairs them.
        private var broken: Set<String> = []

        init() throws {
            bodies = try Dictionary(uniqueKeysWithValues: ["magasins.csv", "produits.csv", "ventes.csv"].map { ($0, try DeployHarness.sample($0)) })
        }

        func append(_ text: String, to name: String) {
            lock.withLock { bodies[name]?.append(Data(text.utf8)) }
        }

        func setBroken(_ name: String, _ isBroken: Bool) {
            lock.withLock { if isBroken { broken.insert(name) } else { broken.remove(name) } }
        }

        func respond(_ request: HTTPRequest, count: Int) -> HTTPResponse {
            let name = String(request.path.dropFirst())
            let (body, isBroken) = lock.withLock { (bodies[name], broken.contains(name)) }
            if isBroken { return HTTPResponse(statusCode: .internalServerError) }
            guard let body else { return HTTPResponse(statusCode: .notFound) }
            let etag = "\"\(name)-\(body.count)\""
            if request.headers[.ifNoneMatch] == etag { return HTTPResponse(statusCode: .notModified, headers: HTTPHeaders([.eTag: etag])) }
            return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "text/csv", .eTag: etag]), body: body)
        }
    }

    /// The service's arguments: the three URLs of `server`, on the store and with the analyses of `project`.
    static func arguments(_ server: LoopbackServer, _ project: Project) -> [String] {
        ["--db", project.databaseArgument, "--results-dir", "results", "--sql", project.directory.path(project.backend.analysesFile),
         "--stores", server.url("/magasins.csv"), "--products", server.url("/produits.csv"), "--sales", server.url("/ventes.csv"),
         "--every", "200ms", "--http-attempts", "1"]
    }

    @Test("a file growing between cycles: each unchanged cycle costs one request per URL (304), the growth is imported (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func growingFile(backend: Backend) async throws {
        let files = try Files()
        let server = try await LoopbackServer.start { request, count in files.respond(request, count: count) }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)
        let store = project.store
        let watch = try WatchService(Self.arguments(server, project), in: project.directory.url, store: store, environment: .only([:]))

        let first = try await watch.waitForCycles(3)
        let requestsAfterThree = await server.requests.count("/ventes.csv")
        files.append("2023-06-26,REF003,2,6\n2023-06-27,REF004,1,7\n", to: "ventes.csv")
        let grown = try await watch.waitUntil("the growth imported") { $0.contains { $0.rowsAdded == 2 } }
        let result = try await watch.stop()

        #expect(first[0].outcome == "refreshed" && first[0].rowsAdded == 42, "\(first)")
        #expect(first[1...2].allSatisfy { $0.outcome == "unchanged" && $0.sales == "not_modified" && $0.stores == "not_modified" }, "\(first)")
        // One request per cycle and URL: the first download, then one conditional request answered 304 each.
        #expect(requestsAfterThree >= 3)
        // Every cycle that reached the stores made one request for them: none retried, none twice. (The
        // last one may have been stopped by the signal before or while its request was sent.)
        let checked = try await store.integerAsync("SELECT COUNT(*) FROM refresh_cycle WHERE stores IS NOT NULL")
        let requests = await server.requests.count("/magasins.csv")
        #expect((checked - 1...checked).contains(requests), "\(requests) requests for \(checked) cycles")
        #expect(await server.requests.last("/magasins.csv")?.ifNoneMatch == "\"magasins.csv-\(try DeployHarness.sample("magasins.csv").count)\"")
        let refresh = try #require(grown.first { $0.rowsAdded == 2 })
        #expect(refresh.outcome == "refreshed" && refresh.sales == "changed" && refresh.stores == "not_modified", "\(grown)")
        let importID = try #require(refresh.importID)
        #expect(try await store.countAsync("sale") == 32)
        #expect(try await store.integerAsync("SELECT CASE WHEN resumed_from_import IS NOT NULL THEN 1 ELSE 0 END FROM import_file WHERE import_id = \(importID)")
                == 1, "only the new rows were read")
        #expect(try await store.countAsync("import_run") == 2)
        #expect(result.succeeded, "\(result.transcript)")
    }

    @Test("a source answering 500 fails its cycles with one line naming it; once it answers, the next cycle imports; the healthcheck follows (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func failingThenRecovering(backend: Backend) async throws {
        let files = try Files()
        files.setBroken("ventes.csv", true)
        let server = try await LoopbackServer.start { request, count in files.respond(request, count: count) }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)
        let store = project.store
        let watch = try WatchService(Self.arguments(server, project), in: project.directory.url, store: store, environment: .only([:]))
        let status = ["status", "--db", project.databaseArgument, "--healthy-within", "1000"]

        let failed = try await watch.waitForCycles(2)
        let unhealthy = try await DeployHarness.ventes(status, in: project.directory.url)
        files.setBroken("ventes.csv", false)
        let cycles = try await watch.waitUntil("a refresh") { $0.contains { $0.outcome == "refreshed" } }
        let healthy = try await DeployHarness.ventes(status, in: project.directory.url)
        let result = try await watch.stop()

        #expect(failed[0].outcome == "failed", "\(failed)")
        #expect(failed[0].error?.contains("\(server.url("/ventes.csv")): HTTP 500") == true, "\(failed)")
        #expect(failed[0].sales == "failed" && failed[0].stores == "changed")
        #expect(unhealthy.status == 1, "no cycle has succeeded yet: \(unhealthy.transcript)")
        #expect(unhealthy.stderr.contains("unhealthy: no cycle has succeeded yet"), "\(unhealthy.stderr)")
        #expect(failed[1].outcome == "failed", "\(failed)")
        let refresh = try #require(cycles.firstIndex { $0.outcome == "refreshed" })
        #expect(cycles[..<refresh].allSatisfy { $0.outcome == "failed" }, "\(cycles)")
        #expect(try await store.countAsync("sale") == 30)
        #expect(try await store.countAsync("import_run") == 1, "a failed cycle imports nothing")
        #expect(healthy.status == 0, "\(healthy.transcript)")
        #expect(result.succeeded, "\(result.transcript)")
    }
}
