import Foundation
import GRDB
import Logging
import Testing
@testable import VentesKit

/// Staged or written directly, the same files leave the same database: every sale with every column
/// (its line, its import, its price), the same counters, the same quarantine, exact summaries.
@Suite("Staged imports leave the database a direct import leaves")
struct SaleStagingEquivalenceTests {
    /// Runs and chunks of a few sales, and a merge window smaller than a sale with a long sale id.
    static let forced = SaleStaging.Policy(holdsBackEveryBatch: true, runSales: 5, chunkSales: 7, mergeWindowBytes: 48)
    /// Small runs and chunks, but held back only from a batch out of date order on, as in a real import.
    static let forcedOnlyOutOfOrder = SaleStaging.Policy(holdsBackEveryBatch: false, runSales: 2, chunkSales: 3, mergeWindowBytes: 48)

    @Test("random files, imported one after the other, staged and direct", arguments: 0..<16)
    func sameDatabase(seed: Int) throws {
        let fixture = try SaleStagingTests()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        var g = SaleTotalsPropertyTests.Generator(state: UInt64(seed) &* 0x9E37_79B9 &+ 11)
        let direct = try fixture.storeWithReferences(.standard)
        let staged = try fixture.storeWithReferences(Self.forced)
        let withIDs = seed % 3 == 0
        let header = (withIDs ? "ID Vente," : "") + "Date,ID Référence produit,Quantité,ID Magasin"
        let stores = ["S1", "S2", "S10", "É3", "Z"], products = ["P1", "P2", "P10", "Pé", "P"]
        var earlier: [String] = []
        for step in 0..<4 {
            var lines: [String] = []
            for _ in 0..<g.int(1...60) {
                // Sale ids from a small range: rows sharing one with other values, within a file and across files.
                let id = withIDs ? "V\(g.int(0...(step * 20 + 20)))" + String(repeating: "x", count: g.int(0...3) == 0 ? 60 : 0) + "," : ""
                switch g.int(0...9) {
                case 0 where !lines.isEmpty: lines.append(lines[g.int(0...(lines.count - 1))])   // repeated in the file
                case 1 where !earlier.isEmpty: lines.append(earlier[g.int(0...(earlier.count - 1))]) // already imported
                case 2: lines.append(id + "2024-02-\(g.int(1...30)),NOPE,1,S1")                    // rejected
                default:
                    lines.append(id + "2024-0\(g.int(1...3))-\(g.int(10...12)),\(products[g.int(0...4)]),\(g.int(1...3)),\(stores[g.int(0...4)])")
                }
            }
            lines = fixture.ordered(lines, g.int(0...1) == 0 ? .store : .random, seed: UInt64(seed * 10 + step))
            earlier += lines
            let file = try fixture.write("ventes-\(step).csv", [header] + lines)
            let a = try fixture.importer(direct).run([file]).file(.sales)
            let b = try fixture.importer(staged).run([file]).file(.sales)
            #expect(a?.counts == b?.counts, "seed \(seed), step \(step)")
            #expect(b?.counts.isBalanced == true)
            #expect(try fixture.sales(direct) == fixture.sales(staged), "seed \(seed), step \(step)")
            let quarantine = { (store: SQLiteStore) in try store.quarantine(importID: nil, kind: .sales).rows.map { "\($0.line) \($0.rawText)" } }
            #expect(try quarantine(direct) == quarantine(staged))
            try fixture.checkSound(staged)
        }
    }
}

/// A file whose first batches come in date order and the rest do not: the batches written directly
/// are taken back out and held back with the rest when that is possible (nothing dated after them
/// in the database), and every rule still holds across the switch.
@Suite("Switching to staging in the middle of a file")
struct SaleStagingSwitchTests {
    func sale(_ line: Int, _ date: String, _ product: String, _ quantity: Int, _ store: String, ref: String? = nil) -> SaleRecord {
        let parts = date.split(separator: "-").map { Int($0)! }
        return SaleRecord(saleRef: ref, date: SaleDate(year: parts[0], month: parts[1], day: parts[2]), productID: product,
                          quantity: quantity, storeID: store, unitPrice: Cents(Int64(100 * quantity)), line: line)
    }

