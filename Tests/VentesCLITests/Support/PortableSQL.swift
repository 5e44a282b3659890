import Foundation
import Testing

/// SQL for `StoreInspector` where SQLite and PostgreSQL spell the same question differently, so
/// that one test body checks either backend.
enum PortableSQL {
    /// The UTF-8 bytes of the text `expression` as upper-case hex, as SQLite's `hex()` shows them
    /// (PostgreSQL: `encode(convert_to(…))`, upper-cased).
    static func hex(_ expression: String, on backend: Backend) -> String {
        switch backend {
        case .sqlite: return "hex(\(expression))"
        case .postgresql: return "upper(encode(convert_to(\(expression), 'UTF8'), 'hex'))"
        }
    }

    /// One row `[name]` when the store has an index called `name`, none otherwise.
    static func index(named name: String, on backend: Backend) -> String {
        switch backend {
        case .sqlite: return "SELECT name FROM sqlite_master WHERE type = 'index' AND name = '\(name)'"
        case .postgresql: return "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname = '\(name)'"
        }
    }

    /// The number of sales whose product, store or import does not exist: 0 in a sound store.
    static let salesWithoutParent = """
        SELECT COUNT(*) FROM sale
        WHERE NOT EXISTS (SELECT 1 FROM product WHERE product.id = sale.product_id)
           OR NOT EXISTS (SELECT 1 FROM store WHERE store.id = sale.store_id)
           OR NOT EXISTS (SELECT 1 FROM import_run WHERE import_run.id = sale.import_id)
        """

    /// Checks that no sale of `store` lacks its product, store or import; on SQLite, also that
    /// `PRAGMA foreign_key_check` finds nothing (every foreign key of the file).
    static func expectEveryReferenceHolds(_ store: StoreInspector, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try store.integer(salesWithoutParent) == 0, sourceLocation: sourceLocation)
        if store.backend == .sqlite {
            #expect(try DatabaseFile(store.location).rows("PRAGMA foreign_key_check").isEmpty, sourceLocation: sourceLocation)
        }
    }

    /// Everything the store holds, to check that a failed call changed nothing: on SQLite every
    /// table and the schema (`DatabaseFile.snapshot`); on PostgreSQL every table and view of the
    /// project's schema, each table's rows sorted, plus the columns of each.
    static func wholeStore(of project: Project) throws -> [String: [[String]]] {
        guard project.backend == .postgresql else { return try project.database.snapshot() }
        let store = project.store
        var content = ["information_schema.columns": try store.rows("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """)]
        let tables = try store.rows("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name
            """).map { $0[0] }
        for table in tables {
            content[table] = try store.rows("SELECT * FROM \"\(table)\"").sorted { $0.lexicographicallyPrecedes($1) }
        }
        return content
    }
}
