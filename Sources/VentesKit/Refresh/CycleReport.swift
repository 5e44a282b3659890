import Foundation

/// A cycle as the service reports it: the recorded cycle, with what only the running service
/// knows (the counters of each file imported, the files written).
public struct CycleReport: Sendable {
    public var cycle: RefreshCycle
    /// The counters of each file the cycle imported.
    public var imported: [FileKind: ImportCounts] = [:]
    /// The result files and the report written, when the analyses ran.
    public var files: [String] = []
    /// The errors of the analyses that failed (the others ran, and the report says which failed).
    public var analysisFailures: [String] = []
    /// Why the cycle could not be recorded, when it could not (the cycle itself is still reported).
    public var recordError: String?
    /// How long each step took, in order: `check` (the sources), `import`, `analyses`, `news` (the
    /// new sales by store), `files` (result files and report); a step not reached is absent.
    public var phases: [(name: String, seconds: TimeInterval)] = []

    public init(cycle: RefreshCycle) {
        self.cycle = cycle
    }

    /// One line for a log: when, the cycle, its outcome and duration, what each source gave, what
    /// was re-run, and the next cycle (or the error).
    public var text: String {
        let cycle = self.cycle
        var line = "\(Self.timestamp(cycle.finishedAt)) cycle \(cycle.id.map { "#\($0)" } ?? "(not recorded)") "
        line += "\(cycle.outcome.rawValue) in \(String(format: "%.3f", cycle.duration)) s: "
        line += FileKind.allCases.compactMap { kind in
            cycle.sources[kind].map { "\(kind.rawValue) \(sourceText(kind, $0))" }
        }.joined(separator: ", ")
        if cycle.sources.isEmpty { line += "sources not checked" }
        if let run = cycle.analysisRunID {
            line += "; analyses re-run (run #\(run))"
            if !analysisFailures.isEmpty { line += ", \(analysisFailures.count) failed" }
            line += ", \(files.count) files written"
        } else if cycle.outcome == .unchanged {
            line += "; analyses not re-run"
        }
        if cycle.outcome == .failed || cycle.outcome == .interrupted, let error = cycle.error { line += "; error: \(error)" }
        if let next = cycle.nextAt { line += "; next at \(Self.timestamp(next))" }
        if let recordError { line += "; the cycle could not be recorded: \(recordError)" }
        return line
    }

    /// The same as one JSON object, for log collectors.
    public var json: JSONValue {
        let cycle = self.cycle
        var members: [(String, JSONValue)] = [
            ("time", .string(Self.timestamp(cycle.finishedAt))),
            ("event", .string("cycle")),
            ("cycle", cycle.id.map(JSONValue.integer) ?? .null),
            ("outcome", .string(cycle.outcome.rawValue)),
            ("started_at", .string(Self.timestamp(cycle.startedAt))),
            ("duration_ms", .integer(Int64((cycle.duration * 1000).rounded()))),
            ("sources", .object(FileKind.allCases.compactMap { kind in
                cycle.sources[kind].map { (kind.rawValue, .string($0.rawValue)) }
            })),
            ("imported", .object(FileKind.allCases.compactMap { kind in
                imported[kind].map { counts in (kind.rawValue, Self.json(counts)) }
            })),
            ("rows_added", .integer(Int64(cycle.rowsAdded))),
            ("rows_updated", .integer(Int64(cycle.rowsUpdated))),
            ("import_id", cycle.importID.map(JSONValue.integer) ?? .null),
            ("analyses_rerun", .bool(cycle.analysisRunID != nil)),
            ("analysis_run_id", cycle.analysisRunID.map(JSONValue.integer) ?? .null),
            ("analyses_failed", .integer(Int64(analysisFailures.count))),
            ("files_written", .integer(Int64(files.count))),
            ("phases_ms", .object(phases.map { ($0.name, .integer(Int64(($0.seconds * 1000).rounded()))) })),
            ("error", cycle.error.map(JSONValue.string) ?? .null),
            ("next_at", cycle.nextAt.map { .string(Self.timestamp($0)) } ?? .null),
        ]
        if let recordError { members.append(("record_error", .string(recordError))) }
        return .object(members)
    }

    private func sourceText(_ kind: FileKind, _ outcome: SourceOutcome) -> String {
        // An unchanged sales file read again (the stores or products changed) may gain rows too.
        if outcome.isUnchanged, let counts = imported[kind], counts.inserted > 0 {
            return sourceText(kind, .changed)
        }
        switch outcome {
        case .notModified: return "not modified (304)"
        case .sameSizeAndTime: return "unchanged (same size and time)"
        case .sameContent: return "unchanged (same content)"
        case .failed: return "failed"
        case .changed:
            guard let counts = imported[kind] else { return "changed" }
            let rejected = counts.rejected > 0 ? ", \(counts.rejected) rejected" : ""
            if kind == .sales { return "+\(counts.inserted) rows (\(counts.duplicates) already there\(rejected))" }
            return "+\(counts.inserted) rows, \(counts.updated) updated\(rejected)"
        }
    }

    private static func json(_ counts: ImportCounts) -> JSONValue {
        .object([
            ("read", .integer(Int64(counts.read))), ("inserted", .integer(Int64(counts.inserted))),
            ("updated", .integer(Int64(counts.updated))), ("unchanged", .integer(Int64(counts.unchanged))),
            ("duplicates", .integer(Int64(counts.duplicates))), ("rejected", .integer(Int64(counts.rejected))),
        ])
    }

    /// ISO 8601 in UTC, to the millisecond, as the store writes times.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
