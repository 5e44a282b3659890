/// The tables of the database, their columns and their references, as SQLite reports them.
public struct SchemaDescription: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        public var name: String
        public var type: String
        public var isPrimaryKey: Bool
        public var isNotNull: Bool
        public var isForeignKey: Bool
    }

    /// A reference from `table.columns` to `parent.parentColumns`.
    public struct Reference: Equatable, Sendable {
        public var columns: [String]
        public var parent: String
        public var parentColumns: [String]
        /// True when every referencing column is NOT NULL: the parent row is mandatory.
        public var isMandatory: Bool
    }

    public struct Table: Equatable, Sendable {
        public var name: String
        public var columns: [Column]
        public var references: [Reference]
    }

    /// In creation order.
    public var tables: [Table]
}
