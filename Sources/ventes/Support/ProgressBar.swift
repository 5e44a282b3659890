import Foundation
import VentesKit

/// A one-line progress bar on stderr for long imports: rows, bytes, rate and time left.
///
/// Shown only when stderr is a terminal, so logs, pipes and `--format json` stay clean.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var started: [String: Date] = [:]
    private var lastDraw = Date.distantPast

    /// A bar when stderr is a terminal, nil otherwise.
    static func forStandardError() -> ProgressBar? {
        isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
    }

    /// Draws `progress`, at most ten times a second, and ends the line when the file is done.
    func update(_ progress: ImportProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let start = started[progress.source] ?? now
        started[progress.source] = start
        guard progress.isFinished || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        var line = "\(progress.kind.rawValue) \(progress.source): \(progress.rows.formatted()) rows"
        if let total = progress.totalBytes, total > 0 {
            let fraction = min(1, Double(progress.bytesRead) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            line = "[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] "
                + "\(Int(fraction * 100))% " + line
                + ", \(Self.megabytes(progress.bytesRead))/\(Self.megabytes(total)) MB"
            if fraction > 0, !progress.isFinished {
                line += ", \(Int(elapsed / fraction - elapsed))s left"
            }
        }
        line += ", \(Int(Double(progress.rows) / elapsed).formatted()) rows/s"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + (progress.isFinished ? "\n" : "")).utf8))
    }

    private static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }
}
