/// The report as one self-contained HTML page: key figures, what stands out, charts, then
/// every analysis of the run as a table.
///
/// Inline CSS and SVG only, and a Content-Security-Policy that forbids scripts and network
/// access. Every value from the data goes through `HTMLText.escape`.
public struct HTMLReport: Sendable {
    public var run: AnalysisRun
    public var language: ReportLanguage
    /// What the refresh that produced the run brought, when a refresh did.
    public var news: RefreshNews?

    public init(run: AnalysisRun, language: ReportLanguage = .fr, news: RefreshNews? = nil) {
        self.run = run
        self.language = language
        self.news = news
    }

    /// The whole page.
    public var html: String {
        let strings = ReportStrings.of(language)
        let figures = ReportFigures(run: run, unknownRegion: strings.unknownRegion)
        let highlights = ReportHighlights(figures, language: language)
        var subtitle: [String] = []
        if let first = figures.firstDay, let last = figures.lastDay {
            subtitle.append(strings.fromTo(language.date(first), language.date(last)).capitalizedFirst)
        }
        subtitle.append(language == .fr ? "analyse n°\u{00A0}\(run.id)" : "analysis run #\(run.id)")
        var page = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>\(HTMLText.escape(strings.reportTitle))</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(HTMLText.escape(strings.reportTitle))</h1>
            <p class="subtitle">\(HTMLText.escape(subtitle.joined(separator: " · ")))</p>
            </header>

            """
        page += keyFigures(figures, strings)
        if let news { page += RefreshNewsText(news: news, language: language).html }
        if !highlights.all.isEmpty {
            page += "<section aria-labelledby=\"highlights\">\n<h2 id=\"highlights\">\(HTMLText.escape(strings.highlights))</h2>\n<ul class=\"highlights\">\n"
            for sentence in highlights.all { page += "<li>\(HTMLText.escape(sentence))</li>\n" }
            page += "</ul>\n</section>\n"
        }
        page += charts(figures, strings)
        page += tables(strings)
        page += """
            <footer>
            <p>\(HTMLText.escape(strings.generated(run.id, language.timestamp(run.startedAt), language.integer(Int64(run.salesCount)))))
            \(HTMLText.escape(run.sqlSource)) (sha256 \(HTMLText.escape(String(run.sqlSHA256.prefix(12)))))</p>
            </footer>
            </main>
            </body>
            </html>

            """
        return page
    }

    // MARK: - Sections

    private func keyFigures(_ figures: ReportFigures, _ strings: ReportStrings) -> String {
        var cards: [(label: String, value: String, main: Bool, small: Bool)] = []
        if let revenue = figures.revenue { cards.append((strings.revenue, language.money(revenue), true, false)) }
        if let units = figures.units { cards.append((strings.units, language.integer(units), false, false)) }
        if let sales = figures.salesCount { cards.append((strings.sales, language.integer(sales), false, false)) }
        if let average = figures.averageSale { cards.append((strings.averageSale, language.money(average), false, false)) }
        if let first = figures.firstDay, let last = figures.lastDay {
            // Each date stays on one line; the card may break after the dash.
            func unbroken(_ day: String) -> String { language.date(day).replacingOccurrences(of: " ", with: "\u{00A0}") }
            cards.append((strings.period, "\(unbroken(first))\u{00A0}– \(unbroken(last))", false, true))
        }
        guard !cards.isEmpty else { return "" }
        var output = "<section aria-labelledby=\"key-figures\">\n<h2 id=\"key-figures\">\(HTMLText.escape(strings.keyFigures))</h2>\n<ul class=\"kpis\">\n"
        for card in cards {
            // A long amount (over 12 characters) gets two grid columns rather than overflowing.
            let long = !card.small && card.value.count > 12
            output += "<li class=\"kpi\(card.main ? " main" : "")\(card.small ? " wide" : "")\(long ? " long" : "")\"><span class=\"label\">\(HTMLText.escape(card.label))</span>"
            output += "<span class=\"value\(card.small ? " small" : "")\">\(HTMLText.escape(card.value))</span></li>\n"
        }
        return output + "</ul>\n</section>\n"
    }

    private func charts(_ figures: ReportFigures, _ strings: ReportStrings) -> String {
        var figuresHTML: [String] = []
        func barChart(id: String, title: String, items: [ReportFigures.Item]) {
            guard !items.isEmpty else { return }
            let list = ShortList(items)
            let bars = list.shown.map { item in
                SVGBarChart.Bar(label: item.label, value: item.revenue.value, valueText: language.money(item.revenue),
                                note: item.share.map { language.percent($0) } ?? "")
            }
            let values = bars.map { $0.label + colon + $0.valueText + ($0.note.isEmpty ? "" : " (\($0.note))") }
            let note = list.othersSentence(language)
            let description = strings.barChartDescription(title, listing(values)) + (note.map { " " + $0 } ?? "")
            let chart = SVGBarChart(id: id, title: title, description: description, bars: bars)
            figuresHTML.append(figure(title: title, svg: chart.svg, note: note))
        }
        func lineChart(id: String, title: String, points: [ReportFigures.Point], label: (String) -> String,
                       fullLabel: (String) -> String, note: String? = nil) {
            guard !points.isEmpty else { return }
            let chartPoints = points.map {
                SVGLineChart.Point(label: label($0.period), value: $0.revenue.value, valueText: language.money($0.revenue))
            }
            let list = points.map { fullLabel($0.period) + colon + language.money($0.revenue) }
            let chart = SVGLineChart(id: id, title: title, description: strings.lineChartDescription(title, listing(list)),
                                     points: chartPoints, axisText: { language.wholeEuros(Cents($0)) })
            figuresHTML.append(figure(title: title, svg: chart.svg, note: note))
        }
        var monthsNote: String?
        if !figures.partialMonths.isEmpty, let first = figures.firstDay, let last = figures.lastDay {
            monthsNote = strings.partialMonths(figures.partialMonths.map(language.month),
                                               strings.fromTo(language.date(first), language.date(last)))
        }
        barChart(id: "chart-products", title: strings.byProduct, items: figures.products)
        barChart(id: "chart-regions", title: strings.byRegion, items: figures.regions)
        barChart(id: "chart-stores", title: strings.byStore, items: figures.stores)
        lineChart(id: "chart-months", title: strings.monthlyTrend, points: figures.months,
                  label: figures.months.count > 6 ? language.shortMonth : language.month,
                  fullLabel: language.month, note: monthsNote)
        if figures.dailyRevenue.count > 1 {
            lineChart(id: "chart-days", title: strings.dailyTrend, points: figures.dailyRevenue,
                      label: language.shortDate, fullLabel: language.date)
        }
        guard !figuresHTML.isEmpty else { return "" }
        return "<section aria-labelledby=\"charts\">\n<h2 id=\"charts\">\(HTMLText.escape(strings.charts))</h2>\n<div class=\"charts\">\n"
            + figuresHTML.joined(separator: "\n") + "\n</div>\n</section>\n"
    }

    /// `a: 1; b: 2`, with French spacing (`a\u{00A0}: 1\u{00A0}; b…`).
    private func listing(_ items: [String]) -> String {
        items.joined(separator: language == .fr ? "\u{00A0}; " : "; ")
    }

    /// A colon as the language spaces it.
    private var colon: String { language == .fr ? "\u{00A0}: " : ": " }

    private func figure(title: String, svg: String, note: String? = nil) -> String {
        "<figure>\n<figcaption>\(HTMLText.escape(title))</figcaption>\n\(svg)\n"
            + (note.map { "<p class=\"chart-note\">\(HTMLText.escape($0))</p>\n" } ?? "") + "</figure>"
    }

    private func tables(_ strings: ReportStrings) -> String {
        let cells = ReportCellText(language: language)
        var output = "<section aria-labelledby=\"tables\">\n<h2 id=\"tables\">\(HTMLText.escape(strings.tables))</h2>\n"
        for result in run.results {
            let known = ReportStrings.analysisTitle(result.name, language)
            output += "<h3 id=\"analysis-\(HTMLText.escape(result.name))\">\(HTMLText.escape(known ?? result.name))</h3>\n"
            if !result.question.isEmpty, known == nil || language == .en {
                output += "<p class=\"question\">\(HTMLText.escape(result.question))</p>\n"
            }
            if let error = result.error {
                output += "<p class=\"failed\">\(HTMLText.escape(strings.failed + colon + error))</p>\n"
                continue
            }
            if result.rows.isEmpty {
                output += "<p>\(HTMLText.escape(strings.noRows))</p>\n"
                continue
            }
            let numeric = result.columns.indices.map { ReportCellText.isNumeric(result, column: $0) }
            output += "<div class=\"table-wrap\"><table>\n<thead><tr>"
            for (index, column) in result.columns.enumerated() {
                output += "<th scope=\"col\"\(numeric[index] ? " class=\"num\"" : "")>\(HTMLText.escape(ReportStrings.columnTitle(column.displayName, language)))</th>"
            }
            output += "</tr></thead>\n<tbody>\n"
            for row in result.rows {
                output += "<tr>"
                for (index, column) in result.columns.enumerated() {
                    output += "<td\(numeric[index] ? " class=\"num\"" : "")>\(HTMLText.escape(cells.text(row[index], column)))</td>"
                }
                output += "</tr>\n"
            }
            output += "</tbody>\n</table></div>\n"
        }
        return output + "</section>\n"
    }
}

extension String {
    /// The text with its first letter in upper case.
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
