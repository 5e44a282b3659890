/// The language of the report and note: French by default, English on request.
///
/// Owns how numbers, money and dates are written: `5 268,78 €` and `27/05/2023` in French,
/// `€5,268.78` and `27 May 2023` in English.
public enum ReportLanguage: String, CaseIterable, Sendable {
    case fr, en

    /// The thousands separator: a narrow no-break space in French, a comma in English.
    var groupingSeparator: String { self == .fr ? "\u{202F}" : "," }
    var decimalSeparator: String { self == .fr ? "," : "." }

    /// Money with two decimals and the euro sign: `5 268,78 €` (no-break spaces) or `€5,268.78`.
    public func money(_ cents: Cents) -> String {
        let amount = cents.formatted(decimalSeparator: decimalSeparator, groupingSeparator: groupingSeparator)
        switch self {
        case .fr: return amount + "\u{00A0}€"
        case .en: return amount.hasPrefix("-") ? "-€" + amount.dropFirst() : "€" + amount
        }
    }

    /// A whole number grouped by thousands: `1 234` or `1,234`.
    public func integer(_ value: Int64) -> String {
        var digits = Array(String(value.magnitude))
        var grouped = ""
        while digits.count > 3 {
            grouped = groupingSeparator + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        return (value < 0 ? "-" : "") + String(digits) + grouped
    }

    /// A real with at most `decimals` decimals, trailing zeros dropped unless `fixed`: `4,07` or `4.07`.
    public func decimal(_ value: Double, decimals: Int = 2, fixed: Bool = false) -> String {
        guard value.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        let negative = scaled < 0
        let magnitude = Int64(abs(scaled))
        let whole = magnitude / Int64(scale)
        var fraction = decimals > 0 ? String(magnitude % Int64(scale)) : ""
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        while !fixed, fraction.hasSuffix("0") { fraction.removeLast() }
        let wholeText = integer(Int64(whole))
        return (negative && magnitude != 0 ? "-" : "") + wholeText + (fraction.isEmpty ? "" : decimalSeparator + fraction)
    }

    /// A percentage with one decimal: `31,9 %` (no-break space) or `31.9%`.
    public func percent(_ value: Double) -> String {
        decimal(value, decimals: 1, fixed: true) + (self == .fr ? "\u{00A0}%" : "%")
    }

    /// A stored `yyyy-mm-dd` date as people read it: `27/05/2023` or `27 May 2023`;
    /// any other text unchanged.
    public func date(_ iso: String) -> String {
        guard let (year, month, day) = Self.parts(iso), let day else { return iso }
        switch self {
        case .fr: return "\(Self.twoDigits(day))/\(Self.twoDigits(month))/\(year)"
        case .en: return "\(day) \(Self.englishMonths[month - 1]) \(year)"
        }
    }

    /// A `yyyy-mm` month as people read it: `mai 2023` or `May 2023`; any other text unchanged.
    public func month(_ iso: String) -> String {
        guard let (year, month, day) = Self.parts(iso), day == nil else { return iso }
        return "\((self == .fr ? Self.frenchMonths : Self.englishMonths)[month - 1]) \(year)"
    }

    /// The weekday named in English by the analyses (`Monday`), in this language.
    func weekday(_ english: String) -> String {
        guard self == .fr, let index = Self.englishWeekdays.firstIndex(of: english) else { return english }
        return Self.frenchWeekdays[index]
    }

    private static func parts(_ iso: String) -> (Int, Int, Int?)? {
        let pieces = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard (2...3).contains(pieces.count), pieces[0].count == 4, pieces.dropFirst().allSatisfy({ $0.count == 2 }),
              pieces.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(pieces[0]), let month = Int(pieces[1]), (1...12).contains(month) else { return nil }
        if pieces.count == 2 { return (year, month, nil) }
        guard let day = Int(pieces[2]), (1...31).contains(day) else { return nil }
        return (year, month, day)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                       "septembre", "octobre", "novembre", "décembre"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]
    private static let englishWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let frenchWeekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
}

extension ReportLanguage {
    /// A day for a chart's axis: `27/05` or `27 May`; any other text unchanged.
    func shortDate(_ iso: String) -> String {
        guard let (_, month, day) = Self.parts(iso), let day else { return iso }
        switch self {
        case .fr: return "\(Self.twoDigits(day))/\(Self.twoDigits(month))"
        case .en: return "\(day) \(Self.englishMonths[month - 1].prefix(3))"
        }
    }

    /// A month for a chart's axis: `janv. 22` or `Jan 22`; any other text unchanged.
    func shortMonth(_ iso: String) -> String {
        guard let (year, month, day) = Self.parts(iso), day == nil else { return iso }
        let names = self == .fr
            ? ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
            : Self.englishMonths.map { String($0.prefix(3)) }
        return "\(names[month - 1]) \(Self.twoDigits(year % 100))"
    }

    /// Whole euros for an axis: `1 000 €` or `€1,000`.
    func wholeEuros(_ cents: Cents) -> String {
        let euros = integer(cents.value / 100)
        return self == .fr ? euros + "\u{00A0}€" : "€" + euros
    }

    /// A stored ISO 8601 timestamp (`2026-11-28T13:05:00.000Z`) as `28/11/2026 13:05 UTC`.
    func timestamp(_ iso: String) -> String {
        let day = date(String(iso.prefix(10)))
        guard day != String(iso.prefix(10)), iso.count >= 16 else { return iso }
        let time = iso.dropFirst(11).prefix(5)
        return "\(day) \(time) UTC"
    }
}
