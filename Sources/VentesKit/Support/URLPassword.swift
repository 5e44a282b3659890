/// Passwords written in URLs (`scheme://user:password@host/…`), kept out of what is printed.
public enum URLPassword {
    /// `text` with the password of its URL's user part, if any, replaced by `***`; any other text as it is.
    public static func masked(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"),
              let colon = rest[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<rest.index(after: colon)]) + "***" + String(text[at...])
    }
}
