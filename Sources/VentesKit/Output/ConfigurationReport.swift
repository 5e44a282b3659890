/// The effective configuration, as `ventes config` prints it: a line per value with its origin.
public enum ConfigurationReport {
    /// For example:
    /// ```
    /// configuration file: ventes.toml
    /// database          data/ventes.db                  default
    /// sources.stores    https://example.com/stores.csv  ventes.toml:7
    /// ```
    ///
    /// - Parameter noFile: what to say when no configuration file was read.
    public static func text(_ settings: Settings, noFile: String = "none") -> String {
        var lines = ["configuration file: \(settings.configurationPath ?? noFile)"]
        let keys = Settings.Key.allCases
        let nameWidth = keys.map(\.displayName.count).max() ?? 0
        let valueWidth = keys.map { settings.value($0).count }.max() ?? 0
        for key in keys {
            let name = key.displayName.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let value = settings.value(key).padding(toLength: valueWidth, withPad: " ", startingAt: 0)
            lines.append("\(name)  \(value)  \(settings.origins[key]?.description ?? "default")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
