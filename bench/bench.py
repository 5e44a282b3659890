#!/usr/bin/env python3
"""Times `ventes` against the sqlite3 shell and DuckDB on the same generated files, in one run.

    bench/bench.py [--sizes 100000,1000000,10000000] [--order date,store,random] [--runs 5] [--large-runs 1]
                   [--tools ventes,sqlite3,duckdb] [--refreshes 3] [--mostly-rejected KNOWN] [--work DIR]
    bench/bench.py --backend postgresql [--postgresql URL] [--sizes 1000000] [--runs 3] ...
    bench/bench.py --watch [--sizes 1000000,10000000] [--cycles 1000]    the refresh service (bench/watch_bench.py)

For each size and each order of the sales rows (`date`, `store`, `random`: the same rows, see
bench/generate.py --order): generates the three files and the same sales file with 1% new rows
appended; then, for each tool, times (median, min, max of --runs, each from the same starting state) a
first import, a re-import of the same file, the import of the appended file, and the four required
analyses (the re-import and append runs start from a database already refreshed --refreshes times with
the unchanged file, as a scheduled refresh finds it); records each process's peak resident size; checks
that the tools agree on the total revenue; prints one table of ratios (ventes / reference) per order.
Then the first import across orders (each order against date order) and the time per row. Sizes of 10
million rows and more use --large-runs runs (each takes minutes for the references). With
--mostly-rejected KNOWN, also times ventes's first import of the same sales against a products file that
knows only KNOWN of the products (most rows refused and quarantined), next to the same import fully
accepted.

With --backend postgresql, ventes keeps its tables in PostgreSQL (--db postgresql://.../dbname) and is
timed against a psql reference on the same server, a fresh database per run (bench/postgresql_tools.py
says what the reference does). The server is --postgresql URL (a user who may create databases;
default $VENTES_TEST_POSTGRESQL_URL), else a throwaway durable cluster started for the run
(scripts/pg-cluster.sh start DIR --durable) and stopped after it. A ventes binary that cannot open a
PostgreSQL URL is said so, and only the reference is timed.


Needs: a release build (`swift build -c release`), the sqlite3 shell, and `pip install duckdb`; with
--backend postgresql, psql and a PostgreSQL server (or Debian's postgresql package for a throwaway one).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from generate import REGION_BY_CITY  # noqa: E402
from postgresql_tools import PsqlReference, Server, VentesPostgreSQL  # noqa: E402

REQUIRED = ["total_revenue", "sales_by_product", "sales_by_city", "sales_by_region"]
SCENARIOS = ["import", "re-import", "append 1%", "analyses"]


def run_measured(command, stdin_path=None):
    """Runs a command; returns (wall seconds, peak RSS in MiB). Fails loudly on a non-zero exit."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if stdin_path:
        stdin.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(command)} failed: {stderr.strip()}")
    return elapsed, usage.ru_maxrss / 1024


def required_queries():
    """The four required analyses, taken from results/analyses.sql (the file ventes runs)."""
    text = open(os.path.join(ROOT, "results", "analyses.sql"), encoding="utf-8").read()
    parts = re.split(r"^--\s*name:\s*(\w+)\s*$", text, flags=re.M)
    queries = dict(zip(parts[1::2], parts[2::2]))
    return {name: queries[name].strip() for name in REQUIRED}


class FileState:
    """State handling of the file-based tools: a state is a database file (and its companions)."""

    def copy_state(self, source_db, target_db):
        copy_state(self, source_db, target_db)

    def remove_state(self, db):
        remove_state(self, db)


