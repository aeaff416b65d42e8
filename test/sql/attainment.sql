-- attainment: summary type, accessors, rollup, one-step aggregates.
--
-- How the expected values were checked:
-- * The five-rep fixture is the worked example of kpi-definitions.md
--   section 4, computed by hand: quota_attainment 394999.99 / 390000 =
--   1.0128204871794872, reps 4 (E has quota 0), reps_at_quota 2 (A, and B at
--   exactly 100 %), pct_at_quota 0.5, at 0.9 -> 3/4 (D joins), median of
--   1/2, 0.9999999, 1, 6/5 = (0.9999999 + 1) / 2 = 0.99999995 (our median is
--   exact then rounded once, so it prints 0.99999995; PostgreSQL's
--   percentile_cont over float8 ratios may print 0.9999999500000001, hence
--   the tolerance where the two are compared).  Other thresholds by hand
--   from the ratios: 0.5 -> 4/4 (C is exactly 1/2), 1.2 -> 1/4 (A is exactly
--   6/5), 1.5 -> 0/4.  Over periods (80000, 100000) + (130000, 150000):
--   210000 / 250000 = 0.84.
-- * Every other small case is worked out in the comment beside it (ratios
--   in lowest terms, as the text form writes them); the wide and NaN cases
--   were re-checked with Python fractions.
-- * Larger sets are compared with the plain SQL formulas in the same query
--   (sum(achieved) / sum(quota), count(*) FILTER (WHERE achieved >=
--   threshold::numeric * quota), percentile_cont(0.5) over achieved /
--   quota), serial and parallel, and with Python (test/property_check.py).

CREATE TABLE att (rep text, period int, achieved numeric, quota numeric);
INSERT INTO att VALUES ('A', 1, 120000, 100000), ('B', 1, 100000, 100000), ('C', 1, 45000, 90000),
                       ('D', 1, 99999.99, 100000), ('E', 1, 30000, 0);

-- the summary: totals, zero-quota rows and the ratios, sorted, in lowest terms
SELECT attainment(achieved, quota) FROM att;

-- every accessor on the fixture
SELECT quota_attainment(s), total_achieved(s), total_quota(s), reps(s), zero_quotas(s),
       reps_at_quota(s), pct_at_quota(s), pct_at_quota(s, 0.9) AS pct_at_90,
       reps_at_quota(s, 0.9) AS reps_at_90, median_attainment(s),
       abs(median_attainment(s) - 0.99999995) < 1e-15 AS median_ok
FROM (SELECT attainment(achieved, quota) AS s FROM att) x;

-- thresholds after the fact, exactly at the boundaries: C is 1/2, D is
-- 0.9999999, A is 6/5; 99999.99 against 100000 is not at quota
SELECT t AS threshold, reps_at_quota(s, t), pct_at_quota(s, t)
FROM (SELECT attainment(achieved, quota) AS s FROM att) x,
     (VALUES (0.0::float8), (0.5), (0.9), (0.9999999), (0.99999991), (1.0), (1.2), (1.2000001), (1.5)) t(t)
ORDER BY t;

-- one-step aggregates equal the accessors, and the plain SQL formulas
SELECT quota_attainment(achieved, quota), pct_at_quota(achieved, quota),
       pct_at_quota(achieved, quota, 0.9) AS pct_at_90, pct_at_quota(achieved, quota, 0.5) AS pct_at_50,
       pct_at_quota(achieved, quota, 1.5) AS pct_at_150,
       (sum(achieved) / sum(quota))::float8 AS plain_attainment,
       count(*) FILTER (WHERE quota > 0 AND achieved >= quota)::float8
           / count(*) FILTER (WHERE quota > 0) AS plain_pct,
       count(*) FILTER (WHERE quota > 0 AND achieved >= 0.9::float8::numeric * quota)::float8
           / count(*) FILTER (WHERE quota > 0) AS plain_pct_at_90,
       abs(percentile_cont(0.5) WITHIN GROUP (ORDER BY (achieved / quota)::float8) FILTER (WHERE quota > 0)
           - 0.99999995) < 1e-15 AS plain_median_ok
FROM att;

