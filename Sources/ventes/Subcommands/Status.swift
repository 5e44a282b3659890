import ArgumentParser
import Foundation
import VentesKit

extension Ventes {
    /// `ventes status`: the refresh service's cycles, read from the database.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the refresh service's latest cycles, its last success and its next cycle, from the database.",
            discussion: """
                With --healthy-within N the exit status is 1 when no cycle succeeded within N intervals of the \
                service (as its latest cycle recorded it), or when none is recorded: the watch service's healthcheck.
                """)

        @OptionGroup var common: CommonOptions

        @Option(help: "Output format: text or json.")
        var format: ImportFormat = .text

        @Option(help: ArgumentHelp("How many of the latest cycles to list.", valueName: "n"))
        var limit = 10

        @Option(help: ArgumentHelp("Exit with status 1 unless a cycle succeeded within the last N intervals.", valueName: "n"))
        var healthyWithin: Int?

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
            if let healthyWithin, healthyWithin < 1 { throw ValidationError("--healthy-within must be at least 1") }
        }

        func run() throws {
            let settings = try common.settings()
            let store = try common.openStore(settings)
            let status = try RefreshStatus(store: store, recent: limit)
            let reason = healthyWithin.flatMap { status.unhealthiness(within: $0, now: Date()) }
            switch format {
            case .text:
                print(status.text(now: Date()), terminator: "")
                if status.recent.isEmpty { print("Start the refresh service with `ventes watch` (see ventes watch --help).") }
            case .json:
                print(status.json(health: healthyWithin.map { ($0, reason) }).serialized())
            }
            guard let reason else { return }
            var standardError = StandardError()
            print("unhealthy: \(reason)", to: &standardError)
            throw ExitCode(1)
        }
    }
}
