import Foundation
import PostgresNIO

/// The server store: one PostgreSQL schema (default `ventes`) of a database, behind `SalesStore`.
///
/// The same tables and columns as the SQLite store (`docs/schema.md`), so that SQL written for one
/// reads the other: money in `bigint` cents, dates `date`, timestamps as ISO 8601 text in UTC (as
/// SQLite keeps them, so they compare and print the same), texts in the "C" collation (byte order,
/// as SQLite compares). Everything PostgreSQL-specific (postgres-nio, the blocking bridge, the
/// advisory locks, the bulk insert) lives in this folder.
///
/// Imports of the same schema are serialised by a transaction-level advisory lock: a second
/// import (another process, another machine) waits for the first to commit, then finds its sales
/// there. Unique keys would already keep a sale from being inserted twice; the lock keeps the
/// summary tables' upserts and the audit's "previous import" from racing, and rules out deadlocks.
public final class PostgreSQLStore: SalesStore, @unchecked Sendable {
    let connection: PostgreSQLConnection
    let address: PostgreSQLAddress
    /// The server process of this store's connection (to cancel a running analysis).
    let backendPID: Int32
    /// How imports send sales (tests set a small capacity to send a file both ways).
    let salePolicy: PostgreSQLSaleLoad.Policy

    public var location: String { address.location }

    /// Why the store cannot be opened: the URL (without its password) and what to do.
    public struct OpenError: Error, Equatable, CustomStringConvertible {
        /// The URL without its password.
        public let location: String
        public let reason: String

        public var description: String { reason.contains(location) ? reason : "\(location): \(reason)" }
    }

    /// True when `location` names a PostgreSQL server (`postgresql://` or `postgres://`).
    public static func handles(_ location: String) -> Bool {
        let lowered = location.lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }

    /// `location` with any password in it masked: safe to print.
    public static func masked(_ location: String) -> String {
        PostgreSQLAddress.masked(location)
    }

    /// Connects to the server `url` names, creates the schema if needed and applies the pending
    /// migrations.
    public convenience init(url: String) throws(OpenError) {
        try self.init(url: url, salePolicy: .standard)
    }

    init(url: String, salePolicy: PostgreSQLSaleLoad.Policy) throws(OpenError) {
        self.salePolicy = salePolicy
        (address, connection) = try Self.connect(url: url)
        do {
            let rows = try connection.query("SELECT pg_backend_pid()").rows
            backendPID = try rows.first?.decode(Int32.self) ?? 0
            try connection.query("SELECT set_config('search_path', $1, false)",
                                 values: [PostgreSQLIdentifier.quoted(address.schema)])
            try PostgreSQLMigrations.migrate(connection, schema: address.schema)
        } catch {
            throw OpenError(location: address.location,
                            reason: "cannot prepare schema \(address.schema) in PostgreSQL at \(address.server): \(PostgreSQLFailure.translate(error, address: address).message)")
        }
    }

    /// The server `url` names and a connection to it; either failure as an `OpenError`.
    static func connect(url: String) throws(OpenError) -> (PostgreSQLAddress, PostgreSQLConnection) {
        let address: PostgreSQLAddress
        do {
            address = try PostgreSQLAddress(url: url)
        } catch {
            throw OpenError(location: error.location, reason: error.reason)
        }
        do {
            return (address, try PostgreSQLConnection(address))
        } catch let error as OpenError {
            throw error
        } catch {
            throw OpenError(location: address.location, reason: "\(error)")
        }
    }

    public func appliedMigrations() throws -> [String] {
        try connection.query("SELECT identifier FROM schema_migration ORDER BY identifier").rows.map { try $0.decode(String.self) }
    }

    /// Sales in file order, laid out whatever the file's order: which of two rows sharing a sale id
    /// is kept depends on it, and the server sorts what it inserts itself.
    public func prepareSales(_ sales: [SaleRecord], inDateOrder: Bool) -> SaleBatch {
        SaleBatch(sales)
    }

    /// `body` in a read-only transaction (one snapshot for every statement).
    func read<T>(_ body: () throws -> T) throws -> T {
        try connection.transaction(readOnly: true, body)
    }

    /// `body` in a read-write transaction.
    func write<T>(_ body: () throws -> T) throws -> T {
        try connection.transaction(body)
    }

    /// The advisory lock key of `purpose` in this schema (imports, migrations).
    static let lockKeySQL = "hashtextextended('ventes.' || $1 || '.' || current_database() || '.' || $2, 0)"
}
