/// A line chart as inline SVG: periods along the bottom, amounts up the side, a dot per point.
///
/// Like the bar chart it carries a `<title>` and a `<desc>` that lists every value.
struct SVGLineChart {
    struct Point {
        /// The label under the axis (`mai 2023`, `27/05`).
        var label: String
        var value: Int64
        /// The amount as shown next to the dot or in its tooltip.
        var valueText: String
    }

    var id: String
    var title: String
    var description: String
    var points: [Point]
    /// How an axis amount is written (`1 000 €`).
    var axisText: (Int64) -> String

    static let width = 400
    static let height = 230
    private static let right = 16.0, top = 20.0, bottom = 30.0
    /// Above this many points, dots carry no printed value (a tooltip only) and labels thin out.
    private static let labelledPoints = 8

    /// The `<svg>` element, every text escaped.
    var svg: String {
        let (step, ceiling) = Self.scale(max(0, points.map(\.value).max() ?? 0))
        // The amounts up the side decide the left margin; 12 px text is about 7 px a character.
        let left = Double(axisText(ceiling).count) * 7 + 12
        let plotWidth = Double(Self.width) - left - Self.right
        let plotHeight = Double(Self.height) - Self.top - Self.bottom
        func x(_ index: Int) -> Double {
            points.count < 2 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(points.count - 1)
        }
        func y(_ value: Int64) -> Double { Self.top + plotHeight * (1 - Double(max(0, value)) / Double(ceiling)) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }

        var output = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Self.width) \(Self.height)" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" class="chart line-chart">\
            <title id="\(id)-title">\(HTMLText.escape(title))</title>\
            <desc id="\(id)-desc">\(HTMLText.escape(description))</desc>
            """
        var tick: Int64 = 0
        while tick <= ceiling {
            output += "\n<line x1=\"\(number(left))\" x2=\"\(number(left + plotWidth))\" y1=\"\(number(y(tick)))\" y2=\"\(number(y(tick)))\" class=\"grid\"/>"
            output += "<text x=\"\(number(left - 6))\" y=\"\(number(y(tick) + 4))\" class=\"axis\" text-anchor=\"end\">\(HTMLText.escape(axisText(tick)))</text>"
            tick += step
        }
        if points.count > 1 {
            let path = points.indices.map { "\($0 == 0 ? "M" : "L")\(number(x($0))),\(number(y(points[$0].value)))" }.joined(separator: " ")
            output += "\n<path d=\"\(path)\" class=\"line\"/>"
        }
        // As many period labels as fit side by side, evenly spaced.
        let labelWidth = Double(points.map(\.label.count).max() ?? 1) * 7 + 14
        let fitting = max(2, Int(plotWidth / labelWidth))
        let every = max(1, Int((Double(points.count) / Double(fitting)).rounded(.up)))
        for (index, point) in points.enumerated() {
            output += "\n<g><title>\(HTMLText.escape(point.label)): \(HTMLText.escape(point.valueText))</title>"
            output += "<circle cx=\"\(number(x(index)))\" cy=\"\(number(y(point.value)))\" r=\"\(points.count > Self.labelledPoints ? 2.5 : 4)\" class=\"dot\"/>"
            if points.count <= Self.labelledPoints {
                let anchor = points.count > 1 && index == 0 ? "start" : points.count > 1 && index == points.count - 1 ? "end" : "middle"
                // Below the dot when a neighbour is higher, so the label does not sit on the line.
                let neighbours = [index - 1, index + 1].filter(points.indices.contains).map { points[$0].value }
                let below = neighbours.contains { $0 > point.value }
                let labelY = below ? y(point.value) + 18 : y(point.value) - 9
                output += "<text x=\"\(number(x(index)))\" y=\"\(number(labelY))\" class=\"value\" text-anchor=\"\(anchor)\">\(HTMLText.escape(point.valueText))</text>"
            }
            if index % every == 0 {
                let anchor = points.count > 1 && index == 0 ? "start" : points.count > 1 && index == points.count - 1 ? "end" : "middle"
                output += "<text x=\"\(number(x(index)))\" y=\"\(Self.height - 8)\" class=\"axis\" text-anchor=\"\(anchor)\">\(HTMLText.escape(point.label))</text>"
            }
            output += "</g>"
        }
        return output + "\n</svg>"
    }

    /// A round step (1, 2 or 5 times a power of ten) and the axis top, for about four gridlines.
    static func scale(_ largest: Int64) -> (step: Int64, ceiling: Int64) {
        guard largest > 0 else { return (1, 1) }
        let rough = Double(largest) / 4
        var power: Int64 = 1
        while Double(power) * 10 <= rough { power *= 10 }
        let step = [1, 2, 5, 10].map { Int64($0) * power }.first { Double($0) >= rough } ?? power * 10
        let ceiling = ((largest + step - 1) / step) * step
        return (step, ceiling)
    }
}
