import Foundation
import GRDB

extension SQLiteStore {
    public func fileStamp(kind: FileKind, source: String) throws -> FileStamp? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT bytes, modified_ns, inode FROM refresh_source WHERE kind = ? AND source = ?",
                             arguments: [kind.rawValue, source]).map { row in
                FileStamp(kind: kind, source: source, bytes: row["bytes"], modifiedNanoseconds: row["modified_ns"],
                          inode: UInt64(bitPattern: row["inode"]))
            }
        }
    }

    public func importedDigest(url: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT sha256 FROM http_source WHERE url = ?", arguments: [url]) }
    }

    public func refreshValidators(_ validators: HTTPValidators, url: String, sha256: String) throws {
        try write { db in
            try db.execute(literal: """
                UPDATE http_source SET etag = \(validators.etag), last_modified = \(validators.lastModified)
                WHERE url = \(url) AND sha256 = \(sha256)
                  AND (etag IS NOT \(validators.etag) OR last_modified IS NOT \(validators.lastModified))
                """)
        }
    }

    public func analysisFreshness() throws -> AnalysisFreshness {
        try read { db in
            let last = try Row.fetchOne(db, sql: "SELECT id, started_at, sql_sha256 FROM analysis_run ORDER BY id DESC LIMIT 1")
            // The latest import that inserted or updated a row, against the latest run's start
            // (timestamps are ISO 8601 in UTC to the millisecond: they compare as text).
            let changed = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (
                    SELECT 1 FROM import_run r JOIN import_file f ON f.import_id = r.id
                    WHERE f.inserted + f.updated > 0 AND (?1 IS NULL OR r.finished_at > ?1))
                """, arguments: [last?["started_at"] as String?]) ?? false
            let runID: Int64? = last?["id"]
            let unreported = try runID.map { id in
                try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM refresh_cycle WHERE analysis_run_id = ?1)
                       AND NOT EXISTS (SELECT 1 FROM refresh_cycle WHERE analysis_run_id = ?1 AND outcome = 'refreshed')
                    """, arguments: [id]) ?? false
            } ?? false
            return AnalysisFreshness(lastRunID: runID, lastRunSHA256: last?["sql_sha256"], dataChangedSinceLastRun: changed,
                                     lastRunUnreported: unreported)
        }
    }

    public func newSales(forRun runID: Int64) throws -> [StoreChange] {
        try read { db in
            guard let run = try String.fetchOne(db, sql: "SELECT started_at FROM analysis_run WHERE id = ?", arguments: [runID])
            else { return [] }
            let previous = try String.fetchOne(db, sql: "SELECT started_at FROM analysis_run WHERE id < ? ORDER BY id DESC LIMIT 1",
                                               arguments: [runID])
            // Aggregated first, the stores joined to the few rows that leaves: joining each sale to
            // its store took five times as long (10M sales: 5.6 s against 1.0 s).
            return try Row.fetchAll(db, sql: """
                SELECT n.store_id, st.city, n.sales, n.revenue
                FROM (SELECT store_id, COUNT(*) AS sales, SUM(revenue_cents) AS revenue FROM sale
                      WHERE import_id IN (
                          SELECT id FROM import_run WHERE finished_at <= ?1 AND (?2 IS NULL OR finished_at > ?2))
                      GROUP BY store_id) n
                JOIN store st ON st.id = n.store_id
                ORDER BY n.revenue DESC, n.store_id
                """, arguments: [run, previous]).map(Self.storeChange)
        }
    }

    public func recordCycle(_ cycle: RefreshCycle, stamps: [FileStamp], news: [StoreChange]) throws -> Int64 {
        try write { db in
            try db.execute(literal: """
                INSERT INTO refresh_cycle (started_at, finished_at, outcome, stores, products, sales, import_id,
                                           analysis_run_id, rows_added, rows_updated, error, interval_ms, next_at)
                VALUES (\(Timestamp.iso8601(cycle.startedAt)), \(Timestamp.iso8601(cycle.finishedAt)), \(cycle.outcome.rawValue),
                        \(cycle.sources[.stores]?.rawValue), \(cycle.sources[.products]?.rawValue), \(cycle.sources[.sales]?.rawValue),
                        \(cycle.importID), \(cycle.analysisRunID), \(cycle.rowsAdded), \(cycle.rowsUpdated), \(cycle.error),
                        \(max(1, Int64((cycle.interval * 1000).rounded()))), \(cycle.nextAt.map(Timestamp.iso8601)))
                """)
            let id = db.lastInsertedRowID
            for change in news {
                try db.execute(literal: """
                    INSERT INTO refresh_news (cycle_id, store_id, sales, revenue_cents)
                    VALUES (\(id), \(change.storeID), \(change.sales), \(change.revenue.value))
                    """)
            }
            for stamp in stamps {
                try db.execute(literal: """
                    INSERT INTO refresh_source (kind, source, bytes, modified_ns, inode, checked_at)
                    VALUES (\(stamp.kind.rawValue), \(stamp.source), \(stamp.bytes), \(stamp.modifiedNanoseconds),
                            \(Int64(bitPattern: stamp.inode)), \(Timestamp.iso8601(cycle.finishedAt)))
                    ON CONFLICT (kind, source) DO UPDATE SET bytes = excluded.bytes, modified_ns = excluded.modified_ns,
                        inode = excluded.inode, checked_at = excluded.checked_at
                    """)
            }
            // Pruned now and then: finding the oldest to keep walks the retained cycles' index.
            if cycle.outcome == .unchanged && id % 500 == 0 {
                try db.execute(literal: """
                    DELETE FROM refresh_cycle WHERE outcome = 'unchanged' AND id <= (
                        SELECT id FROM refresh_cycle WHERE outcome = 'unchanged'
                        ORDER BY id DESC LIMIT 1 OFFSET \(RefreshCycleRetention.unchangedCycles))
                    """)
            }
            return id
        }
    }

    public func recordServiceStopped(afterCycle id: Int64) throws {
        try write { db in try db.execute(sql: "UPDATE refresh_cycle SET next_at = NULL WHERE id = ?", arguments: [id]) }
    }

    public func refreshCycles(limit: Int) throws -> [RefreshCycle] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM refresh_cycle ORDER BY id DESC LIMIT ?", arguments: [limit])
                .map(Self.cycle)
        }
    }

    public func lastCycle(endingWith outcomes: Set<RefreshCycle.Outcome>) throws -> RefreshCycle? {
        try read { db in
            // One indexed lookup per outcome, then the newest of them.
            var newest: Row?
            for outcome in outcomes {
                let row = try Row.fetchOne(db, sql: "SELECT * FROM refresh_cycle WHERE outcome = ? ORDER BY id DESC LIMIT 1",
                                           arguments: [outcome.rawValue])
                if let row, newest == nil || (row["id"] as Int64) > (newest!["id"] as Int64) { newest = row }
            }
            return newest.map(Self.cycle)
        }
    }

    public func refreshNews(runID: Int64) throws -> RefreshNews? {
        try read { db in
            guard let cycle = try Row.fetchOne(db, sql: """
                    SELECT id, started_at FROM refresh_cycle WHERE analysis_run_id = ? AND outcome = 'refreshed'
                    """, arguments: [runID]),
                  let started = Timestamp.date(cycle["started_at"])
            else { return nil }
            let stores = try Row.fetchAll(db, sql: """
                SELECT n.store_id, COALESCE(st.city, '') AS city, n.sales, n.revenue_cents AS revenue
                FROM refresh_news n LEFT JOIN store st ON st.id = n.store_id
                WHERE n.cycle_id = ? ORDER BY n.revenue_cents DESC, n.store_id
                """, arguments: [cycle["id"] as Int64]).map(Self.storeChange)
            return RefreshNews(refreshedAt: started, stores: stores)
        }
    }

    private static func storeChange(_ row: Row) -> StoreChange {
        StoreChange(storeID: row["store_id"], city: row["city"], sales: row["sales"], revenue: Cents(row["revenue"]))
    }

    private static func cycle(_ row: Row) -> RefreshCycle {
        var cycle = RefreshCycle(startedAt: Timestamp.date(row["started_at"]) ?? .distantPast,
                                 finishedAt: Timestamp.date(row["finished_at"]) ?? .distantPast,
                                 outcome: RefreshCycle.Outcome(rawValue: row["outcome"]) ?? .failed,
                                 interval: Double(row["interval_ms"] as Int64) / 1000)
        cycle.id = row["id"]
        for kind in FileKind.allCases {
            if let text: String = row[kind.rawValue], let outcome = SourceOutcome(rawValue: text) { cycle.sources[kind] = outcome }
        }
        cycle.importID = row["import_id"]
        cycle.analysisRunID = row["analysis_run_id"]
        cycle.rowsAdded = row["rows_added"]
        cycle.rowsUpdated = row["rows_updated"]
        cycle.error = row["error"]
        cycle.nextAt = (row["next_at"] as String?).flatMap(Timestamp.date)
        return cycle
    }
}
