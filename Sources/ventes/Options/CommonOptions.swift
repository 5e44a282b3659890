import ArgumentParser
import Foundation
import Logging
import VentesKit

/// The database flag, the configuration file and logging, shared by every subcommand.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database (default: $VENTES_DB, the configuration file, or data/ventes.db).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: $VENTES_CONFIG, or ventes.toml when present).", valueName: "file"))
    var config: String?

    @Flag(name: .shortAndLong, help: "Log what happens on stderr.")
    var verbose = false

    /// The settings with this command's flags applied over the environment, the configuration file and defaults.
    func settings(
        csvDirectory: String? = nil, resultsDirectory: String? = nil, analyses: String? = nil,
        sources: [FileKind: String] = [:], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Settings {
        let file = try ConfigurationFile.locate(explicit: config, environment: environment).map { path throws in
            try ConfigurationFile.load(path: path)
        }
        return Settings.resolve(database: db, csvDirectory: csvDirectory, resultsDirectory: resultsDirectory,
                                analyses: analyses, sources: sources, environment: environment, file: file)
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
