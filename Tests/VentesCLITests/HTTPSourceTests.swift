import FlyingFox
import Foundation
import Testing

/// `ventes import` with http:// sources, against a real HTTP server on loopback.
@Suite("HTTP sources")
struct HTTPSourceTests {
    /// Serves the three sample files with an ETag, answering 304 to a matching If-None-Match.
    static func samples(_ request: HTTPRequest) throws -> HTTPResponse {
        let name = String(request.path.dropFirst())
        guard ["magasins.csv", "produits.csv", "ventes.csv"].contains(name) else { return HTTPResponse(statusCode: .notFound) }
        let etag = "\"\(name)-v1\""
        if request.headers[.ifNoneMatch] == etag { return HTTPResponse(statusCode: .notModified, headers: HTTPHeaders([.eTag: etag])) }
        return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "text/csv; charset=utf-8", .eTag: etag]),
                            body: try DeployHarness.sample(name))
    }

    static let lastModified = "Wed, 25 Nov 2026 08:00:00 GMT"

    /// Serves the three sample files with a Last-Modified date only, answering 304 to a matching If-Modified-Since.
    static func samplesByDate(_ request: HTTPRequest) throws -> HTTPResponse {
        let name = String(request.path.dropFirst())
        guard ["magasins.csv", "produits.csv", "ventes.csv"].contains(name) else { return HTTPResponse(statusCode: .notFound) }
        if request.headers[.ifModifiedSince] == lastModified { return HTTPResponse(statusCode: .notModified) }
        return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "text/csv", .lastModified: lastModified]),
                            body: try DeployHarness.sample(name))
    }

    /// Imports the three sources of `server` at `paths` into `project`'s store.
    func importFrom(_ server: LoopbackServer, _ paths: [String] = ["/magasins.csv", "/produits.csv", "/ventes.csv"],
                    into project: Project, extra: [String] = []) async throws -> DeployHarness.Run {
        try await Self.ventes(
            ["import", "--stores", server.url(paths[0]), "--products", server.url(paths[1]),
             "--sales", server.url(paths[2]), "--http-backoff", "0"] + extra, on: project)
    }

    @Test("200: the three files are downloaded, imported, and their hash is in the audit (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func downloadsAndImports(backend: Backend) async throws {
        let server = try await LoopbackServer.start { request, _ in try Self.samples(request) }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)

        let run = try await importFrom(server, into: project)

        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(server.url("/ventes.csv")))
        #expect(try await Self.value(project, "SELECT COUNT(*) FROM sale") == "30")
        let downloaded = try DeployHarness.sample("ventes.csv")
        try downloaded.write(to: project.directory.url.appendingPathComponent("expected.csv"))
        let expectedHash = try Self.sha256(of: project.directory.url.appendingPathComponent("expected.csv"))
        #expect(try await Self.value(project, "SELECT sha256 FROM import_file WHERE kind = 'sales'") == expectedHash)
        #expect(try await Self.value(project, "SELECT sha256 FROM import_fetch WHERE kind = 'sales'") == expectedHash)
        #expect(try await Self.value(project, "SELECT etag FROM http_source WHERE url = '\(server.url("/ventes.csv"))'") == "\"ventes.csv-v1\"")
    }

    @Test("a gzip-encoded body is decompressed and imported (its compressed length is not a truncation) (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func gzipEncoding(backend: Backend) async throws {
        let project = try Project(backend: backend)
        let plain = project.directory.url.appendingPathComponent("plain-ventes.csv")
        try DeployHarness.sample("ventes.csv").write(to: plain)
        let compressed = try Self.gzip(plain)
        let server = try await LoopbackServer.start { request, _ in
            guard request.path == "/ventes.csv" else { return try Self.samples(request) }
            return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "text/csv", .contentEncoding: "gzip"]),
                                body: compressed)
        }
        defer { Task { await server.stop() } }

        let run = try await importFrom(server, into: project)

        #expect(run.status == 0, "\(run.stderr)")
        #expect(try await Self.value(project, "SELECT COUNT(*) FROM sale") == "30")
    }

    @Test("304: the second import sends the ETag back and reports the files unchanged without downloading (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func notModified(backend: Backend) async throws {
        let server = try await LoopbackServer.start { request, _ in try Self.samples(request) }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)
        let first = try await importFrom(server, into: project)
        #expect(first.status == 0, "\(first.stderr)")

        let second = try await importFrom(server, into: project)

        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("unchanged: 304 Not Modified, not downloaded"))
        #expect(await server.requests.last("/ventes.csv")?.ifNoneMatch == "\"ventes.csv-v1\"")
        #expect(try await Self.value(project, "SELECT COUNT(*) FROM import_fetch WHERE import_id = 2 AND outcome = 'not_modified'") == "3")
        #expect(try await Self.value(project, "SELECT COUNT(*) FROM import_file WHERE import_id = 2") == "0")
        #expect(try await Self.value(project, "SELECT COUNT(*) FROM sale") == "30")
    }

    @Test("304 by date: a server with Last-Modified only gets If-Modified-Since back (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func notModifiedByDate(backend: Backend) async throws {
        let server = try await LoopbackServer.start { request, _ in try Self.samplesByDate(request) }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)
        let first = try await importFrom(server, into: project)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(await server.requests.last("/produits.csv")?.ifModifiedSince == nil)

        let second = try await importFrom(server, into: project)

        #expect(second.status == 0, "\(second.stderr)")
        #expect(await server.requests.last("/produits.csv")?.ifModifiedSince == Self.lastModified)
        #expect(second.stdout.components(separatedBy: "unchanged: 304 Not Modified").count == 4, "\(second.stdout)")
    }

    @Test("a file over the size cap stops the download, whether announced or streamed (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, [true, false])
    func sizeCap(backend: Backend, announced: Bool) async throws {
        let server = try await LoopbackServer.start { request, _ in
            guard request.path == "/ventes.csv" else { return try Self.samples(request) }
            let data = try DeployHarness.sample("ventes.csv")
            if announced { return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "text/csv"]), body: data) }
            // Chunked: no Content-Length, so only counting the bytes as they arrive catches it.
            return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "text/csv"]),
                                body: HTTPBodySequence(from: ChunkedBody(data: data)))
        }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)

        let run = try await importFrom(server, into: project, extra: ["--http-max-bytes", "500"])

        #expect(run.status != 0)
        #expect(run.stderr.contains("\(server.url("/ventes.csv")): the file is larger than 500 bytes"), "\(run.stderr)")
        try await Self.expectUntouched(project)
    }

    @Test("ventes run with the three URLs in ventes.toml: the whole job, then an unchanged second run (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func runFromConfigurationFile(backend: Backend) async throws {
        let server = try await LoopbackServer.start { request, _ in try Self.samples(request) }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)
        try Data("""
            database = "\(backend == .sqlite ? "data/ventes.db" : project.databaseArgument)"
            analyses = "\(project.directory.path(backend.analysesFile))"

            [sources]
            stores = "\(server.url("/magasins.csv"))"
            products = "\(server.url("/produits.csv"))"
            sales = "\(server.url("/ventes.csv"))"
            """.utf8).write(to: project.directory.url.appendingPathComponent("ventes.toml"))

        let first = try await DeployHarness.ventes(["run"], in: project.directory.url)
        let second = try await DeployHarness.ventes(["run"], in: project.directory.url)

        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Total revenue: 5268.78 (122 units, 30 sales)"))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.components(separatedBy: "unchanged: 304 Not Modified").count == 4, "\(second.stdout)")
        #expect(second.stdout.contains("Total revenue: 5268.78 (122 units, 30 sales)"))
    }

    @Test("404: one line naming the URL and the status; the database is unchanged (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func notFound(backend: Backend) async throws {
        let server = try await LoopbackServer.start { request, _ in try Self.samples(request) }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)

        let run = try await importFrom(server, ["/magasins.csv", "/produits.csv", "/missing.csv"], into: project)

        #expect(run.status != 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("\(server.url("/missing.csv")): HTTP 404"), "\(run.stderr)")
        #expect(await server.requests.count("/missing.csv") == 1, "a 404 is not retried")
        try await Self.expectUntouched(project)
    }

    @Test("500 then 200: the failed attempt is retried and the import succeeds (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func retriesServerErrors(backend: Backend) async throws {
        let server = try await LoopbackServer.start { request, count in
            if request.path == "/ventes.csv" && count == 1 { return HTTPResponse(statusCode: .internalServerError) }
            return try Self.samples(request)
        }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)

        let run = try await importFrom(server, into: project)

        #expect(run.status == 0, "\(run.stderr)")
        #expect(await server.requests.count("/ventes.csv") == 2)
        #expect(run.stdout.contains("in 2 attempts"), "\(run.stdout)")
        #expect(try await Self.value(project, "SELECT attempts FROM import_fetch WHERE kind = 'sales'") == "2")
    }

    @Test("503 every time: the attempts are bounded, then one line says so (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func givesUpAfterBoundedAttempts(backend: Backend) async throws {
        let server = try await LoopbackServer.start { _, _ in HTTPResponse(statusCode: .serviceUnavailable) }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)

        let run = try await importFrom(server, into: project, extra: ["--http-attempts", "3"])

        #expect(run.status != 0)
        #expect(run.stderr.contains("HTTP 503 Service Unavailable (after 3 attempts)"), "\(run.stderr)")
        #expect(await server.requests.count("/magasins.csv") == 3)
        try await Self.expectUntouched(project)
    }

    @Test("a slow server: the attempt times out and the message names the URL (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func slowServerTimesOut(backend: Backend) async throws {
        let server = try await LoopbackServer.start { request, _ in
            // 10 s: the other files must be answered within it on a machine busy with the whole suite.
            if request.path == "/produits.csv" { try await Task.sleep(nanoseconds: 40_000_000_000) }
            return try Self.samples(request)
        }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)

        let run = try await importFrom(server, into: project, extra: ["--http-timeout", "10", "--http-attempts", "1"])

        #expect(run.status != 0)
        #expect(run.stderr.contains("\(server.url("/produits.csv")): no answer within 10 s"), "\(run.stderr)")
        try await Self.expectUntouched(project)
    }

    @Test("an HTML page where CSV was expected (a login page), by content type or by content (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, ["text/html; charset=utf-8", "text/plain"])
    func refusesHTML(backend: Backend, contentType: String) async throws {
        let server = try await LoopbackServer.start { request, _ in
            if request.path == "/ventes.csv" {
                return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: contentType]),
                                    body: Data("<!DOCTYPE html>\n<html><body><form>Sign in</form></body></html>\n".utf8))
            }
            return try Self.samples(request)
        }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)

        let run = try await importFrom(server, into: project)

        #expect(run.status != 0)
        #expect(run.stderr.contains("\(server.url("/ventes.csv")): the server sent an HTML page"), "\(run.stderr)")
        try await Self.expectUntouched(project)
    }

    @Test("a body cut short: retried, then reported with the byte counts (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func truncatedBody(backend: Backend) async throws {
        let server = try await LoopbackServer.start { request, _ in
            if request.path == "/ventes.csv" {
                let data = try DeployHarness.sample("ventes.csv")
                return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "text/csv", .contentLength: "\(data.count)"]),
                                    body: HTTPBodySequence(from: TruncatedBody(data: data.prefix(data.count / 2)), count: data.count))
            }
            return try Self.samples(request)
        }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)

        let run = try await importFrom(server, into: project, extra: ["--http-attempts", "2"])

        #expect(run.status != 0)
        #expect(run.stderr.contains(server.url("/ventes.csv")), "\(run.stderr)")
        #expect(run.stderr.contains("the download was cut short (") && run.stderr.contains("(after 2 attempts)"), "\(run.stderr)")
        #expect(await server.requests.count("/ventes.csv") == 2)
        try await Self.expectUntouched(project)
    }

    @Test("a redirect loop: stopped after a bounded number of redirects (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func redirectLoop(backend: Backend) async throws {
        let server = try await LoopbackServer.start { request, _ in
            if request.path == "/loop.csv" { return HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: "/loop.csv"])) }
            return try Self.samples(request)
        }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)

        let run = try await importFrom(server, ["/magasins.csv", "/produits.csv", "/loop.csv"], into: project)

        #expect(run.status != 0)
        #expect(run.stderr.contains("\(server.url("/loop.csv")): more than 5 redirects"), "\(run.stderr)")
        try await Self.expectUntouched(project)
    }

    @Test("https to a server that does not speak TLS: one line naming the URL, not retried (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func tlsFailure(backend: Backend) async throws {
        let server = try await LoopbackServer.start { request, _ in try Self.samples(request) }
        defer { Task { await server.stop() } }
        let project = try Project(backend: backend)
        let url = server.url("/ventes.csv").replacingOccurrences(of: "http://", with: "https://")

        let run = try await Self.ventes(["import", "--sales", url], on: project)

        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("Error: \(url): secure connection failed (TLS: "), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "not retried: \(run.stderr)")
        try await Self.expectUntouched(project)
    }

    @Test("a host that does not exist (DNS): one line naming the URL and the host, not retried (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func hostNotFound(backend: Backend) async throws {
        let project = try Project(backend: backend)
        let url = "http://ventes-test.invalid/ventes.csv"  // .invalid never resolves (RFC 2606)

        let run = try await Self.ventes(["import", "--sales", url, "--http-timeout", "10"], on: project)

        #expect(run.status != 0)
        #expect(run.stderr == "Error: \(url): host \"ventes-test.invalid\" not found (DNS); check the host name and the network\n")
        try await Self.expectUntouched(project)
    }

    @Test("a URL that is not http(s), or has no host, is refused before any request (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func invalidURL(backend: Backend) async throws {
        let project = try Project(backend: backend)
        for url in ["ftp://example.com/ventes.csv", "http:///ventes.csv"] {
            let run = try await Self.ventes(["import", "--sales", url], on: project)
            #expect(run.status != 0)
            #expect(run.stderr == "Error: \(url): not a valid http(s) URL; write it as https://host/path/file.csv\n")
        }
        try await Self.expectUntouched(project)
    }

    /// Runs `ventes arguments… --db <the project's store>` in the project, with only PATH and HOME
    /// from our environment, without blocking the loopback server.
    static func ventes(_ arguments: [String], on project: Project) async throws -> DeployHarness.Run {
        try await DeployHarness.ventes(arguments + ["--db", project.databaseArgument], in: project.directory.url)
    }

    /// The first value of the first row of `sql` on the project's store ("" when there is none).
    static func value(_ project: Project, _ sql: String) async throws -> String {
        try await project.store.rowsAsync(sql).first?.first ?? ""
    }

    /// The store exists (opening it migrates it) but holds no import.
    static func expectUntouched(_ project: Project) async throws {
        let store = project.store
        #expect(try await store.countAsync("import_run") == 0)
        #expect(try await store.countAsync("store") == 0)
        #expect(try await store.countAsync("http_source") == 0)
    }

    static func gzip(_ file: URL) throws -> Data {
        try Launcher.run(URL(fileURLWithPath: "/bin/gzip"), ["-c", file.path], in: file.deletingLastPathComponent()).stdoutData
    }

    static func sha256(of file: URL) throws -> String {
        let result = try Launcher.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [file.path], in: file.deletingLastPathComponent())
        return result.stdout.split(separator: " ").first.map(String.init) ?? ""
    }
}
