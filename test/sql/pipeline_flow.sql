-- pipeline_flow: the waterfall between two snapshots (kpi-definitions.md
-- section 13), rollup across teams, accessors, I/O, pipeline_coverage.
--
-- How the expected values were checked:
--  - the worked example (17 deals, period [2024-04-01,2024-04-08), target
--    Q2) is section 13's table, worked by hand there and by flow_check.py:
--    start 8 / 145000, new 2 / 13000, pulled_in 2 / 17000, added 2 / 20000,
--    increased 2 / 7000, decreased 2 / 12500, pushed_out 1 / 15000,
--    removed 1 / 7000, won 2 / 47000, lost 2 / 28000, end 8 / 92500,
--    memos unchanged 1, unvalued_start 2, unvalued_end 1; team A (deals
--    1-8) start 140000 end 75000, team B start 5000 end 17500; the rolling
--    waterfall (target (,)) has no pulled_in or pushed_out, start 169500,
--    end 118000;
--  - each edge case of section 13's table is one deal whose expected bars
--    are written beside it by hand from the contribution table; the query
--    prints the bars and whether they are the ones written;
--  - 200,000 random deals are compared bar by bar with a plain-SQL
--    formulation (CASE sums over the same FULL JOIN), serially, with two
--    parallel workers, and as the rollup of per-team waterfalls, which must
--    be equal bit for bit (text form); the balance identity is checked on
--    every waterfall here;
--  - pipeline_coverage: section 8's examples (300000 / 150000 = 2,
--    300000 / 200000 = 1.5, 90000 / 150000 = 0.6, quota met: NULL), and the
--    worked example's end 92500 / (200000 - 47000) = 0.6045751633986928
--    (Python: 92500/153000).

SET client_min_messages = warning;

CREATE TABLE flow_fixture (id int, team text, s_won boolean, s_amt numeric, s_close date,
                           e_won boolean, e_amt numeric, e_close date, created date);
INSERT INTO flow_fixture VALUES
 ( 1, 'A', NULL,  10000, '2024-05-15', NULL,  10000, '2024-05-15', '2024-02-01'),
 ( 2, 'A', NULL,  20000, '2024-06-10', NULL,  25000, '2024-06-10', '2024-01-10'),
 ( 3, 'A', NULL,  30000, '2024-06-20', NULL,  18000, '2024-06-02', '2024-03-01'),
 ( 4, 'A', NULL,  15000, '2024-06-30', NULL,  16000, '2024-08-15', '2024-02-15'),
 ( 5, 'A', NULL,  12000, '2024-09-30', NULL,  14000, '2024-06-15', '2024-03-10'),
 ( 6, 'A', NULL,  NULL,  NULL,         NULL,  8000,  '2024-05-31', '2024-04-03'),
 ( 7, 'A', NULL,  40000, '2024-04-30', true,  42000, '2024-04-05', '2024-01-05'),
 ( 8, 'A', NULL,  25000, '2024-05-10', false, 0,     '2024-04-04', '2024-02-20'),
 ( 9, 'B', NULL,  NULL,  NULL,         true,  5000,  '2024-04-04', '2024-04-02'),
 (10, 'B', NULL,  7000,  '2024-06-01', NULL,  NULL,  NULL,         '2024-03-05'),
 (11, 'B', false, 9000,  '2024-03-20', NULL,  9000,  '2024-06-25', '2024-01-20'),
 (12, 'B', NULL,  NULL,  '2024-05-20', NULL,  11000, '2024-05-20', '2024-03-01'),
 (13, 'B', NULL,  -2000, '2024-05-05', NULL,  -2500, '2024-05-05', '2024-03-12'),
 (14, 'B', true,  6000,  '2024-03-15', true,  6000,  '2024-03-15', '2024-01-02'),
 (15, 'B', NULL,  9500,  '2024-10-01', NULL,  9500,  '2024-11-01', '2024-03-20'),
 (16, 'B', NULL,  3000,  '2024-08-01', false, 3000,  '2024-04-05', '2024-03-25'),
 (17, 'B', NULL,  NULL,  '2024-06-05', NULL,  NULL,  '2024-06-05', '2024-03-28');

