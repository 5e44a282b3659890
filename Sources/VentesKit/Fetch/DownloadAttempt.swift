import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request whose body is streamed to a file, hashed and counted as it arrives.
///
/// The session calls the delegate methods on its serial queue; `result` is read once, after
/// completion, so the lock only guards against that hand-over. The end of the transfer may come
/// before `run` waits for it: a task cancelled before it was resumed (a stop just as the request
/// is made) completes on the session's queues while `run` has not stored its continuation yet.
final class DownloadAttempt: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// What one attempt ended with; the fetcher decides whether it is final or worth a retry.
    struct Result {
        var response: HTTPURLResponse?
        var error: (any Error)?
        /// A reason of ours to stop the transfer (too large, HTML, disk), more precise than `error`.
        var stop: FetchError?
        var bytes = 0
        var sha256 = ""
        /// The first bytes of the body, to recognise an HTML page served as text/plain or CSV.
        var head = Data()
        var redirects = 0
    }

    private let url: String
    private let destination: URL
    private let policy: FetchPolicy
    private let lock = NSLock()
    private var state = Result()
    private var handle: FileHandle?
    private var hasher = SHA256()
    private var continuation: CheckedContinuation<Result, Never>?
    /// The result of a transfer that ended before `run` waited for it.
    private var finished: Result?

    init(url: String, destination: URL, policy: FetchPolicy) {
        self.url = url
        self.destination = destination
        self.policy = policy
    }

    /// Runs `request` on a session of its own and waits for the end of the transfer.
    func run(_ request: URLRequest, configuration: URLSessionConfiguration) async -> Result {
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: request)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let early: Result? = lock.withLock {
                    if let finished { return finished }
                    self.continuation = continuation
                    return nil
                }
                guard let early else {
                    task.resume()
                    return
                }
                task.cancel()  // ended already (cancelled): never start it
                continuation.resume(returning: early)
            }
        } onCancel: {
            task.cancel()
        }
    }

    // MARK: - URLSessionDataDelegate

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        lock.withLock { state.response = http }
        guard let http, http.statusCode == 200 else {
            completionHandler(.allow)  // a status the fetcher reports; its small body is dropped
            return
        }
        let contentType = http.value(forHTTPHeaderField: "Content-Type") ?? ""
        if Self.isHTML(contentType: contentType) {
            stop(.notCSV(url: url, contentType: contentType))
            completionHandler(.cancel)
            return
        }
        if http.expectedContentLength > Int64(policy.maxBytes) {
            stop(.tooLarge(url: url, limit: policy.maxBytes))
            completionHandler(.cancel)
            return
        }
        do {
            guard FileManager.default.createFile(atPath: destination.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let handle = try FileHandle(forWritingTo: destination)
            lock.withLock { self.handle = handle }
            completionHandler(.allow)
        } catch {
            stop(.download(url: url, reason: "\(destination.path): \(error.localizedDescription)"))
            completionHandler(.cancel)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        guard let handle, state.stop == nil else {
            lock.unlock()
            return
        }
        state.bytes += data.count
        if state.head.count < 1024 { state.head.append(data.prefix(1024 - state.head.count)) }
        let tooLarge = state.bytes > policy.maxBytes
        lock.unlock()
        if tooLarge {
            stop(.tooLarge(url: url, limit: policy.maxBytes))
            dataTask.cancel()
            return
        }
        do {
            try handle.write(contentsOf: data)
            lock.withLock { hasher.update(data: data) }
        } catch {
            stop(.download(url: url, reason: "\(destination.path): \(error.localizedDescription)"))
            dataTask.cancel()
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        let count = lock.withLock {
            state.redirects += 1
            return state.redirects
        }
        if count > policy.maxRedirects {
            stop(.tooManyRedirects(url: url, limit: policy.maxRedirects))
            completionHandler(nil)
        } else {
            completionHandler(request)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (result, continuation) = lock.withLock {
            var closeError: (any Error)?
            do {
                try handle?.close()
            } catch {
                closeError = error
            }
            handle = nil
            if let closeError, state.stop == nil {
                state.stop = .download(url: url, reason: "\(destination.path): \(closeError.localizedDescription)")
            }
            state.error = error
            state.sha256 = hasher.finalize().map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
            let continuation = self.continuation
            self.continuation = nil
            if continuation == nil { finished = state }  // `run` has not waited yet: it will find it
            return (state, continuation)
        }
        continuation?.resume(returning: result)
    }

    // MARK: - Helpers

    private func stop(_ reason: FetchError) {
        lock.withLock { if state.stop == nil { state.stop = reason } }
    }

    /// True for a content type that announces a web page rather than data.
    static func isHTML(contentType: String) -> Bool {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type == "text/html" || type == "application/xhtml+xml"
    }

    /// True when the body starts like an HTML document (after a BOM and blank space).
    static func looksLikeHTML(_ head: Data) -> Bool {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text = String(decoding: bytes.prefix(256), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return text.hasPrefix("<!doctype html") || text.hasPrefix("<html")
            || (text.hasPrefix("<?xml") && text.contains("<html"))
    }
}
