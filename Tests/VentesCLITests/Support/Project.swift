import Foundation
import Testing

/// A temporary directory laid out as a user's project (`csv/`, `results/analyses.sql`), where
/// `ventes` runs with its default paths: the database is `data/ventes.db`; on the PostgreSQL
/// backend, a schema of its own on the test server (dropped when the project goes away), named to
/// `ventes` by `VENTES_DB`.
final class Project {
    let directory: TemporaryDirectory
    let backend: Backend
    /// The PostgreSQL schema of the project (nil on SQLite).
    let schema: String?

    /// A project whose `csv/` holds the fixture directory `csv` (the brief's files by default).
    init(csv fixtureDirectory: String = "brief", backend: Backend = .sqlite) throws {
        directory = try TemporaryDirectory()
        self.backend = backend
        try directory.layOutProject(csv: fixtureDirectory)
        if backend == .postgresql {
            schema = PostgreSQLTestServer.newSchemaName()
            try FileManager.default.copyItem(at: Fixtures.postgreSQLAnalysesFile,
                                             to: directory.url.appendingPathComponent(backend.analysesFile))
        } else {
            schema = nil
        }
    }

    deinit {
        if let schema { PostgreSQLTestServer.dropSchema(schema) }
    }

    /// The default database, `data/ventes.db` (SQLite only: see `store` for either backend).
    var database: DatabaseFile { DatabaseFile(directory.path("data/ventes.db")) }

    /// The project's store, read from the outside whatever the backend.
    var store: StoreInspector { StoreInspector(backend: backend, location: schema ?? directory.path("data/ventes.db")) }

    /// What `ventes` is given to reach the store: `VENTES_DB` on PostgreSQL, nothing on SQLite.
    var storeEnvironment: [String: String] {
        guard let schema else { return [:] }
        // Only a test without the server makes a PostgreSQL project, and then the URL is there.
        return ["VENTES_DB": (try? PostgreSQLTestServer.url(schema: schema)) ?? ""]
    }

    /// The `--db` value of the store: the SQLite file's path or the schema's URL.
    var databaseArgument: String { storeEnvironment["VENTES_DB"] ?? directory.path("data/ventes.db") }

    /// Runs `ventes arguments…` in the project directory.
    func ventes(_ arguments: String..., environment: [String: String] = [:]) throws -> CommandResult {
        try ventes(arguments, environment: environment)
    }

    /// Runs `ventes arguments…` in the project directory.
    func ventes(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try VentesCommand.run(arguments, in: directory.url, environment: storeEnvironment.merging(environment) { _, given in given })
    }

    /// Starts `ventes arguments…` in the project directory, in the background.
    func start(_ arguments: String..., environment: [String: String] = [:]) throws -> RunningCommand {
        try VentesCommand.start(arguments, in: directory.url, environment: storeEnvironment.merging(environment) { _, given in given })
    }

    /// Runs `ventes arguments…` in the project directory with stdout on a terminal.
    func ventesOnTerminal(_ arguments: String..., environment: [String: String] = [:]) throws -> CommandResult {
        try VentesCommand.runOnTerminal(arguments, in: directory.url, environment: storeEnvironment.merging(environment) { _, given in given })
    }

    /// Copies the fixture `name` into the project and returns its path relative to the project.
    @discardableResult
    func add(_ name: String) throws -> String {
        try directory.copyFixture(name, to: "in/\(name)")
        return "in/\(name)"
    }

    /// Imports the brief's three files with `import --format json`, checks it worked, returns the report.
    @discardableResult
    func importBrief() throws -> ImportReport {
        let result = try ventes("import", "--format", "json")
        try #require(result.succeeded, "\(result.transcript)")
        return try ImportReport.parse(result.stdout)
    }
}
