import Foundation
import Testing

/// Bad rows are quarantined (table rejected_row) with their line, raw text and reason; the rest is imported.
@Suite("bad rows are quarantined")
struct RejectedRowTests {
    struct Expected: Sendable {
        let line: Int
        let raw: String
        let reason: String
    }

    @Test("each kind of bad row is quarantined with its line, raw text and reason, and counted (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func eachKindOfBadRow(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let file = try project.add("sales-bad-rows.csv")

        let result = try project.ventes("import", "--sales", file, "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        let report = try ImportReport.parse(result.stdout)
        let sales = try #require(report.sales)
        #expect((sales.read, sales.inserted, sales.duplicates, sales.rejected) == (11, 2, 0, 9), "the blank line is not a row")
        let expected = [
            Expected(line: 3, raw: "2023-07-02,REF999,1,1", reason: "unknown product REF999"),
            Expected(line: 4, raw: "2023-07-03,REF002,1,99", reason: "unknown store 99"),
            Expected(line: 5, raw: "2023-07-04,REF003,0,2", reason: "quantity 0 is not a positive integer"),
            Expected(line: 6, raw: "2023-07-05,REF003,2.5,2", reason: "quantity 2.5 is not a positive integer"),
            Expected(line: 7, raw: "2023-07-06,REF003,-1,2", reason: "quantity -1 is not a positive integer"),
            Expected(line: 8, raw: "2023-07-07,REF004,abc,3", reason: "quantity abc is not a positive integer"),
            Expected(line: 9, raw: "2023-02-30,REF004,1,3", reason: "2023-02-30 is not a date"),
            Expected(line: 10, raw: "2023-07-08,REF005,3", reason: "4 fields expected, 3 found"),
            Expected(line: 11, raw: "2023-07-09,REF005,3,4,oops", reason: "4 fields expected, 5 found"),
        ]
        let quarantined = try project.store.rows(
            "SELECT line, raw_text, reason, kind, source, import_id FROM rejected_row ORDER BY line")
        try #require(quarantined.count == expected.count, "\(quarantined)")
        for (row, want) in zip(quarantined, expected) {
            #expect(row[0] == "\(want.line)")
            #expect(row[1] == want.raw)
            #expect(row[2].hasPrefix(want.reason), "line \(want.line): \(row[2])")
            #expect(row[3] == "sales")
            #expect(row[4] == file)
            #expect(row[5] == "\(report.importID)")
        }
        #expect(sales.rejections.map(\.line) == expected.map(\.line))
        #expect(try project.store.rows("SELECT line, date FROM sale WHERE import_id = \(report.importID) ORDER BY line")
                == [["2", "2023-07-01"], ["13", "2023-07-10"]])
        #expect(try project.store.rows("SELECT rejected FROM import_file WHERE import_id = \(report.importID) AND kind = 'sales'")
                == [["9"]])
    }

    @Test("line numbers stay right after quoted fields that span lines (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func lineNumbersAfterMultilineFields(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let file = try project.add("sales-quoted-multiline.csv")

        let result = try project.ventes("import", "--sales", file, "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        let report = try ImportReport.parse(result.stdout)
        let sales = try #require(report.sales)
        #expect((sales.read, sales.inserted, sales.duplicates, sales.rejected) == (5, 3, 0, 2))
        // psql shows a row per line of output: the line feed kept in raw_text is shown as "⏎".
        let quarantined = try project.store.rows("SELECT line, replace(raw_text, '\n', '⏎') FROM rejected_row ORDER BY line")
        #expect(quarantined == [["4", "2023-07-02,REF999,1,1,\"produit⏎inconnu\""], ["9", "2023-07-04,REF003,0,2,"]])
        #expect(try project.store.rows("SELECT line, date, product_id FROM sale WHERE import_id = \(report.importID) ORDER BY line")
                == [["2", "2023-07-01", "REF001"], ["6", "2023-07-03", "REF002"], ["10", "2023-07-05", "REF004"]])
        #expect(sales.warnings.contains { $0.contains("Commentaire") }, "the unknown column is reported: \(sales.warnings)")
    }

    @Test("the text summary names each rejected row with its file and line (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func textSummary(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let file = try project.add("sales-bad-rows.csv")

        let result = try project.ventes("import", "--sales", file)

        try #require(result.succeeded, "\(result.transcript)")
        #expect(result.stdout.contains("read 11: inserted 2, duplicates 0, rejected 9"), "\(result.stdout)")
        #expect(result.stdout.contains("\(file):9: 2023-02-30 is not a date"), "\(result.stdout)")
    }
}
