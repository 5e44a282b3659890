import GRDB

extension SQLiteStore {
    /// The validators remembered for `url` from its last imported download; empty when there are none.
    public func validators(for url: String) throws -> HTTPValidators {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT etag, last_modified FROM http_source WHERE url = ?",
                                             arguments: [url])
            else { return HTTPValidators() }
            return HTTPValidators(etag: row["etag"], lastModified: row["last_modified"])
        }
    }
}

extension SQLiteImportSession {
    /// Records what fetching an HTTP source gave, and remembers its validators for next time.
    ///
    /// Called inside the import's transaction: validators only count once the import is committed,
    /// so a failed import is downloaded again on the next run.
    func recordFetch(_ download: Download, kind: FileKind) throws {
        var sha256: String?
        var bytes: Int?
        if case let .downloaded(_, hash, size) = download.outcome {
            sha256 = hash
            bytes = size
        }
        try db.execute(literal: """
            INSERT INTO import_fetch (import_id, kind, url, outcome, http_status, attempts, etag, last_modified, sha256, bytes)
            VALUES (\(importID), \(kind.rawValue), \(download.url), \(download.isNotModified ? "not_modified" : "downloaded"),
                    \(download.httpStatus), \(download.attempts), \(download.validators.etag),
                    \(download.validators.lastModified), \(sha256), \(bytes))
            """)
        guard let sha256, let bytes else { return }
        try db.execute(literal: """
            INSERT INTO http_source (url, etag, last_modified, sha256, bytes, import_id)
            VALUES (\(download.url), \(download.validators.etag), \(download.validators.lastModified), \(sha256), \(bytes), \(importID))
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                sha256 = excluded.sha256, bytes = excluded.bytes, import_id = excluded.import_id
            """)
    }
}
