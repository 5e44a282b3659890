import Foundation
import Logging

extension Importer {
    /// Downloads the URL sources, then imports everything as `run` does, in one transaction.
    ///
    /// Each URL is fetched with the validators of its last imported download, so a file the
    /// server reports unchanged (304) is neither downloaded nor imported, only recorded. Downloads
    /// go to a temporary directory removed afterwards. Any download failure stops before the
    /// database is touched.
    public func fetchAndRun(
        _ sources: [ImportSource], options: ImportOptions = ImportOptions(), policy: FetchPolicy = FetchPolicy()
    ) async throws -> ImportSummary {
        guard sources.contains(where: \.location.isURL) else {
            return try run(sources, options: options)
        }
        let directory = try DownloadDirectory()
        defer { directory.remove(logger: logger) }
        var fetched: [ImportSource] = []
        for source in sources {
            fetched.append(try await download(source, policy: policy, into: directory))
        }
        return try run(fetched, options: options)
    }

    /// `source` with its download when it is a URL: fetched into `directory` with the validators of
    /// its last imported download (a 304 downloads nothing); a local file as it is.
    public func download(_ source: ImportSource, policy: FetchPolicy, into directory: DownloadDirectory) async throws -> ImportSource {
        guard case .url(let url) = source.location else { return source }
        let validators: HTTPValidators
        do {
            validators = try store.validators(for: url)
        } catch {
            throw ImportError.database(StoreFailure(wrapping: error))
        }
        let destination = directory.url.appendingPathComponent(source.kind.defaultFileName)
        logger.info("downloading \(url)", metadata: ["conditional": "\(!validators.isEmpty)"])
        var fetched = source
        fetched.download = try await HTTPFetcher(policy: policy, logger: logger).fetch(url, to: destination, validators: validators)
        return fetched
    }
}

/// A temporary directory for the downloads of one import, removed afterwards.
public struct DownloadDirectory: Sendable {
    public let url: URL

    /// Creates a new empty directory under the system's temporary directory.
    public init() throws(FetchError) {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ventes-download-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw FetchError.download(url: url.path, reason: error.localizedDescription)
        }
    }

    /// Removes the directory and what was downloaded into it; a failure is logged, not thrown
    /// (the import it served is done either way).
    public func remove(logger: Logger) {
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            logger.warning("cannot remove the downloads in \(url.path): \(error.localizedDescription)")
        }
    }
}
