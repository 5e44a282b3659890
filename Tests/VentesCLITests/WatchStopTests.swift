import Foundation
import Testing

/// SIGTERM while the service starts or imports a large file: it finishes or rolls back its
/// transaction, exits 0, and the database is whole; the next service's import counts exactly.
@Suite("watch stopped mid-cycle")
struct WatchStopTests {
    /// When the signal is sent: as soon as the database file appears (the schema being created),
    /// or once the first cycle's import has written this many bytes of uncommitted pages. The file
    /// is in date order, so its sales are written as they are read (a file out of date order is
    /// staged and written at its end: its write-ahead log grows only then).
    enum Moment: CustomTestStringConvertible, Sendable {
        case databaseCreated
        case importWritten(bytes: Int)

        var testDescription: String {
            switch self {
            case .databaseCreated: return "while the database is created"
            case .importWritten(let bytes): return "mid-import, \(bytes >> 10) KiB written"
            }
        }
    }

    @Test("SIGTERM: exit 0, integrity_check ok, nothing half-imported; the next service's import is exact",
          arguments: [Moment.databaseCreated, .importWritten(bytes: 512 << 10), .importWritten(bytes: 4 << 20)])
    func stopped(at moment: Moment) async throws {
        let project = try Project()
        let big = try project.directory.write(try await onOwnThread { CrashSafetyTests.bigSalesFile(rows: 200_000, inDateOrder: true) },
                                              to: "in/big-ventes.csv")
        let arguments = ["--sales", big, "--every", "200ms"]
        let watch = try WatchService(arguments, in: project.directory.url, database: project.database.path)

        let (path, threshold) = switch moment {
        case .databaseCreated: (project.database.path, 0)
        case .importWritten(let bytes): (project.directory.path("data/ventes.db-wal"), bytes)
        }
        // Watched from a thread of its own, so that the moment does not depend on how busy the
        // threads the suite's async tests share are.
        let running = watch.running
        try await onOwnThread {
            var size = -1
            while running.isRunning && size <= threshold {
                // Absent until the service creates it.
                size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
                usleep(2_000)
            }
            running.kill(SIGTERM)
        }
        let stopped = try await watch.stop(nil)

        #expect(stopped.succeeded, "\(stopped.transcript)")
        let database = project.database
        #expect(try database.integrityCheck() == ["ok"])
        let cycles = try database.rows("SELECT outcome, import_id FROM refresh_cycle")
        if case .importWritten = moment {
            try #require(cycles == [["interrupted", "NULL"]], "the signal came after the import: \(cycles); \(stopped.stderr)")
            #expect(stopped.stderrLines.contains { $0.contains("cycle #1 interrupted in ") && $0.contains("rolled back") }, "\(stopped.stderr)")
        } else {
            #expect(cycles.allSatisfy { $0 == ["interrupted", "NULL"] }, "\(cycles)")
        }
        #expect(try database.count("sale") == 0)
        #expect(try database.count("import_run") == 0)

        let next = try WatchService(arguments, in: project.directory.url, database: project.database.path)
        let done = try await next.waitUntil("the import done") { $0.dropFirst(cycles.count).contains { $0.outcome == "refreshed" } }
        let second = try await next.stop(SIGTERM)

        #expect(second.succeeded, "\(second.transcript)")
        #expect(done.first { $0.outcome == "refreshed" }?.rowsAdded == 200_000 + 12, "\(done)")
        let counters = try database.rows("SELECT read, inserted, duplicates, rejected FROM import_file WHERE kind = 'sales'")
        #expect(counters == [["200000", "200000", "0", "0"]])
        #expect(try database.count("sale") == 200_000)
        #expect(try database.integrityCheck() == ["ok"])
        #expect(try database.rows("PRAGMA foreign_key_check").isEmpty)
    }
}
