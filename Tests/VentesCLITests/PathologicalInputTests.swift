import Foundation
import Testing

/// Bytes no export should contain: each gives a clear message (or a quarantined row), never a crash or a hang.
@Suite("Pathological inputs") struct PathologicalInputTests {
    @Test("binary garbage is refused as not text")
    func binaryGarbage() throws {
        let workspace = try DialectWorkspace()
        defer { workspace.remove() }
        var generator = SeededBytes(seed: 42)
        let path = try workspace.write("ventes.csv", (0..<20_000).map { _ in generator.next() })
        let outcome = try workspace.ventes(["import", "--sales", path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("ventes.csv: not a CSV text file: it contains NUL bytes"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Fatal error"))
    }

    @Test("a NUL byte far into the file quarantines its line")
    func nulByte() throws {
        let workspace = try DialectWorkspace()
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

    @Test("an unterminated quote names the line where it opened")
    func unterminatedQuote() throws {
        let workspace = try DialectWorkspace()
        defer { workspace.remove() }
        let path = try workspace.write("magasins.csv", "ID Magasin,Ville\n1,Paris\n2,\"Lyon\n3,Lille\n4,Nice\n")
        let outcome = try workspace.ventes(["import", "--stores", path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("magasins.csv:3: a quoted field opened on this line is never closed"), "\(outcome.stderr)")
        #expect(try workspace.query("SELECT COUNT(*) FROM store") == ["0"])
    }

    @Test("a 100 MB single line is quarantined, its neighbours imported")
    func hugeLine() throws {
        let workspace = try DialectWorkspace()
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
        #expect(try workspace.query("SELECT line, reason, length(raw_text) < 1000 FROM rejected_row")
                == ["3|line is longer than 1048576 bytes|1"])
        #expect(try workspace.query("SELECT id, city FROM store ORDER BY id") == ["1|Paris", "3|Lyon"])
    }

    @Test("bytes valid in no supported encoding: a row is quarantined, a header stops the import")
    func invalidInEveryEncoding() throws {
        let workspace = try DialectWorkspace()
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
