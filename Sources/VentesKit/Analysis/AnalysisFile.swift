import Crypto
import Foundation

/// One named query of the analyses file.
public struct AnalysisQuery: Equatable, Sendable {
    /// The name after `-- name:`, also the name of its result table (`result_<name>`).
    public var name: String
    /// The question the query answers: the first comment line after its name.
    public var question: String
    public var sql: String
    /// The line of the file where the query's `-- name:` is.
    public var line: Int
}

/// The analyses file: SQL queries, each introduced by `-- name: NAME`.
///
/// ```sql
/// -- name: total_revenue
/// -- What is the total revenue?
/// SELECT SUM(revenue_cents) AS revenue_cents FROM sale;
/// ```
/// A column whose name ends in `_cents` holds money: outputs show it in euros, without the suffix.
public struct AnalysisFile: Sendable {
    public var path: String
    public var queries: [AnalysisQuery]
    public var sha256: String

    /// Why an analyses file cannot be used.
    public struct Problem: Error, CustomStringConvertible, LocalizedError {
        public let description: String
        /// True when the file could not be read at all (rather than read and found wrong).
        public var isUnreadable = false
        public var errorDescription: String? { description }
    }

    /// Reads and splits the file at `path`.
    public init(path: String) throws(Problem) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Problem(description: "\(path): cannot read the analyses file (\(error.localizedDescription))", isUnreadable: true)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "\(path): the analyses file is not UTF-8 text")
        }
        try self.init(path: path, text: text, sha256: SHA256.hash(data: data).hexString)
    }

    /// Splits `text` into named queries.
    public init(path: String, text: String) throws(Problem) {
        try self.init(path: path, text: text, sha256: SHA256.hash(data: Data(text.utf8)).hexString)
    }

    /// Splits `text` into named queries; `sha256` is the hash of the file it came from.
    private init(path: String, text: String, sha256: String) throws(Problem) {
        self.path = path
        self.sha256 = sha256
        var queries: [AnalysisQuery] = []
        var current: (name: String, line: Int, question: String?, body: [String])?
        func finish() throws(Problem) {
            guard let query = current else { return }
            let sql = query.body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            guard sql.contains(where: { !$0.isWhitespace }) else {
                throw Problem(description: "\(path):\(query.line): query \"\(query.name)\" has no SQL")
            }
            queries.append(AnalysisQuery(name: query.name, question: query.question ?? "", sql: sql, line: query.line))
        }
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let lineNumber = offset + 1
            if let name = Self.name(inDirective: line) {
                try finish()
                guard Self.isValidName(name) else {
                    throw Problem(description: "\(path):\(lineNumber): \"\(name)\" is not a valid query name; use lowercase letters, digits and _")
                }
                if queries.contains(where: { $0.name == name }) {
                    throw Problem(description: "\(path):\(lineNumber): query name \"\(name)\" is used twice; rename one")
                }
                current = (name, lineNumber, nil, [])
            } else if current != nil {
                if current!.question == nil && current!.body.allSatisfy({ $0.allSatisfy(\.isWhitespace) })
                    && line.hasPrefix("--") {
                    current!.question = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
                } else {
                    current!.body.append(String(rawLine))
                }
            }
        }
        try finish()
        if queries.isEmpty {
            throw Problem(description: "\(path): no query found; start each query with a line \"-- name: NAME\"")
        }
        self.queries = queries
    }

    private static func name(inDirective line: String) -> String? {
        guard line.hasPrefix("--") else { return nil }
        let rest = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
        guard rest.lowercased().hasPrefix("name:") else { return nil }
        return rest.dropFirst(5).trimmingCharacters(in: .whitespaces)
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 60 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
