import GRDB

extension VentesDatabase {
    /// The schema, as versioned migrations. A migration is frozen once it has shipped:
    /// change the schema by adding one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE import_run (
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    strict INTEGER NOT NULL CHECK (strict IN (0, 1))
                );

                -- One row per file of an import: where it came from, what it held, what became of it.
                CREATE TABLE import_file (
                    import_id INTEGER NOT NULL REFERENCES import_run(id),
                    kind TEXT NOT NULL CHECK (kind IN ('stores', 'products', 'sales')),
                    source TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    delimiter TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    read INTEGER NOT NULL,
                    inserted INTEGER NOT NULL,
                    updated INTEGER NOT NULL,
                    unchanged INTEGER NOT NULL,
                    duplicates INTEGER NOT NULL,
                    rejected INTEGER NOT NULL,
                    ignored_columns TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (import_id, kind),
                    CHECK (read = inserted + updated + unchanged + duplicates + rejected)
                );

                CREATE TABLE store (
                    id TEXT PRIMARY KEY NOT NULL,
                    city TEXT NOT NULL,
                    region TEXT,
                    employees INTEGER CHECK (employees >= 0),
                    import_id INTEGER NOT NULL REFERENCES import_run(id)
                );

                CREATE TABLE product (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
                    stock INTEGER,
                    import_id INTEGER NOT NULL REFERENCES import_run(id)
                );

                -- Every price a product has had, from the import that brought it.
                CREATE TABLE product_price (
                    product_id TEXT NOT NULL REFERENCES product(id),
                    import_id INTEGER NOT NULL REFERENCES import_run(id),
                    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
                    PRIMARY KEY (product_id, import_id)
                );

                -- A sale keeps the unit price in effect when it was imported, and its revenue.
                CREATE TABLE sale (
                    id INTEGER PRIMARY KEY,
                    sale_ref TEXT,
                    date TEXT NOT NULL,
                    product_id TEXT NOT NULL REFERENCES product(id),
                    store_id TEXT NOT NULL REFERENCES store(id),
                    quantity INTEGER NOT NULL CHECK (quantity > 0),
                    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                    revenue_cents INTEGER NOT NULL CHECK (revenue_cents = quantity * unit_price_cents),
                    import_id INTEGER NOT NULL REFERENCES import_run(id),
                    line INTEGER NOT NULL
                );
                -- The duplicate keys: the file's sale id when it has one, else the whole row.
                CREATE UNIQUE INDEX sale_by_ref ON sale(sale_ref) WHERE sale_ref IS NOT NULL;
                CREATE UNIQUE INDEX sale_by_content ON sale(date, product_id, store_id, quantity) WHERE sale_ref IS NULL;
                CREATE INDEX sale_by_product ON sale(product_id);
                CREATE INDEX sale_by_store ON sale(store_id);

                -- Quarantine: rows that could not be imported, with where they were and why.
                CREATE TABLE rejected_row (
                    id INTEGER PRIMARY KEY,
                    import_id INTEGER NOT NULL REFERENCES import_run(id),
                    kind TEXT NOT NULL,
                    source TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    raw_text TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE INDEX rejected_row_by_import ON rejected_row(import_id);

                CREATE TABLE analysis_run (
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    sql_source TEXT NOT NULL,
                    sql_sha256 TEXT NOT NULL,
                    sales_count INTEGER NOT NULL
                );

                -- Each analysis of a run: its outcome; its rows are in the table result_<name>.
                CREATE TABLE analysis_output (
                    run_id INTEGER NOT NULL REFERENCES analysis_run(id),
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    question TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
                    error TEXT,
                    row_count INTEGER NOT NULL,
                    columns TEXT NOT NULL,
                    PRIMARY KEY (run_id, name)
                );
                """)
        }
        migrator.registerMigration("v2-dialects") { db in
            // The rest of each file's dialect, and its header as written: `ventes rejects --format csv`
            // writes rejected rows back under it, and a later import of the same source finds the
            // date format remembered here.
            try db.execute(sql: """
                ALTER TABLE import_file ADD COLUMN decimal_separator TEXT;
                ALTER TABLE import_file ADD COLUMN date_format TEXT;
                ALTER TABLE import_file ADD COLUMN date_format_origin TEXT;
                ALTER TABLE import_file ADD COLUMN byte_order_mark INTEGER NOT NULL DEFAULT 0 CHECK (byte_order_mark IN (0, 1));
                ALTER TABLE import_file ADD COLUMN header_text TEXT NOT NULL DEFAULT '';
                CREATE INDEX import_file_by_source ON import_file(kind, source);
                """)
        }
        return migrator
    }
}
