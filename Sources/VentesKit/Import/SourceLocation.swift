/// Where a source file is: a local path or an http(s) URL.
public enum SourceLocation: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    /// An http:// or https:// address, as written; checked by the fetcher.
    case url(String)

    /// Reads a value given on the command line, in the environment or in the configuration file:
    /// `scheme://…` is a URL (only http and https are fetched; others are refused with a message),
    /// anything else is a path.
    public init(_ text: String) {
        let scheme = text.prefix { $0.isLetter || $0.isNumber || "+.-".contains($0) }
        let isURL = !scheme.isEmpty && scheme.first!.isLetter && text.dropFirst(scheme.count).hasPrefix("://")
        self = isURL ? .url(text) : .file(text)
    }

    /// True for a URL, downloaded before it is imported.
    public var isURL: Bool {
        if case .url = self { return true }
        return false
    }

    /// The path or URL as the user wrote it.
    public var description: String {
        switch self {
        case .file(let path): return path
        case .url(let url): return url
        }
    }
}
