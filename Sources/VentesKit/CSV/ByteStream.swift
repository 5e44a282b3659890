import Crypto
import Foundation

/// Reads a file in fixed-size chunks, hashing and counting every byte on the way.
///
/// Files are streamed, never loaded whole: memory stays flat whatever the file size.
final class ByteStream {
    private let handle: FileHandle
    private let chunkSize: Int
    private var hasher = SHA256()
    private(set) var bytesRead = 0
    private(set) var isAtEnd = false

    /// Opens `url` for reading; throws the system error when the file cannot be opened.
    init(url: URL, chunkSize: Int = 1 << 20) throws {
        handle = try FileHandle(forReadingFrom: url)
        self.chunkSize = chunkSize
    }

    deinit { try? handle.close() }

    /// Appends up to one chunk to `buffer`; returns false once the file is exhausted.
    func read(into buffer: inout [UInt8]) throws -> Bool {
        guard !isAtEnd else { return false }
        guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
            isAtEnd = true
            return false
        }
        hasher.update(data: data)
        bytesRead += data.count
        buffer.append(contentsOf: data)
        return true
    }

    /// The SHA-256 of every byte read so far, as lowercase hex.
    var sha256Hex: String {
        hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
