import Foundation
import Testing
@testable import VentesKit

/// report.html and note.md from the brief data's run, in French and English, and from hostile names.
@Suite struct ReportRenderingTests {
    let run: AnalysisRun

    init() throws {
        run = try BriefDataFixture.analyzedDatabase().run
    }

    @Test func languageFormatsMoneyNumbersAndDates() {
        #expect(ReportLanguage.fr.money(Cents(526_878)) == "5\u{202F}268,78\u{00A0}€")
        #expect(ReportLanguage.en.money(Cents(526_878)) == "€5,268.78")
        #expect(ReportLanguage.fr.money(Cents(-5)) == "-0,05\u{00A0}€")
        #expect(ReportLanguage.en.money(Cents(-123_456_789)) == "-€1,234,567.89")
        #expect(ReportLanguage.fr.integer(1_234_567) == "1\u{202F}234\u{202F}567")
        #expect(ReportLanguage.fr.percent(14) == "14,0\u{00A0}%")
        #expect(ReportLanguage.en.percent(31.94) == "31.9%")
        #expect(ReportLanguage.fr.decimal(4.0667) == "4,07")
        #expect(ReportLanguage.fr.date("2023-05-27") == "27/05/2023")
        #expect(ReportLanguage.en.date("2023-05-27") == "27 May 2023")
        #expect(ReportLanguage.fr.month("2023-06") == "juin 2023")
        #expect(ReportLanguage.fr.date("not a date") == "not a date")
        #expect(ReportLanguage.fr.timestamp("2026-11-28T13:05:09.123Z") == "28/11/2026 13:05 UTC")
    }

    @Test func frenchReportPutsKeyFiguresFirst() throws {
        let html = HTMLReport(run: run).html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        let keyFigures = try #require(html.range(of: "<h2 id=\"key-figures\">Chiffres clés</h2>"))
        let charts = try #require(html.range(of: "<h2 id=\"charts\">"))
        let tables = try #require(html.range(of: "<h2 id=\"tables\">"))
        #expect(keyFigures.lowerBound < charts.lowerBound && charts.lowerBound < tables.lowerBound)
        let figures = html[keyFigures.upperBound..<charts.lowerBound]
        #expect(figures.contains("<span class=\"value\">5\u{202F}268,78\u{00A0}€</span>"))
        #expect(figures.contains("<span class=\"value\">122</span>"))
        #expect(figures.contains("<span class=\"value\">30</span>"))
        #expect(figures.contains("27/05/2023\u{00A0}– 25/06/2023"))
        #expect(figures.contains("Produit D arrive en tête avec 1\u{202F}679,79\u{00A0}€ (31,9\u{00A0}% du total)"))
    }

    @Test func chartsHaveTitlesAndTextAlternatives() throws {
        let html = HTMLReport(run: run).html
        for id in ["chart-products", "chart-regions", "chart-stores", "chart-months", "chart-days"] {
            #expect(html.contains("aria-labelledby=\"\(id)-title \(id)-desc\""), "\(id)")
            #expect(html.contains("<title id=\"\(id)-title\">"), "\(id)")
            #expect(html.contains("<desc id=\"\(id)-desc\">"), "\(id)")
        }
        #expect(html.contains("<desc id=\"chart-products-desc\">Diagramme en barres : Chiffre d’affaires par produit. Produit D\u{00A0}: 1\u{202F}679,79\u{00A0}€ (31,9\u{00A0}%)"))
        #expect(html.contains("<desc id=\"chart-months-desc\">Courbe : Évolution mensuelle du chiffre d’affaires. mai 2023\u{00A0}: 969,79\u{00A0}€\u{00A0}; juin 2023\u{00A0}: 4\u{202F}298,99\u{00A0}€.</desc>"))
        // The brief's period starts on 27 May and ends on 25 June: both months are partial.
        #expect(html.contains("<p class=\"chart-note\">Attention\u{00A0}: mai 2023 et juin 2023 ne sont couverts qu’en partie (ventes du 27/05/2023 au 25/06/2023)\u{00A0}; comparez-les avec prudence.</p>"))
        // One bar per product, region and store: 5 + 7 + 7.
        #expect(html.components(separatedBy: "class=\"bar\"").count - 1 == 19)
    }

    @Test func reportIsSelfContained() {
        let html = HTMLReport(run: run).html
        #expect(html.contains("<style>"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains(" src="))
        #expect(!html.contains(" href="))
        // The only URL is the SVG namespace.
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://") && !withoutNamespace.contains("url("))
    }

