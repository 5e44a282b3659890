import Foundation
import PostgresNIO

/// The writes of one import, inside its single transaction (see `PostgreSQLStore.performImport`).
final class PostgreSQLImportSession: ImportTransaction {
    let connection: PostgreSQLConnection
    let importID: Int64

    init(connection: PostgreSQLConnection, importID: Int64, salePolicy: PostgreSQLSaleLoad.Policy) {
        self.connection = connection
        self.importID = importID
        sales = PostgreSQLSaleLoad(connection: connection, importID: importID, policy: salePolicy)
    }

    /// The import's stores and products, written in bulk by `flush` (called before anything that
    /// reads or references them).
    private lazy var references = PostgreSQLReferenceWrites(connection: connection, importID: importID)

    func upsertStore(_ row: StoreRecord) throws -> UpsertOutcome {
        try references.upsertStore(row)
    }

    func upsertProduct(_ row: ProductRecord) throws -> UpsertOutcome {
        try references.upsertProduct(row)
    }

    func currentPrices() throws -> [(id: String, price: Cents)] {
        try references.currentPrices()
    }

    func storeIDs() throws -> [String] {
        try references.storeIDs()
    }

    /// Writes what the import holds back: its stores and products (its sales are written by
    /// `finishSales`). Called before the commit.
    func finish() throws {
        try references.flush()
    }

    /// The current sales file's sales: straight into `sale`, or staged until its end (`finishSales`).
    /// A stored property, not `lazy`: a mutation through a lazy property's getter and setter would
    /// copy the load, and its filter's whole set with it, at every batch.
    private var sales: PostgreSQLSaleLoad

    /// Sends the batch: straight into `sale` on a first import (those count as new now), else to
    /// the server's staging table (into `sale` at the file's end). The sales' stores and products
    /// are written first: `sale`'s triggers check them.
    func insertSales(_ sales: SaleBatch) throws -> Int {
        try references.flush()
        return try self.sales.add(sales)
    }

    /// Writes the file's staged sales, and what its new ones add to the summary tables.
    func finishSales() throws -> Int {
        try references.flush()
        return try sales.finish()
    }

    /// Puts rows in quarantine, in order: one statement, the rows as arrays.
    func quarantine(_ rows: [QuarantinedRow]) throws {
        guard !rows.isEmpty else { return }
        try references.flush()
        var binds = PostgresBindings(capacity: 7)
        binds.append(importID)
        binds.append(rows.map(\.kind.rawValue))
        binds.append(rows.map(\.source))
        binds.append(rows.map { Int64($0.line) })
        binds.append(rows.map(\.rawText))
        binds.append(rows.map(\.reason.description))
        binds.append(rows.map { Int64($0.dependsOnData ? 1 : 0) })
        try connection.query("""
            INSERT INTO rejected_row (import_id, kind, source, line, raw_text, reason, depends_on_data)
            SELECT $1, kind, source, line, raw_text, reason, depends_on_data
            FROM unnest($2::text[], $3::text[], $4::int8[], $5::text[], $6::text[], $7::int8[])
                WITH ORDINALITY AS t(kind, source, line, raw_text, reason, depends_on_data, position)
            ORDER BY position
            """, binds)
    }

    func storedStore(id: String) throws -> StoreRecord? {
        try references.storedStore(id: id)
    }

    func storedProduct(id: String) throws -> ProductRecord? {
        try references.storedProduct(id: id)
    }

    func quarantinedRows(importID: Int64, kind: FileKind, source: String) throws -> [QuarantinedRow] {
        try connection.query("""
            SELECT line, raw_text, reason, depends_on_data FROM rejected_row
            WHERE import_id = $1 AND kind = $2 AND source = $3 ORDER BY line
            """, values: [importID, kind.rawValue, source]).rows.map { row in
            let (line, raw, reason, dependsOnData) = try row.decode((Int64, String, String, Int64).self)
            return QuarantinedRow(importID: importID, kind: kind, source: source, line: Int(line), rawText: raw,
                                  reason: .recorded(reason, dependsOnData: dependsOnData != 0))
        }
    }

    func previousImport(of kind: FileKind, source: String) throws -> PreviousFileImport? {
        try PreviousFileImport.fetch(connection, kind: kind, source: source)
    }

    func recordFile(_ file: FileAudit) throws {
        try references.flush()
        let values: [(any PostgresDynamicTypeEncodable)?] = [
            importID, file.kind.rawValue, file.source, file.sha256, Int64(file.bytes), file.delimiter, file.encoding,
            Int64(file.counts.read), Int64(file.counts.inserted), Int64(file.counts.updated), Int64(file.counts.unchanged),
            Int64(file.counts.duplicates), Int64(file.counts.rejected), file.ignoredColumns.joined(separator: ", "),
            Int64(file.lines), Int64(file.endsWithLineFeed ? 1 : 0), file.resumedFrom,
            file.decimalSeparator?.rawValue, file.dateFormat?.rawValue, file.dateFormatOrigin?.rawValue,
            Int64(file.hasByteOrderMark ? 1 : 0), file.headerText,
        ]
        try connection.query("""
            INSERT INTO import_file (import_id, kind, source, sha256, bytes, delimiter, encoding,
                read, inserted, updated, unchanged, duplicates, rejected, ignored_columns,
                lines, ends_with_line_feed, resumed_from_import,
                decimal_separator, date_format, date_format_origin, byte_order_mark, header_text)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
            """, values: values)
    }

    /// Records what fetching an HTTP source gave, and remembers its validators (they only count once
    /// the import is committed).
    func recordFetch(_ download: Download, kind: FileKind) throws {
        var sha256: String?
        var bytes: Int64?
        if case let .downloaded(_, hash, size) = download.outcome {
            sha256 = hash
            bytes = Int64(size)
        }
        try connection.query("""
            INSERT INTO import_fetch (import_id, kind, url, outcome, http_status, attempts, etag, last_modified, sha256, bytes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, values: [importID, kind.rawValue, download.url, download.isNotModified ? "not_modified" : "downloaded",
                          Int64(download.httpStatus), Int64(download.attempts), download.validators.etag,
                          download.validators.lastModified, sha256, bytes])
        guard let sha256, let bytes else { return }
        try connection.query("""
            INSERT INTO http_source (url, etag, last_modified, sha256, bytes, import_id) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                sha256 = excluded.sha256, bytes = excluded.bytes, import_id = excluded.import_id
            """, values: [download.url, download.validators.etag, download.validators.lastModified, sha256, bytes, importID])
    }
}