class Ventes(FileState):
    name = "ventes"

    def __init__(self, binary, work):
        self.binary = binary
        self.sql = os.path.join(work, "four-analyses.sql")
        with open(self.sql, "w", encoding="utf-8") as f:
            for name, query in required_queries().items():
                f.write(f"-- name: {name}\n{query}\n\n")

    def files(self, db):
        return [db, db + "-wal", db + "-shm"]

    def import_command(self, db, data, sales):
        return [self.binary, "import", "--db", db, "--stores", f"{data}/magasins.csv",
                "--products", f"{data}/produits.csv", "--sales", sales, "--format", "json"], None

    def analyze_command(self, db):
        return [self.binary, "analyze", "--db", db, "--sql", self.sql, "--format", "json"], None

    def total(self, db):
        return int(subprocess.check_output(["sqlite3", db, "SELECT SUM(revenue_cents) FROM sale"]).strip())

    def counters(self, db):
        counters = subprocess.check_output(["sqlite3", db, """
            SELECT read, inserted, duplicates, rejected, resumed_from_import IS NOT NULL FROM import_file
            WHERE kind = 'sales' ORDER BY import_id DESC LIMIT 1"""]).decode().strip().split("|")
        return dict(zip(["read", "inserted", "duplicates", "rejected", "read only the new rows"],
                        counters[:4] + [counters[4] == "1"]))

    def plans(self, db):
        plans = []
        for name, query in required_queries().items():
            plan = subprocess.check_output(["sqlite3", db, "EXPLAIN QUERY PLAN " + query]).decode()
            plans.append(f"{name}:\n" + "\n".join("    " + line for line in plan.strip().splitlines()))
        return plans


class SQLiteShell(FileState):
    name = "sqlite3"

    def __init__(self, work):
        self.work = work

    def files(self, db):
        return [db, db + "-journal"]

    def import_command(self, db, data, sales):
        script = os.path.join(self.work, f"sqlite-import-{abs(hash((db, sales)))}.sql")
        regions = ",".join(f"('{c}', '{r.replace(chr(39), chr(39) * 2)}')" for c, r in REGION_BY_CITY.items())
        with open(script, "w", encoding="utf-8") as f:
            f.write(f"""
CREATE TABLE IF NOT EXISTS stores(store_id TEXT PRIMARY KEY, city TEXT, employees INTEGER);
CREATE TABLE IF NOT EXISTS products(product_id TEXT PRIMARY KEY, name TEXT, price_cents INTEGER, stock INTEGER);
CREATE TABLE IF NOT EXISTS sales(date TEXT, product_id TEXT, quantity INTEGER, store_id TEXT,
    UNIQUE (date, product_id, quantity, store_id));
CREATE TABLE IF NOT EXISTS regions(city TEXT PRIMARY KEY, region TEXT);
INSERT OR IGNORE INTO regions VALUES {regions};
BEGIN;
CREATE TEMP TABLE t_stores(store_id TEXT, city TEXT, employees INTEGER);
CREATE TEMP TABLE t_products(name TEXT, product_id TEXT, price REAL, stock INTEGER);
CREATE TEMP TABLE t_sales(date TEXT, product_id TEXT, quantity INTEGER, store_id TEXT);
.import --csv --skip 1 --schema temp {data}/magasins.csv t_stores
.import --csv --skip 1 --schema temp {data}/produits.csv t_products
.import --csv --skip 1 --schema temp {sales} t_sales
INSERT OR IGNORE INTO stores SELECT store_id, city, employees FROM t_stores;
INSERT OR IGNORE INTO products SELECT product_id, name, CAST(ROUND(price * 100) AS INTEGER), stock FROM t_products;
INSERT OR IGNORE INTO sales SELECT date, product_id, quantity, store_id FROM t_sales;
COMMIT;
""")
        return ["sqlite3", db], script

    def analyze_command(self, db):
        script = os.path.join(self.work, "sqlite-analyses.sql")
        with open(script, "w", encoding="utf-8") as f:
            f.write("""
SELECT SUM(s.quantity * p.price_cents), SUM(s.quantity), COUNT(*) FROM sales s JOIN products p USING (product_id);
SELECT p.product_id, p.name, SUM(s.quantity) AS units, SUM(s.quantity * p.price_cents) AS revenue
  FROM sales s JOIN products p USING (product_id) GROUP BY p.product_id ORDER BY revenue DESC;
SELECT st.city, SUM(s.quantity), SUM(s.quantity * p.price_cents) AS revenue
  FROM sales s JOIN products p USING (product_id) JOIN stores st USING (store_id) GROUP BY st.city ORDER BY revenue DESC;
SELECT r.region, SUM(s.quantity), SUM(s.quantity * p.price_cents) AS revenue
  FROM sales s JOIN products p USING (product_id) JOIN stores st USING (store_id) JOIN regions r ON r.city = st.city
  GROUP BY r.region ORDER BY revenue DESC;
""")
        return ["sqlite3", db], script

    def total(self, db):
        return int(subprocess.check_output(["sqlite3", db,
            "SELECT SUM(s.quantity * p.price_cents) FROM sales s JOIN products p USING (product_id)"]).strip())


