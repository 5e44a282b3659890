/// Two ids a database holds that would be one once written the way the importer writes texts
/// (Unicode NFC, spaces trimmed): migration v5 stops instead of merging them.
struct StoredTextConflict: Error, CustomStringConvertible {
    enum Kind {
        case store, product, sale
    }

    let kind: Kind
    /// The two ids as stored, the one kept first in the advice.
    let ids: [String]
    /// What both would become.
    let storedForm: String

    var description: String {
        let (noun, advice): (String, String)
        let kept = Self.literal(ids[0]), other = Self.literal(ids[1])
        switch kind {
        case .store:
            noun = "store ids"
            advice = "keep one: move the sales of the second to the first and delete the second, e.g. with the sqlite3 shell: "
                + "UPDATE sale SET store_id = \(kept) WHERE store_id = \(other); DELETE FROM store WHERE id = \(other);"
        case .product:
            noun = "product ids"
            advice = "keep one: move the sales of the second to the first and delete the second and its prices, "
                + "e.g. with the sqlite3 shell: UPDATE sale SET product_id = \(kept) WHERE product_id = \(other); "
                + "DELETE FROM product_price WHERE product_id = \(other); DELETE FROM product WHERE id = \(other);"
        case .sale:
            noun = "sale ids"
            advice = "if they are the same sale imported twice, delete the second, e.g. with the sqlite3 shell: "
                + "DELETE FROM sale WHERE sale_ref = \(other);"
        }
        return "the \(noun) \(Self.shown(ids[0])) and \(Self.shown(ids[1])) would both become \(Self.shown(storedForm)) "
            + "once written the same way (Unicode NFC, spaces trimmed at both ends), and they are not merged: "
            + "the database was left as it was (schema v4). To go on, \(advice) then run ventes again"
    }

    /// The text in quotes, every character beyond printable ASCII escaped (`"Lille\u{00A0}"`), so
    /// that two ids that look the same can be told apart.
    static func shown(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\""
    }

    /// The text as an SQL literal of its exact bytes: `CAST(X'4C696C6C65C2A0' AS TEXT)`.
    static func literal(_ text: String) -> String {
        "CAST(X'" + text.utf8.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) }.joined()
            + "' AS TEXT)"
    }
}
