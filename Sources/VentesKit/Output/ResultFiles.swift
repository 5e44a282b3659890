import Foundation

/// Writes a run's results as files a person can open: one CSV per analysis.
public enum ResultFiles {
    /// Why the results could not be written.
    public struct WriteError: Error, CustomStringConvertible, LocalizedError {
        public let description: String
        public var errorDescription: String? { description }
    }

    /// Writes `<directory>/<name>.csv` for each successful analysis and `<directory>/results.json`,
    /// each atomically (a reader never sees half a file); returns the paths written.
    @discardableResult
    public static func write(_ run: AnalysisRun, to directory: String) throws(WriteError) -> [String] {
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for result in run.results where result.error == nil {
                let path = csvPath(result.name, in: directory)
                try AtomicFile.write(Data(ResultRenderer.csv(result).utf8), to: path)
                written.append(path)
            }
            let path = (directory as NSString).appendingPathComponent("results.json")
            try AtomicFile.write(Data((ResultRenderer.json(run).serialized() + "\n").utf8), to: path)
            written.append(path)
        } catch {
            throw WriteError(description: "\(directory): cannot write the results (\(error.localizedDescription)); check the directory")
        }
        return written
    }

    /// Where `write` puts the CSV of analysis `name`: `<directory>/<name>.csv`.
    public static func csvPath(_ name: String, in directory: String) -> String {
        (directory as NSString).appendingPathComponent("\(name).csv")
    }
}
