import VentesKit

/// Prints on stderr one `warning:` line per analysis the report relies on that `run` lacks,
/// naming it and what the report leaves out; the report is still written.
func reportWarnings(_ run: AnalysisRun) {
    var standardError = StandardError()
    for warning in ReportedAnalyses.check(run) { print("warning: \(warning)", to: &standardError) }
}