class DuckDB(FileState):
    name = "duckdb"

    def __init__(self, work):
        self.script = os.path.join(ROOT, "bench", "duckdb_reference.py")

    def files(self, db):
        return [db, db + ".wal"]

    def import_command(self, db, data, sales):
        return [sys.executable, self.script, "import", db, data, sales], None

    def analyze_command(self, db):
        return [sys.executable, self.script, "analyze", db], None

    def total(self, db):
        out = subprocess.check_output([sys.executable, self.script, "total", db])
        return int(out.strip())


def copy_state(tool, source_db, target_db):
    for suffix_source, suffix_target in zip(tool.files(source_db), tool.files(target_db)):
        if os.path.exists(suffix_target):
            os.remove(suffix_target)
        if os.path.exists(suffix_source):
            shutil.copyfile(suffix_source, suffix_target)


def remove_state(tool, db):
    for path in tool.files(db):
        if os.path.exists(path):
            os.remove(path)


def measure(tool, size_dir, runs, refreshes):
    base = os.path.join(size_dir, "base")
    appended = os.path.join(size_dir, "appended", "ventes.csv")
    # The sales export is refreshed in place: every import reads the same path, as a shop's does.
    live = os.path.join(size_dir, f"{tool.name}-live-ventes.csv")
    state = os.path.join(size_dir, f"{tool.name}-state.db")
    scratch = os.path.join(size_dir, f"{tool.name}-scratch.db")
    results = {scenario: [] for scenario in SCENARIOS}

    shutil.copyfile(f"{base}/ventes.csv", live)
    for _ in range(runs):
        tool.remove_state(scratch)
        command, stdin = tool.import_command(scratch, base, live)
        results["import"].append(run_measured(command, stdin))
    # The re-import and append runs each start from a database that has already been refreshed
    # `refreshes` times with the unchanged export, as a scheduled refresh finds it.
    tool.copy_state(scratch, state)
    for _ in range(refreshes):
        command, stdin = tool.import_command(state, base, live)
        run_measured(command, stdin)
    tool.counters_seen = {}
    for scenario, sales in (("re-import", f"{base}/ventes.csv"), ("append 1%", appended)):
        shutil.copyfile(sales, live)
        for _ in range(runs):
            tool.copy_state(state, scratch)
            command, stdin = tool.import_command(scratch, base, live)
            results[scenario].append(run_measured(command, stdin))
        if tool.name == "ventes":
            tool.counters_seen[scenario] = tool.counters(scratch)
    appended_total = tool.total(scratch)
    for _ in range(runs):
        tool.copy_state(state, scratch)
        command, stdin = tool.analyze_command(scratch)
        results["analyses"].append(run_measured(command, stdin))
    return results, tool.total(state), appended_total, state


