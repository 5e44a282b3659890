import Crypto
import Foundation

/// What a cycle reads of a local file: its stamp (one `stat`) and, when that is not enough to
/// tell, its SHA-256 (the whole file read).
enum FileState {
    /// The size, modification time and inode of the file at `path` now.
    static func stamp(kind: FileKind, source: String, path: String) throws(ImportError) -> FileStamp {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unreadable(source: source, reason: String(cString: strerror(errno)))
        }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return FileStamp(kind: kind, source: source, bytes: Int64(info.st_size),
                         modifiedNanoseconds: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec),
                         inode: UInt64(info.st_ino))
    }

    /// The SHA-256 of the file at `path`, in lower-case hex, read by 1 MiB; stops between two
    /// reads when `stop` is raised.
    static func sha256(source: String, path: String, stop: StopSignal) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError.unreadable(source: source, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            try stop.check()
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw ImportError.unreadable(source: source, reason: error.localizedDescription)
            }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().hexString
    }
}
