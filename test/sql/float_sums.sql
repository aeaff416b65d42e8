-- Exact float8 sums (0.7.0): weighted_pipeline(float8, float8) and
-- value_win_rate(boolean, float8) keep the exact sum of their float8 terms
-- in a float_ratio_state and round it once, so their results are the same
-- bit for bit in any row order, serial or parallel, and from states split
-- and combined in any way.  So does forecast_error (format 2): the four
-- sums of float8 input and the MAPE and sMAPE term sums of either input
-- (its section below), and deal_summary of float8 amounts (its four sums;
-- the last section).
--
-- How the expected values were checked: every literal below was computed
-- in Python by test/float_sums_check.py (kept beside this file): math.fsum,
-- which rounds the exact sum once, cross-checked against the exact sum of
-- the same float8 values in fractions.Fraction rounded with float(); the
-- data are generated there with the same IEEE operations as in SQL (integer
-- to float8, division by 13, multiplication by a float8 literal), so both
-- sides add the same float8 values.  The tie and subnormal cases are worked
-- out by hand beside them (2^-53 is half a unit in the last place of 1).
-- Comparisons are of float8 values with =, which is exact.

SET extra_float_digits = 1;
-- forced parallel plans (partial states combined in the leader), and back
\set force_parallel 'SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET parallel_leader_participation = off;'
\set reset_parallel 'RESET max_parallel_workers_per_gather; RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size; RESET parallel_leader_participation;'

CREATE TABLE terms AS
SELECT i,
       ((((i * 7919) % 10007) - 5003)::float8 / 13::float8)
       * (CASE i % 5 WHEN 0 THEN 1e-3::float8 WHEN 1 THEN 1::float8 WHEN 2 THEN 1e6::float8
                     WHEN 3 THEN 1e-12::float8 ELSE 1e15::float8 END) AS x,
       (i % 11)::float8 / 10::float8 AS p
FROM generate_series(1, 200000) i;
ANALYZE terms;

-- the data are order-sensitive: the plain float8 sum differs by row order
SELECT sum(x * p ORDER BY i) = 7.553384615674501e+17 AS plain_ascending,
       sum(x * p ORDER BY i DESC) = 7.55338461567319e+17 AS plain_descending
FROM terms;

-- ours: the exact sum rounded once, in every order
SELECT weighted_pipeline(x, p ORDER BY i) = 7.553384615675162e+17 AS ascending,
       weighted_pipeline(x, p ORDER BY i DESC) = 7.553384615675162e+17 AS descending,
       weighted_pipeline(x, p ORDER BY hashint4(i)) = 7.553384615675162e+17 AS hashed,
       weighted_pipeline(x, p ORDER BY x) = 7.553384615675162e+17 AS by_size
FROM terms;

-- per group (seven interleaved groups), with value_win_rate of |x| won every third row
CREATE VIEW group_results AS
SELECT i % 7 AS g, weighted_pipeline(x, p) AS wp, value_win_rate(i % 3 = 0, abs(x)) AS vwr
FROM terms GROUP BY i % 7;
CREATE TABLE expected_groups (g int, wp float8, vwr float8);
INSERT INTO expected_groups VALUES
 (0, -3.5681999991434936e+18, 0.333276465468506),
 (1, 2.4266000015003556e+18, 0.3332169289230172),
 (2, -2.332900001870437e+18, 0.33333188785715795),
 (3, 1.6950076943437522e+18, 0.33336656073058035),
 (4, 4.612461492485183e+17, 0.3333434982307475),
 (5, -1.6761536421320634e+16, 0.3333615468250224),
 (6, 2.0903461539101412e+18, 0.3334174678685036);

SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS groups, count(*) FILTER (WHERE r.wp = e.wp AND r.vwr = e.vwr) AS exact
FROM group_results r JOIN expected_groups e USING (g);
SELECT weighted_pipeline(x, p) = 7.553384615675162e+17 AS serial_wp,
       value_win_rate(i % 3 = 0, abs(x)) = 0.3333306219548764 AS serial_vwr
FROM terms;

-- forced parallel plans: partial states combined in the leader
:force_parallel
EXPLAIN (COSTS OFF) SELECT weighted_pipeline(x, p) FROM terms;
SELECT weighted_pipeline(x, p) = 7.553384615675162e+17 AS parallel_wp,
       value_win_rate(i % 3 = 0, abs(x)) = 0.3333306219548764 AS parallel_vwr
