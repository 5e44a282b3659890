-- Analyses run by `ventes analyze` (and `ventes run`), in this order.
--
-- Each query starts with `-- name: NAME` (lowercase letters, digits, _), then a one-line comment
-- saying what question it answers. Add a query here and it runs, is stored (table result_NAME,
-- one row set per run_id) and appears in every output and in the report: no code change needed.
--
-- Money is integer cents: a column named *_cents is shown in euros without the suffix
-- (revenue_cents 526878 is shown as revenue 5268.78). Each sale stores revenue_cents =
-- quantity * unit_price_cents, the unit price being the product's price when the sale was imported.
-- Ratios are REAL, rounded here (a *_pct column is a percentage); money never is: an average in
-- cents is rounded to a whole cent and cast back to INTEGER.
--
-- Tables: store(id, city, region, employees), product(id, name, price_cents, stock),
-- sale(store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line).
--
-- Summary tables, kept up to date by every import in its own transaction (`ventes check`
-- recomputes them from sale and fails on any difference):
--   sale_total_by_day_store(date, store_id, sales_count, units, revenue_cents): one row a day and store;
--   sale_total_by_product(product_id, sales_count, units, revenue_cents): one row a product sold.
-- The queries below read them, so they answer in time proportional to days, stores and products,
-- not to sales. An analyst may still query `sale` directly (each sale, its price, import and line):
-- the results are the same, only slower on millions of sales.

-- name: total_revenue
-- What is the total revenue, in units and number of sales?
SELECT COALESCE(SUM(revenue_cents), 0) AS revenue_cents,
       COALESCE(SUM(units), 0) AS units,
       COALESCE(SUM(sales_count), 0) AS sales_count
FROM sale_total_by_product;

-- name: sales_by_product
-- Which products sell the most, by revenue?
SELECT p.id AS product_id,
       p.name AS product_name,
       t.units AS units,
       t.revenue_cents AS revenue_cents
FROM sale_total_by_product t
JOIN product p ON p.id = t.product_id
ORDER BY revenue_cents DESC, p.id;

-- name: sales_by_city
-- Which cities bring the most revenue?
SELECT st.city AS city,
       SUM(a.units) AS units,
       SUM(a.revenue_cents) AS revenue_cents
FROM (SELECT store_id, SUM(units) AS units, SUM(revenue_cents) AS revenue_cents
      FROM sale_total_by_day_store GROUP BY store_id) a
JOIN store st ON st.id = a.store_id
GROUP BY st.city
ORDER BY revenue_cents DESC, st.city;

-- name: sales_by_region
-- Which regions bring the most revenue?
SELECT COALESCE(st.region, 'unknown') AS region,
       SUM(a.units) AS units,
       SUM(a.revenue_cents) AS revenue_cents
FROM (SELECT store_id, SUM(units) AS units, SUM(revenue_cents) AS revenue_cents
      FROM sale_total_by_day_store GROUP BY store_id) a
JOIN store st ON st.id = a.store_id
GROUP BY COALESCE(st.region, 'unknown')
ORDER BY revenue_cents DESC, region;

-- name: sales_period
-- Which period do the sales cover?
SELECT MIN(date) AS first_day,
       MAX(date) AS last_day,
       CAST(julianday(MAX(date)) - julianday(MIN(date)) + 1 AS INTEGER) AS days,
       COUNT(DISTINCT date) AS days_with_sales
FROM sale_total_by_day_store;

-- name: sales_by_month
-- How do revenue, units and sales evolve month by month, against the month before?
WITH monthly AS (
    SELECT substr(date, 1, 7) AS month,
           SUM(sales_count) AS sales_count,
           SUM(units) AS units,
           SUM(revenue_cents) AS revenue_cents
    FROM sale_total_by_day_store
    GROUP BY substr(date, 1, 7)
)
SELECT month, sales_count, units, revenue_cents,
       revenue_cents - LAG(revenue_cents) OVER (ORDER BY month) AS revenue_change_cents,
       ROUND(100.0 * (revenue_cents - LAG(revenue_cents) OVER (ORDER BY month))
             / NULLIF(LAG(revenue_cents) OVER (ORDER BY month), 0), 1) AS revenue_change_pct,
       units - LAG(units) OVER (ORDER BY month) AS units_change
FROM monthly
ORDER BY month;

-- name: sales_by_day
-- How do revenue, units and sales evolve day by day, against the previous day with sales?
WITH daily AS (
    SELECT date AS day,
           SUM(sales_count) AS sales_count,
           SUM(units) AS units,
           SUM(revenue_cents) AS revenue_cents
    FROM sale_total_by_day_store
    GROUP BY date
)
SELECT day, sales_count, units, revenue_cents,
       revenue_cents - LAG(revenue_cents) OVER (ORDER BY day) AS revenue_change_cents,
       ROUND(100.0 * (revenue_cents - LAG(revenue_cents) OVER (ORDER BY day))
             / NULLIF(LAG(revenue_cents) OVER (ORDER BY day), 0), 1) AS revenue_change_pct,
       units - LAG(units) OVER (ORDER BY day) AS units_change
