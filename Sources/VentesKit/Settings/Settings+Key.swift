extension Settings {
    /// A configurable value: its name in the configuration file, its flag and its variable.
    public enum Key: Hashable, Sendable, CaseIterable {
        case database, csvDirectory, resultsDirectory, analyses
        case source(FileKind)

        public static let allCases: [Key] =
            [.database, .csvDirectory, .resultsDirectory, .analyses] + FileKind.allCases.map(Key.source)

        /// The key in `ventes.toml`: top-level, or in the `[sources]` table for a source.
        public var fileKey: String {
            switch self {
            case .database: return "database"
            case .csvDirectory: return "csv_dir"
            case .resultsDirectory: return "results_dir"
            case .analyses: return "analyses"
            case .source(let kind): return kind.rawValue
            }
        }

        /// The table of `ventes.toml` the key is in (nil: top level).
        public var fileTable: String? {
            if case .source = self { return "sources" }
            return nil
        }

        /// The key as `ventes config` names it: `database`, `sources.stores`…
        public var displayName: String { fileTable.map { "\($0).\(fileKey)" } ?? fileKey }

        /// The command-line flag that sets it.
        public var optionName: String {
            switch self {
            case .database: return "--db"
            case .csvDirectory: return "--csv-dir"
            case .resultsDirectory: return "--results-dir"
            case .analyses: return "--sql"
            case .source(let kind): return kind.optionName
            }
        }

        /// The environment variable that sets it.
        public var environmentVariable: String {
            switch self {
            case .database: return Environment.databasePath
            case .csvDirectory: return Environment.csvDirectory
            case .resultsDirectory: return Environment.resultsDirectory
            case .analyses: return Environment.analysesPath
            case .source(.stores): return Environment.stores
            case .source(.products): return Environment.products
            case .source(.sales): return Environment.sales
            }
        }

        /// The embedded default; nil for a source, whose default is a file of the CSV directory.
        var defaultValue: String? {
            switch self {
            case .database: return Defaults.databasePath
            case .csvDirectory: return Defaults.csvDirectory
            case .resultsDirectory: return Defaults.resultsDirectory
            case .analyses: return Defaults.analysesPath
            case .source: return nil
            }
        }
    }

    /// Where a value came from.
    public enum Origin: Equatable, Sendable, CustomStringConvertible {
        case flag(String)
        case environment(String)
        case file(path: String, line: Int)
        case `default`
        /// A source not named anywhere: its usual file in the CSV directory.
        case csvDirectory

        public var description: String {
            switch self {
            case .flag(let name): return "flag \(name)"
            case .environment(let name): return "environment \(name)"
            case let .file(path, line): return "\(path):\(line)"
            case .default: return "default"
            case .csvDirectory: return "default (in csv_dir)"
            }
        }
    }
}
