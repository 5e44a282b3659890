import Foundation
import Testing

/// Two imports started at the same time never produce a duplicate, even on a database that
/// does not exist yet.
@Suite("concurrent imports")
struct ConcurrencyTests {
    /// Starts two `ventes import --format json` of the brief's files at once and checks the outcome.
    static func importTwiceAtOnce(_ project: Project) throws {
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
        #expect(try database.integrityCheck() == ["ok"])
    }

    @Test("two imports of the same files at once: 30 sales in all, inserted counts add up to 30")
    func twoImportsAtOnce() throws {
        let project = try Project()
        let initialised = try project.ventes("init")
        try #require(initialised.succeeded, "\(initialised.transcript)")

        try Self.importTwiceAtOnce(project)
    }

    /// Creating the database is the narrowest race (WAL switch, first migration): several rounds.
    @Test("two imports at once on a database that does not exist yet both succeed, without duplicates",
          arguments: 1...6)
    func twoImportsCreatingTheDatabase(round: Int) throws {
        let project = try Project()
        #expect(!project.directory.exists("data/ventes.db"))

        try Self.importTwiceAtOnce(project)
    }
}
