import ArgumentParser
import Foundation
import VentesKit

extension Ventes {
    /// `ventes import`: imports the files, atomically, and prints what became of every row.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the stores, products and sales files (in that order) in one transaction.",
            discussion: """
                With none of --stores, --products, --sales: the three configured sources (by default the files \
                of the CSV directory). A URL is downloaded first; one the server reports unchanged (304) is skipped.
                """)

        @OptionGroup var common: CommonOptions
        @OptionGroup var source: SourceOptions
        @OptionGroup var strict: StrictOption
        @OptionGroup var csv: CSVDirectoryOption
        @OptionGroup var http: HTTPOptions
        @OptionGroup var tuning: ImportTuningOptions
        @OptionGroup(title: "Dialect overrides") var dialect: DialectOptions

        @Option(help: "Output format.")
        var format: ImportFormat = .text

        func run() async throws {
            let settings = try common.settings(csvDirectory: csv.csvDir, sources: source.named)
            let store = try common.openStore(settings)
            let summary = try await Importer(store: store, logger: common.makeLogger())
                .fetchAndRun(source.sources(settings), options: tuning.apply(to: dialect.importOptions(strict: strict.strict)),
                             policy: http.policy)
            switch format {
            case .text: print(summary.text(.commandLine), terminator: "")
            case .json: print(summary.json(.commandLine).serialized())
            }
        }
    }
}
