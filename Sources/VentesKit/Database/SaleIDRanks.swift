/// The ids of the stores, or of the products, numbered in the order `sale`'s key sorts them (their
/// bytes, compared as SQLite's BINARY collation and PostgreSQL's "C" collation do), so that sales
/// sort on integers (and are spilled as numbers by the SQLite staging); and the bytes of each id
/// back, to write the sales.
///
/// Built from the database inside the import's transaction (`SaleIDRanks+SQLite`, or the ids a
/// PostgreSQL store reads in the "C" collation's order): every sale the importer writes names a
/// store and a product it found there (it prices the sale with them). Ids are matched byte for
/// byte, never as Unicode-equivalent Strings.
struct SaleIDRanks {
    /// Every id's bytes, end to end, in rank order.
    private var bytes: [UInt8] = []
    /// Where id `rank` ends in `bytes`.
    private var ends: [Int] = []
    /// Open addressing, linear probing: rank + 1 for a taken slot, 0 for an empty one.
    private var slots: [UInt32] = []
    /// The ids as Strings, made when first asked for (to take a duplicate out of the totals).
    private var strings: [String?] = []

    /// `bytes`, the ids end to end in rank order (ascending bytes), id `rank` ending at `ends[rank]`.
    init(bytes: [UInt8], ends: [Int]) {
        precondition(ends.count < Int(UInt32.max), "fewer than 2^32 stores or products")
        self.bytes = bytes
        self.ends = ends
        strings = Array(repeating: nil, count: ends.count)
        var capacity = 16
        while capacity < ends.count * 2 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        for rank in ends.indices {
            bytes.withUnsafeBytes { all in
                let id = UnsafeRawBufferPointer(rebasing: all[range(of: rank)])
                var slot = Self.hash(id) & (capacity - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
                slots[slot] = UInt32(rank + 1)
            }
        }
    }

    /// `ids`, in any order, ranked by their bytes.
    init(ids: [String]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for id in ids.map({ Array($0.utf8) }).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            bytes += id
            ends.append(bytes.count)
        }
        self.init(bytes: bytes, ends: ends)
    }

    /// How many ids.
    var count: Int { ends.count }

    /// The rank of the id whose bytes are `id`; nil when no store (product) has it.
    func rank(of id: UnsafeRawBufferPointer) -> UInt32? {
        let mask = slots.count - 1
        var slot = Self.hash(id) & mask
        return bytes.withUnsafeBytes { all in
            while true {
                let taken = slots[slot]
                if taken == 0 { return nil }
                let rank = Int(taken - 1)
                if UnsafeRawBufferPointer(rebasing: all[range(of: rank)]).elementsEqual(id) { return UInt32(rank) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Calls `body` with the bytes of the id of rank `rank`.
    func withID<Result>(_ rank: UInt32, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes { all in try body(UnsafeRawBufferPointer(rebasing: all[range(of: Int(rank))])) }
    }

    /// The id of rank `rank`, as a String.
    mutating func string(_ rank: UInt32) -> String {
        if let string = strings[Int(rank)] { return string }
        let string = withID(rank) { String(decoding: $0, as: UTF8.self) }
        strings[Int(rank)] = string
        return string
    }

    private func range(of rank: Int) -> Range<Int> {
        (rank == 0 ? 0 : ends[rank - 1])..<ends[rank]
    }

    /// FNV-1a over the bytes: ids are short, and a few bytes each is all a lookup hashes.
    private static func hash(_ id: UnsafeRawBufferPointer) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
