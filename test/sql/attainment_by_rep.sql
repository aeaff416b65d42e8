-- attainment_by_rep(rep, achieved, quota): raw deal and quota rows, summed
-- per rep first, into an attainment summary.
--
-- How the expected values were checked:
-- * The quota report is the worked example of doc/quota-attainment.md,
--   worked out by hand there (East FY2025 Q1: 225,000 / 200,000 = 112.5 %,
--   1 of 2 at quota, median (110 + 95) / 2 = 102.5 %; ...); here it comes
--   from the raw rows, with no GROUP BY per rep and no LEFT JOIN.
-- * Every small case is worked out in the comment beside it; the wide and
--   past-2^63 totals and the ratio (1e20 + 1) / 1e-20 were re-checked with
--   Python's fractions (= 10000000000000000000100000000000000000000).
-- * The FY2024 Q4 row of the report is NULL by design: that quarter has a
--   deal (Ana's of 31 January) and no quota row, so no rep is rated.
-- * Larger sets are compared, as text (the canonical form: every stored
--   field), with attainment() over the pre-aggregated LEFT JOIN that
--   doc/quota-attainment.md teaches (sum() per rep and period, COALESCE),
--   serial, parallel and sorted, including reps whose sums leave 64 bits.

CREATE TABLE byrep_quotas (rep_id int, quarter date, quota numeric);
INSERT INTO byrep_quotas VALUES
    (1, '2024-02-01', 100000), (2, '2024-02-01', 100000), (3, '2024-02-01', 0),
    (4, '2024-02-01', 120000), (5, '2024-02-01', 100000),
    (1, '2024-05-01', 100000), (2, '2024-05-01', 100000), (3, '2024-05-01', 50000),
    (4, '2024-05-01', 120000), (5, '2024-05-01', 100000);
CREATE TABLE byrep_deals (rep_id int, closed_at date, amount numeric);
INSERT INTO byrep_deals VALUES
    (1, '2024-01-31', 40000), (1, '2024-02-15', 60000), (1, '2024-04-30', 50000), (1, '2024-05-02', 30000),
    (2, '2024-03-10', 95000), (2, '2024-06-30', 120000),
    (3, '2024-04-01', 20000), (3, '2024-07-15', 45000),
    (4, '2024-02-01', 130000), (4, '2024-05-20', -10000), (4, '2024-06-01', 90000),
    (6, '2024-03-03', 70000);
CREATE TABLE byrep_reps (rep_id int, team text);
INSERT INTO byrep_reps VALUES (1, 'East'), (2, 'East'), (3, 'East'), (4, 'West'), (5, 'West'), (6, 'West');

-- the worked quota report from the raw rows: the figures of the documented
-- LEFT JOIN version (East Q1 112.5 / 50.0 / 102.5, East Q2 78.0 / 33.3 /
-- 90.0, West Q1 59.1 / 50.0 / 54.2, West Q2 36.4 / 0.0 / 33.3); Eli (rep 5)
-- has a quota and no deal and counts as 0 %, Fay (rep 6) has no quota and is
-- in no figure, Ana's deal of 31 January is in FY2024 Q4, which has no quota
SELECT team, fiscal_quarter_label(quarter, 2) AS quarter, reps(s), reps_at_quota(s) AS at_quota,
       round(100 * quota_attainment(s)::numeric, 1) AS "attainment %",
       round(100 * pct_at_quota(s)::numeric, 1) AS "% at quota",
       round(100 * median_attainment(s)::numeric, 1) AS "median %"
FROM (SELECT team, quarter, attainment_by_rep(rep_id, achieved, quota) AS s
      FROM (SELECT rep_id, fiscal_quarter(closed_at, 2) AS quarter, amount AS achieved, NULL AS quota
            FROM byrep_deals
            UNION ALL
            SELECT rep_id, quarter, NULL, quota FROM byrep_quotas) AS r
      JOIN byrep_reps USING (rep_id)
      GROUP BY team, quarter) AS x
ORDER BY team, x.quarter;

-- quotas given per month are summed per rep, and so are the deals: rep 1
-- 120000 / (30000 + 30000 + 40000) = 6/5; rep 2 has no deal: 0 / 50000 = 0;
-- rep 3 has deals and no quota: left out.  Totals 120000 / 150000 = 0.8.
SELECT attainment_by_rep(rep, achieved, quota) AS s
FROM (VALUES (1, 50000, NULL), (1, NULL, 30000), (1, 70000, NULL), (1, NULL, 30000), (1, NULL, 40000),
             (2, NULL, 50000), (3, 99000, NULL)) AS v(rep, achieved, quota);
-- a row may carry both amounts; a quota of 0 is a ramping rep (zero_quotas);
-- negative achieved is valid: rep 1 (-5000 + 2500) / 10000 = -1/4, rep 2 0/0
SELECT attainment_by_rep(rep, achieved, quota) AS s
FROM (VALUES (1, -5000, 10000), (1, 2500, NULL), (2, 7000, 0)) AS v(rep, achieved, quota);
-- NULL rep or both amounts NULL: the row is skipped; nothing left, or no
-- rep with a quota, or no rows at all: NULL
SELECT attainment_by_rep(rep, achieved, quota) IS NULL AS no_summary
FROM (VALUES (NULL::int, 100, 100), (1, NULL, NULL)) AS v(rep, achieved, quota);
SELECT attainment_by_rep(rep, achieved, quota) IS NULL AS no_summary
FROM (VALUES (1, 100, NULL::numeric), (2, 50, NULL)) AS v(rep, achieved, quota);
SELECT attainment_by_rep(1, 1, 1) IS NULL AS no_summary FROM generate_series(1, 0);
-- every accessor reads it; the display scale follows sum(): 0.5 + 1 + 0.25 = 1.75
SELECT quota_attainment(s), pct_at_quota(s), reps(s), total_achieved(s), total_quota(s)
FROM (SELECT attainment_by_rep(rep, achieved, quota) AS s
      FROM (VALUES (7, 0.5, NULL), (7, 1, 2), (7, 0.25, NULL)) AS v(rep, achieved, quota)) x;  -- 1.75 / 2 = 0.875, 0 of 1
-- bigint rep keys over the whole range, int keys too
SELECT reps(attainment_by_rep(rep, 1, 1)) AS reps
FROM (VALUES (-9223372036854775808), (9223372036854775807), (0), (-1), (0)) AS v(rep);   -- 4 distinct reps
-- a negative, NaN or infinite quota is an error, as in attainment()
SELECT attainment_by_rep(1, 100, -1);
SELECT attainment_by_rep(1, 100, 'NaN');

-- sums that leave 64 bits move to exact numeric sums and stay exact:
-- 11 x 900000000000000000 = 9900000000000000000 (> 2^63 - 1 = 9223372036854775807);
-- quota 3 x 9e17 = 2.7e18: ratio 11/3
SELECT total_achieved(s), total_quota(s), s
FROM (SELECT attainment_by_rep(1, achieved, quota) AS s
      FROM (SELECT 900000000000000000::numeric AS achieved, CASE WHEN i <= 3 THEN 900000000000000000 END AS quota
            FROM generate_series(1, 11) i) v) x;
-- 19-digit and NaN achieved, and a wide quota: total 1e20 + 1 + 10 = 100000000000000000011 against
-- 1e-20 + 5 (two reps, ratios (1e20 + 1) / 1e-20 = 1e40 + 1e20 and 10/5 = 2); then NaN makes rep 3's
-- ratio NaN and the total NaN, rep 1 is 10/5 = 2, total quota 5 + 4 = 9
SELECT s FROM (SELECT attainment_by_rep(rep, achieved, quota) AS s
               FROM (VALUES (1, 100000000000000000000, NULL), (1, 1, NULL), (1, NULL, 0.00000000000000000001),
                            (2, 10, 5)) AS v(rep, achieved, quota)) x;
SELECT s FROM (SELECT attainment_by_rep(rep, achieved, quota) AS s
               FROM (VALUES (1, 10, 5), (3, 'NaN'::numeric, NULL), (3, NULL, 4)) AS v(rep, achieved, quota)) x;

-- many reps and quarters, serial, parallel and sorted: equal (as text) to
-- attainment() over the pre-aggregated LEFT JOIN from the quotas.  Reps
-- 1-250 have quotas in quarters 0-7 (0 for some), reps 251-300 never
-- have one (nor do reps <= 0); some deals have NULL amounts, some are
-- credit notes, some are 19 digits wide, and rep 42's deals of quarter 3
-- sum past 2^63 units (6e17 each, about 22 of them): the exact numeric
-- path, met in transition, combine and serialization.
CREATE TABLE byrep_many_deals AS
SELECT 1 + hashint4(i) % 150 + 150 AS rep, abs(hashint4(i * 3)) % 9 AS quarter,
       CASE WHEN i % 53 = 0 THEN NULL
            WHEN i % 29 = 0 THEN -round(((hashint4(i * 5) & 4095) * 1.5)::numeric, 2)
            WHEN i % 1000 = 17 THEN 900000000000000000.5
            ELSE round(((hashint4(i * 7) & 65535) * 1.37)::numeric, 2) END AS amount
FROM generate_series(1, 60000) i;
UPDATE byrep_many_deals SET rep = rep - 150 WHERE quarter % 2 = 0;
UPDATE byrep_many_deals SET rep = 42, amount = 600000000000000000 WHERE rep = 171 AND quarter = 3;
CREATE TABLE byrep_many_quotas AS
SELECT rep, quarter, CASE WHEN (rep + quarter) % 23 = 0 THEN 0 ELSE 50000 + 1000 * (rep % 9) END::numeric AS quota
FROM generate_series(1, 250) rep, generate_series(0, 7) quarter;
ANALYZE byrep_many_deals;
ANALYZE byrep_many_quotas;
CREATE TEMP TABLE byrep_join AS
SELECT q.quarter, attainment(coalesce(d.achieved, 0), q.quota) AS s
FROM byrep_many_quotas q
LEFT JOIN (SELECT rep, quarter, sum(amount) AS achieved FROM byrep_many_deals GROUP BY rep, quarter) d
       USING (rep, quarter)
GROUP BY q.quarter;
CREATE VIEW byrep_rows AS
SELECT rep, quarter, amount AS achieved, NULL::numeric AS quota FROM byrep_many_deals
UNION ALL
SELECT rep, quarter, NULL, quota FROM byrep_many_quotas;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE byrep_serial AS
SELECT quarter, attainment_by_rep(rep, achieved, quota) AS s FROM byrep_rows GROUP BY quarter;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT quarter, attainment_by_rep(rep, achieved, quota) FROM byrep_rows GROUP BY quarter;
CREATE TEMP TABLE byrep_parallel AS
SELECT quarter, attainment_by_rep(rep, achieved, quota) AS s FROM byrep_rows GROUP BY quarter;
-- one group: every worker's state of every rep is serialized and combined
CREATE TEMP TABLE byrep_parallel_all AS SELECT attainment_by_rep(rep, achieved, quota) AS s FROM byrep_rows;
SET enable_hashagg = off;
CREATE TEMP TABLE byrep_sorted AS
SELECT quarter, attainment_by_rep(rep, achieved, quota) AS s FROM byrep_rows GROUP BY quarter;
RESET ALL;
-- 8 quarters with quotas (quarter 8 has deals and no quota: NULL, and no join row)
SELECT count(*) AS quarters,
       count(*) FILTER (WHERE j.s::text = s.s::text) AS serial_equals_join,
       count(*) FILTER (WHERE j.s::text = p.s::text) AS parallel_equals_join,
       count(*) FILTER (WHERE j.s::text = o.s::text) AS sorted_equals_join
FROM byrep_join j JOIN byrep_serial s USING (quarter) JOIN byrep_parallel p USING (quarter)
JOIN byrep_sorted o USING (quarter);
SELECT quarter, s IS NULL AS no_quota FROM byrep_serial WHERE quarter NOT IN (SELECT quarter FROM byrep_join);
-- the sums that left 64 bits are there: rep 42's quarter 3
SELECT total_achieved(s) = (SELECT sum(amount) FROM byrep_many_deals d
                            WHERE quarter = 3 AND EXISTS (SELECT FROM byrep_many_quotas q
                                                           WHERE q.rep = d.rep AND q.quarter = 3)) AS exact_total,
       total_achieved(s) > 9223372036854775807 AS past_int64
FROM byrep_serial WHERE quarter = 3;
-- over all quarters, a rep is one row: its quotas and deals of every quarter summed
SELECT p.s::text = (SELECT attainment(coalesce(d.achieved, 0), q.quota)
                    FROM (SELECT rep, sum(quota) AS quota FROM byrep_many_quotas GROUP BY rep) q
                    LEFT JOIN (SELECT rep, sum(amount) AS achieved FROM byrep_many_deals GROUP BY rep) d USING (rep))::text
       AS one_group_parallel_equals_join
FROM byrep_parallel_all p;
-- rollup of per-quarter summaries = the summary of the rep-quarter rows
SELECT rollup(s)::text = (SELECT attainment(coalesce(d.achieved, 0), q.quota)
                          FROM byrep_many_quotas q
                          LEFT JOIN (SELECT rep, quarter, sum(amount) AS achieved FROM byrep_many_deals
                                     GROUP BY rep, quarter) d USING (rep, quarter))::text AS rollup_equals_rep_quarters
FROM byrep_serial;

DROP VIEW byrep_rows;
DROP TABLE byrep_quotas, byrep_deals, byrep_reps, byrep_many_deals, byrep_many_quotas;
