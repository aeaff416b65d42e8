-- Equality, hashing and ordering of the summary types (0.7.0, issue 14
-- point 8): =, <>, <, <=, >, >= on forecast_error, deal_summary and
-- attainment, a default btree and a default hash operator class each, so
-- DISTINCT, GROUP BY, UNION, IN, count(DISTINCT s), ORDER BY, hash and merge
-- joins work on summary columns.
--
-- How checked, by hand from the rule "two summaries are equal when every
-- accessor gives equal results" (doc/README.md, "Equality, hashing and
-- ordering"):
-- * Equal pairs are built from the same rows in another order, at another
--   display scale (100.0 vs 100.00: numeric = ignores the scale), by
--   rollup() of parts, by a parallel plan, from their text form: each must
--   be = (and not <>, <, >), with equal hashes.  Their text forms differ
--   where the display scale or (attainment's binary form) the stored ratio
--   order differs: the bytes are not what is compared.
-- * Unequal pairs differ in one part only (a count, a sum, a histogram bin,
--   a ratio, the kind): each must be <> and ordered one way.  The expected
--   direction follows the documented order: kind (numeric before float8),
--   then counts, then sums, then the histogram or the sorted ratios,
--   lexicographically.
-- * The order is checked as a total order on small sets of distinct values
--   (every pair: exactly one of <, =, > holds, and cmp agrees with the
--   operators and is antisymmetric; every triple: a < b and b < c give
--   a < c; equal values hash alike).
-- * The query results (DISTINCT, GROUP BY, UNION, IN, joins) are counts
--   worked out from the fixture in the comment beside each query.
-- forecast_error's MAPE/sMAPE term sums are float8 sums: they are compared
-- as float8 =, so its fixtures use two rows (a + b = b + a exactly) or
-- exactly representable terms.

-- 1. forecast_error
-- (110, 100), (180, 200): d = +10, -20, so sum_abs_error 30, sum_error -10,
-- sum_sq_error 500, sum_abs_actual 300, sum_ape 0.1 + 0.1, sum_sape
-- 20/210 + 40/380, whichever row comes first
CREATE TEMP TABLE fe AS
SELECT (SELECT forecast_error(f, a) FROM (VALUES (110::numeric, 100::numeric), (180, 200)) v(f, a)) AS a,
       (SELECT forecast_error(f, a) FROM (VALUES (180.00::numeric, 200.00::numeric), (110.0, 100.0)) v(f, a)) AS b,
       (SELECT forecast_error(f, a) FROM (VALUES (110::numeric, 100::numeric), (180, 201)) v(f, a)) AS c,
       (SELECT forecast_error(f, a) FROM (VALUES (110::float8, 100::float8), (180, 200)) v(f, a)) AS a8;
-- a and b: same rows, other order and scale: equal, not byte-equal (the text shows 30.00)
SELECT a = b AS eq, a <> b AS ne, a < b AS lt, a > b AS gt, a <= b AS le, a >= b AS ge,
       forecast_error_cmp(a, b) AS cmp, forecast_error_hash(a) = forecast_error_hash(b) AS same_hash,
       a::text = b::text AS same_text, mae(a) = mae(b) AS same_mae
FROM fe;
-- c has actual 201: count and zero actuals are equal, the first part that
-- differs is sum_ape, 10/100 + 21/201 > 10/100 + 20/200: a < c
SELECT a = c AS eq, a <> c AS ne, a < c AS lt, forecast_error_cmp(a, c) AS cmp,
       forecast_error_cmp(c, a) AS cmp_reversed
FROM fe;
-- the same pairs in float8: another kind, never equal; numeric sorts first
SELECT a = a8 AS eq, a <> a8 AS ne, a < a8 AS numeric_first, mae(a) = mae(a8) AS same_mae,
       a8 = (SELECT forecast_error(f, a) FROM (VALUES (180::float8, 200::float8), (110, 100)) v(f, a)) AS eq8
FROM fe;
-- text round trip: equal to the value, and hash alike
SELECT a::text::forecast_error = a AS a_round_trip, b::text::forecast_error = a AS b_round_trip,
       forecast_error_hash(a8::text::forecast_error) = forecast_error_hash(a8) AS same_hash8
FROM fe;
-- NaN sums: NaN = NaN, as numeric and float8 compare them; NaN sorts above
-- every number, as in numeric and float8
SELECT x = y AS nan_eq, forecast_error_hash(x) = forecast_error_hash(y) AS nan_same_hash, x > z AS nan_above,
       x8 = y8 AS nan8_eq, forecast_error_hash(x8) = forecast_error_hash(y8) AS nan8_same_hash, x8 > z8 AS nan8_above
FROM (SELECT forecast_error('NaN'::numeric, 100::numeric) AS x, forecast_error('NaN'::numeric, 100.00::numeric) AS y,
             forecast_error(1e30::numeric, 100::numeric) AS z,
             forecast_error('NaN'::float8, 100::float8) AS x8, forecast_error('NaN'::float8, 100::float8) AS y8,
             forecast_error(1e30::float8, 100::float8) AS z8) v;
-- float8 -0 = 0: the float8 sums are exact (0.7.0), and an exact sum has
-- no sign of zero, so -0 in the text form reads as 0 (format 1 kept and
-- printed it); the two values print, compare and hash alike
SELECT x::text AS x, x = y AS signed_zero_eq, forecast_error_hash(x) = forecast_error_hash(y) AS signed_zero_same_hash
FROM (SELECT 'v1 float8 count=1 zero_actuals=1 sum_abs_error=0 sum_error=-0 sum_sq_error=0 sum_abs_actual=0 sum_ape=0 sum_sape=0'::forecast_error AS x,
             'v1 float8 count=1 zero_actuals=1 sum_abs_error=0 sum_error=0 sum_sq_error=0 sum_abs_actual=0 sum_ape=0 sum_sape=0'::forecast_error AS y) v;

-- 2. deal_summary
-- the fixture: 6 deals on 3 days, 2 teams; per team 1 open (10000 x 0.25),
-- 1 won (cycle 30 or 31 days), 1 lost; team 2 repeats team 1 with amounts
-- written at scale 2 and the won cycle 31 days
CREATE TEMP TABLE deals_eq (team int, day int, won boolean, amount numeric, probability numeric,
                            created_at date, closed_at date);
INSERT INTO deals_eq VALUES
  (1, 1, true, 12000, 1.0, '2024-01-01', '2024-01-31'),
  (1, 2, false, 5000, 0.2, '2024-01-10', '2024-02-09'),
  (1, 3, NULL, 10000, 0.25, '2024-01-15', NULL),
  (2, 3, NULL, 10000.00, 0.25, '2024-01-15', NULL),
  (2, 2, false, 5000.00, 0.2, '2024-01-10', '2024-02-09'),
  (2, 1, true, 12000.00, 1.0, '2024-01-01', '2024-02-01');
CREATE TEMP TABLE ds AS
SELECT (SELECT deal_summary(won, amount, probability, created_at, closed_at ORDER BY day) FROM deals_eq WHERE team = 1) AS a,
       (SELECT deal_summary(won, amount, probability, created_at, closed_at ORDER BY day DESC) FROM deals_eq WHERE team = 1) AS b,
       (SELECT rollup(s) FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s
                               FROM deals_eq WHERE team = 1 GROUP BY day) d) AS r,
       (SELECT deal_summary(won, amount, probability, created_at, closed_at) FROM deals_eq WHERE team = 2) AS c,
       (SELECT deal_summary(won, amount * 1.00, probability, created_at, closed_at) FROM deals_eq WHERE team = 1) AS a2,
       (SELECT deal_summary(won, amount::float8, probability::float8, created_at, closed_at) FROM deals_eq WHERE team = 1) AS a8;
