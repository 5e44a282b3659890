import Foundation
import Testing

/// A PostgreSQL store that cannot be reached says so in one line naming host, port and database,
/// and what to do; exit status 1; the password never shows.
@Suite("PostgreSQL connection errors and the password")
struct PostgreSQLConnectionTests {
    static let password = "S3cret-Passw0rd"

    /// A loopback port nothing listens on.
    static func closedPort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                try #require(bind(socket, pointer, length) == 0)
                try #require(getsockname(socket, pointer, &length) == 0)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test("server down: one line naming host, port and database and what to do; exit 1; no password")
    func serverDown() throws {
        let project = try Project()
        let url = "postgresql://ventes:\(Self.password)@127.0.0.1:\(try Self.closedPort())/sales_db?sslmode=disable"
        try FileManager.default.copyItem(at: Fixtures.postgreSQLAnalysesFile,
                                         to: project.directory.url.appendingPathComponent("results/analyses.postgresql.sql"))

        for command in [["init"], ["import"], ["analyze"], ["history"], ["check"], ["run"]] {
            let result = try project.ventes(command + ["--db", url])

            #expect(result.status == 1, "\(command): \(result.transcript)")
            #expect(result.stderrLines.count == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("127.0.0.1:"), "\(result.stderr)")
            #expect(result.stderr.contains("/sales_db"), "\(result.stderr)")
            #expect(result.stderr.contains("check that the server is running"), "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(Self.password), "\(command): the password was printed")
        }
        #expect(!project.directory.exists("data/ventes.db"), "no SQLite file was made instead")
    }

    @Test("ventes config masks the password of a PostgreSQL URL, from the flag, the environment or ventes.toml")
    func configMasksPassword() throws {
        let project = try Project()
        let url = "postgresql://ventes:\(Self.password)@db.example.com:5432/sales?sslmode=require"
        try project.directory.write("database = \"\(url)\"\n", to: "ventes.toml")

        let results = [try project.ventes("config", "--db", url), try project.ventes("config", environment: ["VENTES_DB": url]),
                       try project.ventes("config")]

        for result in results {
            try #require(result.succeeded, "\(result.transcript)")
            #expect(!(result.stdout + result.stderr).contains(Self.password), "\(result.stdout)")
            #expect(result.stdout.contains("postgresql://ventes:***@db.example.com:5432/sales?sslmode=require"), "\(result.stdout)")
            #expect(result.stdout.contains("results/analyses.postgresql.sql"), "a PostgreSQL store's analyses file: \(result.stdout)")
        }
    }

    @Test("a missing database: named, with what to do; exit 1 (run when VENTES_TEST_POSTGRESQL_URL is set)",
          .enabled(if: PostgreSQLTestServer.url != nil, "VENTES_TEST_POSTGRESQL_URL is not set"))
    func missingDatabase() throws {
        let project = try Project()
        let server = try #require(PostgreSQLTestServer.url)
        var parts = try #require(URLComponents(string: server))
        parts.path = "/no_such_database_here"
        parts.password = Self.password

        let result = try project.ventes("init", "--db", try #require(parts.string))

        #expect(result.status == 1, "\(result.transcript)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("/no_such_database_here"), "\(result.stderr)")
        #expect(result.stderr.contains("does not exist"), "\(result.stderr)")
        #expect(result.stderr.contains("createdb no_such_database_here"), "\(result.stderr)")
        #expect(!result.stderr.contains(Self.password))
    }

    @Test("sslmode=require against a server without TLS: refused, named, with what to do (run when VENTES_TEST_POSTGRESQL_URL is set; the test server has no TLS)",
          .enabled(if: PostgreSQLTestServer.url != nil, "VENTES_TEST_POSTGRESQL_URL is not set"))
    func tlsRequiredButRefused() throws {
        let project = try Project()
        let ssl = try PostgreSQLTestServer.psql("SHOW ssl")
        try #require(ssl == [["off"]], "the test server has TLS on: this test needs one without")
        let url = try PostgreSQLTestServer.url(schema: PostgreSQLTestServer.newSchemaName()) + "&sslmode=require"

        let result = try project.ventes("init", "--db", url)

        #expect(result.status == 1, "\(result.transcript)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("does not accept TLS"), "\(result.stderr)")
        #expect(result.stderr.contains("sslmode=require"), "\(result.stderr)")
    }

    @Test("the password given in the URL never shows: not in init, import, history, nor in an import error (run when VENTES_TEST_POSTGRESQL_URL is set)",
          .enabled(if: PostgreSQLTestServer.url != nil, "VENTES_TEST_POSTGRESQL_URL is not set"))
    func passwordNeverPrinted() throws {
        let project = try Project(backend: .postgresql)
        let schema = try #require(project.schema)
        let schemaURL = try PostgreSQLTestServer.url(schema: schema)
        var parts = try #require(URLComponents(string: schemaURL))
        parts.password = Self.password
        let url = try #require(parts.string)

        let results = [try project.ventes("init", "--db", url), try project.ventes("import", "--db", url, "-v"),
                       try project.ventes("history", "--db", url),
                       try project.ventes("import", "--db", url, "--sales", "in/missing.csv")]

        for result in results { #expect(!(result.stdout + result.stderr).contains(Self.password), "\(result.transcript)") }
        #expect(results[0].stdout.contains(":***@"), "\(results[0].stdout)")
        #expect(results[3].status == 1)
    }

    /// The server's role that logs in with a password (scram-sha-256), from scripts/pg-cluster.sh.
    static var passwordRole: (url: String, password: String)? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["VENTES_TEST_POSTGRESQL_PASSWORD_URL"], let password = environment["VENTES_TEST_POSTGRESQL_PASSWORD"] else {
            return nil
        }
        return (url, password)
    }

    @Test("a wrong password: one line naming the server, database and user, what to do, exit 1, nothing printed of either password; the right one from PGPASSWORD works (run when VENTES_TEST_POSTGRESQL_PASSWORD_URL is set)",
          .enabled(if: passwordRole != nil, "VENTES_TEST_POSTGRESQL_PASSWORD_URL is not set"))
    func wrongPassword() throws {
        let role = try #require(Self.passwordRole)
        let project = try Project()
        let schema = PostgreSQLTestServer.newSchemaName()
        defer { PostgreSQLTestServer.dropSchema(schema) }
        var parts = try #require(URLComponents(string: role.url))
        parts.queryItems = [URLQueryItem(name: "schema", value: schema)]
        let withoutPassword = try #require(parts.string)
        parts.password = Self.password
        let wrong = try #require(parts.string)

        let refused = try project.ventes("init", "--db", wrong)
        let fromEnvironment = try project.ventes("init", "--db", withoutPassword, environment: ["PGPASSWORD": role.password])

        #expect(refused.status == 1, "\(refused.transcript)")
        #expect(refused.stderrLines.count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("127.0.0.1:") && refused.stderr.contains("/postgres"), "\(refused.stderr)")
        #expect(refused.stderr.contains("ventes_secret"), "\(refused.stderr)")
        #expect(refused.stderr.lowercased().contains("password"), "\(refused.stderr)")
        #expect(!(refused.stdout + refused.stderr).contains(Self.password), "the wrong password was printed")
        #expect(!(refused.stdout + refused.stderr).contains(role.password))
        #expect(fromEnvironment.succeeded, "\(fromEnvironment.transcript)")
        #expect(!(fromEnvironment.stdout + fromEnvironment.stderr).contains(role.password), "the password was printed")
    }
}
