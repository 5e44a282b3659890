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
    /// Forces the date format of the sales file instead of detecting (or remembering) it.
    public var dateFormat: DateColumnFormat?
    /// Forces the decimal separator of the products file's prices instead of detecting it.
    public var decimalSeparator: DecimalSeparator?

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
        let startedAt = clock()
        if let summary = try attempt(sources, options: options, startedAt: startedAt, checkingSalesDialectWhileImporting: true) {
            return summary
        }
        // The whole sales file decided its date format or encoding otherwise than its first lines
        // (the attempt was rolled back): import again, surveying the file before reading it.
        logger.info("the sales file's date format or encoding differs from what its first lines showed: importing it again, surveying it first")
        return try attempt(sources, options: options, startedAt: startedAt, checkingSalesDialectWhileImporting: false)!
    }

    /// One import of `sources`; nil when the sales file's dialect, checked while importing it,
    /// turned out other than assumed (nothing was written).
    private func attempt(
        _ sources: [ImportSource], options: ImportOptions, startedAt: Date, checkingSalesDialectWhileImporting: Bool
    ) throws(ImportError) -> ImportSummary? {
        let ordered = FileKind.allCases.compactMap { kind in sources.first { $0.kind == kind } }
        // Open every file (dialect, header, columns) before taking the write lock: a file that
        // cannot be used fails fast and the database is never touched. A URL the server reported
        // unchanged (304) has nothing to open: it is only recorded.
        let opened = try ordered.map { source throws(ImportError) -> OpenedFile? in
            if source.download?.isNotModified == true { return nil }
            return try open(source, options: options, checkingDialectWhileImporting: checkingSalesDialectWhileImporting)
        }
        do {
            return try database.performImport(startedAt: startedAt, strict: options.strict, finishedAt: clock) { session in
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
        } catch is PendingDialectCheck.Mismatch {
            return nil
        } catch {
            throw .database(VentesDatabase.message(error))
        }
    }

    private struct OpenedFile {
        let source: ImportSource
        let csv: CSVFile
        let parser: RowParser
        let ignoredColumns: [String]
        let decimalSeparator: DecimalSeparator?
        /// The sales file's date format, when decided before reading it (else see `pendingCheck`).
        let dateFormat: (format: DateColumnFormat, origin: DialectOrigin)?
        /// Where the last import of this file stopped, when only what follows is to be read.
        let resume: ResumePoint?
        /// What the import assumes of the sales file's dialect, checked against the whole file
        /// while reading it (instead of a first pass).
        let pendingCheck: PendingDialectCheck?
    }

    private func open(
        _ source: ImportSource, options: ImportOptions, checkingDialectWhileImporting: Bool
    ) throws(ImportError) -> OpenedFile {
        guard let path = source.readablePath else {
            throw .unreadable(source: source.path, reason: "the URL was not downloaded")
        }
        let url = URL(fileURLWithPath: path)
        var csv = try openCSV(source, url: url, delimiter: options.delimiter, encoding: options.encoding, options: options)
        var header = try headerMap(source, csv)
        // A sales file that starts with exactly the bytes of its last import: only the rest is
        // surveyed and read (checked again inside the import's transaction).
        var resume = source.kind == .sales ? try resumePoint(source, url: url, csv: csv) : nil
        var survey = ColumnSurvey()
        let surveysDates = source.kind == .sales && options.dateFormat == nil
        let surveysPrices = source.kind == .products && options.decimalSeparator == nil
        // UTF-8 was guessed from the start of the file only: the first pass checks the rest.
        let checksEncoding = options.encoding == nil && csv.dialect.encoding == .utf8 && !csv.dialect.hasByteOrderMark
            && !csv.sampleIsWholeFile
        var pendingCheck: PendingDialectCheck?
        if checkingDialectWhileImporting && !options.strict && source.kind == .sales && resume == nil
            && (surveysDates || checksEncoding) {
            // One pass instead of two: read the file assuming the usual outcome of its survey,
            // made while reading it; the import starts over surveying first when it differs. (Not
            // with --strict: a row refused under the assumption would abort the import before the
            // survey could tell that the assumption was wrong.)
            pendingCheck = PendingDialectCheck(
                positions: ColumnSurvey.Positions(header), checksEncoding: checksEncoding, option: options.dateFormat,
                remembered: surveysDates ? try rememberedDateFormat(source, csv: csv) : nil)
        } else if surveysDates || surveysPrices || checksEncoding {
            survey = try surveyColumns(source, url: url, csv: csv, header: header, options: options, from: resume)
            if resume != nil && survey.undecodableRecords > 0 {
                // The new rows may change the encoding of the whole file: compare it in full.
                resume = nil
                survey = try surveyColumns(source, url: url, csv: csv, header: header, options: options, from: nil)
            }
            if checksEncoding && survey.showsWindows1252 {
                csv = try openCSV(source, url: url, delimiter: csv.dialect.delimiter, encoding: .windows1252, options: options)
                header = try headerMap(source, csv)
                survey = try surveyColumns(source, url: url, csv: csv, header: header, options: options, from: nil)
            }
        }
        let decimalSeparator = source.kind == .products ? options.decimalSeparator ?? survey.prices.verdict ?? .dot : nil
        var dateFormat: (format: DateColumnFormat, origin: DialectOrigin)?
        if source.kind == .sales && pendingCheck == nil {
            if let point = resume, let format = point.dateFormat(tail: survey.dates, option: options.dateFormat) {
                dateFormat = format
            } else {
                if resume != nil {
                    // The new rows decide the date column differently: compare the whole file.
                    resume = nil
                    survey = try surveyColumns(source, url: url, csv: csv, header: header, options: options, from: nil)
                }
                dateFormat = try resolveDateFormat(source, survey: survey.dates, option: options.dateFormat) {
                    () throws(ImportError) in try rememberedDateFormat(source, csv: csv)
                }
            }
        }
        let parseFormat = pendingCheck?.assumedParseFormat ?? dateFormat.map(PendingDialectCheck.parseFormat(for:))
        let parser = RowParser(header: header, fieldCount: csv.header.count, dateFormat: parseFormat ?? .dayMonthYear,
                               decimalSeparator: options.decimalSeparator ?? survey.prices.verdict)
        return OpenedFile(source: source, csv: csv, parser: parser, ignoredColumns: header.ignoredColumns,
                          decimalSeparator: decimalSeparator, dateFormat: dateFormat, resume: resume,
                          pendingCheck: pendingCheck)
    }

    private func openCSV(
        _ source: ImportSource, url: URL, delimiter: UInt8?, encoding: TextEncoding?, options: ImportOptions
    ) throws(ImportError) -> CSVFile {
        do {
            return try CSVFile(url: url, delimiter: delimiter, encoding: encoding, maxRecordBytes: options.maxRecordBytes)
        } catch {
            switch error {
            case .unreadable(let reason): throw .unreadable(source: source.path, reason: reason)
            case .empty: throw .empty(source: source.path, kind: source.kind)
            case .binary(let reason): throw .notText(source: source.path, reason: reason)
            case .unterminatedQuote(let line): throw .unterminatedQuote(source: source.path, line: line)
            case .headerUnreadable(let reason): throw .headerUnreadable(source: source.path, reason: reason)
            }
        }
    }

    private func headerMap(_ source: ImportSource, _ csv: CSVFile) throws(ImportError) -> HeaderMap {
        let specs: [ColumnSpec]
        switch source.kind {
        case .stores: specs = Columns.stores
        case .products: specs = Columns.products
        case .sales: specs = Columns.sales
        }
        do {
            return try HeaderMap(header: csv.header, specs: specs)
        } catch {
            switch error {
            case let .missingColumn(name, found, suggestion):
                throw .missingColumn(source: source.path, line: csv.headerLine, column: name, found: found,
                                     suggestion: suggestion)
            case let .ambiguousColumn(name, headers):
                throw .ambiguousColumn(source: source.path, line: csv.headerLine, column: name, headers: headers)
            }
        }
    }

    /// The first pass over the file, or over what follows `resume`'s prefix only.
    private func surveyColumns(
        _ source: ImportSource, url: URL, csv: CSVFile, header: HeaderMap, options: ImportOptions, from resume: ResumePoint?
    ) throws(ImportError) -> ColumnSurvey {
        do {
            return try ColumnSurvey(url: url, dialect: csv.dialect, header: header, maxRecordBytes: options.maxRecordBytes,
                                    startingAt: resume.map { ($0.previous.bytes, $0.previous.lines + 1) })
        } catch {
            switch error {
            case .open(let problem): throw .unreadable(source: source.path, reason: "\(problem)")
            case .read(let failure): throw ImportError(failure, source: source.path)
            }
        }
    }

    /// The date format of a sales file: the option, else the file's values, else an earlier import's.
    private func resolveDateFormat(
        _ source: ImportSource, survey: DateColumnSurvey, option: DateColumnFormat?,
        remembered: () throws(ImportError) -> DateColumnFormat?
    ) throws(ImportError) -> (format: DateColumnFormat, origin: DialectOrigin) {
        if let format = option { return (format, .option) }
        switch survey.verdict {
        case .iso: return (.iso, .detected)
        case .settled(let format): return (format, .detected)
        case let .conflicting(dayFirst, dayFirstLine, monthFirst, monthFirstLine):
            throw .conflictingDateFormats(source: source.path, dayFirst: dayFirst, dayFirstLine: dayFirstLine,
                                          monthFirst: monthFirst, monthFirstLine: monthFirstLine)
        case let .ambiguous(example, line):
            guard let remembered = try remembered() else {
                throw .ambiguousDateFormat(source: source.path, line: line, example: example)
            }
            return (remembered, .remembered)
        }
    }

    /// The date format an earlier import of this source (or of a file with the same header) settled.
    private func rememberedDateFormat(_ source: ImportSource, csv: CSVFile) throws(ImportError) -> DateColumnFormat? {
        do {
            return try database.rememberedDateFormat(kind: source.kind, source: source.path, headerText: csv.headerText)
        } catch {
            throw .database(VentesDatabase.message(error))
        }
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

        /// Ids a stores or products file lists again with other values (the last line wins).
        var conflicts = ConflictingRows()
        var pricing: SalePricing?
        if source.kind == .sales { pricing = try SalePricing(session: session) }

        /// Writes parsed sales (inserted or duplicates) and quarantines the rejected lines.
        func write(_ sales: SaleValues, rejected: [RejectedLine]) throws {
            let inserted = try session.insertSales(sales)
            counts.inserted += inserted
            counts.duplicates += sales.count - inserted
            guard let first = rejected.first else { return }
            func row(_ line: RejectedLine) -> RejectedRow {
                RejectedRow(kind: source.kind, source: source.path, line: line.line, rawText: line.rawText,
                            reason: line.reason, dependsOnData: line.dependsOnData)
            }
            if options.strict { throw ImportError.strictRejection(row(first)) }
            try session.quarantine(rejected, kind: source.kind, source: source.path)
            counts.rejected += rejected.count
            rejections += rejected.prefix(max(0, Self.rejectionSampleSize - rejections.count)).map(row)
        }

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
                    let earlier = conflicts.isRepeated(store.id, line: record.line) ? try session.storedStore(id: store.id) : nil
                    count(try session.upsertStore(store))
                    if let earlier { conflicts.compare(store.id, before: earlier.comparedFields, now: store.comparedFields) }
                case .products:
                    let product = try file.parser.product(record)
                    let earlier = conflicts.isRepeated(product.id, line: record.line) ? try session.storedProduct(id: product.id) : nil
                    count(try session.upsertProduct(product))
                    if let earlier { conflicts.compare(product.id, before: earlier.comparedFields, now: product.comparedFields) }
                case .sales:
                    switch ParsedSale(record, parser: file.parser, pricing: pricing!) {
                    case .sale(let sale):
                        var values = SaleValues()
                        values.append(sale)
                        try write(values, rejected: [])
                    case .rejected(let line): try write(SaleValues(), rejected: [line])
                    }
                }
            } catch let rejection as RowParser.Rejection {
                try reject(line: record.line, rawText: record.rawText, reason: rejection.reason,
                           dependsOnData: rejection.dependsOnData)
            }
        }

        // A sales file that starts with exactly the bytes of its last import: read only what follows.
        var resumedFrom: Int64?
        if let resume = file.resume,
           try session.previousImport(of: .sales, source: source.path)?.importID == resume.previous.importID {
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
        let readInPrefix = counts.read

        let totalBytes = file.csv.totalBytes
        func report(bytes: Int, finished: Bool = false) {
            options.progress?(ImportProgress(kind: source.kind, source: source.path, rows: counts.read,
                                             bytesRead: bytes, totalBytes: totalBytes, isFinished: finished))
        }
        var dateFormat = file.dateFormat
        if source.kind == .sales, let pricing {
            // Parsing and pricing on a second thread, writing here: see SaleReader.
            let reader = SaleReader(file: file.csv, parser: file.parser, pricing: pricing, surveying: file.pendingCheck?.positions)
            reader.start()
            defer { reader.finish() }
            while let batch = try nextBatch(reader, file) {
                counts.read += batch.rowCount
                try write(batch.sales, rejected: batch.rejected)
                report(bytes: batch.bytesConsumed)
            }
            if let check = file.pendingCheck {
                let survey = reader.surveyOfAllRecords
                if check.needsWindows1252(survey) { throw PendingDialectCheck.Mismatch() }
                let decided = try resolveDateFormat(source, survey: survey.dates, option: check.option) { check.remembered }
                guard check.holds(for: decided, survey: survey.dates) else { throw PendingDialectCheck.Mismatch() }
                dateFormat = decided
            }
        } else {
            while let record = try nextRecord(file) {
                if RowParser.isBlank(record) { continue }
                counts.read += 1
                try process(record)
                if counts.read & 0x3FFF == 0 { report(bytes: file.csv.bytesConsumed) }
            }
        }
        report(bytes: file.csv.bytesConsumed, finished: true)
        guard counts.isBalanced else {
            throw ImportError.database("internal error: \(source.path) counters do not add up: \(counts)")
        }
        warnings += conflicts.warnings(source: source.path, noun: source.kind == .stores ? "store" : "product")
        if !file.ignoredColumns.isEmpty {
            let list = file.ignoredColumns.map { "\"\($0)\"" }.joined(separator: ", ")
            warnings.insert("\(source.path): ignored unknown column(s) \(list)", at: 0)
        }
        return FileImportSummary(
            kind: source.kind, source: source.path, sha256: file.csv.sha256Hex, bytes: file.csv.bytesRead,
            delimiter: file.csv.dialect.delimiterName, encoding: file.csv.dialect.encoding.rawValue,
            hasByteOrderMark: file.csv.dialect.hasByteOrderMark, decimalSeparator: file.decimalSeparator,
            dateFormat: dateFormat?.format, dateFormatOrigin: dateFormat?.origin,
            headerText: file.csv.headerText, counts: counts,
            ignoredColumns: file.ignoredColumns, lines: file.csv.linesRead, endsWithLineFeed: file.csv.endsWithLineFeed,
            resumedFrom: resumedFrom, readPastPrefix: counts.read - readInPrefix, warnings: warnings, rejections: rejections)
    }

    /// Where to go on reading a sales file: after the bytes of its last import, when it starts with
    /// exactly them (same length and SHA-256 of the prefix), they ended a line, and the dialect is the
    /// same. Any other change (an edited, truncated or older file) gets nil: the whole file is compared.
    private func resumePoint(_ source: ImportSource, url: URL, csv: CSVFile) throws(ImportError) -> ResumePoint? {
        let previous: PreviousFileImport?
        do {
            previous = try database.previousImport(of: source.kind, source: source.path)
        } catch {
            throw .database(VentesDatabase.message(error))
        }
        guard let previous, previous.endsWithLineFeed, previous.bytes > 0,
              previous.delimiter == csv.dialect.delimiterName,
              previous.encoding == csv.dialect.encoding.rawValue
        else { return nil }
        let hasher: SHA256?
        do {
            hasher = try ByteStream.hashPrefix(of: url, length: previous.bytes)
        } catch {
            throw .unreadable(source: source.path, reason: error.localizedDescription)
        }
        guard let hasher, hasher.finalize().hexString == previous.sha256 else { return nil }
        logger.debug("\(source.path): starts with the \(previous.bytes) bytes of import #\(previous.importID); reading the rest")
        return ResumePoint(previous: previous, hasher: hasher)
    }

    private func nextBatch(_ reader: SaleReader, _ file: OpenedFile) throws(ImportError) -> SaleReader.Batch? {
        do {
            return try reader.next()
        } catch {
            throw ImportError(error, source: file.source.path)
        }
    }

    private func nextRecord(_ file: OpenedFile) throws(ImportError) -> CSVRecord? {
        do {
            return try file.csv.nextRecord()
        } catch {
            throw ImportError(error, source: file.source.path)
        }
    }
}