-- a, b (other row order), r (rollup of the days) and a2 (amounts at scale 2)
-- are equal; c differs only in its histogram bin: {31:1} after {30:1}
SELECT a = b AS ab, a = r AS ar, a = a2 AS aa2, a::text = a2::text AS same_text_a2,
       deal_summary_hash(a) = deal_summary_hash(b) AND deal_summary_hash(a) = deal_summary_hash(r)
         AND deal_summary_hash(a) = deal_summary_hash(a2) AS same_hash,
       a = c AS ac, a < c AS a_before_c, deal_summary_cmp(c, a) AS cmp_ca,
       a = a8 AS a_a8, a < a8 AS numeric_first, a::text::deal_summary = a AS round_trip
FROM ds;
-- one more open deal without an amount: open_deals 2 > 1, sorts after
SELECT a < (SELECT deal_summary(won, amount, probability, created_at, closed_at)
            FROM (SELECT won, amount, probability, created_at, closed_at FROM deals_eq WHERE team = 1
                  UNION ALL SELECT NULL, NULL, NULL, NULL, NULL) d) AS fewer_open_first
FROM ds;
-- a text value and its format 1 spelling (no backdated_deals) are equal
SELECT 'v2 numeric open_deals=1 won_deals=1 lost_deals=0 backdated_deals=0 open_pipeline=10.0 open_pipeline_deals=1 weighted_pipeline=1 weighted_pipeline_deals=1 won_amount=5 won_amount_deals=1 lost_amount=0 lost_amount_deals=0 cycle_days={7:1}'::deal_summary
     = 'v1 numeric open_deals=1 won_deals=1 lost_deals=0 open_pipeline=10 open_pipeline_deals=1 weighted_pipeline=1.000 weighted_pipeline_deals=1 won_amount=5.00 won_amount_deals=1 lost_amount=0 lost_amount_deals=0 cycle_days={7:1}'::deal_summary
       AS format1_equal;

