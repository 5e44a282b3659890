import ArgumentParser
import VentesKit

extension Ventes {
    /// `ventes report`: writes report.html and note.md from a stored run.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write report.html (figures, charts, tables) and note.md (the short note) from a stored analysis run.")

        @OptionGroup var common: CommonOptions

        @Option(help: ArgumentHelp("Where to write them (default: $VENTES_RESULTS_DIR or results).", valueName: "dir"))
        var out: String?

        @OptionGroup var language: ReportLanguageOption

        @Option(name: .customLong("run"), help: ArgumentHelp("The run to report on (default: the latest).", valueName: "id"))
        var runID: Int64?

        func run() throws {
            let settings = try common.settings(resultsDirectory: out)
            let store = try common.openStore(settings)
            let stored = try storedRun(runID, in: store)
            reportWarnings(stored)
            let written = try ReportWriter.write(stored, language: language.lang, news: try store.refreshNews(runID: stored.id),
                                                 to: settings.resultsDirectory)
            print("Report of analysis run #\(stored.id): \(written.joined(separator: ", "))")
        }
    }
}
