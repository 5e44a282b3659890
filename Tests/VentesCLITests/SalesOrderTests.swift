import Foundation
import Testing

/// The same sales in date order, in store order (a chain's stores one after the other) and shuffled,
/// each file larger than several batches of the reading thread: whatever the order, the import keeps
/// every rule (the first line among identical rows or rows sharing a sale id, duplicates and
/// rejects counted and quarantined with their lines, the summary tables exact, WAL journal) and
/// leaves the same sales.
@Suite("A sales file in any order")
struct SalesOrderTests {
    enum Order: String, CaseIterable { case date, store, random }

    /// A small deterministic generator (SplitMix64: every bit of the result is used).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// 40,000 data rows in date order over 2024, 28 days a month (the brief's products and stores, after its own
    /// sales of 2023): one in a hundred repeats an earlier row, one in a thousand names an unknown
    /// product. With `withIDs`, a sale id first, one in fifty reusing an earlier id with other values.
    static func rows(withIDs: Bool) -> [String] {
        var g = Generator(state: 20_240_101)
        var rows: [String] = []
        for index in 0..<40_000 {
            let day = index * 336 / 40_000
            let month = day / 28 + 1, dayOfMonth = day % 28 + 1
            let date = "2024-\(month < 10 ? "0" : "")\(month)-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)"
            if index > 0 && index % 100 == 0 {
                rows.append(rows[Int.random(in: max(0, index - 500)..<index, using: &g)])
                continue
            }
            let product = index % 1_000 == 999 ? "REF999" : "REF00\(Int.random(in: 1...5, using: &g))"
            let row = "\(date),\(product),\(Int.random(in: 1...9, using: &g)),\(Int.random(in: 1...7, using: &g))"
            let id = index % 50 == 49 ? Int.random(in: 0..<index, using: &g) : index
            rows.append(withIDs ? "V\(id),\(row)" : row)
        }
        return rows
    }

    static func ordered(_ rows: [String], _ order: Order) -> [String] {
        switch order {
        case .date: return rows
        case .store:
            return rows.enumerated().sorted { (Int($0.element.split(separator: ",").last!)!, $0.offset)
                < (Int($1.element.split(separator: ",").last!)!, $1.offset) }.map(\.element)
        case .random:
            var g = Generator(state: 7)
            return rows.shuffled(using: &g)
        }
    }

    /// Imports `rows` (under `header`) into a new project on `backend` holding the brief's data; the project and the report.
    func importSales(_ rows: [String], header: String, on backend: Backend) throws -> (Project, ImportReport.FileCounters) {
        let project = try Project(backend: backend)
        try project.importBrief()
        try project.directory.write(header + "\n" + rows.joined(separator: "\n") + "\n", to: "in/ventes.csv")
        let result = try project.ventes("import", "--sales", "in/ventes.csv", "--format", "json")
        try #require(result.succeeded, "\(result.transcript)")
        return (project, try #require(try ImportReport.parse(result.stdout).sales))
    }

    @Test("identical rows: the same sales, the first line of each kept, whatever the order (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, Order.allCases)
    func identicalRows(backend: Backend, order: Order) throws {
        let rows = Self.ordered(Self.rows(withIDs: false), order)
        let (project, sales) = try importSales(rows, header: "Date,ID Référence produit,Quantité,ID Magasin", on: backend)
        var firstLine: [String: Int] = [:]
        for (index, row) in rows.enumerated() where !row.contains("REF999") { firstLine[row] = firstLine[row] ?? index + 2 }
        let rejected = rows.filter { $0.contains("REF999") }.count
        #expect(sales.read == 40_000)
        #expect(sales.rejected == rejected)
        #expect(sales.inserted == firstLine.count)
        #expect(sales.duplicates == 40_000 - rejected - firstLine.count)
        let stored = try project.store.rows("""
            SELECT date, product_id, quantity, store_id, line FROM sale WHERE import_id = 2
            """)
        #expect(stored.count == firstLine.count)
        #expect(stored.allSatisfy { firstLine[$0[0..<4].joined(separator: ",")] == Int($0[4]) })
        let quarantined = try project.store.rows("SELECT line, raw_text FROM rejected_row WHERE import_id = 2 ORDER BY line")
        #expect(quarantined.allSatisfy { rows[Int($0[0])! - 2] == $0[1] && $0[1].contains("REF999") })
        try expectSound(project)
    }

    @Test("rows sharing a sale id: the first line is kept, whatever the order (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, Order.allCases)
    func sharedSaleIDs(backend: Backend, order: Order) throws {
        let rows = Self.ordered(Self.rows(withIDs: true), order)
        let (project, sales) = try importSales(rows, header: "ID Vente,Date,ID Référence produit,Quantité,ID Magasin", on: backend)
        var first: [String: (row: String, line: Int)] = [:]
        for (index, row) in rows.enumerated() where !row.contains("REF999") {
            let id = String(row.split(separator: ",")[0])
            if first[id] == nil { first[id] = (row, index + 2) }
        }
        #expect(sales.inserted == first.count)
        #expect(sales.inserted + (sales.duplicates ?? 0) + sales.rejected == 40_000)
        let stored = try project.store.rows("""
            SELECT sale_ref, date, product_id, quantity, store_id, line FROM sale WHERE import_id = 2
            """)
        #expect(stored.count == first.count)
        #expect(stored.allSatisfy { first[$0[0]]?.row == $0[0..<5].joined(separator: ",") && first[$0[0]]?.line == Int($0[5]) })
        try expectSound(project)
    }

    /// `ventes check` finds nothing (summary tables, counters, foreign keys), and a SQLite journal is WAL.
    func expectSound(_ project: Project) throws {
        let check = try project.ventes("check")
        #expect(check.succeeded, "\(check.transcript)")
        if project.backend == .sqlite {
            #expect(try project.database.rows("PRAGMA journal_mode") == [["wal"]])
        }
    }
}