-- over periods: the ratio of sums, not the mean of ratios (0.8333...)
SELECT quota_attainment(achieved, quota), attainment(achieved, quota)
FROM (VALUES (80000::numeric, 100000::numeric), (130000, 150000)) v(achieved, quota);

-- rollup of per-rep summaries equals the summary of the rows (the text form
-- shows every stored field); rollup of rollups; rollup of nothing is NULL
CREATE TABLE att_by_rep AS SELECT rep, attainment(achieved, quota) AS s FROM att GROUP BY rep;
SELECT (SELECT rollup(s) FROM att_by_rep)::text = (SELECT attainment(achieved, quota) FROM att)::text
       AS rollup_equals_raw;
SELECT (SELECT rollup(r) FROM (SELECT rollup(s) AS r FROM att_by_rep GROUP BY rep IN ('A', 'B')) x)::text
       = (SELECT attainment(achieved, quota) FROM att)::text AS rollup_of_rollups_equals_raw;
SELECT rollup(s) IS NULL AS empty_rollup FROM att_by_rep WHERE false;
SELECT rollup(s)::text = (SELECT attainment(achieved, quota) FROM att WHERE rep <> 'E')::text AS rollup_skips_nulls
FROM (SELECT s FROM att_by_rep WHERE rep <> 'E' UNION ALL SELECT NULL) x;
-- a stored summary is kept without spare capacity: 136 bytes + 16 per row with quota > 0
SELECT rep, reps(s), zero_quotas(s), pg_column_size(s) AS bytes FROM att_by_rep ORDER BY rep;

-- quota 0 (a ramping rep): in the totals, not a rep, not at quota, not in the median
SELECT quota_attainment(s) IS NULL AS attainment_null, total_achieved(s), total_quota(s), reps(s), zero_quotas(s),
       reps_at_quota(s), pct_at_quota(s) IS NULL AS pct_null, median_attainment(s) IS NULL AS median_null, s
FROM (SELECT attainment(achieved, quota) AS s
      FROM (VALUES (30000::numeric, 0::numeric), (-500, 0.00)) v(achieved, quota)) x;
SELECT quota_attainment(achieved, quota) IS NULL AS one_step_null, pct_at_quota(achieved, quota) IS NULL AS one_step_pct_null
FROM (VALUES (30000::numeric, 0::numeric), (-500, 0.00)) v(achieved, quota);
-- a zero quota adds its achieved to the team numerator: (30000 + 90000) / 100000 = 1.2,
-- while the one rated rep is at 0.9
SELECT quota_attainment(s), median_attainment(s), pct_at_quota(s)
FROM (SELECT attainment(achieved, quota) AS s
      FROM (VALUES (30000::numeric, 0::numeric), (90000, 100000)) v(achieved, quota)) x;

-- negative and NaN/infinite quotas are errors, in every aggregate (infinite
-- numeric ones: numeric_infinity.sql, 14 and later)
SELECT attainment(achieved, quota) FROM (VALUES (100::numeric, -1::numeric)) v(achieved, quota);
SELECT quota_attainment(achieved, quota) FROM (VALUES (100::numeric, -0.01::numeric)) v(achieved, quota);
SELECT pct_at_quota(achieved, quota) FROM (VALUES (100::numeric, -1e30::numeric)) v(achieved, quota);
SELECT attainment(achieved, quota) FROM (VALUES (100::numeric, 'NaN'::numeric)) v(achieved, quota);

-- negative achieved (clawbacks) is valid: ratios -1/2, 1/4, 3/2; median 1/4;
-- attainment (-5000 + 2500 + 15000) / 30000 = 12500 / 30000 = 0.4166...
SELECT attainment(achieved, quota), median_attainment(attainment(achieved, quota)),
       quota_attainment(achieved, quota), pct_at_quota(achieved, quota, 0.0) AS pct_at_zero
FROM (VALUES (-5000::numeric, 10000::numeric), (2500, 10000), (15000, 10000)) v(achieved, quota);

