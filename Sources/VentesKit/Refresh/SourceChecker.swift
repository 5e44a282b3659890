import Foundation
import Logging

/// One source as a cycle found it before importing: whether it changed, and what to remember of it.
struct CheckedSource: Sendable {
    /// The source, with its download when it is a URL.
    var source: ImportSource
    var outcome: SourceOutcome
    /// A local file's stamp, taken before it is read: remembered once the store holds what the
    /// file held then (same content, or imported). Nil when there is nothing new to remember.
    var stamp: FileStamp?
}

/// Decides whether each source changed since it was last imported, as cheaply as it can tell: a
/// URL by a conditional request (304: nothing downloaded); a local file by its size, modification
/// time and inode (one `stat`), reading and hashing it only when they changed or `verify` asks. A
/// file whose bytes are the ones last imported is not imported again.
struct SourceChecker: Sendable {
    let store: any SalesStore
    let logger: Logger
    let policy: FetchPolicy
    let verify: Bool
    let stop: StopSignal

    func check(_ source: ImportSource, downloads: DownloadDirectory?) async throws -> CheckedSource {
        switch source.location {
        case .file(let path): return try await checkFile(source, path: path)
        case .url(let url): return try await checkURL(source, url: url, downloads: downloads)
        }
    }

    private func checkFile(_ source: ImportSource, path: String) async throws -> CheckedSource {
        let stamp = try FileState.stamp(kind: source.kind, source: source.path, path: path)
        if !verify, let remembered = try store.fileStamp(kind: source.kind, source: source.path), remembered.matches(stamp) {
            return CheckedSource(source: source, outcome: .sameSizeAndTime)
        }
        guard let previous = try store.previousImport(of: source.kind, source: source.path), Int64(previous.bytes) == stamp.bytes
        else { return CheckedSource(source: source, outcome: .changed, stamp: stamp) }
        let stop = self.stop
        let digest = try await Blocking.run { try FileState.sha256(source: source.path, path: path, stop: stop) }
        return CheckedSource(source: source, outcome: digest == previous.sha256 ? .sameContent : .changed, stamp: stamp)
    }

    private func checkURL(_ source: ImportSource, url: String, downloads: DownloadDirectory?) async throws -> CheckedSource {
        guard let downloads else { preconditionFailure("a URL source is checked with a download directory") }
        let fetched = try await Importer(store: store, logger: logger).download(source, policy: policy, into: downloads)
        guard let download = fetched.download, case .downloaded(_, let sha256, _) = download.outcome else {
            return CheckedSource(source: fetched, outcome: .notModified)
        }
        guard try store.importedDigest(url: url) == sha256 else { return CheckedSource(source: fetched, outcome: .changed) }
        // The same body under new validators: remember them, so that the next request gets a 304.
        try store.refreshValidators(download.validators, url: url, sha256: sha256)
        return CheckedSource(source: fetched, outcome: .sameContent)
    }
}

/// Runs blocking work (reading a whole file, an import, the analyses) on a thread of its own, so
/// that it never holds one of the few threads Swift's concurrency runs tasks on.
enum Blocking {
    private static let queue = DispatchQueue(label: "ventes.refresh", qos: .userInitiated)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
