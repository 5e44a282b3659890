import ArgumentParser
import Foundation
import VentesKit

extension Ventes {
    /// `ventes run`: the whole job: schema, import of the three files, analyses, result files.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Do the whole job: create the schema, import the three sources, run the analyses, write the results.")

        @OptionGroup var common: CommonOptions
        @OptionGroup var http: HTTPOptions
        @OptionGroup var tuning: ImportTuningOptions

        @OptionGroup var csv: CSVDirectoryOption
        @OptionGroup var results: ResultsDirectoryOption
        @OptionGroup var analyses: AnalysesFileOption
        @OptionGroup var language: ReportLanguageOption
        @OptionGroup var strict: StrictOption
        @OptionGroup(title: "Dialect overrides") var dialect: DialectOptions

        @OptionGroup var rows: AllRowsOption

        func run() async throws {
            let settings = try common.settings(csvDirectory: csv.csvDir, resultsDirectory: results.resultsDir, analyses: analyses.sql)
            // Read the analyses first: a broken file stops the job before anything is imported.
            let file = try AnalysisFile(path: settings.analysesPath)
            let store = try common.openStore(settings)
            let summary = try await Importer(store: store, logger: common.makeLogger())
                .fetchAndRun(FileKind.allCases.map(settings.source),
                             options: tuning.apply(to: dialect.importOptions(strict: strict.strict)), policy: http.policy)
            print(summary.text(.commandLine))
            let run = try store.runAnalyses(file, startedAt: Date())
            // Written before the tables are printed: a table cut to a screenful names its file.
            let written = try ResultFiles.write(run, to: settings.resultsDirectory)
            let directory = settings.resultsDirectory
            print(ResultRenderer.table(run.results, title: ResultRenderer.title(run),
                                       limit: rows.rowLimit { ResultFiles.csvPath($0, in: directory) }))
            if let totals = RunTotals(run) {
                print("Total revenue: \(totals.revenue) (\(totals.units) units, \(totals.sales) sales)")
            }
            reportWarnings(run)
            let report = try ReportWriter.write(run, language: language.lang, to: settings.resultsDirectory)
            print("Database: \(settings.databaseLocation); results: \(written.count + report.count) files in \(settings.resultsDirectory)/ (analysis run #\(run.id))")
            print("Report: \(report.joined(separator: ", "))")
            try reportFailures(run)
        }
    }
}
