import ArgumentParser
import VentesKit

extension Ventes {
    /// `ventes results`: prints a stored run (the latest by default) without recomputing, or
    /// what changed since an earlier run.
    struct Results: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the stored results of an analysis run (the latest by default), without recomputing.",
            discussion: "With --compare N: the revenue and units changes, in total, per product and per region, from run N to the run shown.")

        @OptionGroup var common: CommonOptions

        @Option(name: .customLong("run"), help: ArgumentHelp("The run to show (default: the latest; see ventes history).", valueName: "id"))
        var runID: Int64?

        @Option(help: ArgumentHelp("Show what changed from this earlier run to the run shown.", valueName: "id"))
        var compare: Int64?

        @OptionGroup var output: ResultOutputOptions

        func run() throws {
            let settings = try common.settings()
            let store = try common.openStore(settings)
            let shown = try storedRun(runID, in: store)
            guard let compare else {
                print(try output.render(shown, wholeTable: wholeTableCommand(common, run: runID)), terminator: "")
                return
            }
            let comparison = RunComparison(base: try storedRun(compare, in: store), current: shown)
            let results = try output.selected(comparison.results, runID: shown.id)
            print(output.render(results, title: comparison.title,
                                metadata: [("base_run_id", .integer(comparison.base.id)), ("run_id", .integer(shown.id))],
                                wholeTable: wholeTableCommand(common, run: runID, compare: compare)),
                  terminator: "")
        }
    }
}
