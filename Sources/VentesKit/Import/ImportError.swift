import Foundation

/// A problem that stops an import; the database is left as it was.
///
/// Each case carries the facts (file, line, value, what was expected); `description` is one line
/// naming them. A front end that has options to offer (the command line's flags) words the remedy
/// itself from the same facts.
public enum ImportError: Error, Equatable, LocalizedError, CustomStringConvertible {
    case unreadable(source: String, reason: String)
    case empty(source: String, kind: FileKind)
    case notText(source: String, reason: String)
    case headerUnreadable(source: String, reason: String)
    case missingColumn(source: String, line: Int, column: String, found: [String], suggestion: String?)
    case ambiguousColumn(source: String, line: Int, column: String, headers: [String])
    case unterminatedQuote(source: String, line: Int)
    case ambiguousDateFormat(source: String, line: Int, example: String)
    case conflictingDateFormats(source: String, dayFirst: String, dayFirstLine: Int, monthFirst: String, monthFirstLine: Int)
    /// A bad row in strict mode, where any bad row aborts the import.
    case strictRejection(QuarantinedRow)
    /// The store failed (its own words and result code).
    case database(StoreFailure)
    /// The import was asked to stop (`ImportOptions.stop`) and was rolled back.
    case stopped

    public var description: String {
        switch self {
        case let .unreadable(source, reason):
            return "\(source): cannot read the file (\(reason)); check the path or name the file with its option"
        case let .empty(source, kind):
            return "\(source): the file is empty; expected a header line first (\(Self.exampleHeader(kind)))"
        case let .notText(source, reason):
            return "\(source): not a CSV text file: \(reason)"
        case let .headerUnreadable(source, reason):
            return "\(source): \(reason); save the file as UTF-8 CSV"
        case let .missingColumn(source, line, column, found, suggestion):
            let hint = suggestion.map { "; did you mean \"\($0)\"? rename it \"\(column)\"" } ?? "; add a \"\(column)\" column"
            let list = found.map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(source):\(line): missing required column \"\(column)\" (columns found: \(list))\(hint)"
        case let .ambiguousColumn(source, line, column, headers):
            let list = headers.map { "\"\($0)\"" }.joined(separator: " and ")
            return "\(source):\(line): columns \(list) both mean \"\(column)\"; keep one of them"
        case let .unterminatedQuote(source, line):
            return "\(source):\(line): a quoted field opened on this line is never closed; add the closing quote (\")"
        case .ambiguousDateFormat:
            return facts + ": give the date format (dd/mm/yyyy or mm/dd/yyyy)"
        case .conflictingDateFormats:
            return facts + ": write every date the same way, or give the date format to choose (dates in the other format are then rejected)"
        case let .strictRejection(row):
            return "\(row.source):\(row.line): \(row.reason); nothing was imported (strict mode): fix the row, or import without strict mode to quarantine it"
        case let .database(failure):
            return "database error: \(failure.message)"
        case .stopped:
            return "the import was stopped before its end; nothing was imported"
        }
    }

    public var errorDescription: String? { description }

    /// What happened, without what to do about it: a front end with options to offer adds its own
    /// remedy. For the errors whose remedy is not an option, the whole description.
    public var facts: String {
        switch self {
        case let .ambiguousDateFormat(source, line, example):
            return "\(source):\(line): dates like \"\(example)\" can be read as dd/mm/yyyy or mm/dd/yyyy, no date of the file has a day above 12 and no earlier import of this source says which; nothing was imported"
        case let .conflictingDateFormats(source, dayFirst, dayFirstLine, monthFirst, monthFirstLine):
            return "\(source):\(monthFirstLine): date \"\(monthFirst)\" is month first (mm/dd/yyyy) but line \(dayFirstLine) has \"\(dayFirst)\", day first (dd/mm/yyyy); nothing was imported"
        default:
            return description
        }
    }

    /// The import error for a file that could not be read to its end.
    init(_ error: CSVReadError, source: String) {
        switch error {
        case .unterminatedQuote(let line): self = .unterminatedQuote(source: source, line: line)
        case .io(let reason): self = .unreadable(source: source, reason: reason)
        }
    }

    private static func exampleHeader(_ kind: FileKind) -> String {
        switch kind {
        case .stores: return "ID Magasin,Ville,Nombre de salariés"
        case .products: return "Nom,ID Référence produit,Prix,Stock"
        case .sales: return "Date,ID Référence produit,Quantité,ID Magasin"
        }
    }
}
