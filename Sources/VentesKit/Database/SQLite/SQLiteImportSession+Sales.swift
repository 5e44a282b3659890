import GRDB
import GRDBSQLite

/// The sales half of an import's writes: sales written through SQLite's C API, or held back by the
/// staging and written in key order at the end of the file; duplicates settled exactly (counters
/// and summary totals).
extension SQLiteImportSession {
    /// `INSERT … VALUES` for `rows` sales: parameter 1 is the import id, shared by every row; each
    /// row binds eight more (see `insert(_:from:count:with:)`).
    static func insertSalesSQL(rows: Int) -> String {
        let values = (0..<rows).map { row in
            let first = 2 + row * 8
            let own = (first..<first + 8).map { "?\($0)" }
            return "(\(own[0...6].joined(separator: ", ")), ?1, \(own[7]))"
        }
        return """
            INSERT INTO sale (store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line)
            VALUES \(values.joined(separator: ", "))
            ON CONFLICT DO NOTHING
            """
    }

    /// Writes `sales`, or holds them back when the file is not in date order (`SaleStaging`); returns
    /// how many of those written were new, the others being duplicates of a sale already there (or
    /// earlier in the file).
    func insertSales(_ sales: SaleBatch) throws -> Int {
        let switching = !staging.isHoldingBack
        if staging.holdsBack(sales) {
            if switching { try restageDirectSales() }
            try staging.stage(sales, in: db)
            return 0
        }
        if staging.latestDateBefore == nil { staging.latestDateBefore = try String.fetchOne(db, sql: "SELECT MAX(date) FROM sale") ?? "" }
        staging.noteWritten(sales)
        totals.add(sales.totals)
        return try write(sales)
    }

    /// Writes the sales held back, in key order; how many of them were new (those written before
    /// and held back again by `restageDirectSales` not counted twice).
    func finishSales() throws -> Int {
        var inserted = 0
        // What the merge hands over is free of duplicates within the file; `write` takes those of
        // sales already in the database back out of the totals.
        totals.add(try staging.drain { inserted += try write($0) })
        defer { staging.restaged = 0 }
        return inserted - staging.restaged
    }

