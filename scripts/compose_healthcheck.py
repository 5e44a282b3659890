#!/usr/bin/env python3
"""Times the sqlite-db healthcheck of docker-compose.yml on a large database; checks that it fails when it should.

Docker marks `sqlite-db` unhealthy when its healthcheck takes longer than its `timeout`, and then
`swift-scripts` never starts. The check must therefore cost the same on ten million sales as on
thirty. This script:

  1. creates a database with `ventes init`, then fills it in one SQL statement with --sales sales
     (5,000,000 by default; 20 stores, 2,000 products, every key and counter consistent), a few
     seconds instead of the minutes an import of a generated file would take;
  2. runs the healthcheck command of docker-compose.yml (its `test`, with /data/ventes.db mapped to
     that database) --runs times and fails if one run exits non-zero or takes more than --limit
     seconds (0.5 by default);
  3. runs it against a file that is not a database and against a missing file: both must fail
     (and the missing file must not be created).

Nothing is cached: the database is built in a temporary directory and removed.

Usage: compose_healthcheck.py --binary .build/release/ventes [--compose docker-compose.yml]
                              [--sales 5000000] [--limit 0.5] [--runs 5]
"""
import argparse
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTAINER_DATABASE = "/data/ventes.db"


def fail(message):
    print(f"compose healthcheck: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def healthcheck_command(compose_path, database):
    """The sqlite-db healthcheck as an argv, with the container's database path replaced by `database`."""
    compose = yaml.safe_load(open(compose_path))
    healthcheck = ((compose.get("services") or {}).get("sqlite-db") or {}).get("healthcheck")
    if not healthcheck or "test" not in healthcheck:
        fail(f"{compose_path}: sqlite-db has no healthcheck test")
    test = healthcheck["test"]
    test = shlex.split(test) if isinstance(test, str) else [str(part) for part in test]
    kind, argv = test[0], test[1:]
    if kind == "CMD-SHELL":
        argv = ["sh", "-c", " ".join(argv)]
    elif kind != "CMD":
        fail(f"{compose_path}: the sqlite-db healthcheck must start with CMD or CMD-SHELL, found {kind!r}")
    if not any(CONTAINER_DATABASE in part for part in argv):
        fail(f"{compose_path}: the sqlite-db healthcheck does not name {CONTAINER_DATABASE}")
    return [part.replace(CONTAINER_DATABASE, database) for part in argv]


def fill(database, sales):
    """`sales` sales, in key order, with the stores, products, prices and audit rows they need."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        # Built once and thrown away: no journal, no sync; WAL again at the end, as ventes leaves it.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("BEGIN")
        connection.execute("""
            INSERT INTO import_run (id, started_at, finished_at, strict)
            VALUES (1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:05Z', 0)""")
        connection.execute("""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 20)
            INSERT INTO store (id, city, region, employees, import_id)
            SELECT printf('M%02d', i), 'City ' || i, NULL, 10 + i, 1 FROM n""")
        connection.execute("""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 2000)
            INSERT INTO product (id, name, price_cents, stock, import_id)
            SELECT printf('P%04d', i), 'Product ' || i, 100 + (i * 37) % 9900, 5, 1 FROM n""")
        connection.execute("""
            INSERT INTO product_price (product_id, import_id, price_cents) SELECT id, 1, price_cents FROM product""")
        # One day's sales: each store sells 150 products; then as many days as needed, in key order
        # (date, store, product, quantity), so that SQLite appends every row.
        connection.execute("""
            CREATE TEMP TABLE day_sale (store_id TEXT, product_id TEXT, quantity INTEGER, price_cents INTEGER,
                                        PRIMARY KEY (store_id, product_id, quantity)) WITHOUT ROWID""")
        connection.execute("""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 3000)
            INSERT INTO day_sale
            SELECT store.id, product.id, 1 + n.i % 5, product.price_cents FROM n
            JOIN store ON store.id = printf('M%02d', n.i % 20)
            JOIN product ON product.id = printf('P%04d', (n.i / 20) * 13 % 2000)""")
        connection.execute("CREATE TEMP TABLE day (date TEXT PRIMARY KEY) WITHOUT ROWID")
        connection.execute("""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < (:sales + 2999) / 3000)
            INSERT INTO day SELECT date('2020-01-01', printf('+%d days', i)) FROM n""", {"sales": sales})
        connection.execute("""
            INSERT INTO sale (store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line)
            SELECT store_id, date, product_id, quantity, '', price_cents, quantity * price_cents, 1, 0
            FROM day, day_sale ORDER BY date, store_id, product_id, quantity LIMIT :sales""", {"sales": sales})
        for kind, rows in (("stores", 20), ("products", 2000), ("sales", sales)):
            connection.execute("""
                INSERT INTO import_file (import_id, kind, source, sha256, bytes, delimiter, encoding,
                                         read, inserted, updated, unchanged, duplicates, rejected)
                VALUES (1, ?, ?, '', 0, ',', 'utf-8', ?, ?, 0, 0, 0, 0)""", (kind, f"{kind}.csv", rows, rows))
        connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode = WAL")
        (count,) = connection.execute("SELECT COUNT(*) FROM sale").fetchone()
    finally:
        connection.close()
    if count != sales:
        fail(f"the generated database holds {count} sales, expected {sales}")


def timed(argv):
    start = time.monotonic()
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    return time.monotonic() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, help="the ventes binary built here")
    parser.add_argument("--compose", default=os.path.join(ROOT, "docker-compose.yml"))
    parser.add_argument("--sales", type=int, default=5_000_000)
    parser.add_argument("--limit", type=float, default=0.5, help="seconds one healthcheck may take")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    if not os.access(arguments.binary, os.X_OK):
        fail(f"{arguments.binary}: no such executable; build it first (swift build -c release)")

    scratch = tempfile.mkdtemp(prefix="ventes-healthcheck-")
    try:
        database = os.path.join(scratch, "ventes.db")
        subprocess.run([arguments.binary, "init", "--db", database], check=True, capture_output=True)
        start = time.monotonic()
        fill(database, arguments.sales)
        megabytes = os.path.getsize(database) / 1_048_576
        print(f"database: {arguments.sales:,} sales, {megabytes:.0f} MB, built in {time.monotonic() - start:.1f} s")

        argv = healthcheck_command(arguments.compose, database)
        print(f"  $ {' '.join(shlex.quote(part) for part in argv)}")
        durations = []
        for _ in range(arguments.runs):
            duration, result = timed(argv)
            if result.returncode != 0:
                fail(f"the healthcheck failed on a sound database: exit {result.returncode}: {result.stderr.strip()}")
            durations.append(duration)
        slowest = max(durations)
        print(f"  {arguments.runs} runs: slowest {slowest:.3f} s, fastest {min(durations):.3f} s (limit {arguments.limit} s)")
        if slowest > arguments.limit:
            fail(f"the healthcheck took {slowest:.2f} s on {arguments.sales:,} sales (limit {arguments.limit} s): "
                 "it must not read the whole database")

        not_a_database = os.path.join(scratch, "not-a-database.db")
        with open(not_a_database, "w") as file:
            file.write("store_id,city\n" * 50)
        _, result = timed(healthcheck_command(arguments.compose, not_a_database))
        if result.returncode == 0:
            fail("the healthcheck passed on a file that is not a database")
        missing = os.path.join(scratch, "missing", "ventes.db")
        os.makedirs(os.path.dirname(missing))
        _, result = timed(healthcheck_command(arguments.compose, missing))
        if result.returncode == 0 or os.path.exists(missing):
            fail("the healthcheck passed on a missing database, or created it")
        print("  fails on a file that is not a database and on a missing file: ok")
        print(f"compose healthcheck: ok ({slowest:.3f} s at most on {arguments.sales:,} sales)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
