import Foundation
import GRDB

/// Writes the sales of a file in `sale`'s key order whatever the order of the file.
///
/// `sale` is a `WITHOUT ROWID` B-tree keyed date first: sales that come in date order append at its
/// end, while sales in another order (a chain's stores one after the other, a file sorted by
/// product or by hand) land all over it, and once it outgrows SQLite's page cache each batch reads
/// and rewrites pages everywhere. So, as soon as the importer sees the file is not in date order
/// (`SaleBatch.inDateOrder`, from its `DateOrderWatch`), that batch and every later one are held
/// back: numbered (`SaleIDRanks`), gathered in runs that are sorted and spilled to a temporary file
/// (`SaleRunFile`); at the end of the file (`drain`) the runs are merged (`SaleRunMerger`,
/// `StagedSaleChunks`) on a thread of their own and the sales written in key order, appends again.
/// Memory stays one run and a window per run, whatever the size of the file. The batches written
/// before the switch are held back too when nothing in the database is dated after them (the
/// session's `restageDirectSales`), else they stay where they are.
///
/// Every rule holds as when writing directly: identical sales meet in the merge, and the first line
/// is kept (the others are duplicates, as SQLite would have found); the database finds the
/// duplicates of sales already there; sales of earlier lines win over later ones, a row sharing a
/// sale id included (the session's `settleRefused`). docs/BENCHMARKS.md measures it against the
/// alternatives.
final class SaleStaging {
    /// When to hold sales back, and the sizes of the work.
    struct Policy: Sendable {
        /// Hold back every batch, even a file's first (tests; a real import decides from the order).
        var holdsBackEveryBatch = false
        /// Sales per sorted run: the memory of the staging (48 bytes a sale, and half as much again
        /// to sort) against the number of runs (a window each while merging).
        var runSales = 1 << 17
        /// Sales per batch written back.
        var chunkSales = 16_384
        /// Bytes read at once from each run while merging.
        var mergeWindowBytes = 1 << 16

        static let standard = Policy()
    }

    let policy: Policy
    private(set) var isHoldingBack = false
    /// How many sales are held back and not written yet.
    private(set) var heldBack = 0
    /// The first and last day (`yyyymmdd`) of the sales written directly, before any was held back.
    private var writtenDays: (first: Int, last: Int)?
    /// The latest date in `sale` before this import wrote its first sale ('' when there was none).
    var latestDateBefore: String?
    /// How many of the sales held back had been written directly, then taken back out.
    var restaged = 0
    private var stores: SaleIDRanks?
    private var products: SaleIDRanks?
    private var run = SaleRunFile.Run()
    private var file: SaleRunFile?

    init(policy: Policy) {
        self.policy = policy
    }

    /// Whether `sales` are to be held back rather than written now: from the first batch out of
    /// date order on (`SaleBatch.inDateOrder`), every batch is.
    func holdsBack(_ sales: SaleBatch) -> Bool {
        if !sales.inDateOrder || policy.holdsBackEveryBatch { isHoldingBack = true }
        return isHoldingBack
    }

    /// Notes that `sales` are written directly.
    func noteWritten(_ sales: SaleBatch) {
        var first = writtenDays?.first ?? Int.max, last = writtenDays?.last ?? Int.min
        sales.text.withUnsafeBytes { text in
            for index in 0..<sales.count {
                let day = StagedSale.day(fromText: Self.field(1, ofSale: index, in: sales, text))
                first = min(first, day)
                last = max(last, day)
            }
        }
        if first <= last { writtenDays = (first, last) }
    }

    /// The first and last date (`yyyy-mm-dd`) of the sales written directly, if any.
    var writtenDates: (first: String, last: String)? {
        writtenDays.map { days in
            func text(_ day: Int) -> String {
                var bytes = [UInt8](repeating: 0, count: 10)
                bytes.withUnsafeMutableBytes { StagedSale.writeDate(day, into: $0) }
                return String(decoding: bytes, as: UTF8.self)
            }
            return (text(days.first), text(days.last))
        }
    }

