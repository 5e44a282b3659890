import Foundation
import Testing

/// `ventes watch` on local files: cycles, what an unchanged cycle writes, growth, the log, the stop.
@Suite("watch on local files")
struct WatchCommandTests {
    /// A short interval: the tests wait for recorded cycles, never for a fixed time.
    static let every = ["--every", "200ms"]

    @Test("local files: the first cycle imports, unchanged cycles write only their record, an appended row is imported; SIGINT exits 0 (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func localFiles(backend: Backend) async throws {
        let project = try Project(backend: backend)
        let watch = try WatchService(Self.every, project: project)

        let first = try await watch.waitForCycles(3)

        #expect(first[0].outcome == "refreshed", "\(first)")
        #expect(first[0].rowsAdded == 42)
        #expect(first[1...2].allSatisfy { $0.outcome == "unchanged" && $0.sales == "same_size_and_time" && $0.importID == nil }, "\(first)")
        #expect(try project.store.count("import_run") == 1)
        #expect(try project.store.count("analysis_run") == 1)

        let handle = try FileHandle(forWritingTo: project.directory.url.appendingPathComponent("csv/ventes.csv"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("2023-06-26,REF001,2,5\n".utf8))
        try handle.close()
        let grown = try await watch.waitUntil("a cycle importing the new row") { $0.contains { $0.rowsAdded == 1 } }
        let result = try await watch.stop(SIGINT)

        let refresh = try #require(grown.first { $0.rowsAdded == 1 })
        #expect(refresh.outcome == "refreshed" && refresh.sales == "changed" && refresh.stores == "same_size_and_time", "\(grown)")
        #expect(try project.store.count("sale") == 31)
        #expect(try project.store.count("import_run") == 2)
        let report = try String(contentsOfFile: project.directory.path("results/report.html"), encoding: .utf8)
        #expect(report.contains("1\u{00A0}nouvelle vente") || report.contains("1 nouvelle vente"), "the report says what the refresh changed")
        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.stdout.isEmpty)
        let lines = result.stderrLines
        #expect(lines.first?.contains(" watching every 200ms: stores csv/magasins.csv, products csv/produits.csv, sales csv/ventes.csv") == true, "\(result.stderr)")
        #expect(lines.contains { $0.contains("cycle #1 refreshed in ") && $0.contains("sales +30 rows (0 already there, 1 rejected)") }
                || lines.contains { $0.contains("cycle #1 refreshed in ") && $0.contains("sales +30 rows") }, "\(result.stderr)")
        #expect(lines.contains { $0.contains("cycle #2 unchanged in ") && $0.contains("analyses not re-run; next at ") }, "\(result.stderr)")
        #expect(lines.last?.contains(" stopped after ") == true, "\(result.stderr)")
        // One line per cycle, plus the start and the stop.
        let cycles = try project.store.count("refresh_cycle")
        #expect(lines.count == cycles + 2, "\(result.stderr)")

