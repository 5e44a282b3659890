import Foundation

/// The temporary file where the staging spills its sorted runs of sales: created in the
/// temporary directory and unlinked at once, so that it disappears with the process whatever
/// happens; each run a stretch of it, read back by `SaleRunMerger`.
final class SaleRunFile {
    /// A sorted run of sales, in memory until it is written: its sales and their sale ids.
    struct Run {
        struct Entry {
            var sale: StagedSale
            /// Where the sale's id starts in `saleRefs` (`sale.saleRefLength` bytes).
            var saleRefStart: Int
        }

        var entries: [Entry] = []
        var saleRefs: [UInt8] = []

        var count: Int { entries.count }

        mutating func append(_ sale: StagedSale, saleRef: UnsafeRawBufferPointer) {
            entries.append(Entry(sale: sale, saleRefStart: saleRefs.count))
            saleRefs.append(contentsOf: saleRef)
        }

        /// Sorts the entries from `start` on in the table's key order (then by line). Sorting each
        /// batch as it comes, then the whole run, costs less than one sort of the run: the sort
        /// finds the sorted stretches and only merges them.
        mutating func sort(from start: Int = 0) {
            saleRefs.withUnsafeBytes { refs in
                func ref(_ entry: Entry) -> UnsafeRawBufferPointer {
                    UnsafeRawBufferPointer(rebasing: refs[entry.saleRefStart..<(entry.saleRefStart + Int(entry.sale.saleRefLength))])
                }
                entries[start...].sort { StagedSale.precedes($0.sale, ref($0), $1.sale, ref($1)) }
            }
        }

        /// Entries `range` of the run as the run file holds them: each sale's forty bytes, then its sale id.
        func serialize(_ range: Range<Int>, into bytes: inout [UInt8]) {
            saleRefs.withUnsafeBytes { refs in
                for entry in entries[range] {
                    withUnsafeBytes(of: entry.sale) { bytes.append(contentsOf: $0) }
                    if entry.sale.saleRefLength > 0 {
                        bytes.append(contentsOf: refs[entry.saleRefStart..<(entry.saleRefStart + Int(entry.sale.saleRefLength))])
                    }
                }
            }
        }

        mutating func removeAll() {
            entries.removeAll(keepingCapacity: true)
            saleRefs.removeAll(keepingCapacity: true)
        }
    }

    /// The directory the file was made in (for error messages).
    let directory: String
    private let descriptor: Int32
    /// Each run's bytes in the file.
    private(set) var runs: [Range<Int64>] = []
    private var size: Int64 = 0
    private var buffer: [UInt8] = []

    /// Bytes written at once.
    private static let writeSize = 1 << 20

    init(directory: URL) throws {
        self.directory = directory.path
        var template = Array(directory.appendingPathComponent("ventes-sales-XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Self.failure("cannot create a staging file for the sales in", directory.path) }
        self.descriptor = descriptor
        // Unlinked now: the open descriptor keeps it until the import ends, and nothing is left behind.
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        buffer.reserveCapacity(Self.writeSize + 4096)
    }

    deinit { close(descriptor) }

    /// Writes `run` (sorted) at the end of the file.
    func write(_ run: Run) throws {
        let start = size
        var first = 0
        while first < run.entries.count {
            // About a megabyte at a time.
            let end = min(first + Self.writeSize / MemoryLayout<StagedSale>.size, run.entries.count)
            run.serialize(first..<end, into: &buffer)
            try flush()
            first = end
        }
        runs.append(start..<size)
    }

    /// Reads up to `into.count` bytes at `offset`; how many were read.
    func read(into target: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        while true {
            let count = pread(descriptor, target.baseAddress, target.count, off_t(offset))
            if count >= 0 { return count }
            if errno != EINTR { throw Self.failure("cannot read the staging file for the sales in", directory) }
        }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let count = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw Self.failure("cannot write the staging file for the sales in", directory) }
                written += count
            }
        }
        size += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func failure(_ what: String, _ directory: String) -> StoreFailure {
        StoreFailure(message: "\(what) \(directory): \(String(cString: strerror(errno))) (a sales file not in date order is "
                     + "sorted there before it is written, about 40 bytes a sale; TMPDIR names another directory)")
    }
}
