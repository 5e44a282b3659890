import Foundation
import Testing

/// What the results, history and report tests read back: the files `ventes` wrote in a project.
extension Project {
    /// Reads `name`, relative to the project directory, as UTF-8.
    func read(_ name: String) throws -> String {
        try String(contentsOfFile: directory.path(name), encoding: .utf8)
    }

    /// A project on `backend` where `ventes run` was done once on the brief's data.
    static func ranOnce(_ backend: Backend) throws -> Project {
        let project = try Project(backend: backend)
        let run = try project.ventes("run")
        try #require(run.status == 0, "\(run.stderr)")
        return project
    }
}
