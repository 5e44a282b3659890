/// Imports a sales file: rows parsed and priced on a reading thread (`SaleReader`), written in
/// batches here; duplicates counted, bad rows quarantined. A resumed file reads only what follows
/// its last import's bytes.
struct SalesFileImporter {
    let file: OpenedFile
    let options: ImportOptions
    let store: any SalesStore

    /// The file into `transaction`. Throws `PendingDialectCheck.Mismatch` when the file, read in
    /// one pass, turns out to have another dialect than assumed (the caller starts over).
    func run(into transaction: any ImportTransaction) throws -> FileImportSummary {
        var tally = FileTally(kind: .sales, source: file.source.path, badRows: options.badRows)
        let pricing = try SalePricing(transaction)
        var resumedFrom: Int64?
        // Checked again inside the transaction: another import may have come in since the file was opened.
        if let resume = file.plan.resumePoint,
           try transaction.previousImport(of: .sales, source: file.source.path)?.importID == resume.previous.importID {
            try takePrefix(of: resume, pricing: pricing, tally: &tally, into: transaction)
            try file.csv.resume(atOffset: resume.previous.bytes, line: resume.previous.lines + 1, hasher: resume.hasher)
            resumedFrom = resume.previous.importID
        }
        let readInPrefix = tally.counts.read
        let reader = SaleReader(file: file.csv, source: file.source.path, store: store, parser: file.parser, pricing: pricing,
                                surveying: file.plan.pendingCheck?.positions)
        reader.start()
        defer { reader.finish() }
        while let batch = try nextBatch(reader) {
            try options.stop?.check()
            tally.read(batch.rowCount)
            tally.countSales(written: batch.sales.count, inserted: try transaction.insertSales(batch.sales))
            try tally.reject(batch.rejected, into: transaction)
            file.reportProgress(options, rows: tally.counts.read, bytes: batch.bytesConsumed)
        }
        var dateFormat = file.dateFormat
        if let check = file.plan.pendingCheck { dateFormat = try decidedDateFormat(check, survey: reader.surveyOfAllRecords) }
        tally.countLateInserts(try transaction.finishSales())
        file.reportFinished(options, rows: tally.counts.read)
        return try file.summary(tally, dateFormat: dateFormat, resumedFrom: resumedFrom,
                                readPastPrefix: tally.counts.read - readInPrefix)
    }

    /// Accounts for the rows of the prefix the last import read. Those it inserted or found
    /// duplicate are duplicates now; a rejected row is rejected again, unless it was refused for an
    /// unknown product or store, which may exist now: that one is read again.
    private func takePrefix(
        of resume: ResumePoint, pricing: SalePricing, tally: inout FileTally, into transaction: any ImportTransaction
    ) throws {
        let previous = resume.previous
        tally.read(previous.read)
        tally.countDuplicates(previous.read - previous.rejected)
        for row in try transaction.quarantinedRows(importID: previous.importID, kind: .sales, source: file.source.path) {
            guard row.dependsOnData,
                  let record = try CSVFile.record(fromText: row.rawText, line: row.line, delimiter: file.csv.dialect.delimiter)
            else {
                try tally.reject(QuarantinedRow(kind: .sales, source: row.source, line: row.line, rawText: row.rawText,
                                                reason: row.reason), into: transaction)
                continue
            }
            switch ParsedSale(record, source: file.source.path, parser: file.parser, pricing: pricing) {
            case .sale(let sale):
                tally.countSales(written: 1, inserted: try transaction.insertSales(store.prepareSales([sale], inDateOrder: true)))
            case .rejected(let rejected):
                try tally.reject(rejected, into: transaction)
            }
        }
    }

    /// The date format the whole file decides, read in one pass; throws `Mismatch` when the rows
    /// were parsed otherwise than it says.
    private func decidedDateFormat(_ check: PendingDialectCheck, survey: ColumnSurvey) throws -> DecidedDateFormat {
        if check.needsWindows1252(survey) { throw PendingDialectCheck.Mismatch() }
        let decided = try FileOpener.resolveDateFormat(file.source, survey: survey.dates, option: check.option) { check.remembered }
        guard check.holds(for: decided, survey: survey.dates) else { throw PendingDialectCheck.Mismatch() }
        return decided
    }

    private func nextBatch(_ reader: SaleReader) throws(ImportError) -> SaleReader.Batch? {
        do {
            return try reader.next()
        } catch {
            throw ImportError(error, source: file.source.path)
        }
    }
}
