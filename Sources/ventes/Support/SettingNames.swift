import VentesKit

/// What the command line calls each setting: its flag and its environment variable.
enum SettingNames {
    /// The variable naming the configuration file.
    static let configurationVariable = "VENTES_CONFIG"

    /// The flag that sets `key`.
    static func flag(_ key: Settings.Key) -> String {
        switch key {
        case .database: return "--db"
        case .csvDirectory: return "--csv-dir"
        case .resultsDirectory: return "--results-dir"
        case .analyses: return "--sql"
        case .source(let kind): return "--\(kind.rawValue)"
        case .watchInterval: return "--every"
        }
    }

    /// The environment variable that sets `key`.
    static func environmentVariable(_ key: Settings.Key) -> String {
        switch key {
        case .database: return "VENTES_DB"
        case .csvDirectory: return "VENTES_CSV_DIR"
        case .resultsDirectory: return "VENTES_RESULTS_DIR"
        case .analyses: return "VENTES_SQL"
        case .source(.stores): return "VENTES_STORES"
        case .source(.products): return "VENTES_PRODUCTS"
        case .source(.sales): return "VENTES_SALES"
        case .watchInterval: return "VENTES_WATCH_EVERY"
        }
    }
}
