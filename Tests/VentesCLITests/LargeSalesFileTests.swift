import Foundation
import Testing

/// Sales files larger than one batch of the reading thread: its failures and the importer's must
/// stop the import cleanly (no hang, database unchanged), whichever thread meets them.
@Suite("Large sales files: failures past the first batches")
struct LargeSalesFileTests {
    /// `rows` valid sales of the brief's products and stores, all distinct.
    static func sales(rows: Int) -> [String] {
        (0..<rows).map { index in
            let month = index % 12 + 1, day = index % 28 + 1
            return "2024-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),REF00\(index % 5 + 1),\(index / 140 + 1),\(index % 7 + 1)\n"
        }
    }

    static let header = "Date,ID Référence produit,Quantité,ID Magasin\n"

    @Test("an unterminated quote after 20,000 rows stops the import with its line; nothing is imported (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func readingFailureLate(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let before = try PortableSQL.wholeStore(of: project)
        try project.directory.write(Self.header + Self.sales(rows: 20_000).joined() + "2024-01-01,\"REF001,1,1\n2024-01-02,REF001,1,1\n",
                                    to: "in/ventes.csv")
        let result = try project.ventes("import", "--sales", "in/ventes.csv")
        #expect(!result.succeeded)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("in/ventes.csv:20002: a quoted field opened on this line is never closed"))
        #expect(try PortableSQL.wholeStore(of: project) == before)
    }

    @Test("with --strict, a bad row after 20,000 good ones aborts the whole import; nothing is imported (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func strictRejectionLate(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let before = try PortableSQL.wholeStore(of: project)
        var rows = Self.sales(rows: 30_000)
        rows[20_000] = "2024-02-30,REF001,1,1\n"
        try project.directory.write(Self.header + rows.joined(), to: "in/ventes.csv")
        let result = try project.ventes("import", "--sales", "in/ventes.csv", "--strict")
        #expect(!result.succeeded)
        #expect(result.stderr.contains("in/ventes.csv:20002: 2024-02-30 is not a date"))
        #expect(try PortableSQL.wholeStore(of: project) == before)

        let lenient = try project.ventes("import", "--sales", "in/ventes.csv", "--format", "json")
        try #require(lenient.succeeded, "\(lenient.transcript)")
        let sales = try #require(try ImportReport.parse(lenient.stdout).sales)
        #expect((sales.read, sales.inserted, sales.rejected) == (30_000, 29_999, 1))
        #expect(sales.rejections.map(\.line) == [20_002])
    }
}
