import Foundation
import Logging
import Testing
@testable import VentesKit

/// The importer against a database in memory (no file, no binary): what a library user gets.
@Suite("Importer on an in-memory store")
struct InMemoryImportTests {
    static let csv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("csv")
    static let sources = FileKind.allCases.map { ImportSource(kind: $0, path: csv.appendingPathComponent($0.defaultFileName).path) }

    func importer(_ store: SQLiteStore) -> Importer {
        Importer(store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    @Test("the brief's files import whole, then count as duplicates the second time")
    func importsAndReimports() throws {
        let store = try SQLiteStore.inMemory()
        let first = try importer(store).run(Self.sources)
        #expect(first.file(.stores)?.counts.inserted == 7)
        #expect(first.file(.products)?.counts.inserted == 5)
        #expect(first.file(.sales)?.counts.inserted == 30)

        let second = try importer(store).run(Self.sources)
        #expect(second.file(.sales)?.counts.duplicates == 30)
        #expect(second.file(.sales)?.counts.inserted == 0)
        #expect(second.file(.stores)?.counts.unchanged == 7)

        let file = try AnalysisFile(path: "analyses.sql", text: """
            -- name: total
            -- What was sold?
            SELECT SUM(revenue_cents) AS revenue_cents, COUNT(*) AS sales FROM sale;
            """)
        let run = try store.runAnalyses(file, startedAt: Date())
        #expect(run.result("total")?.rows == [[.integer(526_878), .integer(30)]])
    }

    @Test("a sale of an unknown product is quarantined with a typed reason naming the nearest id")
    func unknownProduct() throws {
        let store = try SQLiteStore.inMemory()
        _ = try importer(store).run(Array(Self.sources.prefix(2)))
        let sales = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-\(UUID().uuidString).csv")
        try Data("Date,ID Référence produit,Quantité,ID Magasin\n2023-05-27,REF009,1,1\n".utf8).write(to: sales)
        defer { try? FileManager.default.removeItem(at: sales) }

        let summary = try importer(store).run([ImportSource(kind: .sales, path: sales.path)])
        let rejected = try #require(summary.file(.sales)?.rejections.first)
        #expect(rejected.reason == .unknownProduct(id: "REF009", known: 5, nearest: "REF001"))
        #expect(rejected.reason.description == "unknown product REF009 (5 products known, nearest: REF001)")
        let listed = try store.quarantine(importID: summary.importID, kind: .sales)
        #expect(listed.rows.map(\.reason.description) == [rejected.reason.description])
        #expect(listed.rows.first?.dependsOnData == true)
    }
}
