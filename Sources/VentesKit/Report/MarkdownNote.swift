/// The short results note (note.md): total revenue, sales by product, sales by region, each
/// with its key numbers and one sentence on what stands out, from a stored run.
///
/// It stays short at any size: each list shows its first entries and one line for the share of
/// the rest, so the note fits on two printed pages with 2,000 products.
public struct MarkdownNote: Sendable {
    public var run: AnalysisRun
    public var language: ReportLanguage
    /// What the refresh that produced the run brought, when a refresh did.
    public var news: RefreshNews?

    public init(run: AnalysisRun, language: ReportLanguage = .fr, news: RefreshNews? = nil) {
        self.run = run
        self.language = language
        self.news = news
    }

    /// The note as Markdown; every value from the data is escaped.
    public var markdown: String {
        let strings = ReportStrings.of(language)
        let figures = ReportFigures(run: run, unknownRegion: strings.unknownRegion)
        let highlights = ReportHighlights(figures, language: language)
        let fr = language == .fr
        var title = strings.noteTitle
        if let first = figures.firstDay, let last = figures.lastDay {
            title += (fr ? "\u{00A0}: ventes " : ": sales ") + strings.fromTo(language.date(first), language.date(last))
        }
        var output = "# \(MarkdownText.escape(title))\n\n"
        if let news { output += RefreshNewsText(news: news, language: language).markdown + "\n" }

        let total = ReportedAnalyses.totalRevenue
        output += "## \(MarkdownText.escape(ReportStrings.analysisTitle(total.name, language) ?? strings.revenue))\n\n"
        if let revenue = figures.revenue {
            var line = ""
            if let units = figures.units, let sales = figures.salesCount {
                line = fr ? " pour \(language.integer(units)) unités vendues en \(language.integer(sales)) ventes."
                           : " from \(language.integer(units)) units sold in \(language.integer(sales)) sales."
            }
            output += "**\(language.money(revenue))**" + MarkdownText.escape(line) + "\n"
            if let sentence = highlights.total { output += "\n" + MarkdownText.escape(sentence) + "\n" }
        } else {
            output += failure(total, strings) + "\n"
        }

        output += section(strings.byProduct, header: strings.product, items: figures.products, sentence: highlights.products,
                          source: ReportedAnalyses.salesByProduct, strings: strings)
        output += section(strings.byRegion, header: strings.region, items: figures.regions, sentence: highlights.regions,
                          source: ReportedAnalyses.salesByRegion, strings: strings)
        output += "\n---\n\n_" + MarkdownText.escape(strings.generated(run.id, language.timestamp(run.startedAt),
                                                                         language.integer(Int64(run.salesCount))))
        output += (fr ? " Détails, graphiques et autres analyses\u{00A0}: report.html._\n" : " Details, charts and other analyses: report.html._\n")
        return output
    }

    private func section(_ fallbackTitle: String, header: String, items: [ReportFigures.Item], sentence: String?,
                         source: ReportedAnalysis, strings: ReportStrings) -> String {
        let title = ReportStrings.analysisTitle(source.name, language) ?? fallbackTitle
        var output = "\n## \(MarkdownText.escape(title))\n\n"
        guard !items.isEmpty else { return output + failure(source, strings) + "\n" }
        output += "| \(MarkdownText.escape(header)) | \(MarkdownText.escape(ReportStrings.columnTitle(ReportedAnalyses.Column.units, language))) | "
        output += "\(MarkdownText.escape(strings.revenue)) | \(MarkdownText.escape(strings.share)) |\n|---|---:|---:|---:|\n"
        let list = ShortList(items)
        for item in list.shown {
            output += "| \(MarkdownText.escape(item.label)) | \(language.integer(item.units)) | \(language.money(item.revenue)) | "
            output += "\(item.share.map { language.percent($0) } ?? "") |\n"
        }
        if let others = list.othersSentence(language) { output += "\n_" + MarkdownText.escape(others) + "_\n" }
        if let sentence { output += "\n" + MarkdownText.escape(sentence) + "\n" }
        return output
    }

    /// Why `analysis` gives nothing to show: its error, the columns it lacks, its absence, or no rows.
    private func failure(_ analysis: ReportedAnalysis, _ strings: ReportStrings) -> String {
        let name = analysis.name, fr = language == .fr
        var error = fr ? "analyse \(name) absente de ce run" : "no \(name) analysis in this run"
        if let result = run.result(name) {
            let missing = ReportedAnalyses.missingColumns(analysis, in: result)
            if result.error == nil, missing.isEmpty { return "_" + MarkdownText.escape(strings.noRows) + "_\n" }
            error = result.error ?? (fr ? "analyse \(name) sans colonne " : "analysis \(name) has no column ") + missing.joined(separator: ", ")
        }
        return "_" + MarkdownText.escape(strings.failed + (language == .fr ? "\u{00A0}: " : ": ") + error) + "_\n"
    }
}
