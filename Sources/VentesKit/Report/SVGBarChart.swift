/// A horizontal bar chart as inline SVG: one row per item, its label and share above its bar,
/// its amount at the bar's end.
///
/// Labels sit above the bars so the chart stays narrow enough to read on a phone. The chart
/// carries a `<title>` and a `<desc>` listing every value, for screen readers and for anyone
/// who cannot see the bars.
struct SVGBarChart {
    struct Bar {
        var label: String
        var value: Int64
        /// The amount as shown at the bar's end.
        var valueText: String
        /// Shown right-aligned above the bar (a share), may be empty.
        var note: String
    }

    var id: String
    var title: String
    var description: String
    var bars: [Bar]

    static let width = 400
    private static let rowHeight = 44
    private static let barHeight = 16
    private static let maxLabelCharacters = 44
    /// The width of one character of the 13 px bold amounts, generously.
    private static let characterWidth = 7.8

    /// The `<svg>` element, every text escaped.
    var svg: String {
        let height = max(1, bars.count) * Self.rowHeight + 4
        let largest = max(1, bars.map(\.value).max() ?? 1)
        // The longest amount must fit after the longest bar.
        let valueSpace = Double(bars.map(\.valueText.count).max() ?? 0) * Self.characterWidth + 10
        let barSpace = max(Double(Self.width) / 3, Double(Self.width) - valueSpace)
        let noteSpace = Double(bars.map(\.note.count).max() ?? 0) * 7 + 12
        let labelCharacters = min(Self.maxLabelCharacters, Int((Double(Self.width) - noteSpace) / 7.2))
        var output = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Self.width) \(height)" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" class="chart bar-chart">\
            <title id="\(id)-title">\(HTMLText.escape(title))</title>\
            <desc id="\(id)-desc">\(HTMLText.escape(description))</desc>
            """
        for (index, bar) in bars.enumerated() {
            let top = index * Self.rowHeight + 4
            let length = max(2, (barSpace * Double(max(0, bar.value)) / Double(largest)).rounded())
            let label = bar.label.count > labelCharacters ? String(bar.label.prefix(labelCharacters - 1)) + "…" : bar.label
            output += "\n<g>"
            output += "<title>\(HTMLText.escape(bar.label)): \(HTMLText.escape(bar.valueText))</title>"
            output += "<text x=\"0\" y=\"\(top + 13)\" class=\"label\">\(HTMLText.escape(label))</text>"
            if !bar.note.isEmpty {
                output += "<text x=\"\(Self.width)\" y=\"\(top + 13)\" class=\"note\" text-anchor=\"end\">\(HTMLText.escape(bar.note))</text>"
            }
            output += "<rect x=\"0\" y=\"\(top + 19)\" width=\"\(Int(length))\" height=\"\(Self.barHeight)\" rx=\"2\" class=\"bar\"/>"
            output += "<text x=\"\(Int(length) + 6)\" y=\"\(top + 32)\" class=\"value\">\(HTMLText.escape(bar.valueText))</text>"
            output += "</g>"
        }
        return output + "\n</svg>"
    }
}
