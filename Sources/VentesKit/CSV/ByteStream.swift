import Crypto
import Foundation

/// Reads a file (or bytes in memory) in fixed-size chunks, hashing and counting every byte on the way.
///
/// Files are streamed, never loaded whole: memory stays flat whatever the file size.
final class ByteStream {
    /// The running hash of the bytes read; what a resumed stream goes on from.
    typealias HashState = SHA256

    private enum Source {
        case file(FileHandle)
        case memory([UInt8], offset: Int)
    }

    private var source: Source
    private let chunkSize: Int
    private var hasher = SHA256()
    private(set) var bytesRead = 0
    private(set) var isAtEnd = false
    /// The last byte read, to tell whether the data ends with a line feed.
    private(set) var lastByte: UInt8?
    /// The size of the file (or bytes) when opened.
    let totalBytes: Int

    /// Opens `url` for reading; throws the system error when the file cannot be opened.
    init(url: URL, chunkSize: Int = 1 << 20) throws {
        let handle = try FileHandle(forReadingFrom: url)
        totalBytes = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        source = .file(handle)
        self.chunkSize = chunkSize
    }

    /// Streams bytes already in memory (a quarantined row read again).
    init(bytes: [UInt8], chunkSize: Int = 1 << 20) {
        source = .memory(bytes, offset: 0)
        totalBytes = bytes.count
        self.chunkSize = chunkSize
    }

    deinit {
        // Closing a handle that was only read loses nothing; deinit cannot throw.
        if case .file(let handle) = source { try? handle.close() }
    }

    /// Appends up to one chunk to `buffer`; returns false once the data is exhausted.
    func read(into buffer: inout [UInt8]) throws -> Bool {
        guard !isAtEnd else { return false }
        switch source {
        case .file(let handle):
            guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
                isAtEnd = true
                return false
            }
            hasher.update(data: data)
            bytesRead += data.count
            lastByte = data.last
            buffer.append(contentsOf: data)
        case .memory(let bytes, let offset):
            guard offset < bytes.count else {
                isAtEnd = true
                return false
            }
            let chunk = bytes[offset..<min(bytes.count, offset + chunkSize)]
            hasher.update(data: chunk)
            bytesRead += chunk.count
            lastByte = chunk.last
            buffer.append(contentsOf: chunk)
            source = .memory(bytes, offset: offset + chunk.count)
        }
        return true
    }

    /// Continues reading at `offset`, as if the bytes before it had been read and hashed into `hasher`.
    ///
    /// `lastByte` becomes the byte before `offset`, as if it had been read: when nothing follows, the
    /// stream still describes the whole file (a file ending with a line feed can be resumed again).
    func resume(atOffset offset: Int, hasher: HashState) throws {
        guard case .file(let handle) = source else { return }
        var byteBefore: UInt8?
        if offset > 0 {
            try handle.seek(toOffset: UInt64(offset - 1))
            byteBefore = try handle.read(upToCount: 1)?.first
        }
        try handle.seek(toOffset: UInt64(offset))
        self.hasher = hasher
        bytesRead = offset
        lastByte = byteBefore
        isAtEnd = false
    }

    /// The SHA-256 of every byte read so far, as lowercase hex.
    var sha256Hex: String { hasher.finalize().hexString }

    /// Hashes the first `length` bytes of `url`; nil when the file is shorter.
    ///
    /// Returns the hasher itself, so that reading can go on from there.
    static func hashPrefix(of url: URL, length: Int) throws -> HashState? {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }  // read-only: a failed close loses nothing
        var hasher = SHA256()
        var remaining = length
        while remaining > 0 {
            guard let data = try handle.read(upToCount: min(remaining, 1 << 20)), !data.isEmpty else { return nil }
            hasher.update(data: data)
            remaining -= data.count
        }
        return hasher
    }
}

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal.
    var hexString: String {
        map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension SHA256.Digest {
    var hexString: String { Array(self).hexString }
}
