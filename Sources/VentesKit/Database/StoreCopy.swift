/// A table on its way from one store to another (`ventes migrate`): its name and columns, as the
/// source's schema has them.
public struct CopiedTable: Equatable, Sendable {
    public var name: String
    public var columns: [String]

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }

    /// True for an analysis's result table (`result_<name>`), which the analyses file made and the
    /// target creates as its own analyses would; every other table comes from the migrations.
    public var isAnalysisResult: Bool { name.hasPrefix(Self.resultPrefix) }

    /// The analysis the table holds the results of, for a result table.
    public var analysisName: String? { isAnalysisResult ? String(name.dropFirst(Self.resultPrefix.count)) : nil }

    static let resultPrefix = "result_"

    /// The result table's own columns, after `run_id` and `row_number`.
    public var resultColumns: [String] { Array(columns.dropFirst(2)) }
}

/// What must agree between a store and its copy: the rows of every table, and the sales' totals.
public struct StoreFingerprint: Equatable, Sendable {
    /// Rows per table, by table name.
    public var rowCounts: [String: Int64]
    public var saleUnits: Int64
    public var saleRevenueCents: Cents

    public init(rowCounts: [String: Int64], saleUnits: Int64, saleRevenueCents: Cents) {
        self.rowCounts = rowCounts
        self.saleUnits = saleUnits
        self.saleRevenueCents = saleRevenueCents
    }

    /// The tables whose row counts differ from `other`'s, with both counts, by name.
    public func differences(from other: StoreFingerprint) -> [String] {
        var found: [String] = []
        for table in Set(rowCounts.keys).union(other.rowCounts.keys).sorted() where rowCounts[table] != other.rowCounts[table] {
            found.append("\(table): \(rowCounts[table] ?? 0) rows against \(other.rowCounts[table] ?? 0)")
        }
        if saleUnits != other.saleUnits { found.append("sale units: \(saleUnits) against \(other.saleUnits)") }
        if saleRevenueCents != other.saleRevenueCents {
            found.append("sale revenue: \(saleRevenueCents) cents against \(other.saleRevenueCents)")
        }
        return found
    }
}

/// A store whose whole content can be read table by table, to be copied into another store.
public protocol CopySource {
    /// Where the store is, as the user named it (never with a password).
    var location: String { get }

    /// Hands every table to `sink`, in an order where a table comes after those it refers to, in
    /// chunks of rows (the first chunk of a table may be empty, so that empty tables are announced
    /// too), all read from one snapshot; returns the fingerprint of that snapshot.
    func copyContent(_ sink: (CopiedTable, [[ResultValue]]) throws -> Void) throws -> StoreFingerprint
}

/// A store that can take the whole content of another one, into its own empty schema.
public protocol CopyTarget {
    /// Where the store is, as the user named it (never with a password).
    var location: String { get }

    /// Copies everything `source` holds in one transaction, then compares its own fingerprint with
    /// the source's and rolls back on any difference (`StoreCopyError.mismatch`). Refuses a target
    /// that already holds data (`StoreCopyError.targetNotEmpty`), writing nothing.
    func receiveCopy(from source: any CopySource) throws -> StoreFingerprint
}

/// Why a copy between two stores did not happen; nothing was written to the target.
public enum StoreCopyError: Error, Equatable, CustomStringConvertible {
    /// The target holds rows already, in these tables (with their counts).
    case targetNotEmpty(target: String, tables: [String])
    /// The copy's counts or totals differ from the source's: rolled back.
    case mismatch(target: String, differences: [String])
    /// A table of the source that the target's schema does not have (the source's migrations are newer).
    case unknownTable(target: String, table: String)

    public var description: String {
        switch self {
        case .targetNotEmpty(let target, let tables):
            return "\(target) already holds data (\(tables.joined(separator: ", "))): a copy goes only into an empty database"
        case .mismatch(let target, let differences):
            return "the copy into \(target) does not match its source (\(differences.joined(separator: "; "))): it was rolled back"
        case .unknownTable(let target, let table):
            return "\(target) has no table \(table): its schema is older than the source's"
        }
    }
}
