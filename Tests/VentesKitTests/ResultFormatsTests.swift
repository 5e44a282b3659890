import Testing
@testable import VentesKit

/// table, json, csv (both dialects) and markdown on small inline results.
@Suite struct ResultFormatsTests {
    let products = AnalysisResult(
        name: "sales_by_product", question: "Which products sell the most?",
        columns: ["product_id", "product_name", "units", "revenue_cents", "share_pct"].map(ResultColumn.init(sqlName:)),
        rows: [
            [.text("REF004"), .text("Produit D"), .integer(21), .integer(167_979), .real(31.9)],
            [.text("X1"), .text("=HYPERLINK(\"x\")"), .integer(3), .integer(123_456_789), .real(0.25)],
            [.text("X2"), .text("<script>alert(1)</script>"), .integer(1), .integer(-5), .null],
            [.text("X3"), .text("+cmd|' /C calc'!A0"), .integer(2), .integer(100), .real(12)],
            [.text("X4"), .text("@SUM(A1:A2)"), .integer(2), .integer(100), .real(12)],
            [.text("X5"), .text("-2+3"), .integer(2), .integer(100), .real(12)],
        ])

    var run: AnalysisRun {
        AnalysisRun(id: 7, startedAt: "2026-11-28T12:00:00.000Z", sqlSource: "a.sql", sqlSHA256: "00", salesCount: 30,
                    results: [products, AnalysisResult(name: "broken", question: "Q?", columns: [], rows: [],
                                                       error: "a.sql:3: analysis broken: no such table: nope")])
    }

    @Test func tableAlignsAndGroupsMoney() {
        let table = ResultRenderer.render(run, as: .table)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Analysis run #7 (30 sales)")
        #expect(lines.contains("== sales_by_product: Which products sell the most?"))
        #expect(lines.contains { $0.hasPrefix("product_id  product_name") && $0.hasSuffix("revenue  share_pct") })
        #expect(lines.contains { $0.hasPrefix("REF004      Produit D") && $0.hasSuffix("21      1,679.79       31.9") })
        #expect(lines.contains { $0.hasSuffix("3  1,234,567.89       0.25") })
        #expect(lines.contains { $0.hasSuffix("1         -0.05") })
        #expect(lines.contains("FAILED: a.sql:3: analysis broken: no such table: nope"))
        // The rule under the header is as wide as the header (the last column is right-aligned).
        let header = lines.firstIndex { $0.hasPrefix("product_id") }!
        #expect(lines[header].count == lines[header + 1].count)
        #expect(lines[header + 1].hasPrefix("----------  -------------------------  -----  ------------"))
    }

    @Test func jsonKeepsMoneyExactAndNamesFailures() {
        let json = ResultRenderer.render(run, as: .json)
        #expect(json.hasPrefix("{\"run_id\":7,\"analyses\":{\"sales_by_product\":[{\"product_id\":\"REF004\",\"product_name\":\"Produit D\",\"units\":21,\"revenue\":1679.79,\"share_pct\":31.9}"))
        #expect(json.contains("\"revenue\":1234567.89"))
        #expect(json.contains("\"revenue\":-0.05,\"share_pct\":null"))
        #expect(json.contains("\"product_name\":\"=HYPERLINK(\\\"x\\\")\""))
        #expect(json.hasSuffix(",\"failed\":{\"broken\":\"a.sql:3: analysis broken: no such table: nope\"}}\n"))
    }

    @Test func csvNeutralisesFormulasInBothDialects() {
        let english = ResultRenderer.csv(products)
        let lines = english.components(separatedBy: "\r\n")
        #expect(lines[0] == "product_id,product_name,units,revenue,share_pct")
        #expect(lines[1] == "REF004,Produit D,21,1679.79,31.9")
        #expect(lines[2] == "X1,\"'=HYPERLINK(\"\"x\"\")\",3,1234567.89,0.25")
        #expect(lines[3] == "X2,<script>alert(1)</script>,1,-0.05,")
        #expect(lines[4] == "X3,'+cmd|' /C calc'!A0,2,1.00,12")
        #expect(lines[5] == "X4,'@SUM(A1:A2),2,1.00,12")
        #expect(lines[6] == "X5,'-2+3,2,1.00,12")
        #expect(english.hasSuffix("\r\n"))

        let french = ResultRenderer.csv(products, dialect: .french).components(separatedBy: "\r\n")
        #expect(french[0] == "product_id;product_name;units;revenue;share_pct")
        #expect(french[1] == "REF004;Produit D;21;1679,79;31,9")
        #expect(french[2] == "X1;\"'=HYPERLINK(\"\"x\"\")\";3;1234567,89;0,25")
        #expect(french[4] == "X3;'+cmd|' /C calc'!A0;2;1,00;12")
    }

    @Test func csvOfSeveralAnalysesNamesEachBlock() {
        let csv = ResultRenderer.render(run, as: .csv)
        #expect(csv.hasPrefix("# sales_by_product\r\nproduct_id,product_name"))
        #expect(csv.contains("\r\n\r\n# broken: FAILED: a.sql:3: analysis broken: no such table: nope\r\n"))
        // One analysis alone is plain CSV.
        #expect(ResultRenderer.csv([products]).hasPrefix("product_id,"))
    }

    @Test func markdownEscapesCellsAndRightAlignsNumbers() {
        let markdown = ResultRenderer.render(run, as: .markdown)
        #expect(markdown.hasPrefix("## Analysis run #7 (30 sales)\n\n### sales\\_by\\_product\n\n_Which products sell the most?_\n\n"))
        #expect(markdown.contains("| product\\_id | product\\_name | units | revenue | share\\_pct |\n| --- | --- | ---: | ---: | ---: |\n"))
        #expect(markdown.contains("| REF004 | Produit D | 21 | 1,679.79 | 31.9 |\n"))
        #expect(markdown.contains("| X2 | &lt;script&gt;alert(1)&lt;/script&gt; | 1 | -0.05 |  |\n"))
        #expect(markdown.contains("| X3 | +cmd\\|' /C calc'!A0 |"))
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("**Failed:** a.sql:3: analysis broken: no such table: nope"))
    }

    @Test func historyPrintsInEveryFormat() {
        let runs = [AnalysisRunInfo(id: 2, startedAt: "2026-11-28T12:00:00.000Z", sqlSource: "results/analyses.sql",
                                    sqlSHA256: "abc", salesCount: 32, analysisCount: 13, failedCount: 1)]
        let history = AnalysisRunInfo.historyResult(runs)
        #expect(ResultRenderer.render([history], title: "runs", metadata: [], as: .json)
                == "{\"analyses\":{\"history\":[{\"run_id\":2,\"started_at\":\"2026-11-28T12:00:00.000Z\",\"sales_count\":32,\"analyses\":13,\"failed\":1,\"sql_source\":\"results/analyses.sql\",\"sql_sha256\":\"abc\"}]}}\n")
        #expect(ResultRenderer.render([history], title: "runs", metadata: [], as: .csv)
                == "run_id,started_at,sales_count,analyses,failed,sql_source,sql_sha256\r\n2,2026-11-28T12:00:00.000Z,32,13,1,results/analyses.sql,abc\r\n")
    }
}
