-- forecast_error: summary type, accessors, rollup, one-step aggregates.
--
-- How the expected values were checked: the six-pair fixture and every
-- measure are the worked example of kpi-definitions.md section 3 (by hand,
-- re-checked with Python fractions: MAE 45/6 = 7.5, RMSE sqrt(625/6) =
-- 10.206207261596576, MAPE 0.4/4 = 0.1 with 2 zero actuals, WAPE 45/500 =
-- 0.09, sMAPE 5228/13167 = 0.3970532391585023 (the per-row terms are
-- float8 values, whose exact sum math.fsum gives as 2.3823194349510137,
-- with 1.6653345369377348e-16 left over as the text form's second term;
-- divided by 6 it prints 0.39705323915850227, one ulp away from the exact
-- ratio, within the 1e-12 the definitions allow), bias 5/6, bias_pct
-- 5/500, tracking signal 5/7.5).  Format 2 (0.7.0) writes each float8 sum
-- as its exact value's terms (float_sums.sql); format 1 text still reads.
-- Larger sets are compared with plain SQL formulas in the same query, and
-- with Python (test/property_check.py).

CREATE TABLE fc (month date, rep int, f numeric, a numeric);
INSERT INTO fc VALUES ('2024-01-01', 1, 110, 100), ('2024-01-01', 2, 180, 200), ('2024-02-01', 1, 60, 50),
                      ('2024-02-01', 2, 5, 0), ('2024-03-01', 1, 150, 150), ('2024-03-01', 2, 0, 0);

SELECT forecast_error(f, a) FROM fc;
SELECT forecast_error(f::float8, a::float8) FROM fc;

SELECT forecast_count(s), mae(s), rmse(s), mape(s), zero_actuals(s), wape(s), forecast_accuracy(s),
       abs(smape(s) - 5228.0 / 13167) < 1e-15 AS smape_ok, bias(s), bias_pct(s), tracking_signal(s),
       mase(s, 15) AS mase_15
FROM (SELECT forecast_error(f, a) AS s FROM fc) x;
SELECT forecast_count(s), mae(s), rmse(s), mape(s), zero_actuals(s), wape(s), forecast_accuracy(s),
       abs(smape(s) - 5228.0 / 13167) < 1e-15 AS smape_ok, bias(s), bias_pct(s), tracking_signal(s)
FROM (SELECT forecast_error(f::float8, a::float8) AS s FROM fc) x;

-- one-step aggregates equal the accessors
SELECT mae(f, a), rmse(f, a), mape(f, a), wape(f, a), abs(smape(f, a) - 5228.0 / 13167) < 1e-15 AS smape_ok,
       forecast_bias(f, a)
FROM fc;
SELECT mae(f::float8, a::float8), rmse(f::float8, a::float8), mape(f::float8, a::float8),
       wape(f::float8, a::float8), forecast_bias(f::float8, a::float8)
FROM fc;

-- rollup of monthly summaries equals the summary of the raw pairs (the text
-- form shows every stored field); rollup of rollups; rollup of nothing is NULL
CREATE TABLE fc_monthly AS SELECT month, rep, forecast_error(f, a) AS s FROM fc GROUP BY month, rep;
SELECT (SELECT rollup(s) FROM fc_monthly)::text = (SELECT forecast_error(f, a) FROM fc)::text AS rollup_equals_raw;
SELECT (SELECT rollup(r) FROM (SELECT rollup(s) AS r FROM fc_monthly GROUP BY rep) x)::text
       = (SELECT forecast_error(f, a) FROM fc)::text AS rollup_of_rollups_equals_raw;
SELECT rollup(s) IS NULL AS empty_rollup FROM fc_monthly WHERE false;
SELECT rollup(s)::text = (SELECT forecast_error(f, a) FROM fc WHERE rep = 1)::text AS rollup_skips_nulls
FROM (SELECT s FROM fc_monthly WHERE rep = 1 UNION ALL SELECT NULL) x;
SELECT rep, mae(rollup(s)), wape(rollup(s)) FROM fc_monthly GROUP BY rep ORDER BY rep;

