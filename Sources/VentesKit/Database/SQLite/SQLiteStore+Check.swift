import Foundation
import GRDB

extension SQLiteStore {
    /// How many rows one check names; the others are counted in one more finding.
    public static let findingsPerCheck = 20

    /// Checks the database at `path` without writing to it: SQLite's `PRAGMA integrity_check` and
    /// `PRAGMA foreign_key_check`, then the invariants every ventes database holds (see
    /// `CheckFinding.Check`). Reads every page: seconds on millions of sales.
    ///
    /// A file SQLite cannot read (damaged, truncated, not a database) is a finding, not an error:
    /// only a missing file throws. The database is never created nor migrated.
    public static func check(path: String) throws(OpenError) -> CheckReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw OpenError(path: path, reason: "no such database file")
        }
        // Opened for writing, though nothing is written (every check runs in a read-only transaction):
        // on a read-only connection, `PRAGMA integrity_check` skips the CHECK constraints.
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        var findings: [CheckFinding] = []
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                func run(_ what: String, _ check: (Database) throws -> [CheckFinding]) {
                    do {
                        findings += try check(db)
                    } catch {
                        findings.append(unreadable("\(what) could not finish", error))
                    }
                }
                run("PRAGMA integrity_check", integrityFindings)
                run("PRAGMA foreign_key_check", foreignKeyFindings)
                var schemaComplete = false
                run("the schema check") { db in
                    let (complete, findings) = try schemaFindings(db)
                    schemaComplete = complete
                    return findings
                }
                // The invariants name tables and columns of the latest schema, and mean nothing in a
                // file SQLite could not read through.
                guard schemaComplete, !findings.contains(where: { $0.check == .unreadable }) else { return }
                run("the sale checks", saleReferenceFindings)
                run("the revenue check", saleRevenueFindings)
                run("the sale price check", salePriceFindings)
                run("the product price check", productPriceFindings)
                run("the audit counter check", importCounterFindings)
                run("the imported sales check", importedSalesFindings)
                run("the quarantine check", importRejectFindings)
                run("the summary tables check") { db in
                    try SaleTotalsTables.differences(in: db).map { CheckFinding(.saleTotals, $0) }
                }
            }
        } catch {
            findings.append(unreadable("SQLite cannot read \(path)", error))
        }
        return CheckReport(path: path, findings: findings)
    }

    /// What SQLite said when a check could not run; for a damaged file, what to do.
    private static func unreadable(_ what: String, _ error: any Error) -> CheckFinding {
        var text = "\(what): \(failure(error).message)"
        if let error = error as? DatabaseError, [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            text += " (the file is damaged or not a database: restore it from a backup, or import the CSV files again into a new database)"
        }
        return CheckFinding(.unreadable, text)
    }

    /// Each line of `PRAGMA integrity_check` but its lone `ok`.
    private static func integrityFindings(_ db: Database) throws -> [CheckFinding] {
        var findings = FindingList(.integrity, counting: "more problems reported by PRAGMA integrity_check")
        let lines = try String.fetchCursor(db, sql: "PRAGMA integrity_check")
        while let line = try lines.next() {
            if line != "ok" { findings.add(line) }
        }
        return findings.all
    }

    /// `PRAGMA foreign_key_check` on every table but `sale`, whose rows have no rowid to name them:
    /// its three references are checked by `saleReferenceFindings`, which names each sale.
    private static func foreignKeyFindings(_ db: Database) throws -> [CheckFinding] {
        var findings = FindingList(.foreignKey, counting: "more rows referring to rows that do not exist")
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sale' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """)
        for table in tables {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT check_row.rowid AS row_id, check_row.parent, reference."from" AS column
                FROM pragma_foreign_key_check(?) AS check_row
                LEFT JOIN pragma_foreign_key_list(?) AS reference ON reference.id = check_row.fkid
                """, arguments: [table, table])
            while let row = try rows.next() {
                let rowID: Int64? = row["row_id"]
                let column: String = row["column"] ?? "a column"
                let parent: String = row["parent"]
                findings.add("\(table) row \(rowID.map(String.init) ?? "?"): its \(column) refers to no row of \(parent)")
            }
        }
        return findings.all
    }

    /// Whether every migration this version of ventes knows is applied, and a finding when one is not.
    private static func schemaFindings(_ db: Database) throws -> (complete: Bool, findings: [CheckFinding]) {
        let applied = try migrator.appliedIdentifiers(db)
        let missing = migrator.migrations.filter { !applied.contains($0) }
        guard !missing.isEmpty else { return (true, []) }
        if applied.isEmpty {
            return (false, [CheckFinding(.schema, "this is not a ventes database: it has no ventes schema (no migration applied)")])
        }
        return (false, [CheckFinding(.schema, """
            the schema lacks the migrations \(missing.joined(separator: ", ")) (applied: \(applied.sorted().joined(separator: ", "))): \
            it was made by an older ventes; run `ventes init` on it to migrate it, then check it again
            """)])
    }
}

/// The findings of one check: the first `SQLiteStore.findingsPerCheck` rows named, the others counted.
struct FindingList {
    private let check: CheckFinding.Check
    private let counting: String
    private var named: [CheckFinding] = []
    private var others = 0

    /// `counting` says what the others are, after "and N": "more sales whose ...".
    init(_ check: CheckFinding.Check, counting: String) {
        self.check = check
        self.counting = counting
    }

    /// Adds a finding; `message` is only built for the rows named.
    mutating func add(_ message: @autoclosure () -> String) {
        if named.count < SQLiteStore.findingsPerCheck {
            named.append(CheckFinding(check, message()))
        } else {
            others += 1
        }
    }

    var all: [CheckFinding] {
        others == 0 ? named : named + [CheckFinding(check, "and \(others) \(counting)")]
    }
}
