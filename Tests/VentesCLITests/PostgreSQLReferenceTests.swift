import Foundation
import Testing

/// Sale's references to its store, product and import on PostgreSQL, enforced by the server's
/// triggers for any writer: tried by hand with `psql`, as another tool would write.
@Suite("Sale references on PostgreSQL (run when VENTES_TEST_POSTGRESQL_URL is set)",
       .enabled(if: PostgreSQLTestServer.url != nil, "VENTES_TEST_POSTGRESQL_URL is not set"))
struct PostgreSQLReferenceTests {
    /// Runs `statement` on the project's schema and returns its SQLSTATE and message, or "ok".
    private func outcome(_ statement: String, _ project: Project) throws -> String {
        let rows = try PostgreSQLTestServer.psql("""
            CREATE FUNCTION pg_temp.outcome(statement text) RETURNS text LANGUAGE plpgsql AS $f$
            BEGIN
                EXECUTE statement;
                RETURN 'ok';
            EXCEPTION WHEN OTHERS THEN
                RETURN SQLSTATE || ' ' || SQLERRM;
            END $f$;
            SELECT pg_temp.outcome($q$\(statement)$q$)
            """, schema: project.schema)
        return rows.last?.joined(separator: "|") ?? ""
    }

    private func importedBrief() throws -> Project {
        let project = try Project(backend: .postgresql)
        try project.importBrief()
        return project
    }

    @Test("a sale naming a store, product or import that does not exist is refused with 23503", arguments: [
        ("'99', 'REF001', 1", #"23503 insert or update on table "sale" violates foreign key constraint "sale_store_id_fkey""#),
        ("'1', 'REF999', 1", #"23503 insert or update on table "sale" violates foreign key constraint "sale_product_id_fkey""#),
        ("'1', 'REF001', 42", #"23503 insert or update on table "sale" violates foreign key constraint "sale_import_id_fkey""#),
    ])
    func unknownParent(values: String, expected: String) throws {
        let project = try importedBrief()

        let inserted = try outcome("""
            INSERT INTO sale (store_id, product_id, import_id, date, quantity, unit_price_cents, revenue_cents, line)
            VALUES (\(values), '2030-01-01', 1, 100, 100, 1)
            """, project)
        let updated = try outcome("UPDATE sale SET (store_id, product_id, import_id) = (\(values)) WHERE line = 2", project)

        #expect(inserted == expected)
        #expect(updated == expected)
        #expect(try PostgreSQLTestServer.psql("SELECT COUNT(*) FROM sale", schema: project.schema) == [["30"]])
    }

    @Test("a referenced store, product or import cannot be deleted, renamed nor truncated; an unreferenced one can", arguments: [
        ("store", "'1'", "'77'"), ("product", "'REF001'", "'REF077'"), ("import_run", "1", "77"),
    ])
    func referencedParent(table: String, id: String, other: String) throws {
        let project = try importedBrief()
        let constraint = table == "store" ? "sale_store_id_fkey" : table == "product" ? "sale_product_id_fkey" : "sale_import_id_fkey"
        let refused = "23503 update or delete on table \"\(table)\" violates foreign key constraint \"\(constraint)\" on table \"sale\""

        #expect(try outcome("DELETE FROM \(table) WHERE id = \(id)", project).hasPrefix(refused))
        #expect(try outcome("UPDATE \(table) SET id = \(other) WHERE id = \(id)", project).hasPrefix(refused))
        #expect(try outcome("TRUNCATE \(table) CASCADE", project).hasPrefix("0A000 cannot truncate table \"\(table)\""))
        #expect(try outcome("UPDATE \(table) SET id = id WHERE id = \(id)", project) == "ok")
        // Its other references (product_price, the summary tables, the audit) are foreign keys still: a
        // fresh row has none.
        let fresh = switch table {
        case "store": "INSERT INTO store (id, city, import_id) VALUES ('77', 'Nantes', 1)"
        case "product": "INSERT INTO product (id, name, price_cents, import_id) VALUES ('REF077', 'Produit', 1, 1)"
        default: "INSERT INTO import_run (id, started_at, strict) VALUES (77, 'now', 0)"
        }
        #expect(try outcome(fresh, project) == "ok")
        #expect(try outcome("DELETE FROM \(table) WHERE id = \(other)", project) == "ok")
        #expect(try PostgreSQLTestServer.psql("SELECT COUNT(*) FROM \(table) WHERE id = \(id)", schema: project.schema) == [["1"]])
    }

    @Test("a store deleted while a transaction inserts a sale naming it waits for that transaction, then is refused")
    func deleteDuringInsert() throws {
        let project = try importedBrief()
        let inserting = try holdingTransaction("""
            INSERT INTO sale (store_id, product_id, import_id, date, quantity, unit_price_cents, revenue_cents, line)
                VALUES ('2', 'REF001', 1, '2030-01-01', 1, 4999, 4999, 1);
            """, tag: "inserting", project)
        let deleted = try outcome("DELETE FROM store WHERE id = '2'", project)
        let inserted = try inserting.wait()

        #expect(inserted.succeeded, "\(inserted.transcript)")
        #expect(deleted.hasPrefix("23503 update or delete on table \"store\" violates foreign key constraint \"sale_store_id_fkey\""), "\(deleted)")
        #expect(try PostgreSQLTestServer.psql("SELECT COUNT(*) FROM sale WHERE store_id = '2'", schema: project.schema) != [["0"]])
    }

    @Test("a sale inserted while a transaction deletes its store waits for that transaction, then is refused")
    func insertDuringDelete() throws {
        let project = try importedBrief()
        _ = try PostgreSQLTestServer.psql("INSERT INTO store (id, city, import_id) VALUES ('77', 'Nantes', 1)", schema: project.schema)
        let deleting = try holdingTransaction("DELETE FROM store WHERE id = '77';", tag: "deleting", project)
        let inserted = try outcome("""
            INSERT INTO sale (store_id, product_id, import_id, date, quantity, unit_price_cents, revenue_cents, line)
            VALUES ('77', 'REF001', 1, '2030-01-01', 1, 4999, 4999, 1)
            """, project)
        let deleted = try deleting.wait()

        #expect(deleted.succeeded, "\(deleted.transcript)")
        #expect(inserted.hasPrefix("23503 insert or update on table \"sale\" violates foreign key constraint \"sale_store_id_fkey\""), "\(inserted)")
        #expect(try PostgreSQLTestServer.psql("SELECT COUNT(*) FROM sale WHERE store_id = '77'", schema: project.schema) == [["0"]])
    }

    /// Starts `statements` in a psql transaction that sleeps a second before committing, and
    /// returns once that transaction sleeps (its statements done, its locks held).
    func holdingTransaction(_ statements: String, tag: String, _ project: Project) throws -> RunningCommand {
        let schema = project.schema ?? ""
        let base = try #require(PostgreSQLTestServer.url)
        let running = try Launcher.start(URL(fileURLWithPath: "/usr/bin/psql"), [base, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", """
            BEGIN;
            \(statements)
            SELECT pg_sleep(1), '\(tag)-\(schema)';
            COMMIT;
            """], in: FileManager.default.temporaryDirectory,
            environment: .inherited(adding: ["PGOPTIONS": "-c search_path=\(schema)"]))
        var sleeping = false
        for _ in 0..<100 where !sleeping {
            Thread.sleep(forTimeInterval: 0.05)
            sleeping = try PostgreSQLTestServer.psql("""
                SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE '%\(tag)-\(schema)%' AND wait_event = 'PgSleep'
                """) == [["1"]]
        }
        try #require(sleeping)
        return running
    }
}