FROM daily
ORDER BY day;

-- name: sales_by_store
-- How does each store perform: revenue, units, revenue per employee and share of the total?
WITH by_store AS (
    SELECT store_id, SUM(sales_count) AS sales_count, SUM(units) AS units, SUM(revenue_cents) AS revenue_cents
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
            THEN CAST(ROUND(COALESCE(b.revenue_cents, 0) * 1.0 / st.employees) AS INTEGER)
       END AS revenue_per_employee_cents,
       ROUND(100.0 * COALESCE(b.revenue_cents, 0)
             / NULLIF((SELECT SUM(revenue_cents) FROM by_store), 0), 1) AS revenue_share_pct
FROM store st
LEFT JOIN by_store b ON b.store_id = st.id
ORDER BY revenue_cents DESC, st.id;

-- name: product_ranking
-- Which few products make most of the revenue (share and cumulative share, 80% line)?
WITH by_product AS (
    SELECT p.id AS product_id, p.name AS product_name, t.units AS units, t.revenue_cents AS revenue_cents
    FROM sale_total_by_product t
    JOIN product p ON p.id = t.product_id
),
ranked AS (
    SELECT *,
           RANK() OVER (ORDER BY revenue_cents DESC) AS rank,
           SUM(revenue_cents) OVER (ORDER BY revenue_cents DESC, product_id
                                    ROWS UNBOUNDED PRECEDING) AS running_cents,
           SUM(revenue_cents) OVER () AS total_cents
    FROM by_product
)
SELECT rank, product_id, product_name, units, revenue_cents,
       ROUND(100.0 * revenue_cents / total_cents, 1) AS revenue_share_pct,
       ROUND(100.0 * running_cents / total_cents, 1) AS cumulative_share_pct,
       CASE WHEN running_cents - revenue_cents < 0.8 * total_cents THEN 1 ELSE 0 END AS makes_first_80_pct
FROM ranked
ORDER BY revenue_cents DESC, product_id;

-- name: stock_cover
-- At the pace of the sales period, how many days of stock does each product have left?
WITH period AS (
    SELECT julianday(MAX(date)) - julianday(MIN(date)) + 1 AS days FROM sale_total_by_day_store
),
sold AS (
    SELECT product_id, units FROM sale_total_by_product
)
SELECT p.id AS product_id,
       p.name AS product_name,
       p.stock AS stock,
       COALESCE(sold.units, 0) AS units_sold,
       ROUND(COALESCE(sold.units, 0) / period.days, 2) AS units_per_day,
       CASE WHEN COALESCE(sold.units, 0) > 0 AND p.stock IS NOT NULL
            THEN ROUND(p.stock * period.days / sold.units, 1)
       END AS days_of_stock_left
FROM product p
CROSS JOIN period
LEFT JOIN sold ON sold.product_id = p.id
ORDER BY days_of_stock_left IS NULL, days_of_stock_left, p.id;

-- name: average_sale
-- What is a sale worth on average, in money and units?
SELECT COALESCE(SUM(sales_count), 0) AS sales_count,
       CAST(ROUND(SUM(revenue_cents) * 1.0 / SUM(sales_count)) AS INTEGER) AS average_sale_cents,
       ROUND(SUM(units) * 1.0 / SUM(sales_count), 2) AS average_units_per_sale
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
       b.sales_count AS sales_count,
       CAST(ROUND(b.revenue_cents * 1.0 / b.sales_count) AS INTEGER) AS average_sale_cents,
       ROUND(b.units * 1.0 / b.sales_count, 2) AS average_units_per_sale
FROM by_store b
JOIN store st ON st.id = b.store_id
ORDER BY average_sale_cents DESC, st.id;

-- name: sales_by_weekday
-- Which days of the week sell the most (Monday first)?
-- (Totals by day first; the weekday is then computed once a day.)
WITH daily AS (
    SELECT date, SUM(sales_count) AS sales_count, SUM(units) AS units, SUM(revenue_cents) AS revenue_cents
    FROM sale_total_by_day_store GROUP BY date
)
SELECT (CAST(strftime('%w', date) AS INTEGER) + 6) % 7 + 1 AS weekday_number,
       CASE strftime('%w', date)
            WHEN '1' THEN 'Monday' WHEN '2' THEN 'Tuesday' WHEN '3' THEN 'Wednesday'
            WHEN '4' THEN 'Thursday' WHEN '5' THEN 'Friday' WHEN '6' THEN 'Saturday'
            ELSE 'Sunday'
       END AS weekday,
       SUM(sales_count) AS sales_count,
       SUM(units) AS units,
       SUM(revenue_cents) AS revenue_cents,
       CAST(ROUND(SUM(revenue_cents) * 1.0 / SUM(sales_count)) AS INTEGER) AS average_sale_cents
FROM daily
GROUP BY weekday_number, weekday
ORDER BY weekday_number;
