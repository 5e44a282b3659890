extension ImportSummary {
    /// The summary as JSON: one object per file with its counters, e.g.
    /// `{"stores":{"read":7,"inserted":7,"updated":0,"unchanged":0,"rejected":0},...}`.
    public func json(_ wording: FrontEndWording = FrontEndWording()) -> JSONValue {
        var members: [(String, JSONValue)] = files.map { file in
            if file.isNotModified {
                return (file.kind.rawValue, .object([
                    ("status", .string("not_modified")), ("source", .string(file.source)),
                    ("http", Self.json(file.download)),
                ]))
            }
            let c = file.counts
            var counters: [(String, JSONValue)] = [("read", .integer(Int64(c.read))), ("inserted", .integer(Int64(c.inserted)))]
            if file.kind == .sales {
                counters.append(("duplicates", .integer(Int64(c.duplicates))))
            } else {
                counters += [("updated", .integer(Int64(c.updated))), ("unchanged", .integer(Int64(c.unchanged)))]
            }
            counters += [
                ("rejected", .integer(Int64(c.rejected))),
                ("status", .string("imported")),
                ("source", .string(file.source)),
                ("sha256", .string(file.sha256)),
                ("delimiter", .string(file.delimiter)),
                ("encoding", .string(file.encoding)),
                ("byte_order_mark", .bool(file.hasByteOrderMark)),
                ("decimal_separator", file.decimalSeparator.map { .string($0.rawValue) } ?? .null),
                ("date_format", file.dateFormat.map { .string($0.rawValue) } ?? .null),
                ("date_format_origin", file.dateFormatOrigin.map { .string($0.rawValue) } ?? .null),
                ("warnings", .array(file.warnings.map(JSONValue.string))),
                ("rejections", .array(file.rejections.map { row in
                    .object([("line", .integer(Int64(row.line))), ("reason", .string(wording.reason(row.reason))),
                             ("raw", .string(row.rawText))])
                })),
            ]
            if file.kind == .sales {
                // Where a refreshed export was read from: the import whose bytes it started with.
                counters += [("resumed_from_import", file.resumedFrom.map(JSONValue.integer) ?? .null),
                             ("read_past_prefix", .integer(Int64(file.readPastPrefix)))]
            }
            if file.download != nil { counters.append(("http", Self.json(file.download))) }
            return (file.kind.rawValue, .object(counters))
        }
        members.append(("import_id", .integer(importID)))
        return .object(members)
    }

    /// The summary for people: a line per file, then warnings and the first rejected rows.
    public func text(_ wording: FrontEndWording = FrontEndWording()) -> String {
        var lines = ["Import #\(importID)"]
        let width = files.map(\.source.count).max() ?? 0
        for file in files {
            let padded = file.source.padding(toLength: width, withPad: " ", startingAt: 0)
            let kind = file.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            if file.isNotModified {
                lines.append("  \(kind) \(padded)  unchanged: 304 Not Modified, not downloaded")
                continue
            }
            let c = file.counts
            let outcome = file.kind == .sales
                ? "inserted \(c.inserted), duplicates \(c.duplicates)"
                : "inserted \(c.inserted), updated \(c.updated), unchanged \(c.unchanged)"
            let fetched = file.download.map { "; downloaded \(file.bytes) bytes in \($0.attempts) attempt\($0.attempts == 1 ? "" : "s")" } ?? ""
            lines.append("  \(kind) \(padded)  read \(c.read): \(outcome), rejected \(c.rejected)  [\(file.audit.dialectDescription(wording))\(fetched)]")
        }
        for file in files {
            for warning in file.warnings { lines.append("  warning: \(warning)") }
            for row in file.rejections { lines.append("  rejected: \(row.source):\(row.line): \(wording.reason(row.reason))") }
            if file.counts.rejected > file.rejections.count {
                lines.append("  … and \(file.counts.rejected - file.rejections.count) more rejected rows in \(file.source) (\(wording.listRejects(importID)))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func json(_ download: Download?) -> JSONValue {
        guard let download else { return .null }
        return .object([
            ("url", .string(download.url)), ("status", .integer(Int64(download.httpStatus))),
            ("attempts", .integer(Int64(download.attempts))),
            ("etag", download.validators.etag.map(JSONValue.string) ?? .null),
            ("last_modified", download.validators.lastModified.map(JSONValue.string) ?? .null),
        ])
    }
}

extension FileAudit {
    /// The dialect the file was read in, for people:
    /// `delimiter ";", windows-1252, decimal ",", dates dd/mm/yyyy (remembered)`.
    public func dialectDescription(_ wording: FrontEndWording = FrontEndWording()) -> String {
        var parts = ["delimiter \"\(delimiter)\"", encoding + (hasByteOrderMark ? " with BOM" : "")]
        if let decimalSeparator { parts.append("decimal \"\(decimalSeparator.rawValue)\"") }
        if let dateFormat {
            switch dateFormatOrigin {
            case .remembered?: parts.append("dates \(dateFormat.rawValue) (remembered from an earlier import)")
            case .option?: parts.append("dates \(dateFormat.rawValue) (\(wording.dateFormatOption))")
            case .detected?, nil: parts.append("dates \(dateFormat.rawValue)")
            }
        }
        return parts.joined(separator: ", ")
    }
}
