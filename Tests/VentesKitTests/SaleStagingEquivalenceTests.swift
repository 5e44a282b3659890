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
