import Foundation
import Logging
import Testing
@testable import VentesKit

/// On PostgreSQL a first import sends its sales straight into `sale` (`PostgreSQLSaleLoad`), each
/// later one through the staging table, and a first import too large for the filter switches to the
/// staging table in the middle of its file. The three ways must leave the same database: every sale
/// with every column, the same counters, the same quarantine, exact summary tables.
@Suite("PostgreSQL: straight in, staged, or both in one file, the same database")
struct PostgreSQLSaleLoadTests {
    /// Staged from the first sale; straight in for the first few sales of a file, then staged; straight
    /// in, sorted and sent a few sales at a time; the shipped policy.
    static func policies(seed: Int) -> [(name: String, policy: PostgreSQLSaleLoad.Policy)] {
        [("staged", .init(directCapacity: 0)), ("switching", .init(directCapacity: 2 + seed % 5, chunkSales: 2)),
         ("chunked", .init(directCapacity: 1_000, chunkSales: 1 + seed % 4)), ("standard", .standard)]
    }

    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// `lines` as the file `name` (its kind from its name, as `ventes` guesses it).
    func write(_ name: String, _ lines: [String]) throws -> ImportSource {
        let path = try directory.write(lines.joined(separator: "\n") + "\n", to: name)
        return ImportSource(kind: name.hasPrefix("magasins") ? .stores : name.hasPrefix("produits") ? .products : .sales, path: path)
    }

    func importer(_ store: PostgreSQLStore) -> Importer {
        Importer(store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// What the three ways must agree on, read with psql: every sale with every column, the
    /// quarantine, both summary tables.
    func contents(_ schema: String) throws -> [[[String]]] {
        try [
            "SELECT * FROM sale ORDER BY date, store_id, product_id, quantity, sale_ref",
            "SELECT import_id, line, raw_text, reason FROM rejected_row ORDER BY import_id, line",
            "SELECT * FROM sale_total_by_day_store ORDER BY date, store_id",
            "SELECT * FROM sale_total_by_product ORDER BY product_id",
        ].map { try PostgreSQLTestServer.psql($0, schema: schema) }
    }

    @Test("random files imported one after the other", .enabled(if: PostgreSQLTestServer.url != nil), arguments: 0..<8)
    func sameDatabase(seed: Int) throws {
        let ways = Self.policies(seed: seed)
        let schemas = ways.map { _ in PostgreSQLTestServer.newSchemaName() }
        defer { schemas.forEach(PostgreSQLTestServer.dropSchema) }
        let stores = try ways.indices.map { try PostgreSQLStore(url: PostgreSQLTestServer.url(schema: schemas[$0]), salePolicy: ways[$0].policy) }
        // Ids that sort differently as bytes and as numbers or Unicode ("S10" < "S2", "Z" < "É").
        let storeIDs = ["S1", "S2", "S10", "É3", "Z"], productIDs = ["P1", "P2", "P10", "Pé", "P"]
        let references = try [
            write("magasins.csv", ["ID Magasin,Ville"] + storeIDs.map { "\($0),Paris" }),
            write("produits.csv", ["Nom,ID Référence produit,Prix"] + productIDs.enumerated().map { "Produit \($0.offset),\($0.element),\($0.offset + 1).25" }),
        ]
        for store in stores { _ = try importer(store).run(references) }

        var g = SalesOrderTests.Generator(state: UInt64(seed) &* 0x9E37_79B9 &+ 11)
        let withIDs = seed % 2 == 0
        let header = (withIDs ? "ID Vente," : "") + "Date,ID Référence produit,Quantité,ID Magasin"
        var earlier: [String] = []
        for step in 0..<3 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 1...40, using: &g) {
                // Sale ids from a small range: rows sharing one with other values, within a file and across files.
                let id = withIDs ? "V\(Int.random(in: 0...(step * 15 + 15), using: &g))," : ""
                switch Int.random(in: 0...9, using: &g) {
                case 0 where !lines.isEmpty: lines.append(lines.randomElement(using: &g)!)      // repeated in the file
                case 1 where !earlier.isEmpty: lines.append(earlier.randomElement(using: &g)!)  // already imported
                case 2: lines.append(id + "2024-02-\(Int.random(in: 10...28, using: &g)),NOPE,1,S1")  // rejected
                default:
                    lines.append(id + "2024-0\(Int.random(in: 1...3, using: &g))-1\(Int.random(in: 0...2, using: &g)),"
                                 + "\(productIDs.randomElement(using: &g)!),\(Int.random(in: 1...3, using: &g)),\(storeIDs.randomElement(using: &g)!)")
                }
            }
            earlier += lines
            let file = try write("ventes-\(step).csv", [header] + lines)
            let counts = try stores.map { try #require(try importer($0).run([file]).file(.sales)?.counts) }
            for (way, count) in zip(ways, counts).dropFirst() {
                #expect(count == counts[0], "seed \(seed), step \(step): \(way.name)")
            }
            #expect(counts[0].isBalanced)
            let staged = try contents(schemas[0])
            for (index, way) in ways.enumerated().dropFirst() {
                #expect(try contents(schemas[index]) == staged, "seed \(seed), step \(step): \(way.name)")
            }
        }
        for index in ways.indices {
            let report = try PostgreSQLStore.check(url: PostgreSQLTestServer.url(schema: schemas[index]))
            #expect(report.isSound, "\(ways[index].name): \(report.findings)")
        }
    }
}