FROM terms;
SELECT count(*) AS groups, count(*) FILTER (WHERE r.wp = e.wp AND r.vwr = e.vwr) AS exact
FROM group_results r JOIN expected_groups e USING (g);
:reset_parallel

-- states split any way and combined, through their text and binary forms:
-- the aggregates' own support functions as user aggregates
CREATE AGGREGATE pg_temp.wp_state(float8, float8) (
    SFUNC = weighted_pipeline_trans, STYPE = float_ratio_state);
CREATE AGGREGATE pg_temp.combined(float_ratio_state) (
    SFUNC = weighted_pipeline_combine, STYPE = float_ratio_state);
CREATE TABLE parts AS
SELECT n, i % n AS part, pg_temp.wp_state(x, p) AS state
FROM terms, (VALUES (2), (13), (1000)) v(n) GROUP BY n, i % n;
COPY parts TO '/tmp/salesops_float_parts.bin' (FORMAT binary);
CREATE TABLE parts_restored (LIKE parts);
COPY parts_restored FROM '/tmp/salesops_float_parts.bin' (FORMAT binary);
SELECT n, count(*) AS parts,
       weighted_pipeline_final(pg_temp.combined(state)) = 7.553384615675162e+17 AS combined,
       weighted_pipeline_final(pg_temp.combined(state::text::float_ratio_state)) = 7.553384615675162e+17 AS via_text
FROM parts GROUP BY n ORDER BY n;
SELECT n, weighted_pipeline_final(pg_temp.combined(r.state)) = 7.553384615675162e+17 AS via_binary_copy,
       count(*) FILTER (WHERE r.state::text = o.state::text) AS identical
FROM parts_restored r JOIN parts o USING (n, part) GROUP BY n ORDER BY n;

-- the canonical text form: the rounded sum, then the rounding of what is
-- left (0.1 + 0.2 + 0.3 is 0.6 and 2.7755575615628914e-17 exactly; the
-- 200,000 products need three terms)
SELECT pg_temp.wp_state(x, 1) FROM (VALUES (0.1::float8), (0.2), (0.3)) v(x);
SELECT pg_temp.combined(state) FROM parts WHERE n = 13;
-- any list of terms reads back as its exact sum, and prints canonically
SELECT 'v1 rows=3 numerator=0.3,0.2,0.1 denominator=0'::float_ratio_state;
SELECT 'v1 rows=2 numerator=1e20,-1e20,1,NaN denominator=Infinity,-Infinity'::float_ratio_state;

-- hand cases: ties to even and the sticky bit (1 + 2^-53 is a tie, kept at 1;
-- with 2^-105 more it is past the tie), subnormals (3 x 2^-1074), tenths
-- (ten 0.1 add to exactly 1.0000000000000000555, which rounds to 1),
-- cancellation, -0, NaN and the infinities as float8 addition gives them
SELECT weighted_pipeline(x, 1) FROM (VALUES (1::float8), (1.1102230246251565e-16)) v(x);
SELECT weighted_pipeline(x, 1) FROM (VALUES (1::float8), (1.1102230246251565e-16), (2.465190328815662e-32)) v(x);
SELECT weighted_pipeline(x, 1) FROM (VALUES (5e-324::float8), (5e-324), (5e-324)) v(x);
SELECT weighted_pipeline(0.1::float8, 1) AS ours, sum(0.1::float8) AS plain FROM generate_series(1, 10);
SELECT weighted_pipeline(x, 1) FROM (VALUES (1e20::float8), (1), (-1e20)) v(x);
SELECT weighted_pipeline(x, 1) FROM (VALUES (-0::float8), (-0::float8)) v(x);
SELECT weighted_pipeline(x, 1) FROM (VALUES (1::float8), ('NaN')) v(x);
SELECT weighted_pipeline(x, 1) FROM (VALUES ('Infinity'::float8), (1)) v(x);
SELECT weighted_pipeline(x, 1) FROM (VALUES ('Infinity'::float8), ('-Infinity')) v(x);
SELECT value_win_rate(w, x) FROM (VALUES (true, 0.1::float8), (true, 0.2), (false, 0.3)) v(w, x);  -- 0.30000000000000004 / 0.6
SELECT value_win_rate(w, x) FROM (VALUES (true, 'Infinity'::float8), (false, 1)) v(w, x);         -- Inf / Inf
-- no row, or only rows with a NULL: NULL, as sum() gives
SELECT weighted_pipeline(x, 1) FROM terms WHERE false;
SELECT weighted_pipeline(NULL::float8, 0.5), value_win_rate(NULL, 1::float8), value_win_rate(true, NULL::float8);
-- a probability outside [0, 1] is an error, as for the other overloads
SELECT weighted_pipeline(100::float8, 1.5::float8);
-- float8 overflow: an error when the exact sum passes float8's range, not
-- in between (2e308 - 1e308 is fine)
SELECT weighted_pipeline(x, 1) FROM (VALUES (1e308::float8), (1e308)) v(x);
SELECT weighted_pipeline(x, 1 ORDER BY k) FROM (VALUES (1, 1e308::float8), (2, 1e308), (3, -1e308)) v(k, x);
-- combining two states whose sum passes float8's range is that error too
-- (found by fuzzing: the merged state could not be written as text)
SELECT weighted_pipeline_combine('v1 rows=1 numerator=1e308 denominator=0'::float_ratio_state,
                                 'v1 rows=1 numerator=1e308 denominator=0'::float_ratio_state);

