import Foundation
import GRDB

/// The one door to the database: schema, migrations, writes and queries.
///
/// Everything SQLite-specific (pragmas, WAL, `ON CONFLICT`) lives behind this type and its
/// extensions, so the importer and the analyses never see GRDB.
public final class VentesDatabase: Sendable {
    let writer: any DatabaseWriter
    /// Where the database lives, as given.
    public let path: String

    /// Why the database cannot be used.
    public struct OpenError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Opens (creating it and its directory if needed) and migrates the database at `path`.
    ///
    /// - Parameter busyTimeout: how long a writer waits for another one to finish.
    public init(path: String, busyTimeout: TimeInterval = 60) throws(OpenError) {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw OpenError(description: "\(path): cannot create the directory \(directory.path): \(error.localizedDescription)")
        }
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            let queue = try Self.openQueue(path: path, configuration: configuration, patience: busyTimeout)
            try Self.migrate(queue)
            writer = queue
        } catch let conflict as StoredTextConflict {
            throw OpenError(description: "\(path): cannot migrate the database: \(conflict)")
        } catch {
            throw OpenError(description: "\(path): cannot open the database: \(Self.message(error)); check the path and that it is a ventes database")
        }
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

    /// The schema versions applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// SQLite's own words for a database error, without GRDB's decoration.
    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}
