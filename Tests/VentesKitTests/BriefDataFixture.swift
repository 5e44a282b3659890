import Foundation
import Logging
@testable import VentesKit

/// The brief's three files (csv/ at the repository root), read independently of VentesKit's
/// CSV reader, and a database where they are imported and analysed with results/analyses.sql.
struct BriefDataFixture {
    struct Store { var id: String, city: String, employees: Int64 }
    struct Product { var id: String, name: String, priceCents: Int64, stock: Int64 }
    struct Sale { var date: String, productID: String, quantity: Int64, storeID: String }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The region of each brief city, from the 2016 map (written here, not taken from VentesKit).
    static let regionOfCity = [
        "Paris": "Île-de-France", "Marseille": "Provence-Alpes-Côte d'Azur", "Lyon": "Auvergne-Rhône-Alpes",
        "Bordeaux": "Nouvelle-Aquitaine", "Lille": "Hauts-de-France", "Nantes": "Pays de la Loire", "Strasbourg": "Grand Est",
    ]

    let stores: [Store]
    let products: [Product]
    let sales: [Sale]

    init() throws {
        func rows(_ name: String) throws -> [[String]] {
            let text = try String(contentsOf: Self.repository.appendingPathComponent("csv/\(name)"), encoding: .utf8)
            return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
        }
        stores = try rows("magasins.csv").map { Store(id: $0[0], city: $0[1], employees: Int64($0[2])!) }
        products = try rows("produits.csv").map { fields in
            let price = fields[2].split(separator: ".")
            return Product(id: fields[1], name: fields[0], priceCents: Int64(price[0])! * 100 + Int64(price[1])!, stock: Int64(fields[3])!)
        }
        sales = try rows("ventes.csv").map { Sale(date: $0[0], productID: $0[1], quantity: Int64($0[2])!, storeID: $0[3]) }
    }

    func product(_ id: String) -> Product { products.first { $0.id == id }! }
    func store(_ id: String) -> Store { stores.first { $0.id == id }! }
    func revenue(_ sale: Sale) -> Int64 { sale.quantity * product(sale.productID).priceCents }

    /// A new database in a temporary directory with the brief's files imported and analysed once.
    static func analyzedDatabase() throws -> (database: SQLiteStore, run: AnalysisRun, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try SQLiteStore(path: directory.appendingPathComponent("ventes.db").path)
        let sources = [(FileKind.stores, "magasins.csv"), (.products, "produits.csv"), (.sales, "ventes.csv")].map {
            ImportSource(kind: $0.0, path: repository.appendingPathComponent("csv/\($0.1)").path)
        }
        _ = try Importer(store: database, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }).run(sources)
        let file = try AnalysisFile(path: repository.appendingPathComponent("results/analyses.sql").path)
        let run = try database.runAnalyses(file, startedAt: Date(timeIntervalSince1970: 1_800_000_000))
        return (database, run, directory)
    }
}

extension AnalysisRun {
    /// The rows of analysis `name` as dictionaries keyed by display name (`revenue`, not `revenue_cents`).
    func rows(_ name: String) -> [[String: ResultValue]] {
        guard let result = result(name) else { return [] }
        return result.rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(result.columns.map(\.displayName), row))
        }
    }
}

/// `value` rounded half away from zero to `decimals` decimals, as SQLite's ROUND does.
func roundedLikeSQLite(_ value: Double, _ decimals: Int) -> Double {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
}

/// `numerator / denominator` rounded to a whole number, half away from zero.
func roundedDivision(_ numerator: Int64, _ denominator: Int64) -> Int64 {
    Int64((Double(numerator) / Double(denominator)).rounded(.toNearestOrAwayFromZero))
}