    /// Holds `sales` back: into the current run, spilled when it is full.
    func stage(_ sales: SaleBatch, in db: Database) throws {
        if stores == nil {
            stores = try SaleIDRanks(db, table: .store)
            products = try SaleIDRanks(db, table: .product)
            run.entries.reserveCapacity(policy.runSales)
        }
        guard let stores, let products else { return }
        var sorted = run.count
        func add(_ sale: StagedSale, saleRef: UnsafeRawBufferPointer) throws {
            run.append(sale, saleRef: saleRef)
            if run.count == policy.runSales {
                try spill()
                sorted = 0
            }
        }
        func missing(_ line: Int64) -> StoreFailure {
            StoreFailure(message: "internal error: a sale names a store or product missing from the database (line \(line))")
        }
        for var record in sales.records {
            guard let storeRank = record.storeID.withUTF8({ stores.rank(of: UnsafeRawBufferPointer($0)) }),
                  let productRank = record.productID.withUTF8({ products.rank(of: UnsafeRawBufferPointer($0)) })
            else { throw missing(Int64(record.line)) }
            let day = record.date.year * 10_000 + record.date.month * 100 + record.date.day
            let sale = StagedSale(dayAndStore: StagedSale.dayAndStore(day: day, storeRank: storeRank), productRank: productRank,
                                  saleRefLength: UInt32(record.saleRef?.utf8.count ?? 0), quantity: Int64(record.quantity),
                                  unitPrice: record.unitPrice.value, line: Int64(record.line))
            var saleRef = record.saleRef ?? ""
            try saleRef.withUTF8 { try add(sale, saleRef: UnsafeRawBufferPointer($0)) }
        }
        try sales.text.withUnsafeBytes { text in
            for index in 0..<(sales.records.isEmpty ? sales.count : 0) {
                let storeID = Self.field(0, ofSale: index, in: sales, text)
                let productID = Self.field(2, ofSale: index, in: sales, text)
                let saleRef = Self.field(3, ofSale: index, in: sales, text)
                let numbers = sales.numbers(ofSale: index)
                guard let storeRank = stores.rank(of: storeID), let productRank = products.rank(of: productID) else {
                    throw missing(numbers.line)
                }
                let day = StagedSale.day(fromText: Self.field(1, ofSale: index, in: sales, text))
                try add(StagedSale(dayAndStore: StagedSale.dayAndStore(day: day, storeRank: storeRank), productRank: productRank,
                                   saleRefLength: UInt32(saleRef.count), quantity: numbers.quantity, unitPrice: numbers.unitPrice,
                                   line: numbers.line),
                        saleRef: saleRef)
            }
        }
        run.sort(from: sorted)
        heldBack += sales.count
    }

    /// Writes every sale held back, in key order, through `write` (batches of `policy.chunkSales`,
    /// merged on a thread of their own while `write` writes the one before); a sale with the key of
    /// the one before it (a later line) is dropped, a duplicate. Returns what the sales handed to
    /// `write` add to the totals. Nothing is held back afterwards.
    func drain(write: (SaleBatch) throws -> Void) throws -> SaleTotals {
        defer {
            file = nil
            heldBack = 0
        }
        guard heldBack > 0, let stores, let products else { return SaleTotals() }
        if run.count > 0 { try spill() }
        run = SaleRunFile.Run()
        guard let file else { return SaleTotals() }
        // Handed over whole: no other reference to the merge's buffers, which it refills in place.
        let chunks = Handoff(StagedSaleChunks(try SaleRunMerger(file, windowBytes: policy.mergeWindowBytes),
                                              stores: stores, products: products, policy: policy))
        let merge = ProducerThread<SaleBatch, SaleTotals>(name: "ventes.sale-merge", depth: 2) { hand in
            var chunks = chunks.take()
            while let chunk = try chunks.next() {
                guard hand(chunk) else { break }
            }
            return chunks.totals()
        }
        defer { merge.finish() }
        while let chunk = try merge.next() { try write(chunk) }
        guard let totals = merge.outcome else { throw StoreFailure(message: "internal error: the merge of the staged sales ended without totals") }
        return totals
    }

    /// Sorts the run (its batches are sorted already: this merges them) and writes it to the run file.
    private func spill() throws {
        if file == nil { file = try SaleRunFile(directory: FileManager.default.temporaryDirectory) }
        run.sort()
        try file?.write(run)
        run.removeAll()
    }

    /// The bytes of text `field` (0 store id, 1 date, 2 product id, 3 sale ref) of sale `index`.
    @inline(__always)
    private static func field(_ field: Int, ofSale index: Int, in sales: SaleBatch, _ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let position = index * SaleBatch.textsPerSale + field
        let start = position == 0 ? 0 : sales.textEnds[position - 1]
        return UnsafeRawBufferPointer(rebasing: text[start..<sales.textEnds[position]])
    }
}

/// A value handed to another thread, which takes it once and is its only user from then on.
final class Handoff<Value>: @unchecked Sendable {
    private var value: Value?

    init(_ value: Value) { self.value = value }

    func take() -> Value {
        defer { value = nil }
        return value!
    }
}
