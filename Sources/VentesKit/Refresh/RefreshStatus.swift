import Foundation

/// The state of the refresh service as the store records it: the latest cycles, the last that
/// succeeded, the last that refreshed the analyses, and when the next is due. Read from the
/// database only, so it works from another process or container than the service's.
public struct RefreshStatus: Sendable {
    /// The latest cycles, newest first.
    public var recent: [RefreshCycle]
    public var lastSuccess: RefreshCycle?
    public var lastRefresh: RefreshCycle?

    /// Reads the status from `store`, with the `recent` latest cycles.
    public init(store: any SalesStore, recent: Int = 10) throws {
        self.recent = try store.refreshCycles(limit: recent)
        lastSuccess = try store.lastCycle(endingWith: [.unchanged, .refreshed])
        lastRefresh = try store.lastCycle(endingWith: [.refreshed])
    }

    /// The interval of the service, as its latest cycle recorded it.
    public var interval: RefreshInterval? {
        recent.first.map { RefreshInterval(milliseconds: max(1, Int64(($0.interval * 1000).rounded()))) }
    }

    /// Why the service is not healthy, when no cycle succeeded within `intervals` intervals before
    /// `now`; nil when one did.
    public func unhealthiness(within intervals: Int, now: Date) -> String? {
        guard let latest = recent.first, let interval else { return "no refresh cycle is recorded in this database" }
        let window = Double(intervals) * interval.seconds
        let span = "\(intervals) interval\(intervals == 1 ? "" : "s") of \(interval)"
        guard let success = lastSuccess else {
            return "no cycle has succeeded yet (the latest, #\(latest.id ?? 0), \(latest.outcome.rawValue))"
        }
        guard now.timeIntervalSince(success.finishedAt) > window else { return nil }
        var reason = "no cycle succeeded within \(span): the last success was #\(success.id ?? 0) at \(CycleReport.timestamp(success.finishedAt))"
        if latest.outcome == .failed, let error = latest.error { reason += "; the latest cycle, #\(latest.id ?? 0), failed: \(error)" }
        return reason
    }

    /// The status for people.
    public func text(now: Date) -> String {
        guard let latest = recent.first, let interval else {
            return "No refresh cycle is recorded in this database.\n"
        }
        var lines = ["Refresh service: every \(interval)"]
        lines.append("Last success: " + (lastSuccess.map { describe($0) } ?? "none yet"))
        lines.append("Last refresh: " + (lastRefresh.map { describe($0) + ", analysis run #\($0.analysisRunID ?? 0)" } ?? "none yet"))
        if let next = latest.nextAt {
            let due = next.timeIntervalSince(now)
            lines.append("Next cycle: \(CycleReport.timestamp(next)) "
                         + (due >= 0 ? "(in \(Self.span(due)))" : "(overdue by \(Self.span(-due)): is the service running?)"))
        } else {
            lines.append("Next cycle: none (the service stopped after cycle #\(latest.id ?? 0))")
        }
        lines.append("Latest cycles:")
        for cycle in recent {
            var line = "  #\(cycle.id ?? 0)  \(CycleReport.timestamp(cycle.startedAt))  "
            line += cycle.outcome.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
            line += "  +\(cycle.rowsAdded) rows  \(String(format: "%.3f", cycle.duration)) s"
            if let error = cycle.error { line += "  \(error)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The status as JSON; `health` is the answer to a health check, when one was asked.
    public func json(health: (intervals: Int, reason: String?)? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("interval", interval.map { .string($0.description) } ?? .null),
            ("last_success", lastSuccess.map(\.json) ?? .null),
            ("last_refresh", lastRefresh.map(\.json) ?? .null),
            ("next_at", recent.first?.nextAt.map { .string(CycleReport.timestamp($0)) } ?? .null),
            ("cycles", .array(recent.map(\.json))),
        ]
        if let health {
            members += [("healthy_within_intervals", .integer(Int64(health.intervals))), ("healthy", .bool(health.reason == nil)),
                        ("unhealthy_reason", health.reason.map(JSONValue.string) ?? .null)]
        }
        return .object(members)
    }

    private func describe(_ cycle: RefreshCycle) -> String {
        "cycle #\(cycle.id ?? 0) at \(CycleReport.timestamp(cycle.finishedAt)) (\(cycle.outcome.rawValue), +\(cycle.rowsAdded) rows)"
    }

    /// `42 s`, `14 min`, `3 h 5 min`.
    static func span(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}

extension RefreshCycle {
    /// The recorded cycle as JSON.
    public var json: JSONValue {
        .object([
            ("cycle", id.map(JSONValue.integer) ?? .null),
            ("started_at", .string(CycleReport.timestamp(startedAt))),
            ("finished_at", .string(CycleReport.timestamp(finishedAt))),
            ("outcome", .string(outcome.rawValue)),
            ("sources", .object(FileKind.allCases.compactMap { kind in sources[kind].map { (kind.rawValue, .string($0.rawValue)) } })),
            ("rows_added", .integer(Int64(rowsAdded))),
            ("rows_updated", .integer(Int64(rowsUpdated))),
            ("import_id", importID.map(JSONValue.integer) ?? .null),
            ("analysis_run_id", analysisRunID.map(JSONValue.integer) ?? .null),
            ("error", error.map(JSONValue.string) ?? .null),
            ("next_at", nextAt.map { .string(CycleReport.timestamp($0)) } ?? .null),
        ])
    }
}