-- moving windows: the inverse transition takes rows out exactly, so every
-- frame equals the same aggregate over the frame's rows alone, and three
-- frames equal Python's math.fsum of their 50 products
CREATE TABLE first_terms AS SELECT * FROM terms WHERE i <= 2000;
CREATE TABLE frames AS
SELECT i, weighted_pipeline(x, p) OVER w AS wp, value_win_rate(i % 3 = 0, abs(x)) OVER w AS vwr
FROM first_terms
WINDOW w AS (ORDER BY i ROWS 49 PRECEDING);
SELECT count(*) AS frames,
       count(*) FILTER (WHERE f.wp = (SELECT weighted_pipeline(x, p) FROM first_terms t WHERE t.i BETWEEN f.i - 49 AND f.i)
                          AND f.vwr = (SELECT value_win_rate(i % 3 = 0, abs(x)) FROM first_terms t WHERE t.i BETWEEN f.i - 49 AND f.i)) AS equal_to_fresh
FROM frames f;
SELECT i, wp = CASE i WHEN 50 THEN -1.2529230818900744e+17 WHEN 1000 THEN 9.253230760401765e+17
                      ELSE -2.021923075463452e+17 END AS fsum
FROM frames WHERE i IN (50, 1000, 2000) ORDER BY i;
-- frames with NULLs and without a row: NULL
SELECT k, weighted_pipeline(x, 1) OVER w, value_win_rate(k % 2 = 0, x) OVER w
FROM (VALUES (1, 1::float8), (2, NULL), (3, NULL), (4, 0.5), (5, 'NaN'), (6, 2)) v(k, x)
WINDOW w AS (ORDER BY k ROWS 1 PRECEDING) ORDER BY k;

-- malformed text and binary states are errors
SELECT 'v1 rows=0 numerator=1 denominator=0'::float_ratio_state;           -- rows without sums
SELECT 'v1 rows=-1 numerator=0 denominator=0'::float_ratio_state;          -- negative rows
SELECT 'v1 rows=1 numerator=1,,2 denominator=0'::float_ratio_state;        -- empty term
SELECT 'v1 rows=1 numerator=1;2 denominator=0'::float_ratio_state;         -- not a list
SELECT 'v1 rows=1 numerator=abc denominator=0'::float_ratio_state;         -- not a float8
SELECT 'v1 rows=1 numerator=1e308,1e308 denominator=0'::float_ratio_state; -- past float8's range
SELECT 'v2 rows=1 numerator=1 denominator=0'::float_ratio_state;           -- future version
SELECT 'v1 rows=1 numerator=1'::float_ratio_state;                         -- missing field
SELECT 'v1 rows=1 numerator=1 denominator=0 extra=1'::float_ratio_state;   -- trailing field
-- binary: version, rows, then per sum a uint16 term count and the terms
CREATE FUNCTION pg_temp.binary_copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
         || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea $$;