    /// Imports `batches` (in date order or not) into `store` as one file; the counts and the sales.
    func importBatches(_ store: SQLiteStore, _ batches: [(sales: [SaleRecord], inDateOrder: Bool)]) throws -> (inserted: Int, written: Int) {
        try store.performImport(startedAt: Date(), strict: false, finishedAt: { Date() }) { transaction in
            var inserted = 0, written = 0
            for batch in batches {
                inserted += try transaction.insertSales(store.prepareSales(batch.sales, inDateOrder: batch.inDateOrder))
                written += batch.sales.count
            }
            return (inserted + (try transaction.finishSales()), written)
        }
    }

    func storeWithReferences(_ path: String? = nil) throws -> SQLiteStore {
        let fixture = try SaleStagingTests()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        return try fixture.storeWithReferences(SaleStagingEquivalenceTests.forcedOnlyOutOfOrder)
    }

    @Test("sales written before the switch are held back again, counted once, the first line kept")
    func restagedAfterTheSwitch() throws {
        let store = try storeWithReferences()
        let direct = [sale(2, "2024-01-01", "P1", 1, "S1"), sale(3, "2024-01-02", "P2", 2, "S2"), sale(4, "2024-01-02", "P2", 2, "S2")]
        let later = [sale(5, "2023-12-31", "P", 1, "Z"), sale(6, "2024-01-02", "P2", 2, "S2"), sale(7, "2024-01-01", "P1", 1, "S1"),
                     sale(8, "2024-01-03", "P10", 3, "S10")]
        let counts = try importBatches(store, [(direct, true), (later, false)])
        #expect(counts.written == 7)
        #expect(counts.inserted == 4)
        let rows = try store.read { db in try Row.fetchAll(db, sql: "SELECT date, store_id, line FROM sale ORDER BY date, store_id") }
        #expect(rows.map { "\($0["date"] as String) \($0["store_id"] as String) \($0["line"] as Int)" }
                == ["2023-12-31 Z 5", "2024-01-01 S1 2", "2024-01-02 S2 3", "2024-01-03 S10 8"])
        #expect(try store.saleTotalsDifferences() == [])
    }

    @Test("a sale id written before the switch keeps its first line against a later one that sorts first")
    func saleIDsAcrossTheSwitch() throws {
        let store = try storeWithReferences()
        let direct = [sale(2, "2024-03-01", "P1", 1, "S1", ref: "A"), sale(3, "2024-03-02", "P2", 1, "S1", ref: "B")]
        let later = [sale(4, "2024-01-01", "P", 1, "Z", ref: "A"), sale(5, "2024-01-01", "P1", 1, "S1", ref: "C"),
                     sale(6, "2024-04-01", "P1", 1, "S1", ref: "B")]
        let counts = try importBatches(store, [(direct, true), (later, false)])
        #expect(counts.inserted == 3)
        let refs = try store.read { db in try Row.fetchAll(db, sql: "SELECT sale_ref, line FROM sale ORDER BY sale_ref") }
        #expect(refs.map { "\($0["sale_ref"] as String) \($0["line"] as Int)" } == ["A 2", "B 3", "C 5"])
        #expect(try store.saleTotalsDifferences() == [])
    }

    @Test("sales written before the switch stay where they are when the database holds later ones")
    func keptWhenOlderThanTheDatabase() throws {
        let store = try storeWithReferences()
        _ = try importBatches(store, [([sale(2, "2024-06-01", "P1", 1, "S1")], true)])
        let direct = [sale(2, "2024-01-01", "P1", 1, "S1"), sale(3, "2024-01-02", "P2", 2, "S2")]
        let later = [sale(4, "2023-12-31", "P", 1, "Z"), sale(5, "2024-06-01", "P1", 1, "S1"), sale(6, "2024-01-02", "P2", 2, "S2")]
        let counts = try importBatches(store, [(direct, true), (later, false)])
        #expect(counts.inserted == 3)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sale") } == 4)
        #expect(try store.saleTotalsDifferences() == [])
    }
}
