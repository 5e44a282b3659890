import Foundation
import Testing
@testable import VentesKit

/// Random tables written in random dialects import back to exactly the same logical rows.
///
/// Seeded (SplitMix64): a failing case names its seed, and `cases(seed:)` replays it.
@Suite("Dialect properties") struct DialectPropertyTests {
    struct Store { var id: String; var city: String; var employees: Int? }
    struct Product { var id: String; var name: String; var cents: Int64; var stock: Int? }
    struct Sale: Hashable { var year: Int; var month: Int; var day: Int; var product: String; var store: String; var quantity: Int }

    /// How one case writes its three files.
    struct Dialect: CustomStringConvertible {
        var delimiter: Character
        var encoding: TextEncoding
        var byteOrderMark: Bool
        var crlf: Bool
        var finalNewline: Bool
        var quoteAll: Bool
        var padding: Bool
        var decimalComma: Bool
        var grouping: String
        var dateFormat: DateColumnFormat
        var zeroPadded: Bool
        var timePart: Bool
        var blankLinesAtEnd: Int

        var description: String {
            "delimiter \(delimiter == "\t" ? "tab" : String(delimiter)), \(encoding.rawValue)\(byteOrderMark ? "+BOM" : ""), "
                + "\(crlf ? "CRLF" : "LF")\(finalNewline ? "" : " no final newline"), quote \(quoteAll ? "all" : "minimal"), "
                + "padding \(padding), decimal \(decimalComma ? "," : "."), grouping \"\(grouping)\", \(dateFormat.rawValue), "
                + "zero-padded \(zeroPadded), time \(timePart), \(blankLinesAtEnd) blank lines"
        }
    }

    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
        mutating func bool() -> Bool { next() & 1 == 0 }
        mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

        /// A name with accents, quotes, delimiters and line breaks inside, never blank at its ends.
        mutating func name() -> String {
            let alphabet: [String] = ["a", "b", "Z", "é", "à", "ç", "Œ", "€", " ", "\"", ",", ";", "|", "\t", "\n", "'", "-", "1"]
            var text = pick(["Produit", "Ville", "Café", "Boutique"])
            for _ in 0..<int(0...8) { text += pick(alphabet) }
            return text + pick(["A", "é", "9", "Œ"])
        }
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int { SaleDate.daysIn(month: month, year: year) }

    func randomDialect(_ g: inout Generator) -> Dialect {
        let encoding: TextEncoding = g.bool() ? .utf8 : .windows1252
        let decimalComma = g.bool()
        var groupings = decimalComma ? ["", " ", "\u{00A0}", "."] : ["", ","]
        if encoding == .utf8 && decimalComma { groupings.append("\u{202F}") }
        return Dialect(
            delimiter: g.pick([",", ";", "\t", "|"]), encoding: encoding, byteOrderMark: encoding == .utf8 && g.bool(),
            crlf: g.bool(), finalNewline: g.bool(), quoteAll: g.bool(), padding: g.bool(), decimalComma: decimalComma,
            grouping: g.pick(groupings), dateFormat: g.pick(DateColumnFormat.allCases), zeroPadded: g.bool(),
            timePart: g.bool(), blankLinesAtEnd: g.int(0...3))
    }