CREATE TABLE one_state (s float_ratio_state);
CREATE FUNCTION pg_temp.copy_in(field bytea) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE one_state;
  PERFORM lo_from_bytea(4243101, pg_temp.binary_copy_file(field));
  PERFORM lo_export(4243101, '/tmp/salesops_float_one.bin');
  PERFORM lo_unlink(4243101);
  COPY one_state FROM '/tmp/salesops_float_one.bin' (FORMAT binary);
  RETURN (SELECT s::text FROM one_state);
END $$;
\set SHOW_CONTEXT never
-- rows 2, numerator 0.25 + 0.5 (two terms, read in any order), denominator none
SELECT pg_temp.copy_in('\x01' || int8send(2) || '\x0002' || float8send(0.25) || float8send(0.5) || '\x0000');
SELECT float_ratio_state_send('v1 rows=2 numerator=0.75 denominator=0');
SELECT pg_temp.copy_in('\x02' || int8send(2) || '\x00000000');                      -- future version
SELECT pg_temp.copy_in('\x01' || int8send(2) || '\x0002' || float8send(0.25) || '\x0000'); -- ends inside a sum
SELECT pg_temp.copy_in('\x01' || int8send(0) || '\x0001' || float8send(0.25) || '\x0000'); -- rows without sums

-- forecast_error: forecasts x, actuals x * q with q = (i % 101) / 37 (a
-- zero actual every 101st row).  The plain float8 mean of the APE terms
-- depends on the order; ours is the exact sum rounded once, divided by the
-- 198,000 rated pairs, in every order and plan, and every summary of the
-- same rows prints the same text.
CREATE TABLE fc_terms AS SELECT i, x AS f, x * ((i % 101)::float8 / 37::float8) AS a FROM terms;
ANALYZE fc_terms;
SELECT avg(abs(f - a) / abs(a) ORDER BY i) FILTER (WHERE a <> 0) = 1.4502719034010714 AS plain_ascending,
       avg(abs(f - a) / abs(a) ORDER BY i DESC) FILTER (WHERE a <> 0) = 1.4502719034010711 AS plain_descending
FROM fc_terms;
CREATE TABLE fc_runs AS
SELECT 'ascending' AS run, forecast_error(f, a ORDER BY i) AS s FROM fc_terms
UNION ALL SELECT 'descending', forecast_error(f, a ORDER BY i DESC) FROM fc_terms
UNION ALL SELECT 'hashed', forecast_error(f, a ORDER BY hashint4(i)) FROM fc_terms
UNION ALL SELECT 'numeric ascending', forecast_error(f::numeric, a::numeric ORDER BY i) FROM fc_terms
UNION ALL SELECT 'numeric descending', forecast_error(f::numeric, a::numeric ORDER BY i DESC) FROM fc_terms;
:force_parallel
EXPLAIN (COSTS OFF) SELECT forecast_error(f, a) FROM fc_terms;
INSERT INTO fc_runs SELECT 'parallel', forecast_error(f, a) FROM fc_terms;
INSERT INTO fc_runs SELECT 'numeric parallel', forecast_error(f::numeric, a::numeric) FROM fc_terms;
:reset_parallel
-- rollup of the rows split in 2, 13 and 1,000 parts, directly, through the
-- text form and through binary COPY
CREATE TABLE fc_parts AS
SELECT n, i % n AS part, forecast_error(f, a) AS s, forecast_error(f::numeric, a::numeric) AS ns
FROM fc_terms, (VALUES (2), (13), (1000)) v(n) GROUP BY n, i % n;
COPY fc_parts TO '/tmp/salesops_float_fc_parts.bin' (FORMAT binary);
CREATE TABLE fc_parts_restored (LIKE fc_parts);
COPY fc_parts_restored FROM '/tmp/salesops_float_fc_parts.bin' (FORMAT binary);
INSERT INTO fc_runs
SELECT 'rollup of ' || n, rollup(s) FROM fc_parts GROUP BY n
UNION ALL SELECT 'rollup via text of ' || n, rollup(s::text::forecast_error) FROM fc_parts GROUP BY n
UNION ALL SELECT 'rollup via binary of ' || n, rollup(s) FROM fc_parts_restored GROUP BY n
UNION ALL SELECT 'numeric rollup of ' || n, rollup(ns) FROM fc_parts GROUP BY n
UNION ALL SELECT 'numeric rollup via binary of ' || n, rollup(ns) FROM fc_parts_restored GROUP BY n;
-- float8 input: Python's exact sums (math.fsum) give every measure
SELECT run, forecast_count(s) = 200000 AND zero_actuals(s) = 2000 AS counts,
       mae(s) = 2.7992499934460772e+16 AS mae, rmse(s) = 8.569963685426213e+16 AS rmse,
       bias(s) = -25517078985050.715 AS bias, mape(s) = 1.4502719034013454 AS mape,
       smape(s) = 0.6425231689594305 AS smape, wape(s) = 0.5383054425986994 AS wape,
       s::text = (SELECT s::text FROM fc_runs WHERE run = 'ascending') AS same_text
