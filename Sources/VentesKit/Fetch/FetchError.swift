import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why a source URL could not be downloaded; the import stops and the database is left as it was.
///
/// Each message is one line: the URL, what went wrong, and what to do.
public enum FetchError: Error, Equatable, LocalizedError, CustomStringConvertible {
    case invalidURL(url: String)
    case httpStatus(url: String, status: Int, attempts: Int)
    case tooManyRedirects(url: String, limit: Int)
    case notCSV(url: String, contentType: String)
    case tooLarge(url: String, limit: Int)
    case truncated(url: String, received: Int, expected: Int, attempts: Int)
    case timedOut(url: String, seconds: TimeInterval, attempts: Int)
    case hostNotFound(url: String, host: String)
    case tls(url: String, reason: String)
    case network(url: String, reason: String, attempts: Int)
    case download(url: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidURL(url):
            return "\(url): not a valid http(s) URL; write it as https://host/path/file.csv"
        case let .httpStatus(url, status, attempts):
            let phrase = HTTPURLResponse.localizedString(forStatusCode: status)
            let what = "HTTP \(status) \(phrase)\(Self.after(attempts))"
            switch status {
            case 401, 403: return "\(url): \(what); the file is not shared publicly: share it with a link or give a public export URL"
            case 404, 410: return "\(url): \(what); check the URL, the file may have moved"
            case 429: return "\(url): \(what); the server asks to slow down, try again later"
            case 500...599: return "\(url): \(what); the server is failing, try again later"
            default: return "\(url): \(what); check the URL"
            }
        case let .tooManyRedirects(url, limit):
            return "\(url): more than \(limit) redirects (a redirect loop?); open the URL in a browser and use the address it ends at"
        case let .notCSV(url, contentType):
            return "\(url): the server sent an HTML page (\(contentType)), not a CSV file (a login page?); use the file's export or raw download URL"
        case .tooLarge:
            return facts + " (raise the download size limit if it is expected)"
        case let .truncated(url, received, expected, attempts):
            return "\(url): the download was cut short (\(received) of \(expected) bytes)\(Self.after(attempts)); try again later"
        case .timedOut:
            return facts + "; check the server or allow a longer timeout"
        case let .hostNotFound(url, host):
            return "\(url): host \"\(host)\" not found (DNS); check the host name and the network"
        case let .tls(url, reason):
            return "\(url): secure connection failed (TLS: \(reason)); check the certificate or the https address"
        case let .network(url, reason, attempts):
            return "\(url): network error: \(reason)\(Self.after(attempts)); check the network and the server"
        case let .download(url, reason):
            return "\(url): cannot store the download: \(reason)"
        }
    }

    public var errorDescription: String? { description }

    /// What happened, without what to do about it: a front end with options to offer adds its own
    /// remedy. For the errors whose remedy is not an option, the whole description.
    public var facts: String {
        switch self {
        case let .tooLarge(url, limit):
            return "\(url): the file is larger than \(limit) bytes; nothing was imported"
        case let .timedOut(url, seconds, attempts):
            return "\(url): no answer within \(Self.seconds(seconds))\(Self.after(attempts))"
        default:
            return description
        }
    }

    private static func after(_ attempts: Int) -> String {
        attempts > 1 ? " (after \(attempts) attempts)" : ""
    }

    private static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
