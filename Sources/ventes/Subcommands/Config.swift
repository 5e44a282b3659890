import ArgumentParser
import VentesKit

extension Ventes {
    /// `ventes config`: the effective configuration, and where each value came from.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration and where each value came from.",
            discussion: "Precedence: flag > environment variable > configuration file > default.")

        @OptionGroup var common: CommonOptions

        @Option(help: ArgumentHelp("Where the default files are.", valueName: "dir"))
        var csvDir: String?

        @Option(help: ArgumentHelp("Where results are written.", valueName: "dir"))
        var resultsDir: String?

        @Option(help: ArgumentHelp("The analyses file.", valueName: "file"))
        var sql: String?

        @OptionGroup var source: SourceOptions

        func run() throws {
            let settings = try common.settings(csvDirectory: csvDir, resultsDirectory: resultsDir, analyses: sql,
                                               sources: source.named)
            print(ConfigurationReport.text(settings), terminator: "")
        }
    }
}
