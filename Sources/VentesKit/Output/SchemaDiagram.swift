/// Draws a `SchemaDescription` as a Mermaid entity-relationship diagram.
public enum SchemaDiagram {
    /// The `erDiagram` text: one entity per table (columns with PK/FK marks and "not null"),
    /// then one many-to-one line per foreign key, labelled with the referencing columns.
    public static func mermaid(_ schema: SchemaDescription) -> String {
        var lines = ["erDiagram"]
        for table in schema.tables {
            lines.append("    \(table.name) {")
            for column in table.columns {
                var keys: [String] = []
                if column.isPrimaryKey { keys.append("PK") }
                if column.isForeignKey { keys.append("FK") }
                let marks = keys.isEmpty ? "" : " " + keys.joined(separator: ", ")
                let comment = column.isNotNull && !column.isPrimaryKey ? " \"not null\"" : ""
                lines.append("        \(column.type) \(column.name)\(marks)\(comment)")
            }
            lines.append("    }")
        }
        for table in schema.tables {
            for reference in table.references {
                let parentSide = reference.isMandatory ? "||" : "o|"
                lines.append("    \(table.name) }o--\(parentSide) \(reference.parent) : \"\(reference.columns.joined(separator: ", "))\"")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
