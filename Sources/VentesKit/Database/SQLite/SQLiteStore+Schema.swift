import GRDB

extension SQLiteStore {
    /// The live schema: every table of the migrations, in creation order. The per-analysis result
    /// tables (`result_<name>`, created by the analyses file) and SQLite's and GRDB's own tables are left out.
    public func schemaDescription() throws -> SchemaDescription {
        try read { db in
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                  AND name NOT LIKE 'grdb\\_%' ESCAPE '\\' AND name NOT LIKE 'result\\_%' ESCAPE '\\'
                ORDER BY rowid
                """)
            return try SchemaDescription(tables: names.map { name in
                let primaryKey = try db.primaryKey(name).columns
                let foreignKeys = try db.foreignKeys(on: name)
                let referencing = Set(foreignKeys.flatMap { $0.mapping.map(\.origin) })
                let columns = try db.columns(in: name).map { column in
                    SchemaDescription.Column(
                        name: column.name, type: column.type.isEmpty ? "ANY" : column.type.uppercased(),
                        isPrimaryKey: primaryKey.contains(column.name), isNotNull: column.isNotNull || primaryKey == [column.name],
                        isForeignKey: referencing.contains(column.name))
                }
                let references = foreignKeys.map { key in
                    let origins = key.mapping.map(\.origin)
                    return SchemaDescription.Reference(
                        columns: origins, parent: key.destinationTable, parentColumns: key.mapping.map(\.destination),
                        isMandatory: origins.allSatisfy { origin in columns.first { $0.name == origin }?.isNotNull == true })
                }
                return SchemaDescription.Table(name: name, columns: columns, references: references)
            })
        }
    }
}
