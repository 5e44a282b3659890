/// Where things are: the database, the sources, the outputs and the analyses file.
///
/// Resolved once, value by value, with the precedence flag > environment > configuration file >
/// embedded default; `origins` tells where each value came from (`ventes config` prints it).
public struct Settings: Equatable, Sendable {
    /// A path, or a URL (which may hold a password: print `databaseLocation`).
    public var databasePath: String
    public var csvDirectory: String
    public var resultsDirectory: String
    public var analysesPath: String
    /// How often the refresh service runs a cycle, as written (`15m`); checked by `RefreshInterval`.
    public var watchInterval: String = Defaults.watchInterval
    /// The sources named by a flag, a variable or the configuration file (a path or a URL each);
    /// the others are the CSV directory's usual files.
    public var sources: [FileKind: String] = [:]
    /// Where each value came from.
    public var origins: [Key: Origin] = [:]
    /// The configuration file that was read, if any.
    public var configurationPath: String?

    /// A value given by name: a flag or an environment variable, named as the front end names it.
    public struct GivenValue: Equatable, Sendable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The database as it may be printed: a password in its URL masked.
    public var databaseLocation: String { URLPassword.masked(databasePath) }

    /// Resolves each value: the flag when given, else its environment variable, else the
    /// configuration file's entry, else the default. Empty values count as not given.
    public static func resolve(
        flags: [Key: GivenValue] = [:], environment: [Key: GivenValue] = [:], file: ConfigurationFile? = nil
    ) -> Settings {
        var origins: [Key: Origin] = [:]
        func pick(_ key: Key) -> String? {
            if let flag = flags[key], !flag.value.isEmpty {
                origins[key] = .flag(flag.name)
                return flag.value
            }
            if let variable = environment[key], !variable.value.isEmpty {
                origins[key] = .environment(variable.name)
                return variable.value
            }
            if let file, let entry = file.values[key] {
                origins[key] = .file(path: file.path, line: entry.line)
                return entry.value
            }
            guard let fallback = key.defaultValue else { return nil }
            origins[key] = .default
            return fallback
        }
        var settings = Settings(
            databasePath: pick(.database) ?? Defaults.databasePath,
            csvDirectory: pick(.csvDirectory) ?? Defaults.csvDirectory,
            resultsDirectory: pick(.resultsDirectory) ?? Defaults.resultsDirectory,
            analysesPath: pick(.analyses) ?? Defaults.analysesPath)
        settings.watchInterval = pick(.watchInterval) ?? Defaults.watchInterval
        for kind in FileKind.allCases {
            let key = Key.source(kind)
            if let location = pick(key) {
                settings.sources[kind] = location
            } else {
                origins[key] = .csvDirectory
            }
        }
        settings.origins = origins
        settings.configurationPath = file?.path
        return settings
    }

    /// The source of `kind`: as configured, else its usual file name in the CSV directory.
    public func source(_ kind: FileKind) -> ImportSource {
        if let location = sources[kind] { return ImportSource(kind: kind, location: SourceLocation(location)) }
        let directory = csvDirectory.hasSuffix("/") ? String(csvDirectory.dropLast()) : csvDirectory
        return ImportSource(kind: kind, path: "\(directory)/\(kind.defaultFileName)")
    }

    /// The effective value of `key`, as `ventes config` shows it (a password in a URL masked).
    public func value(_ key: Key) -> String {
        switch key {
        case .database: return URLPassword.masked(databasePath)
        case .csvDirectory: return csvDirectory
        case .resultsDirectory: return resultsDirectory
        case .analyses: return analysesPath
        case .source(let kind): return source(kind).path
        case .watchInterval: return watchInterval
        }
    }
}