-- the balance identity of a waterfall: 0 for the amounts (NULL bars as 0)
-- and for the deals
CREATE FUNCTION pg_temp.residual(f pipeline_flow) RETURNS text LANGUAGE sql AS $$
  SELECT sum(CASE WHEN bar = 'end' THEN -1 WHEN sign = 0 THEN 1 ELSE sign END * coalesce(amount, 0))
         || ' / ' ||
         sum(CASE WHEN bar IN ('increased', 'decreased') THEN 0
                  WHEN bar = 'end' THEN -1 WHEN sign = 0 THEN 1 ELSE sign END * deals)
  FROM pipeline_changes(f) $$;

-- 1. The worked example: the waterfall as rows, its text form, the memos
CREATE TABLE flow_q2 AS
SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                     daterange('2024-04-01', '2024-04-08'), daterange('2024-04-01', '2024-07-01')) AS f
FROM flow_fixture;
SELECT c.* FROM flow_q2, pipeline_changes(f) c;
SELECT f FROM flow_q2;
SELECT flow_deals(f, 'unchanged') AS unchanged, flow_deals(f, 'unvalued_start') AS unvalued_start,
       flow_deals(f, 'unvalued_end') AS unvalued_end, pg_temp.residual(f) AS residual,
       flow_period(f), flow_target(f)
FROM flow_q2;

-- 2. Per team, and their rollup equal to the whole (= and bit for bit)
SELECT team, flow_amount(f, 'start') AS start, flow_amount(f, 'end') AS "end", pg_temp.residual(f) AS residual
FROM (SELECT team, pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                                 '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)') AS f
      FROM flow_fixture GROUP BY team) t
ORDER BY team;
SELECT rollup(f) = (SELECT f FROM flow_q2) AS rollup_equal,
       rollup(f)::text = (SELECT f::text FROM flow_q2) AS rollup_identical
FROM (SELECT team, pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                                 '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)') AS f
      FROM flow_fixture GROUP BY team) t;

-- 3. The rolling waterfall: every open deal whatever its close date
SELECT flow_deals(f, 'pulled_in') AS pulled_in, flow_deals(f, 'pushed_out') AS pushed_out,
       flow_amount(f, 'start') AS start, flow_amount(f, 'end') AS "end", flow_target(f),
       pg_temp.residual(f) AS residual
FROM (SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                           '[2024-04-01,2024-04-08)', '(,)') AS f FROM flow_fixture) t;

-- 4. Every edge case of section 13, one deal each: the bars it adds to
-- (bar amount, in waterfall order; then the memos that are not 0) beside
-- the bars written by hand from the contribution table
CREATE TABLE flow_edge (n int, what text, s_won boolean, s_amt numeric, s_close date,
                        e_won boolean, e_amt numeric, e_close date, created date, expected text);