FROM fc_runs WHERE run NOT LIKE 'numeric%' ORDER BY run;
-- the exact APE sum is 287153.8368734664 - 9.00158420025221e-12: two terms
SELECT substring(s::text from 'sum_ape=[^ ]*') FROM fc_runs WHERE run = 'ascending';
-- numeric input (its APE and sMAPE terms from the float8 values of the
-- exact d and A): the same in every order, plan and partition
SELECT count(*) AS numeric_runs,
       count(DISTINCT s::text) AS texts, count(DISTINCT mape(s)) AS mapes, count(DISTINCT smape(s)) AS smapes
FROM fc_runs WHERE run LIKE 'numeric%';

-- the accessors round a compact sum themselves: ties to even and the sticky
-- bit as above (errors 1 and 2^-53 sum to 1 + 2^-53, a tie kept at 1:
-- MAE 0.5; with 2^-105 more it rounds up: MAE (1 + 2^-52) / 3)
SELECT mae(f, 0) FROM (VALUES (1::float8), (1.1102230246251565e-16)) v(f);
SELECT mae(f, 0) FROM (VALUES (1::float8), (1.1102230246251565e-16), (2.465190328815662e-32)) v(f);

-- magnitudes 300 orders apart do not fit the summary's compact sums and
-- take the spill path (a term list after the fixed part): forecasts 1e150,
-- 1, 1e-150, -1e150 of zero actuals, in two orders, one summary per row
-- rolled up through text, and through binary COPY; each sMAPE term is 2
-- (actual 0, forecast not), so sum_sape = 8; bias (1 + 1e-150) / 4 = 0.25
CREATE TABLE fc_wide AS SELECT * FROM (VALUES (1, 1e150::float8), (2, 1), (3, 1e-150), (4, -1e150)) v(k, f);
SELECT forecast_error(f, 0 ORDER BY k) FROM fc_wide;
CREATE TABLE fc_wide_rows AS SELECT k, forecast_error(f, 0) AS s FROM fc_wide GROUP BY k;
COPY fc_wide_rows TO '/tmp/salesops_float_fc_wide.bin' (FORMAT binary);
CREATE TABLE fc_wide_restored (LIKE fc_wide_rows);
COPY fc_wide_restored FROM '/tmp/salesops_float_fc_wide.bin' (FORMAT binary);
SELECT forecast_error(f, 0 ORDER BY k) = forecast_error(f, 0 ORDER BY k DESC) AS equal,
       forecast_error(f, 0 ORDER BY k)::text = forecast_error(f, 0 ORDER BY k DESC)::text AS same_text,
       forecast_error(f, 0 ORDER BY k)::text = (SELECT rollup(s::text::forecast_error ORDER BY k DESC)::text
                                               FROM fc_wide_rows) AS rollup_via_text,
       forecast_error(f, 0 ORDER BY k)::text = (SELECT rollup(s ORDER BY k)::text FROM fc_wide_restored) AS rollup_via_binary,
       bias(forecast_error(f, 0 ORDER BY k)) = 0.25 AS bias
FROM fc_wide;

-- deal_summary of float8 amounts |x|: won every third row, lost the next,
-- open the one after (probability p).  The plain float8 won amount depends
-- on the order; the summary's four sums are exact, in every order, plan
-- and partition: their text (the first term is the rounded sum, which the
-- accessors use) and value_win_rate, won / (won + lost) of the rounded
-- sums, equal Python's
CREATE TABLE deal_terms AS
SELECT i, CASE i % 3 WHEN 0 THEN true WHEN 1 THEN false END AS won, abs(x) AS amount, p FROM terms;
ANALYZE deal_terms;
SELECT sum(amount ORDER BY i) FILTER (WHERE won) = 2.565930387181308e+21 AS plain_ascending,
       sum(amount ORDER BY i DESC) FILTER (WHERE won) = 2.565930387181313e+21 AS plain_descending
