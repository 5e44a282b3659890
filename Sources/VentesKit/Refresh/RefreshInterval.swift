import Foundation

/// How often the refresh service runs a cycle: a duration written as people write it, `30s`,
/// `15m`, `1h`, `1h30m`, `500ms` or `1d`.
public struct RefreshInterval: Sendable, Equatable, CustomStringConvertible {
    /// Why a text is not a duration: the text and what is wrong.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let value: String
        public let reason: String

        public var description: String {
            "\"\(value)\" is not a refresh interval: \(reason); write a duration such as 30s, 15m, 1h or 1h30m"
        }
    }

    /// The interval used when none is configured.
    public static let defaultText = "15m"

    public let milliseconds: Int64

    public var seconds: TimeInterval { Double(milliseconds) / 1000 }

    public init(milliseconds: Int64) {
        precondition(milliseconds > 0, "an interval is positive")
        self.milliseconds = milliseconds
    }

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ]

    /// Reads `text`: one or more number-and-unit pairs (`ms`, `s`, `m`, `h`, `d`), largest first or
    /// not, adding up to more than zero and at most a year.
    public init(parsing text: String) throws(Problem) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { throw Problem(value: text, reason: "it is empty") }
        var rest = Substring(trimmed)
        var total: Int64 = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else {
                throw Problem(value: text, reason: "expected a number at \"\(rest)\"")
            }
            rest = rest.dropFirst(digits.count)
            let unitText = rest.prefix { $0.isLetter }
            guard !unitText.isEmpty else {
                throw Problem(value: text, reason: "\(digits) has no unit (ms, s, m, h or d)")
            }
            guard let unit = Self.units.first(where: { $0.suffix == unitText }) else {
                throw Problem(value: text, reason: "unknown unit \"\(unitText)\" (ms, s, m, h or d)")
            }
            rest = rest.dropFirst(unitText.count)
            guard let number = Int64(digits), number <= 366 * 86_400_000 / unit.milliseconds else {
                throw Problem(value: text, reason: "it is longer than a year")
            }
            total += number * unit.milliseconds
        }
        guard total > 0 else { throw Problem(value: text, reason: "it must be longer than zero") }
        guard total <= 366 * 86_400_000 else { throw Problem(value: text, reason: "it is longer than a year") }
        milliseconds = total
    }

    /// The interval as it would be written: `15m`, `1h30m`, `1s`, `250ms`.
    public var description: String {
        var rest = milliseconds
        var text = ""
        for unit in Self.units.reversed() where rest >= unit.milliseconds {
            text += "\(rest / unit.milliseconds)\(unit.suffix)"
            rest %= unit.milliseconds
        }
        return text
    }
}
