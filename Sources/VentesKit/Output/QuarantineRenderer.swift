/// Renders the quarantine for people (a table), machines (JSON) and spreadsheets (CSV in the source's dialect).
public enum QuarantineRenderer {
    /// One line per row: import, file, line, reason, then the text as written.
    public static func table(_ listing: QuarantineListing) -> String {
        guard let importID = listing.importID else { return "No import yet: nothing in quarantine.\n" }
        if listing.rows.isEmpty { return "Import #\(importID): no rejected rows.\n" }
        var output = "Import #\(importID): \(listing.rows.count) rejected row\(listing.rows.count == 1 ? "" : "s")\n"
        let header = ["import", "file", "line", "reason", "text"]
        let cells = listing.rows.map { row in
            [row.importID.map { "\($0)" } ?? "", row.source, "\(row.line)", row.reason.description, printable(row.rawText)]
        }
        let widths = header.indices.map { index in ([header[index]] + cells.map { $0[index] }).map(\.count).max() ?? 0 }
        func line(_ values: [String]) -> String {
            values.indices.map { index in
                let padding = String(repeating: " ", count: widths[index] - values[index].count)
                return index == 0 || index == 2 ? padding + values[index] : values[index] + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        output += line(header) + "\n"
        output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { output += line(row) + "\n" }
        return output
    }

    /// `{"import_id": N, "rows": [{"import_id", "kind", "file", "line", "reason", "raw"}]}`.
    public static func json(_ listing: QuarantineListing) -> JSONValue {
        .object([
            ("import_id", listing.importID.map(JSONValue.integer) ?? .null),
            ("rows", .array(listing.rows.map { row in
                .object([
                    ("import_id", row.importID.map(JSONValue.integer) ?? .null), ("kind", .string(row.kind.rawValue)),
                    ("file", .string(row.source)), ("line", .integer(Int64(row.line))),
                    ("reason", .string(row.reason.description)), ("raw", .string(row.rawText)),
                ])
            })),
        ])
    }

    /// The rejected rows under their file's own header, in its delimiter and encoding (with its
    /// byte order mark if it had one), CRLF line ends: fix them in a spreadsheet, then import
    /// the file as that kind. Empty when there is no rejected row.
    public static func csv(_ listing: QuarantineListing) throws(QuarantineError) -> [UInt8] {
        guard !listing.rows.isEmpty else { return [] }
        guard listing.sources.count == 1, let source = listing.sources.first else {
            throw .severalSources(listing.sources)
        }
        guard !source.headerText.isEmpty else { throw .headerUnknown(source) }
        var text = source.headerText + "\r\n"
        for row in listing.rows { text += row.rawText + "\r\n" }
        let prefix: [UInt8] = source.hasByteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        return prefix + source.encoding.encode(text)
    }

    /// The text on one line: line breaks and tabs shown as ↵ and →.
    private static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": continue
            case "\n": result += "↵"
            case "\t": result += "→"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
