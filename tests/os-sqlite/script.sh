#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# script.sh N: writes a SQL script of about N statements to stdout, the same
# every time: tables, thousands of single-row INSERTs with text, integers,
# reals and NULLs, UPDATEs and DELETEs, then queries that print (aggregates,
# joins, GROUP BY, ORDER BY, printf and float formatting) and one error.
set -euo pipefail
n=${1:-4000}
cat <<'SQL'
CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT, age INTEGER, score REAL, city TEXT);
CREATE TABLE visit(id INTEGER PRIMARY KEY, person INTEGER REFERENCES person(id), day INTEGER, amount REAL);
CREATE INDEX visit_person ON visit(person);
SQL
awk -v n="$n" 'BEGIN {
  r = 12345
  for (i = 1; i <= n / 2; i++) {
    r = (r * 1103515245 + 12345) % 2147483648
    city = (r % 7 == 0) ? "NULL" : sprintf("'"'"'city-%d'"'"'", r % 13)
    printf "INSERT INTO person VALUES(%d, '"'"'name %d'"'"', %d, %d.%02d, %s);\n", i, r % 100000, 18 + r % 60, r % 1000, r % 100, city
  }
  for (i = 1; i <= n / 2 - 200; i++) {
    r = (r * 1103515245 + 12345) % 2147483648
    printf "INSERT INTO visit VALUES(%d, %d, %d, %d.%d);\n", i, 1 + r % (n / 2), r % 365, r % 5000, r % 10
  }
  for (i = 1; i <= 100; i++) printf "UPDATE person SET score = score * 1.5 WHERE id = %d;\n", i * 7
  for (i = 1; i <= 100; i++) printf "DELETE FROM visit WHERE id = %d;\n", i * 11
}'
cat <<'SQL'
SELECT count(*), sum(age), round(avg(score), 6), min(score), max(score) FROM person;
SELECT city, count(*), round(avg(age), 3) FROM person GROUP BY city ORDER BY city;
SELECT p.id, p.name, count(v.id), round(sum(v.amount), 2) FROM person p JOIN visit v ON v.person = p.id
  GROUP BY p.id ORDER BY count(v.id) DESC, p.id LIMIT 20;
SELECT printf('%5d %-12s %8.3f %e', id, name, score, score * 1000.5) FROM person WHERE id % 97 = 0;
SELECT day, count(*), total(amount) FROM visit GROUP BY day HAVING count(*) > 8 ORDER BY day;
SELECT id, score / 3.0, 1.0 / (id + 0.5), abs(-id), hex(id * 255), upper(name) FROM person WHERE id < 15;
SELECT group_concat(id, ',') FROM (SELECT id FROM person WHERE city IS NULL ORDER BY id LIMIT 30);
SELECT * FROM nosuchtable;
SELECT 'done', (SELECT count(*) FROM visit), typeof(1.5), 9223372036854775807 + 0, 1e308 * 10;
SQL