-- thresholds: negative, NaN and infinite ones are errors; NULL gives NULL
SELECT pct_at_quota(attainment(achieved, quota), -0.1) FROM att;
SELECT reps_at_quota(attainment(achieved, quota), 'NaN') FROM att;
SELECT pct_at_quota(achieved, quota, 'Infinity') FROM att;
SELECT pct_at_quota(attainment(achieved, quota), NULL) IS NULL AS null_threshold FROM att;
-- a float8 threshold compares as threshold::numeric: 0.3 is 3/10, not 0.30000000000000004
SELECT pct_at_quota(achieved, quota, 0.3), reps_at_quota(attainment(achieved, quota), 0.3)
FROM (VALUES (0.3::numeric, 1::numeric)) v(achieved, quota);
-- thresholds with more than 18 decimals take the numeric path (1e-20 -> 2 of 3); a
-- huge one is a percentage error since 0.7.0 (test/sql/crm_inputs.sql)
SELECT reps_at_quota(attainment(achieved, quota), 1e-20) AS tiny,
       pct_at_quota(achieved, quota, 1e-20) AS tiny_one_step
FROM (VALUES (0::numeric, 1::numeric), (1, 1), (0.000000000000000000011, 1)) v(achieved, quota);

-- NULL achieved or quota: the row is skipped (missing is not zero); empty input gives NULL
SELECT reps(attainment(achieved, quota)), quota_attainment(achieved, quota), pct_at_quota(achieved, quota)
FROM (VALUES (50::numeric, 100::numeric), (NULL, 100), (70, NULL)) v(achieved, quota);   -- 1 rep, 0.5, 0
SELECT attainment(achieved, quota) IS NULL AS empty, quota_attainment(achieved, quota) IS NULL AS empty_attainment,
       pct_at_quota(achieved, quota) IS NULL AS empty_pct, pct_at_quota(achieved, quota, 0.5) IS NULL AS empty_pct_50
FROM att WHERE false;
SELECT attainment(achieved, quota) IS NULL AS all_null
FROM (VALUES (NULL::numeric, 1::numeric), (1, NULL)) v(achieved, quota);

-- reps with a quota and no deals must not vanish: LEFT JOIN the quotas to
-- the bookings and COALESCE(achieved, 0).  Rep 3 has a quota and no deal.
CREATE TEMP TABLE q (rep int, quota numeric);
INSERT INTO q VALUES (1, 100), (2, 100), (3, 100);
CREATE TEMP TABLE won (rep int, amount numeric);
INSERT INTO won VALUES (1, 60), (1, 60), (2, 90);
-- wrong: the inner join drops rep 3 -> (120 + 90) / 200 = 1.05, 1 of 2 at quota
SELECT quota_attainment(b.achieved, q.quota) AS attainment, pct_at_quota(b.achieved, q.quota)
FROM q JOIN (SELECT rep, sum(amount) AS achieved FROM won GROUP BY rep) b USING (rep);
-- right: rep 3 counts as 0 % -> 210 / 300 = 0.7, 1 of 3 at quota
SELECT quota_attainment(coalesce(b.achieved, 0), q.quota) AS attainment,
       pct_at_quota(coalesce(b.achieved, 0), q.quota), median_attainment(attainment(coalesce(b.achieved, 0), q.quota))
FROM q LEFT JOIN (SELECT rep, sum(amount) AS achieved FROM won GROUP BY rep) b USING (rep);

-- wide numerics (more than 18 digits, or more than 18 decimals) and ratios
-- that do not fit 64-bit integers take the numeric path and stay exact
-- (Python fractions: ratios 1e30/3, 5e25, 1/3 from 1e-20 / 3e-20; median of
-- {1/3, 5e25, 1e30/3} = 5e25; total_quota 3 + 1e-25 + 3e-20 = 3.0000000000000000000300001;
-- 2 ratios reach 10 x quota, the largest threshold since 0.7.0)
SELECT attainment(achieved, quota), median_attainment(attainment(achieved, quota)),
       reps_at_quota(attainment(achieved, quota), 10) AS at_ten_times_quota
