import Foundation
import Testing

/// Real-world exports (issue 3): each fixture directory holds the clean sample written in one dialect,
/// and must import to the same rows and the same analysis results as csv/.
@Suite("Dialects") struct DialectTests {
    /// A fixture directory and the dialect the summary must report for its sales file.
    struct Case: CustomStringConvertible, Sendable {
        var directory: String
        var salesDialect: String
        var productsDialect: String
        var description: String { directory }
    }

    static let cases: [Case] = [
        Case(directory: "french-excel", salesDialect: #"[delimiter ";", windows-1252, dates dd/mm/yyyy]"#,
             productsDialect: #"[delimiter ";", windows-1252, decimal ","]"#),
        Case(directory: "utf8-bom-crlf", salesDialect: #"[delimiter ",", utf-8 with BOM, dates yyyy-mm-dd]"#,
             productsDialect: #"[delimiter ",", utf-8 with BOM, decimal "."]"#),
        Case(directory: "lf-no-final-newline", salesDialect: #"[delimiter ",", utf-8, dates yyyy-mm-dd]"#,
             productsDialect: #"[delimiter ",", utf-8, decimal "."]"#),
        Case(directory: "tab-delimited", salesDialect: #"[delimiter "tab", utf-8, dates yyyy-mm-dd]"#,
             productsDialect: #"[delimiter "tab", utf-8, decimal "."]"#),
        Case(directory: "spaces-blank-lines", salesDialect: #"[delimiter ",", utf-8, dates yyyy-mm-dd]"#,
             productsDialect: #"[delimiter ",", utf-8, decimal "."]"#),
        Case(directory: "us-export", salesDialect: #"[delimiter ",", utf-8, dates mm/dd/yyyy]"#,
             productsDialect: #"[delimiter ",", utf-8, decimal "."]"#),
        Case(directory: "quoted-multiline", salesDialect: #"[delimiter ",", utf-8, dates yyyy-mm-dd]"#,
             productsDialect: #"[delimiter ",", utf-8, decimal "."]"#),
        Case(directory: "header-variants", salesDialect: #"[delimiter ",", utf-8, dates yyyy-mm-dd]"#,
             productsDialect: #"[delimiter ",", utf-8, decimal "."]"#),
        Case(directory: "iso-datetime", salesDialect: #"[delimiter ",", utf-8, dates yyyy-mm-dd]"#,
             productsDialect: #"[delimiter ",", utf-8, decimal "."]"#),
    ]

    /// The clean sample's rows and analysis results on `backend`.
    static func clean(on backend: Backend) throws -> (rows: [String], analyses: String) {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        let outcome = try workspace.importDirectory(DialectWorkspace.sampleDirectory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return (try workspace.logicalRows(), try workspace.analysesJSON())
    }

    @Test("imports to the clean sample's rows and analysis results (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, cases)
    func sameDataAsCleanSample(backend: Backend, _ dialect: Case) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        let outcome = try workspace.importDirectory(DialectWorkspace.fixture(dialect.directory))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let sales = try #require(lines.first { $0.contains("  sales ") })
        let products = try #require(lines.first { $0.contains("  products ") })
        #expect(sales.contains("read 30: inserted 30, duplicates 0, rejected 0"))
        #expect(sales.hasSuffix(dialect.salesDialect), "\(sales)")
        #expect(products.hasSuffix(dialect.productsDialect), "\(products)")
        let clean = try Self.clean(on: backend)
        #expect(clean.rows.count == 7 + 5 + 30)
        #expect(try workspace.logicalRows() == clean.rows)
        #expect(try workspace.analysesJSON() == clean.analyses)
        #expect(clean.analyses.contains(#""revenue":5268.78,"units":122,"sales_count":30"#))
    }

    @Test("ventes run on the French export gives the clean sample's totals (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func runOnFrenchExport(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        let outcome = try workspace.ventes(["run", "--csv-dir", DialectWorkspace.fixture("french-excel").path,
                                            "--sql", workspace.analysesFile.path,
                                            "--results-dir", workspace.directory.appendingPathComponent("results").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Total revenue: 5268.78 (122 units, 30 sales)"))
        #expect(outcome.stdout.contains(#"[delimiter ";", windows-1252, dates dd/mm/yyyy]"#))
    }

    // Reads the fixture only: no store is involved, so there is no backend to run it on.
    @Test("the French export is real Windows-1252 bytes with CRLF line ends")
    func frenchFixtureBytes() throws {
        let bytes = try Data(contentsOf: DialectWorkspace.fixture("french-excel/magasins.csv"))
        #expect(Array(bytes.prefix(7)) == Array("Num".utf8) + [0xE9] + Array("ro ".utf8))
        #expect(String(data: bytes, encoding: .utf8) == nil)
        #expect(bytes.contains(0x0D))
    }

    @Test("the dialect of each file is recorded in the import audit (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func dialectInAudit(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        #expect(try workspace.importDirectory(DialectWorkspace.fixture("french-excel")).status == 0)
        let audit = try workspace.query("""
            SELECT kind, delimiter, encoding, byte_order_mark, COALESCE(decimal_separator, '-'), COALESCE(date_format, '-'),
                   COALESCE(date_format_origin, '-'), header_text
            FROM import_file ORDER BY kind
            """)
        #expect(audit == [
            "products|;|windows-1252|0|,|-|-|Désignation;Réf. produit;Prix unitaire;Stock",
            "sales|;|windows-1252|0|-|dd/mm/yyyy|detected|Date de vente;Réf produit;Qté;Code magasin",
            "stores|;|windows-1252|0|-|-|-|Numéro magasin;Ville;Nombre de salariés",
        ])
        #expect(try workspace.query(PortableSQL.index(named: "import_file_by_source", on: backend)) == ["import_file_by_source"])
    }

    @Test("the JSON summary carries the dialect (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func dialectInJSONSummary(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        let outcome = try workspace.importDirectory(DialectWorkspace.fixture("us-export"), ["--format", "json"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains(#""date_format":"mm/dd/yyyy","date_format_origin":"detected""#))
        #expect(outcome.stdout.contains(#""decimal_separator":".""#))
    }

    @Test("prices with thousands separators: space, no-break space, narrow no-break space, dot (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func thousandsSeparators(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        let utf8 = "Nom;Réf;Prix;Stock\r\nA;R1;1 234,56;1\r\nB;R2;1\u{00A0}234,56;1\r\nC;R3;1\u{202F}234,56;1\r\nD;R4;\"1.234,56\";1\r\nE;R5;49,99;1\r\n"
        let path = try workspace.write("produits.csv", utf8)
        let outcome = try workspace.ventes(["import", "--products", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains(#"decimal ","]"#))
        #expect(try workspace.query("SELECT id, price_cents FROM product ORDER BY id")
                == ["R1|123456", "R2|123456", "R3|123456", "R4|123456", "R5|4999"])

        // The same in Windows-1252, where the no-break space is the byte A0.
        let cp1252: [UInt8] = Array("Nom;Ref;Prix;Stock\r\nA;W1;1".utf8) + [0xA0] + Array("234,56;1\r\nB;W2;12 345 678,9;1\r\n".utf8)
        let second = try workspace.write("produits-1252.csv", cp1252)
        #expect(try workspace.ventes(["import", "--products", second]).status == 0)
        #expect(try workspace.query("SELECT id, price_cents FROM product WHERE id LIKE 'W%' ORDER BY id")
                == ["W1|123456", "W2|1234567890"])
    }

    @Test("--decimal-comma reads \"1.234\" as thousands; detection alone cannot and rejects it (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func decimalCommaOverride(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        let path = try workspace.write("produits.csv", "Nom;Ref;Prix;Stock\nA;R1;1.234;1\nB;R2;1.500;2\n")
        let detected = try workspace.ventes(["import", "--products", path])
        #expect(detected.status == 0)
        #expect(detected.stdout.contains(#"price "1.234" has more than 2 decimals (if it means thousands, import with --decimal-comma)"#))
        let forced = try workspace.ventes(["import", "--products", path, "--decimal-comma"])
        #expect(forced.status == 0)
        #expect(forced.stdout.contains(#"decimal ","]"#))
        #expect(try workspace.query("SELECT id, price_cents FROM product ORDER BY id") == ["R1|123400", "R2|150000"])
    }

    @Test("Windows-1252 bytes after the first megabyte of plain ASCII still make a Windows-1252 file (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func encodingDecidedOnTheWholeFile(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        var text = "ID Magasin;Ville\r\n"
        for id in 1...120_000 { text += "\(id);Paris\r\n" }
        #expect(text.utf8.count > 1 << 20)  // beyond the sample the encoding is guessed from
        let bytes = Array(text.utf8) + Array("120001;Orl".utf8) + [0xE9] + Array("ans\r\n".utf8)
        let path = try workspace.write("magasins.csv", bytes)
        let outcome = try workspace.ventes(["import", "--stores", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("read 120001: inserted 120001, updated 0, unchanged 0, rejected 0  [delimiter \";\", windows-1252]"), "\(outcome.stdout)")
        #expect(try workspace.query("SELECT city FROM store WHERE id = '120001'") == ["Orléans"])

        // A file that has real UTF-8 up front keeps UTF-8: the stray byte is its line's problem.
        let mixed = Array("ID Magasin;Ville\r\n1;Orléans\r\n".utf8) + Array(text.utf8.dropFirst(18)) + Array("130000;Orl".utf8) + [0xE9] + Array("ans\r\n".utf8)
        let second = try workspace.write("mixed.csv", mixed)
        let outcome2 = try workspace.ventes(["import", "--stores", second])
        #expect(outcome2.stdout.contains("[delimiter \";\", utf-8]"), "\(outcome2.stdout)")
        #expect(outcome2.stdout.contains("mixed.csv:120003: line is not valid utf-8 text"), "\(outcome2.stdout)")
    }

    @Test("--delimiter and --encoding override detection (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func delimiterAndEncodingOverrides(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        // A header with as many commas as semicolons, in a ';' file: detection picks ','.
        let text = "Nom;Ref;Prix, TTC, €;Stock, unités\nProduit, A;R1;49,99;1\n"
        let path = try workspace.write("produits.csv", text)
        let detected = try workspace.ventes(["import", "--products", path])
        #expect(detected.status != 0)
        #expect(detected.stderr.contains("missing required column"))
        let forced = try workspace.ventes(["import", "--products", path, "--delimiter", ";"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try workspace.query("SELECT name, price_cents FROM product") == ["Produit, A|4999"])

        // UTF-8 bytes read as Windows-1252 on request.
        let city = try workspace.write("magasins.csv", "ID Magasin,Ville\n1,Orléans\n")
        #expect(try workspace.ventes(["import", "--stores", city, "--encoding", "windows-1252"]).status == 0)
        #expect(try workspace.query("SELECT city FROM store") == ["OrlÃ©ans"])
        #expect(try workspace.ventes(["import", "--stores", city, "--encoding", "klingon"]).stderr.contains("--encoding"))
    }

    @Test("an unknown column is ignored and reported once; a missing one names the columns found and the closest (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func headerProblems(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        let extra = try workspace.write("magasins.csv", "ID Magasin,Ville,Gérant,Gérant adjoint\n1,Paris,Ana,Bo\n2,Lyon,Cy,Di\n")
        let outcome = try workspace.ventes(["import", "--stores", extra])
        #expect(outcome.status == 0)
        let warnings = outcome.stdout.split(separator: "\n").filter { $0.contains("ignored unknown column") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains(#""Gérant", "Gérant adjoint""#) == true)

        let missing = try workspace.write("ventes.csv", "Date,ID Référence produit,Quantiter,ID Magasin\n2023-05-27,REF001,5,1\n")
        let failed = try workspace.ventes(["import", "--sales", missing])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains(#"ventes.csv:1: missing required column "quantity" (columns found: "Date", "ID Référence produit", "Quantiter", "ID Magasin"); did you mean "Quantiter"?"#), "\(failed.stderr)")
    }
}

/// The date format of a sales column: decided by its values, remembered per source, or given.
@Suite("Date formats") struct DateFormatTests {
    static let header = "Date,SKU,Qty,Store ID"
    /// Dates whose day and month are both at most 12: either order reads.
    static let ambiguousSales = header + "\n5/6/2023,REF001,1,1\n6/7/2023,REF002,2,2\n"

    func importSample(_ workspace: DialectWorkspace) throws {
        let sample = DialectWorkspace.sampleDirectory
        let outcome = try workspace.ventes(["import", "--stores", sample.appendingPathComponent("magasins.csv").path,
                                            "--products", sample.appendingPathComponent("produits.csv").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
    }

    @Test("an ambiguous column with no earlier import stops with a message naming --date-format (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func ambiguousStops(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        try importSample(workspace)
        let path = try workspace.write("ventes.csv", Self.ambiguousSales)
        let outcome = try workspace.ventes(["import", "--sales", path])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains(#"ventes.csv:2: dates like "5/6/2023" can be read as dd/mm/yyyy or mm/dd/yyyy"#), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("pass --date-format dd/mm/yyyy or --date-format mm/dd/yyyy"))
        #expect(try workspace.query("SELECT COUNT(*) FROM sale") == ["0"])
        #expect(try workspace.query("SELECT COUNT(*) FROM import_run") == ["1"])

        let forced = try workspace.ventes(["import", "--sales", path, "--date-format", "m/d/yyyy"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("dates mm/dd/yyyy (--date-format)"))
        #expect(try workspace.query("SELECT date FROM sale ORDER BY date") == ["2023-05-06", "2023-06-07"])
    }

    @Test("an ambiguous column uses the format an earlier import of the same source settled on (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func rememberedFormat(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        try importSample(workspace)
        let settled = try workspace.write("export/ventes.csv", Self.header + "\n5/27/2023,REF001,5,1\n")
        let first = try workspace.ventes(["import", "--sales", settled])
        #expect(first.stdout.contains("dates mm/dd/yyyy]"), "\(first.stdout)")
        // Next month's export: same path, only ambiguous dates.
        try workspace.write("export/ventes.csv", Self.ambiguousSales)
        let second = try workspace.ventes(["import", "--sales", settled])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("dates mm/dd/yyyy (remembered from an earlier import)"))
        // Another path with the same header is the same source.
        let elsewhere = try workspace.write("other/sales-june.csv", Self.header + "\n7/8/2023,REF003,1,3\n")
        let third = try workspace.ventes(["import", "--sales", elsewhere])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(try workspace.query("SELECT date FROM sale ORDER BY date") == ["2023-05-06", "2023-05-27", "2023-06-07", "2023-07-08"])
        #expect(try workspace.query("SELECT date_format_origin FROM import_file WHERE kind = 'sales' ORDER BY import_id")
                == ["detected", "remembered", "remembered"])
    }

    @Test("a day above 12 settles the column, for every row of it (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func dayAboveTwelveSettles(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        try importSample(workspace)
        let path = try workspace.write("ventes.csv", "Date;Ref;Qte;Magasin\n05/06/2023;REF001;1;1\n27/05/2023;REF002;1;1\n")
        let outcome = try workspace.ventes(["import", "--sales", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try workspace.query("SELECT date FROM sale ORDER BY date") == ["2023-05-27", "2023-06-05"])
    }

    @Test("a column mixing both orders stops, naming both lines (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func conflictingStops(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        try importSample(workspace)
        let path = try workspace.write("ventes.csv", "Date;Ref;Qte;Magasin\n27/05/2023;REF001;1;1\n1/1/2023;REF001;1;1\n5/28/2023;REF002;1;1\n")
        let outcome = try workspace.ventes(["import", "--sales", path])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains(#"ventes.csv:4: date "5/28/2023" is month first (mm/dd/yyyy) but line 2 has "27/05/2023", day first (dd/mm/yyyy)"#), "\(outcome.stderr)")
        let forced = try workspace.ventes(["import", "--sales", path, "--date-format", "dd/mm/yyyy"])
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("5/28/2023 is not a date (read as dd/mm/yyyy)"))
        #expect(try workspace.query("SELECT date FROM sale ORDER BY date") == ["2023-01-01", "2023-05-27"])
    }
}