-- DISTINCT, GROUP BY, UNION, IN and count(DISTINCT) on a summary column:
-- per-day summaries of both teams.  Days 2 and 3 hold the same deals in
-- both teams (only the scale differs), day 1 differs (cycle 30 vs 31), so
-- 6 summaries, 4 distinct: day 1 twice, day 2, day 3
CREATE TEMP TABLE daily AS
SELECT team, day, deal_summary(won, amount, probability, created_at, closed_at) AS s
FROM deals_eq GROUP BY team, day;
SELECT count(*) AS summaries, count(DISTINCT s) AS distinct_summaries FROM daily;
SELECT count(*) AS distinct_rows FROM (SELECT DISTINCT s FROM daily) d;
SELECT won_deals(s), lost_deals(s), open_deals(s), count(*) AS teams
FROM daily GROUP BY s ORDER BY s;
SELECT count(*) AS union_rows FROM (SELECT s FROM daily WHERE team = 1 UNION SELECT s FROM daily WHERE team = 2) u;
SELECT count(*) AS intersect_rows FROM (SELECT s FROM daily WHERE team = 1 INTERSECT SELECT s FROM daily WHERE team = 2) u;
SELECT team, day FROM daily WHERE s IN (SELECT s FROM daily WHERE team = 1) ORDER BY team, day;
SELECT team, day FROM daily WHERE s IN ((SELECT a FROM ds), (SELECT s FROM daily WHERE team = 1 AND day = 3))
ORDER BY team, day;
-- the same with hash and with sort aggregation
SET enable_hashagg = off;
SELECT count(*) AS distinct_sorted FROM (SELECT DISTINCT s FROM daily) d;
SELECT count(*) AS groups_sorted FROM (SELECT s FROM daily GROUP BY s) d;
RESET enable_hashagg;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT s FROM daily GROUP BY s;
SELECT count(*) AS groups_hashed FROM (SELECT s FROM daily GROUP BY s) d;
RESET enable_sort;

-- joins on a summary column: team 1's days against team 2's days match on
-- days 2 and 3 (2 rows), whatever the join method
SET enable_nestloop = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT t1.day FROM daily t1 JOIN daily t2 ON t1.s = t2.s WHERE t1.team = 1 AND t2.team = 2;
SELECT t1.day, t2.day FROM daily t1 JOIN daily t2 ON t1.s = t2.s WHERE t1.team = 1 AND t2.team = 2 ORDER BY 1;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT t1.day FROM daily t1 JOIN daily t2 ON t1.s = t2.s WHERE t1.team = 1 AND t2.team = 2;
SELECT t1.day, t2.day FROM daily t1 JOIN daily t2 ON t1.s = t2.s WHERE t1.team = 1 AND t2.team = 2 ORDER BY 1;
RESET enable_hashjoin;
RESET enable_nestloop;

