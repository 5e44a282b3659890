/// The number convention of CSV output, for the spreadsheet that will open it.
public enum CSVOutputDialect: String, CaseIterable, Sendable {
    /// `,` between cells, `.` before decimals: `5268.78`.
    case international = "en"
    /// `;` between cells, `,` before decimals, as French spreadsheets expect: `5268,78`.
    case french = "fr"

    /// The cell delimiter.
    public var delimiter: Character { self == .french ? ";" : "," }

    /// The decimal separator of money and reals.
    public var decimalSeparator: Character { self == .french ? "," : "." }
}
