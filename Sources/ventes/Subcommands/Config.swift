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

        @Option(help: ArgumentHelp("The stores file: a path or an http(s) URL.", valueName: "file|url"))
        var stores: String?

        @Option(help: ArgumentHelp("The products file: a path or an http(s) URL.", valueName: "file|url"))
        var products: String?

        @Option(help: ArgumentHelp("The sales file: a path or an http(s) URL.", valueName: "file|url"))
        var sales: String?

        func run() throws {
            var sources: [FileKind: String] = [:]
            sources[.stores] = stores
            sources[.products] = products
            sources[.sales] = sales
            let settings = try common.settings(csvDirectory: csvDir, resultsDirectory: resultsDir, analyses: sql,
                                               sources: sources)
            print(ConfigurationReport.text(settings), terminator: "")
        }
    }
}