    func price(_ cents: Int64, _ dialect: Dialect) -> String {
        var digits = Array(String(cents / 100))
        var grouped = ""
        while digits.count > 3 {
            grouped = dialect.grouping + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        let fraction = cents % 100
        return String(digits) + grouped + (dialect.decimalComma ? "," : ".") + (fraction < 10 ? "0" : "") + String(fraction)
    }

    func date(_ sale: Sale, _ dialect: Dialect) -> String {
        func pad(_ value: Int) -> String { dialect.zeroPadded && value < 10 ? "0\(value)" : "\(value)" }
        switch dialect.dateFormat {
        case .iso:
            let iso = "\(sale.year)-\(sale.month < 10 ? "0" : "")\(sale.month)-\(sale.day < 10 ? "0" : "")\(sale.day)"
            return iso + (dialect.timePart ? "T08:30:00" : "")
        case .dayMonthYear: return "\(pad(sale.day))/\(pad(sale.month))/\(sale.year)" + (dialect.timePart ? " 08:30" : "")
        case .monthDayYear: return "\(pad(sale.month))/\(pad(sale.day))/\(sale.year)" + (dialect.timePart ? " 08:30" : "")
        }
    }

    /// The bytes of a file: header and rows, columns in `order`, written in `dialect`.
    func file(header: [String], rows: [[String]], order: [Int], _ dialect: Dialect, _ g: inout Generator) -> [UInt8] {
        func cell(_ value: String) -> String {
            let needsQuotes = dialect.quoteAll || value.contains(dialect.delimiter) || value.contains("\"")
                || value.contains("\n") || value.contains("\r")
            let written = needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
            return dialect.padding && !value.isEmpty ? "  " + written + " " : written
        }
        let lineEnd = dialect.crlf ? "\r\n" : "\n"
        var lines = ([header] + rows).map { row in order.map { cell(row[$0]) }.joined(separator: String(dialect.delimiter)) }
        for _ in 0..<dialect.blankLinesAtEnd {
            lines.append(g.bool() ? "" : String(repeating: String(dialect.delimiter), count: header.count - 1))
        }
        let text = lines.joined(separator: lineEnd) + (dialect.finalNewline ? lineEnd : "")
        return (dialect.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + dialect.encoding.encode(text)
    }

    func query(_ database: String, _ sql: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-separator", "|", database, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func hex(_ text: String) -> String { text.utf8.map { String(format: "%02X", $0) }.joined() }

    @Test("random tables in random dialects import back to the same rows", arguments: 0..<60)
    func roundTrip(seed: Int) throws {
        var g = Generator(state: UInt64(seed) &* 7919 &+ 17)
        let dialect = randomDialect(&g)
        let stores = (1...g.int(1...6)).map { Store(id: "M\($0)", city: g.name(), employees: g.bool() ? g.int(0...500) : nil) }
        let products = (1...g.int(1...6)).map {
            Product(id: "REF\($0)", name: g.name(), cents: Int64(g.int(0...250_000_000)), stock: g.bool() ? g.int(-5...5000) : nil)
        }
        let sales = (0..<g.int(0...25)).map { _ in
            let year = g.int(2000...2030), month = g.int(1...12)
            return Sale(year: year, month: month, day: g.int(1...Self.daysIn(month, year)),
                        product: g.pick(products).id, store: g.pick(stores).id, quantity: g.int(1...999))
        }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-property-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
        let english = g.bool()
        try write("magasins.csv", file(
            header: english ? ["Store ID", "City", "Employees"] : ["N° magasin", "VILLE", "Nombre de salariés"],
            rows: stores.map { [$0.id, $0.city, $0.employees.map(String.init) ?? ""] },
            order: [0, 1, 2].shuffled(using: &g), dialect, &g))
        try write("produits.csv", file(
            header: english ? ["Name", "SKU", "Unit price", "Stock"] : ["Désignation", "Réf produit", "Prix", "Quantité en stock"],
            rows: products.map { [$0.name, $0.id, price($0.cents, dialect), $0.stock.map(String.init) ?? ""] },
            order: [0, 1, 2, 3].shuffled(using: &g), dialect, &g))
        try write("ventes.csv", file(
            header: english ? ["Sale date", "SKU", "Qty", "Store ID"] : ["Date de vente", "Ref produit", "Qté", "Code magasin"],
            rows: sales.map { [date($0, dialect), $0.product, String($0.quantity), $0.store] },
            order: [0, 1, 2, 3].shuffled(using: &g), dialect, &g))

        var options = ImportOptions()
        // Without a day above 12 a slash column is ambiguous: say it, as a person would with --date-format.
        if dialect.dateFormat != .iso && !sales.contains(where: { $0.day > 12 && $0.month <= 12 }) {
            options.dateFormat = dialect.dateFormat
        }
        let databasePath = directory.appendingPathComponent("ventes.db").path
        let database = try SQLiteStore(path: databasePath)
        let summary = try Importer(store: database, logger: .init(label: "property"))
            .run(FileKind.allCases.map { ImportSource(kind: $0, path: directory.appendingPathComponent($0.defaultFileName).path) },
                 options: options)
        for file in summary.files {
            #expect(file.counts.rejected == 0, "seed \(seed) [\(dialect)]: \(file.rejections.map(\.reason))")
            #expect(file.counts.isBalanced)
        }
        #expect(summary.file(.sales)?.counts.read == sales.count, "seed \(seed) [\(dialect)]")

        #expect(try query(databasePath, "SELECT id, hex(city), COALESCE(employees, '') FROM store ORDER BY id")
                == stores.sorted { $0.id < $1.id }.map { "\($0.id)|\(hex($0.city))|\($0.employees.map(String.init) ?? "")" },
                "seed \(seed) [\(dialect)]")
        #expect(try query(databasePath, "SELECT id, hex(name), price_cents, COALESCE(stock, '') FROM product ORDER BY id")
                == products.sorted { $0.id < $1.id }.map { "\($0.id)|\(hex($0.name))|\($0.cents)|\($0.stock.map(String.init) ?? "")" },
                "seed \(seed) [\(dialect)]")
        let prices = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0.cents) })
        let expectedSales = Set(sales).map { sale in
            let date = String(format: "%04d-%02d-%02d", sale.year, sale.month, sale.day)
            return "\(date)|\(sale.product)|\(sale.store)|\(sale.quantity)|\(Int64(sale.quantity) * prices[sale.product]!)"
        }.sorted()
        #expect(try query(databasePath, "SELECT date, product_id, store_id, quantity, revenue_cents FROM sale").sorted()
                == expectedSales, "seed \(seed) [\(dialect)]")
    }
}

extension DialectPropertyTests.Generator: RandomNumberGenerator {}
