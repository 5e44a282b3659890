import Foundation
import Testing
@testable import VentesKit

/// Inputs the fuzzer (fuzz/run.sh) found crashing, replayed through the same calls.
@Suite("CSV fuzz regressions") struct CSVFuzzRegressionTests {
    func file(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-fuzz-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    /// crash-dc740ef3: a record longer than a cap below 200 bytes read past the buffer to show its head.
    @Test("a record longer than a small cap is reported, not read past its end")
    func oversizedRecordUnderSmallCap() throws {
        let input = Array("Date,Ref,Qte,Magasin\n2023-05-27,\"REF001,5,1\n2023-05-28,REF002,3,2\n".utf8)
        let url = try file(input)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: CSVFile.OpenError.headerUnreadable("header line 1: line is longer than 16 bytes")) {
            try CSVFile(url: url, maxRecordBytes: 16, chunkSize: 4)
        }
        let csv = try CSVFile(url: url, maxRecordBytes: 24, chunkSize: 3)
        #expect(csv.header == ["Date", "Ref", "Qte", "Magasin"])
        #expect(throws: CSVReadError.unterminatedQuote(line: 2)) {
            while try csv.nextRecord() != nil {}
        }
    }

    @Test("an importer with a small record cap quarantines long lines")
    func importerSmallCap() throws {
        let url = try file(Array("ID Magasin,Ville\n1,Paris\n2,\(String(repeating: "x", count: 150))\n3,Lyon\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let databasePath = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-fuzz-\(UUID().uuidString).db").path
        let database = try SQLiteStore(path: databasePath)
        var options = ImportOptions()
        options.maxRecordBytes = 40
        let summary = try Importer(store: database, logger: .init(label: "test"))
            .run([ImportSource(kind: .stores, path: url.path)], options: options)
        let counts = try #require(summary.file(.stores)?.counts)
        #expect(counts.read == 3 && counts.inserted == 2 && counts.rejected == 1 && counts.isBalanced)
        #expect(summary.file(.stores)?.rejections.first?.reason.description == "line is longer than 40 bytes")
    }
}
