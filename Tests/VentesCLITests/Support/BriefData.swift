import Foundation

/// The brief's sample (Fixtures/brief), read here independently of `ventes`, and the analysis
/// results it must give, computed in plain Swift from the three files.
struct BriefData {
    struct Store {
        let id: String
        let city: String
    }

    struct Product {
        let id: String
        let name: String
        let priceCents: Int
    }

    struct Sale {
        let date: String
        let productID: String
        let quantity: Int
        let storeID: String
    }

    /// One expected row of a `*_by_*` analysis: its key (id or name), label, units and revenue.
    struct Group: Equatable {
        let key: String
        let label: String
        let units: Int
        let revenueCents: Int
    }

    let stores: [Store]
    let products: [Product]
    let sales: [Sale]

    /// The regions the issue gives for the brief's cities.
    static let regionOfCity = [
        "Paris": "Île-de-France", "Marseille": "Provence-Alpes-Côte d'Azur", "Lyon": "Auvergne-Rhône-Alpes",
        "Bordeaux": "Nouvelle-Aquitaine", "Lille": "Hauts-de-France", "Nantes": "Pays de la Loire",
        "Strasbourg": "Grand Est",
    ]

    /// Reads the three brief files (plain comma-separated, no quotes: checked here).
    static func load() throws -> BriefData {
        func records(_ name: String) throws -> [[String]] {
            let text = String(decoding: try Fixtures.data("brief/\(name)"), as: UTF8.self)
            precondition(!text.contains("\""), "the brief files have no quoted fields")
            return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
                line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
        }
        func cents(_ price: String) -> Int {
            let parts = price.split(separator: ".")
            return Int(parts[0])! * 100 + Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))!
        }
        return BriefData(
            stores: try records("magasins.csv").map { Store(id: $0[0], city: $0[1]) },
            products: try records("produits.csv").map { Product(id: $0[1], name: $0[0], priceCents: cents($0[2])) },
            sales: try records("ventes.csv").map { Sale(date: $0[0], productID: $0[1], quantity: Int($0[2])!, storeID: $0[3]) })
    }

    func revenueCents(_ sale: Sale) -> Int {
        sale.quantity * products.first { $0.id == sale.productID }!.priceCents
    }

    var totalRevenueCents: Int { sales.map(revenueCents).reduce(0, +) }
    var totalUnits: Int { sales.map(\.quantity).reduce(0, +) }

    /// Sums units and revenue by `key`, ordered by revenue (highest first), then by `label`.
    private func grouped(_ key: (Sale) -> (key: String, label: String)) -> [Group] {
        var totals: [String: Group] = [:]
        for sale in sales {
            let (groupKey, label) = key(sale)
            let previous = totals[groupKey] ?? Group(key: groupKey, label: label, units: 0, revenueCents: 0)
            totals[groupKey] = Group(key: groupKey, label: label, units: previous.units + sale.quantity,
                                     revenueCents: previous.revenueCents + revenueCents(sale))
        }
        return totals.values.sorted { ($1.revenueCents, $0.key) < ($0.revenueCents, $1.key) }
    }

    var byProduct: [Group] {
        grouped { sale in (sale.productID, products.first { $0.id == sale.productID }!.name) }
    }

    var byCity: [Group] {
        grouped { sale in
            let city = stores.first { $0.id == sale.storeID }!.city
            return (city, city)
        }
    }

    var byRegion: [Group] {
        grouped { sale in
            let region = Self.regionOfCity[stores.first { $0.id == sale.storeID }!.city]!
            return (region, region)
        }
    }

    /// Cents as the exact decimal text JSON must carry: 526878 → `5268.78`.
    static func euros(_ cents: Int) -> String {
        "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
    }
}
