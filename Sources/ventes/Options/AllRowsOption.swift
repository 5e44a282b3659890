import ArgumentParser
import VentesKit

/// `--all`: every row of every table, on a terminal too; shared by analyze, results and run.
struct AllRowsOption: ParsableArguments {
    @Flag(help: "Print every row of every table. By default a terminal shows the first rows of each and says where the rest is; a pipe, a file and --format json|csv|markdown always get every row.")
    var all = false

    /// The row limit for this stdout: none with `--all` or when stdout is not a terminal;
    /// otherwise a screenful per table, the rest found at `wholeTable(name)`.
    func rowLimit(wholeTable: @escaping @Sendable (_ analysis: String) -> String) -> TableRowLimit? {
        guard !all, TerminalScreen.isStandardOutput else { return nil }
        return TableRowLimit(rows: TerminalScreen.tableRows, wholeTable: wholeTable)
    }
}
