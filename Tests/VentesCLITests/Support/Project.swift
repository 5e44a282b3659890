import Foundation
import Testing

/// A temporary directory laid out as a user's project (`csv/`, `results/analyses.sql`), where
/// `ventes` runs with its default paths: the database is `data/ventes.db`.
final class Project {
    let directory: TemporaryDirectory

    /// A project whose `csv/` holds the fixture directory `csv` (the brief's files by default).
    init(csv fixtureDirectory: String = "brief") throws {
        directory = try TemporaryDirectory()
        try directory.layOutProject(csv: fixtureDirectory)
    }

    /// The default database, `data/ventes.db`.
    var database: DatabaseFile { DatabaseFile(directory.path("data/ventes.db")) }

    /// Runs `ventes arguments…` in the project directory.
    func ventes(_ arguments: String..., environment: [String: String] = [:]) throws -> CommandResult {
        try VentesCommand.run(arguments, in: directory.url, environment: environment)
    }

    /// Runs `ventes arguments…` in the project directory with stdout on a terminal.
    func ventesOnTerminal(_ arguments: String..., environment: [String: String] = [:]) throws -> CommandResult {
        try VentesCommand.runOnTerminal(arguments, in: directory.url, environment: environment)
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
