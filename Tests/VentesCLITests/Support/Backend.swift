import Foundation
import Testing

/// The store a test runs `ventes` on: a SQLite file, or a schema of the PostgreSQL server named by
/// `VENTES_TEST_POSTGRESQL_URL` (a URL where the user may create schemas, e.g.
/// `postgresql://postgres@127.0.0.1:55432/postgres`). Without that variable the PostgreSQL cases
/// are left out: tests parameterised by `Backend.available` run on SQLite only (CI sets it).
enum Backend: String, Sendable, CustomTestStringConvertible, CaseIterable {
    case sqlite, postgresql

    var testDescription: String { rawValue }

    /// SQLite always; PostgreSQL when `VENTES_TEST_POSTGRESQL_URL` is set.
    static var available: [Backend] { PostgreSQLTestServer.url == nil ? [.sqlite] : [.sqlite, .postgresql] }

    /// The analyses file `ventes` uses by default on this backend, relative to a project.
    var analysesFile: String { self == .sqlite ? "results/analyses.sql" : "results/analyses.postgresql.sql" }
}

/// The PostgreSQL server of the tests, reached with `psql` from the outside (as a person would).
enum PostgreSQLTestServer {
    /// `VENTES_TEST_POSTGRESQL_URL`, or nil when the PostgreSQL cases are not run.
    static var url: String? {
        ProcessInfo.processInfo.environment["VENTES_TEST_POSTGRESQL_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The ventes URL of `schema` on the test server.
    static func url(schema: String) throws -> String {
        let base = try #require(url, "VENTES_TEST_POSTGRESQL_URL is not set")
        return base + (base.contains("?") ? "&" : "?") + "schema=" + schema
    }

    /// A fresh schema name (lower case: PostgreSQL folds unquoted names).
    static func newSchemaName() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// Runs `sql` with `psql` on the test server, `search_path` set to `schema`; returns the rows,
    /// fields split on `|`, NULL shown as `NULL`.
    static func psql(_ sql: String, schema: String? = nil, database: String? = nil) throws -> [[String]] {
        var base = try #require(url, "VENTES_TEST_POSTGRESQL_URL is not set")
        if let database, var parts = URLComponents(string: base) {
            parts.path = "/" + database
            base = parts.string ?? base
        }
        var environment = ["PGCONNECT_TIMEOUT": "10"]
        if let schema { environment["PGOPTIONS"] = "-c search_path=\(schema)" }
        let result = try Launcher.run(URL(fileURLWithPath: "/usr/bin/psql"),
                                      [base, "-X", "-q", "-A", "-t", "-F", "|", "-P", "null=NULL", "-v", "ON_ERROR_STOP=1", "-c", sql],
                                      in: FileManager.default.temporaryDirectory, environment: .inherited(adding: environment))
        guard result.succeeded else { throw PSQLFailure(description: "psql: \(sql): \(result.stderr)") }
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    struct PSQLFailure: Error, CustomStringConvertible { let description: String }

    /// Drops `schema` and everything in it.
    static func dropSchema(_ schema: String) {
        // Cleanup at the end of a test: a failure here must not hide the test's own outcome.
        _ = try? psql("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
    }
}
