-- deal_summary: one-pass deal KPIs, rollup, sales cycle, velocity.
--
-- How the expected values were checked: fixture D is kpi-definitions.md's
-- (sections 1, 2, 5, 6, 7, by hand and Python fractions): win rate 3/5,
-- value win rate 50000/110000 = 0.45454545454545453, weighted pipeline
-- 11407.4048, open pipeline 36234.56, won 50000, lost 60000, average deal
-- size 50000/3 = 16666.666666666667 (as avg(numeric) prints it), cycles
-- 30, 29, 100 days: mean 53, median 30, 90th percentile 30 + 0.8 x 70 = 86,
-- velocity 3 x 50000 / (5 x 53) = 30000/53 = 566.0377358490566, scalar
-- velocity 20 x 0.4 x 15000 / 60 = 2000.  Larger sets are compared, in the
-- same query, with the one-step aggregates and with plain SQL
-- (percentile_cont, avg, sum, count) evaluated by PostgreSQL.  Percentiles
-- are interpolated exactly and rounded once (0.7.0): the 90th percentile is
-- compared with the same interpolation in numeric, from the float8 0.9's
-- exact decimal value; percentile_cont's float8 arithmetic is one unit off
-- it for some accounts (counted: that the comparison can tell them apart).
-- 0.7.0 changes, checked from the format and the new rule: the text form
-- is format 3 ("v3 ... backdated_deals=0" after lost_deals, 0 in every
-- fixture here: no deal closes before it was created; "won_amounts=" last,
-- fixture D's won deals 8000, 12000, 30000 once each, by hand; a format 1
-- text with a won amount reads as "won_amounts=unknown"), a summary is 288
-- bytes plus 16 per cycle length and 24 per won amount (the fixture 288 +
-- 48 + 72 = 408), and a deal closed before it was created is counted, not
-- an error (won 1, back-dated 1, won amount 1, no cycle; the one-step
-- average over it alone NULL).

CREATE TABLE deals_ds (id int, won boolean, amount numeric, probability numeric, created_at date, closed_at date);
INSERT INTO deals_ds VALUES
 (1, true,  12000,   1.0,  '2024-01-01', '2024-01-31'), (2, true,  30000,   1.0,  '2024-02-01', '2024-03-01'),
 (3, true,  8000,    1.0,  '2024-03-10', '2024-06-18'), (4, false, 20000,   0.0,  '2024-01-15', '2024-02-14'),
 (5, false, 40000,   0.0,  '2024-02-01', '2024-04-01'), (6, NULL,  10000,   0.10, '2024-05-01', NULL),
 (7, NULL,  25000,   0.40, '2024-05-10', NULL),         (8, NULL,  1234.56, 0.33, '2024-06-01', NULL);

SELECT deal_summary(won, amount, probability::float8, created_at, closed_at) FROM deals_ds;

-- every accessor, for each overload (numeric amount with float8 or numeric
-- probability; float8 amount)
SELECT o.overload, win_rate(s), value_win_rate(s), weighted_pipeline(s), open_pipeline(s), open_deals(s),
       won_deals(s), lost_deals(s), won_amount(s), lost_amount(s), avg_deal_size(s),
       avg_sales_cycle(s), median_sales_cycle(s), sales_cycle_percentile(s, 0.9) AS p90,
       sales_velocity(s)
FROM (SELECT 'numeric, float8' AS overload, deal_summary(won, amount, probability::float8, created_at, closed_at) AS s FROM deals_ds
      UNION ALL
      SELECT 'numeric, numeric', deal_summary(won, amount, probability, created_at, closed_at) FROM deals_ds
      UNION ALL
      SELECT 'float8, float8', deal_summary(won, amount::float8, probability::float8, created_at, closed_at) FROM deals_ds) o;

-- the accessors agree exactly with the one-step aggregates on the same rows
SELECT weighted_pipeline(s)::text = wp::text AS weighted_pipeline_same, win_rate(s) = wr AS win_rate_same,
       value_win_rate(s) = vwr AS value_win_rate_same, avg_sales_cycle(s) = avg_cycle AS avg_cycle_same,
       median_sales_cycle(s) = median_cycle AS median_cycle_same
FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s,
             weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS wp,
             win_rate(won) AS wr, value_win_rate(won, amount) AS vwr,
             avg_sales_cycle(created_at, closed_at) FILTER (WHERE won) AS avg_cycle,
             median_sales_cycle(created_at, closed_at) FILTER (WHERE won) AS median_cycle
      FROM deals_ds) x;

-- percentiles: every fraction against percentile_cont; out of range is an error
SELECT p, sales_cycle_percentile(s, p) AS ours, plain
FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s FROM deals_ds) x,
     LATERAL (VALUES (0.0::float8), (0.25), (0.5), (0.75), (1.0)) v(p),
     LATERAL (SELECT percentile_cont(p) WITHIN GROUP (ORDER BY closed_at - created_at) AS plain
              FROM deals_ds WHERE won) pc
ORDER BY p;
SELECT sales_cycle_percentile(deal_summary(won, amount, probability, created_at, closed_at), 1.5) FROM deals_ds;
SELECT sales_cycle_percentile(deal_summary(won, amount, probability, created_at, closed_at), 'NaN') FROM deals_ds;

-- the scalar velocity, for inputs measured over different windows
SELECT sales_velocity(20, 0.4, 15000, 60) AS per_day, sales_velocity(20, 0.4, 15000, 60) * 30 AS per_month,
       sales_velocity(0, 0.4, 15000, 60) AS no_deals, sales_velocity(20, 0.4, 15000, 0) IS NULL AS zero_cycle_null;
SELECT sales_velocity(-1, 0.4, 15000, 60);
SELECT sales_velocity(20, 40, 15000, 60);
SELECT sales_velocity(20, 0.4, 15000, -5);

-- empty input: NULL; all-open group: counts and pipeline, ratios NULL;
-- no closed deals -> win rates, deal size, cycle, velocity NULL
SELECT deal_summary(won, amount, probability, created_at, closed_at) IS NULL AS empty FROM deals_ds WHERE false;
SELECT open_deals(s), won_deals(s), weighted_pipeline(s), open_pipeline(s), win_rate(s) IS NULL AS win_rate_null,
       value_win_rate(s) IS NULL AS value_null, avg_deal_size(s) IS NULL AS size_null,
       median_sales_cycle(s) IS NULL AS cycle_null, sales_velocity(s) IS NULL AS velocity_null,
       won_amount(s) IS NULL AS won_amount_null
FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s FROM deals_ds WHERE won IS NULL) x;
-- rows with NULL amounts count as deals but not in sums (won_amount_deals 1 of 2);
-- an open deal without probability is in open_pipeline, not in weighted_pipeline
SELECT won_deals(s), won_amount(s), avg_deal_size(s), open_pipeline(s), weighted_pipeline(s), s
FROM (SELECT deal_summary(w, a, p, c, d) AS s
      FROM (VALUES (true, 100::numeric, 1::float8, '2024-01-01'::date, '2024-01-11'::date),
                   (true, NULL, 1, '2024-01-01', NULL),
                   (NULL, 50, NULL, '2024-01-01', NULL),
                   (NULL, 70, 0.5, '2024-01-01', NULL)) v(w, a, p, c, d)) x;
-- negative amounts (credit notes): won 150, lost -50 -> value win rate 150/100 = 1.5;
-- won 150 and -100 -> average deal size 50/2 = 25; won -100, lost 50 -> closed amount -50 -> NULL
SELECT value_win_rate(s), avg_deal_size(s)
FROM (SELECT deal_summary(w, a, NULL::float8, NULL::date, NULL::date) AS s
      FROM (VALUES (true, 150::numeric), (false, -50)) v(w, a)) x;
SELECT avg_deal_size(s)
FROM (SELECT deal_summary(w, a, NULL::float8, NULL::date, NULL::date) AS s
      FROM (VALUES (true, 150::numeric), (true, -100)) v(w, a)) x;
