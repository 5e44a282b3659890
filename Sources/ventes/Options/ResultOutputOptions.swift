import ArgumentParser
import VentesKit

/// How results are printed: format, CSV convention and which analyses; shared by analyze and results.
struct ResultOutputOptions: ParsableArguments {
    @Option(help: "Output format.")
    var format: ResultFormat = .table

    @Option(help: ArgumentHelp("CSV convention: en (',' and decimal point) or fr (';' and decimal comma).", valueName: "en|fr"))
    var csvDialect: CSVOutputDialect?

    @Option(name: .customLong("analysis"), help: ArgumentHelp("Print only this analysis (repeatable); one alone gives plain CSV.", valueName: "name"))
    var analyses: [String] = []

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

    /// `results` rendered as asked.
    func render(_ results: [AnalysisResult], title: String, metadata: [(String, JSONValue)]) -> String {
        ResultRenderer.render(results, title: title, metadata: metadata, as: format, csvDialect: csvDialect ?? .international)
    }

    /// The run's selected analyses rendered as asked.
    func render(_ run: AnalysisRun) throws -> String {
        render(try selected(run.results, runID: run.id), title: ResultRenderer.title(run), metadata: [("run_id", .integer(run.id))])
    }
}
