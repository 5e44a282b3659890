import ArgumentParser
import Foundation
import VentesKit

extension Ventes {
    /// `ventes analyze`: runs every named query, stores the results as a new run and prints them.
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the analyses file's queries, store their results as a new run and print them.")

        @OptionGroup var common: CommonOptions

        @Option(help: ArgumentHelp("The analyses file (default: $VENTES_SQL or results/analyses.sql).", valueName: "file"))
        var sql: String?

        @OptionGroup var output: ResultOutputOptions

        func run() throws {
            let settings = try common.settings(analyses: sql)
            let database = try common.openDatabase(settings)
            let file = try AnalysisFile(path: settings.analysesPath)
            let run = try database.runAnalyses(file, startedAt: Date())
            print(try output.render(run, wholeTable: wholeTableCommand(common)), terminator: "")
            try reportFailures(run)
        }
    }
}

/// Names every failed analysis on stderr and exits non-zero when there is one.
func reportFailures(_ run: AnalysisRun) throws {
    let failures = run.failures
    guard !failures.isEmpty else { return }
    var standardError = StandardError()
    for failure in failures { print("error: \(failure.error ?? failure.name)", to: &standardError) }
    throw ExitCode.failure
}