SELECT value_win_rate(s) IS NULL AS negative_closed_amount
FROM (SELECT deal_summary(w, a, NULL::float8, NULL::date, NULL::date) AS s
      FROM (VALUES (true, -100::numeric), (false, 50)) v(w, a)) x;
-- same-day wins: cycle 0, velocity NULL (average cycle 0); no open deals: velocity 0
SELECT avg_sales_cycle(s), sales_velocity(s) IS NULL AS velocity_null
FROM (SELECT deal_summary(true, 100::numeric, 1::float8, '2024-01-01'::date, '2024-01-01'::date) AS s) x;
SELECT sales_velocity(deal_summary(won, amount, probability, created_at, closed_at)) AS no_open_deals
FROM deals_ds WHERE won IS NOT NULL;

-- a deal closed before it was created (counted, not an error, since 0.7.0);
-- bad input: infinite dates, probabilities
SELECT deal_summary(true, 1::numeric, 1::float8, '2024-02-01', '2024-01-01');
SELECT avg_sales_cycle(c, d) FROM (VALUES ('2024-02-01'::date, '2024-01-31'::date)) v(c, d);
SELECT median_sales_cycle(c, d) FROM (VALUES ('2024-02-01'::date, 'infinity'::date)) v(c, d);
SELECT deal_summary(NULL, 1::numeric, 70::float8, '2024-01-01', NULL);
SELECT deal_summary(NULL, 1::numeric, 1.5::numeric, '2024-01-01', NULL);
SELECT deal_summary(NULL, 1::float8, 'NaN'::float8, '2024-01-01', NULL);

-- wide numerics and NaN follow sum(numeric): weighted pipeline exact past 18 digits
SELECT weighted_pipeline(s), won_amount(s), value_win_rate(s)
FROM (SELECT deal_summary(w, a, p, NULL::date, NULL::date) AS s
      FROM (VALUES (NULL::boolean, 123456789012345678901234.5::numeric, 0.5::float8),
                   (NULL, 0.000000000000000000001, 1), (true, 99999999999999999999, NULL),
                   (false, 1, NULL)) v(w, a, p)) x;
SELECT won_amount(s), value_win_rate(s)
FROM (SELECT deal_summary(w, a, NULL::float8, NULL::date, NULL::date) AS s
      FROM (VALUES (true, 'NaN'::numeric), (false, 5)) v(w, a)) x;

-- rollup of per-day summaries equals the summary of all rows, field for field
CREATE TABLE deals_gen AS
SELECT i AS id, i % 50000 AS account, i % 7 AS team,
       date '2024-01-01' + (i % 400) AS created_at,
       CASE hashint4(i) % 3 WHEN 0 THEN true WHEN 1 THEN false END AS won,
       CASE WHEN i % 59 = 0 THEN NULL WHEN i % 211 = 0 THEN -round(((hashint4(i * 5) & 65535) * 3.1)::numeric, 2)
            ELSE round(((hashint4(i * 5) & 65535) * 3.1)::numeric, 2) END AS amount,
       CASE WHEN i % 61 = 0 THEN NULL ELSE ((hashint4(i * 11) & 1023) % 21) / 20.0 END AS probability,
       (hashint4(i * 13) & 1023) % 180 AS cycle
FROM generate_series(1, 200000) i;
ALTER TABLE deals_gen ADD COLUMN closed_at date;
UPDATE deals_gen SET closed_at = created_at + cycle WHERE won IS NOT NULL;
ANALYZE deals_gen;
CREATE TABLE deals_daily AS
SELECT created_at AS day, team, deal_summary(won, amount, probability, created_at, closed_at) AS s
FROM deals_gen GROUP BY created_at, team;
SELECT (SELECT rollup(s) FROM deals_daily)::text
       = (SELECT deal_summary(won, amount, probability, created_at, closed_at) FROM deals_gen)::text AS rollup_equals_raw,
       (SELECT rollup(r) FROM (SELECT rollup(s) AS r FROM deals_daily GROUP BY team) x)::text
       = (SELECT deal_summary(won, amount, probability, created_at, closed_at) FROM deals_gen)::text AS rollup_of_rollups,
       (SELECT rollup(s) IS NULL FROM deals_daily WHERE false) AS empty_rollup;
