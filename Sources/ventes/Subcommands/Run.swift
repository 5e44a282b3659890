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

        @Option(help: ArgumentHelp("Where magasins.csv, produits.csv and ventes.csv are (default: $VENTES_CSV_DIR or csv).", valueName: "dir"))
        var csvDir: String?

        @Option(help: ArgumentHelp("Where results are written (default: $VENTES_RESULTS_DIR or results).", valueName: "dir"))
        var resultsDir: String?

        @Option(help: ArgumentHelp("The analyses file (default: $VENTES_SQL or results/analyses.sql).", valueName: "file"))
        var sql: String?

        @Option(help: "The report's language: fr (default) or en.")
        var lang: ReportLanguage = .fr
        @OptionGroup(title: "Dialect overrides") var dialect: DialectOptions

        @Flag(help: "Abort the whole import, database unchanged, at the first bad row instead of quarantining it.")
        var strict = false

        @OptionGroup var rows: AllRowsOption

        func run() async throws {
            let settings = try common.settings(csvDirectory: csvDir, resultsDirectory: resultsDir, analyses: sql)
            // Read the analyses first: a broken file stops the job before anything is imported.
            let file = try AnalysisFile(path: settings.analysesPath)
            let database = try common.openDatabase(settings)
            let summary = try await Importer(database: database, logger: common.makeLogger())
                .fetchAndRun(FileKind.allCases.map(settings.source), options: tuning.apply(to: dialect.importOptions(strict: strict)),
                             policy: http.policy)
            print(summary.text)
            let run = try database.runAnalyses(file, startedAt: Date())
            // Written before the tables are printed: a table cut to a screenful names its file.
            let written = try ResultFiles.write(run, to: settings.resultsDirectory)
            let directory = settings.resultsDirectory
            print(ResultRenderer.table(run.results, title: ResultRenderer.title(run),
                                       limit: rows.rowLimit { ResultFiles.csvPath($0, in: directory) }))
            if let totals = RunTotals(run) {
                print("Total revenue: \(totals.revenue) (\(totals.units) units, \(totals.sales) sales)")
            }
            reportWarnings(run)
            let report = try ReportWriter.write(run, language: lang, to: settings.resultsDirectory)
            print("Database: \(settings.databasePath); results: \(written.count + report.count) files in \(settings.resultsDirectory)/ (analysis run #\(run.id))")
            print("Report: \(report.joined(separator: ", "))")
            try reportFailures(run)
        }
    }
}
