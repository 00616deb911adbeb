-- SPDX-License-Identifier: MIT
-- sqlite.sql: the SQLite workload of the real-world benchmark: generated tables, indexes, joins, aggregates, updates.
-- Every row comes from recursive CTEs and integer arithmetic (a linear
-- congruential generator), so the output is the same on every target.
PRAGMA cache_size = -65536;
CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT, city TEXT, since INTEGER);
CREATE TABLE item(id INTEGER PRIMARY KEY, title TEXT, price REAL, category INTEGER);
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER, item INTEGER, qty INTEGER, day INTEGER, note TEXT);

WITH RECURSIVE n(i, r) AS (SELECT 1, 12345 UNION ALL
  SELECT i + 1, (r * 1103515245 + 12345) % 2147483648 FROM n WHERE i < 10000)
INSERT INTO customer SELECT i, 'customer-' || hex(r % 65536) || '-' || i,
  'city' || (r / 7 % 97), 2000 + r % 25 FROM n;

WITH RECURSIVE n(i, r) AS (SELECT 1, 777 UNION ALL
  SELECT i + 1, (r * 1103515245 + 12345) % 2147483648 FROM n WHERE i < 5000)
INSERT INTO item SELECT i, printf('item %05d %s', i, substr('abcdefghijklmnopqrstuvwxyz', 1 + r % 20, 6)),
  (r % 100000) / 100.0, r / 13 % 40 FROM n;

WITH RECURSIVE n(i, r) AS (SELECT 1, 4242 UNION ALL
  SELECT i + 1, (r * 1103515245 + 12345) % 2147483648 FROM n WHERE i < 80000)
INSERT INTO orders SELECT i, 1 + r % 10000, 1 + r / 10000 % 5000, 1 + r / 7 % 9, r / 3 % 365,
  CASE WHEN r % 5 = 0 THEN 'gift ' || (r % 1000) ELSE NULL END FROM n;

CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX orders_item_day ON orders(item, day);
CREATE INDEX customer_city ON customer(city, since);

-- Aggregates over a join, grouped and sorted.
SELECT c.city, count(*), sum(o.qty), printf('%.2f', sum(o.qty * i.price))
  FROM orders o JOIN customer c ON c.id = o.customer JOIN item i ON i.id = o.item
  GROUP BY c.city ORDER BY sum(o.qty * i.price) DESC LIMIT 12;

-- Top customers per category with a window function.
SELECT category, customer, printf('%.2f', total) FROM (
  SELECT i.category, o.customer, sum(o.qty * i.price) AS total,
         row_number() OVER (PARTITION BY i.category ORDER BY sum(o.qty * i.price) DESC, o.customer) AS rank
    FROM orders o JOIN item i ON i.id = o.item GROUP BY i.category, o.customer)
  WHERE rank <= 2 ORDER BY category, rank;

-- Index lookups in a correlated subquery.
SELECT count(*), sum(qty) FROM orders o
  WHERE qty > (SELECT avg(qty) FROM orders p WHERE p.customer = o.customer);

-- String work: LIKE, substr, replace, group_concat.
SELECT since, count(*), length(group_concat(replace(name, 'customer', 'c'), ','))
  FROM customer WHERE name LIKE '%-1%' GROUP BY since ORDER BY since;

-- Updates and deletes through indexes, then a check.
UPDATE item SET price = round(price * 1.1, 2) WHERE category % 3 = 0;
DELETE FROM orders WHERE day BETWEEN 100 AND 130 AND qty < 3;
UPDATE orders SET note = 'bulk' WHERE qty >= 8 AND note IS NULL;
SELECT count(*), count(note), sum(day), printf('%.2f', (SELECT sum(price) FROM item)) FROM orders;

-- A sort of the whole table on an expression, and DISTINCT.
SELECT id, customer, item FROM orders ORDER BY (id * 7919) % 200003 LIMIT 5;
SELECT count(DISTINCT customer * 10 + qty) FROM orders;

-- A temporary table and an EXCEPT.
CREATE TEMP TABLE busy AS SELECT customer, count(*) AS n FROM orders GROUP BY customer HAVING n > 12;
SELECT count(*), max(n) FROM busy;
SELECT count(*) FROM (SELECT id FROM customer EXCEPT SELECT customer FROM busy);