FROM (VALUES (1e30::numeric, 3::numeric), (5, 1e-25), (0.00000000000000000001, 0.00000000000000000003)) v(achieved, quota);
-- a row whose ratio fits 64-bit integers only in lowest terms: 990000000000000000 / 0.99
-- is 99000000000000000000 / 99 at scale 2, = 10^18 / 1
SELECT attainment(achieved, quota) FROM (VALUES (990000000000000000::numeric, 0.99::numeric)) v(achieved, quota);
-- the median of int64 ratios near 2^63: (9e18 - 1) / 1 and (9e18 - 3) / 7, midpoint
-- 35999999999999999995 / 7 (Python fractions), rounded once to float8 as the literal is
SELECT median_attainment(attainment(achieved, quota)) = 5142857142857142855::float8 AS median_exact
FROM (VALUES (8999999999999999999::numeric, 1::numeric), (8999999999999999997, 7)) v(achieved, quota);
-- totals past 10^37 units spill into numeric, exactly: 11 x 999999999999999999 + 10^-18
-- (Python fractions: 10999999999999999989.000000000000000001, / 12 = 9.166666666666666e+17)
SELECT total_achieved(s), quota_attainment(s), s::text::attainment::text = s::text AS text_round_trip,
       rollup(s) OVER ()::text = s::text AS spilled_rollup
FROM (SELECT attainment(achieved, quota) AS s
      FROM (SELECT 999999999999999999::numeric AS achieved, 1::numeric AS quota FROM generate_series(1, 11)
            UNION ALL SELECT 0.000000000000000001, 1) v) x;
SELECT s::text::attainment::text = s::text AS wide_text_round_trip,
       rollup(s) OVER ()::text = s::text AS wide_rollup
FROM (SELECT attainment(achieved, quota) AS s
      FROM (VALUES (1e30::numeric, 3::numeric), (5, 1e-25), (2, 3)) v(achieved, quota)) x;
-- merging wide summaries with fixed-width ones
SELECT rollup(s)::text = (SELECT attainment(achieved, quota)
                          FROM (VALUES (1e30::numeric, 3::numeric), (5, 1e-25), (2, 3), (7, 1)) v(achieved, quota))::text
       AS mixed_rollup
FROM (SELECT attainment(achieved, quota) AS s FROM (VALUES (1e30::numeric, 3::numeric), (5, 1e-25)) v(achieved, quota)
      UNION ALL
      SELECT attainment(achieved, quota) FROM (VALUES (2::numeric, 3::numeric), (7, 1)) v(achieved, quota)) x;

-- NaN and infinite achieved: numeric_infinity.sql (14 and later)

-- a running total per period is a window over the summary (the final
-- function reads the state without changing it)
SELECT period, quota_attainment(s), reps(s), median_attainment(s)
FROM (SELECT period, attainment(achieved, quota) OVER (ORDER BY period) AS s
      FROM (VALUES (1, 80000::numeric, 100000::numeric), (2, 130000, 150000), (3, 0, 50000)) v(period, achieved, quota)) x
ORDER BY period;   -- 0.8; 210000/250000 = 0.84, median (4/5 + 13/15)/2 = 5/6; 210000/300000 = 0.7, median 4/5

