import Foundation

/// One cycle of the refresh service: what each source gave, what it changed, how it ended, and
/// when the next one is due. Stored in `refresh_cycle`; `ventes status` reads them back.
public struct RefreshCycle: Sendable, Equatable {
    /// How a cycle ended.
    public enum Outcome: String, Sendable, CaseIterable, Codable {
        /// Nothing changed: no import, no analyses; only the cycle's record was written.
        case unchanged
        /// The analyses ran again and the result files and the report were rewritten.
        case refreshed
        /// Something failed (its error says what); the last good data and report are kept.
        case failed
        /// The service was stopped during the cycle; what it was writing was rolled back.
        case interrupted

        /// True for the outcomes that leave the data and the report current.
        public var isSuccess: Bool { self == .unchanged || self == .refreshed }
    }

    /// The id in the store; nil before the cycle is recorded.
    public var id: Int64?
    public var startedAt: Date
    public var finishedAt: Date
    public var outcome: Outcome
    /// What each source gave; a source the cycle did not reach (it failed before) is absent.
    public var sources: [FileKind: SourceOutcome] = [:]
    /// The import the cycle made, if it imported something.
    public var importID: Int64?
    /// The analysis run the cycle made, if it ran the analyses.
    public var analysisRunID: Int64?
    /// Rows inserted by the cycle's import, over the three files.
    public var rowsAdded = 0
    /// Stores and products whose fields changed.
    public var rowsUpdated = 0
    /// The one-line error of a failed cycle.
    public var error: String?
    /// The interval the service runs at, in seconds.
    public var interval: TimeInterval
    /// When the next cycle is due; nil when the service stopped.
    public var nextAt: Date?

    public init(startedAt: Date, finishedAt: Date, outcome: Outcome, interval: TimeInterval) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.interval = interval
    }

    /// Seconds from start to end.
    public var duration: TimeInterval { finishedAt.timeIntervalSince(startedAt) }
}

/// What one source gave in a cycle.
public enum SourceOutcome: String, Sendable, CaseIterable, Codable {
    /// The server answered 304 Not Modified: one request, nothing downloaded.
    case notModified = "not_modified"
    /// A local file with the size and modification time it had when it last matched its import:
    /// one `stat`, nothing read.
    case sameSizeAndTime = "same_size_and_time"
    /// Read and hashed: the same bytes as its last import, so not imported again.
    case sameContent = "same_content"
    /// New content: imported.
    case changed
    /// Fetching or reading it failed.
    case failed

    /// True when the source needs no import.
    public var isUnchanged: Bool { self == .notModified || self == .sameSizeAndTime || self == .sameContent }
}

/// A local source as it was when it last matched what the store imported from it: a later cycle
/// that finds the same size, modification time and inode does not read it (as make and rsync decide).
public struct FileStamp: Sendable, Equatable {
    public var kind: FileKind
    public var source: String
    public var bytes: Int64
    /// Modification time in nanoseconds since 1970.
    public var modifiedNanoseconds: Int64
    public var inode: UInt64

    public init(kind: FileKind, source: String, bytes: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
        self.kind = kind
        self.source = source
        self.bytes = bytes
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    /// True when `other` describes the same file state (the source aside).
    public func matches(_ other: FileStamp) -> Bool {
        bytes == other.bytes && modifiedNanoseconds == other.modifiedNanoseconds && inode == other.inode
    }
}

/// The sales of one store first counted by a refresh: imported since the analysis run before it.
public struct StoreChange: Sendable, Equatable {
    public var storeID: String
    public var city: String
    public var sales: Int
    public var revenue: Cents

    public init(storeID: String, city: String, sales: Int, revenue: Cents) {
        self.storeID = storeID
        self.city = city
        self.sales = sales
        self.revenue = revenue
    }
}

/// What the report says of the refresh that produced its run: when the data was refreshed and
/// what that refresh brought (the sales imported since the analysis run before it, by store).
public struct RefreshNews: Sendable, Equatable {
    /// When the refresh cycle started.
    public var refreshedAt: Date
    /// The new sales by store, the most revenue first.
    public var stores: [StoreChange]

    public init(refreshedAt: Date, stores: [StoreChange]) {
        self.refreshedAt = refreshedAt
        self.stores = stores
    }

    /// How many new sales, all stores together.
    public var salesAdded: Int { stores.reduce(0) { $0 + $1.sales } }

    /// Their revenue, all stores together.
    public var revenueAdded: Cents { Cents(stores.reduce(0) { $0 + $1.revenue.value }) }
}

/// Whether the analyses must run again, or their files be written again, although no source
/// changed this cycle.
public struct AnalysisFreshness: Sendable, Equatable {
    /// The latest analysis run; nil when there is none.
    public var lastRunID: Int64?
    /// The SHA-256 of the analyses file of the latest run; nil when there is no run.
    public var lastRunSHA256: String?
    /// True when an import changed data after the latest run started (or there is data and no run).
    public var dataChangedSinceLastRun: Bool
    /// True when a refresh cycle made the latest run but failed or stopped before writing its
    /// result files and report.
    public var lastRunUnreported: Bool

    public init(lastRunID: Int64?, lastRunSHA256: String?, dataChangedSinceLastRun: Bool, lastRunUnreported: Bool) {
        self.lastRunID = lastRunID
        self.lastRunSHA256 = lastRunSHA256
        self.dataChangedSinceLastRun = dataChangedSinceLastRun
        self.lastRunUnreported = lastRunUnreported
    }
}