SELECT count(*) AS teams,
       count(*) FILTER (WHERE r.s::text = d.s::text) AS identical
FROM (SELECT team, rollup(s) AS s FROM deals_daily GROUP BY team) r
JOIN (SELECT team, deal_summary(won, amount, probability, created_at, closed_at) AS s FROM deals_gen GROUP BY team) d
USING (team);

-- 50,000 accounts: every accessor against the one-step aggregates and plain SQL
SELECT count(*) AS accounts,
       count(*) FILTER (WHERE weighted_pipeline(s) IS NOT DISTINCT FROM wp
                        AND open_pipeline(s) IS NOT DISTINCT FROM op
                        AND win_rate(s) IS NOT DISTINCT FROM wr
                        AND value_win_rate(s) IS NOT DISTINCT FROM vwr
                        AND won_amount(s) IS NOT DISTINCT FROM wa
                        AND lost_amount(s) IS NOT DISTINCT FROM la
                        AND avg_deal_size(s) IS NOT DISTINCT FROM ads
                        AND open_deals(s) = od AND won_deals(s) = wd AND lost_deals(s) = ld
                        AND avg_sales_cycle(s) IS NOT DISTINCT FROM avgc
                        AND median_sales_cycle(s) IS NOT DISTINCT FROM medc
                        AND sales_cycle_percentile(s, 0.9) IS NOT DISTINCT FROM p90) AS all_equal,
       count(*) FILTER (WHERE sales_cycle_percentile(s, 0.9) IS DISTINCT FROM p90_float8) AS p90_off_percentile_cont
FROM (SELECT account, deal_summary(won, amount, probability, created_at, closed_at) AS s,
             weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS wp,
             sum(amount) FILTER (WHERE won IS NULL) AS op,
             win_rate(won) AS wr, value_win_rate(won, amount) AS vwr,
             sum(amount) FILTER (WHERE won) AS wa, sum(amount) FILTER (WHERE NOT won) AS la,
             avg(amount) FILTER (WHERE won) AS ads,
             count(*) FILTER (WHERE won IS NULL) AS od, count(*) FILTER (WHERE won) AS wd,
             count(*) FILTER (WHERE NOT won) AS ld,
             avg_sales_cycle(created_at, closed_at) FILTER (WHERE won) AS avgc,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_at - created_at) FILTER (WHERE won) AS medc,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY closed_at - created_at) FILTER (WHERE won) AS p90_float8,
             array_agg(closed_at - created_at ORDER BY closed_at - created_at) FILTER (WHERE won) AS cycles
      FROM deals_gen GROUP BY account) x,
     -- p90 exactly: rank r = p x (n - 1) with p the float8 0.9's exact value
     LATERAL (SELECT '0.90000000000000002220446049250313080847263336181640625'::numeric
                     * (cardinality(cycles) - 1) AS r) rank,
     LATERAL (SELECT (cycles[floor(r)::int + 1]
                      + (cycles[least(floor(r)::int + 2, cardinality(cycles))] - cycles[floor(r)::int + 1])
                        * (r - floor(r)))::float8 AS p90) exact;
-- avg_sales_cycle against avg() of the day differences
SELECT count(*) AS teams, count(*) FILTER (WHERE ours = plain) AS equal
FROM (SELECT team, avg_sales_cycle(created_at, closed_at) FILTER (WHERE won) AS ours,
             avg(closed_at - created_at) FILTER (WHERE won)::float8 AS plain
      FROM deals_gen GROUP BY team) x;
