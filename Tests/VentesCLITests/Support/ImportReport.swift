import Foundation

/// The JSON `ventes import --format json` prints, decoded.
struct ImportReport: Decodable {
    struct Rejection: Decodable, Equatable {
        let line: Int
        let reason: String
        let raw: String
    }

    /// The counters of one file; `updated`/`unchanged` for stores and products, `duplicates` for sales.
    struct FileCounters: Decodable {
        let read: Int
        let inserted: Int
        let updated: Int?
        let unchanged: Int?
        let duplicates: Int?
        let rejected: Int
        let source: String
        let delimiter: String
        let encoding: String
        let warnings: [String]
        let rejections: [Rejection]
        /// Sales only: the import whose bytes the file started with, and the rows read after them.
        let resumedFromImport: Int?
        let readPastPrefix: Int?

        private enum CodingKeys: String, CodingKey {
            case read, inserted, updated, unchanged, duplicates, rejected, source, delimiter, encoding, warnings, rejections
            case resumedFromImport = "resumed_from_import"
            case readPastPrefix = "read_past_prefix"
        }

        /// True when every row read is accounted for, as the issue requires.
        var isBalanced: Bool {
            read == inserted + (updated ?? 0) + (unchanged ?? 0) + (duplicates ?? 0) + rejected
        }
    }

    let stores: FileCounters?
    let products: FileCounters?
    let sales: FileCounters?
    let importID: Int

    private enum CodingKeys: String, CodingKey {
        case stores, products, sales
        case importID = "import_id"
    }

    /// Decodes the stdout of a successful `import --format json`.
    static func parse(_ stdout: String) throws -> ImportReport {
        try JSONDecoder().decode(ImportReport.self, from: Data(stdout.utf8))
    }
}
