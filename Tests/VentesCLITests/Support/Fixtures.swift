import Foundation

/// The test files of Tests/VentesCLITests/Fixtures, and the repository's own analyses file.
enum Fixtures {
    /// The fixture `name` (a file or a directory of the Fixtures folder).
    static func url(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// The raw bytes of a fixture file.
    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    /// The repository's root, found from this source file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // VentesCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The analyses file the project ships: tests run the real one, not a copy.
    static let analysesFile = repositoryRoot.appendingPathComponent("results/analyses.sql")

    /// The analyses file the project ships for PostgreSQL stores.
    static let postgreSQLAnalysesFile = repositoryRoot.appendingPathComponent("results/analyses.postgresql.sql")
}
