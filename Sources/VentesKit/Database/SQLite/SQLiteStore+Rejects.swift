import GRDB

extension SQLiteStore {
    /// The quarantined rows of import `importID` (the latest import when nil), optionally of one file kind,
    /// in file order then line order.
    public func quarantine(importID: Int64?, kind: FileKind?) throws -> QuarantineListing {
        try read { db in
            let selected: Int64?
            if let importID {
                selected = try Int64.fetchOne(db, sql: "SELECT id FROM import_run WHERE id = ?", arguments: [importID])
                guard selected != nil else { throw QuarantineError.noSuchImport(importID) }
            } else {
                selected = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM import_run")
            }
            guard let selected else { return QuarantineListing(importID: nil, rows: [], sources: []) }
            let rows = try Row.fetchAll(db, sql: """
                SELECT import_id, kind, source, line, reason, raw_text, depends_on_data FROM rejected_row
                WHERE import_id = ? AND (? IS NULL OR kind = ?)
                ORDER BY CASE kind WHEN 'stores' THEN 0 WHEN 'products' THEN 1 ELSE 2 END, line, id
                """, arguments: [selected, kind?.rawValue, kind?.rawValue]).compactMap { row -> QuarantinedRow? in
                    guard let kind = FileKind(rawValue: row["kind"]) else { return nil }
                    return QuarantinedRow(importID: row["import_id"], kind: kind, source: row["source"], line: row["line"],
                                          rawText: row["raw_text"], reason: .recorded(row["reason"], dependsOnData: row["depends_on_data"]))
                }
            let sources = try Row.fetchAll(db, sql: """
                SELECT import_id, kind, source, delimiter, encoding, byte_order_mark, header_text FROM import_file
                WHERE import_id = ? AND rejected > 0
                ORDER BY CASE kind WHEN 'stores' THEN 0 WHEN 'products' THEN 1 ELSE 2 END
                """, arguments: [selected]).compactMap { row -> QuarantineSource? in
                    guard let kind = FileKind(rawValue: row["kind"]),
                          rows.contains(where: { $0.kind == kind }) else { return nil }
                    return QuarantineSource(importID: row["import_id"], kind: kind, source: row["source"],
                                            delimiter: row["delimiter"],
                                            encoding: TextEncoding(rawValue: row["encoding"]) ?? .utf8,
                                            hasByteOrderMark: row["byte_order_mark"], headerText: row["header_text"])
                }
            return QuarantineListing(importID: selected, rows: rows, sources: sources)
        }
    }
}
