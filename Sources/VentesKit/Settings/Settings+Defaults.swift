extension Settings {
    /// The embedded defaults: everything relative to the working directory.
    public enum Defaults {
        public static let databasePath = "data/ventes.db"
        public static let csvDirectory = "csv"
        public static let resultsDirectory = "results"
        public static let analysesPath = "results/analyses.sql"
        public static let configurationFile = "ventes.toml"
        /// How often the refresh service runs a cycle.
        public static let watchInterval = "15m"
    }
}
