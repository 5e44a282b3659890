import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import VentesKit

/// The hand-over between a download's session and the task that waits for it.
@Suite("DownloadAttempt")
struct DownloadAttemptTests {
    /// A task cancelled before it was resumed (a stop just as the request is made) is completed by
    /// the session on its own queues, which can run before `run` stores its continuation when the
    /// waiting thread is held up. That end must not be lost: `ventes watch` then waited forever,
    /// SIGTERM included. The session's completion is delivered here before `run`, in that order.
    @Test("a transfer that ended before run waited is returned, not lost and not restarted")
    func endedBeforeTheWait() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-attempt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Nothing listens on port 1: a request actually made would end in a refused connection.
        let url = "http://127.0.0.1:1/ventes.csv"
        let attempt = DownloadAttempt(url: url, destination: directory.appendingPathComponent("ventes.csv"), policy: FetchPolicy())
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        let cancelled = session.dataTask(with: URL(string: url)!)
        attempt.urlSession(session, task: cancelled, didCompleteWithError: URLError(.cancelled))

        let result = await attempt.run(URLRequest(url: URL(string: url)!), configuration: .ephemeral)

        #expect((result.error as? URLError)?.code == .cancelled, "\(String(describing: result.error))")
        #expect(result.response == nil)
    }
}
