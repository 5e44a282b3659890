import Foundation
import Testing

/// The quarantine people can act on: specific reasons, `ventes rejects`, and the fix-and-reimport loop.
@Suite("Rejects") struct RejectsCommandTests {
    /// Windows-1252 bytes of `text` (every character of it is Latin-1).
    static func cp1252(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8($0.value) } }

    static let salesHeader = "Date de vente;Réf produit;Qté;Code magasin"
    /// A French export (';', Windows-1252, CRLF) with good rows and one bad row per reason.
    static let badSales = [
        salesHeader,
        "27/05/2023;REF001;5;1",
        "28/05/2023;REF009;3;2",          // unknown product
        "29/05/2023;REF003;-3;1",         // negative quantity
        "30/02/2023;REF004;4;3",          // not a date
        "31/05/2023;REF005;7;2;extra",    // 5 fields
        "01/06/2023;REF001;3;99",         // unknown store
        "02/06/2023;;6;1",                // empty product
        "03/06/2023;REF003;1,5;5",        // not an integer
        "04/06/2023;REF004;2;3",
    ].joined(separator: "\r\n") + "\r\n"

    /// A project on `backend` with the brief's stores and products imported (import #1).
    func sampleProject(_ backend: Backend) throws -> Project {
        let project = try Project(backend: backend)
        let outcome = try project.ventes("import", "--stores", "csv/magasins.csv", "--products", "csv/produits.csv")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return project
    }

    @Test("each reject reason is specific (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func reasons(backend: Backend) throws {
        let project = try sampleProject(backend)
        let path = try project.write("ventes.csv", Self.cp1252(Self.badSales))
        let outcome = try project.ventes(["import", "--sales", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("read 9: inserted 2, duplicates 0, rejected 7"))
        #expect(try project.store.lines("SELECT line, reason FROM rejected_row ORDER BY line") == [
            "3|unknown product REF009 (5 products known, nearest: REF001)",
            "4|quantity -3 is not a positive integer",
            "5|30/02/2023 is not a date (read as dd/mm/yyyy)",
            "6|4 fields expected, 5 found",
            "7|unknown store 99 (7 stores known, nearest: 1)",
            "8|product_id is empty",
            "9|quantity 1,5 is not a positive integer",
        ])

        let products = try project.write("produits.csv", "Nom,Ref,Prix,Stock\nX,R1,abc,1\nY,R2,-4.00,1\nZ,R3,1.999,1\n,R4,1.00,1\n")
        #expect(try project.ventes(["import", "--products", products]).status == 0)
        #expect(try project.store.lines("SELECT reason FROM rejected_row WHERE kind = 'products' ORDER BY line") == [
            #"price "abc" is not a number"#, #"price "-4.00" is negative"#,
            #"price "1.999" has more than 2 decimals"#, "product_name is empty",
        ])
        let isoDates = try project.write("iso.csv", "Date,Ref,Qte,Magasin\n2023-02-30,REF001,1,1\n2023-13-01,REF001,1,1\n")
        #expect(try project.ventes(["import", "--sales", isoDates]).status == 0)
        #expect(try project.store.lines("SELECT reason FROM rejected_row WHERE source LIKE '%iso.csv' ORDER BY line")
                == ["2023-02-30 is not a date", "2023-13-01 is not a date"])
    }

    @Test("every data line is inserted, a duplicate, updated, unchanged or rejected (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func everyLineAccountedFor(backend: Backend) throws {
        let project = try sampleProject(backend)
        // Duplicates, blank lines (not data), a quoted line break, bad rows.
        let sales = Self.badSales + "27/05/2023;REF001;5;1\r\n;;;\r\n\r\n\"04/06/2023\";\"REF\r\n004\";2;3\r\n"
        let path = try project.write("ventes.csv", Self.cp1252(sales))
        #expect(try project.ventes(["import", "--sales", path]).status == 0)
        let dataLines = 9 + 1 + 1  // the 9 rows above, the duplicate, the quoted record
        #expect(try project.store.lines("SELECT read, inserted, duplicates, rejected FROM import_file WHERE kind = 'sales'")
                == ["\(dataLines)|2|1|8"])
        // The quoted record starts on line 14 and spans two physical lines.
        #expect(try project.store.lines("SELECT line, replace(replace(reason, '\r', '<CR>'), '\n', '<LF>') FROM rejected_row WHERE line > 10")
                == ["14|unknown product REF<CR><LF>004 (5 products known, nearest: REF004)"])
        // The stores file imported again: every row unchanged.
        let sample = "csv/magasins.csv"
        #expect(try project.ventes(["import", "--stores", sample]).status == 0)
        #expect(try project.store.lines("SELECT read, inserted, updated, unchanged, rejected FROM import_file WHERE import_id = 3")
                == ["7|0|0|7|0"])
        #expect(try project.store.lines("SELECT COUNT(*) FROM import_file WHERE read <> inserted + updated + unchanged + duplicates + rejected") == ["0"])
    }

    @Test("rejects lists import, file, line, reason and text, as a table or JSON (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func listing(backend: Backend) throws {
        let project = try sampleProject(backend)
        let path = try project.write("ventes.csv", Self.cp1252(Self.badSales))
        #expect(try project.ventes(["import", "--sales", path]).status == 0)

        let table = try project.ventes(["rejects"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Import #2: 7 rejected rows")
        #expect(lines.contains { $0.contains("ventes.csv") && $0.contains("  3  unknown product REF009") && $0.hasSuffix("28/05/2023;REF009;3;2") })

        let json = try project.ventes(["rejects", "--import", "2", "--format", "json"])
        #expect(json.stdout.contains(#"{"import_id":2,"kind":"sales","file":"\#(path)","line":4,"reason":"quantity -3 is not a positive integer","raw":"29/05/2023;REF003;-3;1"}"#), "\(json.stdout)")

        let earlier = try project.ventes(["rejects", "--import", "1"])
        #expect(earlier.stdout == "Import #1: no rejected rows.\n")
        let missing = try project.ventes(["rejects", "--import", "42"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("there is no import #42"))
    }

    @Test("rejects --format csv writes the rows back in the source's dialect; fixed, they land once (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func fixAndReimport(backend: Backend) throws {
        let project = try sampleProject(backend)
        let path = try project.write("ventes.csv", Self.cp1252(Self.badSales))
        #expect(try project.ventes(["import", "--sales", path]).status == 0)

        let csv = try project.ventes(["rejects", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let expected = [Self.salesHeader, "28/05/2023;REF009;3;2", "29/05/2023;REF003;-3;1", "30/02/2023;REF004;4;3",
                        "31/05/2023;REF005;7;2;extra", "01/06/2023;REF001;3;99", "02/06/2023;;6;1", "03/06/2023;REF003;1,5;5"]
        #expect(csv.stdoutBytes == Self.cp1252(expected.joined(separator: "\r\n") + "\r\n"))

        // A person fixes five rows in a spreadsheet and leaves two as they were.
        let fixed = Self.cp1252([Self.salesHeader, "28/05/2023;REF001;3;2", "29/05/2023;REF003;3;1", "28/02/2023;REF004;4;3",
                                 "31/05/2023;REF005;7;2", "01/06/2023;REF001;3;99", "02/06/2023;REF002;6;1",
                                 "03/06/2023;REF003;1,5;5"].joined(separator: "\r\n") + "\r\n")
        let fixedPath = try project.write("ventes-corrigees.csv", fixed)
        let reimport = try project.ventes(["import", "--sales", fixedPath])
        #expect(reimport.status == 0, "\(reimport.stderr)")
        #expect(reimport.stdout.contains("read 7: inserted 5, duplicates 0, rejected 2"), "\(reimport.stdout)")
        #expect(try project.store.lines("SELECT COUNT(*) FROM sale") == ["7"])
        // Imported again by mistake: nothing counted twice.
        let again = try project.ventes(["import", "--sales", fixedPath])
        #expect(again.stdout.contains("read 7: inserted 0, duplicates 5, rejected 2"), "\(again.stdout)")
        #expect(try project.store.lines("SELECT COUNT(*), SUM(quantity) FROM sale") == ["7|30"])
        // What is still wrong is what the latest import quarantined.
        let still = try project.ventes(["rejects", "--format", "csv"])
        #expect(still.stdoutBytes == Self.cp1252([Self.salesHeader, "01/06/2023;REF001;3;99", "03/06/2023;REF003;1,5;5"]
            .joined(separator: "\r\n") + "\r\n"))
    }

    @Test("rows written back with ambiguous dates reuse the source's remembered date format (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func rejectsFileRemembersDates(backend: Backend) throws {
        let project = try sampleProject(backend)
        let sales = "Sale Date,SKU,Qty,Store ID\n5/27/2023,REF001,5,1\n6/7/2023,REF009,1,1\n"
        #expect(try project.ventes(["import", "--sales", try project.write("us.csv", sales)]).status == 0)
        let csv = try project.ventes(["rejects", "--format", "csv", "--kind", "sales"])
        #expect(csv.stdout == "Sale Date,SKU,Qty,Store ID\r\n6/7/2023,REF009,1,1\r\n")
        let fixed = try project.write("fixed.csv", csv.stdout.replacingOccurrences(of: "REF009", with: "REF002"))
        let outcome = try project.ventes(["import", "--sales", fixed])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("dates mm/dd/yyyy (remembered from an earlier import)"))
        #expect(try project.store.lines("SELECT date, product_id FROM sale ORDER BY date") == ["2023-05-27|REF001", "2023-06-07|REF002"])
    }

    @Test("rows written back keep a UTF-8 source's byte order mark and tab delimiter (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func csvKeepsByteOrderMark(backend: Backend) throws {
        let project = try Project(backend: backend)
        let path = try project.write("magasins.csv", [0xEF, 0xBB, 0xBF] + Array("ID Magasin\tVille\tEffectif\n1\tSaint-Étienne\t-2\n2\tLyon\t3\n".utf8))
        #expect(try project.ventes(["import", "--stores", path]).status == 0)
        let csv = try project.ventes(["rejects", "--format", "csv"])
        #expect(csv.stdoutBytes == [0xEF, 0xBB, 0xBF] + Array("ID Magasin\tVille\tEffectif\r\n1\tSaint-Étienne\t-2\r\n".utf8))
        let table = try project.ventes(["rejects"])
        #expect(table.stdout.contains("employees -2 is not a whole number of employees"))
        #expect(table.stdout.contains("1→Saint-Étienne→-2"))
    }

    @Test("rejects --format csv needs one file when several have rejected rows (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func csvNeedsOneFile(backend: Backend) throws {
        let project = try Project(backend: backend)
        let stores = try project.write("magasins.csv", "ID Magasin,Ville,Nombre de salariés\n1,Paris,-2\n")
        let products = try project.write("produits.csv", "Nom,Ref,Prix,Stock\nA,R1,abc,1\n")
        #expect(try project.ventes(["import", "--stores", stores, "--products", products]).status == 0)
        let outcome = try project.ventes(["rejects", "--format", "csv"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("several files (stores: \(stores), products: \(products)); a CSV holds one: add --kind stores"))
        let one = try project.ventes(["rejects", "--format", "csv", "--kind", "products"])
        #expect(one.stdout == "Nom,Ref,Prix,Stock\r\nA,R1,abc,1\r\n")
    }
}
