/// Where each needed column sits in a file's header: columns are found by name, never by position.
public struct HeaderMap: Sendable {
    /// A handful of columns: a linear search of short strings beats hashing on the per-row path.
    private var indexByColumn: [(name: String, index: Int)]
    /// Header fields that match no column: ignored, and reported once.
    public let ignoredColumns: [String]

    /// Why a header cannot be used.
    public enum Problem: Error, Equatable {
        case missingColumn(name: String, found: [String], suggestion: String?)
        case ambiguousColumn(name: String, headers: [String])
    }

    /// Matches `header` against `specs`; throws when a required column is missing or matched twice.
    public init(header: [String], specs: [ColumnSpec]) throws(Problem) {
        let normalized = header.map(HeaderName.normalize)
        var indexByColumn: [(name: String, index: Int)] = []
        var used = Set<Int>()
        for spec in specs {
            let matches = normalized.indices.filter { spec.aliases.contains(normalized[$0]) && !used.contains($0) }
            if matches.count > 1 {
                throw .ambiguousColumn(name: spec.name, headers: matches.map { header[$0] })
            }
            if let match = matches.first {
                indexByColumn.append((spec.name, match))
                used.insert(match)
            } else if spec.isRequired {
                let unused = header.indices.filter { !used.contains($0) }
                let suggestion = unused.min { lhs, rhs in
                    Self.closeness(normalized[lhs], spec) < Self.closeness(normalized[rhs], spec)
                }.flatMap { index in
                    Self.closeness(normalized[index], spec) <= max(2, normalized[index].count / 3) ? header[index] : nil
                }
                throw .missingColumn(name: spec.name, found: header, suggestion: suggestion)
            }
        }
        self.indexByColumn = indexByColumn
        self.ignoredColumns = header.indices
            .filter { !used.contains($0) && !normalized[$0].isEmpty }
            .map { header[$0] }
    }

    /// The position of `column` in the header, if the file has it.
    public func index(of column: ColumnSpec) -> Int? {
        indexByColumn.first { $0.name == column.name }?.index
    }


    private static func closeness(_ header: String, _ spec: ColumnSpec) -> Int {
        spec.aliases.map { HeaderName.distance(header, $0) }.min() ?? Int.max
    }
}
