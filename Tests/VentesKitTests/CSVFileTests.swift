import Foundation
import Testing
@testable import VentesKit

@Suite struct CSVFileTests {
    /// Writes `bytes` to a temp file and opens it.
    private func open(_ bytes: [UInt8], maxRecordBytes: Int = 1 << 20) throws -> CSVFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvfile-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return try CSVFile(url: url, maxRecordBytes: maxRecordBytes)
    }

    private func open(_ text: String) throws -> CSVFile { try open(Array(text.utf8)) }

    private func records(_ file: CSVFile) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try file.nextRecord() { records.append(record) }
        return records
    }

    @Test func readsQuotedFieldsAcrossLinesWithPhysicalLineNumbers() throws {
        let file = try open("a,b,c\n1,\"x, \"\"y\"\"\nz\",3\n4,5,6")
        #expect(file.header == ["a", "b", "c"])
        let rows = try records(file)
        #expect(rows.map(\.fields) == [["1", "x, \"y\"\nz", "3"], ["4", "5", "6"]])
        #expect(rows.map(\.line) == [2, 4])
        #expect(rows[0].rawText == "1,\"x, \"\"y\"\"\nz\",3")
    }

    @Test func detectsSemicolonBOMAndCRLF() throws {
        let file = try open([0xEF, 0xBB, 0xBF] + Array("ID Magasin;Ville\r\n1;Paris\r\n\r\n".utf8))
        #expect(file.dialect == CSVDialect(delimiter: UInt8(ascii: ";"), encoding: .utf8, hasByteOrderMark: true))
        #expect(file.header == ["ID Magasin", "Ville"])
        #expect(try records(file).map(\.fields) == [["1", "Paris"], [""]])
    }

    @Test func decodesWindows1252() throws {
        let file = try open(Array("Ville;Nombre de salari".utf8) + [0xE9, 0x73] + Array("\nSaint-".utf8) + [0xC9] + Array("tienne;3\n".utf8))
        #expect(file.dialect.encoding == .windows1252)
        #expect(file.header == ["Ville", "Nombre de salariés"])
        #expect(try records(file).first?.fields == ["Saint-Étienne", "3"])
    }

    @Test func namesTheLineWhereAnUnclosedQuoteOpened() throws {
        let file = try open("a,b\n1,2\n3,\"never\nclosed\n")
        #expect(throws: CSVReadError.unterminatedQuote(line: 3)) { try records(file) }
    }

    @Test func refusesBinaryFiles() {
        #expect(throws: CSVFile.OpenError.self) { try open([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]) }
        #expect(throws: CSVFile.OpenError.self) { try open(Array("a,b\n1,".utf8) + [0, 0, 0]) }
        #expect(throws: CSVFile.OpenError.empty) { try open("\n\n") }
    }

    @Test func quarantinesARecordLongerThanTheLimitAndGoesOn() throws {
        let long = String(repeating: "x", count: 5000)
        let file = try open(Array("a,b\n1,\(long)\n2,ok\n".utf8), maxRecordBytes: 1000)
        let rows = try records(file)
        #expect(rows.count == 2)
        #expect(rows[0].problem == "line is longer than 1000 bytes")
        #expect(rows[0].line == 2)
        #expect(rows[1].fields == ["2", "ok"])
        #expect(rows[1].line == 3)
    }

    @Test func readsRecordsSpanningChunkBoundaries() throws {
        // More than one 1 MiB chunk, with quoted fields everywhere.
        var text = "id,name\n"
        for index in 0..<60_000 { text += "\(index),\"name \"\"\(index)\"\" with, comma\"\n" }
        let rows = try records(try open(text))
        #expect(rows.count == 60_000)
        #expect(rows[59_999].fields == ["59999", "name \"59999\" with, comma"])
        #expect(rows[59_999].line == 60_001)
    }
}
