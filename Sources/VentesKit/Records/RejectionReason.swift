/// Why a row was refused, with the data that says so. The quarantine keeps its `description`.
public enum RejectionReason: Error, Equatable, Sendable, CustomStringConvertible {
    /// The record itself could not be read (bytes not valid in the file's encoding, too long...).
    case unreadableRecord(String)
    /// Fewer fields than the header, or extra fields that are not empty.
    case fieldCount(expected: Int, found: Int)
    case emptyField(column: String)
    /// A count (employees, stock) that is not a whole number in range; `expected` says which.
    case notAWholeNumber(column: String, value: String, expected: String)
    /// A price that does not read as an amount of money.
    case badPrice(Cents.ParseError)
    /// A price like `1.234` in a file whose prices do not settle which separator is decimal: it
    /// reads as thousands with a decimal comma, which only the user can choose.
    case priceMaybeThousands(Cents.ParseError)
    case badDate(DateProblem)
    case quantityNotPositive(String)
    case unknownProduct(id: String, known: Int, nearest: String?)
    case unknownStore(id: String, known: Int, nearest: String?)
    /// Quantity times unit price does not fit in 64 bits of cents.
    case revenueTooLarge(quantity: Int, unitPrice: Cents)
    /// A reason read back from the quarantine, as it was written.
    case recorded(String, dependsOnData: Bool)

    /// True when the row may become valid once the stores or products change (an unknown id).
    public var dependsOnData: Bool {
        switch self {
        case .unknownProduct, .unknownStore: return true
        case .recorded(_, let dependsOnData): return dependsOnData
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .unreadableRecord(let problem): return problem
        case let .fieldCount(expected, found): return "\(expected) fields expected, \(found) found"
        case .emptyField(let column): return "\(column) is empty"
        case let .notAWholeNumber(column, value, expected): return "\(column) \(value) is not \(expected)"
        case .badPrice(let error): return error.description
        case .priceMaybeThousands(let error): return error.description + " (if it means thousands, read the prices with a decimal comma)"
        case .badDate(let problem): return problem.description
        case .quantityNotPositive(let text): return "quantity \(text) is not a positive integer"
        case let .unknownProduct(id, known, nearest): return "unknown product \(id) (\(Self.known(known, "product", nearest)))"
        case let .unknownStore(id, known, nearest): return "unknown store \(id) (\(Self.known(known, "store", nearest)))"
        case let .revenueTooLarge(quantity, unitPrice):
            return "quantity \(quantity) at \(unitPrice) a unit is a revenue too large to count; check the quantity"
        case .recorded(let text, _): return text
        }
    }

    private static func known(_ count: Int, _ noun: String, _ nearest: String?) -> String {
        guard count > 0 else { return "no \(noun)s known: import the \(noun)s file first" }
        let known = "\(count) \(noun)\(count == 1 ? "" : "s") known"
        return nearest.map { "\(known), nearest: \($0)" } ?? known
    }
}
