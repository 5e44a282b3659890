/// How a result's value reads in the report's tables and note, in the report's language.
///
/// Money as `5 268,78 €`, shares as `31,9 %`, days as `27/05/2023`, months as `mai 2023`,
/// weekdays and yes/no flags in words; anything else as stored.
struct ReportCellText {
    var language: ReportLanguage

    func text(_ value: ResultValue, _ column: ResultColumn) -> String {
        typealias Known = ReportedAnalyses.Column
        let name = column.displayName
        switch value {
        case .null:
            return ""
        case .integer(let int):
            if column.isMoney { return language.money(Cents(int)) }
            if Known.flags.contains(name) {
                let strings = ReportStrings.of(language)
                return int == 0 ? strings.no : strings.yes
            }
            if name.hasSuffix("_pct") { return language.percent(Double(int)) }
            if Known.plainNumbers.contains(name) { return String(int) }
            return language.integer(int)
        case .real(let double):
            return name.hasSuffix("_pct") ? language.percent(double) : language.decimal(double)
        case .text(let text):
            if name == Known.weekday { return language.weekday(text) }
            if name == Known.region, text == ReportedAnalyses.unknownRegion { return ReportStrings.of(language).unknownRegion }
            if Self.isDateColumn(name) { return name.hasSuffix("month") ? language.month(text) : language.date(text) }
            return text
        }
    }

    /// True when the column is right-aligned: every value a number or empty.
    static func isNumeric(_ result: AnalysisResult, column index: Int) -> Bool {
        ResultRenderer.isNumeric(result, column: index)
    }

    /// A day or month column by its name: `day`, `month`, `date` or ending in `_day`, `_date`, `_month`.
    private static func isDateColumn(_ name: String) -> Bool {
        [ReportedAnalyses.Column.day, "date", ReportedAnalyses.Column.month].contains(name) || name.hasSuffix("_day") || name.hasSuffix("_date") || name.hasSuffix("_month")
    }
}
