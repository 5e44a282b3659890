import Foundation
import PostgresNIO

extension PostgreSQLStore {
    /// Runs `body` as one import: one transaction, which first waits for any other import of this
    /// schema to finish (advisory lock), recorded in the audit.
    public func performImport<T>(
        startedAt: Date, strict: Bool, finishedAt: () -> Date, _ body: (any ImportTransaction) throws -> T
    ) throws -> T {
        try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKeySQL))", values: [address.schema, "import"])
            let id = try connection.query("INSERT INTO import_run (started_at, strict) VALUES ($1, $2) RETURNING id",
                                          values: [Timestamp.iso8601(startedAt), strict ? 1 : 0])
                .rows.first!.decode(Int64.self)
            let session = PostgreSQLImportSession(connection: connection, importID: id, salePolicy: salePolicy)
            let result = try body(session)
            try session.finish()
            try connection.query("UPDATE import_run SET finished_at = $1 WHERE id = $2",
                                 values: [Timestamp.iso8601(finishedAt()), id])
            return result
        }
    }

    public func previousImport(of kind: FileKind, source: String) throws -> PreviousFileImport? {
        try PreviousFileImport.fetch(connection, kind: kind, source: source)
    }

    /// The day/month order an earlier import of the same source (same path or same header line) settled on.
    public func rememberedDateFormat(kind: FileKind, source: String, headerText: String) throws -> DateColumnFormat? {
        try connection.query("""
            SELECT date_format FROM import_file
            WHERE kind = $1 AND (source = $2 OR header_text = $3) AND date_format IN ($4, $5)
            ORDER BY import_id DESC LIMIT 1
            """, values: [kind.rawValue, source, headerText,
                          DateColumnFormat.dayMonthYear.rawValue, DateColumnFormat.monthDayYear.rawValue])
            .rows.first.flatMap { DateColumnFormat(rawValue: try $0.decode(String.self)) }
    }

    public func validators(for url: String) throws -> HTTPValidators {
        guard let row = try connection.query("SELECT etag, last_modified FROM http_source WHERE url = $1", values: [url]).rows.first
        else { return HTTPValidators() }
        return HTTPValidators(etag: try row.value("etag"), lastModified: try row.value("last_modified"))
    }

    /// The quarantined rows of import `importID` (the latest import when nil), optionally of one file
    /// kind, in file order then line order.
    public func quarantine(importID: Int64?, kind: FileKind?) throws -> QuarantineListing {
        try read {
            let selected: Int64?
            if let importID {
                selected = try connection.query("SELECT id FROM import_run WHERE id = $1", values: [importID])
                    .rows.first?.decode(Int64.self)
                guard selected != nil else { throw QuarantineError.noSuchImport(importID) }
            } else {
                selected = try connection.query("SELECT MAX(id) FROM import_run").rows.first?.decode(Int64?.self)
            }
            guard let selected else { return QuarantineListing(importID: nil, rows: [], sources: []) }
            let order = "CASE kind WHEN 'stores' THEN 0 WHEN 'products' THEN 1 ELSE 2 END"
            let rows = try connection.query("""
                SELECT import_id, kind, source, line, reason, raw_text, depends_on_data FROM rejected_row
                WHERE import_id = $1 AND ($2::text IS NULL OR kind = $2)
                ORDER BY \(order), line, id
                """, values: [selected, kind?.rawValue]).rows.compactMap { row -> QuarantinedRow? in
                    guard let kind = FileKind(rawValue: try row.value("kind")) else { return nil }
                    return QuarantinedRow(importID: try row.value("import_id"), kind: kind, source: try row.value("source"),
                                          line: Int(try row.value("line", as: Int64.self)), rawText: try row.value("raw_text"),
                                          reason: .recorded(try row.value("reason"), dependsOnData: try row.flag("depends_on_data")))
                }
            let sources = try connection.query("""
                SELECT import_id, kind, source, delimiter, encoding, byte_order_mark, header_text FROM import_file
                WHERE import_id = $1 AND rejected > 0 ORDER BY \(order)
                """, values: [selected]).rows.compactMap { row -> QuarantineSource? in
                    guard let kind = FileKind(rawValue: try row.value("kind")), rows.contains(where: { $0.kind == kind })
                    else { return nil }
                    return QuarantineSource(importID: try row.value("import_id"), kind: kind, source: try row.value("source"),
                                            delimiter: try row.value("delimiter"),
                                            encoding: TextEncoding(rawValue: try row.value("encoding")) ?? .utf8,
                                            hasByteOrderMark: try row.flag("byte_order_mark"), headerText: try row.value("header_text"))
                }
            return QuarantineListing(importID: selected, rows: rows, sources: sources)
        }
    }
}

extension PreviousFileImport {
    static func fetch(_ connection: PostgreSQLConnection, kind: FileKind, source: String) throws -> PreviousFileImport? {
        try connection.query("""
            SELECT import_id, sha256, bytes, delimiter, encoding, read, rejected, lines, ends_with_line_feed,
                   date_format, date_format_origin
            FROM import_file WHERE kind = $1 AND source = $2 ORDER BY import_id DESC LIMIT 1
            """, values: [kind.rawValue, source]).rows.first.map { row in
            PreviousFileImport(
                importID: try row.value("import_id"), sha256: try row.value("sha256"),
                bytes: Int(try row.value("bytes", as: Int64.self)), delimiter: try row.value("delimiter"),
                encoding: try row.value("encoding"), read: Int(try row.value("read", as: Int64.self)),
                rejected: Int(try row.value("rejected", as: Int64.self)), lines: Int(try row.value("lines", as: Int64.self)),
                endsWithLineFeed: try row.flag("ends_with_line_feed"),
                dateFormat: (try row.value("date_format", as: String?.self)).flatMap(DateColumnFormat.init(rawValue:)),
                dateFormatOrigin: (try row.value("date_format_origin", as: String?.self)).flatMap(DialectOrigin.init(rawValue:)))
        }
    }
}
