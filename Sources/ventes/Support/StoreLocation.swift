import VentesKit

/// Opens the store a database setting names: a SQLite file path.
enum StoreLocation {
    /// Opens (creating and migrating it when needed) the store at `location`.
    static func open(_ location: String) throws -> any SalesStore {
        try SQLiteStore(path: location)
    }
}
