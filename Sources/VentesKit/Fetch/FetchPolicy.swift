import Foundation

/// The bounds of a download: how long to wait, how often to retry, how much to accept.
public struct FetchPolicy: Sendable, Equatable {
    /// Seconds without an answer from the server before an attempt gives up.
    public var timeout: TimeInterval = 30
    /// Seconds one whole download may take, however busy the connection.
    public var resourceTimeout: TimeInterval = 600
    /// Attempts per URL: network errors, 5xx and 429 are retried until this many were made.
    public var maxAttempts = 3
    /// Seconds to wait before the second attempt; doubled before each further one.
    public var backoff: TimeInterval = 1
    /// The largest file accepted, in bytes; a bigger one stops the download.
    public var maxBytes = 100 * 1024 * 1024
    /// Redirects followed before the chain is called a loop.
    public var maxRedirects = 5

    public init() {}

    /// The wait before attempt `attempt` (2, 3, …): the backoff doubled each time, or the server's
    /// `Retry-After` when it asks for a short enough wait.
    func delay(beforeAttempt attempt: Int, retryAfter: TimeInterval?) -> TimeInterval {
        let doubled = backoff * pow(2, Double(max(0, attempt - 2)))
        if let retryAfter, retryAfter >= 0, retryAfter <= 60 { return max(retryAfter, doubled) }
        return doubled
    }
}
