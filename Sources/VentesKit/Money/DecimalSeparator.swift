/// The character that separates euros from cents in a file's amounts.
public enum DecimalSeparator: String, Sendable, CaseIterable {
    case dot = "."
    case comma = ","

    /// The other one, which can then only group thousands.
    var grouping: Unicode.Scalar { self == .dot ? "," : "." }
    var scalar: Unicode.Scalar { self == .dot ? "." : "," }
}

/// Decides the decimal separator of a price column from its values, one value at a time.
///
/// `49,99`, `1 234,56` and `1.234,56` say comma; `49.99` and `1,234.56` say dot; `1,234` or
/// `1.234` alone (three digits after a single separator) could be either and say nothing.
struct DecimalSeparatorSurvey {
    private(set) var dotVotes = 0
    private(set) var commaVotes = 0

    mutating func observe(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        let dots = scalars.indices.filter { scalars[$0] == "." }
        let commas = scalars.indices.filter { scalars[$0] == "," }
        switch (dots.last, commas.last) {
        case (nil, nil): return
        case let (dot?, comma?): if dot > comma { dotVotes += 1 } else { commaVotes += 1 }
        case let (dot?, nil): vote(.dot, count: dots.count, digitsAfter: digits(after: dot, in: scalars))
        case let (nil, comma?): vote(.comma, count: commas.count, digitsAfter: digits(after: comma, in: scalars))
        }
    }

    private mutating func vote(_ separator: DecimalSeparator, count: Int, digitsAfter: Int) {
        // Several of the same: they group thousands, so the other one is the decimal separator.
        let decided: DecimalSeparator? = count > 1 ? (separator == .dot ? .comma : .dot)
            : digitsAfter == 3 ? nil : separator
        switch decided {
        case .dot?: dotVotes += 1
        case .comma?: commaVotes += 1
        case nil: break
        }
    }

    private func digits(after index: Int, in scalars: [Unicode.Scalar]) -> Int {
        scalars[(index + 1)...].prefix { (0x30...0x39).contains($0.value) }.count
    }

    /// The separator the values agree on; nil when none says or they disagree (each value then
    /// reads on its own terms).
    var verdict: DecimalSeparator? {
        if commaVotes > 0 && dotVotes == 0 { return .comma }
        if dotVotes > 0 && commaVotes == 0 { return .dot }
        return nil
    }
}
