import ArgumentParser
import Foundation
import VentesKit

/// The service's log on stderr: a line when it starts, one per cycle, one when it stops; as text
/// for people or as one JSON object per line for log collectors.
struct WatchLog: Sendable {
    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    let format: Format

    func started(_ configuration: RefreshConfiguration, database: String) {
        switch format {
        case .text:
            let sources = configuration.sources.map { "\($0.kind.rawValue) \($0.path)" }.joined(separator: ", ")
            write("\(now()) watching every \(configuration.interval): \(sources); database \(database); results in \(configuration.resultsDirectory)\(configuration.verify ? "; hashing local files every cycle" : "")")
        case .json:
            write(JSONValue.object([
                ("time", .string(now())), ("event", .string("start")), ("interval", .string(configuration.interval.description)),
                ("sources", .object(configuration.sources.map { ($0.kind.rawValue, .string($0.path)) })),
                ("database", .string(database)), ("results_dir", .string(configuration.resultsDirectory)),
                ("verify", .bool(configuration.verify)),
            ]).serialized())
        }
    }

    func cycle(_ report: CycleReport) {
        write(format == .text ? report.text : report.json.serialized())
    }

    /// The last line; `problem` when the stop could not be recorded.
    func stopped(after cycles: Int, problem: String?) {
        switch format {
        case .text:
            write("\(now()) stopped after \(cycles) cycle\(cycles == 1 ? "" : "s")" + (problem.map { "; the stop could not be recorded: \($0)" } ?? ""))
        case .json:
            write(JSONValue.object([
                ("time", .string(now())), ("event", .string("stop")), ("cycles", .integer(Int64(cycles))),
                ("error", problem.map(JSONValue.string) ?? .null),
            ]).serialized())
        }
    }

    private func now() -> String { Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }

    /// One line in one write, so that lines never interleave.
    private func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