-- text round trip, and the errors of malformed or foreign values
SELECT s::text::attainment::text = s::text AS text_round_trip FROM (SELECT attainment(achieved, quota) AS s FROM att) x;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=4 ratios={2,1/2}'::attainment;
SELECT median_attainment('v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=4 ratios={2,1/2}'::attainment);  -- 5/4
SELECT 'v1 reps=3 zero_quotas=0 total_achieved=NaN total_quota=4 ratios={-Infinity,NaN,3.5/7}'::attainment;
SELECT 'v1 reps=1 zero_quotas=0 total_achieved=2 total_quota=6 ratios={200000000000000000000/600000000000000000000}'::attainment;
SELECT 'v2 reps=2 zero_quotas=1 total_achieved=3 total_quota=4 ratios={2,1/2}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=4'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=4 ratios={2,1/2} extra'::attainment;
SELECT 'v1 reps=3 zero_quotas=1 total_achieved=3 total_quota=4 ratios={2,1/2}'::attainment;
SELECT 'v1 reps=2 zero_quotas=-1 total_achieved=3 total_quota=4 ratios={2,1/2}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=x total_quota=4 ratios={2,1/2}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=-4 ratios={2,1/2}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=NaN ratios={2,1/2}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=0 ratios={2,1/2}'::attainment;
SELECT 'v1 reps=0 zero_quotas=1 total_achieved=3 total_quota=4 ratios={}'::attainment;
SELECT 'v1 reps=0 zero_quotas=0 total_achieved=0 total_quota=0 ratios={}'::attainment;
SELECT 'v1 reps=1 zero_quotas=0 total_achieved=3 total_quota=4 ratios={NaN}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=4 ratios={2,1/0}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=4 ratios={2,1/-2}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=4 ratios={2,NaN/2}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=4 ratios={2,x}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=4 ratios={2,1/2,}'::attainment;
SELECT 'v1 reps=2 zero_quotas=1 total_achieved=3 total_quota=4 ratios=2,1/2'::attainment;
-- -2^63 is a valid ratio (achieved -9223372036854775808, quota 1), and the output
-- writes it so: it must read back unchanged (see test/sql/hardening.sql, finding 7)
SELECT 'v1 reps=1 zero_quotas=1 total_achieved=3 total_quota=4 ratios={-9223372036854775808}'::attainment;
SELECT 'v1 zero_quotas=1 reps=2 total_achieved=3 total_quota=4 ratios={2,1/2}'::attainment;
SELECT ''::attainment;
-- a rollup of the text form of every row equals the aggregate (what a restore and a re-rollup do)
SELECT rollup(s::text::attainment)::text = (SELECT attainment(achieved, quota) FROM att)::text AS restored_rollup
FROM att_by_rep;

-- stored summaries survive binary COPY; truncated, future-version and
-- inconsistent binary values are errors
CREATE TABLE att_store (rep text, s attainment);
INSERT INTO att_store SELECT rep, s FROM att_by_rep
                      UNION ALL SELECT 'wide', attainment(achieved, quota)
                                FROM (VALUES (1e30::numeric, 3::numeric), (5, 1e-25), ('NaN', 2), (3, 0)) v(achieved, quota);
COPY att_store TO '/tmp/salesops_attainment_store.bin' (FORMAT binary);
CREATE TABLE att_restored (LIKE att_store);
COPY att_restored FROM '/tmp/salesops_attainment_store.bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE o.s::text = r.s::text) AS identical
FROM att_store o JOIN att_restored r USING (rep);
-- hand-made binary COPY files: signature, flags, header extension, one tuple of one field, trailer
CREATE FUNCTION pg_temp.binary_copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
         || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea $$;
-- a binary attainment: version 1, zero_quotas, the two totals as text, the int64 ratios, the wide ones
CREATE FUNCTION pg_temp.binary_attainment(version int, zero_quotas bigint, achieved text, quota text,
                                          ratio_count bigint, ratios bigint[], wide_count bigint, wide text[])
RETURNS bytea LANGUAGE sql AS $$
  SELECT set_byte('\x00'::bytea, 0, version) || int8send(zero_quotas)
         || convert_to(achieved, 'UTF8') || '\x00'::bytea || convert_to(quota, 'UTF8') || '\x00'::bytea
         || int8send(ratio_count)
         || coalesce((SELECT string_agg(int8send(r), ''::bytea ORDER BY i) FROM unnest(ratios) WITH ORDINALITY u(r, i)), ''::bytea)
         || int8send(wide_count)
         || coalesce((SELECT string_agg(convert_to(w, 'UTF8') || '\x00'::bytea, ''::bytea ORDER BY i)
                      FROM unnest(wide) WITH ORDINALITY u(w, i)), ''::bytea) $$;
SELECT pg_temp.binary_attainment(1, 1, '394999.99', '390000', 4, '{120000,100000,100000,100000,45000,90000,9999999,10000000}', 0, '{}')
       = attainment_send(attainment(achieved, quota)) AS send_format_as_documented
FROM att;
CREATE TABLE att_one (s attainment);
CREATE FUNCTION pg_temp.copy_in(field bytea) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lo_unlink(4243001) FROM pg_largeobject_metadata WHERE oid = 4243001;
  PERFORM lo_from_bytea(4243001, pg_temp.binary_copy_file(field));
  PERFORM lo_export(4243001, '/tmp/salesops_attainment_one.bin');
  PERFORM lo_unlink(4243001);
  COPY att_one FROM '/tmp/salesops_attainment_one.bin' (FORMAT binary);
