import Foundation
import Testing
@testable import VentesKit

/// Files a reader may open at any moment (the report, the result files) are replaced whole.
@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test("the file is replaced by a rename in its directory: a new inode, no temporary file left")
    func replaces() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.html").path
        try AtomicFile.write(Data("old".utf8), to: path)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64

        try AtomicFile.write(Data("new".utf8), to: path)

        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64 != before,
                "a new file took the name: a reader holding the old one still reads it whole")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.html"])
    }

    @Test("a directory that does not exist: an error, and nothing written")
    func missingDirectory() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-missing-\(UUID().uuidString)/report.html").path

        #expect(throws: (any Error).self) { try AtomicFile.write(Data("x".utf8), to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
