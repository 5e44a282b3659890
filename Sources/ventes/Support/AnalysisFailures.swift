import ArgumentParser
import VentesKit

/// Names every failed analysis on stderr and exits non-zero when there is one.
func reportFailures(_ run: AnalysisRun) throws {
    let failures = run.failures
    guard !failures.isEmpty else { return }
    var standardError = StandardError()
    for failure in failures { print("error: \(failure.error ?? failure.name)", to: &standardError) }
    throw ExitCode.failure
}
