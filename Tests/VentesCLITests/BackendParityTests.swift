import Foundation
import Testing

/// The same data gives the same answers on both stores: `analyze --format json` prints the same
/// bytes on SQLite and on PostgreSQL, for every analysis of the PostgreSQL analyses file (the
/// SQLite run is given the SQLite file's queries of the same names, in the same order).
@Suite("SQLite and PostgreSQL give the same analyses (run when VENTES_TEST_POSTGRESQL_URL is set)",
       .enabled(if: PostgreSQLTestServer.url != nil, "VENTES_TEST_POSTGRESQL_URL is not set"))
struct BackendParityTests {
    /// The named queries of an analyses file, in order: name and the text of its block.
    static func blocks(_ text: String) -> [(name: String, text: String)] {
        text.components(separatedBy: "\n-- name: ").dropFirst().map { block in
            let name = String(block.prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
            return (name, "-- name: " + block)
        }
    }

    /// Writes, in the SQLite project, the SQLite queries of the analyses the PostgreSQL file has.
    static func matchingSQLiteFile(in project: Project) throws -> [String] {
        let sqlite = blocks(try String(contentsOf: Fixtures.analysesFile, encoding: .utf8))
        let names = blocks(try String(contentsOf: Fixtures.postgreSQLAnalysesFile, encoding: .utf8)).map(\.name)
        let required = ["total_revenue", "sales_by_product", "sales_by_city", "sales_by_region"]
        #expect(Set(required).isSubset(of: names), "the PostgreSQL file has the required analyses: \(names)")
        #expect(names == sqlite.map(\.name), "the PostgreSQL file has every shipped analysis, in the same order")
        let text = try names.map { name in try #require(sqlite.first { $0.name == name }, "\(name) is not a SQLite analysis").text }
        try project.directory.write("\n" + text.joined(separator: "\n") + "\n", to: "results/analyses.sql")
        return names
    }

    /// Imports the project's CSV directory and prints `analyze --format json` on both backends.
    static func analyses(csv: (Project) throws -> Void) throws -> (sqlite: String, postgresql: String, names: [String]) {
        let sqlite = try Project()
        let postgresql = try Project(backend: .postgresql)
        let names = try matchingSQLiteFile(in: sqlite)
        var printed: [String] = []
        for project in [sqlite, postgresql] {
            try csv(project)
            let imported = try project.ventes("import", "--format", "json")
            try #require(imported.succeeded, "\(imported.transcript)")
            let analyzed = try project.ventes("analyze", "--format", "json")
            try #require(analyzed.succeeded, "\(analyzed.transcript)")
            #expect(analyzed.stderr.isEmpty, "\(analyzed.stderr)")
            printed.append(analyzed.stdout)
        }
        return (printed[0], printed[1], names)
    }

    @Test("the brief's data: the same JSON on both, 5268.78 of revenue")
    func brief() throws {
        let (sqlite, postgresql, names) = try Self.analyses { _ in }

        #expect(postgresql == sqlite)
        #expect(postgresql.contains("\"total_revenue\":[{\"revenue\":5268.78,\"units\":122,\"sales_count\":30}]"), "\(postgresql)")
        for name in names { #expect(postgresql.contains("\"\(name)\":["), "\(name) missing") }
    }

    @Test("a generated data set of 100,000 sales rows (duplicates and bad rows among them): the same JSON on both")
    func generated() throws {
        let (sqlite, postgresql, _) = try Self.analyses { project in try GeneratedSales.write(rows: 100_000, into: project) }

        #expect(postgresql == sqlite)
        #expect(postgresql.count > 1000)
    }
}

/// A reproducible data set: 40 stores, 300 products, sales spread over two years, with about 1%
/// repeated rows and 0.1% rows naming an unknown product.
enum GeneratedSales {
    static func write(rows: Int, into project: Project) throws {
        var random = SplitMix(seed: 42)
        let cities = ["Paris", "Marseille", "Lyon", "Bordeaux", "Lille", "Nantes", "Strasbourg", "Toulouse", "Nice", "Rennes"]
        let stores = ["ID Magasin,Ville,Nombre de salariés"] + (1...40).map { "\($0),\(cities[$0 % cities.count]),\($0 % 17 + 3)" }
        let products = ["Nom,ID Référence produit,Prix,Stock"] + (1...300).map { index in
            "Produit \(index),P\(String(format: "%04d", index)),\(random.next(1...500)).\(String(format: "%02d", random.next(0...99))),\(random.next(0...400))"
        }
        var sales = ["Date,ID Référence produit,Quantité,ID Magasin"]
        sales.reserveCapacity(rows + 1)
        while sales.count <= rows {
            if sales.count > 10, random.next(0...99) == 0 {
                sales.append(sales[random.next(1...(sales.count - 1))])
                continue
            }
            let day = random.next(0...729)
            let date = String(format: "%04d-%02d-%02d", 2023 + day / 365, (day % 365) / 31 % 12 + 1, (day % 365) % 28 + 1)
            let product = random.next(0...999) == 0 ? "UNKNOWN" : "P\(String(format: "%04d", random.next(1...300)))"
            sales.append("\(date),\(product),\(random.next(1...9)),\(random.next(1...40))")
        }
        for (name, lines) in [("magasins.csv", stores), ("produits.csv", products), ("ventes.csv", sales)] {
            try project.directory.write(lines.joined(separator: "\n") + "\n", to: "csv/\(name)")
        }
    }

    /// A small deterministic generator (SplitMix64).
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }

        mutating func next(_ range: ClosedRange<Int>) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return range.lowerBound + Int(z % UInt64(range.count))
        }
    }
}
