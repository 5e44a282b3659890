import Foundation

/// What the pipeline asks of a store of sales: the seam between the importer, the analyses and
/// the outputs above, and a database engine below.
///
/// `SQLiteStore` is the embedded implementation; a second engine (PostgreSQL) implements these
/// two protocols and nothing above changes. Every method throws a `StoreFailure` (or an error of
/// the caller's, rethrown from `performImport`'s body).
public protocol SalesStore: Sendable {
    /// Where the store is, as the user named it (a path, a URL without its password).
    var location: String { get }

    /// The schema versions applied, oldest first.
    func appliedMigrations() throws -> [String]

    // MARK: Imports

    /// Runs `body` as one import: a single transaction, recorded in the audit. Throwing from
    /// `body` rolls everything back: the store is left as it was.
    func performImport<T>(startedAt: Date, strict: Bool, finishedAt: () -> Date,
                          _ body: (any ImportTransaction) throws -> T) throws -> T

    /// Lays `sales` out in the order and form this store writes them fastest. Pure, so the importer
    /// calls it on its reading thread, while the writing thread inserts the batch before.
    ///
    /// `inDateOrder` says whether the file's sales so far, these included, came in date order (the
    /// importer's `DateOrderWatch`): a store keyed date first appends those as they come, and may
    /// hold the others back to write them in its own order (see `ImportTransaction.insertSales`).
    func prepareSales(_ sales: [SaleRecord], inDateOrder: Bool) -> SaleBatch

    /// The last import of `source` as a file of `kind` (read outside any import).
    func previousImport(of kind: FileKind, source: String) throws -> PreviousFileImport?

    /// The day/month order an earlier import of the same source (same path or same header line)
    /// settled on, if one did.
    func rememberedDateFormat(kind: FileKind, source: String, headerText: String) throws -> DateColumnFormat?

    /// The validators remembered for `url` from its last imported download; empty when there are none.
    func validators(for url: String) throws -> HTTPValidators

    /// The quarantined rows of import `importID` (the latest import when nil), optionally of one
    /// file kind, in file order then line order.
    func quarantine(importID: Int64?, kind: FileKind?) throws -> QuarantineListing

    // MARK: Analyses

    /// Runs every query of `file` and stores the run and its rows, as one transaction. A query
    /// that fails is recorded as failed with the engine's message; the others still run. When
    /// `stop` is raised the running query is interrupted, nothing is stored, and
    /// `StopSignal.Stopped` is thrown.
    func runAnalyses(_ file: AnalysisFile, startedAt: Date, stop: StopSignal?) throws -> AnalysisRun

    /// The analysis runs, newest first.
    func analysisRuns() throws -> [AnalysisRunInfo]

    /// The stored run `id` (the latest when nil), without recomputing anything; nil when there is none.
    func analysisRun(id: Int64?) throws -> AnalysisRun?

    /// The live schema: the tables of the migrations, in creation order.
    func schemaDescription() throws -> SchemaDescription

    // MARK: Refresh cycles

    /// The stamp of the local `source` of `kind` from when it last matched its import; nil when none.
    func fileStamp(kind: FileKind, source: String) throws -> FileStamp?

    /// The SHA-256 of the last imported download of `url`; nil when it was never imported.
    func importedDigest(url: String) throws -> String?

    /// Remembers `validators` for `url` when the body they came with is the one imported last
    /// (same `sha256`), so that the next request gets a 304.
    func refreshValidators(_ validators: HTTPValidators, url: String, sha256: String) throws

    /// Whether the analyses must run again although nothing was imported.
    func analysisFreshness() throws -> AnalysisFreshness

    /// The sales first counted by analysis run `runID`: those imported after the run before it
    /// started (all of them when it is the first), by store, the most revenue first. Reads the
    /// whole sales table.
    func newSales(forRun runID: Int64) throws -> [StoreChange]

    /// Records `cycle` with the stamps of the local sources it found in line with the store and,
    /// when it refreshed, the new sales of its run; returns its id. Only the latest
    /// `RefreshCycleRetention.unchangedCycles` unchanged cycles are kept.
    func recordCycle(_ cycle: RefreshCycle, stamps: [FileStamp], news: [StoreChange]) throws -> Int64

