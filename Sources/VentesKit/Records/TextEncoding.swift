import Foundation

/// The text encodings a business's CSV exports come in.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// Reads an encoding as people name it: `utf-8`, `utf8`, `windows-1252`, `cp1252`, `latin1`…
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "win1252", "cp-1252", "latin1", "latin-1", "iso-8859-1", "ansi": self = .windows1252
        default: return nil
        }
    }
}