-- moving windows: the exact inverse against recomputation
SELECT count(*) AS rows_checked, count(*) FILTER (WHERE ours IS DISTINCT FROM plain) AS mismatches
FROM (SELECT avg_sales_cycle(created_at, closed_at) OVER w AS ours,
             avg(closed_at - created_at) OVER w::float8 AS plain
      FROM (SELECT * FROM deals_gen WHERE won AND id < 3000) d
      WINDOW w AS (ORDER BY id ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)) x;

-- serial and parallel give the same summaries, field for field
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ds_serial AS
SELECT team, deal_summary(won, amount, probability, created_at, closed_at) AS s,
       median_sales_cycle(created_at, closed_at) FILTER (WHERE won) AS median
FROM deals_gen GROUP BY team;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT team, deal_summary(won, amount, probability, created_at, closed_at) FROM deals_gen GROUP BY team;
CREATE TEMP TABLE ds_parallel AS
SELECT team, deal_summary(won, amount, probability, created_at, closed_at) AS s,
       median_sales_cycle(created_at, closed_at) FILTER (WHERE won) AS median
FROM deals_gen GROUP BY team;
RESET ALL;
SELECT count(*) AS teams, count(*) FILTER (WHERE a.s::text = b.s::text AND a.median = b.median) AS identical
FROM ds_serial a JOIN ds_parallel b USING (team);

-- the size (format 3): a 288-byte fixed part, 16 bytes per distinct cycle
-- length and 24 per distinct won amount (no spill here): the fixture's 3
-- cycle lengths and 3 won amounts take 288 + 48 + 72 = 408 bytes; each team
-- against its own distinct counts, taken by core's count(DISTINCT) (no
-- probability: its 20-decimal products would spill the weighted pipeline)
SELECT pg_column_size(deal_summary(won, amount, probability, created_at, closed_at)) AS fixture_bytes FROM deals_ds;
SELECT count(*) AS teams, count(*) FILTER (WHERE bytes <> 288 + 16 * cycles + 24 * amounts) AS size_differs
FROM (SELECT team, pg_column_size(deal_summary(won, amount, NULL::float8, created_at, closed_at)) AS bytes,
             count(DISTINCT closed_at - created_at) FILTER (WHERE won) AS cycles,
             count(DISTINCT amount) FILTER (WHERE won) AS amounts
      FROM deals_gen GROUP BY team) t;

-- text: round trip, malformed and foreign values
SELECT s::text::deal_summary::text = s::text AS text_round_trip FROM ds_serial;
SELECT 'v1 numeric open_deals=1 won_deals=2 lost_deals=0 open_pipeline=10 open_pipeline_deals=1 weighted_pipeline=5 weighted_pipeline_deals=1 won_amount=30 won_amount_deals=2 lost_amount=0 lost_amount_deals=0 cycle_days={3:1,10:1}'::deal_summary;
SELECT median_sales_cycle('v1 numeric open_deals=1 won_deals=2 lost_deals=0 open_pipeline=10 open_pipeline_deals=1 weighted_pipeline=5 weighted_pipeline_deals=1 won_amount=30 won_amount_deals=2 lost_amount=0 lost_amount_deals=0 cycle_days={3:1,10:1}'::deal_summary);
SELECT 'v9 numeric open_deals=1'::deal_summary;
SELECT 'v1 numeric open_deals=1 won_deals=2 lost_deals=0 open_pipeline=10 open_pipeline_deals=1 weighted_pipeline=5 weighted_pipeline_deals=1 won_amount=30 won_amount_deals=2 lost_amount=0 lost_amount_deals=0 cycle_days={10:1,3:1}'::deal_summary;
SELECT 'v1 numeric open_deals=1 won_deals=2 lost_deals=0 open_pipeline=10 open_pipeline_deals=1 weighted_pipeline=5 weighted_pipeline_deals=1 won_amount=30 won_amount_deals=2 lost_amount=0 lost_amount_deals=0 cycle_days={3:1,10:5}'::deal_summary;
SELECT 'v1 numeric open_deals=1 won_deals=2 lost_deals=0 open_pipeline=10 open_pipeline_deals=3 weighted_pipeline=5 weighted_pipeline_deals=1 won_amount=30 won_amount_deals=2 lost_amount=0 lost_amount_deals=0 cycle_days={}'::deal_summary;
SELECT 'v1 numeric open_deals=1 won_deals=2 lost_deals=0 open_pipeline=10 open_pipeline_deals=1 weighted_pipeline=5 weighted_pipeline_deals=1 won_amount=30 won_amount_deals=2 lost_amount=0 lost_amount_deals=0 cycle_days={3:1,}'::deal_summary;
SELECT 'v1 numeric open_deals=1 won_deals=2 lost_deals=0 open_pipeline=1e5 open_pipeline_deals=1 weighted_pipeline=5 weighted_pipeline_deals=1 won_amount=30 won_amount_deals=2 lost_amount=0 lost_amount_deals=0 cycle_days={}'::deal_summary;
SELECT 'v1 numeric open_deals=0 won_deals=0 lost_deals=0 open_pipeline=0 open_pipeline_deals=0 weighted_pipeline=0 weighted_pipeline_deals=0 won_amount=0 won_amount_deals=0 lost_amount=0 lost_amount_deals=0 cycle_days={}'::deal_summary;
SELECT 'v1 numeric open_deals=1'::deal_summary;
-- numeric and float8 summaries do not mix
SELECT rollup(s) FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s FROM deals_ds
                       UNION ALL
                       SELECT deal_summary(won, amount::float8, probability::float8, created_at, closed_at) FROM deals_ds) x;

