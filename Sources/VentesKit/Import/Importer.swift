import Foundation
import Logging

/// Imports stores, products and sales files into a store, as one atomic unit.
///
/// Every data line ends up inserted, updated, unchanged, a duplicate or rejected (quarantined
/// with its line and reason); a file that cannot be used at all stops the import and leaves the
/// store as it was.
public struct Importer {
    let store: any SalesStore
    let logger: Logger
    private let clock: @Sendable () -> Date

    /// How many rejected rows the summary carries per file (the quarantine has them all).
    public static let rejectionSampleSize = FileTally.rejectionSampleSize

    public init(store: any SalesStore, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.logger = logger
        self.clock = clock
    }

    /// Imports `sources` in the order stores, products, sales, in a single transaction.
    public func run(_ sources: [ImportSource], options: ImportOptions = ImportOptions()) throws(ImportError) -> ImportSummary {
        let startedAt = clock()
        if let summary = try attempt(sources, options: options, startedAt: startedAt, singlePass: .allowed) {
            return summary
        }
        // The whole sales file decided its date format or encoding otherwise than its first lines
        // (the attempt was rolled back): import again, surveying the file before reading it.
        logger.info("the sales file's date format or encoding differs from what its first lines showed: importing it again, surveying it first")
        guard let summary = try attempt(sources, options: options, startedAt: startedAt, singlePass: .refused) else {
            throw .database(StoreFailure(message: "internal error: an import surveyed first found its dialect changed"))
        }
        return summary
    }

    /// One import of `sources`; nil when the sales file's dialect, checked while importing it in
    /// one pass, turned out other than assumed (nothing was written).
    private func attempt(
        _ sources: [ImportSource], options: ImportOptions, startedAt: Date, singlePass: ImportPlan.SinglePass
    ) throws(ImportError) -> ImportSummary? {
        let ordered = FileKind.allCases.compactMap { kind in sources.first { $0.kind == kind } }
        // Open every file (dialect, header, columns) before taking the write lock: a file that
        // cannot be used fails fast and the store is never touched. A URL the server reported
        // unchanged (304) has nothing to open: it is only recorded.
        let opener = FileOpener(store: store, options: options, logger: logger)
        let opened = try ordered.map { source throws(ImportError) -> OpenedFile? in
            source.download?.isNotModified == true ? nil : try opener.open(source, singlePass: singlePass)
        }
        do {
            return try store.performImport(startedAt: startedAt, strict: options.strict, finishedAt: clock) { transaction in
                var files: [FileImportSummary] = []
                for (source, file) in zip(ordered, opened) {
                    try options.stop?.check()
                    if let download = source.download { try transaction.recordFetch(download, kind: source.kind) }
                    guard let file else {
                        logger.info("not modified since the last import: \(source.path)")
                        files.append(FileImportSummary(notModified: source))
                        continue
                    }
                    let summary = source.kind == .sales
                        ? try SalesFileImporter(file: file, options: options, store: store).run(into: transaction)
                        : try ReferenceFileImporter(file: file, options: options).run(into: transaction)
                    try transaction.recordFile(summary.audit)
                    logger.info("imported \(source.path)", metadata: [
                        "read": "\(summary.counts.read)", "inserted": "\(summary.counts.inserted)",
                        "duplicates": "\(summary.counts.duplicates)", "rejected": "\(summary.counts.rejected)",
                    ])
                    files.append(summary)
                }
                return ImportSummary(importID: transaction.importID, files: files)
            }
        } catch let error as ImportError {
            throw error
        } catch is PendingDialectCheck.Mismatch {
            return nil
        } catch is StopSignal.Stopped {
            throw .stopped
        } catch {
            throw .database(StoreFailure(wrapping: error))
        }
    }
}
