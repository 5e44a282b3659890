import Foundation
import Testing

/// Bytes no export should contain: each gives a clear message (or a quarantined row), never a crash or a hang.
@Suite("Pathological inputs") struct PathologicalInputTests {
    @Test("binary garbage is refused as not text (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func binaryGarbage(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        var generator = SeededBytes(seed: 42)
        let path = try workspace.write("ventes.csv", (0..<20_000).map { _ in generator.next() })
        let outcome = try workspace.ventes(["import", "--sales", path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("ventes.csv: not a CSV text file: it contains NUL bytes"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Fatal error"))
    }

    @Test("a NUL byte far into the file quarantines its line (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func nulByte(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        var text = "ID Magasin,Ville\n"
        for id in 1...1000 { text += "\(id),Paris\n" }
        let bytes = Array(text.utf8) + Array("1001,Pa".utf8) + [0] + Array("ris\n1002,Lyon\n".utf8)
        let path = try workspace.write("magasins.csv", bytes)
        let outcome = try workspace.ventes(["import", "--stores", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("read 1002: inserted 1001, updated 0, unchanged 0, rejected 1"))
        #expect(try workspace.query("SELECT line, reason FROM rejected_row") == ["1002|line contains a NUL byte, so it is binary data, not text"])
    }

    @Test("an unterminated quote names the line where it opened (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func unterminatedQuote(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        let path = try workspace.write("magasins.csv", "ID Magasin,Ville\n1,Paris\n2,\"Lyon\n3,Lille\n4,Nice\n")
        let outcome = try workspace.ventes(["import", "--stores", path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("magasins.csv:3: a quoted field opened on this line is never closed"), "\(outcome.stderr)")
        #expect(try workspace.query("SELECT COUNT(*) FROM store") == ["0"])
    }

    @Test("a 100 MB single line is quarantined, its neighbours imported (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func hugeLine(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        let url = workspace.directory.appendingPathComponent("magasins.csv")
        try Data().write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data("ID Magasin,Ville\n1,Paris\n2,".utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<100 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("\n3,Lyon\n".utf8))
        try handle.close()
        let outcome = try workspace.ventes(["import", "--stores", url.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("read 3: inserted 2, updated 0, unchanged 0, rejected 1"))
        #expect(try workspace.query("SELECT line, reason, CASE WHEN length(raw_text) < 1000 THEN 1 ELSE 0 END FROM rejected_row")
                == ["3|line is longer than 1048576 bytes|1"])
        #expect(try workspace.query("SELECT id, city FROM store ORDER BY id") == ["1|Paris", "3|Lyon"])
    }

    @Test("bytes valid in no supported encoding: a row is quarantined, a header stops the import (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func invalidInEveryEncoding(backend: Backend) throws {
        let workspace = try DialectWorkspace(backend: backend)
        defer { workspace.remove() }
        // 0x81 and 0x8D are not UTF-8 lead bytes and are undefined in Windows-1252.
        let row = try workspace.write("magasins.csv", Array("ID Magasin;Ville\n1;Paris\n2;Ly".utf8) + [0x81, 0x8D] + Array("on\n".utf8))
        let outcome = try workspace.ventes(["import", "--stores", row])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try workspace.query("SELECT line, reason FROM rejected_row") == ["3|line is not valid windows-1252 text"])

        let header = try workspace.write("produits.csv", [0x81, 0x8D, 0x90] + Array(";Ref;Prix\n".utf8))
        let failed = try workspace.ventes(["import", "--products", header])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("produits.csv: header line 1: line is not valid windows-1252 text"), "\(failed.stderr)")
    }

    @Test("a sales file for a catalogue not imported yet: nearly every row is quarantined, each with the nearest known id (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func mostlyUnknownProducts(backend: Backend) throws {
        // The products file knows 20 of the 200 products the sales name (the export arrived before the
        // new catalogue); some rows name an unknown store, one an id 100,000 characters long.
        let project = try Project(backend: backend)
        let known = (1...20).map { String(format: "REF%03d", $0) }
        try project.directory.write("Nom,ID Référence produit,Prix,Stock\n" + known.map { "Produit \($0),\($0),1.50,10\n" }.joined(),
                                    to: "csv/produits.csv")
        var sales = "Date,ID Référence produit,Quantité,ID Magasin\n"
        var expected: [Int: (product: String, store: String)] = [:]
        for index in 0..<3_000 {
            let product = String(format: "REF%03d", 1 + (index * 37) % 200)
            let store = index % 250 == 0 ? "9\(index % 7)" : String(1 + index % 7)
            sales += "2023-06-\(String(format: "%02d", 1 + index % 28)),\(product),\(index + 1),\(store)\n"
            expected[index + 2] = (product, store)
        }
        let longID = String(repeating: "R", count: 100_000)
        sales += "2023-06-30,\(longID),1,1\n"
        try project.directory.write(sales, to: "in/ventes.csv")

        let result = try project.ventes("import", "--format", "json", "--stores", "csv/magasins.csv",
                                        "--products", "csv/produits.csv", "--sales", "in/ventes.csv")
        try #require(result.succeeded, "\(result.transcript)")
        let report = try #require(try ImportReport.parse(result.stdout).sales)
        #expect(try ImportReport.parse(result.stdout).products?.inserted == 20)
        let refused = expected.values.filter { !known.contains($0.product) || !(1...7).map(String.init).contains($0.store) }
        #expect(report.isBalanced)
        let counters: [Int] = [report.read, report.inserted, report.duplicates ?? -1, report.rejected]
        #expect(counters == [3_001, 3_000 - refused.count, 0, refused.count + 1])
        #expect(refused.count > 2_500)

        // Each reason names the nearest known id, as a plain edit distance over every known id
        // finds it (the first in sorted order among equals), however often the id comes back.
        let stores = (1...7).map(String.init)
        let reasons = try project.store.rows("SELECT line, reason FROM rejected_row ORDER BY line")
        #expect(reasons.count == refused.count + 1)
        var wrong: [String] = []
        for row in reasons.dropLast() {
            let line = try #require(Int(row[0]))
            let (product, store) = try #require(expected[line])
            let reason = known.contains(product)
                ? "unknown store \(store) (7 stores known, nearest: \(Self.nearest(to: store, in: stores)))"
                : "unknown product \(product) (20 products known, nearest: \(Self.nearest(to: product, in: known)))"
            if row[1] != reason { wrong.append("line \(line): \(row[1]), expected \(reason)") }
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong reasons, first: \(wrong.prefix(3))")
        // Too long to be compared: the reason gives the count only.
        #expect(reasons.last?.first == "3002")
        #expect(reasons.last?.last == "unknown product \(longID) (20 products known)", "\(reasons.last?.last?.suffix(60) ?? "")")
    }

    /// The id of `ids` (sorted) at the smallest edit distance from `id`, the first among equals.
    static func nearest(to id: String, in ids: [String]) -> String {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for i in 1...a.count {
                var current = [i] + Array(repeating: 0, count: b.count)
                for j in 1...b.count {
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                previous = current
            }
            return previous[b.count]
        }
        return ids.sorted().min { distance(Array($0), Array(id)) < distance(Array($1), Array(id)) }!
    }
}

/// A small deterministic byte generator (SplitMix64), so a failing case can be replayed.
struct SeededBytes {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextWord() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next() -> UInt8 { UInt8(truncatingIfNeeded: nextWord()) }
}