INSERT INTO flow_edge VALUES
 ( 1, 'moves into the target and changes amount', NULL, 12000, '2024-09-30', NULL, 14000, '2024-06-15', '2024-03-10', 'pulled_in 14000, end 14000'),
 ( 2, 'moves out of the target and changes amount', NULL, 15000, '2024-06-30', NULL, 16000, '2024-08-15', '2024-02-15', 'start 15000, pushed_out 15000'),
 ( 3, 'close date moves inside the target', NULL, 10000, '2024-05-15', NULL, 10000, '2024-06-15', '2024-02-01', 'start 10000, end 10000; unchanged'),
 ( 4, 'won at a higher amount', NULL, 40000, '2024-04-30', true, 42000, '2024-04-05', '2024-01-05', 'start 40000, increased 2000, won 42000'),
 ( 5, 'won at a lower amount', NULL, 40000, '2024-04-30', true, 35000, '2024-04-05', '2024-01-05', 'start 40000, decreased 5000, won 35000'),
 ( 6, 'won with the amount cleared', NULL, 40000, '2024-04-30', true, NULL, '2024-04-05', '2024-01-05', 'start 40000, won 40000'),
 ( 7, 'won, closing outside the target', NULL, 40000, '2024-05-01', true, 40000, '2024-07-15', '2024-01-05', 'start 40000, won 40000'),
 ( 8, 'lost with the amount zeroed', NULL, 25000, '2024-05-10', false, 0, '2024-04-04', '2024-02-20', 'start 25000, lost 25000'),
 ( 9, 'created and won in the period', NULL, NULL, NULL, true, 5000, '2024-04-04', '2024-04-02', 'new 5000, won 5000'),
 (10, 'created and lost in the period', NULL, NULL, NULL, false, 5000, '2024-04-04', '2024-04-02', 'new 5000, lost 5000'),
 (11, 'created and won, closing outside the target', NULL, NULL, NULL, true, 5000, '2024-07-15', '2024-04-02', ''),
 (12, 'created in the period, open outside the target', NULL, NULL, NULL, NULL, 8000, '2024-08-01', '2024-04-03', ''),
 (13, 'open outside at the start, won in the target', NULL, 3000, '2024-08-01', true, 3000, '2024-04-05', '2024-03-25', 'pulled_in 3000, won 3000'),
 (14, 'open outside at the start, lost in the target', NULL, 3000, '2024-08-01', false, 3000, '2024-04-05', '2024-03-25', 'pulled_in 3000, lost 3000'),
 (15, 'closed at both ends, outcome flipped', true, 6000, '2024-03-15', false, 6000, '2024-03-15', '2024-01-02', ''),
 (16, 'reopened into the target', false, 9000, '2024-03-20', NULL, 9000, '2024-06-25', '2024-01-20', 'added 9000, end 9000'),
 (17, 'reopened and won again', false, 9000, '2024-03-20', true, 9000, '2024-04-03', '2024-01-20', ''),
 (18, 'amount filled in', NULL, NULL, '2024-05-20', NULL, 11000, '2024-05-20', '2024-03-01', 'added 11000, end 11000; unvalued_start'),
 (19, 'amount filled in, created in the period', NULL, NULL, '2024-05-20', NULL, 11000, '2024-05-20', '2024-04-02', 'new 11000, end 11000; unvalued_start'),
 (20, 'amount cleared', NULL, 7000, '2024-06-01', NULL, NULL, '2024-06-01', '2024-03-05', 'start 7000, removed 7000; unvalued_end'),
 (21, 'no amount at either end', NULL, NULL, '2024-06-05', NULL, NULL, '2024-06-05', '2024-03-28', '; unvalued_start, unvalued_end'),
 (22, 'close date cleared', NULL, 7000, '2024-06-01', NULL, 7000, NULL, '2024-03-05', 'start 7000, removed 7000'),
 (23, 'deleted', NULL, 7000, '2024-06-01', NULL, NULL, NULL, '2024-03-05', 'start 7000, removed 7000'),
 (24, 'absent at the start, created date unknown', NULL, NULL, NULL, NULL, 8000, '2024-05-31', NULL, 'added 8000, end 8000'),
 (25, 'absent at the start, created before the period', NULL, NULL, NULL, NULL, 8000, '2024-05-31', '2024-03-01', 'added 8000, end 8000'),
 (26, 'negative amount decreasing', NULL, -2000, '2024-05-05', NULL, -2500, '2024-05-05', '2024-03-12', 'start -2000, decreased 500, end -2500'),
 (27, 'zero amount', NULL, NULL, NULL, NULL, 0, '2024-05-01', '2024-04-02', 'new 0, end 0'),
 (28, 'NaN amount at the start', NULL, 'NaN', '2024-05-01', NULL, 100, '2024-05-01', '2024-03-01', 'start NaN, increased NaN, end 100'),
 (29, 'NaN amount at the end', NULL, 100, '2024-05-01', NULL, 'NaN', '2024-05-01', '2024-03-01', 'start 100, increased NaN, end NaN'),
 (30, 'open outside at both ends', NULL, 9500, '2024-10-01', NULL, 9500, '2024-11-01', '2024-03-20', ''),
 (31, 'a side with every column NULL on both ends', NULL, NULL, NULL, NULL, NULL, NULL, NULL, ''),
 (32, 'last day of the target is in, the day after is out', NULL, 500, '2024-06-30', NULL, 500, '2024-07-01', '2024-03-01', 'start 500, pushed_out 500'),
 (33, 'created on the first day of the period is new', NULL, NULL, NULL, NULL, 700, '2024-04-01', '2024-04-01', 'new 700, end 700'),
 (34, 'created after the period start counts as new', NULL, NULL, NULL, NULL, 700, '2024-04-10', '2024-04-08', 'new 700, end 700'),
 (35, 'display scale is kept', NULL, 100.50, '2024-05-01', NULL, 100.5, '2024-05-01', '2024-03-01', 'start 100.50, end 100.5; unchanged');
