import Foundation
import GRDB

/// The embedded store: one SQLite file (WAL journal, busy timeout, foreign keys), behind `SalesStore`.
///
/// Everything SQLite-specific (GRDB, pragmas, `WITHOUT ROWID`, the C-API insert path, the storage
/// order of sales) lives in this folder; the importer and the analyses see only `SalesStore`.
public final class SQLiteStore: SalesStore {
    let writer: any DatabaseWriter
    /// Where the database lives, as given.
    public let path: String
    /// When an import holds sales back to write them in key order (`SaleStaging`); tests force it.
    let saleStaging: SaleStaging.Policy

    public var location: String { path }

    /// Why the database cannot be opened: the path, and SQLite's words.
    public struct OpenError: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String
        /// True when the reason says what to do itself (a migration that stopped on texts that
        /// would merge names the SQL that settles it).
        public var saysWhatToDo = false

        public var description: String { "\(path): \(reason)" }
    }

    /// Opens (creating it and its directory if needed) and migrates the database at `path`.
    ///
    /// - Parameter busyTimeout: how long a writer waits for another one to finish.
    public convenience init(path: String, busyTimeout: TimeInterval = 60) throws(OpenError) {
        try self.init(path: path, busyTimeout: busyTimeout, saleStaging: .standard)
    }

    init(path: String, busyTimeout: TimeInterval = 60, saleStaging: SaleStaging.Policy) throws(OpenError) {
        self.path = path
        self.saleStaging = saleStaging
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw OpenError(path: path, reason: "cannot open the database: cannot create the directory \(directory.path): \(error.localizedDescription)")
        }
        do {
            let queue = try Self.openQueue(path: path, configuration: Self.configuration(busyTimeout: busyTimeout),
                                           patience: busyTimeout)
            try Self.migrate(queue)
            writer = queue
        } catch let conflict as StoredTextConflict {
            throw OpenError(path: path, reason: "cannot migrate the database: \(conflict)", saysWhatToDo: true)
        } catch {
            throw OpenError(path: path, reason: "cannot open the database: " + Self.failure(error).message)
        }
    }

    /// A private database in memory, migrated: for tests that need no file.
    public static func inMemory() throws -> SQLiteStore {
        try SQLiteStore(inMemory: (), saleStaging: .standard)
    }

    /// A private database in memory, migrated, whose imports stage sales as `saleStaging` says.
    static func inMemory(saleStaging: SaleStaging.Policy) throws -> SQLiteStore {
        try SQLiteStore(inMemory: (), saleStaging: saleStaging)
    }

    private init(inMemory: Void, saleStaging: SaleStaging.Policy) throws {
        path = ":memory:"
        self.saleStaging = saleStaging
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: configuration)
        try Self.migrate(queue)
        writer = queue
    }

    private static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        return configuration
    }

    /// Opens the connection, waiting while another process creates the same new database.
    ///
    /// Switching a new database to WAL needs an exclusive lock, and SQLite answers "database is
    /// locked" at once, without waiting for the busy timeout, while another process holds one: that
    /// process is creating the database too. Try again shortly, for at most `patience` seconds.
    private static func openQueue(path: String, configuration: Configuration, patience: TimeInterval) throws -> DatabaseQueue {
        let deadline = Date().addingTimeInterval(patience)
        while true {
            do {
                return try DatabaseQueue(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    public func appliedMigrations() throws -> [String] {
        try read { db in try Self.migrator.appliedMigrations(db) }
    }

    public func prepareSales(_ sales: [SaleRecord], inDateOrder: Bool) -> SaleBatch {
        // Out of date order the import's staging sorts the sales in full: file order will do.
        inDateOrder ? SaleStorageOrder.batch(sales) : SaleBatch(sales, inDateOrder: false)
    }

    /// A read, its SQLite errors turned into `StoreFailure`s.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.translatingErrors { try writer.read(body) }
    }

    /// A write in a transaction, its SQLite errors turned into `StoreFailure`s.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.translatingErrors { try writer.write(body) }
    }

    /// Runs `body`, rethrowing an SQLite error as a `StoreFailure` (code and message kept) and any
    /// other error as it is.
    static func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw failure(error)
        }
    }

    /// SQLite's own words for an error, without GRDB's decoration, and its extended result code.
    static func failure(_ error: any Error) -> StoreFailure {
        if let failure = error as? StoreFailure { return failure }
        if let error = error as? DatabaseError {
            return StoreFailure(code: error.extendedResultCode.rawValue, message: error.message ?? error.description)
        }
        return StoreFailure(message: String(describing: error))
    }
}
