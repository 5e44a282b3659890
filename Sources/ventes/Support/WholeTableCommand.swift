/// The command line that prints one whole table of a stored run, named under a table cut to a
/// screenful: `ventes results --analysis sales_by_product --all`.
///
/// It repeats what selected the run (`--db`, `--config`, `--run`, `--compare`) when it was given.
func wholeTableCommand(_ common: CommonOptions, run: Int64? = nil, compare: Int64? = nil) -> @Sendable (_ analysis: String) -> String {
    var words = ["ventes", "results"]
    if let db = common.db { words += ["--db", shellWord(db)] }
    if let config = common.config { words += ["--config", shellWord(config)] }
    if let run { words += ["--run", String(run)] }
    if let compare { words += ["--compare", String(compare)] }
    let prefix = words.joined(separator: " ")
    return { analysis in "\(prefix) --analysis \(analysis) --all" }
}

/// `text` as one word for a POSIX shell: as is when plain, else in single quotes.
func shellWord(_ text: String) -> String {
    let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_./=:,+@%".unicodeScalars.contains($0)
    }
    return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
