/// The references of `sale` to its store, product and import, enforced by the server for every
/// writer (ventes, psql, a BI tool's loader) with set-based triggers instead of foreign keys.
///
/// A foreign key checks each inserted row with a row-level trigger per key, taking a KEY SHARE lock
/// on the parent each time: three lookups and three locks per sale, 20.8 s of the 27 s an
/// `INSERT … SELECT` of 1M sales takes. Here one statement-level trigger per statement checks the
/// new rows (its transition table) with one anti-join per parent, and locks the parents they name,
/// once each, FOR KEY SHARE: what a foreign key guarantees, for about 1 s per 1M sales.
///
/// - Inserting or updating a sale whose store, product or import does not exist fails with
///   SQLSTATE 23503 (foreign_key_violation), the message and detail a foreign key gives, naming the
///   first missing key (in byte order).
/// - Deleting a parent, or changing its id, while a sale references it fails with 23503; so does
///   TRUNCATE of a parent while `sale` holds any row (truncate `sale` first, in its own command).
/// - Concurrency: the sale-side trigger locks every referenced parent FOR KEY SHARE until its
///   transaction ends, in the same statement that checks it exists, so a parent cannot be deleted
///   or renamed under an import: a DELETE waits for the importing transaction, then finds its
///   sales (the parent-side trigger runs after the DELETE has locked the row, and each of its
///   queries takes a fresh snapshot under READ COMMITTED); an import that finds a parent being
///   deleted waits for that transaction, then fails with 23503 if it committed. Under REPEATABLE
///   READ, the importer fails with a serialization error instead; a deleter at REPEATABLE READ
///   whose snapshot predates the import's commit does not see its sales (a foreign key checks
///   with a newer snapshot, which PL/pgSQL cannot), so such a delete is the one case left
///   unguarded; `ventes check` reports any sale whose store, product or import is missing.
/// - Like foreign keys, the triggers are off under `session_replication_role = replica`, and a
///   table owner may disable them; `ventes check` sees what that let through.
///
/// The functions run with the search path of the schema they were created in (`SET search_path
/// FROM CURRENT`), whatever the writer's own search path.
enum PostgreSQLReferenceTriggers {
    /// Sale's references: the column of `sale` and the parent table whose `id` it names.
    static let references: [(column: String, parent: String)] = [
        ("store_id", "store"), ("product_id", "product"), ("import_id", "import_run"),
    ]

    /// The name a foreign key of `column` would have (and had, until this migration).
    static func constraintName(_ column: String) -> String { "sale_\(column)_fkey" }

    /// Migration v8: drops the foreign keys and creates the triggers. Statements end with ";" at the
    /// end of a line (see `PostgreSQLMigrations.statements(of:)`).
    static var migration: String {
        references.map { "ALTER TABLE sale DROP CONSTRAINT \(constraintName($0.column));\n" }.joined()
            + saleFunction + ";\n"
            + """
            CREATE TRIGGER sale_references_on_insert AFTER INSERT ON sale REFERENCING NEW TABLE AS new_sales
                FOR EACH STATEMENT EXECUTE FUNCTION sale_check_references();
            CREATE TRIGGER sale_references_on_update AFTER UPDATE ON sale REFERENCING NEW TABLE AS new_sales
                FOR EACH STATEMENT EXECUTE FUNCTION sale_check_references();

            """
            + parentFunction + ";\n" + truncateFunction + ";\n"
            + references.map { reference in
                """
                CREATE TRIGGER sale_references_\(reference.parent) BEFORE DELETE OR UPDATE OF id ON \(reference.parent)
                    FOR EACH ROW EXECUTE FUNCTION sale_parent_guard('\(reference.column)');
                CREATE TRIGGER sale_references_\(reference.parent)_truncate BEFORE TRUNCATE ON \(reference.parent)
                    FOR EACH STATEMENT EXECUTE FUNCTION sale_parent_truncate_guard();

                """
            }.joined()
    }

    /// For each parent: lock the rows the new sales name FOR KEY SHARE (a row deleted meanwhile by
    /// a committed transaction is not returned) and report the first key with no row.
    private static var saleFunction: String {
        let checks = references.map { reference in
            """
                SELECT wanted.key::text INTO missing
                FROM (SELECT DISTINCT \(reference.column) AS key FROM new_sales) wanted
                LEFT JOIN LATERAL (SELECT 1 FROM \(reference.parent) p WHERE p.id = wanted.key FOR KEY SHARE) parent(found) ON true
                WHERE parent.found IS NULL ORDER BY wanted.key LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "sale" violates foreign key constraint "\(constraintName(reference.column))"'
                        USING ERRCODE = 'foreign_key_violation', TABLE = 'sale', CONSTRAINT = '\(constraintName(reference.column))',
                              DETAIL = format('Key (\(reference.column))=(%s) is not present in table "\(reference.parent)".', missing);
                END IF;

            """
        }.joined()
        return """
            CREATE OR REPLACE FUNCTION sale_check_references() RETURNS trigger LANGUAGE plpgsql
            SET search_path FROM CURRENT AS $$
            DECLARE
                missing text;
            BEGIN
            \(checks)    RETURN NULL;
            END
            $$
            """
    }

    /// Refuses to delete a parent row, or change its id, while a sale names it. Runs once the
    /// DELETE or UPDATE has locked the row: after any import holding it FOR KEY SHARE has ended.
    private static let parentFunction = """
        CREATE OR REPLACE FUNCTION sale_parent_guard() RETURNS trigger LANGUAGE plpgsql
        SET search_path FROM CURRENT AS $$
        DECLARE
            referenced boolean;
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.id IS NOT DISTINCT FROM OLD.id THEN
                RETURN NEW;
            END IF;
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM sale WHERE %I = $1)', TG_ARGV[0]) INTO referenced USING OLD.id;
            IF referenced THEN
                RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "sale_%_fkey" on table "sale"', TG_TABLE_NAME, TG_ARGV[0]
                    USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = 'sale_' || TG_ARGV[0] || '_fkey',
                          DETAIL = format('Key (id)=(%s) is still referenced from table "sale".', OLD.id);
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END
        $$
        """

    /// Refuses to truncate a parent while `sale` holds a row (each sale names one of each parent).
    private static let truncateFunction = """
        CREATE OR REPLACE FUNCTION sale_parent_truncate_guard() RETURNS trigger LANGUAGE plpgsql
        SET search_path FROM CURRENT AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM sale) THEN
                RAISE EXCEPTION 'cannot truncate table "%": table "sale" references it', TG_TABLE_NAME
                    USING ERRCODE = 'feature_not_supported', HINT = 'Truncate table "sale" first, in its own command.';
            END IF;
            RETURN NULL;
        END
        $$
        """
}
