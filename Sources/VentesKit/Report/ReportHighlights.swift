/// The sentences that say what stands out, one per subject, as plain text (escape on output).
struct ReportHighlights: Sendable {
    var total: String?
    var products: String?
    var regions: String?
    var stores: String?
    var stock: String?

    /// The sentences, in reading order, that could be written.
    var all: [String] { [total, products, regions, stores, stock].compactMap { $0 } }

    init(_ figures: ReportFigures, language: ReportLanguage) {
        let fr = language == .fr
        if let sales = figures.salesCount, sales > 0, let revenue = figures.revenue {
            var opening = ""
            if let days = figures.days, let first = figures.firstDay, let last = figures.lastDay {
                let span = ReportStrings.of(language).fromTo(language.date(first), language.date(last))
                opening = fr ? "Sur \(language.integer(days)) jours, \(span), " : "Over \(language.integer(days)) days, \(span), "
            }
            let count = language.integer(sales)
            if let average = figures.averageSale {
                let units = figures.averageUnits.map { language.decimal($0) }
                total = fr
                    ? "\(opening)une vente rapporte en moyenne \(language.money(average))" + (units.map { " pour \($0) unités." } ?? ".")
                    : "\(opening)a sale brings \(language.money(average)) on average" + (units.map { " for \($0) units." } ?? ".")
            } else {
                total = fr ? "\(opening)\(count) ventes ont rapporté \(language.money(revenue))."
                           : "\(opening)\(count) sales brought \(language.money(revenue))."
            }
            total = total.map(\.capitalizedFirst)
        }
        products = Self.leaderSentence(figures.products, language: language, extra: figures.productsFor80Percent.map { share in
            let count = language.integer(Int64(share.count)), of = language.integer(Int64(share.of))
            return fr ? "\(count) produits sur \(of) font 80\u{00A0}% du chiffre d’affaires"
                      : "\(count) of \(of) products make 80% of revenue"
        })
        regions = Self.leaderSentence(figures.regions, language: language, extra: nil)
        if let best = figures.bestStorePerEmployee {
            stores = fr ? "Par salarié, c’est \(best.label) qui fait le plus de chiffre d’affaires\u{00A0}: \(language.money(best.revenue)) par salarié sur la période."
                        : "Per employee, \(best.label) brings the most: \(language.money(best.revenue)) per employee over the period."
        }
        if let shortest = figures.shortestStockCover {
            let days = language.decimal(shortest.days, decimals: 0)
            if shortest.days < 0.5 {
                stock = fr ? "Le stock de \(shortest.label) est épuisé au rythme de la période\u{00A0}: à réapprovisionner en premier."
                           : "\(shortest.label) is out of stock at the period’s pace: restock it first."
            } else {
                let unit = shortest.days < 1.5 ? (fr ? "jour" : "day") : (fr ? "jours" : "days")
                stock = fr ? "Au rythme de la période, le stock de \(shortest.label) s’épuise le premier, dans \(days) \(unit)."
                           : "At the period’s pace, \(shortest.label) runs out of stock first, in \(days) \(unit)."
            }
        }
    }

    /// "X leads with 1 234 € (31 %), ahead of Y (20 %); …; Z comes last (5 %)."
    private static func leaderSentence(_ items: [ReportFigures.Item], language: ReportLanguage, extra: String?) -> String? {
        guard let first = items.first else { return nil }
        let fr = language == .fr
        func share(_ item: ReportFigures.Item) -> String { item.share.map { language.percent($0) } ?? "" }
        if items.count == 1 {
            return fr ? "Tout le chiffre d’affaires vient de \(first.label) (\(language.money(first.revenue)))."
                      : "All revenue comes from \(first.label) (\(language.money(first.revenue)))."
        }
        var sentence = fr
            ? "\(first.label) arrive en tête avec \(language.money(first.revenue)) (\(share(first)) du total), devant \(items[1].label) (\(share(items[1])))"
            : "\(first.label) leads with \(language.money(first.revenue)) (\(share(first)) of the total), ahead of \(items[1].label) (\(share(items[1])))"
        // French puts a no-break space before a semicolon.
        let semicolon = fr ? "\u{00A0}; " : "; "
        if let extra { sentence += semicolon + extra }
        if items.count > 2, let last = items.last {
            sentence += semicolon + (fr ? "\(last.label) ferme la marche (\(share(last)))" : "\(last.label) comes last (\(share(last)))")
        }
        return sentence + "."
    }
}
