/// What fetching one URL source gave: a file on disk, or the server's word that nothing changed.
public struct Download: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The body, stored at `file` (a temporary path), with its SHA-256 and size.
        case downloaded(file: String, sha256: String, bytes: Int)
        /// 304 Not Modified: the file is the one imported last time; nothing was downloaded.
        case notModified
    }

    public var url: String
    public var outcome: Outcome
    public var httpStatus: Int
    /// How many requests it took (retries included).
    public var attempts: Int
    /// The validators to send next time (the previous ones are kept on a 304 that omits them).
    public var validators: HTTPValidators

    public var isNotModified: Bool { outcome == .notModified }
}

/// An ETag and Last-Modified pair, as the server sent them.
public struct HTTPValidators: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// True when there is something to make a conditional request with.
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}
