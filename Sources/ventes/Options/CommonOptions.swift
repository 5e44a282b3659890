import ArgumentParser
import Foundation
import Logging
import VentesKit

/// The database flag and logging, shared by every subcommand.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database (default: $VENTES_DB or data/ventes.db).", valueName: "path"))
    var db: String?

    @Flag(name: .shortAndLong, help: "Log what happens on stderr.")
    var verbose = false

    /// The settings with this command's flags applied over the environment and defaults.
    func settings(
        csvDirectory: String? = nil, resultsDirectory: String? = nil, analyses: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Settings {
        Settings.resolve(database: db, csvDirectory: csvDirectory, resultsDirectory: resultsDirectory,
                         analyses: analyses, environment: environment)
    }

    /// A logger writing to stderr: warnings only, everything with --verbose.
    func makeLogger() -> Logger {
        var logger = Logger(label: "ventes") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    /// Opens (and migrates) the database the settings name.
    func openDatabase(_ settings: Settings) throws -> VentesDatabase {
        try VentesDatabase(path: settings.databasePath)
    }
}
