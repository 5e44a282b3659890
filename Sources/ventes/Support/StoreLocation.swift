import VentesKit

/// Opens the store a database setting names: a PostgreSQL schema for a `postgresql://` URL, else a
/// SQLite file. The only place that chooses an engine.
enum StoreLocation {
    /// Opens (creating and migrating it when needed) the store at `location`.
    static func open(_ location: String) throws -> any SalesStore {
        if PostgreSQLStore.handles(location) { return try PostgreSQLStore(url: location) }
        return try SQLiteStore(path: location)
    }
}
