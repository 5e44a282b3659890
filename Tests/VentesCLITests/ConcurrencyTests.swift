import Foundation
import Testing

/// Two imports started at the same time never produce a duplicate, even on a database that
/// does not exist yet.
@Suite("concurrent imports")
struct ConcurrencyTests {
    /// Starts two `ventes import --format json` of the brief's files at once and checks the outcome.
    static func importTwiceAtOnce(_ project: Project) throws {
        let first = try project.start("import", "--format", "json")
        let second = try project.start("import", "--format", "json")
        let results = [try first.wait(), try second.wait()]

        for result in results { try #require(result.succeeded, "\(result.transcript)") }
        let reports = try results.map { try ImportReport.parse($0.stdout) }
        #expect(reports.map { $0.sales?.inserted ?? -1 }.reduce(0, +) == 30)
        #expect(reports.map { $0.sales?.duplicates ?? -1 }.reduce(0, +) == 30)
        #expect(reports.map { $0.stores?.inserted ?? -1 }.reduce(0, +) == 7)
        #expect(reports.map { $0.products?.inserted ?? -1 }.reduce(0, +) == 5)
        let database = project.store
        #expect(try database.count("sale") == 30)
        #expect(try database.count("store") == 7)
        #expect(try database.count("product_price") == 5)
        #expect(try database.count("import_run") == 2)
        #expect(try database.integer("SELECT SUM(revenue_cents) FROM sale") == 526_878)
        if project.backend == .sqlite {
            #expect(try project.database.integrityCheck() == ["ok"])
        }
    }

    @Test("two imports of the same files at once: 30 sales in all, inserted counts add up to 30 (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func twoImportsAtOnce(backend: Backend) throws {
        let project = try Project(backend: backend)
        let initialised = try project.ventes("init")
        try #require(initialised.succeeded, "\(initialised.transcript)")

        try Self.importTwiceAtOnce(project)
    }

    /// Creating the database is the narrowest race (SQLite: WAL switch, first migration; PostgreSQL:
    /// the schema and its first migration): several rounds.
    @Test("two imports at once on a database that does not exist yet both succeed, without duplicates (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, 1...6)
    func twoImportsCreatingTheDatabase(backend: Backend, round: Int) throws {
        let project = try Project(backend: backend)
        #expect(try !project.storeExists())

        try Self.importTwiceAtOnce(project)
    }
}

/// Four imports of overlapping sales files at once, from four processes: every sale once.
@Suite("four concurrent imports of overlapping files")
struct OverlappingConcurrentImportTests {
    /// 1,250 distinct sales (each of product REF001, 49.99, quantity 1: a day of 2023 and a store
    /// make each one unique), split into four files of 500 that overlap by 250.
    static func writeParts(in project: Project) throws -> [String] {
        func sale(_ index: Int) -> String {
            var date = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                      year: 2023, month: 1, day: 1).date!
            date.addTimeInterval(Double(index % 365) * 86_400)
            let day = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            return "\(day),REF001,1,\(index / 365 + 1)"
        }
        return try (0..<4).map { part in
            let lines = ["date,product_id,quantity,store_id"] + (part * 250..<part * 250 + 500).map(sale)
            return try project.directory.write(lines.joined(separator: "\n") + "\n", to: "in/part-\(part).csv")
        }
    }

    @Test("4 imports at once of files overlapping by half: 1,250 sales exactly, inserted adds up, summary tables agree (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func fourOverlappingImports(backend: Backend) throws {
        let project = try Project(backend: backend)
        let initialised = try project.ventes("init")
        try #require(initialised.succeeded, "\(initialised.transcript)")
        let parts = try Self.writeParts(in: project)

        let running = try parts.map { part in
            try project.start("import", "--stores", "csv/magasins.csv", "--products", "csv/produits.csv", "--sales", part,
                              "--format", "json")
        }
        let results = try running.map { try $0.wait() }

        for result in results { try #require(result.succeeded, "\(result.transcript)") }
        let reports = try results.map { try ImportReport.parse($0.stdout) }
        #expect(reports.map { $0.sales?.inserted ?? -1 }.reduce(0, +) == 1250)
        #expect(reports.map { $0.sales?.duplicates ?? -1 }.reduce(0, +) == 750)
        let store = project.store
        #expect(try store.count("sale") == 1250)
        #expect(try store.integer("SELECT SUM(revenue_cents) FROM sale") == 1250 * 4999)
        #expect(try store.integer("SELECT SUM(sales_count) FROM sale_total_by_product") == 1250)
        #expect(try store.integer("SELECT SUM(revenue_cents) FROM sale_total_by_day_store") == 1250 * 4999)
        #expect(try store.count("import_run") == 4, "init made none; each import one")
        #expect(try store.count("product_price") == 5)
    }
}
