import Foundation
import Logging
import ServiceLifecycle
import VentesKit

/// The refresh loop as a service of swift-service-lifecycle: a cycle at start, then one when the
/// last one says the next is due. On graceful shutdown (SIGTERM, SIGINT) the loop's task is
/// cancelled: a cycle under way stops between two steps, its transaction rolled back or finished,
/// and is recorded as interrupted; a wait between cycles ends at once.
///
/// The database is opened (and migrated) here, once the group traps the signals: a SIGTERM while
/// it is being created stops the service gracefully too. A database that cannot be opened ends the
/// service, and the command, with its error.
struct RefreshService: Service {
    let configuration: RefreshConfiguration
    let database: String
    let openStore: @Sendable () throws -> any SalesStore
    let logger: Logger
    let log: WatchLog

    func run() async throws {
        let store = try openStore()
        let refresher = Refresher(store: store, configuration: configuration, logger: logger,
                                  describe: { error in String(describing: ErrorWording.forPeople(error)) })
        let interval = configuration.interval, log = self.log
        log.started(configuration, database: database)
        let (cycles, last) = await cancelWhenGracefulShutdown {
            var schedule = RefreshSchedule(interval: interval)
            var cycles = 0
            var last: CycleReport?
            while !Task.isCancelled {
                let report = await refresher.cycle(schedule: &schedule)
                cycles += 1
                last = report
                log.cycle(report)
                guard let next = report.cycle.nextAt else { break }
                do {
                    try await Task.sleep(for: .seconds(max(0, next.timeIntervalSinceNow)))
                } catch {
                    break  // cancelled: the service is stopping
                }
            }
            return (cycles, last)
        }
        var problem: String?
        if let last {
            do {
                try refresher.recordStop(after: last)
            } catch {
                problem = String(describing: ErrorWording.forPeople(error))
            }
        }
        log.stopped(after: cycles, problem: problem)
    }
}
