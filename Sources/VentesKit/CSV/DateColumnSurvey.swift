import Foundation

/// Decides the date format of a column from its values, one value at a time (memory stays flat).
///
/// A slash date whose first number is above 12 can only be day-first, one whose second number is
/// above 12 only month-first; when no value settles it the column is ambiguous.
struct DateColumnSurvey {
    /// The first value that proves day-first, and its line.
    private(set) var dayFirstExample: (text: String, line: Int)?
    /// The first value that proves month-first, and its line.
    private(set) var monthFirstExample: (text: String, line: Int)?
    /// The first slash value that could be either, and its line.
    private(set) var ambiguousExample: (text: String, line: Int)?
    /// Whether any value holds a slash: when none does, the slash order cannot change how a row parses.
    private(set) var sawSlash = false

    /// What the values seen so far say.
    enum Verdict: Equatable {
        /// No slash dates at all: ISO (or empty) column.
        case iso
        case settled(DateColumnFormat)
        /// Slash dates, all with both numbers at most 12.
        case ambiguous(example: String, line: Int)
        /// Values prove both orders: the column mixes formats.
        case conflicting(dayFirst: String, dayFirstLine: Int, monthFirst: String, monthFirstLine: Int)
    }

    mutating func observe(_ text: String, line: Int) {
        // Most columns are ISO: no slash, nothing to learn (and no Foundation call on the hot path).
        let hasSlash = text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "/")) }
            ?? text.utf8.contains(UInt8(ascii: "/"))
        guard hasSlash else { return }
        sawSlash = true
        guard let (first, second) = Self.leadingNumbers(text) else { return }
        if first > 12 && second <= 12 {
            if dayFirstExample == nil { dayFirstExample = (text, line) }
        } else if second > 12 && first <= 12 {
            if monthFirstExample == nil { monthFirstExample = (text, line) }
        } else if first <= 12 && second <= 12 {
            if ambiguousExample == nil { ambiguousExample = (text, line) }
        }
    }

    var verdict: Verdict {
        switch (dayFirstExample, monthFirstExample) {
        case let (day?, month?):
            return .conflicting(dayFirst: day.text, dayFirstLine: day.line, monthFirst: month.text, monthFirstLine: month.line)
        case (_?, nil): return .settled(.dayMonthYear)
        case (nil, _?): return .settled(.monthDayYear)
        case (nil, nil):
            if let ambiguous = ambiguousExample { return .ambiguous(example: ambiguous.text, line: ambiguous.line) }
            return .iso
        }
    }

    /// The two numbers before the year of `a/b/yyyy`, or nil when the text is not a slash date.
    private static func leadingNumbers(_ text: String) -> (Int, Int)? {
        let datePart = text.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? ""
        let parts = datePart.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2,
              let first = Int(parts[0]), let second = Int(parts[1]) else { return nil }
        return (first, second)
    }
}
