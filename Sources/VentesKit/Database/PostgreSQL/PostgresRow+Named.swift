import PostgresNIO

extension PostgresRow {
    /// The value of column `name`, decoded as `T` (an optional type reads NULL as nil).
    func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try makeRandomAccess()[name].decode(T.self)
    }

    /// An `integer` 0/1 column (SQLite's booleans, kept as such) as a Bool.
    func flag(_ name: String) throws -> Bool {
        try value(name, as: Int64.self) != 0
    }
}