FROM deal_terms;
CREATE TABLE deal_runs AS
SELECT 'ascending' AS run, deal_summary(won, amount, p, NULL::date, NULL::date ORDER BY i) AS s FROM deal_terms
UNION ALL SELECT 'descending', deal_summary(won, amount, p, NULL::date, NULL::date ORDER BY i DESC) FROM deal_terms
UNION ALL SELECT 'hashed', deal_summary(won, amount, p, NULL::date, NULL::date ORDER BY hashint4(i)) FROM deal_terms;
:force_parallel
EXPLAIN (COSTS OFF) SELECT deal_summary(won, amount, p, NULL::date, NULL::date) FROM deal_terms;
INSERT INTO deal_runs SELECT 'parallel', deal_summary(won, amount, p, NULL::date, NULL::date) FROM deal_terms;
:reset_parallel
CREATE TABLE deal_parts AS
SELECT n, i % n AS part, deal_summary(won, amount, p, NULL::date, NULL::date) AS s
FROM deal_terms, (VALUES (2), (13), (1000)) v(n) GROUP BY n, i % n;
COPY deal_parts TO '/tmp/salesops_float_deal_parts.bin' (FORMAT binary);
CREATE TABLE deal_parts_restored (LIKE deal_parts);
COPY deal_parts_restored FROM '/tmp/salesops_float_deal_parts.bin' (FORMAT binary);
INSERT INTO deal_runs
SELECT 'rollup of ' || n, rollup(s) FROM deal_parts GROUP BY n
UNION ALL SELECT 'rollup via text of ' || n, rollup(s::text::deal_summary) FROM deal_parts GROUP BY n
UNION ALL SELECT 'rollup via binary of ' || n, rollup(s) FROM deal_parts_restored GROUP BY n;
CREATE FUNCTION pg_temp.first_term(s deal_summary, field text) RETURNS float8 LANGUAGE sql AS $$
  SELECT split_part(substring(s::text from ' ' || field || '=([^ ]*)'), ',', 1)::float8 $$;
SELECT run, pg_temp.first_term(s, 'open_pipeline') = 2.5658643102583677e+21 AS open_pipeline,
       pg_temp.first_term(s, 'weighted_pipeline') = 1.2828607628213365e+21 AS weighted_pipeline,
       pg_temp.first_term(s, 'won_amount') = 2.565930387181312e+21 AS won_amount,
       pg_temp.first_term(s, 'lost_amount') = 2.5660590794889416e+21 AS lost_amount,
       value_win_rate(s) = 0.4999874617525556 AS value_win_rate,
       s::text = (SELECT s::text FROM deal_runs WHERE run = 'ascending') AS same_text,
       s = (SELECT s FROM deal_runs WHERE run = 'ascending') AS equal
FROM deal_runs ORDER BY run;
-- lost amounts 300 orders of magnitude apart take the state's spill path:
-- 1e150 + 1 + 1e-150 - 1e150 is 1 + 1e-150 exactly, in both orders and
-- rolled up from one summary per row through text
SELECT substring(deal_summary(false, a, NULL::float8, NULL::date, NULL::date ORDER BY k)::text from 'lost_amount=[^ ]*') AS ascending,
       deal_summary(false, a, NULL::float8, NULL::date, NULL::date ORDER BY k)::text
       = deal_summary(false, a, NULL::float8, NULL::date, NULL::date ORDER BY k DESC)::text AS same_text,
       deal_summary(false, a, NULL::float8, NULL::date, NULL::date ORDER BY k)::text
       = (SELECT rollup(s::text::deal_summary ORDER BY k DESC)::text
          FROM (SELECT k, deal_summary(false, f, NULL::float8, NULL::date, NULL::date) AS s FROM fc_wide GROUP BY k) x) AS rollup_via_text
FROM fc_wide v(k, a);

DROP VIEW group_results;
DROP TABLE terms, first_terms, expected_groups, parts, parts_restored, frames, one_state,
           fc_terms, fc_runs, fc_parts, fc_parts_restored, fc_wide_rows, fc_wide_restored,
           deal_terms, deal_runs, deal_parts, deal_parts_restored, fc_wide;
