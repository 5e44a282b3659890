import Foundation
import Logging

/// What a refresh cycle works with: the sources, the analyses, where results go, and how often.
public struct RefreshConfiguration: Sendable {
    /// The three sources, each a local path or a URL.
    public var sources: [ImportSource]
    public var analysesPath: String
    public var resultsDirectory: String
    public var language: ReportLanguage
    public var interval: RefreshInterval
    public var importOptions: ImportOptions
    public var fetchPolicy: FetchPolicy
    /// Hash local files every cycle, even when their size and modification time did not change.
    public var verify: Bool

    public init(
        sources: [ImportSource], analysesPath: String, resultsDirectory: String, language: ReportLanguage = .fr,
        interval: RefreshInterval, importOptions: ImportOptions = ImportOptions(), fetchPolicy: FetchPolicy = FetchPolicy(),
        verify: Bool = false
    ) {
        self.sources = sources
        self.analysesPath = analysesPath
        self.resultsDirectory = resultsDirectory
        self.language = language
        self.interval = interval
        self.importOptions = importOptions
        self.fetchPolicy = fetchPolicy
        self.verify = verify
    }
}

/// Keeps the data, the analyses and the report current, one cycle at a time: check the sources,
/// import what is new, and only when something changed run the analyses and rewrite the result
/// files and the report. A failure stays inside its cycle (recorded, the last good data and report
/// kept); cancelling the task running a cycle stops it and rolls back what it was writing.
public struct Refresher: Sendable {
    let store: any SalesStore
    let configuration: RefreshConfiguration
    let logger: Logger
    let clock: @Sendable () -> Date
    let describe: @Sendable (any Error) -> String

