/// Escaping for text placed in Markdown: table cells, headings and sentences.
public enum MarkdownText {
    /// `text` with Markdown's active characters backslash-escaped and `<`, `&` as entities,
    /// so a product named `<script>` or `*A*` shows as written and line breaks stay in the cell.
    public static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "~": output += "\\" + String(character)
            case "#" where output.isEmpty: output += "\\#"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case _ where character.isNewline: output += " "
            default: output.append(character)
            }
        }
        return output
    }
}
