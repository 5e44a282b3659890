import Crypto
import Foundation
import Logging

/// A file to import and what it holds.
public struct ImportSource: Sendable {
    public var kind: FileKind
    /// Where the file is: a local path, or an http(s) URL that is downloaded first.
    public var location: SourceLocation
    /// For a URL: what fetching it gave (set by `Importer.fetchAndRun`); nil for a local file.
    public var download: Download?

    /// The path or URL as the user gave it (used in messages and the audit).
    public var path: String { location.description }

    /// A local file.
    public init(kind: FileKind, path: String) {
        self.init(kind: kind, location: .file(path))
    }

    public init(kind: FileKind, location: SourceLocation, download: Download? = nil) {
        self.kind = kind
        self.location = location
        self.download = download
    }

    /// The file to read: the download of a URL, or the local path.
    var readablePath: String? {
        switch (location, download?.outcome) {
        case (.file(let path), _): return path
        case (.url, .downloaded(let file, _, _)?): return file
        case (.url, .notModified?), (.url, nil): return nil
        }
    }
}

/// How to import: strictness and dialect overrides.
public struct ImportOptions: Sendable {
    /// Abort the whole import at the first bad row instead of quarantining it.
    public var strict = false
    /// A record longer than this many bytes is quarantined instead of buffered.
    public var maxRecordBytes = 1 << 20
    /// Forces the delimiter instead of detecting it.
    public var delimiter: UInt8?
    /// Forces the text encoding instead of detecting it.
    public var encoding: TextEncoding?
    /// Called every few thousand rows of each file, and once when the file is done.
    public var progress: (@Sendable (ImportProgress) -> Void)?

    public init(strict: Bool = false) { self.strict = strict }
}

/// Imports stores, products and sales files into the database, as one atomic unit.
///
/// Every data line ends up inserted, updated, unchanged, a duplicate or rejected (quarantined
/// with its line and reason); a file that cannot be used at all stops the import and leaves the
/// database as it was.
public struct Importer {
    let database: VentesDatabase
    let logger: Logger
    private let clock: @Sendable () -> Date

    /// How many rejected rows the summary carries per file (the quarantine has them all).
    public static let rejectionSampleSize = 20

    public init(database: VentesDatabase, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.logger = logger
        self.clock = clock
    }

    /// Imports `sources` in the order stores, products, sales, in a single transaction.
    public func run(_ sources: [ImportSource], options: ImportOptions = ImportOptions()) throws(ImportError) -> ImportSummary {
        let ordered = FileKind.allCases.compactMap { kind in sources.first { $0.kind == kind } }
        // Open every file (dialect, header, columns) before taking the write lock: a file that
        // cannot be used fails fast and the database is never touched. A URL the server reported
        // unchanged (304) has nothing to open: it is only recorded.
        let opened = try ordered.map { source throws(ImportError) -> OpenedFile? in
            if source.download?.isNotModified == true { return nil }
            return try open(source, options: options)
        }
        do {
            return try database.performImport(startedAt: clock(), strict: options.strict, finishedAt: clock) { session in
                var files: [FileImportSummary] = []
                for (source, file) in zip(ordered, opened) {
                    if let download = source.download { try session.recordFetch(download, kind: source.kind) }
                    guard let file else {
                        logger.info("not modified since the last import: \(source.path)")
                        files.append(FileImportSummary(notModified: source))
                        continue
                    }
                    var summary = try importFile(file, into: session, options: options)
                    summary.download = source.download
                    try session.recordFile(summary)
                    logger.info("imported \(file.source.path)", metadata: [
                        "read": "\(summary.counts.read)", "inserted": "\(summary.counts.inserted)",
                        "duplicates": "\(summary.counts.duplicates)", "rejected": "\(summary.counts.rejected)",
                    ])
                    files.append(summary)
                }
                return ImportSummary(importID: session.importID, files: files)
            }
        } catch let error as ImportError {
            throw error
        } catch {
            throw .database(VentesDatabase.message(error))
        }
    }

    private struct OpenedFile {
        let source: ImportSource
        let csv: CSVFile
        let parser: RowParser
        let ignoredColumns: [String]
    }

