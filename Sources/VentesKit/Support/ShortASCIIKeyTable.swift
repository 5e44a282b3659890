/// A read-only lookup table for identifiers of 1 to 16 ASCII bytes (`REF00224`, `48`), each
/// packed in two words: a lookup hashes two integers instead of a String.
///
/// It answers only for such keys and only with what it was built from: a nil says "ask the
/// table it was built from", which also knows the other keys. A hit is exact: two ASCII strings
/// are equal exactly when their bytes are.
struct ShortASCIIKeyTable<Value: Sendable>: Sendable {
    private struct Key: Equatable, Sendable {
        var low: UInt64
        var high: UInt64
    }

    /// Open addressing, linear probing; an empty slot holds the all-zero key, which no
    /// identifier packs to (NUL bytes are not packed).
    private var keys: [Key]
    private var values: [Value?]
    private let shift: UInt64

    init(_ entries: some Sequence<(key: String, value: Value)>) {
        let packed = entries.compactMap { entry in Self.pack(entry.key).map { ($0, entry.value) } }
        var capacity = 2
        while capacity < packed.count * 2 { capacity *= 2 }
        keys = Array(repeating: Key(low: 0, high: 0), count: capacity)
        values = Array(repeating: nil, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        for (key, value) in packed {
            var slot = slot(of: key)
            while keys[slot] != Key(low: 0, high: 0) { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            values[slot] = value
        }
    }

    /// The value of `text` when it is a key of at most 16 ASCII bytes in the table; nil otherwise.
    func value(for text: String) -> Value? {
        guard let key = Self.pack(text) else { return nil }
        let mask = keys.count - 1
        var slot = slot(of: key)
        while true {
            let candidate = keys[slot]
            if candidate == key { return values[slot] }
            if candidate == Key(low: 0, high: 0) { return nil }
            slot = (slot + 1) & mask
        }
    }

    private func slot(of key: Key) -> Int {
        // Multiplicative hashing: the top bits of the product depend on every byte.
        let mixed = (key.low ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> shift)
    }

    /// `text`'s bytes in two little-endian words, or nil when it is empty, longer than 16 bytes,
    /// or holds a NUL or a byte beyond ASCII.
    private static func pack(_ text: String) -> Key? {
        let key = text.utf8.withContiguousStorageIfAvailable { bytes -> Key? in
            guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
            var key = Key(low: 0, high: 0)
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte != 0, byte < 0x80 else { return nil }
                if index < 8 {
                    key.low |= UInt64(byte) << (8 * UInt64(index))
                } else {
                    key.high |= UInt64(byte) << (8 * UInt64(index - 8))
                }
            }
            return key
        }
        return key ?? nil
    }
}
