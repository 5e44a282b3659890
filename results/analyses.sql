-- Analyses run by `ventes analyze` (and `ventes run`), in this order.
--
-- Each query starts with `-- name: NAME` (lowercase letters, digits, _), then a one-line comment
-- saying what question it answers. Add a query here and it runs, is stored (table result_NAME,
-- one row set per run_id) and appears in every output: no code change needed.
--
-- Money is integer cents: a column named *_cents is shown in euros without the suffix
-- (revenue_cents 526878 is shown as revenue 5268.78). Each sale stores revenue_cents =
-- quantity * unit_price_cents, the unit price being the product's price when the sale was imported.
--
-- Tables: store(id, city, region, employees), product(id, name, price_cents, stock),
-- sale(store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line).

-- name: total_revenue
-- What is the total revenue, in units and number of sales?
SELECT COALESCE(SUM(revenue_cents), 0) AS revenue_cents,
       COALESCE(SUM(quantity), 0) AS units,
       COUNT(*) AS sales_count
FROM sale;

-- name: sales_by_product
-- Which products sell the most, by revenue?
-- (Aggregate first, then join: the join runs once per product, not once per sale.)
SELECT p.id AS product_id,
       p.name AS product_name,
       a.units AS units,
       a.revenue_cents AS revenue_cents
FROM (SELECT product_id, SUM(quantity) AS units, SUM(revenue_cents) AS revenue_cents
      FROM sale GROUP BY product_id) a
JOIN product p ON p.id = a.product_id
ORDER BY revenue_cents DESC, p.id;

-- name: sales_by_city
-- Which cities bring the most revenue?
-- (Sales are stored in store order: grouping by store needs no sort.)
SELECT st.city AS city,
       SUM(a.units) AS units,
       SUM(a.revenue_cents) AS revenue_cents
FROM (SELECT store_id, SUM(quantity) AS units, SUM(revenue_cents) AS revenue_cents
      FROM sale GROUP BY store_id) a
JOIN store st ON st.id = a.store_id
GROUP BY st.city
ORDER BY revenue_cents DESC, st.city;

-- name: sales_by_region
-- Which regions bring the most revenue?
SELECT COALESCE(st.region, 'unknown') AS region,
       SUM(a.units) AS units,
       SUM(a.revenue_cents) AS revenue_cents
FROM (SELECT store_id, SUM(quantity) AS units, SUM(revenue_cents) AS revenue_cents
      FROM sale GROUP BY store_id) a
JOIN store st ON st.id = a.store_id
GROUP BY COALESCE(st.region, 'unknown')
ORDER BY revenue_cents DESC, region;

-- name: sales_by_month
-- How do revenue and units evolve month by month?
SELECT substr(date, 1, 7) AS month,
       COUNT(*) AS sales_count,
       SUM(quantity) AS units,
       SUM(revenue_cents) AS revenue_cents
FROM sale
GROUP BY month
ORDER BY month;

-- name: sales_by_store
-- How does each store perform, and per employee?
SELECT st.id AS store_id,
       st.city AS city,
       st.employees AS employees,
       COUNT(s.store_id) AS sales_count,
       COALESCE(SUM(s.quantity), 0) AS units,
       COALESCE(SUM(s.revenue_cents), 0) AS revenue_cents,
       CASE WHEN st.employees > 0 THEN COALESCE(SUM(s.revenue_cents), 0) / st.employees END AS revenue_per_employee_cents
FROM store st
LEFT JOIN sale s ON s.store_id = st.id
GROUP BY st.id, st.city, st.employees
ORDER BY revenue_cents DESC, st.id;