    private func open(_ source: ImportSource, options: ImportOptions) throws(ImportError) -> OpenedFile {
        guard let path = source.readablePath else {
            throw .unreadable(source: source.path, reason: "the URL was not downloaded")
        }
        let url = URL(fileURLWithPath: path)
        let csv: CSVFile
        do {
            csv = try CSVFile(url: url, delimiter: options.delimiter, encoding: options.encoding,
                              maxRecordBytes: options.maxRecordBytes)
        } catch {
            switch error {
            case .unreadable(let reason): throw .unreadable(source: source.path, reason: reason)
            case .empty: throw .empty(source: source.path, kind: source.kind)
            case .binary(let reason): throw .notText(source: source.path, reason: reason)
            case .unterminatedQuote(let line): throw .unterminatedQuote(source: source.path, line: line)
            case .headerUnreadable(let reason): throw .headerUnreadable(source: source.path, reason: reason)
            }
        }
        let specs: [ColumnSpec]
        switch source.kind {
        case .stores: specs = Columns.stores
        case .products: specs = Columns.products
        case .sales: specs = Columns.sales
        }
        let header: HeaderMap
        do {
            header = try HeaderMap(header: csv.header, specs: specs)
        } catch {
            switch error {
            case let .missingColumn(name, found, suggestion):
                throw .missingColumn(source: source.path, line: csv.headerLine, column: name, found: found,
                                     suggestion: suggestion)
            case let .ambiguousColumn(name, headers):
                throw .ambiguousColumn(source: source.path, line: csv.headerLine, column: name, headers: headers)
            }
        }
        return OpenedFile(source: source, csv: csv, parser: RowParser(header: header, fieldCount: csv.header.count),
                          ignoredColumns: header.ignoredColumns)
    }

    private func importFile(_ file: OpenedFile, into session: ImportSession, options: ImportOptions) throws -> FileImportSummary {
        var counts = ImportCounts()
        var warnings: [String] = []
        var rejections: [RejectedRow] = []
        let source = file.source

        func reject(line: Int, rawText: String, reason: String, dependsOnData: Bool) throws {
            let row = RejectedRow(kind: source.kind, source: source.path, line: line, rawText: rawText,
                                  reason: reason, dependsOnData: dependsOnData)
            if options.strict { throw ImportError.strictRejection(row) }
            try session.quarantine(row)
            counts.rejected += 1
            if rejections.count < Self.rejectionSampleSize { rejections.append(row) }
        }

        func count(_ outcome: UpsertOutcome) {
            switch outcome {
            case .inserted: counts.inserted += 1
            case .updated: counts.updated += 1
            case .unchanged: counts.unchanged += 1
            }
        }

        var pricing: SalePricing?
        if source.kind == .sales { pricing = try SalePricing(session: session) }

        /// Imports one data record (already counted as read).
        func process(_ record: CSVRecord) throws {
            do {
                switch source.kind {
                case .stores:
                    var store = try file.parser.store(record)
                    if store.region == nil {
                        store.region = FrenchRegions.region(ofCity: store.city)
                        if store.region == nil {
                            warnings.append("\(source.path):\(record.line): no region known for city \"\(store.city)\"; add a Région column to give it one")
                        }
                    }
                    count(try session.upsertStore(store))
                case .products:
                    count(try session.upsertProduct(try file.parser.product(record)))
                case .sales:
                    let sale = try file.parser.sale(record)
                    let price = try pricing!.unitPrice(of: sale)
                    if try session.insertSale(sale, unitPrice: price, line: record.line) {
                        counts.inserted += 1
                    } else {
                        counts.duplicates += 1
                    }
                }
            } catch let rejection as RowParser.Rejection {
                try reject(line: record.line, rawText: record.rawText, reason: rejection.reason,
                           dependsOnData: rejection.dependsOnData)
            }
        }

        // A sales file that starts with exactly the bytes of its last import: read only what follows.
        var resumedFrom: Int64?
        if source.kind == .sales, let resume = try resumePoint(of: file, in: session) {
            let previous = resume.previous
            // Every row of the prefix was inserted, a duplicate or rejected last time. Those inserted
            // or duplicates are duplicates now; a rejected row is rejected again, unless it was refused
            // for an unknown product or store, which may exist now: that one is read again.
            counts.read += previous.read
            counts.duplicates += previous.read - previous.rejected
            for row in try session.quarantinedRows(importID: previous.importID, kind: .sales, source: source.path) {
                if row.dependsOnData,
                   let record = try CSVFile.record(fromText: row.rawText, line: row.line, delimiter: file.csv.dialect.delimiter) {
                    try process(record)
                } else {
                    try reject(line: row.line, rawText: row.rawText, reason: row.reason, dependsOnData: row.dependsOnData)
                }
            }
            try file.csv.resume(atOffset: previous.bytes, line: previous.lines + 1, hasher: resume.hasher)
            resumedFrom = previous.importID
        }

        let totalBytes = file.csv.totalBytes
        func report(finished: Bool) {
            options.progress?(ImportProgress(kind: source.kind, source: source.path, rows: counts.read,
                                             bytesRead: file.csv.bytesConsumed, totalBytes: totalBytes, isFinished: finished))
        }
        while let record = try nextRecord(file) {
            if RowParser.isBlank(record) { continue }
            counts.read += 1
            try process(record)
            if counts.read & 0x3FFF == 0 { report(finished: false) }
        }
        report(finished: true)
        guard counts.isBalanced else {
            throw ImportError.database("internal error: \(source.path) counters do not add up: \(counts)")
        }
        if !file.ignoredColumns.isEmpty {
            let list = file.ignoredColumns.map { "\"\($0)\"" }.joined(separator: ", ")
            warnings.insert("\(source.path): ignored unknown column(s) \(list)", at: 0)
        }
        return FileImportSummary(
            kind: source.kind, source: source.path, sha256: file.csv.sha256Hex, bytes: file.csv.bytesRead,
            delimiter: file.csv.dialect.delimiterName, encoding: file.csv.dialect.encoding.rawValue, counts: counts,
            ignoredColumns: file.ignoredColumns, lines: file.csv.linesRead, endsWithLineFeed: file.csv.endsWithLineFeed,
            resumedFrom: resumedFrom, warnings: warnings, rejections: rejections)
    }