-- serial and parallel plans build equal summaries: 2,000 groups of 30
-- deals each, every group once serial and once in parallel, then joined on
-- the summary (2,000 matches; the parallel plan shows Partial Aggregate)
CREATE TABLE deals_par AS
SELECT i % 2000 AS grp,
       CASE i % 3 WHEN 0 THEN true WHEN 1 THEN false END AS won,
       round((hashint4(i) & 65535) * 1.37, 2) AS amount, (i % 11) / 10.0 AS probability,
       date '2024-01-01' + (i % 17) AS created_at, date '2024-03-01' + (i % 29) AS closed_at
FROM generate_series(1, 60000) i;
ANALYZE deals_par;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE par_serial AS
SELECT grp, deal_summary(won, amount, probability, created_at, closed_at) AS s FROM deals_par GROUP BY grp;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT grp, deal_summary(won, amount, probability, created_at, closed_at) AS s FROM deals_par GROUP BY grp;
CREATE TEMP TABLE par_parallel AS
SELECT grp, deal_summary(won, amount, probability, created_at, closed_at) AS s FROM deals_par GROUP BY grp;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
SELECT count(*) AS matched, count(*) FILTER (WHERE p.grp = s.grp) AS same_group,
       count(*) FILTER (WHERE deal_summary_hash(p.s) = deal_summary_hash(s.s)) AS same_hash
FROM par_serial s JOIN par_parallel p ON p.s = s.s;
-- each group has its own deals: 2,000 distinct summaries; with every
-- summary twice, still 2,000
SELECT count(DISTINCT s) AS distinct_groups FROM (SELECT s FROM par_serial UNION ALL SELECT s FROM par_parallel) x;
DROP TABLE deals_par;

-- 3. attainment
-- a: (120, 100), (80, 100), (50, 0); b: the same rows in another order and
-- at scale 1, so ratios stored as 1200/1000 and 800/1000 in the opposite
-- order: equal (6/5 and 4/5 either way), the send bytes differ
CREATE TEMP TABLE att AS
SELECT (SELECT attainment(a, q ORDER BY i) FROM (VALUES (1, 120::numeric, 100::numeric), (2, 80, 100), (3, 50, 0)) v(i, a, q)) AS a,
       (SELECT attainment(a, q ORDER BY i DESC) FROM (VALUES (1, 120.0::numeric, 100.0::numeric), (2, 80.0, 100.0), (3, 50.0, 0.0)) v(i, a, q)) AS b,
       -- the same totals (250, 200), reps and zero quotas; ratios {1, 1} instead of {4/5, 6/5}
       (SELECT attainment(a, q) FROM (VALUES (100::numeric, 100::numeric), (100, 100), (50, 0)) v(a, q)) AS c,
       (SELECT rollup(s) FROM (SELECT attainment(a, q) AS s FROM (VALUES (120::numeric, 100::numeric), (80, 100), (50, 0)) v(a, q)
                               GROUP BY a) d) AS r;
SELECT a = b AS ab, a = r AS ar, attainment_send(a) = attainment_send(b) AS same_bytes, a::text = b::text AS same_text,
       attainment_hash(a) = attainment_hash(b) AND attainment_hash(a) = attainment_hash(r) AS same_hash,
       a = c AS ac, a < c AS a_before_c, attainment_cmp(c, a) AS cmp_ca,
       median_attainment(a) = median_attainment(c) AS same_median
