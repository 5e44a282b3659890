import ArgumentParser
import VentesKit

/// How results are printed: format, CSV convention, which analyses and how many rows; shared by
/// analyze and results.
struct ResultOutputOptions: ParsableArguments {
    @Option(help: "Output format.")
    var format: ResultFormat = .table

    @Option(help: ArgumentHelp("CSV convention: en (',' and decimal point) or fr (';' and decimal comma).", valueName: "en|fr"))
    var csvDialect: CSVOutputDialect?

    @Option(name: .customLong("analysis"), help: ArgumentHelp("Print only this analysis (repeatable); one alone gives plain CSV.", valueName: "name"))
    var analyses: [String] = []

    @OptionGroup var rows: AllRowsOption

    func validate() throws {
        if csvDialect != nil, format != .csv {
            throw ValidationError("'--csv-dialect' is only valid with '--format csv'")
        }
    }

    /// The results asked for, in file order; throws when a name is not in the run.
    func selected(_ results: [AnalysisResult], runID: Int64) throws -> [AnalysisResult] {
        guard !analyses.isEmpty else { return results }
        let names = results.map(\.name)
        if let unknown = analyses.first(where: { !names.contains($0) }) {
            throw CommandError("run #\(runID) has no analysis named \"\(unknown)\"; it has: \(names.joined(separator: ", "))")
        }
        return results.filter { analyses.contains($0.name) }
    }

    /// `results` rendered as asked; on a terminal, a long table is cut to a screenful and
    /// `wholeTable(name)` says where the rest is.
    func render(_ results: [AnalysisResult], title: String, metadata: [(String, JSONValue)],
                wholeTable: @escaping @Sendable (_ analysis: String) -> String) -> String {
        ResultRenderer.render(results, title: title, metadata: metadata, as: format, csvDialect: csvDialect ?? .international,
                              rowLimit: rows.rowLimit(wholeTable: wholeTable))
    }

    /// The run's selected analyses rendered as asked.
    func render(_ run: AnalysisRun, wholeTable: @escaping @Sendable (_ analysis: String) -> String) throws -> String {
        render(try selected(run.results, runID: run.id), title: ResultRenderer.title(run), metadata: [("run_id", .integer(run.id))],
               wholeTable: wholeTable)
    }
}
