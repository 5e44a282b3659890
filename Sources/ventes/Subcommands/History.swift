import ArgumentParser
import VentesKit

extension Ventes {
    /// `ventes history`: lists the stored analysis runs, newest first.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stored analysis runs, newest first (ventes results --run N shows one).")

        @OptionGroup var common: CommonOptions

        @Option(help: "Output format.")
        var format: ResultFormat = .table

        func run() throws {
            let settings = try common.settings()
            let store = try common.openStore(settings)
            let runs = try store.analysisRuns()
            let history = AnalysisRunInfo.historyResult(runs)
            print(ResultRenderer.render([history], title: "\(runs.count) analysis run\(runs.count == 1 ? "" : "s") in \(settings.databaseLocation)",
                                        metadata: [], as: format), terminator: "")
        }
    }
}
