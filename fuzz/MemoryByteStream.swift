// Stands in for Sources/VentesKit/CSV/ByteStream.swift in the fuzz build: same interface, but it
// serves the fuzzer's bytes from memory (no file system, no swift-crypto) in the chunk size given,
// so chunk boundaries fall everywhere in a record.
import Foundation

/// The input of the current fuzz iteration.
enum FuzzInput {
    nonisolated(unsafe) static var bytes: [UInt8] = []
}

final class ByteStream {
    /// No hashing in the fuzz build.
    struct HashState {}

    private let bytes: [UInt8]
    private let chunkSize: Int
    private(set) var bytesRead = 0
    private(set) var isAtEnd = false
    private(set) var lastByte: UInt8?
    let totalBytes: Int

    init(url: URL, chunkSize: Int = 1 << 20) throws {
        bytes = FuzzInput.bytes
        totalBytes = bytes.count
        self.chunkSize = max(1, chunkSize)
    }

    init(bytes: [UInt8], chunkSize: Int = 1 << 20) {
        self.bytes = bytes
        totalBytes = bytes.count
        self.chunkSize = max(1, chunkSize)
    }

    func resume(atOffset offset: Int, hasher: HashState) throws {
        bytesRead = min(offset, bytes.count)
        isAtEnd = false
    }

    func read(into buffer: inout [UInt8]) throws -> Bool {
        guard !isAtEnd else { return false }
        guard bytesRead < bytes.count else {
            isAtEnd = true
            return false
        }
        let end = min(bytes.count, bytesRead + chunkSize)
        buffer.append(contentsOf: bytes[bytesRead..<end])
        lastByte = bytes[end - 1]
        bytesRead = end
        return true
    }

    var sha256Hex: String { "" }
}