CREATE FUNCTION pg_temp.bars(f pipeline_flow) RETURNS text LANGUAGE sql AS $$
  SELECT coalesce((SELECT string_agg(bar || ' ' || amount, ', ' ORDER BY ord) FROM pipeline_changes(f) WHERE deals > 0), '')
         || coalesce('; ' || (SELECT string_agg(m, ', ' ORDER BY i)
                              FROM unnest(ARRAY['unchanged', 'unvalued_start', 'unvalued_end']) WITH ORDINALITY AS u(m, i)
                              WHERE flow_deals(f, m) > 0), '') $$;
SELECT n, what, pg_temp.bars(f) = expected AS as_specified, pg_temp.bars(f) AS bars, pg_temp.residual(f) AS residual
FROM (SELECT n, what, expected,
             pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                           '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)') AS f
      FROM flow_edge GROUP BY n, what, expected) t
ORDER BY n;

-- all the edge cases in one waterfall balance (NaN aside: cases 28 and 29
-- make start, increased and end NaN, as sum() does)
SELECT pg_temp.residual(f) AS residual_without_nan, flow_amount(f, 'start') AS start, flow_amount(f, 'end') AS "end"
FROM (SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                           '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)') AS f
      FROM flow_edge WHERE n NOT IN (28, 29)) t;

-- empty input is NULL; rows with no deal in any bar give zero deals and NULL amounts
SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                     '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)') IS NULL AS empty_is_null
FROM flow_fixture WHERE false;
SELECT flow_deals(f, 'start') AS deals, flow_amount(f, 'start') IS NULL AS amount_null, f
FROM (SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                           '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)') AS f
      FROM flow_fixture WHERE id IN (14, 15)) t;

-- 5. Dates as timestamptz (and timestamp): the day in the session's time
-- zone.  Created at 00:30 on the period's first day in Berlin is new there
-- and added in UTC (22:30 the day before).
SET TimeZone = 'Europe/Berlin';
SELECT pg_temp.bars(pipeline_flow(NULL::boolean, NULL::numeric, NULL::timestamptz, NULL, 700::numeric,
                                  '2024-05-01 10:00+02'::timestamptz, '2024-04-01 00:30+02'::timestamptz,
                                  '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')) AS berlin;
SET TimeZone = 'UTC';
SELECT pg_temp.bars(pipeline_flow(NULL::boolean, NULL::numeric, NULL::timestamptz, NULL, 700::numeric,
                                  '2024-05-01 10:00+02'::timestamptz, '2024-04-01 00:30+02'::timestamptz,
                                  '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')) AS utc;
-- timestamp columns take the timestamptz form; the worked example again
SELECT pipeline_flow(s_won, s_amt, s_close::timestamp, e_won, e_amt, e_close::timestamp, created::timestamp,
                     '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)') = (SELECT f FROM flow_q2) AS timestamp_equal
FROM flow_fixture;
-- integer amounts take the implicit cast to numeric, exactly past 2^53
SELECT pg_temp.bars(pipeline_flow(NULL::boolean, 9007199254740993::bigint, '2024-05-01'::date, NULL,
                                  9007199254740992::bigint, '2024-05-01'::date, '2024-03-01'::date,
                                  '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')) AS bigint_amounts;
RESET TimeZone;

