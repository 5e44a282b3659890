/// Where things are: the database, the sources, the outputs and the analyses file.
///
/// Resolved once, value by value, with the precedence flag > environment > configuration file >
/// embedded default; `origins` tells where each value came from (`ventes config` prints it).
public struct Settings: Equatable, Sendable {
    public var databasePath: String
    public var csvDirectory: String
    public var resultsDirectory: String
    public var analysesPath: String
    /// The sources named by a flag, a variable or the configuration file (a path or a URL each);
    /// the others are the CSV directory's usual files.
    public var sources: [FileKind: String] = [:]
    /// Where each value came from.
    public var origins: [Key: Origin] = [:]
    /// The configuration file that was read, if any.
    public var configurationPath: String?

    /// Resolves each value: the flag when given, else its environment variable, else the
    /// configuration file's entry, else the default.
    public static func resolve(
        database: String? = nil, csvDirectory: String? = nil, resultsDirectory: String? = nil,
        analyses: String? = nil, sources flags: [FileKind: String] = [:], environment: [String: String],
        file: ConfigurationFile? = nil
    ) -> Settings {
        var origins: [Key: Origin] = [:]
        func pick(_ key: Key, _ flag: String?) -> String? {
            if let flag, !flag.isEmpty {
                origins[key] = .flag(key.optionName)
                return flag
            }
            if let value = environment[key.environmentVariable], !value.isEmpty {
                origins[key] = .environment(key.environmentVariable)
                return value
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
            databasePath: pick(.database, database)!,
            csvDirectory: pick(.csvDirectory, csvDirectory)!,
            resultsDirectory: pick(.resultsDirectory, resultsDirectory)!,
            analysesPath: pick(.analyses, analyses)!)
        for kind in FileKind.allCases {
            let key = Key.source(kind)
            if let location = pick(key, flags[kind]) {
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

    /// The effective value of `key`, as `ventes config` shows it.
    public func value(_ key: Key) -> String {
        switch key {
        case .database: return databasePath
        case .csvDirectory: return csvDirectory
        case .resultsDirectory: return resultsDirectory
        case .analyses: return analysesPath
        case .source(let kind): return source(kind).path
        }
    }
}