    /// - Parameter describe: a failure in one line, as the front end words it (with its remedies).
    public init(
        store: any SalesStore, configuration: RefreshConfiguration, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() },
        describe: @escaping @Sendable (any Error) -> String = { String(describing: $0) }
    ) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        self.describe = describe
    }

    /// Runs one cycle and records it; never throws: a failure is the cycle's outcome. Counts the
    /// outcome in `schedule`, which sets when the next cycle is due.
    public func cycle(schedule: inout RefreshSchedule) async -> CycleReport {
        let stop = StopSignal()
        let started = clock()
        var work = CycleWork(report: CycleReport(cycle: RefreshCycle(
            startedAt: started, finishedAt: started, outcome: .unchanged, interval: configuration.interval.seconds)))
        do {
            try await withTaskCancellationHandler {
                try await refresh(&work, stop: stop)
            } onCancel: {
                stop.raise()
            }
        } catch {
            work.report.cycle.outcome = stop.isRaised ? .interrupted : .failed
            work.report.cycle.error = stop.isRaised ? StopSignal.Stopped().description : describe(error)
        }
        var cycle = work.report.cycle
        cycle.finishedAt = clock()
        let delay = schedule.record(cycle.outcome)
        cycle.nextAt = cycle.outcome == .interrupted ? nil : max(cycle.finishedAt, started.addingTimeInterval(delay))
        do {
            cycle.id = try store.recordCycle(cycle, stamps: work.stamps, news: work.news)
        } catch {
            work.report.recordError = describe(error)
        }
        work.report.cycle = cycle
        return work.report
    }

    /// Records that the service stopped after the cycle of `report`, so that no next cycle is
    /// shown as due; throws what the store threw.
    public func recordStop(after report: CycleReport) throws {
        guard let id = report.cycle.id, report.cycle.nextAt != nil else { return }
        try store.recordServiceStopped(afterCycle: id)
    }

    /// What a cycle gathers on its way, recorded at its end whatever happened.
    private struct CycleWork {
        var report: CycleReport
        var stamps: [FileStamp] = []
        var news: [StoreChange] = []
    }

    private func refresh(_ work: inout CycleWork, stop: StopSignal) async throws {
        var phase = clock()
        /// Records how long the step that just ended took.
        func timed(_ name: String) {
            let now = clock()
            work.report.phases.append((name, now.timeIntervalSince(phase)))
            phase = now
        }
        let analyses = try AnalysisFile(path: configuration.analysesPath)
        let downloads = configuration.sources.contains(where: \.location.isURL) ? try DownloadDirectory() : nil
        defer { downloads?.remove(logger: logger) }
        let checked = try await checkSources(&work, downloads: downloads, stop: stop)
        timed("check")
        try await importChanges(checked, into: &work, stop: stop)
        if work.report.cycle.importID != nil { timed("import") }
        guard let run = try await analysisRun(analyses, stop: stop) else { return }
        timed("analyses")
        work.report.cycle.analysisRunID = run.id
        let store = self.store
        work.news = try await Blocking.run { try store.newSales(forRun: run.id) }
        timed("news")
        work.report.analysisFailures = run.results.compactMap(\.error)
        if let first = work.report.analysisFailures.first {
            let count = work.report.analysisFailures.count
            work.report.cycle.error = count == 1 ? first : "\(first) (and \(count - 1) more failed analyses)"
        }
        work.report.files += try ResultFiles.write(run, to: configuration.resultsDirectory)
        let news = RefreshNews(refreshedAt: work.report.cycle.startedAt, stores: work.news)
        work.report.files += try ReportWriter.write(run, language: configuration.language, news: news,
                                                    to: configuration.resultsDirectory)
        timed("files")
        work.report.cycle.outcome = .refreshed
    }

    /// The run to write the result files and the report of: a new one when the data or the
    /// analyses file changed since the latest run; the latest run when a cycle made it but could not
    /// write them; nil when the files are current.
    private func analysisRun(_ analyses: AnalysisFile, stop: StopSignal) async throws -> AnalysisRun? {
        let freshness = try store.analysisFreshness()
        try stop.check()
        let store = self.store, clock = self.clock
        if freshness.dataChangedSinceLastRun || freshness.lastRunSHA256 != analyses.sha256 {
            return try await Blocking.run { try store.runAnalyses(analyses, startedAt: clock(), stop: stop) }
        }
        guard freshness.lastRunUnreported, let id = freshness.lastRunID else { return nil }
        return try await Blocking.run { try store.analysisRun(id: id) }
    }

    /// Checks every source (downloading the URLs that changed); a source that fails fails the cycle.
    private func checkSources(
        _ work: inout CycleWork, downloads: DownloadDirectory?, stop: StopSignal
    ) async throws -> [CheckedSource] {
        let checker = SourceChecker(store: store, logger: logger, policy: configuration.fetchPolicy,
                                    verify: configuration.verify, stop: stop)
        var checked: [CheckedSource] = []
        for source in configuration.sources {
            try stop.check()
            do {
                let result = try await checker.check(source, downloads: downloads)
                work.report.cycle.sources[source.kind] = result.outcome
                checked.append(result)
            } catch {
                work.report.cycle.sources[source.kind] = .failed
                throw error
            }
        }
        work.stamps += checked.filter { $0.outcome == .sameContent }.compactMap(\.stamp)
        return checked
    }

    /// Imports the sources that changed, in one transaction; the sales file too when the stores or
    /// products changed, so that its rows refused for an unknown store or product are read again.
    private func importChanges(_ checked: [CheckedSource], into work: inout CycleWork, stop: StopSignal) async throws {
        var selected = checked.filter { $0.outcome == .changed }
        if selected.contains(where: { $0.source.kind != .sales }), !selected.contains(where: { $0.source.kind == .sales }),
           let sales = checked.first(where: { $0.source.kind == .sales }), sales.source.readablePath != nil {
            selected.append(CheckedSource(source: sales.source, outcome: sales.outcome))
        }
        guard !selected.isEmpty else { return }
        var options = configuration.importOptions
        options.stop = stop
        let store = self.store, logger = self.logger, clock = self.clock, sources = selected.map(\.source)
        let summary = try await Blocking.run { [options] in
            try Importer(store: store, logger: logger, clock: clock).run(sources, options: options)
        }
        work.report.cycle.importID = summary.importID
        for file in summary.files where !file.isNotModified {
            work.report.imported[file.kind] = file.counts
            work.report.cycle.rowsAdded += file.counts.inserted
            work.report.cycle.rowsUpdated += file.counts.updated
        }
        work.stamps += selected.compactMap(\.stamp)
    }
}
