/// What the import of a whole sales file assumes of its dialect before reading it, to be checked
/// against the survey of every record made while reading it: one pass over the file instead of a
/// survey pass then an import pass (a first import of 1M sales: 0.4 s less, docs/BENCHMARKS.md).
///
/// The rows parse exactly as after a survey pass whenever the assumption holds; when it does not
/// (a month-first or Windows-1252 file whose first lines did not show it), the import is rolled back
/// and made again, surveying first.
struct PendingDialectCheck: Sendable {
    /// Thrown inside the import's transaction when the assumption does not hold.
    struct Mismatch: Error {}

    /// Where the date (and price) columns are.
    let positions: ColumnSurvey.Positions
    /// Whether the file's encoding (UTF-8, guessed from its start) is to be confirmed.
    let checksEncoding: Bool
    /// The date format the user gave (nothing to survey for dates then).
    let option: DateColumnFormat?
    /// The date format an earlier import of the same source (or of a file with the same header)
    /// settled, for an ambiguous column.
    let remembered: DateColumnFormat?

    /// The format the rows are parsed with meanwhile: the given one, else the one the survey
    /// decides for most files, ISO and day-first columns alike (see `parseFormat(for:)`), unless an
    /// earlier import of the source settled month-first.
    var assumedParseFormat: DateColumnFormat {
        if let option { return option }
        return remembered == .monthDayYear ? .monthDayYear : .dayMonthYear
    }

    /// How the rows of a column with `format` are parsed: a column detected (or remembered) as ISO
    /// parses any stray slash date day-first, as the file's country would.
    static func parseFormat(for format: DecidedDateFormat) -> DateColumnFormat {
        format.origin != .option && format.format == .iso ? .dayMonthYear : format.format
    }

    /// Whether the rows were parsed as they would have been with the date format the survey
    /// decided: the same format, or no slash date at all (an ISO date parses the same either way).
    func holds(for decided: DecidedDateFormat, survey: DateColumnSurvey) -> Bool {
        Self.parseFormat(for: decided) == assumedParseFormat || !survey.sawSlash
    }

    /// Whether the survey makes the file, read as UTF-8, a Windows-1252 export after all.
    func needsWindows1252(_ survey: ColumnSurvey) -> Bool {
        checksEncoding && survey.showsWindows1252
    }
}