-- 6. 200,000 random deals: serial, parallel and rollup of teams, against
-- plain SQL (CASE sums over the same rows)
SELECT setseed(0.18);
CREATE TABLE flow_random AS
SELECT id, id % 7 AS team,
       CASE WHEN s_absent THEN NULL ELSE (ARRAY[NULL, NULL, NULL, true, false])[1 + floor(random() * 5)::int] END AS s_won,
       CASE WHEN s_absent THEN NULL ELSE (ARRAY[NULL, 0, round((random() * 55000 - 5000)::numeric, 2), floor(random() * 90000)::numeric])[1 + floor(random() * 4)::int] END AS s_amt,
       CASE WHEN s_absent OR random() < 0.1 THEN NULL ELSE date '2024-03-01' + floor(random() * 300)::int END AS s_close,
       CASE WHEN e_absent THEN NULL ELSE (ARRAY[NULL, NULL, NULL, true, false])[1 + floor(random() * 5)::int] END AS e_won,
       CASE WHEN e_absent THEN NULL ELSE (ARRAY[NULL, 0, round((random() * 55000 - 5000)::numeric, 1), floor(random() * 90000)::numeric])[1 + floor(random() * 4)::int] END AS e_amt,
       CASE WHEN e_absent OR random() < 0.1 THEN NULL ELSE date '2024-03-01' + floor(random() * 300)::int END AS e_close,
       CASE WHEN random() < 0.1 THEN NULL ELSE date '2024-03-01' + floor(random() * 60)::int END AS created
FROM (SELECT id, random() < 0.15 AS s_absent, random() < 0.15 AS e_absent
      FROM generate_series(1, 200000) id) g;
ANALYZE flow_random;

CREATE TABLE flow_plain AS
WITH st AS (
  SELECT *,
    CASE WHEN s_won IS NOT NULL THEN 'closed'
         WHEN s_amt IS NOT NULL AND s_close >= '2024-04-01' AND s_close < '2024-07-01' THEN 'in'
         WHEN s_amt IS NOT NULL AND s_close IS NOT NULL THEN 'out' ELSE 'none' END AS s_state,
    CASE WHEN e_won THEN 'won' WHEN NOT e_won THEN 'lost'
         WHEN e_amt IS NOT NULL AND e_close >= '2024-04-01' AND e_close < '2024-07-01' THEN 'in'
         WHEN e_amt IS NOT NULL AND e_close IS NOT NULL THEN 'out' ELSE 'gone' END AS e_state,
    coalesce(e_close >= '2024-04-01' AND e_close < '2024-07-01', false) AS e_in_target
  FROM flow_random),
cl AS (
  SELECT *,
    CASE WHEN s_state = 'out' THEN 'pulled_in'
         WHEN s_state = 'none' AND created >= '2024-04-01' THEN 'new' ELSE 'added' END AS entry,
    s_state NOT IN ('in', 'closed') AND e_state IN ('won', 'lost') AND e_amt IS NOT NULL AND e_in_target AS passes,
    CASE WHEN e_state = 'won' THEN coalesce(e_amt, s_amt) ELSE e_amt END - s_amt AS delta
  FROM st)
SELECT b.bar, count(*) AS deals, sum(b.amount) AS amount
FROM cl, LATERAL (VALUES
   ('start', s_state = 'in', CASE WHEN s_state = 'in' THEN s_amt END),
   ('end', e_state = 'in', CASE WHEN e_state = 'in' THEN e_amt END),
   ('increased', s_state = 'in' AND e_state IN ('in', 'won') AND delta > 0, CASE WHEN s_state = 'in' AND e_state IN ('in', 'won') AND delta > 0 THEN delta END),
   ('decreased', s_state = 'in' AND e_state IN ('in', 'won') AND delta < 0, CASE WHEN s_state = 'in' AND e_state IN ('in', 'won') AND delta < 0 THEN -delta END),
   ('won', (s_state = 'in' AND e_state = 'won') OR (passes AND e_state = 'won'),
           CASE WHEN s_state = 'in' AND e_state = 'won' THEN coalesce(e_amt, s_amt) WHEN passes AND e_state = 'won' THEN e_amt END),
   ('lost', (s_state = 'in' AND e_state = 'lost') OR (passes AND e_state = 'lost'),
            CASE WHEN s_state = 'in' AND e_state = 'lost' THEN s_amt WHEN passes AND e_state = 'lost' THEN e_amt END),
   ('pushed_out', s_state = 'in' AND e_state = 'out', CASE WHEN s_state = 'in' AND e_state = 'out' THEN s_amt END),
   ('removed', s_state = 'in' AND e_state = 'gone', CASE WHEN s_state = 'in' AND e_state = 'gone' THEN s_amt END),
   ('new', s_state <> 'in' AND entry = 'new' AND (e_state = 'in' OR passes), CASE WHEN s_state <> 'in' AND entry = 'new' AND (e_state = 'in' OR passes) THEN e_amt END),
   ('pulled_in', s_state <> 'in' AND entry = 'pulled_in' AND (e_state = 'in' OR passes), CASE WHEN s_state <> 'in' AND entry = 'pulled_in' AND (e_state = 'in' OR passes) THEN e_amt END),
   ('added', s_state <> 'in' AND entry = 'added' AND (e_state = 'in' OR passes), CASE WHEN s_state <> 'in' AND entry = 'added' AND (e_state = 'in' OR passes) THEN e_amt END)
) AS b(bar, hit, amount)
WHERE b.hit
GROUP BY b.bar;

