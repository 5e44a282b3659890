/// A column the importer needs, with the names businesses give it.
public struct ColumnSpec: Sendable, Hashable {
    /// The canonical English name (`quantity`), used in messages and the schema.
    public let name: String
    /// Accepted header names, already normalised (see `HeaderName.normalize`).
    public let aliases: [String]
    public let isRequired: Bool

    init(_ name: String, required: Bool = true, aliases: [String]) {
        self.name = name
        self.aliases = ([name] + aliases).map(HeaderName.normalize)
        self.isRequired = required
    }
}

/// The columns of each of the three files, French and English names.
enum Columns {
    static let storeID = ColumnSpec("store_id", aliases: [
        "ID Magasin", "Magasin ID", "Code magasin", "Identifiant magasin", "Numéro magasin", "N° magasin",
        "Magasin", "store", "store id", "shop id", "Point de vente", "ID point de vente", "Code boutique",
        "Boutique", "store code", "shop",
    ])
    static let city = ColumnSpec("city", aliases: ["Ville", "Commune", "town"])
    static let employees = ColumnSpec("employees", required: false, aliases: [
        "Nombre de salariés", "Nb salariés", "Nombre salariés", "Salariés", "Effectif", "Effectifs",
        "Nombre d'employés", "Employés", "staff", "employee count", "headcount",
    ])
    static let region = ColumnSpec("region", required: false, aliases: ["Région"])

    static let productID = ColumnSpec("product_id", aliases: [
        "ID Référence produit", "Référence produit", "Ref produit", "Réf produit", "Réf. produit", "ID produit",
        "Produit ID", "Code produit", "Référence", "Réf", "Ref", "SKU", "product", "product ref", "product reference",
        "Code article", "Réf article", "Référence article", "product id", "product code", "item code",
    ])
    static let productName = ColumnSpec("product_name", aliases: [
        "Nom", "Nom produit", "Nom du produit", "Libellé", "Libellé produit", "Désignation", "name",
        "Libellé article", "Désignation article", "product name",
    ])
    static let price = ColumnSpec("price", aliases: [
        "Prix", "Prix unitaire", "Prix de vente", "Prix TTC", "PU", "unit price",
        "Prix unitaire TTC", "PU TTC", "Prix public", "Tarif", "price eur", "unit price eur",
    ])
    static let stock = ColumnSpec("stock", required: false, aliases: ["Stock", "Quantité en stock", "Stock disponible"])

    static let saleID = ColumnSpec("sale_id", required: false, aliases: [
        "ID Vente", "Vente ID", "Numéro de vente", "N° vente", "Numéro vente", "Identifiant vente", "ID transaction",
        "transaction id", "sale",
    ])
    static let date = ColumnSpec("date", aliases: [
        "Date", "Date de vente", "Date vente", "Date de la vente", "Date transaction", "Date du ticket", "sale date",
        "transaction date", "order date",
    ])
    static let quantity = ColumnSpec("quantity", aliases: [
        "Quantité", "Qté", "Qte", "Quantité vendue", "Qté vendue", "Nb articles", "Nombre d'articles", "qty", "units",
        "quantity sold",
    ])

    static let stores = [storeID, city, employees, region]
    static let products = [productID, productName, price, stock]
    static let sales = [saleID, date, productID, quantity, storeID]
}
