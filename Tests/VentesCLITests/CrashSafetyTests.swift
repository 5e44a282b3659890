import Foundation
import Testing

/// A `ventes import` killed in the middle leaves the database as it was.
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

    @Test("SIGKILL mid-import: sales unchanged, integrity_check ok, and the import then succeeds")
    func killedMidImport() throws {
        let project = try Project()
        try project.importBrief()
        let big = try project.directory.write(Self.bigSalesFile(rows: 300_000), to: "in/big-ventes.csv")
        let before = try project.database.snapshot()
        let wal = project.directory.path("data/ventes.db-wal")

        let running = try VentesCommand.start(["import", "--sales", big], in: project.directory.url)
        // Wait until the import has written more than 1 MB of uncommitted pages, then kill it.
        var walBytes = 0
        while running.isRunning {
            if FileManager.default.fileExists(atPath: wal) {
                walBytes = (try FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber)?.intValue ?? 0
            }
            if walBytes > 1 << 20 {
                running.kill(SIGKILL)
                break
            }
            usleep(2_000)
        }
        let killed = try running.wait()

        try #require(killed.killedBySignal, "the import ended before it could be killed: \(killed.transcript)")
        #expect(killed.status == SIGKILL)
        #expect(walBytes > 1 << 20)
        let database = project.database
        #expect(try database.integrityCheck() == ["ok"])
        #expect(try database.count("sale") == 30)
        #expect(try database.snapshot() == before)

        let rerun = try project.ventes("import", "--sales", big, "--format", "json")

        try #require(rerun.succeeded, "\(rerun.transcript)")
        let sales = try #require(try ImportReport.parse(rerun.stdout).sales)
        #expect((sales.read, sales.inserted, sales.duplicates, sales.rejected) == (300_000, 300_000, 0, 0))
        #expect(try database.count("sale") == 300_030)
        #expect(try database.integrityCheck() == ["ok"])
    }
}
