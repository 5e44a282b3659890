/// Where things are: the database, the CSV sources, the outputs and the analyses file.
///
/// Resolved once, with the precedence flag > environment > embedded default.
public struct Settings: Equatable, Sendable {
    public var databasePath: String
    public var csvDirectory: String
    public var resultsDirectory: String
    public var analysesPath: String

    /// Resolves each path: the flag when given, else its environment variable, else the default.
    public static func resolve(
        database: String? = nil, csvDirectory: String? = nil, resultsDirectory: String? = nil,
        analyses: String? = nil, environment: [String: String]
    ) -> Settings {
        func pick(_ flag: String?, _ variable: String, _ fallback: String) -> String {
            if let flag, !flag.isEmpty { return flag }
            if let value = environment[variable], !value.isEmpty { return value }
            return fallback
        }
        return Settings(
            databasePath: pick(database, Environment.databasePath, Defaults.databasePath),
            csvDirectory: pick(csvDirectory, Environment.csvDirectory, Defaults.csvDirectory),
            resultsDirectory: pick(resultsDirectory, Environment.resultsDirectory, Defaults.resultsDirectory),
            analysesPath: pick(analyses, Environment.analysesPath, Defaults.analysesPath))
    }

    /// The default source of `kind`: its usual file name in the CSV directory.
    public func defaultSource(_ kind: FileKind) -> ImportSource {
        let directory = csvDirectory.hasSuffix("/") ? String(csvDirectory.dropLast()) : csvDirectory
        return ImportSource(kind: kind, path: "\(directory)/\(kind.defaultFileName)")
    }
}
