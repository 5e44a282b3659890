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
        guard sources.contains(where: { if case .url = $0.location { true } else { false } }) else {
            return try run(sources, options: options)
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ventes-download-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FetchError.download(url: directory.path, reason: error.localizedDescription)
        }
        defer { removeDownloads(directory) }
        let fetcher = HTTPFetcher(policy: policy, logger: logger)
        var fetched: [ImportSource] = []
        for var source in sources {
            if case .url(let url) = source.location {
                let validators: HTTPValidators
                do {
                    validators = try store.validators(for: url)
                } catch {
                    throw ImportError.database(StoreFailure(wrapping: error))
                }
                let destination = directory.appendingPathComponent(source.kind.defaultFileName)
                logger.info("downloading \(url)", metadata: ["conditional": "\(!validators.isEmpty)"])
                source.download = try await fetcher.fetch(url, to: destination, validators: validators)
            }
            fetched.append(source)
        }
        return try run(fetched, options: options)
    }

    private func removeDownloads(_ directory: URL) {
        do {
            try FileManager.default.removeItem(at: directory)
        } catch {
            logger.warning("cannot remove the downloads in \(directory.path): \(error.localizedDescription)")
        }
    }
}
