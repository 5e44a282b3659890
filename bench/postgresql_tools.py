"""The PostgreSQL side of bench/bench.py (--backend postgresql): ventes against a psql reference.

Both run against the same server, each state in a database of its own: a first import starts from a
database created empty, a re-import or an append from a copy of the refreshed state
(CREATE DATABASE ... TEMPLATE, not timed). Peak RSS is the client's (ventes or psql), not the server's.

The reference does the least a correct PostgreSQL import needs: \\copy of each file into a temporary
staging table, then one INSERT ... SELECT ... ON CONFLICT DO NOTHING into a table with the same unique
key as ventes's `sale` (date, store_id, product_id, quantity, sale_ref), in key order, in one
transaction; the four required analyses as psql queries over those tables (joined at query time, as
the sqlite3 shell reference does).
"""
import os
import re
import subprocess
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIRED = ["total_revenue", "sales_by_product", "sales_by_city", "sales_by_region"]
SCHEMA = "ventes"


def psql_value(url, sql):
    return subprocess.check_output(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                                   text=True, env={**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}).strip()


class Server:
    """The server: an admin URL (a user who may create databases) and a database per state."""

    def __init__(self, url):
        self.url = url
        self.names = set()

    def database(self, path):
        """The database standing for the state file `path` of bench.py."""
        name = "bench_" + re.sub(r"[^a-z0-9]+", "_", os.path.relpath(path, os.path.dirname(os.path.dirname(path))).lower())
        self.names.add(name)
        return name

    def url_of(self, name):
        return urllib.parse.urlunsplit(urllib.parse.urlsplit(self.url)._replace(path="/" + name))

    def drop(self, name):
        psql_value(self.url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def create(self, name, template=None):
        self.drop(name)
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        psql_value(self.url, f"CREATE DATABASE {name}{copy}")

    def drop_all(self):
        for name in sorted(self.names):
            self.drop(name)

    def version(self):
        return psql_value(self.url, "SHOW server_version")


class PostgreSQLTool:
    """State handling shared by the two PostgreSQL tools: a state is a database."""

    def __init__(self, server):
        self.server = server

    def remove_state(self, path):
        self.server.create(self.server.database(path))

    def copy_state(self, source, target):
        self.server.create(self.server.database(target), template=self.server.database(source))

    def url(self, path):
        return self.server.url_of(self.server.database(path))


class VentesPostgreSQL(PostgreSQLTool):
    name = "ventes"

    def __init__(self, binary, work, server):
        super().__init__(server)
        self.binary = binary
        self.sql = os.path.join(work, "four-analyses.postgresql.sql")
        text = open(os.path.join(ROOT, "results", "analyses.postgresql.sql"), encoding="utf-8").read()
        parts = re.split(r"^--\s*name:\s*(\w+)\s*$", text, flags=re.M)
        queries = dict(zip(parts[1::2], parts[2::2]))
        self.queries = {name: queries[name].strip() for name in REQUIRED}
        with open(self.sql, "w", encoding="utf-8") as f:
            for name, query in self.queries.items():
                f.write(f"-- name: {name}\n{query}\n\n")

    def opens_postgresql(self, work):
        """(True, '') when this binary keeps its tables in a PostgreSQL database, else (False, what it said)."""
        probe = os.path.join(work, "probe.db")
        self.remove_state(probe)
        url = self.url(probe)
        os.makedirs(os.path.join(work, "probe"), exist_ok=True)
        result = subprocess.run([self.binary, "init", "--db", url], cwd=os.path.join(work, "probe"),
                                capture_output=True, text=True)
        tables = psql_value(url, f"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{SCHEMA}'")
        self.server.drop(self.server.database(probe))
        said = (result.stderr.strip() or result.stdout.strip()).splitlines()
        return result.returncode == 0 and tables != "0", (said[0] if said else "nothing")

    def import_command(self, db, data, sales):
        return [self.binary, "import", "--db", self.url(db), "--stores", f"{data}/magasins.csv",
                "--products", f"{data}/produits.csv", "--sales", sales, "--format", "json"], None

    def analyze_command(self, db):
        return [self.binary, "analyze", "--db", self.url(db), "--sql", self.sql, "--format", "json"], None

    def total(self, db):
        return int(psql_value(self.url(db), f"SELECT SUM(revenue_cents) FROM {SCHEMA}.sale"))

    def counters(self, db):
        row = psql_value(self.url(db), f"""
            SELECT read, inserted, duplicates, rejected, resumed_from_import IS NOT NULL FROM {SCHEMA}.import_file
            WHERE kind = 'sales' ORDER BY import_id DESC LIMIT 1""").split("|")
        return dict(zip(["read", "inserted", "duplicates", "rejected", "read only the new rows"], row[:4] + [row[4] == "t"]))

    def plans(self, db):
        plans = []
        for name, query in self.queries.items():
            plan = subprocess.check_output(["psql", "-X", "-q", "-A", "-t", "-d", self.url(db), "-c",
                                            "EXPLAIN " + query.rstrip().rstrip(";")], text=True,
                                           env={**os.environ, "PGOPTIONS": f"-c search_path={SCHEMA}"})
            plans.append(f"{name}:\n" + "\n".join("    " + line for line in plan.strip().splitlines()))
        return plans


class PsqlReference(PostgreSQLTool):
    name = "psql"

    def __init__(self, work, server, region_by_city):
        super().__init__(server)
        self.work = work
        self.regions = ",".join(f"('{c}', '{r.replace(chr(39), chr(39) * 2)}')" for c, r in region_by_city.items())

    def import_command(self, db, data, sales):
        script = os.path.join(self.work, f"psql-import-{abs(hash((db, data, sales)))}.sql")
        with open(script, "w", encoding="utf-8") as f:
            f.write(f"""
\\set ON_ERROR_STOP on
CREATE TABLE IF NOT EXISTS stores(store_id text PRIMARY KEY, city text NOT NULL, employees integer);
CREATE TABLE IF NOT EXISTS products(product_id text PRIMARY KEY, name text NOT NULL, price_cents bigint NOT NULL,
    stock integer);
CREATE TABLE IF NOT EXISTS sales(date date NOT NULL, store_id text NOT NULL, product_id text NOT NULL,
    quantity integer NOT NULL, sale_ref text NOT NULL DEFAULT '',
    PRIMARY KEY (date, store_id, product_id, quantity, sale_ref));
CREATE TABLE IF NOT EXISTS regions(city text PRIMARY KEY, region text NOT NULL);
INSERT INTO regions VALUES {self.regions} ON CONFLICT DO NOTHING;
BEGIN;
CREATE TEMP TABLE t_stores(store_id text, city text, employees integer) ON COMMIT DROP;
CREATE TEMP TABLE t_products(name text, product_id text, price numeric, stock integer) ON COMMIT DROP;
CREATE TEMP TABLE t_sales(date date, product_id text, quantity integer, store_id text) ON COMMIT DROP;
\\copy t_stores FROM '{data}/magasins.csv' WITH (FORMAT csv, HEADER true)
\\copy t_products FROM '{data}/produits.csv' WITH (FORMAT csv, HEADER true)
\\copy t_sales FROM '{sales}' WITH (FORMAT csv, HEADER true)
INSERT INTO stores SELECT store_id, city, employees FROM t_stores ON CONFLICT DO NOTHING;
INSERT INTO products SELECT product_id, name, round(price * 100)::bigint, stock FROM t_products ON CONFLICT DO NOTHING;
INSERT INTO sales (date, store_id, product_id, quantity)
    SELECT date, store_id, product_id, quantity FROM t_sales ORDER BY date, store_id, product_id, quantity
    ON CONFLICT DO NOTHING;
COMMIT;
""")
        return ["psql", "-X", "-q", "-d", self.url(db), "-f", script], None

    def analyze_command(self, db):
        script = os.path.join(self.work, "psql-analyses.sql")
        with open(script, "w", encoding="utf-8") as f:
            f.write("""
\\set ON_ERROR_STOP on
SELECT SUM(s.quantity * p.price_cents), SUM(s.quantity), COUNT(*) FROM sales s JOIN products p USING (product_id);
SELECT p.product_id, p.name, SUM(s.quantity) AS units, SUM(s.quantity * p.price_cents) AS revenue
  FROM sales s JOIN products p USING (product_id) GROUP BY p.product_id ORDER BY revenue DESC;
SELECT st.city, SUM(s.quantity), SUM(s.quantity * p.price_cents) AS revenue
  FROM sales s JOIN products p USING (product_id) JOIN stores st USING (store_id) GROUP BY st.city ORDER BY revenue DESC;
SELECT r.region, SUM(s.quantity), SUM(s.quantity * p.price_cents) AS revenue
  FROM sales s JOIN products p USING (product_id) JOIN stores st USING (store_id) JOIN regions r ON r.city = st.city
  GROUP BY r.region ORDER BY revenue DESC;
""")
        return ["psql", "-X", "-q", "-d", self.url(db), "-f", script], None

    def total(self, db):
        return int(psql_value(self.url(db),
                              "SELECT SUM(s.quantity * p.price_cents) FROM sales s JOIN products p USING (product_id)"))
