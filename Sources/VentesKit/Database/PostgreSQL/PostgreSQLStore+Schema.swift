import PostgresNIO

extension PostgreSQLStore {
    /// The live schema: every table of the migrations, in creation order; the result tables
    /// (`result_<name>`) and the migrations' own table are left out.
    public func schemaDescription() throws -> SchemaDescription {
        try read {
            let tables = try connection.query("""
                SELECT c.oid::int8, c.relname::text FROM pg_class c
                WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'r'
                  AND c.relname NOT LIKE 'result\\_%' AND c.relname <> 'schema_migration'
                ORDER BY c.oid
                """, values: [PostgreSQLIdentifier.quoted(address.schema)]).rows.map { try $0.decode((Int64, String).self) }
            return SchemaDescription(tables: try tables.map { oid, name in try table(oid: oid, name: name) })
        }
    }

    private func table(oid: Int64, name: String) throws -> SchemaDescription.Table {
        let primaryKey = Set(try connection.query("""
            SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = $1::oid AND i.indisprimary
            """, values: [oid]).rows.map { try $0.decode(String.self) })
        // One row per referencing column, in the order of the key's columns; sale's references are
        // triggers (`PostgreSQLReferenceTriggers`), shown as the foreign keys they stand for.
        let keyColumns: [(String, String, String, String)] = try connection.query("""
            SELECT k.conname::text, a.attname::text, p.relname::text, pa.attname::text
            FROM pg_constraint k
            CROSS JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(own, parent, position)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.own
            JOIN pg_class p ON p.oid = k.confrelid
            JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = u.parent
            WHERE k.conrelid = $1::oid AND k.contype = 'f'
            ORDER BY k.oid, u.position
            """, values: [oid]).rows.map { try $0.decode((String, String, String, String).self) }
            + (name == "sale" ? PostgreSQLReferenceTriggers.references.map {
                (PostgreSQLReferenceTriggers.constraintName($0.column), $0.column, $0.parent, "id")
            } : [])
        let referencing = Set(keyColumns.map(\.1))
        let columns = try connection.query("""
            SELECT a.attname::text, upper(format_type(a.atttypid, NULL)), a.attnotnull FROM pg_attribute a
            WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """, values: [oid]).rows.map { row in
            let (column, type, notNull) = try row.decode((String, String, Bool).self)
            return SchemaDescription.Column(name: column, type: type, isPrimaryKey: primaryKey.contains(column),
                                            isNotNull: notNull, isForeignKey: referencing.contains(column))
        }
        var references: [SchemaDescription.Reference] = []
        var seen: [String] = []
        for key in keyColumns.map(\.0) where !seen.contains(key) {
            seen.append(key)
            let parts = keyColumns.filter { $0.0 == key }
            let origins = parts.map(\.1)
            references.append(SchemaDescription.Reference(
                columns: origins, parent: parts[0].2, parentColumns: parts.map(\.3),
                isMandatory: origins.allSatisfy { origin in columns.first { $0.name == origin }?.isNotNull == true }))
        }
        return SchemaDescription.Table(name: name, columns: columns, references: references)
    }
}
