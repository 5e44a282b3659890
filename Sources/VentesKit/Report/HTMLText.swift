/// The one escaping function for text placed in HTML or SVG, in content or in attribute values.
enum HTMLText {
    /// `text` with `& < > " '` as character references: a product named
    /// `<script>alert(1)</script>` shows as written and never runs.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
