extension ResultRenderer {
    /// The results as Markdown: a `##` title, then per analysis a `###` heading, its question
    /// in italics and a pipe table (numbers right-aligned, money grouped: `5,268.78`).
    public static func markdown(_ results: [AnalysisResult], title: String) -> String {
        var output = "## \(MarkdownText.escape(title))\n"
        for result in results {
            output += "\n### \(MarkdownText.escape(result.name))\n\n"
            if !result.question.isEmpty { output += "_\(MarkdownText.escape(result.question))_\n\n" }
            if let error = result.error {
                output += "**Failed:** \(MarkdownText.escape(error))\n"
                continue
            }
            output += markdown(result)
        }
        return output
    }

    /// One result as a Markdown pipe table.
    public static func markdown(_ result: AnalysisResult) -> String {
        guard !result.columns.isEmpty else { return "(no columns)\n" }
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }
        var output = line(result.columns.map { MarkdownText.escape($0.displayName) })
        output += line(result.columns.indices.map { isNumeric(result, column: $0) ? "---:" : "---" })
        for row in result.rows {
            output += line(zip(result.columns, row).map { MarkdownText.escape(tableText($1, $0)) })
        }
        if result.rows.isEmpty { output += "\n(no rows)\n" }
        return output
    }
}
