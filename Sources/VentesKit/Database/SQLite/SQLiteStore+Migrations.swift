import GRDB

extension SQLiteStore {
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
                    -- Physical lines read, and whether the file ended with a line feed: with bytes and
                    -- sha256, what lets a later import of the same file, grown, read only what is new.
                    lines INTEGER NOT NULL DEFAULT 0,
                    ends_with_line_feed INTEGER NOT NULL DEFAULT 0,
                    -- The import whose bytes this file started with, when only the rest was read.
                    resumed_from_import INTEGER REFERENCES import_run(id),
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
                -- The primary key is the duplicate key: the whole row (sale_ref '') or, when the file
                -- has a sale id, the sale id (UNIQUE below). Store first, then date: rows are stored
                -- clustered by store (analyses by store, city and region read them in key order, no
                -- sort) and a time-ordered export appends at one place per store (imports stay linear).
                CREATE TABLE sale (
                    store_id TEXT NOT NULL REFERENCES store(id),
                    date TEXT NOT NULL,
                    product_id TEXT NOT NULL REFERENCES product(id),
                    quantity INTEGER NOT NULL CHECK (quantity > 0),
                    sale_ref TEXT NOT NULL DEFAULT '',
                    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                    revenue_cents INTEGER NOT NULL CHECK (revenue_cents = quantity * unit_price_cents),
                    import_id INTEGER NOT NULL REFERENCES import_run(id),
                    line INTEGER NOT NULL,
                    PRIMARY KEY (store_id, date, product_id, quantity, sale_ref)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX sale_by_ref ON sale(sale_ref) WHERE sale_ref <> '';

                -- Quarantine: rows that could not be imported, with where they were and why.
                CREATE TABLE rejected_row (
                    id INTEGER PRIMARY KEY,
                    import_id INTEGER NOT NULL REFERENCES import_run(id),
                    kind TEXT NOT NULL,
                    source TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    raw_text TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    -- 1 when the row may become valid once the stores or products change (unknown product or store).
                    depends_on_data INTEGER NOT NULL DEFAULT 0 CHECK (depends_on_data IN (0, 1))
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
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                -- The validators of each HTTP source, from its last imported download: sent back as
                -- If-None-Match / If-Modified-Since so that an unchanged file is not downloaded again.
                CREATE TABLE http_source (
                    url TEXT PRIMARY KEY NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    sha256 TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    import_id INTEGER NOT NULL REFERENCES import_run(id)
                );

                -- What each HTTP source of an import gave: a download (its hash is also in
                -- import_file.sha256) or 304 Not Modified (nothing downloaded, nothing imported).
                CREATE TABLE import_fetch (
                    import_id INTEGER NOT NULL REFERENCES import_run(id),
                    kind TEXT NOT NULL CHECK (kind IN ('stores', 'products', 'sales')),
                    url TEXT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('downloaded', 'not_modified')),
                    http_status INTEGER NOT NULL,
                    attempts INTEGER NOT NULL CHECK (attempts > 0),
                    etag TEXT,
                    last_modified TEXT,
                    sha256 TEXT,
                    bytes INTEGER,
                    PRIMARY KEY (import_id, kind),
                    CHECK ((outcome = 'downloaded') = (sha256 IS NOT NULL))
                );
                """)
        }
        migrator.registerMigration("v3") { db in
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
        migrator.registerMigration("v4") { db in
            // The same sale table, keyed date first. Exports are written in time order, so a new
            // sale's key lands at the end of the B-tree (SQLite's append fast path) instead of at one
            // of the per-store positions of the v1 key: a first import's writes take about half the
            // time (docs/BENCHMARKS.md). Analyses by store aggregate by day and store first, in key
            // order, then by store over the few rows that leaves.
            //
            // What users built on the table survives the rebuild: their indexes and triggers on it are
            // created again, and their views keep working (the legacy rename does not re-check every
            // view against a schema where `sale` is briefly missing; the modern one would fail).
            let userObjects = try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master
                WHERE tbl_name = 'sale' AND type IN ('index', 'trigger') AND sql IS NOT NULL AND name <> 'sale_by_ref'
                """)
            try db.execute(sql: "PRAGMA legacy_alter_table = ON")
            try db.execute(sql: """
                CREATE TABLE sale_by_date (
                    store_id TEXT NOT NULL REFERENCES store(id),
                    date TEXT NOT NULL,
                    product_id TEXT NOT NULL REFERENCES product(id),
                    quantity INTEGER NOT NULL CHECK (quantity > 0),
                    sale_ref TEXT NOT NULL DEFAULT '',
                    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                    revenue_cents INTEGER NOT NULL CHECK (revenue_cents = quantity * unit_price_cents),
                    import_id INTEGER NOT NULL REFERENCES import_run(id),
                    line INTEGER NOT NULL,
                    PRIMARY KEY (date, store_id, product_id, quantity, sale_ref)
                ) WITHOUT ROWID;
                INSERT INTO sale_by_date
                    SELECT store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line
                    FROM sale ORDER BY date, store_id, product_id, quantity, sale_ref;
                DROP TABLE sale;
                ALTER TABLE sale_by_date RENAME TO sale;
                CREATE UNIQUE INDEX sale_by_ref ON sale(sale_ref) WHERE sale_ref <> '';
                """)
            try db.execute(sql: "PRAGMA legacy_alter_table = OFF")
            for sql in userObjects { try db.execute(sql: sql) }
        }
        migrator.registerMigration("v5") { db in
            // Texts imported before issue 10, written the way the importer now writes them (NFC,
            // spaces trimmed): see StoredTextMigration.
            try StoredTextMigration.run(db)
        }
        migrator.registerMigration("v6") { db in
            // Sales totalled by day and store and by product, kept up to date by every import: the
            // analyses answer from them in time proportional to days, stores and products.
            try SaleTotalsTables.create(db)
        }
        migrator.registerMigration("v7") { db in
            try db.execute(sql: """
                -- Each cycle of the refresh service (ventes watch): what each source gave, what the cycle
                -- changed, how it ended, and when the next one is due. ventes status reads them.
                CREATE TABLE refresh_cycle (
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    finished_at TEXT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('unchanged', 'refreshed', 'failed', 'interrupted')),
                    stores TEXT CHECK (stores IN ('not_modified', 'same_size_and_time', 'same_content', 'changed', 'failed')),
                    products TEXT CHECK (products IN ('not_modified', 'same_size_and_time', 'same_content', 'changed', 'failed')),
                    sales TEXT CHECK (sales IN ('not_modified', 'same_size_and_time', 'same_content', 'changed', 'failed')),
                    import_id INTEGER REFERENCES import_run(id),
                    analysis_run_id INTEGER REFERENCES analysis_run(id),
                    rows_added INTEGER NOT NULL DEFAULT 0 CHECK (rows_added >= 0),
                    rows_updated INTEGER NOT NULL DEFAULT 0 CHECK (rows_updated >= 0),
                    error TEXT,
                    interval_ms INTEGER NOT NULL CHECK (interval_ms > 0),
                    -- NULL when the service stopped after this cycle.
                    next_at TEXT,
                    CHECK (outcome <> 'failed' OR error IS NOT NULL),
                    -- A refreshed cycle made or reported an analysis run; a failed or interrupted one may have
                    -- made one without writing its files and report (the next cycle writes them).
                    CHECK (outcome <> 'refreshed' OR analysis_run_id IS NOT NULL),
                    CHECK (outcome IN ('refreshed', 'failed', 'interrupted') OR analysis_run_id IS NULL)
                );
                CREATE INDEX refresh_cycle_by_outcome ON refresh_cycle(outcome, id);
                CREATE INDEX refresh_cycle_by_run ON refresh_cycle(analysis_run_id) WHERE analysis_run_id IS NOT NULL;

                -- The sales a refresh's analyses counted for the first time (imported since the run
                -- before), by store: what the report says the last refresh changed.
                CREATE TABLE refresh_news (
                    cycle_id INTEGER NOT NULL REFERENCES refresh_cycle(id),
                    store_id TEXT NOT NULL REFERENCES store(id),
                    sales INTEGER NOT NULL CHECK (sales > 0),
                    revenue_cents INTEGER NOT NULL,
                    PRIMARY KEY (cycle_id, store_id)
                );

                -- Each local source as it was when it last matched its import: a cycle that finds the
                -- same size, modification time and inode does not read the file.
                CREATE TABLE refresh_source (
                    kind TEXT NOT NULL CHECK (kind IN ('stores', 'products', 'sales')),
                    source TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    modified_ns INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    checked_at TEXT NOT NULL,
                    PRIMARY KEY (kind, source)
                );
                """)
        }
        return migrator
    }

    /// Applies the pending migrations, even when another process applies them at the same time.
    ///
    /// GRDB reads which migrations are applied before it takes the write lock, so when two processes
    /// open a new database together the slower one may run "v1" again and fail ("table import_run
    /// already exists"), its transaction rolled back. Trying again then finds the migration applied.
    /// A real problem (not a database, read-only file) fails every attempt and is thrown; texts that
    /// migration v5 cannot write the same way without merging two ids fail at once.
    static func migrate(_ writer: any DatabaseWriter, attempts: Int = 5) throws {
        for attempt in 1... {
            do {
                try migrator.migrate(writer)
                return
            } catch where attempt < attempts && !(error is StoredTextConflict) {
                continue
            }
        }
    }
}

extension SQLiteStore {
    /// Makes the database at `path` as an older release left it: migrated up to `version` only, then
    /// `sql` run in it (the migration tests start from there).
    static func makeOldDatabase(path: String, upTo version: String, sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue, upTo: version)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }
}
