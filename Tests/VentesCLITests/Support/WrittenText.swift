import Foundation

/// Texts written the ways other tools write them: composed (NFC, Windows), decomposed (NFD, macOS),
/// with no-break and other Unicode spaces around them.
enum WrittenText {
    static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }
    static func nfd(_ text: String) -> String { text.decomposedStringWithCanonicalMapping }

    /// The spaces a field may carry at either end and that the import trims: no-break space,
    /// narrow no-break space, figure space, thin space, ideographic space, zero-width no-break space.
    static let unicodeSpaces = ["\u{A0}", "\u{202F}", "\u{2007}", "\u{2009}", "\u{3000}", "\u{FEFF}"]

    /// The exact bytes of `text` as hex, as SQLite's `hex()` gives them: Swift's `==` takes é and
    /// e + U+0301 for equal, the database does not.
    static func hex(_ text: String) -> String {
        text.utf8.map { String(format: "%02X", $0) }.joined()
    }

    /// `rows` with every value as its bytes, to compare database contents byte for byte.
    static func bytes(_ rows: [[String]]) -> [[[UInt8]]] {
        rows.map { $0.map { Array($0.utf8) } }
    }
}

/// Stores, products and sales as a person reads them, rendered as the three CSV files with each
/// text field written by `write` (numbers and dates are written as they are).
struct TextRows {
    struct Store { var id, city, region: String; var employees: Int }
    struct Product { var id, name: String; var cents: Int; var stock: Int }
    struct Sale { var id, date, product, store: String; var quantity: Int }

    var stores: [Store]
    var products: [Product]
    var sales: [Sale]

    /// The files' texts: `magasins.csv`, `produits.csv`, `ventes.csv`, headers written by `write` too.
    func render(_ write: (String) -> String) -> (stores: String, products: String, sales: String) {
        func line(_ fields: [String]) -> String { fields.joined(separator: ",") + "\n" }
        let storesText = line(["ID Magasin", "Ville", "Nombre de salariés", "Région"].map(write))
            + stores.map { line([write($0.id), write($0.city), String($0.employees), write($0.region)]) }.joined()
        let productsText = line(["Nom", "ID Référence produit", "Prix", "Stock"].map(write))
            + products.map { line([write($0.name), write($0.id), String(format: "%d.%02d", $0.cents / 100, $0.cents % 100), String($0.stock)]) }.joined()
        let salesText = line(["ID Vente", "Date", "ID Référence produit", "Quantité", "ID Magasin"].map(write))
            + sales.map { line([write($0.id), $0.date, write($0.product), String($0.quantity), write($0.store)]) }.joined()
        return (storesText, productsText, salesText)
    }
}
