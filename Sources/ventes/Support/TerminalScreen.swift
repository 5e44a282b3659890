import Foundation

/// What the executable knows of a terminal on stdout: whether there is one, and how many rows
/// of a table fit on its screen.
enum TerminalScreen {
    /// The most rows of one table shown on a terminal: with a title, a header, a rule and the
    /// line that says where the rest is, one table fits a classic 24-line screen.
    static let defaultTableRows = 20

    /// True when stdout is a terminal (a person reads it), false for a pipe or a file.
    static var isStandardOutput: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The rows of a table that fit on stdout's screen: `defaultTableRows`, fewer on a short
    /// terminal (its height less the 4 lines around a table), never fewer than 5.
    static var tableRows: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return defaultTableRows }
        return min(defaultTableRows, max(5, Int(size.ws_row) - 4))
    }
}
