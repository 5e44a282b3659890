import Foundation
import Testing

/// `--strict`: one bad row aborts the whole call, database unchanged.
@Suite("--strict")
struct StrictModeTests {
    @Test("a bad row aborts the whole call, stores and products included: exit non-zero, database unchanged (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func strictAborts(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let stores = try project.add("stores-changed.csv")
        let products = try project.add("products-price-change.csv")
        let sales = try project.add("sales-bad-rows.csv")
        let before = try PortableSQL.wholeStore(of: project)

        let result = try project.ventes("import", "--strict", "--stores", stores, "--products", products, "--sales", sales)

        #expect(!result.succeeded, "\(result.transcript)")
        #expect(!result.killedBySignal)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(sales):3: unknown product REF999"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(try PortableSQL.wholeStore(of: project) == before)
        #expect(try project.store.count("import_run") == 1)
    }

    @Test("a bad row in the stores file aborts before any sale is read (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func strictAbortsOnStores(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let stores = try project.directory.write("ID Magasin,Ville,Nombre de salariés\n8,Toulouse,4\n9,Nice,beaucoup\n",
                                                to: "in/stores-bad-employees.csv")
        let before = try PortableSQL.wholeStore(of: project)

        let result = try project.ventes("import", "--strict", "--stores", stores, "--sales", "csv/ventes.csv")

        #expect(!result.succeeded, "\(result.transcript)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(stores):3:"), "\(result.stderr)")
        #expect(try PortableSQL.wholeStore(of: project) == before)
    }

    @Test("a clean file imports normally under --strict (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func strictCleanFile(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let appended = try project.add("sales-appended.csv")

        let result = try project.ventes("import", "--strict", "--sales", appended, "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        #expect(try ImportReport.parse(result.stdout).sales?.inserted == 3)
        #expect(try project.store.rows("SELECT strict FROM import_run ORDER BY id") == [["0"], ["1"]])
    }
}
