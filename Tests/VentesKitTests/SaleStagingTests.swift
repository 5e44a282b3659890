import Foundation
import GRDB
import Logging
import Testing
@testable import VentesKit

/// The sales of a file not in date order are held back, sorted in runs, merged and written in key
/// order (`SaleStaging`). Every rule of a direct import holds there too, in store order and in random
/// order: these tests force the staging on small files (tiny runs and chunks, so that the merge and
/// the chunking are exercised) and check each rule, and that the database ends exactly as a direct
/// import leaves it.
@Suite("Sales written in key order whatever the file's order")
struct SaleStagingTests {
    enum Order: CaseIterable { case store, random }

    /// Staging from the first batch, three sales a run, four a written chunk.
    static let forced = SaleStaging.Policy(holdsBackEveryBatch: true, runSales: 3, chunkSales: 4, mergeWindowBytes: 64)

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ lines: [String]) throws -> ImportSource {
        let url = directory.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        let kind: FileKind = name.hasPrefix("magasins") ? .stores : name.hasPrefix("produits") ? .products : .sales
        return ImportSource(kind: kind, path: url.path)
    }

    func importer(_ store: SQLiteStore) -> Importer {
        Importer(store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// Stores and products whose ids sort differently as bytes and as numbers or Unicode ("S10" < "S2",
    /// "Z" < "É"), imported into a new store.
    func storeWithReferences(_ policy: SaleStaging.Policy, path: String? = nil) throws -> SQLiteStore {
        let store = try path.map { try SQLiteStore(path: $0, saleStaging: policy) } ?? SQLiteStore.inMemory(saleStaging: policy)
        let stores = try write("magasins.csv", ["ID Magasin,Ville"] + ["S1", "S2", "S10", "É3", "Z"].map { "\($0),Paris" })
        let products = try write("produits.csv", ["Nom,ID Référence produit,Prix"]
                                 + ["P1", "P2", "P10", "Pé", "P"].enumerated().map { "Produit \($0.offset),\($0.element),\($0.offset + 1).25" })
        _ = try importer(store).run([stores, products])
        return store
    }

    /// `rows` (`date,product,quantity,store`, with a sale id first when the file has them) in `order`:
    /// each store's rows together (in file order within a store), or shuffled with a fixed seed.
    func ordered(_ rows: [String], _ order: Order, seed: UInt64 = 7) -> [String] {
        switch order {
        case .store:
            return rows.enumerated().sorted { ($0.element.split(separator: ",").last!, $0.offset) < ($1.element.split(separator: ",").last!, $1.offset) }
                .map(\.element)
        case .random:
            var g = SaleTotalsPropertyTests.Generator(state: seed)
            return rows.shuffled(using: &g)
        }
    }

    /// Every sale, every column, in key order.
    func sales(_ store: SQLiteStore) throws -> [[DatabaseValue]] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sale ORDER BY date, store_id, product_id, quantity, sale_ref").map { Array($0.databaseValues) }
        }
    }

    func checkSound(_ store: SQLiteStore) throws {
        #expect(try store.saleTotalsDifferences() == [])
        #expect(try store.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }

    @Test("identical rows: the first line is kept, the others counted as duplicates", arguments: Order.allCases)
    func firstLineWins(order: Order) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try storeWithReferences(Self.forced)
        let rows = ["2024-03-01,P2,1,S2", "2024-01-05,P1,2,S10", "2024-03-01,P2,1,S2", "2024-02-01,Pé,3,É3",
                    "2024-01-05,P1,2,S10", "2024-03-01,P2,1,S2", "2024-01-04,P,1,Z"]
        let lines = ordered(rows, order)
        let file = try write("ventes.csv", ["Date,ID Référence produit,Quantité,ID Magasin"] + lines)
        let counts = try #require(try importer(store).run([file]).file(.sales)?.counts)
        #expect(counts.inserted == 4)
        #expect(counts.duplicates == 3)
        // Each kept row is the first line (physical line: the header is line 1) holding its values.
        let kept = try store.read { db in try Row.fetchAll(db, sql: "SELECT date, product_id, quantity, store_id, line FROM sale") }
        for row in kept {
            let text = "\(row["date"] as String),\(row["product_id"] as String),\(row["quantity"] as Int),\(row["store_id"] as String)"
            #expect(row["line"] as Int == lines.firstIndex(of: text)! + 2, "\(text)")
        }
        try checkSound(store)
    }

    @Test("rows sharing a sale id: the first line is kept, even when a later one comes first in key order", arguments: Order.allCases)
    func firstSaleIDWins(order: Order) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try storeWithReferences(Self.forced)
        // V1 three times with other values, the first of them (in the file) last in key order.
        let lines = ordered(["V2,2024-02-02,P1,1,S1", "V3,2024-01-01,P2,2,Z"], order)
            + ["V1,2024-05-05,P10,1,S2", "V1,2024-01-01,P1,1,S1", "V4,2024-03-03,P,4,S10", "V1,2024-03-03,P2,7,É3"]
        let file = try write("ventes.csv", ["ID Vente,Date,ID Référence produit,Quantité,ID Magasin"] + lines)
        let counts = try #require(try importer(store).run([file]).file(.sales)?.counts)
        #expect(counts.inserted == 4)
        #expect(counts.duplicates == 2)
        let v1 = try store.read { db in try Row.fetchOne(db, sql: "SELECT date, product_id, line FROM sale WHERE sale_ref = 'V1'") }
        #expect(v1?["date"] == "2024-05-05")
        #expect(v1?["product_id"] == "P10")
        #expect(v1?["line"] == 4)
        try checkSound(store)
    }

    @Test("duplicates of sales already in the database are counted exactly", arguments: Order.allCases)
    func duplicatesAgainstTheDatabase(order: Order) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try storeWithReferences(Self.forced)
        let header = "Date,ID Référence produit,Quantité,ID Magasin"
        let first = ["2024-01-01,P1,1,S1", "2024-01-02,P2,2,S2", "2024-01-03,P10,3,S10", "2024-01-04,Pé,4,É3"]
        _ = try importer(store).run([try write("ventes.csv", [header] + ordered(first, order))])
        let second = first.prefix(3) + ["2024-01-02,P2,2,S1", "2023-12-31,P,1,Z", "2024-01-01,P1,1,S1"]
        let counts = try #require(try importer(store).run([try write("ventes-2.csv", [header] + ordered(Array(second), order))])
            .file(.sales)?.counts)
        #expect(counts.read == 6)
        #expect(counts.inserted == 2)
        #expect(counts.duplicates == 4)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sale") } == 6)
        try checkSound(store)
    }

    @Test("rejected rows are quarantined with their lines and reasons", arguments: Order.allCases)
    func rejectsKeepTheirLines(order: Order) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try storeWithReferences(Self.forced)
        let lines = ordered(["2024-01-01,P1,1,S1", "2024-01-02,NOPE,2,S2", "2024-01-03,P10,0,S10", "2024-01-04,Pé,4,É3",
                             "2024-13-04,P2,4,S2", "2024-01-05,P2,1,NOWHERE", "2024-01-06,P,1,Z"], order)
        let file = try write("ventes.csv", ["Date,ID Référence produit,Quantité,ID Magasin"] + lines)
        let summary = try importer(store).run([file])
        let counts = try #require(summary.file(.sales)?.counts)
        #expect(counts.inserted == 3)
        #expect(counts.rejected == 4)
        let quarantined = try store.quarantine(importID: summary.importID, kind: .sales).rows
        for row in quarantined {
            #expect(lines[row.line - 2] == row.rawText)
        }
        #expect(Set(quarantined.map(\.rawText)) == Set(lines.filter { $0.contains("NOPE") || $0.contains(",0,") || $0.contains("-13-")
                                                                       || $0.contains("NOWHERE") }))
        try checkSound(store)
    }

    @Test("a failure after sales were held back leaves the database as it was (one transaction)")
    func failureRollsBack() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try storeWithReferences(Self.forced)
        let lines = ordered(["2024-01-01,P1,1,S1", "2024-01-02,P2,2,S2", "2024-01-03,P10,3,S10", "2024-01-04,Pé,4,É3"], .random)
            + ["2024-01-05,NOPE,1,S1"]
        let file = try write("ventes.csv", ["Date,ID Référence produit,Quantité,ID Magasin"] + lines)
        #expect(throws: ImportError.self) { try importer(store).run([file], options: ImportOptions(strict: true)) }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sale") } == 0)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sale_total_by_product") } == 0)
        // The same file, imported without --strict, then writes its four sales.
        #expect(try importer(store).run([file]).file(.sales)?.counts.inserted == 4)
        try checkSound(store)
    }

    @Test("an import that starts over (the date format decided by the last line) writes the held-back sales once")
    func restartAfterTheSurvey() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try storeWithReferences(Self.forced)
        // Ambiguous dates until the last line, which proves the column month-first.
        let lines = ordered(["03/01/2024,P1,1,S1", "01/02/2024,P2,2,S2", "02/03/2024,P10,3,S10", "01/03/2024,Pé,4,É3"], .random)
            + ["12/31/2024,P,1,Z"]
        let file = try write("ventes.csv", ["Date,ID Référence produit,Quantité,ID Magasin"] + lines)
        let counts = try #require(try importer(store).run([file]).file(.sales)?.counts)
        #expect(counts.inserted == 5)
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT date FROM sale ORDER BY date") }
                == ["2024-01-02", "2024-01-03", "2024-02-03", "2024-03-01", "2024-12-31"])
        try checkSound(store)
    }

    @Test("a database file keeps its WAL journal and its foreign keys through a staged import")
    func walAndForeignKeys() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ventes.db").path
        let store = try storeWithReferences(Self.forced, path: path)
        let file = try write("ventes.csv", ["Date,ID Référence produit,Quantité,ID Magasin"]
                             + ordered(["2024-01-01,P1,1,S1", "2024-01-02,P2,2,S2", "2024-01-03,P10,3,S10"], .random))
        #expect(try importer(store).run([file]).file(.sales)?.counts.inserted == 3)
        #expect(try store.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try store.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") } == true)
        try checkSound(store)
    }
}