CREATE TABLE flow_results (plan text, f pipeline_flow);
INSERT INTO flow_results
SELECT 'serial', pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                               '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
FROM flow_random;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                     '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
FROM flow_random;
INSERT INTO flow_results
SELECT 'parallel', pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                                 '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
FROM flow_random;
INSERT INTO flow_results
SELECT 'rollup of teams, parallel', rollup(f)
FROM (SELECT team, pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                                 '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)') AS f
      FROM flow_random GROUP BY team) t;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
INSERT INTO flow_results
SELECT 'rollup of teams, serial', rollup(f)
FROM (SELECT team, pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                                 '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)') AS f
      FROM flow_random GROUP BY team) t;

-- every plan bit for bit as the serial one, every bar as plain SQL
SELECT plan, f::text = (SELECT f::text FROM flow_results WHERE plan = 'serial') AS identical_to_serial,
       pg_temp.residual(f) AS residual,
       (SELECT count(*) FROM pipeline_changes(f) c LEFT JOIN flow_plain p USING (bar)
        WHERE c.deals IS DISTINCT FROM coalesce(p.deals, 0) OR c.amount IS DISTINCT FROM p.amount) AS bars_unlike_plain_sql
FROM flow_results ORDER BY plan;
SELECT bar, deals > 1000 AS many_deals FROM flow_results, pipeline_changes(f) WHERE plan = 'serial' ORDER BY ord;

-- 6b. As a window aggregate: a running waterfall over the deals in id order
-- ends at the whole (its rows equal aggregating each prefix), and a sliding
-- frame of 3 deals equals aggregating those 3 deals (PostgreSQL recomputes
-- each frame: there is no inverse transition, as a waterfall over a frame
-- of deals is rarely asked for and bars are cheap to add again)
SELECT count(*) AS running_rows,
       count(*) FILTER (WHERE running = (SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                                                              '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
                                         FROM flow_fixture p WHERE p.id <= w.id)) AS running_equal_prefix,
       count(*) FILTER (WHERE sliding = (SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created,
                                                              '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
                                         FROM flow_fixture p WHERE p.id BETWEEN w.id - 2 AND w.id)) AS sliding_equal_frame,
       bool_and(id < 17 OR running = (SELECT f FROM flow_q2)) AS last_is_whole
FROM (SELECT id,
             pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, '[2024-04-01,2024-04-08)',
                           '[2024-04-01,2024-07-01)') OVER (ORDER BY id) AS running,
             pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, '[2024-04-01,2024-04-08)',
                           '[2024-04-01,2024-07-01)') OVER (ORDER BY id ROWS 2 PRECEDING) AS sliding
      FROM flow_fixture) w;

-- 7. rollup refuses waterfalls of different periods or targets
SELECT rollup(f) FROM (VALUES
  ('v1 period=[2024-04-01,2024-04-08) target=[2024-04-01,2024-07-01) start=1:100 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=1:100 unchanged=1 unvalued_start=0 unvalued_end=0'::pipeline_flow),
  ('v1 period=[2024-04-08,2024-04-15) target=[2024-04-01,2024-07-01) start=1:100 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=1:100 unchanged=1 unvalued_start=0 unvalued_end=0')) v(f);