    /// When the file turns out not to be in date order, takes the sales this import wrote before
    /// out of `sale` and holds them back with the rest, if they are all after the sales already
    /// there (a first import, a new period). Left in place, they would lie all over the key range
    /// the held-back sales are then written across, and every one of those would be searched for
    /// from the root instead of appended: 1M sales in random order were written in 1.2 s of CPU
    /// after a first batch of 16,384 had been, 0.75 s without. Their counts and totals are taken
    /// back out (`finishSales` and the merge count them again).
    private func restageDirectSales() throws {
        guard let written = staging.writtenDates, let latestBefore = staging.latestDateBefore, written.first >= latestBefore else { return }
        let arguments: StatementArguments = [written.first, written.last, importID]
        let select = try db.makeStatement(sql: """
            SELECT store_id, date, product_id, quantity, sale_ref, unit_price_cents, line FROM sale
            WHERE date BETWEEN ?1 AND ?2 AND import_id = ?3
            """)
        try select.setArguments(arguments)
        let handle = select.sqliteStatement
        var chunk = SaleBatch(capacity: staging.policy.chunkSales)
        func text(_ column: Int32) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: sqlite3_column_text(handle, column), count: Int(sqlite3_column_bytes(handle, column)))
        }
        func stage() throws {
            try staging.stage(chunk, in: db)
            staging.restaged += chunk.count
            chunk.removeAll()
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: select.sql)
            }
            let quantity = sqlite3_column_int64(handle, 3), unitPrice = sqlite3_column_int64(handle, 5)
            chunk.append(storeID: text(0), date: text(1), productID: text(2), saleRef: text(4), quantity: quantity,
                         unitPrice: unitPrice, line: sqlite3_column_int64(handle, 6))
            totals.subtract(date: String(decoding: text(1), as: UTF8.self), storeID: String(decoding: text(0), as: UTF8.self),
                            productID: String(decoding: text(2), as: UTF8.self),
                            SaleFigures(sales: 1, units: quantity, revenueCents: quantity * unitPrice))
            if chunk.count == staging.policy.chunkSales { try stage() }
        }
        sqlite3_reset(handle)
        if chunk.count > 0 { try stage() }
        try db.execute(sql: "DELETE FROM sale WHERE date BETWEEN ?1 AND ?2 AND import_id = ?3", arguments: arguments)
    }

    /// Inserts `sales` in the given order; returns how many were new.
    ///
    /// The hot path of an import: statements are bound through SQLite's C API, which took the
    /// per-row cost of building GRDB `StatementArguments` out of a million-row import.
    func write(_ sales: SaleBatch) throws -> Int {
        precondition(sales.records.isEmpty, "a batch out of date order is held back, never written as it is")
        var inserted = 0
        var first = 0
        while first < sales.count {
            let count = min(Self.salesPerStatement, sales.count - first)
            let statement = count == Self.salesPerStatement
                ? insertSalesStatement
                : try db.cachedStatement(sql: Self.insertSalesSQL(rows: count))
            let new = try insert(sales, from: first, count: count, with: statement)
            if new < count { try settleRefused(of: sales, from: first, count: count, refused: count - new) }
            inserted += new
            first += count
        }
        return inserted
    }

    /// Settles the sales of the chunk that were not inserted. A sale was inserted when the row
    /// under its key is this import's, from its line. The others are duplicates, taken out of the
    /// totals; except a sale whose sale id is held by a later line of this file (written first
    /// because sales are written in key order, not file order): the first line wins, so that row
    /// gives way to this sale and becomes the duplicate.
    ///
    /// The lookup binds the batch's bytes in place and reads two integers: 0.3 µs a sale, where
    /// GRDB rows took 2 to 3 µs (a date-ordered file repeats a row every 200 lines or so, and each
    /// chunk with one looks up its 64 sales).
    /// The search stops once the chunk's `refused` sales are found.
    private func settleRefused(of sales: SaleBatch, from first: Int, count: Int, refused: Int) throws {
        let lookup = try db.cachedStatement(sql: """
            SELECT import_id, line FROM sale WHERE date = ?1 AND store_id = ?2 AND product_id = ?3 AND quantity = ?4 AND sale_ref = ?5
            """)
        let handle = lookup.sqliteStatement
        var found = 0
        for index in first..<(first + count) where found < refused {
            let numbers = sales.numbers(ofSale: index)
            let code = sales.text.withUnsafeBufferPointer { text in
                text.withMemoryRebound(to: CChar.self) { text in
                    // Every sale has a date, ten bytes of text: the buffer of a batch with sales is never empty.
                    guard let base = text.baseAddress else { return SQLITE_MISUSE }
                    let firstText = index * SaleBatch.textsPerSale
                    func bind(_ parameter: Int32, _ field: Int) {
                        let start = firstText + field == 0 ? 0 : sales.textEnds[firstText + field - 1]
                        sqlite3_bind_text(handle, parameter, base + start, Int32(sales.textEnds[firstText + field] - start), nil)
                    }
                    bind(1, 1)
                    bind(2, 0)
                    bind(3, 2)
                    sqlite3_bind_int64(handle, 4, numbers.quantity)
                    bind(5, 3)
                    defer {
                        sqlite3_reset(handle)
                        sqlite3_clear_bindings(handle)
                    }
                    let code = sqlite3_step(handle)
                    if code == SQLITE_ROW && sqlite3_column_int64(handle, 0) == importID && sqlite3_column_int64(handle, 1) == numbers.line {
                        return SQLITE_OK
                    }
                    return code
                }
            }
            if code == SQLITE_OK { continue }
            guard code == SQLITE_ROW || code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: lookup.sql)
            }
            found += 1
            let texts = sales.texts(ofSale: index)
            if !texts.saleRef.isEmpty, try replaceLaterLine(holding: texts.saleRef, with: sales, index) { continue }
            totals.subtract(date: texts.date, storeID: texts.storeID, productID: texts.productID,
                            SaleFigures(sales: 1, units: numbers.quantity, revenueCents: numbers.revenue))
        }
    }

    /// When the row holding `saleRef` comes from a later line of this import, deletes it (out of
    /// the totals) and inserts sale `index` of `sales` instead; false otherwise.
    private func replaceLaterLine(holding saleRef: String, with sales: SaleBatch, _ index: Int) throws -> Bool {
        guard let holder = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT date, store_id, product_id, quantity, revenue_cents, import_id, line FROM sale WHERE sale_ref = ?
            """), arguments: [saleRef])
        else { return false }
        let holderImport: Int64 = holder["import_id"], holderLine: Int64 = holder["line"]
        guard holderImport == importID, holderLine > sales.numbers(ofSale: index).line else { return false }
        try db.cachedStatement(sql: "DELETE FROM sale WHERE sale_ref = ?").execute(arguments: [saleRef])
        totals.subtract(date: holder["date"], storeID: holder["store_id"], productID: holder["product_id"],
                        SaleFigures(sales: 1, units: holder["quantity"], revenueCents: holder["revenue_cents"]))
        let inserted = try insert(sales, from: index, count: 1, with: db.cachedStatement(sql: Self.insertSalesSQL(rows: 1)))
        guard inserted == 1 else { throw StoreFailure(message: "internal error: a sale could not take the place of a later line with its sale id") }
        return true
    }

    private func insert(_ sales: SaleBatch, from first: Int, count: Int, with statement: Statement) throws -> Int {
        let handle = statement.sqliteStatement
        let code = sales.text.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { text in
                sales.textEnds.withUnsafeBufferPointer { ends in
                    sales.numbers.withUnsafeBufferPointer { numbers in
                        sqlite3_reset(handle)
                        sqlite3_bind_int64(handle, 1, importID)
                        // Never nil: every sale has a date, ten bytes of text.
                        // Every sale has a date, ten bytes of text: the buffer of a batch with sales is never empty.
                    guard let base = text.baseAddress else { return SQLITE_MISUSE }
                        var textIndex = first * SaleBatch.textsPerSale
                        var textStart = textIndex == 0 ? 0 : ends[textIndex - 1]
                        func bindNextText(_ parameter: Int32) {
                            let end = ends[textIndex]
                            sqlite3_bind_text(handle, parameter, base + textStart, Int32(end - textStart), nil)
                            textStart = end
                            textIndex += 1
                        }
                        var parameter: Int32 = 1
                        var number = first * SaleBatch.numbersPerSale
                        for _ in 0..<count {
                            bindNextText(parameter + 1)                                     // store_id
                            bindNextText(parameter + 2)                                     // date
                            bindNextText(parameter + 3)                                     // product_id
                            sqlite3_bind_int64(handle, parameter + 4, numbers[number])      // quantity
                            bindNextText(parameter + 5)                                     // sale_ref
                            sqlite3_bind_int64(handle, parameter + 6, numbers[number + 1])  // unit_price_cents
                            sqlite3_bind_int64(handle, parameter + 7, numbers[number + 2])  // revenue_cents
                            sqlite3_bind_int64(handle, parameter + 8, numbers[number + 3])  // line
                            parameter += 8
                            number += SaleBatch.numbersPerSale
                        }
                        let code = sqlite3_step(handle)
                        sqlite3_reset(handle)
                        // The texts were bound in place: no statement may keep pointers into the buffer.
                        sqlite3_clear_bindings(handle)
                        return code
                    }
                }
            }
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }
}
