/// The three files a business exports, in the order they are imported.
public enum FileKind: String, Sendable, CaseIterable, Codable {
    case stores, products, sales

    /// The default file name, as the business names it.
    public var defaultFileName: String {
        switch self {
        case .stores: return "magasins.csv"
        case .products: return "produits.csv"
        case .sales: return "ventes.csv"
        }
    }
}
