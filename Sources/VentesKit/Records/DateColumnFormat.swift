import Foundation

/// How the dates of a column are written: ISO, or a slash format whose day/month order varies
/// with the country of the spreadsheet that wrote it.
public enum DateColumnFormat: String, Sendable, CaseIterable {
    /// `2023-05-27`, optionally followed by a time part.
    case iso = "yyyy-mm-dd"
    /// `27/05/2023` (France, most of Europe).
    case dayMonthYear = "dd/mm/yyyy"
    /// `5/27/2023` (United States).
    case monthDayYear = "mm/dd/yyyy"

    /// Reads the name a person types: `dd/mm/yyyy`, `d/m/yyyy`, `mm/dd/yyyy`, `m/d/yyyy`, `yyyy-mm-dd`, `iso`.
    public init?(name: String) {
        switch name.lowercased().trimmingCharacters(in: .whitespaces) {
        case "yyyy-mm-dd", "iso", "y-m-d": self = .iso
        case "dd/mm/yyyy", "d/m/yyyy", "dd/mm/yy", "d/m/y", "dmy", "fr": self = .dayMonthYear
        case "mm/dd/yyyy", "m/d/yyyy", "mm/dd/yy", "m/d/y", "mdy", "us": self = .monthDayYear
        default: return nil
        }
    }
}
