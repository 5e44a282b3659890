import Foundation
import Testing

/// Two imports started at the same time never produce a duplicate.
@Suite("concurrent imports")
struct ConcurrencyTests {
    @Test("two imports of the same files at once: 30 sales in all, inserted counts add up to 30",
          arguments: [true, false])
    func twoImportsAtOnce(databaseExists: Bool) throws {
        let project = try Project()
        if databaseExists {
            let initialised = try project.ventes("init")
            try #require(initialised.succeeded, "\(initialised.transcript)")
        }

        let first = try VentesCommand.start(["import", "--format", "json"], in: project.directory.url)
        let second = try VentesCommand.start(["import", "--format", "json"], in: project.directory.url)
        let results = [try first.wait(), try second.wait()]

        for result in results { try #require(result.succeeded, "\(result.transcript)") }
        let reports = try results.map { try ImportReport.parse($0.stdout) }
        #expect(reports.map { $0.sales?.inserted ?? -1 }.reduce(0, +) == 30)
        #expect(reports.map { $0.sales?.duplicates ?? -1 }.reduce(0, +) == 30)
        #expect(reports.map { $0.stores?.inserted ?? -1 }.reduce(0, +) == 7)
        #expect(reports.map { $0.products?.inserted ?? -1 }.reduce(0, +) == 5)
        let database = project.database
        #expect(try database.count("sale") == 30)
        #expect(try database.count("store") == 7)
        #expect(try database.count("product_price") == 5)
        #expect(try database.count("import_run") == 2)
        #expect(try database.integer("SELECT SUM(revenue_cents) FROM sale") == 526_878)
    }
}