-- binary COPY round trip; hand-made truncated and future-version values
CREATE TABLE ds_store AS SELECT team, s FROM ds_serial;
INSERT INTO ds_store SELECT 100, deal_summary(won, amount::float8, probability::float8, created_at, closed_at) FROM deals_ds;
-- won amounts of every kind in the binary form (format 3): NaN, a repeated
-- 25-digit one, and the same value at two scales
INSERT INTO ds_store SELECT 101, deal_summary(true, amount, NULL::float8, NULL::date, NULL::date)
FROM (VALUES ('NaN'::numeric), (1234567890123456789012345), (1234567890123456789012345), (5), (5.00)) v(amount);
INSERT INTO ds_store SELECT 102, deal_summary(true, amount, NULL::float8, NULL::date, NULL::date)
FROM (VALUES ('NaN'::float8), (2.5), (2.5), ('-0'::float8)) v(amount);
COPY ds_store TO '/tmp/salesops_deal_store.bin' (FORMAT binary);
CREATE TABLE ds_restored (LIKE ds_store);
COPY ds_restored FROM '/tmp/salesops_deal_store.bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE a.s::text = b.s::text) AS identical
FROM ds_store a JOIN ds_restored b USING (team);
CREATE FUNCTION pg_temp.binary_copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
         || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea $$;
CREATE TABLE ds_one (s deal_summary);
SELECT lo_from_bytea(4243001, pg_temp.binary_copy_file(substr(deal_summary_send(s), 1, length(deal_summary_send(s)) - 4))) AS lo
FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s FROM deals_ds) x;
SELECT lo_export(4243001, '/tmp/salesops_deal_truncated.bin');
-- our errors; the CONTEXT lines naming the COPY are core's wording: hidden
\set SHOW_CONTEXT never
COPY ds_one FROM '/tmp/salesops_deal_truncated.bin' (FORMAT binary);
SELECT lo_from_bytea(4243002, pg_temp.binary_copy_file(set_byte(deal_summary_send(s), 0, 7))) AS lo
FROM (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s FROM deals_ds) x;
SELECT lo_export(4243002, '/tmp/salesops_deal_future.bin');
COPY ds_one FROM '/tmp/salesops_deal_future.bin' (FORMAT binary);
\set SHOW_CONTEXT errors
SELECT lo_unlink(4243001), lo_unlink(4243002);

DROP TABLE deals_daily, ds_store, ds_restored, ds_one;
