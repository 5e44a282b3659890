import Foundation

/// A file to import and what it holds.
public struct ImportSource: Sendable {
    public var kind: FileKind
    /// Where the file is: a local path, or an http(s) URL that is downloaded first.
    public var location: SourceLocation
    /// For a URL: what fetching it gave (set by `Importer.fetchAndRun`); nil for a local file.
    public var download: Download?

    /// The path or URL as the user gave it (used in messages and the audit).
    public var path: String { location.description }

    /// A local file.
    public init(kind: FileKind, path: String) {
        self.init(kind: kind, location: .file(path))
    }

    public init(kind: FileKind, location: SourceLocation, download: Download? = nil) {
        self.kind = kind
        self.location = location
        self.download = download
    }

    /// The file to read: the download of a URL, or the local path.
    var readablePath: String? {
        switch (location, download?.outcome) {
        case (.file(let path), _): return path
        case (.url, .downloaded(let file, _, _)?): return file
        case (.url, .notModified?), (.url, nil): return nil
        }
    }
}
