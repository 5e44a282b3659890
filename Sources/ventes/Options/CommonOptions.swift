import ArgumentParser
import Foundation
import Logging
import VentesKit

/// The database flag, the configuration file and logging, shared by every subcommand.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database: a SQLite file, or a PostgreSQL server as postgresql://user@host:5432/dbname?sslmode=require&schema=ventes (default: $VENTES_DB, the configuration file, or data/ventes.db).", valueName: "path-or-url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: $VENTES_CONFIG, or ventes.toml when present).", valueName: "file"))
    var config: String?

    @Flag(name: .shortAndLong, help: "Log what happens on stderr.")
    var verbose = false

    /// The settings with this command's flags applied over the environment, the configuration file and defaults.
    func settings(
        csvDirectory: String? = nil, resultsDirectory: String? = nil, analyses: String? = nil,
        sources: [FileKind: String] = [:], watchInterval: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Settings {
        let located = ConfigurationFile.locate(explicit: config, fromEnvironment: environment[SettingNames.configurationVariable])
        let file = try located.map { path throws in try ConfigurationFile.load(path: path) }
        var given: [Settings.Key: String?] = [
            .database: db, .csvDirectory: csvDirectory, .resultsDirectory: resultsDirectory, .analyses: analyses,
            .watchInterval: watchInterval,
        ]
        for (kind, location) in sources { given[.source(kind)] = location }
        var flags: [Settings.Key: Settings.GivenValue] = [:]
        var variables: [Settings.Key: Settings.GivenValue] = [:]
        for key in Settings.Key.allCases {
            if let value = given[key] ?? nil { flags[key] = .init(name: SettingNames.flag(key), value: value) }
            let variable = SettingNames.environmentVariable(key)
            if let value = environment[variable] { variables[key] = .init(name: variable, value: value) }
        }
        var settings = Settings.resolve(flags: flags, environment: variables, file: file)
        // Each engine speaks its own SQL: a PostgreSQL store's analyses file, when none is named, is
        // the PostgreSQL one.
        if PostgreSQLStore.handles(settings.databasePath) && settings.origins[.analyses] == .default {
            settings.analysesPath = Self.postgreSQLAnalysesPath
        }
        return settings
    }

    /// The analyses file of a PostgreSQL store when none is named.
    static let postgreSQLAnalysesPath = "results/analyses.postgresql.sql"

    /// A logger writing to stderr: warnings only, everything with --verbose.
    func makeLogger() -> Logger {
        var logger = Logger(label: "ventes") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    /// Opens (and migrates) the database the settings name: a PostgreSQL schema for a
    /// `postgresql://` URL, else a SQLite file. The only place that chooses an engine.
    func openStore(_ settings: Settings) throws -> any SalesStore {
        try StoreLocation.open(settings.databasePath)
    }
}
