import Foundation
import Testing

/// SIGTERM while the service starts or imports a large file: it finishes or rolls back its
/// transaction, exits 0, and the store is whole; the next service's import counts exactly.
@Suite("watch stopped mid-cycle")
struct WatchStopTests {
    /// When the signal is sent: as soon as the store appears (on SQLite the file, its schema being
    /// created; on PostgreSQL the schema's tables, once committed), or once the first cycle's import
    /// has written this many bytes it has not committed (see `StoreProgress.writtenBytes`). The file
    /// is in date order, so its sales are written as they are read (a file out of date order is
    /// staged and written at its end: its write-ahead log grows only then).
    enum Moment: CustomTestStringConvertible, Sendable {
        case storeCreated
        case importWritten(bytes: Int)

        var testDescription: String {
            switch self {
            case .storeCreated: return "while the store is created"
            case .importWritten(let bytes): return "mid-import, \(bytes >> 10) KiB written"
            }
        }
    }

    @Test("SIGTERM: exit 0, the store sound, nothing half-imported; the next service's import is exact (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, [Moment.storeCreated, .importWritten(bytes: 512 << 10), .importWritten(bytes: 4 << 20)])
    func stopped(backend: Backend, at moment: Moment) async throws {
        let project = try Project(backend: backend)
        let big = try project.directory.write(try await onOwnThread { CrashSafetyTests.bigSalesFile(rows: 200_000, inDateOrder: true) },
                                              to: "in/big-ventes.csv")
        let arguments = ["--sales", big, "--every", "200ms"]
        let watch = try WatchService(arguments, project: project)

        let progress = project.progress
        let signalled = try await progress.signal(watch.running, SIGTERM) {
            switch moment {
            case .storeCreated: return progress.storeExists()
            case .importWritten(let bytes): return progress.writtenBytes() > bytes
            }
        }
        let stopped = try await watch.stop(nil)

        try #require(signalled, "the service ended before the signal: \(stopped.transcript)")
        #expect(stopped.succeeded, "\(stopped.transcript)")
        let store = project.store
        try Self.expectSound(project)
        let cycles = try store.rows("SELECT outcome, import_id FROM refresh_cycle")
        if case .importWritten = moment {
            try #require(cycles == [["interrupted", "NULL"]], "the signal came after the import: \(cycles); \(stopped.stderr)")
            #expect(stopped.stderrLines.contains { $0.contains("cycle #1 interrupted in ") && $0.contains("rolled back") }, "\(stopped.stderr)")
        } else {
            #expect(cycles.allSatisfy { $0 == ["interrupted", "NULL"] }, "\(cycles)")
        }
        #expect(try store.count("sale") == 0)
        #expect(try store.count("import_run") == 0)

        let next = try WatchService(arguments, project: project)
        // 200,000 sales on a debug build of a busy machine: on PostgreSQL, minutes.
        let done = try await next.waitUntil("the import done", timeout: 900) { $0.dropFirst(cycles.count).contains { $0.outcome == "refreshed" } }
        let second = try await next.stop(SIGTERM)

        #expect(second.succeeded, "\(second.transcript)")
        #expect(done.first { $0.outcome == "refreshed" }?.rowsAdded == 200_000 + 12, "\(done)")
        let counters = try store.rows("SELECT read, inserted, duplicates, rejected FROM import_file WHERE kind = 'sales'")
        #expect(counters == [["200000", "200000", "0", "0"]])
        #expect(try store.count("sale") == 200_000)
        try Self.expectSound(project)
    }

    /// `ventes check` finds nothing wrong (integrity, foreign keys, counters, summary tables); on
    /// SQLite, the file's own checks agree.
    static func expectSound(_ project: Project) throws {
        let check = try project.ventes("check")
        #expect(check.succeeded, "\(check.transcript)")
        if project.backend == .sqlite {
            #expect(try project.database.integrityCheck() == ["ok"])
            #expect(try project.database.rows("PRAGMA foreign_key_check").isEmpty)
        }
    }
}
