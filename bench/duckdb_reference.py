#!/usr/bin/env python3
"""The DuckDB reference of the benchmark: what a data person would write.

    duckdb_reference.py import DB DATA_DIR SALES_CSV | analyze DB | total DB
"""
import sys

import duckdb

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from generate import REGION_BY_CITY  # noqa: E402


def main():
    action, db = sys.argv[1], sys.argv[2]
    con = duckdb.connect(db)
    if action == "import":
        data, sales = sys.argv[3], sys.argv[4]
        con.execute("CREATE TABLE IF NOT EXISTS stores(store_id VARCHAR PRIMARY KEY, city VARCHAR, employees INTEGER)")
        con.execute("CREATE TABLE IF NOT EXISTS products(product_id VARCHAR PRIMARY KEY, name VARCHAR, "
                    "price_cents BIGINT, stock INTEGER)")
        con.execute("CREATE TABLE IF NOT EXISTS sales(date DATE, product_id VARCHAR, quantity INTEGER, store_id VARCHAR)")
        con.execute("CREATE TABLE IF NOT EXISTS regions(city VARCHAR PRIMARY KEY, region VARCHAR)")
        con.execute("INSERT OR IGNORE INTO regions VALUES " + ",".join("(?, ?)" for _ in REGION_BY_CITY),
                    [x for pair in REGION_BY_CITY.items() for x in pair])
        con.execute("BEGIN")
        con.execute(f"""INSERT OR REPLACE INTO stores SELECT * FROM read_csv('{data}/magasins.csv', header = true,
            columns = {{'store_id': 'VARCHAR', 'city': 'VARCHAR', 'employees': 'INTEGER'}})""")
        con.execute(f"""INSERT OR REPLACE INTO products SELECT product_id, name, CAST(round(price * 100) AS BIGINT), stock
            FROM read_csv('{data}/produits.csv', header = true,
            columns = {{'name': 'VARCHAR', 'product_id': 'VARCHAR', 'price': 'DECIMAL(12,2)', 'stock': 'INTEGER'}})""")
        con.execute(f"""INSERT INTO sales SELECT DISTINCT t.* FROM read_csv('{sales}', header = true,
            columns = {{'date': 'DATE', 'product_id': 'VARCHAR', 'quantity': 'INTEGER', 'store_id': 'VARCHAR'}}) t
            WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.date = t.date AND s.product_id = t.product_id
                              AND s.quantity = t.quantity AND s.store_id = t.store_id)""")
        con.execute("COMMIT")
    elif action == "analyze":
        con.execute("SELECT SUM(s.quantity * p.price_cents), SUM(s.quantity), COUNT(*) FROM sales s "
                    "JOIN products p USING (product_id)").fetchall()
        con.execute("SELECT p.product_id, p.name, SUM(s.quantity) AS units, SUM(s.quantity * p.price_cents) AS revenue "
                    "FROM sales s JOIN products p USING (product_id) GROUP BY p.product_id, p.name "
                    "ORDER BY revenue DESC").fetchall()
        con.execute("SELECT st.city, SUM(s.quantity), SUM(s.quantity * p.price_cents) AS revenue FROM sales s "
                    "JOIN products p USING (product_id) JOIN stores st USING (store_id) GROUP BY st.city "
                    "ORDER BY revenue DESC").fetchall()
        con.execute("SELECT r.region, SUM(s.quantity), SUM(s.quantity * p.price_cents) AS revenue FROM sales s "
                    "JOIN products p USING (product_id) JOIN stores st USING (store_id) "
                    "JOIN regions r ON r.city = st.city GROUP BY r.region ORDER BY revenue DESC").fetchall()
    elif action == "total":
        print(con.execute("SELECT SUM(s.quantity * p.price_cents) FROM sales s JOIN products p USING (product_id)")
              .fetchone()[0])
    con.close()


if __name__ == "__main__":
    main()
