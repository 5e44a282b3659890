import GRDB

/// Migration v5: the texts a database holds from files imported before issue 10 written the way
/// the importer now writes them (`String.storedText`: Unicode NFC, spaces of any kind trimmed at
/// both ends), so that a store imported once decomposed and once composed is one store.
///
/// Stores (id, city, region), products (id, name), and what refers to them (the sales' store and
/// product ids, the price history) are rewritten, and the sales' own ids. When two stored ids
/// would become one, nothing is merged: the migration stops (its transaction is rolled back) with
/// `StoredTextConflict`, which names both and how to keep one.
enum StoredTextMigration {
    static func run(_ db: Database) throws {
        let storeIDs = try normalize(db, table: "store", key: "id", texts: ["city", "region"], kind: .store)
        try remap(db, column: "store_id", in: "sale", changes: storeIDs)
        let productIDs = try normalize(db, table: "product", key: "id", texts: ["name"], kind: .product)
        try remap(db, column: "product_id", in: "sale", changes: productIDs)
        try remap(db, column: "product_id", in: "product_price", changes: productIDs)
        try normalizeSaleRefs(db)
    }

    /// Rewrites the key and `texts` of every row of `table` whose stored form differs; returns the
    /// keys that changed (old to new). Throws before writing anything when two keys would become one.
    private static func normalize(
        _ db: Database, table: String, key: String, texts: [String], kind: StoredTextConflict.Kind
    ) throws -> [String: String] {
        // Table and column names come from the code above, never from data.
        let columns = ([key] + texts).map { "\"\($0)\"" }.joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \"\(table)\"")
        var keyChanges: [String: String] = [:]
        var byStoredKey: [ExactText: String] = [:]
        for row in rows {
            let oldKey: String = row[key]
            let newKey = oldKey.storedText
            if let other = byStoredKey[ExactText(newKey)] {
                throw StoredTextConflict(kind: kind, ids: [other, oldKey], storedForm: newKey)
            }
            byStoredKey[ExactText(newKey)] = oldKey
            if !sameBytes(newKey, oldKey) { keyChanges[oldKey] = newKey }
        }
        let assignments = ([key] + texts).map { "\"\($0)\" = ?" }.joined(separator: ", ")
        let update = try db.makeStatement(sql: "UPDATE \"\(table)\" SET \(assignments) WHERE \"\(key)\" = ?")
        for row in rows {
            let oldValues: [String?] = ([key] + texts).map { row[$0] }
            let values = oldValues.map { $0?.storedText }
            guard zip(values, oldValues).contains(where: { !sameBytes($0, $1) }) else { continue }
            try update.execute(arguments: StatementArguments(values + [oldValues[0]]))
        }
        return keyChanges
    }

    /// Points `column` of `table` at the new keys, in one pass over the table.
    private static func remap(_ db: Database, column: String, in table: String, changes: [String: String]) throws {
        guard !changes.isEmpty else { return }
        try db.execute(sql: "CREATE TEMP TABLE stored_text_change (old TEXT PRIMARY KEY NOT NULL, new TEXT NOT NULL)")
        let insert = try db.makeStatement(sql: "INSERT INTO stored_text_change (old, new) VALUES (?, ?)")
        for (old, new) in changes { try insert.execute(arguments: [old, new]) }
        try db.execute(sql: """
            UPDATE "\(table)" SET "\(column)" = (SELECT new FROM stored_text_change WHERE old = "\(table)"."\(column)")
            WHERE "\(column)" IN (SELECT old FROM stored_text_change)
            """)
        try db.execute(sql: "DROP TABLE stored_text_change")
    }

    /// The sales' own ids: only those with a byte beyond ASCII can change (the importer always
    /// trimmed ASCII spaces), found through the sale-id index.
    private static func normalizeSaleRefs(_ db: Database) throws {
        let beyondASCII = "*[^\u{01}-\u{7F}]*"
        let refs = try String.fetchAll(db, sql: "SELECT sale_ref FROM sale WHERE sale_ref <> '' AND sale_ref GLOB ?",
                                       arguments: [beyondASCII])
        var changes: [(old: String, new: String)] = []
        var newRefs: [ExactText: String] = [:]
        for old in refs {
            let new = old.storedText
            guard !sameBytes(new, old) else { continue }
            if let other = newRefs[ExactText(new)] {
                throw StoredTextConflict(kind: .sale, ids: [other, old], storedForm: new)
            }
            newRefs[ExactText(new)] = old
            changes.append((old, new))
        }
        // `sale_ref <> ''` lets SQLite use the partial index on sale_ref.
        let existing = try db.makeStatement(sql: "SELECT sale_ref FROM sale WHERE sale_ref = ? AND sale_ref <> ''")
        let update = try db.makeStatement(sql: "UPDATE sale SET sale_ref = ? WHERE sale_ref = ? AND sale_ref <> ''")
        for change in changes {
            if let other = try String.fetchOne(existing, arguments: [change.new]) {
                throw StoredTextConflict(kind: .sale, ids: [other, change.old], storedForm: change.new)
            }
            try update.execute(arguments: [change.new, change.old])
        }
    }

    /// Equal as SQLite compares text: byte for byte (Swift's `==` takes é and e + U+0301 as equal).
    private static func sameBytes(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case let (a?, b?): return a.utf8.elementsEqual(b.utf8)
        case (nil, nil): return true
        default: return false
        }
    }
}
