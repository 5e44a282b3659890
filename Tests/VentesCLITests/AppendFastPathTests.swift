import Foundation
import Testing

/// A sales file re-imported after it grew is read from where its last import stopped; any other
/// change is compared in full. Either way the counters and the database must be exactly what a
/// full comparison gives: each scenario runs twice, once where the fast path may apply (same
/// path) and once where it cannot (the changed file under another name), and both must agree.
@Suite("Re-importing a grown sales file reads only what is new")
struct AppendFastPathTests {
    /// What an import left: its sales counters, whether it resumed, and the whole data.
    struct Outcome: Equatable {
        let counters: [Int]
        let resumed: Bool
        let sales: [[String]]
        let rejected: [[String]]
    }

    static let header = "Date,ID Référence produit,Quantité,ID Magasin\n"

    /// The brief's 30 sales, without the header, each line ending with a line feed.
    static func briefLines() throws -> [String] {
        let text = try String(contentsOf: Fixtures.url("brief/ventes.csv"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map { $0 + "\n" }
    }

    /// Imports `base` then `changed` as the same file (fast path allowed) and as another file (full
    /// comparison), after the brief's stores and `products` (the brief's by default).
    func compare(backend: Backend, base: String, changed: String, products: String? = nil,
                 productsAfterBase: String? = nil) throws -> (fast: Outcome, full: Outcome) {
        func run(samePath: Bool) throws -> Outcome {
            let project = try Project(backend: backend)
            if let products { try project.directory.write(products, to: "csv/produits.csv") }
            try project.directory.write(base, to: "in/ventes.csv")
            let first = try project.ventes("import", "--format", "json", "--stores", "csv/magasins.csv",
                                           "--products", "csv/produits.csv", "--sales", "in/ventes.csv")
            try #require(first.succeeded, "\(first.transcript)")
            if let productsAfterBase {
                try project.directory.write(productsAfterBase, to: "csv/produits.csv")
                let update = try project.ventes("import", "--products", "csv/produits.csv")
                try #require(update.succeeded, "\(update.transcript)")
            }
            let target = samePath ? "in/ventes.csv" : "in/ventes-copy.csv"
            try project.directory.write(changed, to: target)
            let second = try project.ventes("import", "--format", "json", "--sales", target)
            try #require(second.succeeded, "\(second.transcript)")
            let report = try ImportReport.parse(second.stdout)
            let sales = try #require(report.sales)
            #expect(sales.isBalanced)
            let database = project.store
            return Outcome(
                counters: [sales.read, sales.inserted, sales.duplicates ?? -1, sales.rejected],
                resumed: try database.integer("""
                    SELECT CASE WHEN resumed_from_import IS NULL THEN 0 ELSE 1 END FROM import_file
                    WHERE import_id = \(report.importID) AND kind = 'sales'
                    """) == 1,
                sales: try database.rows("""
                    SELECT store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line
                    FROM sale ORDER BY store_id, date, product_id, quantity, sale_ref
                    """),
                rejected: try database.rows("SELECT import_id, line, raw_text, reason FROM rejected_row ORDER BY import_id, line"))
        }
        return (try run(samePath: true), try run(samePath: false))
    }

    @Test("rows appended at the end: only they are read, and the result is a full comparison's (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func appendedTail(backend: Backend) throws {
        let lines = try Self.briefLines()
        let base = Self.header + lines.joined()
        let changed = base + "2023-06-26,REF001,2,1\n" + lines[4] + "2023-06-27,REF002,-3,2\n2023-06-28,REF003,1,7\n"
        let (fast, full) = try compare(backend: backend, base: base, changed: changed)
        #expect(fast.resumed)
        #expect(!full.resumed)
        #expect(fast.counters == [34, 2, 31, 1])
        #expect(fast == Outcome(counters: full.counters, resumed: true, sales: full.sales, rejected: full.rejected))
    }

    @Test("the same file again: nothing is parsed, every row is a duplicate (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func sameFile(backend: Backend) throws {
        let base = Self.header + (try Self.briefLines()).joined()
        let (fast, full) = try compare(backend: backend, base: base, changed: base)
        #expect(fast.resumed)
        #expect(fast.counters == [30, 0, 30, 0])
        #expect(fast.counters == full.counters && fast.sales == full.sales && fast.rejected == full.rejected)
    }

    @Test("a row refused for an unknown product is read again: the product may exist now (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func previouslyRejectedRowNowValid(backend: Backend) throws {
        let lines = try Self.briefLines()
        let base = Self.header + lines.joined() + "2023-06-26,REF009,2,1\n2023-02-30,REF001,1,1\n"
        let changed = base + "2023-06-29,REF009,1,3\n"
        let products = try String(contentsOf: Fixtures.url("brief/produits.csv"), encoding: .utf8)
        let (fast, full) = try compare(backend: backend, base: base, changed: changed,
                                       productsAfterBase: products + "Produit I,REF009,9.99,10\n")
        #expect(fast.resumed)
        // Line 32 (REF009) now lands; line 33 (2023-02-30) is refused again; line 34 is new.
        #expect(fast.counters == [33, 2, 30, 1])
        #expect(fast == Outcome(counters: full.counters, resumed: true, sales: full.sales, rejected: full.rejected))
        #expect(fast.rejected.map { [$0[0], $0[1]] } == [["1", "32"], ["1", "33"], ["3", "33"]])
    }

    @Test("an edited line in the middle: the whole file is compared (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func editedMiddleLine(backend: Backend) throws {
        var lines = try Self.briefLines()
        let base = Self.header + lines.joined()
        lines[9] = "2023-06-05,REF005,9,6\n"
        let (fast, full) = try compare(backend: backend, base: base, changed: Self.header + lines.joined() + "2023-06-26,REF001,2,1\n")
        #expect(!fast.resumed)
        #expect(fast.counters == [31, 2, 29, 0])
        #expect(fast == full)
    }

    @Test("a truncated file, or an older export in its place: the whole file is compared (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func truncatedOrOlder(backend: Backend) throws {
        let lines = try Self.briefLines()
        let base = Self.header + lines.joined()
        let (truncatedFast, truncatedFull) = try compare(backend: backend, base: base, changed: Self.header + lines.prefix(25).joined())
        #expect(!truncatedFast.resumed)
        #expect(truncatedFast.counters == [25, 0, 25, 0])
        #expect(truncatedFast == truncatedFull)

        let older = Self.header + lines.prefix(20).joined() + "2023-06-16,REF001,4,1\n"
        let (olderFast, olderFull) = try compare(backend: backend, base: base, changed: older)
        #expect(!olderFast.resumed)
        #expect(olderFast.counters == [21, 1, 20, 0])
        #expect(olderFast == olderFull)
    }

    @Test("a file whose last line had no line feed is compared in full (that line may have grown) (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)", arguments: Backend.available)
    func lastLineWithoutLineFeed(backend: Backend) throws {
        let lines = try Self.briefLines()
        let base = Self.header + lines.joined().dropLast()  // "…,3" without its line feed
        let changed = base + "5\n2023-06-26,REF001,2,1\n"   // the last line's store became 35, unknown
        let (fast, full) = try compare(backend: backend, base: String(base), changed: String(changed))
        #expect(!fast.resumed)
        #expect(fast.counters == [31, 1, 29, 1])
        #expect(fast == full)
    }

    @Test("new rows that keep the date column's format resume; new rows that contradict it are compared in full (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func dateColumnAndResume(backend: Backend) throws {
        let header = Self.header
        func importSales(_ project: Project, _ extra: String...) throws -> (CommandResult, ImportReport?) {
            let result = try project.ventes(["import", "--format", "json", "--sales", "in/ventes.csv"] + extra)
            return (result, result.succeeded ? try ImportReport.parse(result.stdout) : nil)
        }
        func resumed(_ project: Project, _ report: ImportReport?) throws -> Bool {
            try project.store.integer("""
                SELECT CASE WHEN resumed_from_import IS NOT NULL THEN 1 ELSE 0 END FROM import_file
                WHERE import_id = \(report?.importID ?? -1) AND kind = 'sales'
                """) == 1
        }

        // Settled day-first by 13/06; a new ambiguous date keeps that reading, and only it is read.
        let settled = try Project(backend: backend)
        try settled.importBrief()
        try settled.directory.write(header + "13/06/2023,REF001,1,1\n01/06/2023,REF002,1,2\n", to: "in/ventes.csv")
        _ = try importSales(settled)
        try settled.directory.write(header + "13/06/2023,REF001,1,1\n01/06/2023,REF002,1,2\n02/07/2023,REF003,1,3\n",
                                    to: "in/ventes.csv")
        let (grown, grownReport) = try importSales(settled)
        try #require(grown.succeeded, "\(grown.transcript)")
        #expect(try resumed(settled, grownReport))
        #expect(grownReport?.sales.map { [$0.read, $0.inserted, $0.duplicates ?? -1] } == [3, 1, 2])
        #expect(try settled.store.integer("SELECT COUNT(*) FROM sale WHERE date = '2023-07-02'") == 1)

        // A new row proving month-first contradicts the day-first rows: the whole file is compared,
        // and the column's two readings stop the import, naming both lines.
        try settled.directory.write(header + "13/06/2023,REF001,1,1\n01/06/2023,REF002,1,2\n02/07/2023,REF003,1,3\n06/14/2023,REF004,1,4\n",
                                    to: "in/ventes.csv")
        let (conflict, _) = try importSales(settled)
        #expect(!conflict.succeeded)
        #expect(conflict.stderr.contains("in/ventes.csv"))
        #expect(conflict.stderr.contains("13/06/2023") && conflict.stderr.contains("06/14/2023"))

        // Read as --date-format said last time: without the option the file decides, so it is read in full.
        let optioned = try Project(backend: backend)
        try optioned.importBrief()
        try optioned.directory.write(header + "01/06/2023,REF001,1,1\n02/06/2023,REF002,1,2\n", to: "in/ventes.csv")
        let (first, _) = try importSales(optioned, "--date-format", "dd/mm/yyyy")
        try #require(first.succeeded, "\(first.transcript)")
        try optioned.directory.write(header + "01/06/2023,REF001,1,1\n02/06/2023,REF002,1,2\n13/06/2023,REF003,1,3\n",
                                     to: "in/ventes.csv")
        let (second, secondReport) = try importSales(optioned)
        try #require(second.succeeded, "\(second.transcript)")
        #expect(try !resumed(optioned, secondReport))
        #expect(secondReport?.sales.map { [$0.read, $0.inserted, $0.duplicates ?? -1] } == [3, 1, 2])
    }

    /// One import of a refreshing export: its counters, what it read past the known prefix, and
    /// what `import_file` recorded of the file.
    struct Refresh: Equatable {
        let counters: [Int]
        let resumedFrom: Int?
        let readPastPrefix: Int
        /// `bytes, lines, ends_with_line_feed, sha256` as recorded.
        let file: [String]
    }

    @Test("ten refreshes in a row, alternately unchanged and grown: each reads only the new rows, as a full comparison counts (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func consecutiveRefreshes(backend: Backend) throws {
        // Longer than the reader's first chunk (1 MiB), so that a resumed import that read nothing
        // has not seen the file's last byte on its own.
        let header = "ID Vente,Date,ID Référence produit,Quantité,ID Magasin\n"
        let filler = String(repeating: "x", count: 200)
        func row(_ index: Int, product: String? = nil) -> String {
            "V\(index)-\(filler),2023-\(String(format: "%02d", 1 + index % 12))-\(String(format: "%02d", 1 + index % 28)),"
                + "\(product ?? "REF00\(1 + index % 5)"),\(1 + index % 9),\(1 + index % 7)\n"
        }
        var rows = (0..<5_200).map { row($0) }
        var contents: [String] = []
        var added: [Int] = []
        for step in 0..<10 {
            if step % 2 == 0 && step > 0 {
                // Grown: new sales, one for an unknown product, one repeating an earlier sale id.
                let first = rows.count
                rows += (first..<first + 5).map { row($0) } + [row(first + 5, product: "REF404"), rows[7]]
            }
            added.append(step == 0 ? rows.count : rows.count - (contents.isEmpty ? 0 : Self.rowCount(contents.last!)))
            contents.append(header + rows.joined())
        }
        #expect(contents[0].utf8.count > 1 << 20)

        /// Imports each content in turn, as the same path (`samePath`) or as a new file each time.
        func importAll(samePath: Bool) throws -> (refreshes: [Refresh], sales: [[String]], rejected: [[String]]) {
            let project = try Project(backend: backend)
            try project.importBrief()
            var refreshes: [Refresh] = []
            for (step, content) in contents.enumerated() {
                let target = samePath ? "in/ventes.csv" : "in/ventes-\(step).csv"
                try project.directory.write(content, to: target)
                let result = try project.ventes("import", "--format", "json", "--sales", target)
                try #require(result.succeeded, "\(result.transcript)")
                let report = try ImportReport.parse(result.stdout)
                let sales = try #require(report.sales)
                #expect(sales.isBalanced)
                refreshes.append(Refresh(
                    counters: [sales.read, sales.inserted, sales.duplicates ?? -1, sales.rejected],
                    resumedFrom: sales.resumedFromImport, readPastPrefix: sales.readPastPrefix ?? -1,
                    file: try project.store.rows("""
                        SELECT bytes, lines, ends_with_line_feed, sha256 FROM import_file
                        WHERE import_id = \(report.importID) AND kind = 'sales'
                        """).first ?? []))
            }
            let database = project.store
            return (refreshes,
                    try database.rows("""
                        SELECT store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line
                        FROM sale ORDER BY store_id, date, product_id, quantity, sale_ref
                        """),
                    try database.rows("SELECT import_id, line, raw_text, reason FROM rejected_row ORDER BY import_id, line"))
        }
        let fast = try importAll(samePath: true)
        let full = try importAll(samePath: false)

        for (step, (refresh, reference)) in zip(fast.refreshes, full.refreshes).enumerated() {
            // The brief's import is #1: the sales imports are #2, #3, …
            #expect(refresh.resumedFrom == (step == 0 ? nil : step + 1), "import \(step + 1)")
            #expect(refresh.readPastPrefix == added[step], "import \(step + 1)")
            #expect(refresh.counters == reference.counters, "import \(step + 1)")
            #expect(refresh.file == reference.file, "import \(step + 1)")
            #expect(reference.resumedFrom == nil && reference.readPastPrefix == reference.counters[0])
            #expect(refresh.file.count == 4 && refresh.file[0] == String(contents[step].utf8.count) && refresh.file[2] == "1")
        }
        #expect(fast.refreshes.last?.counters == [5_228, 0, 5_224, 4])
        #expect(fast.sales == full.sales)
        #expect(fast.rejected == full.rejected)
    }

    static func rowCount(_ content: String) -> Int { content.utf8.filter { $0 == UInt8(ascii: "\n") }.count - 1 }
}
