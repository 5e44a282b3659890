import Foundation

/// Reads, parses and prices the rows of a sales file on a thread of its own, in batches, while the
/// importer writes the batch before: the two halves of a sales import, parsing (Swift) and writing
/// (SQLite), each about half of the time (docs/BENCHMARKS.md), run on two cores.
///
/// The file is only touched by the reading thread until `finish()` returns.
final class SaleReader: @unchecked Sendable {
    /// The data rows of a stretch of the file, and how far into the file the last of them ends.
    struct Batch {
        /// The valid rows, laid out and ordered as the store writes them.
        var sales: SaleBatch
        /// The refused rows, in file order.
        var rejected: [QuarantinedRow]
        var bytesConsumed: Int

        var rowCount: Int { sales.count + rejected.count }
    }

    /// The rows of the batch being read.
    private struct PendingBatch {
        var sales: [SaleRecord] = []
        var rejected: [QuarantinedRow] = []

        var rowCount: Int { sales.count + rejected.count }

        /// Whether the batch is handed over before `row`: in date order, at a change of date (a day's
        /// sales in one batch are appended to the table together), or at `limit` rows.
        func endsBefore(_ row: ParsedSale, inDateOrder: Bool, limit: Int) -> Bool {
            guard inDateOrder, rowCount < limit, case .sale(let sale) = row, let last = sales.last else { return true }
            return sale.date != last.date
        }

        mutating func append(_ row: ParsedSale) {
            switch row {
            case .sale(let sale): sales.append(sale)
            case .rejected(let row): rejected.append(row)
            }
        }
    }

    private let file: CSVFile
    private let source: String
    private let store: any SalesStore
    private let parser: RowParser
    private let pricing: SalePricing
    private let batchSize: Int
    private let depth: Int
    /// The columns to survey while reading, when the import decides the file's dialect from the
    /// whole file in the same pass (see `Importer`).
    private let surveyed: ColumnSurvey.Positions?

    private let condition = NSCondition()
    private var ready: [Batch] = []
    private var isDone = false
    private var isCancelled = false
    private var failure: CSVReadError?
    private var isRunning = false
    private var survey = ColumnSurvey()

    /// - Parameter batchSize: rows per batch. A batch is sorted before it is written: the larger it
    ///   is, the fewer of its rows land among those of the batch before (same days). 10M sales:
    ///   4,096 rows 13.3 s, 16,384 11.8 s, 32,768 11.7 s; peak memory 46, 55, 67 MiB. In date order
    ///   a batch then goes on to the end of its last day (at most twice as long), so that no day is
    ///   split between two batches: 10M sales in date order 15.5 s before, 13.4 s after.
    init(
        file: CSVFile, source: String, store: any SalesStore, parser: RowParser, pricing: SalePricing,
        surveying surveyed: ColumnSurvey.Positions? = nil, batchSize: Int = 16384, depth: Int = 4
    ) {
        self.file = file
        self.source = source
        self.store = store
        self.parser = parser
        self.pricing = pricing
        self.surveyed = surveyed
        self.batchSize = batchSize
        self.depth = depth
    }

    /// What the survey of every record read saw; only meaningful once `next()` returned nil.
    var surveyOfAllRecords: ColumnSurvey {
        condition.lock()
        defer { condition.unlock() }
        return survey
    }

    /// Starts reading on a new thread.
    func start() {
        condition.lock()
        isRunning = true
        condition.unlock()
        let thread = Thread { [self] in read() }
        thread.name = "ventes.sale-reader"
        thread.start()
    }

    /// The next batch, waiting for it; nil at the end of the file. Throws what stopped the reading.
    func next() throws(CSVReadError) -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !isDone { condition.wait() }
        if !ready.isEmpty {
            let batch = ready.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reading (when the import failed) and waits until the thread has let go of the file.
    func finish() {
        condition.lock()
        isCancelled = true
        condition.broadcast()
        while isRunning { condition.wait() }
        condition.unlock()
    }

    private func read() {
        var batch = PendingBatch()
        batch.sales.reserveCapacity(batchSize)
        var survey = ColumnSurvey()
        var order = DateOrderWatch()
        var failure: CSVReadError?
        do {
            while let record = try file.nextRecord() {
                if let surveyed { survey.observe(record, at: surveyed) }
                if RowParser.isBlank(record) { continue }
                let row = ParsedSale(record, source: source, parser: parser, pricing: pricing)
                if batch.rowCount >= batchSize, batch.endsBefore(row, inDateOrder: order.inDateOrder, limit: 2 * batchSize) {
                    guard hand(finished(batch, order: &order)) else { break }
                    batch.sales.removeAll(keepingCapacity: true)
                    batch.rejected.removeAll(keepingCapacity: true)
                }
                batch.append(row)
            }
        } catch {
            failure = error
        }
        condition.lock()
        let cancelled = isCancelled
        condition.unlock()
        let last = !cancelled && batch.rowCount > 0 ? finished(batch, order: &order) : nil
        condition.lock()
        if let last, !isCancelled { ready.append(last) }
        self.failure = failure
        self.survey = survey
        isDone = true
        isRunning = false
        condition.broadcast()
        condition.unlock()
    }

    /// The batch to hand over, its sales laid out by the store, on this thread.
    private func finished(_ batch: PendingBatch, order: inout DateOrderWatch) -> Batch {
        let inDateOrder = order.observe(batch.sales)
        return Batch(sales: store.prepareSales(batch.sales, inDateOrder: inDateOrder), rejected: batch.rejected,
                     bytesConsumed: file.bytesConsumed)
    }

    /// Queues `batch`, waiting while `depth` batches wait already; false when the import stopped.
    private func hand(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= depth && !isCancelled { condition.wait() }
        if isCancelled { return false }
        ready.append(batch)
        condition.broadcast()
        return true
    }
}