    private struct ResumePoint {
        let previous: PreviousFileImport
        let hasher: SHA256
    }

    /// Where to go on reading `file`: after the bytes of its last import, when it starts with exactly
    /// them (same length and SHA-256 of the prefix), they ended a line, and the dialect is the same.
    /// Any other change (an edited, truncated or older file) gets nil: the whole file is compared.
    private func resumePoint(of file: OpenedFile, in session: ImportSession) throws -> ResumePoint? {
        guard let previous = try session.previousImport(of: file.source.kind, source: file.source.path),
              previous.endsWithLineFeed, previous.bytes > 0,
              previous.delimiter == file.csv.dialect.delimiterName,
              previous.encoding == file.csv.dialect.encoding.rawValue
        else { return nil }
        let hasher: SHA256?
        do {
            hasher = try ByteStream.hashPrefix(of: URL(fileURLWithPath: file.source.readablePath ?? file.source.path),
                                              length: previous.bytes)
        } catch {
            throw ImportError.unreadable(source: file.source.path, reason: error.localizedDescription)
        }
        guard let hasher, hasher.finalize().hexString == previous.sha256 else { return nil }
        logger.debug("\(file.source.path): starts with the \(previous.bytes) bytes of import #\(previous.importID); reading the rest")
        return ResumePoint(previous: previous, hasher: hasher)
    }

    private func nextRecord(_ file: OpenedFile) throws(ImportError) -> CSVRecord? {
        do {
            return try file.csv.nextRecord()
        } catch {
            switch error {
            case .unterminatedQuote(let line): throw .unterminatedQuote(source: file.source.path, line: line)
            case .io(let reason): throw .unreadable(source: file.source.path, reason: reason)
            }
        }
    }
}

/// Prices sales at the current product price and checks that their product and store exist.
private struct SalePricing {
    private let prices: [String: Cents]
    private let stores: Set<String>
    private let sortedProductIDs: [String]
    private let sortedStoreIDs: [String]

    init(session: ImportSession) throws {
        prices = try session.currentPrices()
        stores = try session.storeIDs()
        sortedProductIDs = prices.keys.sorted()
        sortedStoreIDs = stores.sorted()
    }

    func unitPrice(of sale: SaleRow) throws(RowParser.Rejection) -> Cents {
        guard let price = prices[sale.productID] else {
            throw RowParser.Rejection(reason: "unknown product \(sale.productID) (\(Self.known(sortedProductIDs, "product", near: sale.productID)))",
                                      dependsOnData: true)
        }
        guard stores.contains(sale.storeID) else {
            throw RowParser.Rejection(reason: "unknown store \(sale.storeID) (\(Self.known(sortedStoreIDs, "store", near: sale.storeID)))",
                                      dependsOnData: true)
        }
        return price
    }

    private static func known(_ ids: [String], _ noun: String, near id: String) -> String {
        guard let nearest = ids.min(by: { HeaderName.distance($0, id) < HeaderName.distance($1, id) }) else {
            return "no \(noun)s known: import the \(noun)s file first"
        }
        return "\(ids.count) \(noun)\(ids.count == 1 ? "" : "s") known, nearest: \(nearest)"
    }
}
