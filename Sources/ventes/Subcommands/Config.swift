import ArgumentParser
import VentesKit

extension Ventes {
    /// `ventes config`: the effective configuration, and where each value came from.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration and where each value came from.",
            discussion: "Precedence: flag > environment variable > configuration file > default.")

        @OptionGroup var common: CommonOptions

        @OptionGroup var csv: CSVDirectoryOption
        @OptionGroup var results: ResultsDirectoryOption
        @OptionGroup var analyses: AnalysesFileOption
        @OptionGroup var source: SourceOptions

        func run() throws {
            let settings = try common.settings(csvDirectory: csv.csvDir, resultsDirectory: results.resultsDir,
                                               analyses: analyses.sql, sources: source.named)
            let noFile = "none (no \(Settings.Defaults.configurationFile) here, no --config, no $\(SettingNames.configurationVariable))"
            print(ConfigurationReport.text(settings, noFile: noFile), terminator: "")
        }
    }
}