SELECT rollup(f) FROM (VALUES
  ('v1 period=[2024-04-01,2024-04-08) target=[2024-04-01,2024-07-01) start=0 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=0 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow),
  ('v1 period=[2024-04-01,2024-04-08) target=(,) start=0 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=0 unchanged=0 unvalued_start=0 unvalued_end=0')) v(f);

-- 8. The parameters: NULL (22004), empty or unbounded period, empty
-- target, infinite period bounds (22023), differing between rows (22023)
\set VERBOSITY default
SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, NULL, '[2024-04-01,2024-07-01)') FROM flow_fixture;
SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, '[2024-04-01,2024-04-08)', NULL) FROM flow_fixture;
SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, 'empty', '[2024-04-01,2024-07-01)') FROM flow_fixture;
SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, '[2024-04-01,)', '[2024-04-01,2024-07-01)') FROM flow_fixture;
SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, '[-infinity,2024-04-08)', '[2024-04-01,2024-07-01)') FROM flow_fixture;
SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, '[2024-04-01,2024-04-08)', 'empty') FROM flow_fixture;
SELECT pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, '[2024-04-01,2024-04-08)',
                     daterange('2024-04-01', CASE WHEN id < 9 THEN date '2024-07-01' ELSE date '2024-07-02' END))
FROM flow_fixture;
-- a target bounded on one side only, and with infinite bounds, is fine
SELECT flow_target(pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, '[2024-04-01,2024-04-08)', '[2024-04-01,)')),
       flow_amount(pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, '[2024-04-01,2024-04-08)', '[-infinity,infinity)'), 'start')
FROM flow_fixture;
SELECT flow_amount(f, 'unchanged') FROM flow_q2;
SELECT flow_deals(f, 'middle') FROM flow_q2;

-- 9. Text and binary forms: round trips, DateStyle, what input refuses
SET DateStyle = 'German, DMY';
SELECT f::text::pipeline_flow = f AS text_round_trip, f::text AS text_form_is_iso FROM flow_q2;
RESET DateStyle;
SELECT 'v1 period=[2024-04-01,2024-04-08) target=(,) start=1:5.0 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=1:5.00 unchanged=1 unvalued_start=0 unvalued_end=0'::pipeline_flow
     = 'v1 period=[2024-04-01,2024-04-08) target=(,) start=1:5 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=1:5 unchanged=1 unvalued_start=0 unvalued_end=0' AS scale_ignored_by_equality;
