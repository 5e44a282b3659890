/// Where a source file is: a local path or an http(s) URL.
public enum SourceLocation: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    /// An http:// or https:// address, as written; checked by the fetcher.
    case url(String)

    /// Reads a value given on the command line, in the environment or in the configuration file:
    /// `http://…` and `https://…` are URLs, anything else is a path.
    public init(_ text: String) {
        let lowercased = text.lowercased()
        self = lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") ? .url(text) : .file(text)
    }

    /// The path or URL as the user wrote it.
    public var description: String {
        switch self {
        case .file(let path): return path
        case .url(let url): return url
        }
    }
}
