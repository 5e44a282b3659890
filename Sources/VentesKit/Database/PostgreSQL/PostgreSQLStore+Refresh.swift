import Foundation
import PostgresNIO

extension PostgreSQLStore {
    public func fileStamp(kind: FileKind, source: String) throws -> FileStamp? {
        try connection.query("SELECT bytes, modified_ns, inode FROM refresh_source WHERE kind = $1 AND source = $2",
                             values: [kind.rawValue, source]).rows.first.map { row in
            let (bytes, modified, inode) = try row.decode((Int64, Int64, Int64).self)
            return FileStamp(kind: kind, source: source, bytes: bytes, modifiedNanoseconds: modified, inode: UInt64(bitPattern: inode))
        }
    }

    public func importedDigest(url: String) throws -> String? {
        try connection.query("SELECT sha256 FROM http_source WHERE url = $1", values: [url]).rows.first?.decode(String.self)
    }

    public func refreshValidators(_ validators: HTTPValidators, url: String, sha256: String) throws {
        try connection.query("""
            UPDATE http_source SET etag = $1, last_modified = $2
            WHERE url = $3 AND sha256 = $4 AND (etag IS DISTINCT FROM $1 OR last_modified IS DISTINCT FROM $2)
            """, values: [validators.etag, validators.lastModified, url, sha256])
    }

    public func analysisFreshness() throws -> AnalysisFreshness {
        try read {
            let last = try connection.query("SELECT id, started_at, sql_sha256 FROM analysis_run ORDER BY id DESC LIMIT 1").rows.first
            let started: String? = try last?.value("started_at")
            // Timestamps are ISO 8601 in UTC to the millisecond: they compare as text.
            let changed = try connection.query("""
                SELECT EXISTS (
                    SELECT 1 FROM import_run r JOIN import_file f ON f.import_id = r.id
                    WHERE f.inserted + f.updated > 0 AND ($1::text IS NULL OR r.finished_at > $1))
                """, values: [started]).rows.first!.decode(Bool.self)
            let runID: Int64? = try last?.value("id")
            let unreported = try runID.map { id in
                try connection.query("""
                    SELECT EXISTS (SELECT 1 FROM refresh_cycle WHERE analysis_run_id = $1)
                       AND NOT EXISTS (SELECT 1 FROM refresh_cycle WHERE analysis_run_id = $1 AND outcome = 'refreshed')
                    """, values: [id]).rows.first!.decode(Bool.self)
            } ?? false
            return AnalysisFreshness(lastRunID: runID, lastRunSHA256: try last?.value("sql_sha256"),
                                     dataChangedSinceLastRun: changed, lastRunUnreported: unreported)
        }
    }

    public func newSales(forRun runID: Int64) throws -> [StoreChange] {
        try read {
            guard let run = try connection.query("SELECT started_at FROM analysis_run WHERE id = $1", values: [runID])
                .rows.first?.decode(String.self) else { return [] }
            let previous = try connection.query("SELECT started_at FROM analysis_run WHERE id < $1 ORDER BY id DESC LIMIT 1",
                                                values: [runID]).rows.first?.decode(String.self)
            return try connection.query("""
                SELECT n.store_id, st.city, n.sales, n.revenue
                FROM (SELECT store_id, COUNT(*) AS sales, SUM(revenue_cents)::bigint AS revenue FROM sale
                      WHERE import_id IN (
                          SELECT id FROM import_run WHERE finished_at <= $1 AND ($2::text IS NULL OR finished_at > $2))
                      GROUP BY store_id) n
                JOIN store st ON st.id = n.store_id
                ORDER BY n.revenue DESC, n.store_id
                """, values: [run, previous]).rows.map(Self.storeChange)
        }
    }

