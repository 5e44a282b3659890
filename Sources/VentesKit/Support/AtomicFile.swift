import Foundation

/// Writes a file so that a reader sees either the old one or the new one, never half of it: the
/// bytes go to a temporary file in the same directory (so the rename stays on one file system),
/// flushed to disk, then renamed over the target.
public enum AtomicFile {
    /// Writes `data` to `path`, replacing the file there, atomically.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = (directory as NSString).appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o644]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            do {
                try handle.write(contentsOf: data)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temporary, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno)),
                ])
            }
        } catch {
            // The target is untouched; only the temporary file is left to clean up.
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
