import Foundation
import GRDB

extension SQLiteStore {
    public func previousImport(of kind: FileKind, source: String) throws -> PreviousFileImport? {
        try read { db in try PreviousFileImport.fetch(db, kind: kind, source: source) }
    }

    /// Runs `body` as one import: a single immediate transaction, recorded in the audit.
    public func performImport<T>(
        startedAt: Date, strict: Bool, finishedAt: () -> Date, _ body: (any ImportTransaction) throws -> T
    ) throws -> T {
        try Self.translatingErrors { try importing(startedAt: startedAt, strict: strict, finishedAt: finishedAt, body) }
    }

    private func importing<T>(
        startedAt: Date, strict: Bool, finishedAt: () -> Date, _ body: (any ImportTransaction) throws -> T
    ) throws -> T {
        try writer.writeWithoutTransaction { db in
            // SQLite's per-row foreign key checks are off for the import's transaction (the pragma
            // cannot change inside one): the importer only writes a sale whose product and store it
            // found in the same transaction (it must, to price it or to say why it is refused), and
            // the checks cost three index searches per sale, more than the sale's own insert. The
            // keys stay declared and enforced on every other write; tests check
            // `PRAGMA foreign_key_check` after imports.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            let outcome = Result { () throws -> T in
                var result: T?
                try db.inTransaction(.immediate) {
                    try db.execute(literal: """
                        INSERT INTO import_run (started_at, strict) VALUES (\(Timestamp.iso8601(startedAt)), \(strict))
                        """)
                    let session = try SQLiteImportSession(db: db, importID: db.lastInsertedRowID, staging: saleStaging)
                    result = try body(session)
                    try session.finish()
                    try db.execute(literal: """
                        UPDATE import_run SET finished_at = \(Timestamp.iso8601(finishedAt())) WHERE id = \(session.importID)
                        """)
                    return .commit
                }
                guard let result else { throw DatabaseError(message: "internal error: the import ended without its result") }
                return result
            }
            // Back on for every later write of this connection; the pragma is silently ignored
            // inside a transaction, so check that it took.
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            guard try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true else {
                var saved = false
                if case .success = outcome { saved = true }
                throw DatabaseError(message: "foreign key checks could not be turned back on after the import"
                                    + (saved ? " (the import itself was saved)" : ""))
            }
            return try outcome.get()
        }
    }
}

extension SQLiteStore {
    /// Where the summary tables differ from the totals recomputed from every sale, one line each;
    /// empty when they agree (they always should: `ventes check` and the tests ask).
    public func saleTotalsDifferences() throws -> [String] {
        try read { db in try SaleTotalsTables.differences(in: db) }
    }
}