    @Test func englishReportAndNote() {
        let html = HTMLReport(run: run, language: .en).html
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<span class=\"value\">€5,268.78</span>"))
        #expect(html.contains("27\u{00A0}May\u{00A0}2023\u{00A0}– 25\u{00A0}June\u{00A0}2023"))
        let note = MarkdownNote(run: run, language: .en).markdown
        #expect(note.hasPrefix("# Results note: sales from 27 May 2023 to 25 June 2023\n"))
        #expect(note.contains("**€5,268.78** from 122 units sold in 30 sales."))
        #expect(note.contains("| Produit D | 21 | €1,679.79 | 31.9% |"))
        #expect(note.contains("Produit D leads with €1,679.79 (31.9% of the total), ahead of Produit E (26.6%); 3 of 5 products make 80% of revenue; Produit C comes last (8.5%)."))
    }

    @Test func frenchNoteHasTheThreeSectionsWithASentenceEach() {
        let note = MarkdownNote(run: run).markdown
        #expect(note.hasPrefix("# Note de résultats\u{00A0}: ventes du 27/05/2023 au 25/06/2023\n"))
        let sections = note.components(separatedBy: "\n## ").dropFirst().map { $0.components(separatedBy: "\n").first ?? "" }
        #expect(sections == ["Chiffre d’affaires total", "Ventes par produit", "Ventes par région"])
        #expect(note.contains("**5\u{202F}268,78\u{00A0}€** pour 122 unités vendues en 30 ventes."))
        #expect(note.contains("Sur 30 jours, du 27/05/2023 au 25/06/2023, une vente rapporte en moyenne 175,63\u{00A0}€ pour 4,07 unités."))
        #expect(note.contains("| Produit D | 21 | 1\u{202F}679,79\u{00A0}€ | 31,9\u{00A0}% |"))
        #expect(note.contains("| Auvergne-Rhône-Alpes | 21 | 1\u{202F}059,79\u{00A0}€ | 20,1\u{00A0}% |"))
        #expect(note.contains("Auvergne-Rhône-Alpes arrive en tête avec 1\u{202F}059,79\u{00A0}€ (20,1\u{00A0}% du total), devant Provence-Alpes-Côte d'Azur (19,2\u{00A0}%)\u{00A0}; Hauts-de-France ferme la marche (4,7\u{00A0}%)."))
    }

    @Test func hostileNamesAreEscapedEverywhere() {
        let columns = ["product_id", "product_name", "units", "revenue_cents"].map(ResultColumn.init(sqlName:))
        let hostile = AnalysisRun(id: 9, startedAt: "2026-11-28T12:00:00.000Z", sqlSource: "<b>.sql", sqlSHA256: "x", salesCount: 2, results: [
            AnalysisResult(name: "sales_by_product", question: "<i>question</i>", columns: columns, rows: [
                [.text("P1"), .text("<script>alert(1)</script>"), .integer(2), .integer(1_000)],
                [.text("P2"), .text("=HYPERLINK(\"x\")"), .integer(1), .integer(500)],
            ]),
            AnalysisResult(name: "my_query", question: "A \"quoted\" & <odd> question?", columns: [ResultColumn(sqlName: "v")],
                           rows: [[.text("' onload='x")]]),
        ])
        let html = HTMLReport(run: hostile).html
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<i>"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<odd>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;x&quot;)"))
        #expect(html.contains("<td>&#39; onload=&#39;x</td>"))
        #expect(html.contains("<p class=\"question\">A &quot;quoted&quot; &amp; &lt;odd&gt; question?</p>"))

        let note = MarkdownNote(run: hostile).markdown
        #expect(!note.contains("<script>"))
        #expect(note.contains("| &lt;script&gt;alert(1)&lt;/script&gt; | 2 | 10,00\u{00A0}€ | 66,7\u{00A0}% |"))
        #expect(note.contains("| =HYPERLINK(\"x\") | 1 | 5,00\u{00A0}€ | 33,3\u{00A0}% |"))
    }

    @Test func longChartsShowTheFirstBarsAndSayWhatTheRestSumTo() {
        let items = (1...20).map { ReportFigures.Item(label: "P\($0)", revenue: Cents(Int64(100 - $0)), units: 1, share: 5) }
        let list = ShortList(items)
        #expect(list.shown.map(\.label) == (1...12).map { "P\($0)" })
        #expect(list.rest?.count == 8)
        #expect(list.rest?.revenue == Cents((13...20).map { Int64(100 - $0) }.reduce(0, +)))
        #expect(list.rest?.share == 40)
        #expect(ShortList(Array(items.prefix(12))).rest == nil)
        // One entry over the limit is shown rather than summed up in a line of its own.
        #expect(ShortList(Array(items.prefix(13))).shown.count == 13)
        #expect(ShortList(Array(items.prefix(14))).rest?.count == 2)
        #expect(ReportStrings.french.others("8", "5,00\u{00A0}€", "40,0\u{00A0}%") == "Les 8 autres ne sont pas montrés\u{00A0}: ensemble 5,00\u{00A0}€ (40,0\u{00A0}%).")
    }

    @Test func axisLabelsOfManyMonthsAreShort() {
        #expect(ReportLanguage.fr.shortMonth("2022-01") == "janv. 22")
        #expect(ReportLanguage.en.shortMonth("2023-09") == "Sep 23")
    }

    @Test func writerWritesBothFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-report-\(UUID().uuidString)/out")
        let written = try ReportWriter.write(run, language: .fr, to: directory.path)
        #expect(written == [directory.appendingPathComponent("report.html").path, directory.appendingPathComponent("note.md").path])
        #expect(try String(contentsOfFile: written[0], encoding: .utf8) == HTMLReport(run: run).html)
        #expect(try String(contentsOfFile: written[1], encoding: .utf8) == MarkdownNote(run: run).markdown)
    }
}
