import Foundation
import Logging
import Testing
@testable import VentesKit

/// The summary tables stay equal to the totals recomputed from every sale, whatever the imports:
/// random batches, re-imports, appends, rows repeated inside a file, price changes.
@Suite("Sale totals, kept by every import")
struct SaleTotalsPropertyTests {
    /// A small deterministic generator (the same seed gives the same files).
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    }

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-totals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ lines: [String]) throws -> ImportSource {
        let url = directory.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        let kind: FileKind = name.hasPrefix("magasins") ? .stores : name.hasPrefix("produits") ? .products : .sales
        return ImportSource(kind: kind, path: url.path)
    }

    func salesLines(_ g: inout Generator, count: Int, withIDs: Bool, firstID: Int) -> [String] {
        (0..<count).map { index in
            let date = String(format: "2024-%02d-%02d", g.int(1...3), g.int(1...28))
            let row = "\(date),P\(g.int(1...6)),\(g.int(1...4)),S\(g.int(1...3))"
            return withIDs ? "V\(firstID + index + (g.int(0...4) == 0 ? -1 : 0)),\(row)" : row
        }
    }

    /// `staged`: every sales file held back and written in key order (`SaleStaging`), as a file out
    /// of date order is.
    @Test("after each step the summaries equal a full recomputation", arguments: 0..<12, [false, true])
    func totalsStayExact(seed: Int, staged: Bool) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var g = Generator(state: UInt64(seed) &* 2_654_435_761 &+ 7)
        let store = try staged ? SQLiteStore.inMemory(saleStaging: SaleStagingTests.forced) : SQLiteStore.inMemory()
        let importer = Importer(store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let withIDs = seed % 2 == 0
        let header = (withIDs ? "ID Vente," : "") + "Date,ID Référence produit,Quantité,ID Magasin"
        let stores = try write("magasins.csv", ["ID Magasin,Ville"] + (1...3).map { "S\($0),Paris" })
        func products(_ version: Int) throws -> ImportSource {
            try write("produits-\(version).csv", ["Nom,ID Référence produit,Prix"] + (1...6).map { "Produit \($0),P\($0),\($0 + version).50" })
        }
        _ = try importer.run([stores, try products(0)])
        #expect(try store.saleTotalsDifferences() == [])

        var lines: [String] = []
        for step in 0..<6 {
            switch g.int(0...3) {
            case 0: // a grown export: new rows appended (the fast path reads only them)
                lines += salesLines(&g, count: g.int(1...40), withIDs: withIDs, firstID: lines.count)
            case 1: // the same rows repeated inside the file, and rows already imported
                lines += lines.prefix(g.int(0...10)) + salesLines(&g, count: g.int(1...10), withIDs: withIDs, firstID: lines.count)
            case 2: // a new price: later sales use it, earlier ones keep theirs
                _ = try importer.run([try products(step + 1)])
                lines += salesLines(&g, count: g.int(1...20), withIDs: withIDs, firstID: lines.count)
            default: // an edited export: compared in full, nearly all duplicates
                lines.shuffle(using: &g)
            }
            let sales = try write("ventes.csv", [header] + lines)
            let summary = try importer.run([sales])
            #expect(summary.file(.sales)?.counts.isBalanced == true)
            #expect(try store.saleTotalsDifferences() == [], "seed \(seed), step \(step)")
        }
    }

    @Test("a database from before the summaries gets them built by the migration")
    func migrationBuildsThem() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.db").path
        try SQLiteStore.makeOldDatabase(path: path, upTo: "v4", sql: """
            INSERT INTO import_run (id, started_at, strict) VALUES (1, '2026-01-01T00:00:00Z', 0);
            INSERT INTO store (id, city, import_id) VALUES ('1', 'Paris', 1), ('2', 'Lyon', 1);
            INSERT INTO product (id, name, price_cents, import_id) VALUES ('P', 'Pen', 150, 1);
            INSERT INTO sale (store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line)
            VALUES ('2', '2024-01-01', 'P', 1, '', 150, 150, 1, 2), ('1', '2024-01-02', 'P', 2, '', 150, 300, 1, 3),
                   ('1', '2024-01-02', 'P', 3, '', 150, 450, 1, 4);
            """)
        let store = try SQLiteStore(path: path)
        #expect(try store.saleTotalsDifferences() == [])
        let file = try AnalysisFile(path: "a.sql", text: """
            -- name: total
            -- What?
            SELECT sales_count, units, revenue_cents FROM sale_total_by_product;
            """)
        #expect(try store.runAnalyses(file, startedAt: Date()).result("total")?.rows == [[.integer(3), .integer(6), .integer(900)]])
    }
}

extension SaleTotalsPropertyTests.Generator: RandomNumberGenerator {}