/// Prices sales at the current product price and checks that their product and store exist.
///
/// Ids are compared byte for byte (`ExactText`), as the database compares them: the import's
/// transaction writes sales without SQLite's foreign key checks, on the strength of this lookup.
/// (Both sides are in NFC, as read and as stored: an id written decomposed finds its product.)
struct SalePricing: Sendable {
    private let prices: [ExactText: Cents]
    private let stores: Set<ExactText>
    /// Why an unknown product or store is refused, with the nearest known id.
    private let unknownProducts: UnknownIDReasons
    private let unknownStores: UnknownIDReasons
    /// `prices` and `stores` again for the usual short ASCII identifiers, found without hashing
    /// Strings (two String hashes were a fifth of the reading thread's time); a miss asks them.
    private let shortPrices: ShortASCIIKeyTable<Cents>
    private let shortStores: ShortASCIIKeyTable<Bool>

    init(session: ImportSession) throws {
        let prices = try session.currentPrices()
        let stores = try session.storeIDs()
        self.prices = Dictionary(prices.map { (ExactText($0.id), $0.price) }, uniquingKeysWith: { first, _ in first })
        self.stores = Set(stores.map(ExactText.init))
        unknownProducts = UnknownIDReasons(known: prices.map(\.id), noun: "product")
        unknownStores = UnknownIDReasons(known: stores, noun: "store")
        shortPrices = ShortASCIIKeyTable(prices.lazy.map { (key: $0.id, value: $0.price) })
        shortStores = ShortASCIIKeyTable(stores.lazy.map { (key: $0, value: true) })
    }

    func unitPrice(of sale: SaleRow) throws(RowParser.Rejection) -> Cents {
        guard let price = shortPrices.value(for: sale.productID) ?? prices[ExactText(sale.productID)] else {
            throw RowParser.Rejection(reason: unknownProducts.reason(for: sale.productID), dependsOnData: true)
        }
        guard shortStores.value(for: sale.storeID) != nil || stores.contains(ExactText(sale.storeID)) else {
            throw RowParser.Rejection(reason: unknownStores.reason(for: sale.storeID), dependsOnData: true)
        }
        guard !Int64(sale.quantity).multipliedReportingOverflow(by: price.value).overflow else {
            throw RowParser.Rejection(reason: "quantity \(sale.quantity) at \(price) a unit is a revenue too large to count; check the quantity",
                                      dependsOnData: false)
        }
        return price
    }
}