    public func recordCycle(_ cycle: RefreshCycle, stamps: [FileStamp], news: [StoreChange]) throws -> Int64 {
        try write {
            let id = try connection.query("""
                INSERT INTO refresh_cycle (started_at, finished_at, outcome, stores, products, sales, import_id,
                                           analysis_run_id, rows_added, rows_updated, error, interval_ms, next_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id
                """, values: [Timestamp.iso8601(cycle.startedAt), Timestamp.iso8601(cycle.finishedAt), cycle.outcome.rawValue,
                              cycle.sources[.stores]?.rawValue, cycle.sources[.products]?.rawValue, cycle.sources[.sales]?.rawValue,
                              cycle.importID, cycle.analysisRunID, Int64(cycle.rowsAdded), Int64(cycle.rowsUpdated), cycle.error,
                              max(1, Int64((cycle.interval * 1000).rounded())), cycle.nextAt.map(Timestamp.iso8601)])
                .rows.first!.decode(Int64.self)
            for change in news {
                try connection.query("INSERT INTO refresh_news (cycle_id, store_id, sales, revenue_cents) VALUES ($1, $2, $3, $4)",
                                     values: [id, change.storeID, Int64(change.sales), change.revenue.value])
            }
            for stamp in stamps {
                try connection.query("""
                    INSERT INTO refresh_source (kind, source, bytes, modified_ns, inode, checked_at) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (kind, source) DO UPDATE SET bytes = excluded.bytes, modified_ns = excluded.modified_ns,
                        inode = excluded.inode, checked_at = excluded.checked_at
                    """, values: [stamp.kind.rawValue, stamp.source, stamp.bytes, stamp.modifiedNanoseconds,
                                  Int64(bitPattern: stamp.inode), Timestamp.iso8601(cycle.finishedAt)])
            }
            if cycle.outcome == .unchanged && id % 500 == 0 {
                try connection.query("""
                    DELETE FROM refresh_cycle WHERE outcome = 'unchanged' AND id <= (
                        SELECT id FROM refresh_cycle WHERE outcome = 'unchanged' ORDER BY id DESC LIMIT 1 OFFSET $1)
                    """, values: [Int64(RefreshCycleRetention.unchangedCycles)])
            }
            return id
        }
    }

    public func recordServiceStopped(afterCycle id: Int64) throws {
        try connection.query("UPDATE refresh_cycle SET next_at = NULL WHERE id = $1", values: [id])
    }

    public func refreshCycles(limit: Int) throws -> [RefreshCycle] {
        try connection.query("SELECT * FROM refresh_cycle ORDER BY id DESC LIMIT $1", values: [Int64(limit)]).rows.map(Self.cycle)
    }

    public func lastCycle(endingWith outcomes: Set<RefreshCycle.Outcome>) throws -> RefreshCycle? {
        try connection.query("SELECT * FROM refresh_cycle WHERE outcome = ANY($1::text[]) ORDER BY id DESC LIMIT 1",
                             values: [outcomes.map(\.rawValue)]).rows.first.map(Self.cycle)
    }

    public func refreshNews(runID: Int64) throws -> RefreshNews? {
        try read {
            guard let cycle = try connection.query("""
                    SELECT id, started_at FROM refresh_cycle WHERE analysis_run_id = $1 AND outcome = 'refreshed'
                    """, values: [runID]).rows.first,
                  let started = Timestamp.date(try cycle.value("started_at"))
            else { return nil }
            let stores = try connection.query("""
                SELECT n.store_id, COALESCE(st.city, '') AS city, n.sales, n.revenue_cents AS revenue
                FROM refresh_news n LEFT JOIN store st ON st.id = n.store_id
                WHERE n.cycle_id = $1 ORDER BY n.revenue_cents DESC, n.store_id
                """, values: [try cycle.value("id", as: Int64.self)]).rows.map(Self.storeChange)
            return RefreshNews(refreshedAt: started, stores: stores)
        }
    }

    private static func storeChange(_ row: PostgresRow) throws -> StoreChange {
        StoreChange(storeID: try row.value("store_id"), city: try row.value("city"),
                    sales: Int(try row.value("sales", as: Int64.self)), revenue: Cents(try row.value("revenue", as: Int64.self)))
    }

    private static func cycle(_ row: PostgresRow) throws -> RefreshCycle {
        var cycle = RefreshCycle(startedAt: Timestamp.date(try row.value("started_at")) ?? .distantPast,
                                 finishedAt: Timestamp.date(try row.value("finished_at")) ?? .distantPast,
                                 outcome: RefreshCycle.Outcome(rawValue: try row.value("outcome")) ?? .failed,
                                 interval: Double(try row.value("interval_ms", as: Int64.self)) / 1000)
        cycle.id = try row.value("id")
        for kind in FileKind.allCases {
            if let text = try row.value(kind.rawValue, as: String?.self), let outcome = SourceOutcome(rawValue: text) {
                cycle.sources[kind] = outcome
            }
        }
        cycle.importID = try row.value("import_id")
        cycle.analysisRunID = try row.value("analysis_run_id")
        cycle.rowsAdded = Int(try row.value("rows_added", as: Int64.self))
        cycle.rowsUpdated = Int(try row.value("rows_updated", as: Int64.self))
        cycle.error = try row.value("error")
        cycle.nextAt = (try row.value("next_at", as: String?.self)).flatMap(Timestamp.date)
        return cycle
    }
}
