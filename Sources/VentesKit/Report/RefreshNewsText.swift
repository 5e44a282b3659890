import Foundation

/// What the report and the note say of the refresh that produced their run: when the data was
/// refreshed and what that refresh brought (new sales and their revenue, by store).
struct RefreshNewsText: Sendable {
    var news: RefreshNews
    var language: ReportLanguage

    /// How many stores the table shows; the others are summed on one line.
    static let shownStores = ShortList.shownEntries

    var heading: String { language == .fr ? "Dernière actualisation" : "Last refresh" }

    /// `Données actualisées le 28/11/2026 13:05 UTC : 1 234 nouvelles ventes, 5 678,90 € de chiffre d’affaires en plus.`
    var sentence: String {
        let when = language.timestamp(news.refreshedAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        let sales = news.salesAdded
        switch language {
        case .fr:
            guard sales > 0 else { return "Données actualisées le \(when)\u{00A0}: aucune nouvelle vente." }
            return "Données actualisées le \(when)\u{00A0}: \(language.integer(Int64(sales))) \(sales > 1 ? "nouvelles ventes" : "nouvelle vente"), "
                + "\(language.money(news.revenueAdded)) de chiffre d’affaires en plus."
        case .en:
            guard sales > 0 else { return "Data refreshed on \(when): no new sales." }
            return "Data refreshed on \(when): \(language.integer(Int64(sales))) new sale\(sales > 1 ? "s" : ""), "
                + "\(language.money(news.revenueAdded)) more revenue."
        }
    }

    /// The section of the HTML report: the sentence and the new sales by store.
    var html: String {
        var output = "<section aria-labelledby=\"refresh\">\n<h2 id=\"refresh\">\(HTMLText.escape(heading))</h2>\n"
        output += "<p>\(HTMLText.escape(sentence))</p>\n"
        guard !news.stores.isEmpty else { return output + "</section>\n" }
        let headers = language == .fr
            ? ["Magasin", "Ville", "Nouvelles ventes", "Chiffre d’affaires ajouté"]
            : ["Store", "City", "New sales", "Revenue added"]
        output += "<div class=\"table-wrap\"><table>\n<thead><tr>"
        for (index, header) in headers.enumerated() {
            output += "<th scope=\"col\"\(index >= 2 ? " class=\"num\"" : "")>\(HTMLText.escape(header))</th>"
        }
        output += "</tr></thead>\n<tbody>\n"
        for store in shownStores {
            output += "<tr><td>\(HTMLText.escape(store.storeID))</td><td>\(HTMLText.escape(store.city))</td>"
            output += "<td class=\"num\">\(language.integer(Int64(store.sales)))</td><td class=\"num\">\(HTMLText.escape(language.money(store.revenue)))</td></tr>\n"
        }
        output += "</tbody>\n</table></div>\n"
        if let others = othersSentence { output += "<p class=\"chart-note\">\(HTMLText.escape(others))</p>\n" }
        return output + "</section>\n"
    }

    /// One line of the note: the sentence, in italics.
    var markdown: String { "_" + MarkdownText.escape(sentence) + "_\n" }

    private var shownStores: ArraySlice<StoreChange> {
        news.stores.count > Self.shownStores + 1 ? news.stores.prefix(Self.shownStores) : news.stores[...]
    }

    /// What the stores left out of the table brought, nil when none is.
    private var othersSentence: String? {
        let others = news.stores.dropFirst(shownStores.count)
        guard !others.isEmpty else { return nil }
        let sales = language.integer(Int64(others.reduce(0) { $0 + $1.sales }))
        let revenue = language.money(Cents(others.reduce(0) { $0 + $1.revenue.value }))
        let count = language.integer(Int64(others.count))
        return language == .fr
            ? "Les \(count) autres magasins\u{00A0}: \(sales) nouvelles ventes, \(revenue)."
            : "The other \(count) stores: \(sales) new sales, \(revenue)."
    }
}