SELECT count(DISTINCT f) AS distinct_values FROM (SELECT f FROM flow_results UNION ALL SELECT f FROM flow_q2) t;
-- amounts past 18 digits and 10^37 units (the spill), text and binary
CREATE TABLE flow_store AS
SELECT 1 AS k, f FROM flow_q2
UNION ALL
SELECT 2, pipeline_flow(NULL, a, '2024-05-01'::date, NULL, a * 3, '2024-05-01'::date, '2024-01-01'::date,
                        '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
FROM (VALUES (12345678901234567890123456789.5), (99999999999999999999999999999999999999), (1)) v(a)
UNION ALL
SELECT 3, pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
FROM flow_edge;
SELECT k, f FROM flow_store WHERE k = 2;
SELECT flow_amount(f, 'increased') = 2 * (12345678901234567890123456789.5 + 99999999999999999999999999999999999999 + 1) AS spill_exact
FROM flow_store WHERE k = 2;
COPY flow_store TO '/tmp/salesops_flow_store.bin' (FORMAT binary);
CREATE TABLE flow_restored (LIKE flow_store);
COPY flow_restored FROM '/tmp/salesops_flow_store.bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE a.f::text = b.f::text AND a.f = b.f) AS identical
FROM flow_store a JOIN flow_restored b USING (k);
SELECT k, f::text::pipeline_flow = f AS text_round_trip FROM flow_store ORDER BY k;
CREATE FUNCTION pg_temp.binary_copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
         || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea $$;
CREATE TABLE flow_one (f pipeline_flow);
SELECT lo_from_bytea(4245001, pg_temp.binary_copy_file(substr(pipeline_flow_send(f), 1, length(pipeline_flow_send(f)) - 4))) AS lo FROM flow_q2;
SELECT lo_export(4245001, '/tmp/salesops_flow_truncated.bin');
SELECT lo_from_bytea(4245002, pg_temp.binary_copy_file(set_byte(pipeline_flow_send(f), 0, 7))) AS lo FROM flow_q2;
SELECT lo_export(4245002, '/tmp/salesops_flow_future.bin');
\set SHOW_CONTEXT never
COPY flow_one FROM '/tmp/salesops_flow_truncated.bin' (FORMAT binary);
COPY flow_one FROM '/tmp/salesops_flow_future.bin' (FORMAT binary);
\set SHOW_CONTEXT errors
SELECT lo_unlink(4245001), lo_unlink(4245002);
-- text input: each problem once
SELECT 'v1 period=[2024-04-01,2024-04-08) target=(,) start=1 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=1:5 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow;
SELECT 'v1 period=[2024-04-01,2024-04-08) target=(,) start=0:5 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=0 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow;
SELECT 'v1 period=[2024-04-01,2024-04-08) target=(,) start=-1:5 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=0 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow;
SELECT 'v1 period=[2024-04-01,2024-04-08) target=(,) start=1:5 new=0 pulled_in=0 added=0 increased=0 decreased=1:-1 pushed_out=0 removed=0 won=0 lost=0 end=1:6 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow;
SELECT 'v1 period=[2024-04-01,2024-04-08) target=(,) start=1:5 new=0 pulled_in=0 added=0 increased=1:1 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=1:6 unchanged=1 unvalued_start=0 unvalued_end=0'::pipeline_flow;
SELECT 'v1 period=[2024-04-01,2024-04-08) target=(,) start=1:5 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=2:5 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow;
SELECT 'v1 period=[2024-04-01,2024-04-08) target=(,) start=1:5 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=1:6 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow;
SELECT 'v1 period=[2024-04-08,2024-04-08) target=(,) start=0 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=0 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow;
SELECT 'v1 period=[2024-04-01,2024-04-08) target=[2024-05-01,2024-05-01) start=0 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=0 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow;
SELECT 'v1 period=[2024-04-01,infinity) target=(,) start=0 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=0 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow;
SELECT 'v1 period=[2024-04-01,2024-04-08) target=(,) start=0 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=0 unchanged=0 unvalued_start=0'::pipeline_flow;
SELECT 'v2 period=[2024-04-01,2024-04-08) target=(,) start=0 new=0 pulled_in=0 added=0 increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=0 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow;
-- NaN amounts are outside the amount identity (as in sum()), counts are not
SELECT 'v1 period=[2024-04-01,2024-04-08) target=(,) start=1:NaN new=0 pulled_in=0 added=0 increased=1:NaN decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=1:100 unchanged=0 unvalued_start=0 unvalued_end=0'::pipeline_flow IS NOT NULL AS nan_accepted;

-- 10. pipeline_coverage (section 8), of amounts, of a waterfall, of a deal_summary
SELECT pipeline_coverage(300000, 200000, 50000) AS remaining, pipeline_coverage(300000, 200000) AS full_quota,
       pipeline_coverage(90000, 200000, 50000) AS weighted, pipeline_coverage(300000, 200000, 200000) AS quota_met,
       pipeline_coverage(-1000, 200000) AS negative_pipeline, pipeline_coverage(NULL, 200000) AS null_pipeline,
       pipeline_coverage(300000, 0) AS zero_quota;
SELECT pipeline_coverage(f, 200000) AS flow_coverage, pipeline_coverage(f, 47000) AS flow_quota_met FROM flow_q2;
SELECT pipeline_coverage(deal_summary(won, amount, NULL::float8, NULL::date, NULL::date), 200000) AS summary_coverage
FROM (VALUES (NULL::boolean, 300000::numeric), (true, 50000), (false, 70000)) v(won, amount);
SELECT pipeline_coverage(1000, -1);
SELECT pipeline_coverage(1000, 'NaN');

DROP TABLE flow_fixture, flow_q2, flow_edge, flow_random, flow_plain, flow_results, flow_store, flow_restored, flow_one;
