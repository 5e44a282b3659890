import Foundation
import TOMLKit

/// The optional configuration file (`ventes.toml`): the database, the sources, the results
/// directory, the analyses file and the refresh interval, each value with the line it is on.
///
/// ```toml
/// database = "data/ventes.db"
/// results_dir = "results"
///
/// [sources]
/// stores = "https://example.com/export/magasins.csv"
/// sales = "csv/ventes.csv"
///
/// [watch]
/// every = "15m"
/// ```
public struct ConfigurationFile: Equatable, Sendable {
    /// One value of the file and its line.
    public struct Entry: Equatable, Sendable {
        public var value: String
        public var line: Int
    }

    /// The file as it was named.
    public var path: String
    public var values: [Settings.Key: Entry]

    /// Which file to read: the one named on the command line, else the one named in the
    /// environment, else `ventes.toml` in the working directory when there is one; nil when none
    /// applies. A file named explicitly must exist (`load` says so); the implicit one is optional.
    public static func locate(explicit: String?, fromEnvironment: String?) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let variable = fromEnvironment, !variable.isEmpty { return variable }
        let implicit = Settings.Defaults.configurationFile
        return FileManager.default.fileExists(atPath: implicit) ? implicit : nil
    }

    /// Reads and checks the file at `path`.
    public static func load(path: String) throws(ConfigurationError) -> ConfigurationFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(text, path: path)
    }

    /// Checks `text` as the contents of the file `path`.
    public static func parse(_ text: String, path: String) throws(ConfigurationError) -> ConfigurationFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(path: path, line: error.source.begin.line, column: error.source.begin.column,
                          reason: error.description)
        } catch {
            throw .syntax(path: path, line: 1, column: 1, reason: String(describing: error))
        }
        let lines = KeyLines(text)
        var values: [Settings.Key: Entry] = [:]
        let topLevel = Settings.Key.allCases.filter { $0.fileTable == nil }
        let tables = Settings.Key.allCases.compactMap(\.fileTable).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for name in table.keys {
            let line = lines.line(of: name, in: nil)
            if tables.contains(name) {
                guard let inner = table[name]?.table else {
                    throw .wrongType(path: path, line: line, key: name, expected: "a table ([\(name)])")
                }
                let keys = Settings.Key.allCases.filter { $0.fileTable == name }
                for innerName in inner.keys {
                    let innerLine = lines.line(of: innerName, in: name)
                    guard let key = keys.first(where: { $0.fileKey == innerName }) else {
                        throw .unknownKey(path: path, line: innerLine, key: "\(name).\(innerName)", known: keys.map(\.displayName))
                    }
                    guard let value = inner[innerName]?.string else {
                        throw .wrongType(path: path, line: innerLine, key: key.displayName, expected: key.expectedValue)
                    }
                    values[key] = Entry(value: value, line: innerLine)
                }
                continue
            }
            guard let key = topLevel.first(where: { $0.fileKey == name }) else {
                throw .unknownKey(path: path, line: line, key: name, known: topLevel.map(\.displayName) + tables.map { "[\($0)]" })
            }
            guard let value = table[name]?.string else {
                throw .wrongType(path: path, line: line, key: name, expected: key.expectedValue)
            }
            values[key] = Entry(value: value, line: line)
        }
        return ConfigurationFile(path: path, values: values)
    }
}

extension Settings.Key {
    /// What the configuration file must give for the key, for its message when it gives something else.
    var expectedValue: String {
        switch self {
        case .source: return "a string (a path or a URL)"
        case .watchInterval: return "a string (a duration such as \"15m\")"
        default: return "a string (a path)"
        }
    }
}

/// Finds the line of each `key =` of a TOML text, by table (TOMLKit keeps no positions).
private struct KeyLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                table = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t\r"))
                lines[Self.id(table!, nil)] = lines[Self.id(table!, nil)] ?? index + 1
                continue
            }
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = line[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            lines[Self.id(key, table)] = lines[Self.id(key, table)] ?? index + 1
        }
    }

    func line(of key: String, in table: String?) -> Int { lines[Self.id(key, table)] ?? 1 }

    private static func id(_ key: String, _ table: String?) -> String { (table.map { $0 + "." } ?? "") + key }
}

/// Why the configuration file cannot be used: one line naming the file, the line and the fix.
public enum ConfigurationError: Error, Equatable, LocalizedError, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, reason: String)
    case unknownKey(path: String, line: Int, key: String, known: [String])
    case wrongType(path: String, line: Int, key: String, expected: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read the configuration file (\(reason))"
        case let .syntax(path, line, column, reason):
            return "\(path):\(line):\(column): invalid TOML: \(reason)"
        case let .unknownKey(path, line, key, known):
            return "\(path):\(line): unknown key \"\(key)\"; the keys are \(known.joined(separator: ", "))"
        case let .wrongType(path, line, key, expected):
            return "\(path):\(line): \"\(key)\" must be \(expected); write it in quotes"
        }
    }

    public var errorDescription: String? { description }
}