-- NULL pairs skipped (missing is not zero); empty input gives NULL
SELECT forecast_count(forecast_error(f, a)), mae(f, a)
FROM (VALUES (100::numeric, 90::numeric), (NULL, 50), (70, NULL)) v(f, a);    -- 1 pair, MAE 10
SELECT forecast_error(f, a) IS NULL AS empty, mae(f, a) IS NULL AS empty_mae FROM fc WHERE false;

-- all actuals zero: MAPE, WAPE, bias_pct, accuracy are NULL; sMAPE of (5, 0) is 2; (0, 0) is 0
SELECT mape(s) IS NULL AS mape_null, wape(s) IS NULL AS wape_null, bias_pct(s) IS NULL AS bias_pct_null,
       forecast_accuracy(s) IS NULL AS accuracy_null, zero_actuals(s), smape(s), mae(s)
FROM (SELECT forecast_error(f, a) AS s FROM (VALUES (5::numeric, 0::numeric), (0, 0)) v(f, a)) x;  -- sMAPE (2 + 0) / 2 = 1

-- a perfect forecast: tracking signal NULL (MAE = 0), everything else 0
SELECT mae(s), rmse(s), wape(s), tracking_signal(s) IS NULL AS ts_null
FROM (SELECT forecast_error(f, a) AS s FROM (VALUES (10::numeric, 10::numeric), (20, 20)) v(f, a)) x;

-- negative actuals (returns): MAPE uses |A|, WAPE and bias_pct use sum |A|
-- pairs (-90, -100), (110, 100): d = 10, 10; MAPE (0.1 + 0.1) / 2 = 0.1; WAPE 20/200; bias_pct 20/200
SELECT mape(f, a), wape(f, a), forecast_bias(f, a), bias_pct(forecast_error(f, a))
FROM (VALUES (-90::numeric, -100::numeric), (110, 100)) v(f, a);

-- exact money sums: 0.1 + 0.2 style errors stay exact with numeric inputs;
-- d = 0.1, 0.2, -0.3: bias 0 exactly, WAPE (0.1 + 0.2 + 0.3) / 3 = 0.2
SELECT forecast_bias(f, a), wape(f, a), forecast_error(f, a)
FROM (VALUES (1.1::numeric, 1.0::numeric), (1.2, 1.0), (0.7, 1.0)) v(f, a);

-- wide numerics (more than 18 digits) and large squares take the exact
-- numeric path; the summary stays exact (values checked with Python decimal):
-- d = 1e20 + 0.5 - 1, 0.000000000000000000001 -> sum_abs_error 99999999999999999999.500000000000000000001
SELECT forecast_error(f, a)
FROM (VALUES (100000000000000000000.5::numeric, 1::numeric), (0.000000000000000000002, 0.000000000000000000001)) v(f, a);
SELECT s::text::forecast_error::text = s::text AS wide_text_round_trip, rollup(s) OVER ()::text = s::text AS wide_rollup
FROM (SELECT forecast_error(f, a) AS s
      FROM (VALUES (100000000000000000000.5::numeric, 1::numeric), (0.000000000000000000002, 0.000000000000000000001)) v(f, a)) x;

-- NaN and infinities: float8 as avg(float8) (NaN propagates, Inf - Inf = NaN); numeric NaN likewise
SELECT label, mae(f, a), rmse(f, a), forecast_bias(f, a)
FROM (VALUES ('nan', 'NaN'::float8, 1::float8), ('nan', 2, 1),
             ('inf', 'Infinity', 1), ('inf', 2, 1),
             ('inf_minus_inf', 'Infinity', 'Infinity')) v(label, f, a)
