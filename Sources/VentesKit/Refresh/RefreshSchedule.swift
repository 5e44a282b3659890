import Foundation

/// When the next cycle starts: one interval after the start of the last one; after a failure
/// sooner, backing off while failures repeat (10 s, 20 s, 40 s…), never later than the interval.
public struct RefreshSchedule: Sendable, Equatable {
    /// The wait after a first failure, when the interval is longer.
    public static let firstRetry: TimeInterval = 10

    public let interval: RefreshInterval
    /// Failed cycles since the last one that succeeded.
    public private(set) var consecutiveFailures = 0

    public init(interval: RefreshInterval) {
        self.interval = interval
    }

    /// How long after the start of a cycle the next one starts, given the failures in a row so far.
    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures > 0 else { return interval.seconds }
        let doubled = Self.firstRetry * pow(2, Double(min(failures - 1, 30)))
        return min(interval.seconds, doubled)
    }

    /// Counts a cycle that ended with `outcome`; returns how long after its start the next one starts.
    public mutating func record(_ outcome: RefreshCycle.Outcome) -> TimeInterval {
        switch outcome {
        case .unchanged, .refreshed: consecutiveFailures = 0
        case .failed: consecutiveFailures += 1
        case .interrupted: break
        }
        return delay(afterFailures: consecutiveFailures)
    }
}
