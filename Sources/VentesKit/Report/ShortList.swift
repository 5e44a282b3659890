/// A list of the report (products, regions, stores) as the report and the note show it: the
/// first entries, and what the others sum to.
///
/// At 2,000 products a chart or a note listing them all is unreadable; this keeps both to the
/// top of each list and one sentence for the rest ("Les 1 988 autres ne sont pas montrés …").
struct ShortList: Sendable {
    /// How many entries of a list are shown.
    static let shownEntries = 12

    /// What the entries left out sum to.
    struct Rest: Sendable {
        var count: Int
        var revenue: Cents
        /// Their share of the total revenue, in percent, when the shares are known.
        var share: Double?
    }

    var shown: [ReportFigures.Item]
    /// Nil when no entry is left out.
    var rest: Rest?

    /// The first `limit` entries of `items` and the sum of the others; a list only one entry
    /// longer than `limit` is shown whole (the line for one other would take its place).
    init(_ items: [ReportFigures.Item], limit: Int = shownEntries) {
        guard items.count > limit + 1 else {
            shown = items
            return
        }
        shown = Array(items.prefix(limit))
        let others = items.dropFirst(limit)
        let shares = others.compactMap(\.share)
        rest = Rest(count: others.count, revenue: Cents(others.reduce(Int64(0)) { $0 + $1.revenue.value }),
                    share: shares.isEmpty ? nil : shares.reduce(0, +))
    }

    /// "Les 1 988 autres ne sont pas montrés : ensemble 12 345,67 € (80,1 %).", nil when none is left out.
    func othersSentence(_ language: ReportLanguage) -> String? {
        rest.map { rest in
            ReportStrings.of(language).others(language.integer(Int64(rest.count)), language.money(rest.revenue),
                                              rest.share.map { language.percent($0) } ?? "")
        }
    }
}
