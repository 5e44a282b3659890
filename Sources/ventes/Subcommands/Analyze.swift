import ArgumentParser
import Foundation
import VentesKit

extension Ventes {
    /// `ventes analyze`: runs every named query, stores the results as a new run and prints them.
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the analyses file's queries, store their results as a new run and print them.")

        @OptionGroup var common: CommonOptions

        @OptionGroup var analyses: AnalysesFileOption

        @OptionGroup var output: ResultOutputOptions

        func run() throws {
            let settings = try common.settings(analyses: analyses.sql)
            let store = try common.openStore(settings)
            let file = try AnalysisFile(path: settings.analysesPath)
            let run = try store.runAnalyses(file, startedAt: Date())
            print(try output.render(run, wholeTable: wholeTableCommand(common)), terminator: "")
            try reportFailures(run)
        }
    }
}
