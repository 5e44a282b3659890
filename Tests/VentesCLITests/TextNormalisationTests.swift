import Foundation
import Testing

/// Texts are compared as people read them: the same letters composed or decomposed, and with or
/// without no-break spaces around them, are the same id, city or region.
@Suite("Text written composed, decomposed or with Unicode spaces")
struct TextNormalisationTests {
    static let rows = TextRows(
        stores: [
            .init(id: "Mé-1", city: "Orléans", region: "Centre-Val de Loire", employees: 10),
            .init(id: "M2", city: "Évry", region: "Île-de-France", employees: 5),
            .init(id: "M3", city: "Lille", region: "Hauts-de-France", employees: 8),
            .init(id: "M4", city: "Orléans", region: "Centre-Val de Loire", employees: 3),
            .init(id: "M5", city: "Créteil", region: "Île-de-France", employees: 4),
        ],
        products: [
            .init(id: "RÉF-1", name: "Café moulu", cents: 450, stock: 10),
            .init(id: "RÉF-2", name: "Crème\u{A0}brûlée", cents: 1299, stock: 3),
        ],
        sales: (0..<20).map { index in
            .init(id: "Vé-\(index)", date: "2024-03-\(String(format: "%02d", 1 + index))", product: index % 3 == 0 ? "RÉF-2" : "RÉF-1",
                  store: ["Mé-1", "M2", "M3", "M4", "M5"][index % 5], quantity: 1 + index % 4)
        })

    /// Every text decomposed, and a Unicode space at one end or the other of each text field (the
    /// headers written decomposed too).
    static func decomposedWithSpaces(_ text: String) -> String {
        let space = WrittenText.unicodeSpaces[text.unicodeScalars.count % WrittenText.unicodeSpaces.count]
        return text.unicodeScalars.count % 2 == 0 ? space + WrittenText.nfd(text) : WrittenText.nfd(text) + space
    }

    /// One line composed, the next decomposed with spaces: both ways inside one file.
    static func mixed() -> (String) -> String {
        var count = 0
        return { text in
            count += 1
            return count % 2 == 0 ? decomposedWithSpaces(text) : WrittenText.nfc(text)
        }
    }

    /// Writes the files and imports them into the project's database; returns the JSON report.
    @discardableResult
    static func importFiles(_ files: (stores: String, products: String, sales: String), into project: Project,
                            as name: String) throws -> ImportReport {
        try project.directory.write(files.stores, to: "in/\(name)-magasins.csv")
        try project.directory.write(files.products, to: "in/\(name)-produits.csv")
        try project.directory.write(files.sales, to: "in/\(name)-ventes.csv")
        let result = try project.ventes("import", "--format", "json", "--stores", "in/\(name)-magasins.csv",
                                        "--products", "in/\(name)-produits.csv", "--sales", "in/\(name)-ventes.csv")
        try #require(result.succeeded, "\(result.transcript)")
        return try ImportReport.parse(result.stdout)
    }

    /// The stores, products, prices and sales, byte for byte.
    static func contents(_ store: StoreInspector) throws -> [[[UInt8]]] {
        try ["SELECT * FROM store ORDER BY id", "SELECT * FROM product ORDER BY id",
             "SELECT * FROM product_price ORDER BY product_id, import_id",
             "SELECT * FROM sale ORDER BY date, store_id, product_id, quantity, sale_ref"]
            .flatMap { try WrittenText.bytes(store.rows($0)) + [[]] }
    }

    /// The stores, products, prices and sales of a SQLite file, byte for byte.
    static func contents(_ database: DatabaseFile) throws -> [[[UInt8]]] {
        try contents(StoreInspector(backend: .sqlite, location: database.path))
    }

