extension OpenedFile {
    /// Tells `options.progress` how far the import of this file has gone.
    func reportProgress(_ options: ImportOptions, rows: Int, bytes: Int) {
        options.progress?(ImportProgress(kind: source.kind, source: source.path, rows: rows, bytesRead: bytes,
                                         totalBytes: csv.totalBytes, isFinished: false))
    }

    /// Tells `options.progress` that the file is read to its end.
    func reportFinished(_ options: ImportOptions, rows: Int) {
        options.progress?(ImportProgress(kind: source.kind, source: source.path, rows: rows, bytesRead: csv.bytesConsumed,
                                         totalBytes: csv.totalBytes, isFinished: true))
    }

    /// The next record, or nil at the end of the file.
    func nextRecord() throws(ImportError) -> CSVRecord? {
        do {
            return try csv.nextRecord()
        } catch {
            throw ImportError(error, source: source.path)
        }
    }

    /// What the import of this file did, once it is read to its end.
    func summary(
        _ tally: FileTally, dateFormat: DecidedDateFormat?, resumedFrom: Int64?, readPastPrefix: Int? = nil
    ) throws(ImportError) -> FileImportSummary {
        var warnings = tally.warnings
        if !ignoredColumns.isEmpty {
            let list = ignoredColumns.map { "\"\($0)\"" }.joined(separator: ", ")
            warnings.insert("\(source.path): ignored unknown column(s) \(list)", at: 0)
        }
        let audit = FileAudit(
            kind: source.kind, source: source.path, sha256: csv.sha256Hex, bytes: csv.bytesRead,
            delimiter: csv.dialect.delimiterName, encoding: csv.dialect.encoding.rawValue,
            hasByteOrderMark: csv.dialect.hasByteOrderMark, decimalSeparator: decimalSeparator,
            dateFormat: dateFormat?.format, dateFormatOrigin: dateFormat?.origin, headerText: csv.headerText,
            counts: try tally.balancedCounts(), ignoredColumns: ignoredColumns, lines: csv.linesRead,
            endsWithLineFeed: csv.endsWithLineFeed, resumedFrom: resumedFrom)
        return FileImportSummary(audit: audit, warnings: warnings, rejections: tally.rejections, download: source.download,
                                 readPastPrefix: readPastPrefix)
    }
}
