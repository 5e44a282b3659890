import Foundation
import Testing

/// A `ventes import` killed in the middle leaves the store as it was.
@Suite("crash safety")
struct CrashSafetyTests {
    /// A sales file of `rows` distinct, valid sales (keyed by an "ID Vente" column) on the brief's products and stores.
    /// `rows` sales of 2024 for the brief's stores and products; the dates go round the year every
    /// 336 rows (a file out of date order, which the store stages until its end), or rise from the
    /// first row to the last when `inDateOrder` (written as they are read).
    static func bigSalesFile(rows: Int, inDateOrder: Bool = false) -> Data {
        var text = "ID Vente,Date,ID Référence produit,Quantité,ID Magasin\n"
        text.reserveCapacity(rows * 40)
        for index in 0..<rows {
            let dayOfYear = inDateOrder ? index * 336 / rows : index % 336
            let day = dayOfYear % 28 + 1
            let month = dayOfYear / 28 + 1
            text += "BIG-\(index),2024-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),REF00\(index % 5 + 1),\(index % 9 + 1),\(index % 7 + 1)\n"
        }
        return Data(text.utf8)
    }

    @Test("SIGKILL mid-import: the store unchanged and sound, and the import then succeeds (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func killedMidImport(backend: Backend) async throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let big = try project.directory.write(try await onOwnThread { Self.bigSalesFile(rows: 300_000) }, to: "in/big-ventes.csv")
        let before = try project.store.snapshot()
        let sqliteBefore = backend == .sqlite ? try project.database.snapshot() : [:]
        let progress = project.progress
        // What the store has written so far (on PostgreSQL the sales of the first import).
        let written = max(progress.writtenBytes(), 0)

        let running = try project.start("import", "--sales", big)
        // Killed once the import has written more than 1 MB it has not committed (on PostgreSQL a
        // killed client's transaction is rolled back by the server).
        let signalled = try await progress.signal(running, SIGKILL) { progress.writtenBytes() > written + (1 << 20) }
        let killed = try running.wait()

        try #require(signalled && killed.killedBySignal, "the import ended before it could be killed: \(killed.transcript)")
        #expect(killed.status == SIGKILL)
        let store = project.store
        #expect(try store.count("sale") == 30)
        #expect(try store.snapshot() == before)
        if backend == .sqlite {
            #expect(try project.database.snapshot() == sqliteBefore)
        }
        try WatchStopTests.expectSound(project)

        let rerun = try await project.ventesAsync("import", "--sales", big, "--format", "json")

        try #require(rerun.succeeded, "\(rerun.transcript)")
        let sales = try #require(try ImportReport.parse(rerun.stdout).sales)
        #expect((sales.read, sales.inserted, sales.duplicates, sales.rejected) == (300_000, 300_000, 0, 0))
        #expect(try store.count("sale") == 300_030)
        try WatchStopTests.expectSound(project)
    }
}