def measure_mostly_rejected(tool, size_dir, runs, known):
    """ventes only: first imports of the base sales against a products file that knows only the first
    `known` products (the sales export arrived before the new catalogue: most rows are refused)."""
    base = os.path.join(size_dir, "base")
    partial = os.path.join(size_dir, f"known-{known}")
    os.makedirs(partial, exist_ok=True)
    with open(f"{base}/produits.csv", encoding="utf-8") as source, \
            open(f"{partial}/produits.csv", "w", encoding="utf-8", newline="") as target:
        for index, line in enumerate(source):
            if index > known:
                break
            target.write(line)
    shutil.copyfile(f"{base}/magasins.csv", f"{partial}/magasins.csv")
    scratch = os.path.join(size_dir, f"{tool.name}-rejected.db")
    samples = []
    for _ in range(runs):
        tool.remove_state(scratch)
        command, stdin = tool.import_command(scratch, partial, f"{base}/ventes.csv")
        samples.append(run_measured(command, stdin))
    counters = subprocess.check_output(["sqlite3", scratch, """
        SELECT read, inserted, duplicates, rejected FROM import_file WHERE kind = 'sales'"""]).decode().strip().split("|")
    remove_state(tool, scratch)
    return samples, dict(zip(["read", "inserted", "duplicates", "rejected"], counters))


def summary(samples):
    times = [t for t, _ in samples]
    return statistics.median(times), min(times), max(times), max(m for _, m in samples)


