import Foundation
import Testing

/// Headers as businesses write them, any column order, `;` or `,`, a BOM: the same data comes in.
@Suite("headers and dialects")
struct HeaderDialectTests {
    /// What the brief's data looks like once imported, whatever the file's dialect.
    static func content(_ store: StoreInspector) throws -> [[String]] {
        try store.rows("SELECT 'store', id, city, region, employees, NULL FROM store ORDER BY id")
            + store.rows("SELECT 'product', id, name, price_cents, stock, NULL FROM product ORDER BY id")
            + store.rows("""
                SELECT 'sale', date, product_id, store_id, quantity, unit_price_cents
                FROM sale ORDER BY date, product_id, store_id
                """)
    }

    @Test("the same data in another dialect imports to the same rows as the brief (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, ["english-headers", "french-no-accents-any-case", "reordered-columns", "semicolon-bom-crlf"])
    func dialect(backend: Backend, _ directory: String) throws {
        let reference = try Project(backend: backend)
        try reference.importBrief()
        let project = try Project(csv: directory, backend: backend)

        let result = try project.ventes("import", "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        let report = try ImportReport.parse(result.stdout)
        #expect((report.stores?.read, report.stores?.inserted, report.stores?.rejected) == (7, 7, 0))
        #expect((report.products?.read, report.products?.inserted, report.products?.rejected) == (5, 5, 0))
        #expect((report.sales?.read, report.sales?.inserted, report.sales?.rejected) == (30, 30, 0))
        #expect(report.stores?.warnings == [], "every column recognised, every city known")
        #expect(report.products?.warnings == [])
        #expect(report.sales?.warnings == [])
        #expect(try Self.content(project.store) == Self.content(reference.store))
        let expectedDelimiter = directory.hasPrefix("semicolon") ? ";" : ","
        #expect(report.sales?.delimiter == expectedDelimiter)
        #expect(report.sales?.encoding == "utf-8")
    }

    @Test("the brief's regions come from the built-in city map (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func regions(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()

        let regions = try project.store.rows("SELECT city, region FROM store ORDER BY id")

        #expect(Set(regions.map { $0[0] + "=" + $0[1] }) == Set(BriefData.regionOfCity.map { $0.key + "=" + $0.value }))
    }

    @Test("a Région column wins over the built-in map; an unknown city is reported, never guessed (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func regionColumnAndUnknownCity(backend: Backend) throws {
        let project = try Project(backend: backend)
        let stores = try project.directory.write("""
            ID Magasin,Ville,Région
            1,Paris,Région Parisienne
            2,Trifouilly-les-Oies,
            """, to: "in/stores-region.csv")

        let result = try project.ventes("import", "--stores", stores, "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        #expect(try project.store.rows("SELECT id, city, region FROM store ORDER BY id")
                == [["1", "Paris", "Région Parisienne"], ["2", "Trifouilly-les-Oies", "NULL"]])
        let warnings = try ImportReport.parse(result.stdout).stores?.warnings ?? []
        #expect(warnings.contains { $0.contains("Trifouilly-les-Oies") && $0.contains(":3:") }, "\(warnings)")
    }
}
