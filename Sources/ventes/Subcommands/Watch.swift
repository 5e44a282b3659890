import ArgumentParser
import Foundation
import ServiceLifecycle
import VentesKit

extension Ventes {
    /// `ventes watch`: the refresh service: a cycle at start, then one per interval, until SIGTERM or SIGINT.
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keep the data, the analyses and the report current: a refresh cycle at start, then one per interval.",
            discussion: """
                Each cycle checks the three sources (a URL answered 304 costs one request; a local file whose size \
                and modification time did not change costs a stat), imports what is new, and only when something \
                changed runs the analyses and rewrites the result files and the report (each file atomically). \
                One line per cycle on stderr. A failed cycle keeps the last good data and report; the next one \
                retries sooner, backing off up to the interval. SIGTERM or SIGINT stops the service: the cycle \
                under way is finished or rolled back, and the exit status is 0. Only a configuration error \
                (an unreadable configuration file, a bad interval, a database that cannot be opened) exits with 1.
                `ventes status` shows the cycles, from the database.
                """)

        @OptionGroup var common: CommonOptions
        @OptionGroup var http: HTTPOptions
        @OptionGroup var tuning: ImportTuningOptions

        @OptionGroup var csv: CSVDirectoryOption
        @OptionGroup var results: ResultsDirectoryOption
        @OptionGroup var analyses: AnalysesFileOption
        @OptionGroup var source: SourceOptions
        @OptionGroup var language: ReportLanguageOption
        @OptionGroup var strict: StrictOption
        @OptionGroup(title: "Dialect overrides") var dialect: DialectOptions

        @Option(help: ArgumentHelp(
            "How often to refresh: 30s, 15m, 1h, 1h30m… (default: $VENTES_WATCH_EVERY, [watch] every in the configuration file, or 15m).",
            valueName: "duration"))
        var every: String?

        @Flag(help: "Read and hash local files every cycle, even when their size and modification time did not change.")
        var verify = false

        @Option(help: "The log lines on stderr: text (default) or json (one object per line, for log collectors).")
        var logFormat: WatchLog.Format = .text

        func run() async throws {
            let settings = try common.settings(csvDirectory: csv.csvDir, resultsDirectory: results.resultsDir,
                                               analyses: analyses.sql, sources: source.named, watchInterval: every)
            let interval = try Self.interval(settings)
            let configuration = RefreshConfiguration(
                sources: FileKind.allCases.map(settings.source), analysesPath: settings.analysesPath,
                resultsDirectory: settings.resultsDirectory, language: language.lang, interval: interval,
                importOptions: tuning.apply(to: dialect.importOptions(strict: strict.strict), progress: false),
                fetchPolicy: http.policy, verify: verify)
            let logger = common.makeLogger()
            let common = self.common
            let service = RefreshService(configuration: configuration, database: settings.databaseLocation,
                                         openStore: { try common.openStore(settings) }, logger: logger,
                                         log: WatchLog(format: logFormat))
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }

        /// The interval of the settings, or a configuration error naming where the bad value came from.
        static func interval(_ settings: Settings) throws -> RefreshInterval {
            do {
                return try RefreshInterval(parsing: settings.watchInterval)
            } catch {
                let origin = settings.origins[.watchInterval]
                switch origin {
                case .flag?: throw CommandError("--every: \(error)")
                case .environment(let name)?: throw CommandError("$\(name): \(error)")
                case .file(let path, let line)?: throw CommandError("\(path):\(line): [watch] every: \(error)")
                default: throw CommandError("\(error)")
                }
            }
        }
    }
}