        let status = try await project.ventesAsync("status")
        #expect(status.succeeded)
        #expect(status.stdout.contains("Next cycle: none (the service stopped after cycle #\(cycles))"), "\(status.stdout)")
    }

    @Test("--log-format json: one object per line, start, cycles and stop (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func jsonLog(backend: Backend) async throws {
        let project = try Project(backend: backend)
        let watch = try WatchService(Self.every + ["--log-format", "json"], project: project)
        try await watch.waitForCycles(2)

        let result = try await watch.stop()

        #expect(result.succeeded, "\(result.transcript)")
        let objects = try result.stderrLines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        #expect(objects.first?["event"] as? String == "start")
        #expect(objects.first?["interval"] as? String == "200ms")
        #expect(objects.last?["event"] as? String == "stop")
        let cycles = objects.filter { $0["event"] as? String == "cycle" }
        #expect(cycles.count >= 2)
        #expect(cycles[0]["outcome"] as? String == "refreshed")
        #expect(cycles[0]["rows_added"] as? Int == 42)
        #expect((cycles[0]["imported"] as? [String: Any])?["sales"] as? [String: Int] != nil)
        #expect(cycles[1]["outcome"] as? String == "unchanged")
        #expect(cycles[1]["analyses_rerun"] as? Bool == false)
        #expect((cycles[1]["sources"] as? [String: String]) == ["stores": "same_size_and_time", "products": "same_size_and_time",
                                                                "sales": "same_size_and_time"])
        #expect(cycles[1]["duration_ms"] is Int)
    }

    @Test("a broken sales file fails its cycles, the data and report stay, and the fixed file is imported (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func brokenThenFixed(backend: Backend) async throws {
        let project = try Project(backend: backend)
        let watch = try WatchService(Self.every, project: project)
        try await watch.waitUntil("a first refresh") { $0.first?.outcome == "refreshed" }
        let sales = project.directory.url.appendingPathComponent("csv/ventes.csv")
        let good = try Data(contentsOf: sales)
        let report = try Data(contentsOf: project.directory.url.appendingPathComponent("results/report.html"))
        try Data("Date,Produit,Quantité\n2023-06-26,REF001,1\n".utf8).write(to: sales)

        let failing = try await watch.waitUntil("two failed cycles") { $0.filter { $0.outcome == "failed" }.count >= 2 }

        let failed = try #require(failing.first { $0.outcome == "failed" })
        #expect(failed.error?.hasPrefix("csv/ventes.csv:1: missing required column ") == true, "\(failing)")
        #expect(failed.sales == "changed" && failed.importID == nil, "the file changed, its import failed: \(failing)")
        #expect(try project.store.count("sale") == 30)
        #expect(try Data(contentsOf: project.directory.url.appendingPathComponent("results/report.html")) == report)
        let status = try await project.ventesAsync("status", "--format", "json", "--healthy-within", "1000")
        #expect(status.succeeded, "the last success is within 1000 intervals: \(status.transcript)")
        #expect(status.stdout.contains("\"outcome\":\"failed\",\"sources\":{\"stores\":\"same_size_and_time\",\"products\":\"same_size_and_time\",\"sales\":\"changed\"}"), "\(status.stdout)")
        #expect(status.stdout.contains("\"error\":\"csv/ventes.csv:1: missing required column "), "\(status.stdout)")

        try (good + Data("2023-06-26,REF001,1,1\n".utf8)).write(to: sales)
        /// The first refresh after the last failure, once there is one.
        func recovery(_ cycles: [WatchService.Cycle]) -> WatchService.Cycle? {
            guard let failure = cycles.lastIndex(where: { $0.outcome == "failed" }) else { return nil }
            return cycles[failure...].first { $0.outcome == "refreshed" }
        }
        let recovered = try await watch.waitUntil("a refresh after the failures") { recovery($0) != nil }
        let result = try await watch.stop()

        #expect(recovery(recovered)?.rowsAdded == 1, "\(recovered)")
        #expect(try project.store.count("sale") == 31)
        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.stderrLines.contains { $0.contains(" failed in ") && $0.contains("error: csv/ventes.csv:1: missing required column") })
    }

    @Test("a configuration error ends the service at once with status 1, naming where the value came from (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, [
        (["--every", "0s"], [String: String](), "", "Error: --every: \"0s\" is not a refresh interval: it must be longer than zero; write a duration such as 30s, 15m, 1h or 1h30m"),
        ([], ["VENTES_WATCH_EVERY": "soon"], "", "Error: $VENTES_WATCH_EVERY: \"soon\" is not a refresh interval: expected a number at \"soon\""),
        ([], [:], "[watch]\nevery = \"15x\"\n", "Error: ventes.toml:2: [watch] every: \"15x\" is not a refresh interval: unknown unit \"x\""),
        ([], [:], "[watch]\nevery = 15\n", "Error: ventes.toml:2: \"watch.every\" must be a string (a duration such as \"15m\")"),
        (["--config", "missing.toml"], [:], "", "Error: missing.toml: cannot read the configuration file"),
    ] as [([String], [String: String], String, String)])
    func configurationErrors(backend: Backend, _ failure: ([String], [String: String], String, String)) async throws {
        let (arguments, environment, file, expected) = failure
        let project = try Project(backend: backend)
        if !file.isEmpty { try project.directory.write(file, to: "ventes.toml") }

        let result = try await project.ventesAsync(["watch"] + arguments, environment: environment)

        #expect(result.status == 1 && !result.killedBySignal, "\(result.transcript)")
        #expect(result.stderr.hasPrefix(expected), "\(result.stderr)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(!project.progress.storeExists(), "the service never started")
    }

    @Test("the interval comes from the flag, else VENTES_WATCH_EVERY, else [watch] every, else 15m; ventes config shows it (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func intervalPrecedence(backend: Backend) async throws {
        let project = try Project(backend: backend)
        try project.directory.write("[watch]\nevery = \"1h\"\n", to: "ventes.toml")

        let fromFile = try await project.ventesAsync("config")
        let fromVariable = try await project.ventesAsync("config", environment: ["VENTES_WATCH_EVERY": "5m"])

        #expect(fromFile.stdout.split(separator: "\n").contains { $0.hasPrefix("watch.every") && $0.contains("1h") && $0.hasSuffix("ventes.toml:2") },
                "\(fromFile.stdout)")
        #expect(fromVariable.stdout.split(separator: "\n").contains { $0.hasPrefix("watch.every") && $0.contains("5m") && $0.hasSuffix("environment VENTES_WATCH_EVERY") },
                "\(fromVariable.stdout)")
    }
}
