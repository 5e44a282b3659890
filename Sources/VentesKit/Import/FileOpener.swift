import Crypto
import Foundation
import Logging

/// A file opened for import: its records, how to parse them, and how it is to be read.
struct OpenedFile {
    let source: ImportSource
    let csv: CSVFile
    let parser: RowParser
    let ignoredColumns: [String]
    /// How the prices were read (products only).
    let decimalSeparator: DecimalSeparator?
    /// The sales file's date format, when decided before reading it (else the plan's pending check decides it).
    let dateFormat: DecidedDateFormat?
    let plan: ImportPlan
}

/// Opens the files of an import before it takes the write lock: dialect, header, columns, the
/// survey of what must be decided from all the values, and the plan. A file that cannot be used
/// fails here, and the store is never touched.
struct FileOpener {
    let store: any SalesStore
    let options: ImportOptions
    let logger: Logger

    /// Opens `source` (which must be readable: a local file or a downloaded URL).
    func open(_ source: ImportSource, singlePass: ImportPlan.SinglePass) throws(ImportError) -> OpenedFile {
        guard let path = source.readablePath else {
            throw .unreadable(source: source.path, reason: "the URL was not downloaded")
        }
        let url = URL(fileURLWithPath: path)
        var csv = try openCSV(source, url: url, delimiter: options.delimiter, encoding: options.encoding)
        var header = try headerMap(source, csv)
        let surveysDates = source.kind == .sales && options.dateFormat == nil
        let surveysPrices = source.kind == .products && options.decimalSeparator == nil
        // UTF-8 was guessed from the start of the file only: the survey checks the rest.
        let checksEncoding = options.encoding == nil && csv.dialect.encoding == .utf8 && !csv.dialect.hasByteOrderMark
            && !csv.sampleIsWholeFile
        var plan = try ImportPlan.decide(
            kind: source.kind, resume: source.kind == .sales ? try resumePoint(source, url: url, csv: csv) : nil,
            singlePass: singlePass, options: options, checksEncoding: checksEncoding
        ) { () throws(ImportError) in
            PendingDialectCheck(positions: ColumnSurvey.Positions(header), checksEncoding: checksEncoding, option: options.dateFormat,
                                remembered: surveysDates ? try rememberedDateFormat(source, csv: csv) : nil)
        }
        var survey = ColumnSurvey()
        if plan.pendingCheck == nil && (surveysDates || surveysPrices || checksEncoding) {
            survey = try surveyColumns(source, url: url, csv: csv, header: header, from: plan.resumePoint)
            if plan.resumePoint != nil && survey.undecodableRecords > 0 {
                // The new rows may change the encoding of the whole file: compare it in full.
                plan = .surveyFirst
                survey = try surveyColumns(source, url: url, csv: csv, header: header, from: nil)
            }
            if checksEncoding && survey.showsWindows1252 {
                csv = try openCSV(source, url: url, delimiter: csv.dialect.delimiter, encoding: .windows1252)
                header = try headerMap(source, csv)
                survey = try surveyColumns(source, url: url, csv: csv, header: header, from: nil)
            }
        }
        var dateFormat: DecidedDateFormat?
        if source.kind == .sales && plan.pendingCheck == nil {
            if let point = plan.resumePoint, let format = point.dateFormat(tail: survey.dates, option: options.dateFormat) {
                dateFormat = format
            } else {
                if plan.resumePoint != nil {
                    // The new rows decide the date column differently: compare the whole file.
                    plan = .surveyFirst
                    survey = try surveyColumns(source, url: url, csv: csv, header: header, from: nil)
                }
                dateFormat = try Self.resolveDateFormat(source, survey: survey.dates, option: options.dateFormat) {
                    () throws(ImportError) in try rememberedDateFormat(source, csv: csv)
                }
            }
        }
        let parseFormat = plan.pendingCheck?.assumedParseFormat ?? dateFormat.map(PendingDialectCheck.parseFormat(for:))
        let parser = RowParser(header: header, fieldCount: csv.header.count, dateFormat: parseFormat ?? .dayMonthYear,
                               decimalSeparator: options.decimalSeparator ?? survey.prices.verdict)
        return OpenedFile(
            source: source, csv: csv, parser: parser, ignoredColumns: header.ignoredColumns,
            decimalSeparator: source.kind == .products ? options.decimalSeparator ?? survey.prices.verdict ?? .dot : nil,
            dateFormat: dateFormat, plan: plan)
    }

    /// The date format of a sales file: the option, else the file's values, else an earlier import's.
    static func resolveDateFormat(
        _ source: ImportSource, survey: DateColumnSurvey, option: DateColumnFormat?,
        remembered: () throws(ImportError) -> DateColumnFormat?
    ) throws(ImportError) -> DecidedDateFormat {
        if let format = option { return DecidedDateFormat(format: format, origin: .option) }
        switch survey.verdict {
        case .iso: return DecidedDateFormat(format: .iso, origin: .detected)
        case .settled(let format): return DecidedDateFormat(format: format, origin: .detected)
        case let .conflicting(dayFirst, dayFirstLine, monthFirst, monthFirstLine):
            throw .conflictingDateFormats(source: source.path, dayFirst: dayFirst, dayFirstLine: dayFirstLine,
                                          monthFirst: monthFirst, monthFirstLine: monthFirstLine)
        case let .ambiguous(example, line):
            guard let remembered = try remembered() else {
                throw .ambiguousDateFormat(source: source.path, line: line, example: example)
            }
            return DecidedDateFormat(format: remembered, origin: .remembered)
        }
    }

    private func openCSV(_ source: ImportSource, url: URL, delimiter: UInt8?, encoding: TextEncoding?) throws(ImportError) -> CSVFile {
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
        _ source: ImportSource, url: URL, csv: CSVFile, header: HeaderMap, from resume: ResumePoint?
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

    /// The date format an earlier import of this source (or of a file with the same header) settled.
    private func rememberedDateFormat(_ source: ImportSource, csv: CSVFile) throws(ImportError) -> DateColumnFormat? {
        do {
            return try store.rememberedDateFormat(kind: source.kind, source: source.path, headerText: csv.headerText)
        } catch {
            throw .database(StoreFailure(wrapping: error))
        }
    }

    /// Where to go on reading a sales file: after the bytes of its last import, when it starts with
    /// exactly them (same length and SHA-256 of the prefix), they ended a line, and the dialect is the
    /// same. Any other change (an edited, truncated or older file) gets nil: the whole file is compared.
    private func resumePoint(_ source: ImportSource, url: URL, csv: CSVFile) throws(ImportError) -> ResumePoint? {
        let previous: PreviousFileImport?
        do {
            previous = try store.previousImport(of: source.kind, source: source.path)
        } catch {
            throw .database(StoreFailure(wrapping: error))
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
}
