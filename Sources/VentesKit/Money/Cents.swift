/// An amount of money in integer cents: never a floating-point number.
///
/// Parses what spreadsheets write ("49.99", "49,99", "1 234,56", "49") and renders
/// with exactly two decimals ("5268.78"), so sums stay exact to the cent.
public struct Cents: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }

    /// Why a text is not an amount, in words for the person who wrote it.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case notANumber(String)
        case tooManyDecimals(String)
        case negative(String)
        case tooLarge(String)

        public var description: String {
            switch self {
            case .empty: return "price is empty"
            case .notANumber(let text): return "price \"\(text)\" is not a number"
            case .tooManyDecimals(let text): return "price \"\(text)\" has more than 2 decimals"
            case .negative(let text): return "price \"\(text)\" is negative"
            case .tooLarge(let text): return "price \"\(text)\" is too large"
            }
        }
    }

    /// Parses a non-negative amount written with `.` or `,` as decimal separator.
    ///
    /// Spaces, no-break spaces (U+00A0, U+202F) and apostrophes between digit groups are
    /// thousands separators. When both `.` and `,` appear, the last one is the decimal
    /// separator ("1.234,56" and "1,234.56" are both 123456 cents). A currency sign
    /// (€) at either end is ignored. A group after a thousands separator has exactly 3 digits.
    ///
    /// With `decimalSeparator` given (the file's, once detected), the other character can only
    /// group thousands: "1.234" is then 1234 euros with a comma separator.
    public static func parse(_ text: String, decimalSeparator: DecimalSeparator? = nil) throws(ParseError) -> Cents {
        var scalars = Array(text.unicodeScalars)
        func isBlank(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\u{00A0}" || s == "\u{202F}" || s == "\t" || s == "€"
        }
        while let first = scalars.first, isBlank(first) { scalars.removeFirst() }
        while let last = scalars.last, isBlank(last) { scalars.removeLast() }
        if scalars.isEmpty { throw .empty }
        if scalars.first == "-" { throw .negative(text) }
        if scalars.first == "+" { scalars.removeFirst() }

        let lastDot = scalars.lastIndex(of: ".")
        let lastComma = scalars.lastIndex(of: ",")
        let decimalIndex: Int?
        if let separator = decimalSeparator {
            let positions = scalars.indices.filter { scalars[$0] == separator.scalar }
            if positions.count > 1 { throw .notANumber(text) }
            decimalIndex = positions.first
        } else {
            switch (lastDot, lastComma) {
            case (nil, nil): decimalIndex = nil
            case (let dot?, nil):
                // "1.234.567" has several dots: they group thousands.
                decimalIndex = scalars.filter { $0 == "." }.count > 1 ? nil : dot
            case (nil, let comma?):
                decimalIndex = scalars.filter { $0 == "," }.count > 1 ? nil : comma
            case (let dot?, let comma?): decimalIndex = max(dot, comma)
            }
        }

        var units: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawDigit = false
        // Digits since the last thousands separator, nil before the first one.
        var groupDigits: Int?
        for (index, scalar) in scalars.enumerated() {
            if index == decimalIndex {
                if let group = groupDigits, group != 3 { throw .notANumber(text) }
                groupDigits = nil
                continue
            }
            if (0x30...0x39).contains(scalar.value) {
                let d = Int64(scalar.value - 0x30)
                sawDigit = true
                if let decimal = decimalIndex, index > decimal {
                    fractionDigits += 1
                    if fractionDigits > 2 {
                        if d != 0 { throw .tooManyDecimals(text) }
                        continue
                    }
                    fraction = fraction * 10 + d
                } else {
                    if let group = groupDigits { groupDigits = group + 1 }
                    let (times, overflow1) = units.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times.addingReportingOverflow(d)
                    if overflow1 || overflow2 || sum > Int64.max / 1000 { throw .tooLarge(text) }
                    units = sum
                }
            } else if scalar == " " || scalar == "\u{00A0}" || scalar == "\u{202F}" || scalar == "'"
                        || scalar == "." || scalar == "," {
                // Thousands separator: only between digits of the integer part.
                if let decimal = decimalIndex, index > decimal { throw .notANumber(text) }
                if !sawDigit { throw .notANumber(text) }
                if let group = groupDigits, group != 3 { throw .notANumber(text) }
                groupDigits = 0
            } else {
                throw .notANumber(text)
            }
        }
        if !sawDigit { throw .notANumber(text) }
        if let group = groupDigits, group != 3 { throw .notANumber(text) }
        if fractionDigits == 1 { fraction *= 10 }
        return Cents(units * 100 + fraction)
    }

    /// The amount with two decimals and a dot: `5268.78`, `-0.05`.
    public var description: String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The amount grouped by thousands with the given separators: `5 268,78` or `5,268.78`.
    public func formatted(decimalSeparator: String, groupingSeparator: String) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let fraction = magnitude % 100
        var digits = Array(String(magnitude / 100))
        var grouped = ""
        while digits.count > 3 {
            grouped = groupingSeparator + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        return "\(sign)\(grouped)\(decimalSeparator)\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
