import Foundation

/// Writes the report of a stored run: `report.html` and `note.md` in a directory.
public enum ReportWriter {
    /// Why the report could not be written.
    public struct WriteError: Error, CustomStringConvertible, LocalizedError {
        public let description: String
        public var errorDescription: String? { description }
    }

    /// The file names written in the directory.
    public static let htmlFileName = "report.html"
    public static let noteFileName = "note.md"

    /// Writes both files into `directory` (created if needed), each atomically (a reader sees the
    /// old file or the new one, never half of one); returns their paths. `news`, what the refresh
    /// that produced the run brought, adds a section saying when the data was refreshed.
    @discardableResult
    public static func write(
        _ run: AnalysisRun, language: ReportLanguage, news: RefreshNews? = nil, to directory: String
    ) throws(WriteError) -> [String] {
        let files = [
            (htmlFileName, HTMLReport(run: run, language: language, news: news).html),
            (noteFileName, MarkdownNote(run: run, language: language, news: news).markdown),
        ]
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (name, text) in files {
                let path = (directory as NSString).appendingPathComponent(name)
                try AtomicFile.write(Data(text.utf8), to: path)
                written.append(path)
            }
        } catch {
            throw WriteError(description: "\(directory): cannot write the report (\(error.localizedDescription)); check the directory")
        }
        return written
    }
}
