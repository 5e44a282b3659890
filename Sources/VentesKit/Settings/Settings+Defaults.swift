extension Settings {
    /// The embedded defaults: everything relative to the working directory.
    public enum Defaults {
        public static let databasePath = "data/ventes.db"
        public static let csvDirectory = "csv"
        public static let resultsDirectory = "results"
        public static let analysesPath = "results/analyses.sql"
        public static let configurationFile = "ventes.toml"
    }

    /// The environment variables that override the configuration file and the defaults (flags override them).
    public enum Environment {
        public static let databasePath = "VENTES_DB"
        public static let csvDirectory = "VENTES_CSV_DIR"
        public static let resultsDirectory = "VENTES_RESULTS_DIR"
        public static let analysesPath = "VENTES_SQL"
        public static let stores = "VENTES_STORES"
        public static let products = "VENTES_PRODUCTS"
        public static let sales = "VENTES_SALES"
        public static let configurationFile = "VENTES_CONFIG"
    }
}
