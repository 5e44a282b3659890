import Foundation
import Logging
import Testing
@testable import VentesKit

/// Refresh cycles on local files and a database in memory: what each cycle reads, imports, re-runs and records.
@Suite("Refresher")
struct RefresherTests {
    /// A directory with the brief's three files and the project's analyses file, and a store in memory.
    final class Bench {
        let directory: URL
        let store: SQLiteStore
        var schedule = RefreshSchedule(interval: RefreshInterval(milliseconds: 1000))
        var verify = false
        var analysesPath: String

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-refresh-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("csv"), withIntermediateDirectories: true)
            for kind in FileKind.allCases {
                try FileManager.default.copyItem(at: InMemoryImportTests.csv.appendingPathComponent(kind.defaultFileName),
                                                 to: directory.appendingPathComponent("csv/\(kind.defaultFileName)"))
            }
            analysesPath = directory.appendingPathComponent("analyses.sql").path
            try FileManager.default.copyItem(at: BriefDataFixture.repository.appendingPathComponent("results/analyses.sql"),
                                             to: URL(fileURLWithPath: analysesPath))
            store = try SQLiteStore.inMemory()
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

        var results: String { path("results") }

        func cycle() async -> CycleReport {
            let configuration = RefreshConfiguration(
                sources: FileKind.allCases.map { ImportSource(kind: $0, path: path("csv/\($0.defaultFileName)")) },
                analysesPath: analysesPath, resultsDirectory: results, interval: schedule.interval, verify: verify)
            let refresher = Refresher(store: store, configuration: configuration,
                                      logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            return await refresher.cycle(schedule: &schedule)
        }

        func count(_ table: String) throws -> Int {
            try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
        }

        func append(_ text: String, to name: String) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path("csv/\(name)")))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }

        /// Sets the file's modification time, its bytes unchanged.
        func touch(_ name: String, secondsFromNow: TimeInterval) throws {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(secondsFromNow)],
                                                  ofItemAtPath: path("csv/\(name)"))
        }
    }

    @Test("the first cycle imports, runs the analyses, writes the results and a report saying what it brought")
    func firstCycle() async throws {
        let bench = try Bench()

        let report = await bench.cycle()

        #expect(report.cycle.outcome == .refreshed, "\(report.text)")
        #expect(report.cycle.sources == [.stores: .changed, .products: .changed, .sales: .changed])
        #expect(report.cycle.rowsAdded == 42)
        #expect(report.imported[.sales]?.inserted == 30)
        #expect(report.cycle.analysisRunID == 1)
        #expect(report.cycle.id == 1)
        #expect(report.cycle.nextAt != nil)
        let html = try String(contentsOfFile: bench.path("results/report.html"), encoding: .utf8)
        #expect(html.contains("Dernière actualisation"))
        #expect(html.contains("30\u{00A0}nouvelles ventes") || html.contains("30 nouvelles ventes"))
        #expect(html.contains("5\u{202F}268,78\u{00A0}€ de chiffre d’affaires en plus"))
        #expect(FileManager.default.fileExists(atPath: bench.path("results/total_revenue.csv")))
        let news = try #require(try bench.store.refreshNews(runID: 1))
        #expect(news.salesAdded == 30 && news.revenueAdded == Cents(526_878))
        #expect(news.stores.count == 7)
    }

    @Test("a cycle where nothing changed costs a stat per file and writes nothing but its own record")
    func unchangedCycle() async throws {
        let bench = try Bench()
        _ = await bench.cycle()
        let before = try ["import_run", "import_file", "analysis_run", "sale", "refresh_source"].map { try bench.count($0) }
        let reportDate = try FileManager.default.attributesOfItem(atPath: bench.path("results/report.html"))[.modificationDate] as? Date

        let report = await bench.cycle()

        #expect(report.cycle.outcome == .unchanged, "\(report.text)")
        #expect(report.cycle.sources == [.stores: .sameSizeAndTime, .products: .sameSizeAndTime, .sales: .sameSizeAndTime])
        #expect(report.cycle.importID == nil && report.cycle.analysisRunID == nil && report.files.isEmpty)
        #expect(try ["import_run", "import_file", "analysis_run", "sale", "refresh_source"].map { try bench.count($0) } == before)
        #expect(try bench.count("refresh_cycle") == 2)
        #expect(try FileManager.default.attributesOfItem(atPath: bench.path("results/report.html"))[.modificationDate] as? Date == reportDate)
        #expect(report.text.contains("cycle #2 unchanged"))
        #expect(report.text.contains("sales unchanged (same size and time); analyses not re-run"))
    }

    @Test("a file touched but not changed is hashed once, found the same, and not imported")
    func touchedFile() async throws {
        let bench = try Bench()
        _ = await bench.cycle()
        try bench.touch("ventes.csv", secondsFromNow: 5)

        let touched = await bench.cycle()
        let after = await bench.cycle()

        #expect(touched.cycle.outcome == .unchanged)
        #expect(touched.cycle.sources[.sales] == .sameContent)
        #expect(try bench.count("import_run") == 1)
        #expect(after.cycle.sources[.sales] == .sameSizeAndTime)
    }

    @Test("with verify every local file is hashed every cycle")
    func verify() async throws {
        let bench = try Bench()
        _ = await bench.cycle()
        bench.verify = true

        let report = await bench.cycle()

        #expect(report.cycle.sources == [.stores: .sameContent, .products: .sameContent, .sales: .sameContent])
        #expect(report.cycle.outcome == .unchanged)
    }

    @Test("a grown sales file: only the new rows are imported, the analyses re-run, the report names the store")
    func grownFile() async throws {
        let bench = try Bench()
        _ = await bench.cycle()
        try bench.append("2023-06-26,REF002,3,4\n", to: "ventes.csv")

        let report = await bench.cycle()

        #expect(report.cycle.outcome == .refreshed, "\(report.text)")
        #expect(report.cycle.sources == [.stores: .sameSizeAndTime, .products: .sameSizeAndTime, .sales: .changed])
        #expect(report.cycle.rowsAdded == 1)
        #expect(report.imported[.sales]?.duplicates == 30)
        #expect(report.imported[.stores] == nil)
        let run = try #require(report.cycle.analysisRunID)
        let news = try #require(try bench.store.refreshNews(runID: run))
        #expect(news.stores.map(\.storeID) == ["4"])
        #expect(news.salesAdded == 1)
        #expect(news.revenueAdded == Cents(3 * 1999))
        let note = try String(contentsOfFile: bench.path("results/note.md"), encoding: .utf8)
        #expect(note.contains("1 nouvelle vente, 59,97"), "\(note)")
        #expect(report.text.contains("sales +1 rows (30 already there)"))
    }

    @Test("changed stores: the sales file is read again with them, its rows for a new store now imported")
    func changedStores() async throws {
        let bench = try Bench()
        try bench.append("2023-06-26,REF001,1,8\n", to: "ventes.csv")
        let first = await bench.cycle()
        #expect(first.imported[.sales]?.rejected == 1)
        try bench.append("8,Rennes,4\n", to: "magasins.csv")

        let report = await bench.cycle()

        #expect(report.cycle.sources[.stores] == .changed && report.cycle.sources[.sales] == .sameSizeAndTime)
        #expect(report.imported[.sales]?.inserted == 1, "\(report.text)")
        #expect(report.cycle.outcome == .refreshed)
        #expect(try bench.count("sale") == 31)
    }

    @Test("a broken file fails its cycle with its error and keeps the data; the fixed file is imported next cycle")
    func failingThenRecovering() async throws {
        let bench = try Bench()
        _ = await bench.cycle()
        let good = try Data(contentsOf: URL(fileURLWithPath: bench.path("csv/ventes.csv")))
        try Data("Date,Produit,Quantité\n2023-06-26,REF001,1\n".utf8).write(to: URL(fileURLWithPath: bench.path("csv/ventes.csv")))

        let failed = await bench.cycle()

        #expect(failed.cycle.outcome == .failed)
        #expect(failed.cycle.error?.contains("ventes.csv:1: missing required column") == true, "\(failed.cycle.error ?? "")")
        // One interval after its start, or its end when it took longer (a loaded machine).
        #expect(failed.cycle.nextAt == max(failed.cycle.finishedAt, failed.cycle.startedAt.addingTimeInterval(1)))
        #expect(try bench.count("sale") == 30)
        #expect(try bench.store.lastCycle(endingWith: [.refreshed])?.id == 1)

        try (good + Data("2023-06-26,REF001,1,1\n".utf8)).write(to: URL(fileURLWithPath: bench.path("csv/ventes.csv")))
        let recovered = await bench.cycle()

        #expect(recovered.cycle.outcome == .refreshed, "\(recovered.text)")
        #expect(recovered.cycle.rowsAdded == 1)
        #expect(try bench.count("sale") == 31)
        #expect(bench.schedule.consecutiveFailures == 0)
    }

    @Test("a run whose files could not be written is written by the next cycle, without importing nor analysing again")
    func analysesBacklog() async throws {
        let bench = try Bench()
        _ = await bench.cycle()
        try bench.append("2023-06-26,REF002,3,4\n", to: "ventes.csv")
        // A file where the results directory should be: the result files cannot be written.
        try FileManager.default.moveItem(atPath: bench.results, toPath: bench.path("results-moved"))
        try Data().write(to: URL(fileURLWithPath: bench.results))

        let failed = await bench.cycle()
        try FileManager.default.removeItem(atPath: bench.results)
        let next = await bench.cycle()

        #expect(failed.cycle.outcome == .failed && failed.cycle.rowsAdded == 1, "\(failed.text)")
        #expect(next.cycle.outcome == .refreshed, "\(next.text)")
        #expect(next.cycle.importID == nil)
        #expect(next.cycle.analysisRunID == failed.cycle.analysisRunID)
        #expect(try bench.count("analysis_run") == 2)
        #expect(FileManager.default.fileExists(atPath: bench.path("results/report.html")))
        #expect(try bench.count("import_run") == 2)
        let run = try #require(next.cycle.analysisRunID)
        let news = try #require(try bench.store.refreshNews(runID: run))
        #expect(news.salesAdded == 1)
    }

    @Test("an edited analyses file is run again although no source changed")
    func editedAnalyses() async throws {
        let bench = try Bench()
        _ = await bench.cycle()
        try Data("-- name: total\n-- What was sold?\nSELECT SUM(revenue_cents) AS revenue_cents FROM sale;\n".utf8)
            .write(to: URL(fileURLWithPath: bench.analysesPath))

        let report = await bench.cycle()

        #expect(report.cycle.outcome == .refreshed)
        #expect(report.cycle.importID == nil)
        #expect(try bench.store.analysisRun(id: report.cycle.analysisRunID)?.results.map(\.name) == ["total"])
    }

    @Test("a cycle whose task is cancelled is recorded as interrupted, with nothing of it imported")
    func cancelled() async throws {
        let bench = try Bench()
        let configuration = RefreshConfiguration(
            sources: FileKind.allCases.map { ImportSource(kind: $0, path: bench.path("csv/\($0.defaultFileName)")) },
            analysesPath: bench.analysesPath, resultsDirectory: bench.results, interval: bench.schedule.interval)
        let refresher = Refresher(store: bench.store, configuration: configuration,
                                  logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let task = Task {
            var schedule = RefreshSchedule(interval: configuration.interval)
            return await refresher.cycle(schedule: &schedule)
        }
        task.cancel()

        let report = await task.value

        #expect(report.cycle.outcome == .interrupted)
        #expect(report.cycle.nextAt == nil)
        #expect(try bench.count("sale") == 0)
        #expect(try bench.store.refreshCycles(limit: 5).map(\.outcome) == [.interrupted])
    }
}
