import Foundation

/// A fresh empty directory for one test, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ventes-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `relative` inside the directory.
    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// True when `relative` exists inside the directory.
    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Writes `text` (UTF-8) to `relative`, creating the directories on the way.
    @discardableResult
    func write(_ text: String, to relative: String) throws -> String {
        try write(Data(text.utf8), to: relative)
    }

    /// Writes `data` to `relative`, creating the directories on the way.
    @discardableResult
    func write(_ data: Data, to relative: String) throws -> String {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        return target.path
    }

    /// Copies the fixture `name` (a file or a directory) to `relative` (its own name by default).
    @discardableResult
    func copyFixture(_ name: String, to relative: String? = nil) throws -> String {
        let target = url.appendingPathComponent(relative ?? name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.url(name), to: target)
        return target.path
    }

    /// Lays the directory out as the project is: `csv/` with the brief's three files and
    /// `results/analyses.sql` from the repository.
    func layOutProject(csv fixtureDirectory: String = "brief") throws {
        try copyFixture(fixtureDirectory, to: "csv")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("results"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.analysesFile, to: url.appendingPathComponent("results/analyses.sql"))
    }
}
