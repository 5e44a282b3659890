import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging

/// Downloads one http(s) source to a file, conditionally, within the bounds of a `FetchPolicy`.
///
/// Network errors, timeouts, cut-short bodies, 5xx and 429 are retried with a doubling backoff;
/// any other failure is final at once. A 200 whose body is an HTML page is refused, since a CSV
/// was expected (typically a login page in front of a private file).
public struct HTTPFetcher: Sendable {
    private let policy: FetchPolicy
    private let logger: Logger

    public init(policy: FetchPolicy = FetchPolicy(), logger: Logger) {
        self.policy = policy
        self.logger = logger
    }

    /// Downloads `url` to `destination`, sending `validators` so that an unchanged file costs a 304.
    public func fetch(_ url: String, to destination: URL, validators: HTTPValidators) async throws(FetchError) -> Download {
        guard let address = URL(string: url), let scheme = address.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = address.host, !host.isEmpty
        else { throw .invalidURL(url: url) }
        var request = URLRequest(url: address, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: policy.timeout)
        request.setValue("text/csv, text/plain;q=0.9, */*;q=0.5", forHTTPHeaderField: "Accept")
        request.setValue("ventes", forHTTPHeaderField: "User-Agent")
        if let etag = validators.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = validators.lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }

        var attempt = 1
        while true {
            let result = await DownloadAttempt(url: url, destination: destination, policy: policy)
                .run(request, configuration: sessionConfiguration())
            switch classify(result, url: url, host: host, attempt: attempt, validators: validators, file: destination.path) {
            case .done(let download):
                return download
            case .fail(let error):
                throw error
            case .retry(let error, let retryAfter):
                guard attempt < policy.maxAttempts else { throw error }
                attempt += 1
                let delay = policy.delay(beforeAttempt: attempt, retryAfter: retryAfter)
                logger.warning("\(error.description); retrying in \(delay) s (attempt \(attempt) of \(policy.maxAttempts))")
                do {
                    try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                } catch {
                    throw .network(url: url, reason: "cancelled", attempts: attempt - 1)
                }
            }
        }
    }

    private enum Verdict {
        case done(Download)
        case fail(FetchError)
        case retry(FetchError, retryAfter: TimeInterval?)
    }

    private func classify(
        _ result: DownloadAttempt.Result, url: String, host: String, attempt: Int, validators: HTTPValidators,
        file: String
    ) -> Verdict {
        if let stop = result.stop { return .fail(stop) }
        if let error = result.error {
            // The connection closed before the announced length: say it was cut short, with the counts.
            if let response = result.response, response.statusCode == 200, let expected = Self.declaredLength(response),
               expected > result.bytes {
                return .retry(.truncated(url: url, received: result.bytes, expected: expected, attempts: attempt),
                              retryAfter: nil)
            }
            return classify(error, url: url, host: host, attempt: attempt)
        }
        guard let response = result.response else {
            return .retry(.network(url: url, reason: "no HTTP response", attempts: attempt), retryAfter: nil)
        }
        let status = response.statusCode
        let received = HTTPValidators(etag: response.value(forHTTPHeaderField: "ETag"),
                                      lastModified: response.value(forHTTPHeaderField: "Last-Modified"))
        switch status {
        case 200:
            if let expected = Self.declaredLength(response), result.bytes != expected {
                return .retry(.truncated(url: url, received: result.bytes, expected: expected, attempts: attempt),
                              retryAfter: nil)
            }
            if DownloadAttempt.looksLikeHTML(result.head) {
                let type = response.value(forHTTPHeaderField: "Content-Type") ?? "no content type"
                return .fail(.notCSV(url: url, contentType: type))
            }
            return .done(Download(
                url: url, outcome: .downloaded(file: file, sha256: result.sha256, bytes: result.bytes),
                httpStatus: status, attempts: attempt, validators: received))
        case 304 where !validators.isEmpty:
            // A 304 may omit the validators: keep the ones that earned it.
            let kept = HTTPValidators(etag: received.etag ?? validators.etag,
                                      lastModified: received.lastModified ?? validators.lastModified)
            return .done(Download(url: url, outcome: .notModified, httpStatus: status, attempts: attempt, validators: kept))
        case 300...399:
            return .fail(.tooManyRedirects(url: url, limit: policy.maxRedirects))
        case 429, 500...599:
            let retryAfter = response.value(forHTTPHeaderField: "Retry-After").flatMap(TimeInterval.init)
            return .retry(.httpStatus(url: url, status: status, attempts: attempt), retryAfter: retryAfter)
        default:
            return .fail(.httpStatus(url: url, status: status, attempts: attempt))
        }
    }

    private func classify(_ error: any Error, url: String, host: String, attempt: Int) -> Verdict {
        guard let error = error as? URLError else {
            return .retry(.network(url: url, reason: error.localizedDescription, attempts: attempt), retryAfter: nil)
        }
        switch error.code {
        case .timedOut:
            return .retry(.timedOut(url: url, seconds: policy.timeout, attempts: attempt), retryAfter: nil)
        case .cannotFindHost, .dnsLookupFailed:
            return .fail(.hostNotFound(url: url, host: host))
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
             .clientCertificateRequired:
            return .fail(.tls(url: url, reason: error.localizedDescription))
        case .httpTooManyRedirects, .redirectToNonExistentLocation:
            return .fail(.tooManyRedirects(url: url, limit: policy.maxRedirects))
        case .unsupportedURL, .badURL:
            return .fail(.invalidURL(url: url))
        case _ where Self.isTLSFailure(error.localizedDescription):
            // On Linux most TLS failures arrive as an unknown code with libcurl's OpenSSL message.
            return .fail(.tls(url: url, reason: error.localizedDescription))
        default:
            return .retry(.network(url: url, reason: error.localizedDescription, attempts: attempt), retryAfter: nil)
        }
    }

    /// The body length the server announced, when it can be compared with the bytes received:
    /// not when the body was compressed on the wire (the session hands over decompressed bytes).
    private static func declaredLength(_ response: HTTPURLResponse) -> Int? {
        let encoding = response.value(forHTTPHeaderField: "Content-Encoding")?.lowercased() ?? "identity"
        guard encoding == "identity", response.expectedContentLength >= 0 else { return nil }
        return Int(response.expectedContentLength)
    }

    private static func isTLSFailure(_ message: String) -> Bool {
        ["SSL", "TLS", "certificate"].contains { message.range(of: $0, options: .caseInsensitive) != nil }
    }

    private func sessionConfiguration() -> URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = policy.timeout
        configuration.timeoutIntervalForResource = policy.resourceTimeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        return configuration
    }
}
