/// Reads the sorted runs of a `SaleRunFile` back as one sequence in the table's key order (then by
/// line): a k-way merge over a binary heap of the runs' heads, each run read through a buffer of
/// its own, so memory stays `windowBytes` a run whatever the number of sales.
struct SaleRunMerger {
    /// One run being read: a window of its bytes and the sale at its head.
    private struct Cursor {
        var buffer: [UInt8]
        /// The bytes of the window that hold data, and where the head sale starts among them.
        var filled = 0
        var position = 0
        /// Where the window's next bytes come from in the file, and where the run ends.
        var fileOffset: Int64
        let end: Int64
        var head = StagedSale(dayAndStore: 0, productRank: 0, saleRefLength: 0, quantity: 0, unitPrice: 0, line: 0)

        var headRef: Range<Int> { (position + saleSize)..<(position + saleSize + Int(head.saleRefLength)) }
    }

    private static let saleSize = MemoryLayout<StagedSale>.size
    private let file: SaleRunFile
    private var cursors: [Cursor]
    /// Indices of the cursors that still have a head, as a min-heap on their heads.
    private var heap: [Int] = []

    init(_ file: SaleRunFile, windowBytes: Int) throws {
        self.file = file
        cursors = file.runs.map { Cursor(buffer: [UInt8](repeating: 0, count: windowBytes), fileOffset: $0.lowerBound, end: $0.upperBound) }
        for index in cursors.indices where try load(index) {
            heap.append(index)
            siftUp(heap.count - 1)
        }
    }

    /// The next sale, its sale id copied into `saleRef`; nil at the end.
    mutating func next(saleRef: inout [UInt8]) throws -> StagedSale? {
        guard let top = heap.first else { return nil }
        let sale = cursors[top].head
        saleRef.removeAll(keepingCapacity: true)
        if sale.saleRefLength > 0 {
            let range = cursors[top].headRef
            cursors[top].buffer.withUnsafeBytes { saleRef.append(contentsOf: $0[range]) }
        }
        cursors[top].position = cursors[top].headRef.upperBound
        if try load(top) {
            siftDown(0)
        } else {
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
            if !heap.isEmpty { siftDown(0) }
        }
        return sale
    }

    /// Decodes the sale at cursor `index`'s position into its head, reading more of the run when
    /// the window does not hold all of it; false when the run is over.
    private mutating func load(_ index: Int) throws -> Bool {
        func available() -> Int { cursors[index].filled - cursors[index].position }
        if available() < Self.saleSize {
            try refill(index)
            if available() == 0 { return false }
            precondition(available() >= Self.saleSize, "a staging run holds whole sales")
        }
        let position = cursors[index].position
        cursors[index].head = cursors[index].buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: StagedSale.self) }
        let needed = Self.saleSize + Int(cursors[index].head.saleRefLength)
        if available() < needed {
            if needed > cursors[index].buffer.count { cursors[index].buffer += [UInt8](repeating: 0, count: needed) }
            try refill(index)
            precondition(available() >= needed, "a staging run holds whole sales")
        }
        return true
    }

    /// Moves the unread bytes of cursor `index` to the front of its window and fills the rest from the file.
    private mutating func refill(_ index: Int) throws {
        // Scalars only: a copy of the cursor would share its buffer and make the write below copy it.
        let position = cursors[index].position, fileOffset = cursors[index].fileOffset
        let unread = cursors[index].filled - position
        let wanted = min(Int64(cursors[index].buffer.count - unread), cursors[index].end - fileOffset)
        var read = 0
        guard wanted > 0 else { return }
        let file = file
        try cursors[index].buffer.withUnsafeMutableBytes { bytes in
            if unread > 0 && position > 0 {
                bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + position, byteCount: unread)
            }
            while read < Int(wanted) {
                let target = UnsafeMutableRawBufferPointer(rebasing: bytes[(unread + read)..<(unread + Int(wanted))])
                let count = try file.read(into: target, at: fileOffset + Int64(read))
                precondition(count > 0, "a staging run is as long as it was written")
                read += count
            }
        }
        cursors[index].position = 0
        cursors[index].filled = unread + read
        cursors[index].fileOffset += Int64(read)
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        let x = cursors[a].head, y = cursors[b].head
        // The common case without touching the buffers: keys that differ before the sale id, or no sale ids.
        if x.dayAndStore != y.dayAndStore { return x.dayAndStore < y.dayAndStore }
        if x.productRank != y.productRank { return x.productRank < y.productRank }
        if x.quantity != y.quantity { return x.quantity < y.quantity }
        if x.saleRefLength | y.saleRefLength == 0 { return x.line < y.line }
        return cursors[a].buffer.withUnsafeBytes { aBytes in
            cursors[b].buffer.withUnsafeBytes { bBytes in
                StagedSale.precedes(cursors[a].head, UnsafeRawBufferPointer(rebasing: aBytes[cursors[a].headRef]),
                                    cursors[b].head, UnsafeRawBufferPointer(rebasing: bBytes[cursors[b].headRef]))
            }
        }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count && precedes(heap[left + 1], heap[left]) { smallest = left + 1 }
            guard precedes(heap[smallest], heap[parent]) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }
}