    @Test("decomposed, composed and mixed files, with no-break spaces around ids and cities, import the same texts, composed and trimmed (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, ["composed", "decomposed", "mixed"])
    func everyWayImportsTheSameTexts(backend: Backend, way: String) throws {
        let project = try Project(backend: backend)
        let files = way == "composed" ? Self.rows.render(WrittenText.nfc)
            : way == "decomposed" ? Self.rows.render(Self.decomposedWithSpaces) : Self.rows.render(Self.mixed())
        if way != "composed" {
            #expect(files.stores.contains("\u{A0}") || files.stores.contains("\u{202F}"))
            #expect(files.stores.unicodeScalars.contains("\u{301}"))
        }

        let report = try Self.importFiles(files, into: project, as: way)

        #expect(report.stores?.rejected == 0 && report.products?.rejected == 0 && report.sales?.rejected == 0)
        #expect(report.sales?.inserted == 20, "every sale found its product and store")
        let database = project.store
        func hex(_ column: String) -> String { PortableSQL.hex(column, on: backend) }
        // Composed, without the spaces: what people read.
        func stored(_ text: String) -> String { WrittenText.hex(WrittenText.nfc(text)) }
        #expect(try database.rows("SELECT \(hex("id")), \(hex("city")), \(hex("region")) FROM store ORDER BY id")
                == Self.rows.stores.map { [stored($0.id), stored($0.city), stored($0.region)] }.sorted { $0[0] < $1[0] })
        #expect(try database.rows("SELECT \(hex("id")), \(hex("name")) FROM product ORDER BY id")
                == Self.rows.products.map { [stored($0.id), stored($0.name)] })
        #expect(try database.integer("""
            SELECT COUNT(*) FROM sale WHERE substr(sale_ref, 1, 1) = 'V' AND \(hex("sale_ref")) LIKE '56C3A9%'
            """) == 20)

        // One group per city and per region in the analyses.
        let analyzed = try project.ventes("analyze", "--format", "json")
        try #require(analyzed.succeeded, "\(analyzed.transcript)")
        let run = "(SELECT MAX(id) FROM analysis_run)"
        #expect(try database.rows("SELECT \(hex("city")) FROM result_sales_by_city WHERE run_id = \(run) ORDER BY city")
                == ["Créteil", "Lille", "Orléans", "Évry"].map { [stored($0)] })
        #expect(try database.rows("SELECT \(hex("region")) FROM result_sales_by_region WHERE run_id = \(run) ORDER BY region")
                == ["Centre-Val de Loire", "Hauts-de-France", "Île-de-France"].map { [stored($0)] })
    }

    @Test("the same data written the other way is unchanged and duplicates, either way round (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func reimportWrittenTheOtherWay(backend: Backend) throws {
        for (first, second) in [(WrittenText.nfc, Self.decomposedWithSpaces), (Self.decomposedWithSpaces, WrittenText.nfc)] {
            let project = try Project(backend: backend)
            try Self.importFiles(Self.rows.render(first), into: project, as: "first")
            let before = try Self.contents(project.store)

            let again = try Self.importFiles(Self.rows.render(second), into: project, as: "second")

            #expect(again.stores.map { [$0.read, $0.inserted, $0.updated ?? -1, $0.unchanged ?? -1, $0.rejected] } == [5, 0, 0, 5, 0])
            #expect(again.products.map { [$0.read, $0.inserted, $0.updated ?? -1, $0.unchanged ?? -1, $0.rejected] } == [2, 0, 0, 2, 0])
            #expect(again.sales.map { [$0.read, $0.inserted, $0.duplicates ?? -1, $0.rejected] } == [20, 0, 20, 0])
            #expect(try Self.contents(project.store) == before)
        }
    }

    @Test("a stray zero-width no-break space or a no-break space at the end of an id is trimmed; inside a name it stays (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func spacesAtTheEndsOnly(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.directory.write("ID Magasin,Ville,Nombre de salariés\n\u{FEFF}7\u{A0},\u{202F}Saint\u{A0}Denis\u{2009},3\n",
                                    to: "in/magasins.csv")
        let result = try project.ventes("import", "--stores", "in/magasins.csv")
        try #require(result.succeeded, "\(result.transcript)")
        #expect(try project.store.rows("SELECT \(PortableSQL.hex("id", on: backend)), \(PortableSQL.hex("city", on: backend)) FROM store")
                == [["37", WrittenText.hex("Saint\u{A0}Denis")]])
    }

    @Test("property: composed and decomposed renderings of random rows import to byte-identical databases (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, 1...6)
    func randomRowsImportTheSameWhicheverWayWritten(backend: Backend, seed: UInt64) throws {
        var random = SeededBytes(seed: seed)
        let rows = Self.randomRows(&random)
        var spaces = SeededBytes(seed: seed &+ 1000)
        let renderings: [(String) -> String] = [
            WrittenText.nfc,
            { WrittenText.nfd($0) },
            { text in
                // Decomposed or not, with Unicode spaces at random ends.
                let pick = spaces.nextWord()
                let space = WrittenText.unicodeSpaces[Int(pick % UInt64(WrittenText.unicodeSpaces.count))]
                let body = pick & 8 == 0 ? WrittenText.nfd(text) : WrittenText.nfc(text)
                return (pick & 16 == 0 ? space : "") + body + (pick & 32 == 0 ? space : "")
            },
        ]
        var outcomes: [[[[UInt8]]]] = []
        for render in renderings {
            let project = try Project(backend: backend)
            let report = try Self.importFiles(rows.render(render), into: project, as: "random")
            #expect(report.sales?.rejected == 0 && report.stores?.rejected == 0 && report.products?.rejected == 0,
                    "seed \(seed): \(report.sales?.rejections ?? [])")
            outcomes.append(try Self.contents(project.store))
        }
        #expect(outcomes[1] == outcomes[0], "seed \(seed): decomposed")
        #expect(outcomes[2] == outcomes[0], "seed \(seed): mixed, with spaces")
    }

    /// Random stores, products and sales whose texts use letters with and without accents (some
    /// with two marks), a no-break space inside some names, and ids unique by their number.
    static func randomRows(_ random: inout SeededBytes) -> TextRows {
        let letters = Array("abcdeéèêëàâäçôöîïùûüÉÈÊÀÇÔÎÅåñÑœệḉǖ")
        func word(_ length: Int) -> String {
            String((0..<length).map { _ in letters[Int(random.nextWord() % UInt64(letters.count))] })
        }
        func number(_ below: Int) -> Int { Int(random.nextWord() % UInt64(below)) }
        let cities = (0..<4).map { _ in word(3 + number(6)).capitalized }
        let regions = (0..<3).map { _ in word(4) + "-" + word(5) }
        let stores = (0..<12).map { index in
            TextRows.Store(id: word(1 + number(3)) + "\(index)", city: cities[number(cities.count)],
                           region: regions[number(regions.count)], employees: number(50))
        }
        let products = (0..<15).map { index in
            TextRows.Product(id: "R" + word(1 + number(4)) + "\(index)", name: word(3) + (index % 3 == 0 ? "\u{A0}" : " ") + word(4),
                             cents: 1 + number(10_000), stock: number(100))
        }
        let sales = (0..<60).map { index in
            TextRows.Sale(id: word(2) + "-\(index)", date: "2024-0\(1 + number(9))-\(10 + number(18))",
                          product: products[number(products.count)].id, store: stores[number(stores.count)].id,
                          quantity: 1 + number(9))
        }
        return TextRows(stores: stores, products: products, sales: sales)
    }
}
