import Foundation
import Testing

/// A file that cannot be used at all stops the call with one line on stderr; nothing changes.
@Suite("structurally unusable files")
struct UnusableFileTests {
    /// A broken file given as one of the three, and what its error line must say.
    struct Case: Sendable, CustomTestStringConvertible {
        let option: String
        /// A fixture, or nil for a file that does not exist.
        let fixture: String?
        let says: [String]

        var testDescription: String { "\(option) \(fixture ?? "missing file")" }
    }

    static let cases = [
        Case(option: "--sales", fixture: nil, says: ["cannot read the file"]),
        Case(option: "--sales", fixture: "empty.csv", says: ["the file is empty"]),
        Case(option: "--products", fixture: "empty.csv", says: ["the file is empty"]),
        Case(option: "--sales", fixture: "sales-missing-quantity.csv", says: [":1: missing required column \"quantity\""]),
        Case(option: "--sales", fixture: "sales-misspelled-quantity.csv",
             says: [":1: missing required column \"quantity\"", "did you mean \"Qantité\""]),
        Case(option: "--sales", fixture: "not-text.xlsx-renamed.csv", says: ["not a CSV text file", "ZIP"]),
        Case(option: "--stores", fixture: "not-text.xlsx-renamed.csv", says: ["not a CSV text file"]),
        Case(option: "--sales", fixture: "sales-unterminated-quote.csv", says: [":3: a quoted field opened on this line is never closed"]),
    ]

    @Test("exit non-zero, one line on stderr naming the file and the problem, database unchanged (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, cases)
    func unusableFile(backend: Backend, _ broken: Case) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        var files = [
            "--stores": try project.add("stores-changed.csv"),
            "--products": try project.add("products-price-change.csv"),
            "--sales": try project.add("sales-appended.csv"),
        ]
        let brokenPath = try broken.fixture.map { try project.add($0) } ?? "in/does-not-exist/ventes.csv"
        files[broken.option] = brokenPath
        let before = try PortableSQL.wholeStore(of: project)

        let result = try project.ventes("import", "--stores", files["--stores"]!, "--products", files["--products"]!,
                                        "--sales", files["--sales"]!, "--format", "json")

        #expect(!result.succeeded, "\(result.transcript)")
        #expect(!result.killedBySignal)
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        let line = result.stderrLines.first ?? ""
        #expect(line.contains(brokenPath), "\(line)")
        for words in broken.says { #expect(line.contains(words), "\(line)") }
        #expect(try PortableSQL.wholeStore(of: project) == before)
    }

    @Test("run stops on an unusable file without importing anything or running the analyses (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func runStops(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        try FileManager.default.removeItem(atPath: project.directory.path("csv/ventes.csv"))
        try project.directory.copyFixture("sales-unterminated-quote.csv", to: "csv/ventes.csv")
        let before = try PortableSQL.wholeStore(of: project)

        let result = try project.ventes("run")

        #expect(!result.succeeded, "\(result.transcript)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("csv/ventes.csv:3:"), "\(result.stderr)")
        #expect(try PortableSQL.wholeStore(of: project) == before)
    }
}