    /// Records that the service stopped after cycle `id`, between two cycles: no next one is due.
    func recordServiceStopped(afterCycle id: Int64) throws

    /// The latest `limit` cycles, newest first.
    func refreshCycles(limit: Int) throws -> [RefreshCycle]

    /// The newest cycle that ended with one of `outcomes`.
    func lastCycle(endingWith outcomes: Set<RefreshCycle.Outcome>) throws -> RefreshCycle?

    /// What the refresh that produced analysis run `runID` brought; nil when no refresh did.
    func refreshNews(runID: Int64) throws -> RefreshNews?
}

extension SalesStore {
    /// Runs every query of `file` and stores the run, without a way to stop it.
    public func runAnalyses(_ file: AnalysisFile, startedAt: Date) throws -> AnalysisRun {
        try runAnalyses(file, startedAt: startedAt, stop: nil)
    }
}

/// How many cycles the store keeps: every cycle that changed something or failed, and the latest
/// unchanged ones (a service checking every minute makes half a million a year).
public enum RefreshCycleRetention {
    public static let unchangedCycles = 10_000
}

/// The writes of one import, inside its single transaction; valid only inside `performImport`.
public protocol ImportTransaction: AnyObject {
    /// The audit id of this import.
    var importID: Int64 { get }

    /// Inserts the store, or updates it when a field changed.
    func upsertStore(_ store: StoreRecord) throws -> UpsertOutcome

    /// Inserts the product, or updates it when a field changed; a new price starts a new entry in
    /// the price history and applies to sales written from now on.
    func upsertProduct(_ product: ProductRecord) throws -> UpsertOutcome

    /// The current price of every product, with its id, as distinct byte strings.
    func currentPrices() throws -> [(id: String, price: Cents)]

    /// The id of every store, as distinct byte strings.
    func storeIDs() throws -> [String]

    /// Writes `sales`; returns how many were new, the others being duplicates of a sale already
    /// there (or earlier in the file). The caller has checked that each sale's product and store exist.
    ///
    /// A store may hold sales back, to write them its own way once it has seen them all (the SQLite
    /// store does for a file not in date order): those count as not new here, and `finishSales()`
    /// says how many of them were.
    func insertSales(_ sales: SaleBatch) throws -> Int

    /// Writes the sales held back since the file's first `insertSales`; returns how many of them were
    /// new. Called once at the end of each sales file, before anything else is written.
    func finishSales() throws -> Int

    /// Puts rows in quarantine, in order.
    func quarantine(_ rows: [QuarantinedRow]) throws

    /// The store `id` as the store holds it now (earlier in this import included), or nil.
    func storedStore(id: String) throws -> StoreRecord?

    /// The product `id` as the store holds it now (earlier in this import included), or nil.
    func storedProduct(id: String) throws -> ProductRecord?

    /// The rows of `source` that import `importID` quarantined, in file order.
    func quarantinedRows(importID: Int64, kind: FileKind, source: String) throws -> [QuarantinedRow]

    /// The last import of `source` as a file of `kind`, seen from inside this transaction.
    func previousImport(of kind: FileKind, source: String) throws -> PreviousFileImport?

    /// Records what one file of the import held and what became of it.
    func recordFile(_ audit: FileAudit) throws

    /// Records what fetching an HTTP source gave, and remembers its validators for next time (they
    /// only count once the import is committed).
    func recordFetch(_ download: Download, kind: FileKind) throws
}

/// An error of the store: the engine's own words and, when it has one, its result code.
public struct StoreFailure: Error, Equatable, CustomStringConvertible {
    /// The engine's result code (SQLite's extended result code), when the error came with one.
    public var code: Int32?
    public var message: String

    public init(code: Int32? = nil, message: String) {
        self.code = code
        self.message = message
    }

    /// `error` as a store failure: itself when it is one, else its description.
    public init(wrapping error: any Error) {
        self = error as? StoreFailure ?? StoreFailure(message: String(describing: error))
    }

    public var description: String { message }
}