FROM att;
-- a wide ratio (22 digits: kept as text) beside a fixed-width one, built
-- at two scales in two row orders: equal, hash alike (the text differs in
-- the totals' scale); z has one more unit of achieved, so sorts after
SELECT x = y AS wide_eq, attainment_hash(x) = attainment_hash(y) AS wide_same_hash, x::text = y::text AS wide_same_text,
       x < z AS wide_smaller_first
FROM (SELECT (SELECT attainment(a, q) FROM (VALUES (1234567890123456789012::numeric, 3::numeric), (1, 2)) v(a, q)) AS x,
             (SELECT attainment(a, q) FROM (VALUES (1.00::numeric, 2.00::numeric), (1234567890123456789012.0, 3.0)) v(a, q)) AS y,
             (SELECT attainment(a, q) FROM (VALUES (1234567890123456789013::numeric, 3::numeric), (1, 2)) v(a, q)) AS z) v;
-- NaN achieved: NaN ratio and NaN total, equal to another NaN summary
SELECT attainment('NaN'::numeric, 100::numeric) = attainment('NaN'::numeric, 100.0::numeric) AS nan_eq,
       attainment_hash(attainment('NaN'::numeric, 100::numeric)) = attainment_hash(attainment('NaN'::numeric, 100.0::numeric)) AS nan_same_hash;
-- count(DISTINCT) over summaries per rep: 4 reps, reps 1 and 2 have the
-- same rows in opposite orders, 3 and 4 the same row at another scale: 2
-- distinct
SELECT count(DISTINCT s) AS distinct_attainment, count(*) AS reps
FROM (SELECT rep, attainment(a, q ORDER BY CASE WHEN rep = 2 THEN -a ELSE a END) AS s
      FROM (VALUES (1, 90::numeric, 100::numeric), (1, 110, 100), (2, 90, 100), (2, 110, 100),
                   (3, 150, 100), (4, 150.00, 100.00)) v(rep, a, q) GROUP BY rep) x;

-- 4. the order is a total order consistent with = and with the hash
-- forecast_error: 7 values, 6 distinct (two equal: scale 1 and 2), NaN and
-- float8 ones included
CREATE TEMP TABLE fe_set AS
SELECT row_number() OVER () AS id, s FROM (VALUES
  ((SELECT forecast_error(f, a) FROM (VALUES (110::numeric, 100::numeric), (180, 200)) v(f, a))),
  ((SELECT forecast_error(f, a) FROM (VALUES (110.0::numeric, 100.0::numeric), (180.0, 200.0)) v(f, a))),
  ((SELECT forecast_error(1::numeric, 2::numeric))), ((SELECT forecast_error(2::numeric, 1::numeric))),
  ((SELECT forecast_error('NaN'::numeric, 1::numeric))), ((SELECT forecast_error(1::float8, 2::float8))),
  ((SELECT forecast_error('NaN'::float8, 1::float8)))) v(s);
CREATE TEMP TABLE ds_set AS
SELECT row_number() OVER () AS id, s FROM (SELECT a FROM ds UNION ALL SELECT b FROM ds UNION ALL SELECT c FROM ds
                                           UNION ALL SELECT a8 FROM ds UNION ALL SELECT s FROM daily) v(s);
CREATE TEMP TABLE att_set AS
SELECT row_number() OVER () AS id, s FROM (SELECT a FROM att UNION ALL SELECT b FROM att UNION ALL SELECT c FROM att
                                           UNION ALL SELECT attainment(1::numeric, 3::numeric)
                                           UNION ALL SELECT attainment('NaN'::numeric, 3::numeric)
                                           UNION ALL SELECT attainment(1::numeric, 0::numeric)) v(s);
-- per type: pairs, pairs where exactly one of <, =, > holds, where cmp
-- agrees with the operators and cmp(a, b) = -cmp(b, a), where = and <>
-- disagree (0), equal pairs with unequal hashes (0), and triples a < b,
-- b < c without a < c (0)
SELECT 'forecast_error' AS type, count(*) AS pairs,
       count(*) FILTER (WHERE (x.s < y.s)::int + (x.s = y.s)::int + (x.s > y.s)::int = 1) AS one_of_three,
       count(*) FILTER (WHERE forecast_error_cmp(x.s, y.s) = -forecast_error_cmp(y.s, x.s)
                          AND (forecast_error_cmp(x.s, y.s) < 0) = (x.s < y.s) AND (forecast_error_cmp(x.s, y.s) = 0) = (x.s = y.s)
                          AND (x.s <= y.s) = (x.s < y.s OR x.s = y.s) AND (x.s >= y.s) = (x.s > y.s OR x.s = y.s)) AS consistent,
       count(*) FILTER (WHERE (x.s = y.s) = (x.s <> y.s)) AS eq_ne_clash,
       count(*) FILTER (WHERE x.s = y.s AND forecast_error_hash(x.s) <> forecast_error_hash(y.s)) AS hash_clash,
       count(*) FILTER (WHERE x.s = y.s) AS equal_pairs
FROM fe_set x, fe_set y
UNION ALL
SELECT 'deal_summary', count(*),
       count(*) FILTER (WHERE (x.s < y.s)::int + (x.s = y.s)::int + (x.s > y.s)::int = 1),
       count(*) FILTER (WHERE deal_summary_cmp(x.s, y.s) = -deal_summary_cmp(y.s, x.s)
                          AND (deal_summary_cmp(x.s, y.s) < 0) = (x.s < y.s) AND (deal_summary_cmp(x.s, y.s) = 0) = (x.s = y.s)
                          AND (x.s <= y.s) = (x.s < y.s OR x.s = y.s) AND (x.s >= y.s) = (x.s > y.s OR x.s = y.s)),
       count(*) FILTER (WHERE (x.s = y.s) = (x.s <> y.s)),
       count(*) FILTER (WHERE x.s = y.s AND deal_summary_hash(x.s) <> deal_summary_hash(y.s)),
       count(*) FILTER (WHERE x.s = y.s)
FROM ds_set x, ds_set y
UNION ALL
SELECT 'attainment', count(*),
       count(*) FILTER (WHERE (x.s < y.s)::int + (x.s = y.s)::int + (x.s > y.s)::int = 1),
       count(*) FILTER (WHERE attainment_cmp(x.s, y.s) = -attainment_cmp(y.s, x.s)
                          AND (attainment_cmp(x.s, y.s) < 0) = (x.s < y.s) AND (attainment_cmp(x.s, y.s) = 0) = (x.s = y.s)
                          AND (x.s <= y.s) = (x.s < y.s OR x.s = y.s) AND (x.s >= y.s) = (x.s > y.s OR x.s = y.s)),
       count(*) FILTER (WHERE (x.s = y.s) = (x.s <> y.s)),
       count(*) FILTER (WHERE x.s = y.s AND attainment_hash(x.s) <> attainment_hash(y.s)),
       count(*) FILTER (WHERE x.s = y.s)
FROM att_set x, att_set y;
SELECT 'forecast_error' AS type, count(*) AS intransitive FROM fe_set x, fe_set y, fe_set z WHERE x.s < y.s AND y.s < z.s AND NOT x.s < z.s
UNION ALL
SELECT 'deal_summary', count(*) FROM ds_set x, ds_set y, ds_set z WHERE x.s < y.s AND y.s < z.s AND NOT x.s < z.s
UNION ALL
SELECT 'attainment', count(*) FROM att_set x, att_set y, att_set z WHERE x.s < y.s AND y.s < z.s AND NOT x.s < z.s;
-- ORDER BY: numeric kind first (by count: 1 pair before 2 pairs; among the
-- 1-pair ones by sum_ape: 1/2 (f 1, a 2) before 1/1 (f 2, a 1) before NaN),
-- then float8 (1 before NaN)
SELECT id, forecast_count(s) AS n, mae(s) FROM fe_set ORDER BY s, id;

-- 5. the catalog: for each type, = hashes and merges, each operator has
-- its commutator and negator, a comment, and the default btree and hash
-- operator classes exist
SELECT o.oprleft::regtype AS type, o.oprname, o.oprcom::regoperator IS NOT NULL AS has_commutator,
       o.oprnegate::regoperator IS NOT NULL AS has_negator, o.oprrest, o.oprcanhash, o.oprcanmerge,
       obj_description(o.oid, 'pg_operator') IS NOT NULL AS commented
FROM pg_operator o
WHERE o.oprleft IN ('forecast_error'::regtype, 'deal_summary'::regtype, 'attainment'::regtype)
ORDER BY o.oprleft::regtype::text, o.oprname;
SELECT c.opcintype::regtype AS type, am.amname, c.opcname, c.opcdefault,
       obj_description(c.oid, 'pg_opclass') IS NOT NULL AS commented,
       obj_description(c.opcfamily, 'pg_opfamily') IS NOT NULL AS family_commented
FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod
WHERE c.opcintype IN ('forecast_error'::regtype, 'deal_summary'::regtype, 'attainment'::regtype)
ORDER BY c.opcintype::regtype::text, am.amname;
