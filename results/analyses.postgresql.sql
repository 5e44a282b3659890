-- The PostgreSQL dialect of results/analyses.sql: the same analyses, in the same order, with the
-- same names, questions, columns, row order and values. Keep the two files in step: a query
-- changed, added or removed in one is changed, added or removed in the other, and
-- scripts/compare-analyses.py (on the brief's data, a generated data set and edge cases) checks that both give the same rows on the
-- same data.
--
-- Run by `ventes analyze` (and `ventes run`) when the database is PostgreSQL
-- (`--db postgresql://...`). The format is analyses.sql's: each query starts with `-- name: NAME`
-- (lowercase letters, digits, _), then a one-line comment saying what question it answers. An
-- analyst's own query added here runs, is stored (table result_NAME) and appears in every output,
-- with no code change, as on SQLite.
--
-- The tables are those of analyses.sql, in the PostgreSQL schema ventes keeps them in (its
-- search_path): store(id, city, region, employees), product(id, name, price_cents, stock),
-- sale(store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line),
-- and the summary tables sale_total_by_day_store(date, store_id, sales_count, units, revenue_cents)
-- and sale_total_by_product(product_id, sales_count, units, revenue_cents). Money is bigint cents,
-- dates are `date`.
--
-- What differs from SQLite, and how each query keeps SQLite's results:
--   * SUM of a bigint is numeric in PostgreSQL: sums and counts are cast back to bigint, so an
--     integer column stays an integer (SQLite's INTEGER).
--   * Ratios are computed in exact numeric and rounded with round(numeric, n) (half away from zero,
--     as SQLite's ROUND), then cast to double precision (SQLite's REAL). An average in cents is
--     rounded to a whole cent and cast to bigint.
--   * Dates are `date`: a day is shown as to_char(date, 'YYYY-MM-DD') and a month as
--     to_char(date, 'YYYY-MM') (SQLite's text and substr(date, 1, 7)); the number of days between
--     two dates is their difference (SQLite's julianday(b) - julianday(a)).
--   * Weekdays: EXTRACT(ISODOW ...) is 1 for Monday to 7 for Sunday (SQLite's (strftime('%w') + 6) % 7 + 1).
--   * Texts are ordered byte by byte, as SQLite does, whatever the database's collation:
--     COLLATE "C" on every text in an ORDER BY.
--   * A division by zero is NULL in SQLite and an error in PostgreSQL: divisors go through NULLIF(..., 0).
--   * NULLs sort last in ascending order in PostgreSQL, first in SQLite (and first in descending
--     order, last in SQLite): an ORDER BY on a column that may be NULL says where NULLs go.

-- name: total_revenue
-- What is the total revenue, in units and number of sales?
SELECT CAST(COALESCE(SUM(revenue_cents), 0) AS bigint) AS revenue_cents,
       CAST(COALESCE(SUM(units), 0) AS bigint) AS units,
       CAST(COALESCE(SUM(sales_count), 0) AS bigint) AS sales_count
FROM sale_total_by_product;

-- name: sales_by_product
-- Which products sell the most, by revenue?
SELECT p.id AS product_id,
       p.name AS product_name,
       CAST(t.units AS bigint) AS units,
       CAST(t.revenue_cents AS bigint) AS revenue_cents
FROM sale_total_by_product t
JOIN product p ON p.id = t.product_id
ORDER BY revenue_cents DESC, p.id COLLATE "C";

-- name: sales_by_city
-- Which cities bring the most revenue?
SELECT st.city AS city,
       CAST(SUM(a.units) AS bigint) AS units,
       CAST(SUM(a.revenue_cents) AS bigint) AS revenue_cents
FROM (SELECT store_id, SUM(units) AS units, SUM(revenue_cents) AS revenue_cents
      FROM sale_total_by_day_store GROUP BY store_id) a
JOIN store st ON st.id = a.store_id
GROUP BY st.city
ORDER BY revenue_cents DESC, st.city COLLATE "C";

-- name: sales_by_region
-- Which regions bring the most revenue?
SELECT COALESCE(st.region, 'unknown') AS region,
       CAST(SUM(a.units) AS bigint) AS units,
       CAST(SUM(a.revenue_cents) AS bigint) AS revenue_cents
FROM (SELECT store_id, SUM(units) AS units, SUM(revenue_cents) AS revenue_cents
      FROM sale_total_by_day_store GROUP BY store_id) a
JOIN store st ON st.id = a.store_id
GROUP BY COALESCE(st.region, 'unknown')
ORDER BY revenue_cents DESC, COALESCE(st.region, 'unknown') COLLATE "C";

-- name: sales_period
-- Which period do the sales cover?
SELECT to_char(MIN(date), 'YYYY-MM-DD') AS first_day,
       to_char(MAX(date), 'YYYY-MM-DD') AS last_day,
       MAX(date) - MIN(date) + 1 AS days,
       COUNT(DISTINCT date) AS days_with_sales
FROM sale_total_by_day_store;

-- name: sales_by_month
-- How do revenue, units and sales evolve month by month, against the month before?
WITH monthly AS (
    SELECT date_trunc('month', date) AS month_start,
           CAST(SUM(sales_count) AS bigint) AS sales_count,
           CAST(SUM(units) AS bigint) AS units,
           CAST(SUM(revenue_cents) AS bigint) AS revenue_cents
    FROM sale_total_by_day_store
    GROUP BY date_trunc('month', date)
)
SELECT to_char(month_start, 'YYYY-MM') AS month, sales_count, units, revenue_cents,
       revenue_cents - LAG(revenue_cents) OVER (ORDER BY month_start) AS revenue_change_cents,
       CAST(ROUND(100.0 * (revenue_cents - LAG(revenue_cents) OVER (ORDER BY month_start))
                  / NULLIF(LAG(revenue_cents) OVER (ORDER BY month_start), 0), 1) AS double precision) AS revenue_change_pct,
       units - LAG(units) OVER (ORDER BY month_start) AS units_change
FROM monthly
ORDER BY month_start;

-- name: sales_by_day
-- How do revenue, units and sales evolve day by day, against the previous day with sales?
WITH daily AS (
    SELECT date AS day,
           CAST(SUM(sales_count) AS bigint) AS sales_count,
           CAST(SUM(units) AS bigint) AS units,
           CAST(SUM(revenue_cents) AS bigint) AS revenue_cents
    FROM sale_total_by_day_store
    GROUP BY date
)
SELECT to_char(day, 'YYYY-MM-DD') AS day, sales_count, units, revenue_cents,
       revenue_cents - LAG(revenue_cents) OVER (ORDER BY daily.day) AS revenue_change_cents,
       CAST(ROUND(100.0 * (revenue_cents - LAG(revenue_cents) OVER (ORDER BY daily.day))
                  / NULLIF(LAG(revenue_cents) OVER (ORDER BY daily.day), 0), 1) AS double precision) AS revenue_change_pct,
       units - LAG(units) OVER (ORDER BY daily.day) AS units_change
FROM daily
ORDER BY daily.day;

-- name: sales_by_store
-- How does each store perform: revenue, units, revenue per employee and share of the total?
WITH by_store AS (
    SELECT store_id,
           CAST(SUM(sales_count) AS bigint) AS sales_count,
           CAST(SUM(units) AS bigint) AS units,
           CAST(SUM(revenue_cents) AS bigint) AS revenue_cents
    FROM sale_total_by_day_store
    GROUP BY store_id
)
SELECT st.id AS store_id,
       st.city AS city,
       COALESCE(st.region, 'unknown') AS region,
       st.employees AS employees,
       COALESCE(b.sales_count, 0) AS sales_count,
       COALESCE(b.units, 0) AS units,
       COALESCE(b.revenue_cents, 0) AS revenue_cents,
       CASE WHEN st.employees > 0
            THEN CAST(ROUND(CAST(COALESCE(b.revenue_cents, 0) AS numeric) / st.employees) AS bigint)
       END AS revenue_per_employee_cents,
       CAST(ROUND(100.0 * COALESCE(b.revenue_cents, 0)
                  / NULLIF((SELECT SUM(revenue_cents) FROM by_store), 0), 1) AS double precision) AS revenue_share_pct
FROM store st
LEFT JOIN by_store b ON b.store_id = st.id
ORDER BY revenue_cents DESC, st.id COLLATE "C";

-- name: product_ranking
-- Which few products make most of the revenue (share and cumulative share, 80% line)?
WITH by_product AS (
    SELECT p.id AS product_id, p.name AS product_name,
           CAST(t.units AS bigint) AS units, CAST(t.revenue_cents AS bigint) AS revenue_cents
    FROM sale_total_by_product t
    JOIN product p ON p.id = t.product_id
),
ranked AS (
    SELECT *,
           RANK() OVER (ORDER BY revenue_cents DESC) AS rank,
           SUM(revenue_cents) OVER (ORDER BY revenue_cents DESC, product_id COLLATE "C"
                                    ROWS UNBOUNDED PRECEDING) AS running_cents,
           SUM(revenue_cents) OVER () AS total_cents
    FROM by_product
)
SELECT rank, product_id, product_name, units, revenue_cents,
       CAST(ROUND(100.0 * revenue_cents / NULLIF(total_cents, 0), 1) AS double precision) AS revenue_share_pct,
       CAST(ROUND(100.0 * running_cents / NULLIF(total_cents, 0), 1) AS double precision) AS cumulative_share_pct,
       CASE WHEN running_cents - revenue_cents < 0.8 * total_cents THEN 1 ELSE 0 END AS makes_first_80_pct
FROM ranked
ORDER BY revenue_cents DESC, product_id COLLATE "C";

-- name: stock_cover
-- At the pace of the sales period, how many days of stock does each product have left?
WITH period AS (
    SELECT MAX(date) - MIN(date) + 1 AS days FROM sale_total_by_day_store
),
sold AS (
    SELECT product_id, units FROM sale_total_by_product
),
cover AS (
    SELECT p.id AS product_id,
           p.name AS product_name,
           p.stock AS stock,
           CAST(COALESCE(sold.units, 0) AS bigint) AS units_sold,
           CAST(ROUND(COALESCE(sold.units, 0) / CAST(NULLIF(period.days, 0) AS numeric), 2) AS double precision) AS units_per_day,
           CASE WHEN COALESCE(sold.units, 0) > 0 AND p.stock IS NOT NULL
                THEN CAST(ROUND(CAST(p.stock AS numeric) * period.days / sold.units, 1) AS double precision)
           END AS days_of_stock_left
    FROM product p
    CROSS JOIN period
    LEFT JOIN sold ON sold.product_id = p.id
)
SELECT product_id, product_name, stock, units_sold, units_per_day, days_of_stock_left
FROM cover
ORDER BY days_of_stock_left IS NULL, days_of_stock_left, product_id COLLATE "C";

-- name: average_sale
-- What is a sale worth on average, in money and units?
SELECT CAST(COALESCE(SUM(sales_count), 0) AS bigint) AS sales_count,
       CAST(ROUND(CAST(SUM(revenue_cents) AS numeric) / NULLIF(SUM(sales_count), 0)) AS bigint) AS average_sale_cents,
       CAST(ROUND(CAST(SUM(units) AS numeric) / NULLIF(SUM(sales_count), 0), 2) AS double precision) AS average_units_per_sale
FROM sale_total_by_product;

-- name: average_sale_by_store
-- What is a sale worth on average in each store, in money and units?
WITH by_store AS (
    SELECT store_id, SUM(sales_count) AS sales_count, SUM(units) AS units, SUM(revenue_cents) AS revenue_cents
    FROM sale_total_by_day_store
    GROUP BY store_id
)
SELECT st.id AS store_id,
       st.city AS city,
       CAST(b.sales_count AS bigint) AS sales_count,
       CAST(ROUND(CAST(b.revenue_cents AS numeric) / NULLIF(b.sales_count, 0)) AS bigint) AS average_sale_cents,
       CAST(ROUND(CAST(b.units AS numeric) / NULLIF(b.sales_count, 0), 2) AS double precision) AS average_units_per_sale
FROM by_store b
JOIN store st ON st.id = b.store_id
ORDER BY average_sale_cents DESC NULLS LAST, st.id COLLATE "C";

-- name: sales_by_weekday
-- Which days of the week sell the most (Monday first)?
-- (Totals by day first; the weekday is then computed once a day.)
WITH daily AS (
    SELECT date, SUM(sales_count) AS sales_count, SUM(units) AS units, SUM(revenue_cents) AS revenue_cents
    FROM sale_total_by_day_store GROUP BY date
)
SELECT CAST(EXTRACT(ISODOW FROM date) AS integer) AS weekday_number,
       CASE CAST(EXTRACT(ISODOW FROM date) AS integer)
            WHEN 1 THEN 'Monday' WHEN 2 THEN 'Tuesday' WHEN 3 THEN 'Wednesday'
            WHEN 4 THEN 'Thursday' WHEN 5 THEN 'Friday' WHEN 6 THEN 'Saturday'
            ELSE 'Sunday'
       END AS weekday,
       CAST(SUM(sales_count) AS bigint) AS sales_count,
       CAST(SUM(units) AS bigint) AS units,
       CAST(SUM(revenue_cents) AS bigint) AS revenue_cents,
       CAST(ROUND(CAST(SUM(revenue_cents) AS numeric) / NULLIF(SUM(sales_count), 0)) AS bigint) AS average_sale_cents
FROM daily
GROUP BY weekday_number, weekday
ORDER BY weekday_number;