GROUP BY label ORDER BY label;
SELECT mae(f, a), wape(f, a), forecast_bias(f, a)
FROM (VALUES ('NaN'::numeric, 1::numeric), (2, 1)) v(f, a);
-- overflow, as float8 arithmetic: SQLSTATE 22003 numeric_value_out_of_range
-- (the message is core's float8 wording, not ours to assert)
\set VERBOSITY sqlstate
SELECT mae(f::float8, a::float8) FROM (VALUES (1e308, -1e308)) v(f, a);
\set VERBOSITY default

-- text round trip, and the errors of malformed or foreign values
SELECT s::text::forecast_error::text = s::text AS text_round_trip FROM (SELECT forecast_error(f, a) AS s FROM fc) x;
SELECT s::text::forecast_error::text = s::text AS float8_text_round_trip
FROM (SELECT forecast_error(f::float8 / 3, a::float8 / 7) AS s FROM fc) x;
SELECT 'v1 numeric count=2 zero_actuals=0 sum_abs_error=3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=0.5 sum_sape=0.4'::forecast_error;
SELECT mae('v1 numeric count=2 zero_actuals=0 sum_abs_error=3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=0.5 sum_sape=0.4'::forecast_error);
SELECT 'v2 numeric count=2 zero_actuals=0 sum_abs_error=3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=0.25,0.25 sum_sape=0.4'::forecast_error;
SELECT 'v3 numeric count=2 zero_actuals=0 sum_abs_error=3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=0.5 sum_sape=0.4'::forecast_error;
SELECT 'v1 decimal count=2 zero_actuals=0 sum_abs_error=3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=0.5 sum_sape=0.4'::forecast_error;
SELECT 'v1 numeric count=2 zero_actuals=3 sum_abs_error=3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=0.5 sum_sape=0.4'::forecast_error;
SELECT 'v1 numeric count=2 zero_actuals=0 sum_abs_error=-3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=0.5 sum_sape=0.4'::forecast_error;
SELECT 'v1 numeric count=2 zero_actuals=0 sum_abs_error=3 sum_error=x sum_sq_error=5 sum_abs_actual=10 sum_ape=0.5 sum_sape=0.4'::forecast_error;
SELECT 'v1 numeric count=2 zero_actuals=0 sum_abs_error=3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=0.5'::forecast_error;
SELECT 'v1 numeric count=2 zero_actuals=0 sum_abs_error=3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=0.5 sum_sape=0.4 extra'::forecast_error;
SELECT 'v1 float8 count=2 zero_actuals=0 sum_abs_error=3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=0.5 sum_sape=7'::forecast_error;
SELECT 'v1 float8 count=2 zero_actuals=0 sum_abs_error=3 sum_error=-1 sum_sq_error=5 sum_abs_actual=10 sum_ape=zero sum_sape=0.4'::forecast_error;
SELECT 'v1 numeric count=0 zero_actuals=0 sum_abs_error=0 sum_error=0 sum_sq_error=0 sum_abs_actual=0 sum_ape=0 sum_sape=0'::forecast_error;
SELECT ''::forecast_error;
SELECT mase(forecast_error(f, a), 0) FROM fc;
-- summaries of numeric and float8 inputs do not mix
SELECT rollup(s) FROM (SELECT forecast_error(f, a) AS s FROM fc UNION ALL SELECT forecast_error(f::float8, a::float8) FROM fc) x;

-- stored summaries survive binary COPY; a truncated or future-version binary value is an error
CREATE TABLE fc_store (rep int, s forecast_error);
INSERT INTO fc_store SELECT rep, forecast_error(f, a) FROM fc GROUP BY rep
                     UNION ALL SELECT 10 + rep, forecast_error(f::float8 / 3, a::float8) FROM fc GROUP BY rep;
COPY fc_store TO '/tmp/salesops_forecast_store.bin' (FORMAT binary);
CREATE TABLE fc_restored (LIKE fc_store);
COPY fc_restored FROM '/tmp/salesops_forecast_store.bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE o.s::text = r.s::text) AS identical
FROM fc_store o JOIN fc_restored r USING (rep);
-- hand-made binary COPY files: signature, flags, header extension, one tuple of one field, trailer
CREATE FUNCTION pg_temp.binary_copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
         || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea $$;
CREATE TABLE fc_one (s forecast_error);
SELECT lo_from_bytea(4242001, pg_temp.binary_copy_file(substr(forecast_error_send(s), 1, 20))) AS lo
FROM (SELECT forecast_error(f, a) AS s FROM fc) x;
SELECT lo_export(4242001, '/tmp/salesops_forecast_truncated.bin');
-- a truncated value is our 22P03 invalid_binary_representation (0.7.0;
-- before, core's message reader stopped it with 08P01); the COPY context
-- line is core's wording, so only the SQLSTATE is shown
\set VERBOSITY sqlstate
COPY fc_one FROM '/tmp/salesops_forecast_truncated.bin' (FORMAT binary);
\set VERBOSITY default
SELECT lo_from_bytea(4242002, pg_temp.binary_copy_file(set_byte(forecast_error_send(s), 0, 3))) AS lo
FROM (SELECT forecast_error(f, a) AS s FROM fc) x;
SELECT lo_export(4242002, '/tmp/salesops_forecast_future.bin');
-- our error; the CONTEXT line naming the COPY is core's wording: hidden
\set SHOW_CONTEXT never
COPY fc_one FROM '/tmp/salesops_forecast_future.bin' (FORMAT binary);
\set SHOW_CONTEXT errors
SELECT lo_from_bytea(4242003, pg_temp.binary_copy_file(forecast_error_send(s))) AS lo
FROM (SELECT forecast_error(f, a) AS s FROM fc) x;
SELECT lo_export(4242003, '/tmp/salesops_forecast_whole.bin');
COPY fc_one FROM '/tmp/salesops_forecast_whole.bin' (FORMAT binary);
SELECT s::text = (SELECT forecast_error(f, a) FROM fc)::text AS hand_made_copy_reads_back FROM fc_one;
SELECT lo_unlink(4242001), lo_unlink(4242002), lo_unlink(4242003);

-- many groups, serial and parallel: equal to the plain SQL formulas
CREATE TABLE fc_many AS
SELECT i % 3000 AS g,
       CASE WHEN i % 97 = 0 THEN NULL ELSE round(((hashint4(i) & 65535) * 1.37)::numeric, 2) END AS f,
       CASE WHEN i % 13 = 0 THEN 0 ELSE round(((hashint4(i * 7) & 65535) * 1.29)::numeric, 2) END AS a
FROM generate_series(1, 150000) i;
ANALYZE fc_many;
CREATE TEMP TABLE fc_plain AS
SELECT g, avg(abs(f - a))::float8 AS mae, sqrt(avg((f - a) * (f - a)))::float8 AS rmse,
       avg(abs(f - a) / abs(a)) FILTER (WHERE a <> 0)::float8 AS mape,
       (sum(abs(f - a)) / nullif(sum(abs(a)) FILTER (WHERE f IS NOT NULL), 0))::float8 AS wape,
       avg(CASE WHEN abs(a) + abs(f) = 0 THEN 0 ELSE 2 * abs(f - a) / (abs(a) + abs(f)) END)::float8 AS smape,
       avg(f - a)::float8 AS bias
FROM fc_many GROUP BY g;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE fc_serial AS SELECT g, forecast_error(f, a) AS s FROM fc_many GROUP BY g;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT g, forecast_error(f, a) FROM fc_many GROUP BY g;
CREATE TEMP TABLE fc_parallel AS SELECT g, forecast_error(f, a) AS s FROM fc_many GROUP BY g;
RESET ALL;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE abs(mae(s.s) - p.mae) <= 1e-12 * p.mae AND abs(rmse(s.s) - p.rmse) <= 1e-12 * p.rmse
                        AND abs(mape(s.s) - p.mape) <= 1e-12 * p.mape AND abs(wape(s.s) - p.wape) <= 1e-12 * p.wape
                        AND abs(smape(s.s) - p.smape) <= 1e-12 * p.smape AND abs(forecast_bias - p.bias) <= 1e-9) AS equal_to_plain,
       count(*) FILTER (WHERE mae(s.s) = mae(q.s) AND rmse(s.s) = rmse(q.s) AND wape(s.s) = wape(q.s)
                        AND bias(s.s) = bias(q.s) AND zero_actuals(s.s) = zero_actuals(q.s)
                        AND mape(s.s) = mape(q.s) AND smape(s.s) = smape(q.s)
                        AND s.s = q.s AND s.s::text = q.s::text) AS serial_equals_parallel
FROM fc_serial s JOIN fc_parallel q USING (g) JOIN fc_plain p USING (g)
CROSS JOIN LATERAL (SELECT bias(s.s) AS forecast_bias) b;

-- format 1 values on disk (stored by 0.5.0 and 0.6.0, read after ALTER
-- EXTENSION UPDATE or pg_upgrade): float8 running sums where format 2 has
-- exact sums.  Their bytes are made here, as crm_inputs.sql makes
-- deal_summary's: the column's type switched to bytea in the catalog, and
-- the format 2 fixed part (the id is a bigint, so the value starts
-- 8-aligned either way; after the 4-byte length word: version, kind,
-- spill mask, a reserved byte, two int64 counts, the four 48-byte money
-- sums from byte 21 (1-based), the two 48-byte ratio sums, 308 bytes, then
-- the spill texts) rewritten as format 1 (the counts, the two ratio sums
-- as little-endian float8, then the money sums, 228 bytes, then the spill
-- texts; float8 input kept its four money sums as float8s in the first 32
-- of the 192 bytes).  The ratio sums of format 1 are the values 0.6.0
-- stored: 10/100 + 20/200 = 0.2, 20/210 + 40/380 = 0.20050125313283207 (a
-- float8 sum, exact here: math.fsum gives the same), and for the one wide
-- pair 1e20 and 2.  Read back, each equals the format 2 value of the same
-- pairs, text, accessors and rollup.
CREATE FUNCTION pg_temp.le(b bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT string_agg(substr(b, i, 1), ''::bytea ORDER BY i DESC) FROM generate_series(1, length(b)) i $$;
CREATE TABLE fc_disk (id bigint, s forecast_error);
INSERT INTO fc_disk
SELECT 1, forecast_error(f, a) FROM (VALUES (110::numeric, 100::numeric), (180, 200)) v(f, a)
UNION ALL SELECT 2, forecast_error(100000000000000000000.5::numeric, 1::numeric)
UNION ALL SELECT 3, forecast_error(f, a) FROM (VALUES (110::float8, 100::float8), (180, 200)) v(f, a);
CREATE TABLE fc_disk_expected AS SELECT id, s::text AS text, s FROM fc_disk;
CREATE TABLE fc_disk_v1 (id bigint, b bytea);
UPDATE pg_attribute SET atttypid = 'bytea'::regtype, attalign = 'i', attstorage = 'x'
WHERE attrelid = 'fc_disk'::regclass AND attname = 's';
INSERT INTO fc_disk_v1
SELECT id, set_byte(substr(s, 1, 20), 0, 1) || pg_temp.le(float8send(ape)) || pg_temp.le(float8send(sape))
           || CASE WHEN id = 3
                   THEN pg_temp.le(float8send(30)) || pg_temp.le(float8send(-10)) || pg_temp.le(float8send(500))
                        || pg_temp.le(float8send(300)) || ('\x' || repeat('00', 160))::bytea
                   ELSE substr(s, 21, 192) END
           || substr(s, 309)
FROM fc_disk JOIN (VALUES (1, 0.2::float8, 0.20050125313283207::float8), (2, 1e20, 2), (3, 0.2, 0.20050125313283207))
     v(id, ape, sape) USING (id);
-- format 1 bytes: version 1, 80 bytes shorter (two 48-byte sums for two float8s)
SELECT v.id, get_byte(v.b, 0) AS version, length(d.s) - length(v.b) AS bytes_less
FROM fc_disk_v1 v JOIN fc_disk d USING (id) ORDER BY v.id;
UPDATE pg_attribute SET atttypid = 'forecast_error'::regtype, attalign = 'd', attstorage = 'm'
WHERE attrelid = 'fc_disk'::regclass AND attname = 's';
UPDATE pg_attribute SET atttypid = 'forecast_error'::regtype, attalign = 'd', attstorage = 'm'
WHERE attrelid = 'fc_disk_v1'::regclass AND attname = 'b';
SELECT v.id, v.b::text = e.text AS same_text, v.b = e.s AS equal, mae(v.b), mape(v.b), smape(v.b), wape(v.b)
FROM fc_disk_v1 v JOIN fc_disk_expected e USING (id) ORDER BY v.id;
SELECT rollup(b)::text = (SELECT rollup(s)::text FROM fc_disk_expected WHERE id < 3) AS rollup_same
FROM fc_disk_v1 WHERE id < 3;

-- tables of the stored type go before later tests drop the extension
DROP TABLE fc_monthly, fc_store, fc_restored, fc_one, fc_disk, fc_disk_expected, fc_disk_v1;
