-- Analyses run by `ventes analyze` on a PostgreSQL store (the default analyses file when --db is a
-- postgresql:// URL), in this order. Same format, names and columns as results/analyses.sql.
--
-- Minimal version (the four required analyses) until the full dialect port lands: these four
-- queries are the SQLite file's own, which PostgreSQL runs unchanged (a SUM of bigint is a numeric
-- without decimals, which ventes stores and prints as an integer, as SQLite returns it).

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

