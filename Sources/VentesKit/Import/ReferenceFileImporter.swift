/// Imports a stores or products file: each row inserts or updates the store or product of its id.
struct ReferenceFileImporter {
    let file: OpenedFile
    let options: ImportOptions

    /// Every row of the file, in order, into `transaction`.
    func run(into transaction: any ImportTransaction) throws -> FileImportSummary {
        var tally = FileTally(kind: file.source.kind, source: file.source.path, badRows: options.badRows)
        /// Ids the file lists again with other values (the last line wins; each gets a warning).
        var conflicts = ConflictingRows()
        while let record = try file.nextRecord() {
            if RowParser.isBlank(record) { continue }
            tally.read(1)
            switch parse(record, warnings: &tally.warnings) {
            case .success(.store(let store)):
                let earlier = conflicts.isRepeated(store.id, line: record.line) ? try transaction.storedStore(id: store.id) : nil
                tally.count(try transaction.upsertStore(store))
                if let earlier { conflicts.compare(store.id, before: earlier.comparedFields, now: store.comparedFields) }
            case .success(.product(let product)):
                let earlier = conflicts.isRepeated(product.id, line: record.line) ? try transaction.storedProduct(id: product.id) : nil
                tally.count(try transaction.upsertProduct(product))
                if let earlier { conflicts.compare(product.id, before: earlier.comparedFields, now: product.comparedFields) }
            case .failure(let reason):
                try tally.reject(QuarantinedRow(kind: file.source.kind, source: file.source.path, line: record.line,
                                                rawText: record.rawText, reason: reason), into: transaction)
            }
            if tally.counts.read & 0x3FFF == 0 {
                try options.stop?.check()
                file.reportProgress(options, rows: tally.counts.read, bytes: file.csv.bytesConsumed)
            }
        }
        file.reportFinished(options, rows: tally.counts.read)
        tally.warnings += conflicts.warnings(source: file.source.path, noun: file.source.kind == .stores ? "store" : "product")
        return try file.summary(tally, dateFormat: nil, resumedFrom: nil)
    }

    private enum Row {
        case store(StoreRecord)
        case product(ProductRecord)
    }

    /// The store or product of `record`, or why it is refused.
    private func parse(_ record: CSVRecord, warnings: inout [String]) -> Result<Row, RejectionReason> {
        do throws(RejectionReason) {
            switch file.source.kind {
            case .stores: return .success(.store(try store(record, warnings: &warnings)))
            case .products: return .success(.product(try file.parser.product(record)))
            case .sales: preconditionFailure("sales files are imported by SalesFileImporter")
            }
        } catch {
            return .failure(error)
        }
    }

    /// The store of `record`, its region from the built-in map when the file has none for it.
    private func store(_ record: CSVRecord, warnings: inout [String]) throws(RejectionReason) -> StoreRecord {
        var store = try file.parser.store(record)
        if store.region == nil {
            store.region = FrenchRegions.region(ofCity: store.city)
            if store.region == nil {
                warnings.append("\(file.source.path):\(record.line): no region known for city \"\(store.city)\"; add a Région column to give it one")
            }
        }
        return store
    }
}
