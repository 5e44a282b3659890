import Foundation

/// The nearest known id to an id the import does not know, for the reason a sale is refused:
/// `unknown product REF009 (5 products known, nearest: REF001)`.
///
/// A sales file can name the same few unknown ids a million times (the export arrived before the
/// new catalogue): the nearest id, an edit distance against every known id, is computed once per
/// distinct id and remembered. The work stays bounded whatever the file holds: an id longer than
/// `maximumLength` characters gets no suggestion (nor is one suggested), and once
/// `maximumSuggestions` distinct ids have had one, the next ones get the count of known ids only.
///
/// Shared by the reading thread and the importer's, hence the lock (never contended in practice:
/// the importer only asks before the reading thread starts).
final class UnknownIDReasons: @unchecked Sendable {
    /// Longer ids are not compared: a suggestion for them would mean nothing, and would cost
    /// their length times every known id's.
    static let maximumLength = 64
    /// Distinct unknown ids that get a suggestion, per file.
    static let maximumSuggestions = 4096

    /// How many ids of the kind the import knows.
    let knownCount: Int
    /// The known ids short enough to be suggested, in sorted order (ties go to the first), and
    /// their Unicode scalars laid end to end.
    private let candidates: [String]
    private let scalars: [UInt32]
    private let candidateEnds: [Int]

    private let lock = NSLock()
    private var suggestions: [ExactText: String] = [:]
    /// One row of the distance table, allocated once.
    private var row: [Int]

    /// - Parameter ids: every id of the kind the import knows.
    init(known ids: [String]) {
        knownCount = ids.count
        var candidates: [String] = []
        var scalars: [UInt32] = []
        var ends: [Int] = []
        for id in ids.sorted() where id.unicodeScalars.count <= Self.maximumLength {
            candidates.append(id)
            scalars.append(contentsOf: id.unicodeScalars.lazy.map(\.value))
            ends.append(scalars.count)
        }
        self.candidates = candidates
        self.scalars = scalars
        candidateEnds = ends
        row = Array(repeating: 0, count: Self.maximumLength + 1)
    }

    /// The known id nearest to `id`, remembered per distinct id; nil when `id` is too long, no
    /// known id is short enough, or `maximumSuggestions` ids have had one already.
    func suggestion(for id: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if let known = suggestions[ExactText(id)] { return known }
        guard suggestions.count < Self.maximumSuggestions, let nearest = nearest(to: id) else { return nil }
        suggestions[ExactText(id)] = nearest
        return nearest
    }

    /// The known id at the smallest edit distance from `id` (the first in sorted order among
    /// equals); nil when `id` is too long or no known id is short enough.
    private func nearest(to id: String) -> String? {
        let target = id.unicodeScalars.map(\.value)
        guard target.count <= Self.maximumLength, !candidates.isEmpty else { return nil }
        var best = Int.max
        var bestIndex = 0
        target.withUnsafeBufferPointer { target in
            scalars.withUnsafeBufferPointer { all in
                row.withUnsafeMutableBufferPointer { row in
                    var start = 0
                    for (index, end) in candidateEnds.enumerated() {
                        defer { start = end }
                        // The distance is at least the difference of the lengths.
                        guard abs((end - start) - target.count) < best else { continue }
                        let candidate = UnsafeBufferPointer(rebasing: all[start..<end])
                        let distance = Self.distance(target, candidate, below: best, row: row)
                        if distance < best {
                            best = distance
                            bestIndex = index
                            if best == 0 { return }
                        }
                    }
                }
            }
        }
        return candidates[bestIndex]
    }

    /// The edit distance (insertions, deletions, substitutions) between `a` and `b`, when it is
    /// below `limit`; else some value at least `limit` (the computation stops as soon as it is sure).
    /// `row` holds at least `b.count + 1` integers.
    static func distance(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, below limit: Int,
        row: UnsafeMutableBufferPointer<Int>
    ) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        for j in 0...b.count { row[j] = j }
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            var smallest = i
            let scalar = a[i - 1]
            for j in 1...b.count {
                let above = row[j]
                let value = Swift.min(above + 1, row[j - 1] + 1, diagonal + (scalar == b[j - 1] ? 0 : 1))
                row[j] = value
                diagonal = above
                if value < smallest { smallest = value }
            }
            // Every later cell is at least the smallest of this row.
            if smallest >= limit { return smallest }
        }
        return row[b.count]
    }
}
