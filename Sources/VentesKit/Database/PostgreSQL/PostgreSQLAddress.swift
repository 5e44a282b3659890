import Foundation

/// Where a PostgreSQL store is: a `postgresql://user:password@host:port/database?sslmode=…&schema=…`
/// URL taken apart, with the password found the way `psql` finds it (the URL, then `PGPASSWORD`,
/// then `~/.pgpass`).
///
/// `schema` (default `ventes`) is this program's own parameter: the PostgreSQL schema that holds
/// the tables. It is stripped from the URL before connecting. `sslmode` follows libpq: `disable`,
/// `allow` and `prefer` (the default) try TLS when the server offers it, `require` insists on it
/// without checking the certificate, `verify-ca` and `verify-full` check it.
struct PostgreSQLAddress: Equatable {
    enum TLSMode: String {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String
    var schema: String
    var tlsMode: TLSMode

    /// The URL as the user wrote it, without its password: what every message shows.
    var location: String

    /// Why a URL cannot be used: the URL without its password, and what is wrong.
    struct Problem: Error, CustomStringConvertible {
        let location: String
        let reason: String
        var description: String { "\(location): \(reason)" }
    }

    /// `url` taken apart; `environment` and `home` say where to look for the password.
    init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
         home: String = NSHomeDirectory()) throws(Problem) {
        let location = Self.masked(url)
        guard var parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
              scheme == "postgresql" || scheme == "postgres" else {
            throw Problem(location: location, reason: "not a PostgreSQL URL (postgresql://user@host:5432/database)")
        }
        var schema = "ventes"
        var tlsMode = TLSMode.prefer
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "schema":
                schema = item.value ?? ""
            case "sslmode":
                guard let mode = TLSMode(rawValue: item.value ?? "") else {
                    throw Problem(location: location, reason: "sslmode \(item.value ?? "") is not one of disable, allow, prefer, require, verify-ca, verify-full")
                }
                tlsMode = mode
            default:
                throw Problem(location: location, reason: "unknown parameter \(item.name) (known: sslmode, schema)")
            }
        }
        guard PostgreSQLIdentifier.isValid(schema) else {
            throw Problem(location: location, reason: "schema \(schema) is not a plain name (letters, digits and _, not starting with a digit, at most 63 bytes)")
        }
        self.host = parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"] ?? "localhost"
        self.port = parts.port ?? environment["PGPORT"].flatMap { Int($0) } ?? 5432
        self.user = parts.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? NSUserName()
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        self.database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGDATABASE"] ?? self.user
        self.schema = schema
        self.tlsMode = tlsMode
        self.location = location
        parts.queryItems = nil
        self.password = parts.password.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.passwordFile(environment: environment, home: home).flatMap { file in
                Self.password(inPassFile: file, host: self.host, port: self.port, database: self.database, user: self.user)
            }
    }

    /// Host, port and database, as errors name them.
    var server: String { "\(host):\(port)/\(database)" }

    /// `url` with its password, if any, replaced by `***`.
    static func masked(_ url: String) -> String {
        URLPassword.masked(url)
    }

    private static func passwordFile(environment: [String: String], home: String) -> String? {
        if let file = environment["PGPASSFILE"], !file.isEmpty { return file }
        return home + "/.pgpass"
    }

    /// The password of the first line of a `.pgpass` file matching host, port, database and user
    /// (`*` matches anything; `\:` and `\\` escape).
    static func password(inPassFile path: String, host: String, port: Int, database: String, user: String) -> String? {
        // A missing or unreadable file has no password for us: libpq ignores it the same way.
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = splitPassLine(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func splitPassLine(_ line: String) -> [String] {
        var fields: [String] = [""]
        var escaped = false
        for character in line {
            if escaped {
                fields[fields.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }
}

/// SQL identifiers this store builds statements with (the schema, result tables and columns):
/// validated or quoted, never bound (identifiers cannot be).
enum PostgreSQLIdentifier {
    /// A plain lower-case-or-not name PostgreSQL accepts unquoted-equivalent, at most 63 bytes.
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 63 else { return false }
        let letters = CharacterSet.letters.union(CharacterSet(charactersIn: "_"))
        return letters.contains(first) && name.unicodeScalars.allSatisfy {
            $0.isASCII && (letters.contains($0) || CharacterSet.decimalDigits.contains($0))
        }
    }

    /// `name` quoted, its quotes doubled.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
