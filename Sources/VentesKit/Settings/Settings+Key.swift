extension Settings {
    /// A configurable value, and its name in the configuration file.
    public enum Key: Hashable, Sendable, CaseIterable {
        case database, csvDirectory, resultsDirectory, analyses
        case source(FileKind)
        /// How often the refresh service runs a cycle.
        case watchInterval

        public static let allCases: [Key] =
            [.database, .csvDirectory, .resultsDirectory, .analyses] + FileKind.allCases.map(Key.source) + [.watchInterval]

        /// The key in `ventes.toml`: top-level, or in the `[sources]` table for a source.
        public var fileKey: String {
            switch self {
            case .database: return "database"
            case .csvDirectory: return "csv_dir"
            case .resultsDirectory: return "results_dir"
            case .analyses: return "analyses"
            case .source(let kind): return kind.rawValue
            case .watchInterval: return "every"
            }
        }

        /// The table of `ventes.toml` the key is in (nil: top level).
        public var fileTable: String? {
            switch self {
            case .source: return "sources"
            case .watchInterval: return "watch"
            default: return nil
            }
        }

        /// The key as `ventes config` names it: `database`, `sources.stores`…
        public var displayName: String { fileTable.map { "\($0).\(fileKey)" } ?? fileKey }

        /// The embedded default; nil for a source, whose default is a file of the CSV directory.
        var defaultValue: String? {
            switch self {
            case .database: return Defaults.databasePath
            case .csvDirectory: return Defaults.csvDirectory
            case .resultsDirectory: return Defaults.resultsDirectory
            case .analyses: return Defaults.analysesPath
            case .source: return nil
            case .watchInterval: return Defaults.watchInterval
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
