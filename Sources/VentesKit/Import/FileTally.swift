/// What became of the rows of one file so far: the counters, the quarantine, and the warnings.
struct FileTally {
    let kind: FileKind
    let source: String
    let badRows: BadRowPolicy
    private(set) var counts = ImportCounts()
    /// The first rejected rows, for the summary (the quarantine has them all).
    private(set) var rejections: [QuarantinedRow] = []
    var warnings: [String] = []

    /// How many rejected rows the summary carries per file.
    static let rejectionSampleSize = 20

    /// What a bad row does to the import.
    enum BadRowPolicy {
        /// It goes to the quarantine; the import goes on.
        case quarantine
        /// It stops the import (strict mode).
        case abort
    }

    init(kind: FileKind, source: String, badRows: BadRowPolicy) {
        self.kind = kind
        self.source = source
        self.badRows = badRows
    }

    /// Counts `rows` data rows as read.
    mutating func read(_ rows: Int) { counts.read += rows }

    /// Counts a store or product as inserted, updated or unchanged.
    mutating func count(_ outcome: UpsertOutcome) {
        switch outcome {
        case .inserted: counts.inserted += 1
        case .updated: counts.updated += 1
        case .unchanged: counts.unchanged += 1
        }
    }

    /// Counts `written` sales, `inserted` of which were new (the others duplicates).
    mutating func countSales(written: Int, inserted: Int) {
        counts.inserted += inserted
        counts.duplicates += written - inserted
    }

    /// Counts as new `inserted` of the sales the store held back until the end of the file (counted
    /// when written as not new: see `ImportTransaction.insertSales`).
    mutating func countLateInserts(_ inserted: Int) {
        counts.inserted += inserted
        counts.duplicates -= inserted
    }

    /// Counts rows of a resumed file's prefix that are duplicates now.
    mutating func countDuplicates(_ rows: Int) { counts.duplicates += rows }

    /// Puts `row` in quarantine, or, in strict mode, stops the import with it.
    mutating func reject(_ row: QuarantinedRow, into transaction: any ImportTransaction) throws {
        try reject([row], into: transaction)
    }

    /// Puts `rows` in quarantine in one go (a batch of a sales file whose rows may nearly all be
    /// refused), or, in strict mode, stops the import with the first.
    mutating func reject(_ rows: [QuarantinedRow], into transaction: any ImportTransaction) throws {
        guard let first = rows.first else { return }
        if badRows == .abort { throw ImportError.strictRejection(first) }
        try transaction.quarantine(rows)
        counts.rejected += rows.count
        rejections += rows.prefix(max(0, Self.rejectionSampleSize - rejections.count))
    }

    /// The counters, checked: every row read is accounted for exactly once.
    func balancedCounts() throws(ImportError) -> ImportCounts {
        guard counts.isBalanced else {
            throw .database(StoreFailure(message: "internal error: \(source) counters do not add up: \(counts)"))
        }
        return counts
    }
}

extension ImportOptions {
    /// What a bad row does under these options.
    var badRows: FileTally.BadRowPolicy { strict ? .abort : .quarantine }
}