END $$;
-- CONTEXT lines would name the session's temporary schema (pg_temp_N): hide them
\set SHOW_CONTEXT never
-- truncated: our 22P03 invalid_binary_representation since 0.7.0 (before,
-- core's message reader stopped it with 08P01)
\set VERBOSITY sqlstate
SELECT pg_temp.copy_in(substr(attainment_send(attainment(achieved, quota)), 1, 20)) FROM att;    -- truncated
\set VERBOSITY default
SELECT pg_temp.copy_in(set_byte(attainment_send(attainment(achieved, quota)), 0, 2)) FROM att;   -- future version
SELECT pg_temp.copy_in(pg_temp.binary_attainment(1, 0, '3', '4', 1, '{3,-4}', 0, '{}'));          -- negative denominator
SELECT pg_temp.copy_in(pg_temp.binary_attainment(1, 0, '3', '4', 1000000, '{3,4}', 0, '{}'));     -- count beyond the data
SELECT pg_temp.copy_in(pg_temp.binary_attainment(1, 0, '3', '4', 1, '{3,4}', 1, '{1/0}'));        -- bad wide ratio
SELECT pg_temp.copy_in(pg_temp.binary_attainment(1, 0, '3', '-4', 1, '{3,4}', 0, '{}'));          -- negative total quota
SELECT pg_temp.copy_in(pg_temp.binary_attainment(1, -1, '3', '4', 1, '{3,4}', 0, '{}'));          -- negative count
SELECT pg_temp.copy_in(pg_temp.binary_attainment(1, 0, 'three', '4', 1, '{3,4}', 0, '{}'));       -- not a number
-- trailing byte: COPY finds it left over, SQLSTATE 22P03
-- invalid_binary_representation (core's message)
\set VERBOSITY sqlstate
SELECT pg_temp.copy_in(pg_temp.binary_attainment(1, 0, '3', '4', 1, '{3,4}', 0, '{}') || '\x00'::bytea);  -- trailing byte
\set VERBOSITY default
-- a value written by hand in this format reads back, wide ratios in lowest terms
SELECT pg_temp.copy_in(pg_temp.binary_attainment(1, 2, 'NaN', '9', 1, '{3,6}', 2, '{NaN,40000000000000000000/20}'));
\set SHOW_CONTEXT errors
SELECT s FROM att_one;

-- many groups, serial and parallel: equal to each other (the text form is
-- canonical) and to the plain SQL formulas
CREATE TABLE att_many AS
SELECT i % 2000 AS g, i % 7 AS period,
       CASE WHEN i % 89 = 0 THEN NULL
            WHEN i % 31 = 0 THEN -round(((hashint4(i) & 4095) * 1.7)::numeric, 2)
            ELSE round(((hashint4(i) & 65535) * 2.13)::numeric, 2) END AS achieved,
       CASE WHEN i % 97 = 0 THEN NULL
            WHEN i % 17 = 0 THEN 0
            ELSE round(((hashint4(i * 7) & 32767) * 3 + 1000)::numeric, -2) END AS quota
FROM generate_series(1, 120000) i;
ANALYZE att_many;
CREATE TEMP TABLE att_plain AS
SELECT g, (sum(achieved) / nullif(sum(quota), 0))::float8 AS attainment,
       sum(achieved) AS total_achieved, sum(quota) AS total_quota,
       count(*) FILTER (WHERE quota > 0) AS reps, count(*) FILTER (WHERE quota = 0) AS zero_quotas,
       count(*) FILTER (WHERE quota > 0 AND achieved >= quota) AS at_quota,
       count(*) FILTER (WHERE quota > 0 AND achieved >= 0.9::float8::numeric * quota) AS at_90,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY (achieved / quota)::float8) FILTER (WHERE quota > 0) AS median
FROM att_many WHERE achieved IS NOT NULL AND quota IS NOT NULL GROUP BY g;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE att_serial AS
SELECT g, attainment(achieved, quota) AS s, quota_attainment(achieved, quota) AS qa,
       pct_at_quota(achieved, quota) AS pct, pct_at_quota(achieved, quota, 0.9) AS pct_90
FROM att_many GROUP BY g;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT g, attainment(achieved, quota), quota_attainment(achieved, quota), pct_at_quota(achieved, quota)
FROM att_many GROUP BY g;
CREATE TEMP TABLE att_parallel AS
SELECT g, attainment(achieved, quota) AS s, quota_attainment(achieved, quota) AS qa,
       pct_at_quota(achieved, quota) AS pct, pct_at_quota(achieved, quota, 0.9) AS pct_90
FROM att_many GROUP BY g;
-- sorted grouping and a parallel rollup of stored per-period summaries
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT g, attainment(achieved, quota) FROM att_many GROUP BY g;
CREATE TEMP TABLE att_parallel_sorted AS SELECT g, attainment(achieved, quota) AS s FROM att_many GROUP BY g;
RESET enable_hashagg;
CREATE TABLE att_periods AS SELECT g, period, attainment(achieved, quota) AS s FROM att_many GROUP BY g, period;
ANALYZE att_periods;
EXPLAIN (COSTS OFF) SELECT period, rollup(s) FROM att_periods GROUP BY period;
CREATE TEMP TABLE att_rolled AS SELECT period, rollup(s) AS s FROM att_periods GROUP BY period;
RESET ALL;
-- rolled up in parallel from (group, period) summaries = the serial aggregate per period
SELECT count(*) AS periods, count(*) FILTER (WHERE r.s::text = a.s::text) AS rollup_equals_raw
FROM att_rolled r
JOIN (SELECT period, attainment(achieved, quota) AS s FROM att_many GROUP BY period) a USING (period);
SELECT count(*) AS groups,
       count(*) FILTER (WHERE s.s::text = p.s::text AND s.s::text = ps.s::text) AS serial_parallel_sorted_identical,
       count(*) FILTER (WHERE s.qa = p.qa AND s.pct = p.pct AND s.pct_90 = p.pct_90) AS one_step_serial_equals_parallel,
       count(*) FILTER (WHERE abs(quota_attainment(s.s) - x.attainment) <= 1e-12 * abs(x.attainment)
                        AND quota_attainment(s.s) = s.qa
                        AND total_achieved(s.s) = x.total_achieved AND total_quota(s.s) = x.total_quota
                        AND reps(s.s) = x.reps AND zero_quotas(s.s) = x.zero_quotas
                        AND reps_at_quota(s.s) = x.at_quota AND reps_at_quota(s.s, 0.9) = x.at_90
                        AND pct_at_quota(s.s) = x.at_quota::float8 / x.reps AND s.pct = x.at_quota::float8 / x.reps
                        AND s.pct_90 = x.at_90::float8 / x.reps
                        AND abs(median_attainment(s.s) - x.median) <= 1e-12 * abs(x.median)) AS equal_to_plain
FROM att_serial s JOIN att_parallel p USING (g) JOIN att_parallel_sorted ps USING (g) JOIN att_plain x USING (g);

-- one large group: the ratio array grows by doubling in the transition
-- state; the stored value is 136 + 16 x reps bytes (before compression)
SELECT reps(s), zero_quotas(s), pg_column_size(s) AS bytes, (pg_column_size(s) - 136) / reps(s) AS bytes_per_rep,
       total_achieved(s) = (SELECT sum(achieved) FROM att_many WHERE quota IS NOT NULL) AS total_ok,
       reps_at_quota(s) = (SELECT count(*) FROM att_many WHERE quota > 0 AND achieved >= quota) AS at_quota_ok,
       abs(median_attainment(s) - (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (achieved / quota)::float8)
                                   FROM att_many WHERE quota > 0 AND achieved IS NOT NULL)) < 1e-12 AS median_ok
FROM (SELECT attainment(achieved, quota) AS s FROM att_many) x;
-- stored (compressed or out of line) and read back
CREATE TABLE att_big AS SELECT attainment(achieved, quota) AS s FROM att_many;
SELECT pg_column_size(s) < 136 + 16 * reps(s) AS compressed,
       s::text = (SELECT attainment(achieved, quota) FROM att_many)::text AS reads_back
FROM att_big;

-- tables of the stored type go before later tests drop the extension
DROP TABLE att_by_rep, att_store, att_restored, att_one, att_periods, att_big;