def generate(size_dir, size, order):
    """The files of one size and order, generated once (kept in --work for the next invocation)."""
    generator = os.path.join(ROOT, "bench", "generate.py")
    if not os.path.exists(os.path.join(size_dir, "appended", "ventes.csv")):
        subprocess.check_call([sys.executable, generator, os.path.join(size_dir, "base"), str(size), "--order", order])
        subprocess.check_call([sys.executable, generator, os.path.join(size_dir, "appended"), str(size),
                               "--append", str(size // 100), "--order", order])


def check_ventes(tool, db):
    """`ventes check` on the database of the first import: integrity, counters, summary tables."""
    result = subprocess.run([tool.binary, "check", "--db", db], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench: ventes check failed on {db}:\n{result.stdout}{result.stderr}")


def print_order_table(size, order, runs, refreshes, tools, table, totals):
    print(f"\n## {size:,} sales in {order} order ({runs} run{'s' if runs > 1 else ''}; median s [min-max], peak RSS MiB)\n")
    agree = len(set(totals.values())) == 1
    print("total revenue (cents), base / appended: " + ", ".join(f"{k} {v[0]} / {v[1]}" for k, v in totals.items())
          + ("  -> all agree" if agree else "  -> MISMATCH"))
    print()
    references = [tool for tool in tools if tool.name != "ventes"]
    print("| scenario | " + " | ".join(tool.name for tool in tools) + " | "
          + " | ".join(f"ventes / {tool.name}" for tool in references) + " |")
    print("| --- |" + " --- |" * (len(tools) + len(references)))
    for scenario in SCENARIOS:
        cells = []
        for tool in tools:
            median, low, high, rss = table[tool.name][scenario]
            cells.append(f"{median:.3f} [{low:.3f}-{high:.3f}], {rss:.0f} MiB")
        ratios = []
        if "ventes" in table:
            v = table["ventes"][scenario][0]
            ratios = [f"{v / table[tool.name][scenario][0]:.2f}x" for tool in references]
        print(f"| {scenario} | " + " | ".join(cells + ratios) + " |")
    if "ventes" in table:
        for scenario, counters in tools[0].counters_seen.items():
            print(f"\nventes, {scenario} (after {refreshes} refreshes): {counters}")
    return agree


def print_mostly_rejected(tool, size_dir, runs, known, accepted):
    """The first import against a catalogue that knows only `known` products, next to the accepted one."""
    samples, counters = measure_mostly_rejected(tool, size_dir, runs, known)
    rejected = summary(samples)
    print(f"\n### ventes, first import with {known} products known (median s [min-max], peak RSS MiB)\n")
    print(f"| every product known | {known} products known | ratio |")
    print("| --- | --- | --- |")
    print(f"| {accepted[0]:.3f}, {accepted[1]:.0f} MiB "
          f"| {rejected[0]:.3f} [{rejected[1]:.3f}-{rejected[2]:.3f}], {rejected[3]:.0f} MiB "
          f"| {rejected[0] / accepted[0]:.2f}x |")
    print(f"\nventes, {known} products known: {counters}")


def postgresql_server(args, stack):
    """The server of --backend postgresql: --postgresql URL, else a throwaway durable cluster."""
    if args.postgresql:
        return Server(args.postgresql)
    cluster = os.path.join(args.work, "pg-cluster")
    script = os.path.join(ROOT, "scripts", "pg-cluster.sh")
    subprocess.check_call([script, "stop", cluster])
    shutil.rmtree(cluster, ignore_errors=True)
    output = subprocess.check_output([script, "start", cluster, "--durable"], text=True)
    stack.append(lambda: (subprocess.call([script, "stop", cluster]), shutil.rmtree(cluster, ignore_errors=True)))
    url = next(line.split("=", 1)[1] for line in output.splitlines() if line.startswith("VENTES_TEST_POSTGRESQL_URL="))
    return Server(url)


def make_tools(args, stack):
    """The tools timed, ventes first (absent when this binary cannot use the backend), and a header line."""
    if args.backend == "sqlite":
        available = {"ventes": lambda: Ventes(args.ventes, args.work), "sqlite3": lambda: SQLiteShell(args.work),
                     "duckdb": lambda: DuckDB(args.work)}
        tools = [available[name]() for name in args.tools.split(",")]
        duckdb_version = (subprocess.check_output([sys.executable, "-c", "import duckdb; print(duckdb.__version__)"])
                          .decode().strip() if any(tool.name == "duckdb" for tool in tools) else "not run")
        return tools, f"{subprocess.check_output(['sqlite3', '--version']).decode().split()[0]} shell, duckdb {duckdb_version}"
    server = postgresql_server(args, stack)
    stack.append(server.drop_all)
    ventes = VentesPostgreSQL(args.ventes, args.work, server)
    tools = [PsqlReference(args.work, server, REGION_BY_CITY)]
    opens, said = ventes.opens_postgresql(args.work)
    if opens:
        tools.insert(0, ventes)
    else:
        print(f"bench: {args.ventes} cannot open a PostgreSQL URL: `ventes init --db postgresql://...` created no "
              f"schema there (it said: {said}); the ventes column needs a build with PostgreSQL support (the pg "
              "branch): timing the psql reference only")
    return tools, f"PostgreSQL {server.version()} (same server for every tool, a fresh database per run), psql"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--order", default="date,store,random",
                        help="comma-separated orders of the sales rows: date, store, random (all three by default)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large-runs", type=int, default=1)
    parser.add_argument("--tools", default="ventes,sqlite3,duckdb")
    parser.add_argument("--refreshes", type=int, default=3,
                        help="unchanged re-imports made before the re-import and append runs start")
    parser.add_argument("--mostly-rejected", type=int, default=0, metavar="KNOWN",
                        help="also time ventes importing the sales against a products file that knows only "
                             "the first KNOWN products (most rows refused), against the same import fully accepted")
    parser.add_argument("--work", default="/tmp/ventes-bench")
    parser.add_argument("--ventes", default=os.path.join(ROOT, ".build", "release", "ventes"), type=os.path.abspath)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite",
                        help="where ventes keeps its tables; postgresql: against a psql reference on the same server")
    parser.add_argument("--postgresql", default=os.environ.get("VENTES_TEST_POSTGRESQL_URL"), metavar="URL",
                        help="with --backend postgresql: a server whose user may create databases "
                             "(default $VENTES_TEST_POSTGRESQL_URL, else a throwaway cluster)")
    parser.add_argument("--watch", action="store_true", help="benchmark the refresh service instead (ventes watch)")
    parser.add_argument("--cycles", type=int, default=1000, help="with --watch: unchanged cycles of the memory run")
    args = parser.parse_args()
    orders = args.order.split(",")
    if any(order not in ("date", "store", "random") for order in orders):
        sys.exit(f"bench: --order takes date, store or random, not {args.order}")
    os.makedirs(args.work, exist_ok=True)
    if args.watch:
        import watch_bench
        watch_bench.run(args.ventes, args.work, [int(s) for s in args.sizes.split(",")], args.cycles,
                        lambda size_dir, size: generate(size_dir, size, "date"))
        return
    if args.backend == "postgresql" and args.mostly_rejected:
        parser.error("--mostly-rejected times the SQLite backend only")
    cleanup = []
    try:
        tools, versions = make_tools(args, cleanup)
        compare(args, orders, tools, versions)
    finally:
        for step in reversed(cleanup):
            step()


def compare(args, orders, tools, versions):
    print(f"# ventes benchmark ({args.backend}): {os.uname().nodename}, {os.cpu_count()} cores, {versions}, "
          f"load average at start {os.getloadavg()[0]:.2f}")
    imports = {}  # (size, order) -> {tool: (median s, peak MiB)}
    base_totals = {}  # size -> the totals every order and tool gave (one when they all agree)
    failed = False
    for size in [int(s) for s in args.sizes.split(",")]:
        runs = args.runs if size < 10_000_000 else args.large_runs
        for order in orders:
            size_dir = os.path.join(args.work, str(size), order)
            generate(size_dir, size, order)
            table = {}
            totals = {}
            for tool in tools:
                results, total, appended_total, state = measure(tool, size_dir, runs, args.refreshes)
                table[tool.name] = {scenario: summary(samples) for scenario, samples in results.items()}
                totals[tool.name] = (total, appended_total)
                if tool.name == "ventes":
                    if args.backend == "sqlite":
                        check_ventes(tool, state)
                    if order == orders[0]:
                        plans = "\n".join(tool.plans(state))
            imports[(size, order)] = {name: (row["import"][0], row["import"][3]) for name, row in table.items()}
            if not print_order_table(size, order, runs, args.refreshes, tools, table, totals):
                failed = True
            base_totals.setdefault(size, set()).update(totals.values())
            if len(base_totals[size]) > 1:
                print(f"\nMISMATCH: the totals differ between orders at {size:,}: {sorted(base_totals[size])}")
                failed = True
        if args.mostly_rejected and tools[0].name == "ventes":
            print_mostly_rejected(tools[0], os.path.join(args.work, str(size), orders[0]), runs, args.mostly_rejected,
                                  imports[(size, orders[0])]["ventes"])
        if any(tool.name == "ventes" for tool in tools):
            print(f"\nventes query plans ({orders[0]} order):\n```\n" + plans + "\n```")
        print(f"\nload average after {size:,}: {os.getloadavg()[0]:.2f}")
    print("\n## First import by order (median s, peak RSS MiB; ratio to date order in the same invocation)\n")
    names = {t.name for t in tools}
    extra_columns = (["ventes / date order"] if "ventes" in names else []) + \
        [f"ventes / {name}" for name in ("sqlite3", "psql") if {"ventes", name} <= names]
    print("| sales | order | " + " | ".join([tool.name for tool in tools] + extra_columns) + " |")
    print("| --- | --- |" + " --- |" * (len(tools) + len(extra_columns)))
    for (size, order), values in imports.items():
        cells = [f"{values[t.name][0]:.3f}, {values[t.name][1]:.0f} MiB" for t in tools]
        extra = []
        if "ventes" in values:
            date = imports.get((size, "date"), {}).get("ventes")
            extra.append(f"{values['ventes'][0] / date[0]:.2f}x" if date else "-")
            for name in ("sqlite3", "psql"):
                if name in values:
                    extra.append(f"{values['ventes'][0] / values[name][0]:.2f}x")
        print(f"| {size:,} | {order} | " + " | ".join(cells + extra) + " |")
    print("\n## First import, time per row (µs)\n")
    print("| sales | order | " + " | ".join(t.name for t in tools) + " |")
    print("| --- | --- |" + " --- |" * len(tools))
    for (size, order), values in imports.items():
        print(f"| {size:,} | {order} | " + " | ".join(f"{values[t.name][0] / size * 1e6:.2f}" for t in tools) + " |")
    if failed:
        sys.exit("bench: the tools disagree on the total revenue")

if __name__ == "__main__":
    main()
