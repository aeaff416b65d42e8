-- stage_conversion, stage_funnel, stage_time: the stage funnel and time in
-- stage (kpi-definitions.md sections 9 and 14).
--
-- How the expected values were checked:
--  - section 9's example (4 advanced, 3 dropped, 3 still in the stage):
--    4/7 = 0.5714285714285714 (Python: 4/7);
--  - section 14's worked example (ten deals D1-D10, four stages), worked by
--    hand there and by funnel_check.py: reached 10, 8, 7, 4; advanced 8, 7,
--    4, 3; dropped 1, 1, 2, 1; open 1, 0, 1, 0; conversion 8/9 =
--    0.8888888888888888, 0.875, 2/3 = 0.6666666666666666, 0.75; pass rate
--    0.8, 0.875, 4/7 = 0.5714285714285714, 0.75 (they multiply to 3/10);
--    time in stage: stays 7, 5, 6, 3, running 1, 1, 0, 0, mean 30/7 =
--    4.285714285714286, 8, 43/3 = 14.333333333333334, 17, median 4, 7, 12,
--    19, p90 7.2, 11.2, 25, 20.6 (exact interpolation: rank 0.9 x 6 = 5.4
--    between 6 and 9 days is 7.2; percentile_cont prints 7.200000000000001);
--    the per-visit variant for stage 3: mean 86/7 = 12.285714285714286,
--    median 9;
--  - each edge case of section 14's table is one row whose expected counts
--    are written beside it by hand;
--  - 100,000 random deals in 8 teams are compared stage by stage with plain
--    SQL (count FILTER over the highest stage, percentile_cont, avg, and the
--    exact 90th percentile in numeric), serially, with two parallel
--    workers, and as the rollup of per-team summaries, which must be equal
--    bit for bit (text form).

SET client_min_messages = warning;

-- 1. stage_conversion(advanced boolean): section 9
SELECT stage_conversion(a) AS conversion, win_rate(a) AS same_as_win_rate
FROM (VALUES (true), (true), (true), (true), (false), (false), (false), (NULL), (NULL), (NULL)) v(a);
SELECT stage_conversion(a) IS NULL AS no_decided_deal FROM (VALUES (NULL::boolean), (NULL)) v(a);

-- 2. section 14's worked example
CREATE TABLE funnel_deal (deal text, team text, highest_stage int, won boolean);
INSERT INTO funnel_deal VALUES ('D1','A',4,true),('D2','A',3,false),('D3','A',2,false),('D4','A',3,NULL),
 ('D5','A',1,false),('D6','B',4,true),('D7','B',4,false),('D8','B',1,NULL),('D9','B',NULL,true),('D10','B',3,false);
SELECT stage_funnel(highest_stage, won, 4) FROM funnel_deal;
SELECT * FROM stage_funnel_table((SELECT stage_funnel(highest_stage, won, 4) FROM funnel_deal));
-- the pass rates multiply to won / reached(1) = 3/10
SELECT round(exp(sum(ln(pass_rate)))::numeric, 12) AS product_of_pass_rates
FROM stage_funnel_table((SELECT stage_funnel(highest_stage, won, 4) FROM funnel_deal));
-- teams rolled up: the same funnel
SELECT rollup(f) = (SELECT stage_funnel(highest_stage, won, 4) FROM funnel_deal) AS rollup_equal, rollup(f)
FROM (SELECT team, stage_funnel(highest_stage, won, 4) AS f FROM funnel_deal GROUP BY team) t;
SELECT funnel_stages(stage_funnel(highest_stage, won, 4)) FROM funnel_deal;

CREATE TABLE funnel_stay (stage int, deal text, days int);   -- cumulative per deal and stage; NULL = running
INSERT INTO funnel_stay VALUES (1,'D1',3),(1,'D2',6),(1,'D3',2),(1,'D4',4),(1,'D5',9),(1,'D7',5),(1,'D8',NULL),(1,'D10',1),
 (2,'D1',10),(2,'D3',5),(2,'D4',NULL),(2,'D6',7),(2,'D7',6),(2,'D10',12),
 (3,'D1',14),(3,'D2',20),(3,'D4',9),(3,'D6',3),(3,'D7',10),(3,'D10',30),
 (4,'D1',21),(4,'D6',11),(4,'D7',19);
SELECT stage_time(stage, days, 4) FROM funnel_stay;
SELECT * FROM stage_time_table((SELECT stage_time(stage, days, 4) FROM funnel_stay));
SELECT time_in_stage_percentile(t, 1, 0) AS p0, time_in_stage_percentile(t, 1, 1) AS p100,
       time_in_stage_percentile(t, 3, 0.25) AS p25_stage3
FROM (SELECT stage_time(stage, days, 4) AS t FROM funnel_stay) x;
-- per visit: D7's Proposal stays 8 and 2 as two rows
SELECT time_in_stage_avg(t, 3) AS mean, time_in_stage_median(t, 3) AS median, stage_stays(t, 3) AS stays
FROM (SELECT stage_time(stage, days, 4) AS t
      FROM (SELECT stage, days FROM funnel_stay WHERE NOT (stage = 3 AND deal = 'D7')
            UNION ALL VALUES (3, 8), (3, 2)) v) x;
-- bigint days (sum() of date differences): the same summary
SELECT stage_time(stage, days::bigint, 4) = stage_time(stage, days, 4) AS bigint_days_equal FROM funnel_stay;
-- rollup of per-deal summaries: the same summary
SELECT rollup(t) = (SELECT stage_time(stage, days, 4) FROM funnel_stay) AS rollup_equal
FROM (SELECT deal, stage_time(stage, days, 4) AS t FROM funnel_stay GROUP BY deal) x;

-- 3. edge cases (section 14's table), expected counts written by hand
-- skipped stage 2 (highest 3, lost): reached 1..3, dropped at 3
SELECT stage_reached(f, 2) AS reached_2, stage_dropped(f, 3) AS dropped_3, stage_advanced(f, 2) AS advanced_2
FROM (SELECT stage_funnel(3, false, 4) AS f) x;                          -- expect 1, 1, 1
-- won with no stage history: reached and advanced every stage
SELECT stage_reached(f, 1) AS r1, stage_reached(f, 4) AS r4, stage_advanced(f, 4) AS a4
FROM (SELECT stage_funnel(NULL, true, 4) AS f) x;                         -- expect 1, 1, 1
-- not won, no stage: skipped; every row skipped gives NULL, as empty input does
SELECT stage_funnel(NULL, false, 4) IS NULL AS lost_skipped, stage_funnel(NULL, NULL, 4) IS NULL AS open_skipped;
SELECT stage_funnel(h, w, 4) IS NULL AS empty FROM (SELECT 1 AS h, true AS w WHERE false) x;
-- a skipped row among counted ones changes nothing
SELECT stage_funnel(h, w, 3) FROM (VALUES (2, NULL::boolean), (NULL, false), (NULL, NULL)) v(h, w);
-- nothing decided at a stage: conversion NULL; nothing reached: pass rate NULL
SELECT stage_conversion(f, 1) IS NULL AS conv_null, stage_pass_rate(f, 1) AS pass_rate_1,
       stage_conversion(f, 2) IS NULL AS conv2_null, stage_pass_rate(f, 2) IS NULL AS pass2_null
FROM (SELECT stage_funnel(1, NULL, 2) AS f) x;                            -- expect t, 0, t, t
-- accessor with a NULL stage: NULL (strict)
SELECT stage_reached(stage_funnel(1, true, 2), NULL) IS NULL AS null_stage;
-- time in stage: NULL stage skipped, NULL days running, no finished stay
SELECT stage_stays(t, 1) AS stays_1, stage_in_progress(t, 1) AS running_1, time_in_stage_avg(t, 1) IS NULL AS avg_null,
       time_in_stage_median(t, 1) IS NULL AS median_null, time_in_stage_percentile(t, 1, 0.9) IS NULL AS p90_null,
       stage_stays(t, 2) AS stays_2
FROM (SELECT stage_time(s, d, 2) AS t FROM (VALUES (1, NULL::int), (NULL, 5), (2, 0)) v(s, d)) x;  -- expect 0, 1, t, t, t, 1
SELECT stage_time(s, d, 2) IS NULL AS all_skipped FROM (VALUES (NULL::int, 3)) v(s, d);

-- the errors
SELECT stage_funnel(5, false, 4);
SELECT stage_funnel(0, NULL, 4);
SELECT stage_funnel(1, true, NULL);
SELECT stage_funnel(1, true, 0);
SELECT stage_funnel(1, true, 256);
SELECT stage_funnel(1, true, n) FROM (VALUES (4), (5)) v(n);
SELECT stage_funnel(NULL, false, n) FROM (VALUES (4), (NULL)) v(n);
SELECT rollup(f) FROM (SELECT stage_funnel(1, true, 4) UNION ALL SELECT stage_funnel(1, true, 5)) v(f);
SELECT stage_reached(stage_funnel(1, true, 4), 5);
SELECT stage_conversion(stage_funnel(1, true, 4), 0);
SELECT stage_time(5, 1, 4);
SELECT stage_time(1, -1, 4);
SELECT stage_time(2, -3::bigint, 4);
SELECT stage_time(1, 2147483494::bigint, 4);
SELECT stage_stays(stage_time(1, 2147483493::bigint, 4), 1) AS longest_span_counts;
SELECT stage_time(1, 1, NULL);
SELECT stage_time(s, 1, n) FROM (VALUES (1, 4), (1, 3)) v(s, n);
SELECT rollup(t) FROM (SELECT stage_time(1, 1, 4) UNION ALL SELECT stage_time(1, 1, 3)) v(t);
SELECT time_in_stage_percentile(stage_time(1, 1, 4), 1, 1.5);
SELECT time_in_stage_percentile(stage_time(1, 1, 4), 1, 'NaN');
SELECT time_in_stage_avg(stage_time(1, 1, 4), 9);

-- 4. 100,000 random deals in 8 teams against plain SQL
CREATE TABLE funnel_random AS
SELECT id, 'team ' || (id % 8) AS team,
       CASE WHEN h % 11 = 0 THEN NULL ELSE 1 + h % 5 END AS highest_stage,
       CASE WHEN (h >> 4) % 3 = 0 THEN NULL WHEN (h >> 4) % 3 = 1 THEN true ELSE false END AS won
FROM (SELECT id, abs(hashint4(id)) AS h FROM generate_series(1, 100000) id) g;
CREATE TABLE funnel_random_stay AS
SELECT id, 'team ' || (id % 8) AS team, 1 + k AS stage,
       CASE WHEN (h >> k) % 13 = 0 THEN NULL
            ELSE ((h >> (3 * k)) % 97) * ((h >> 9) % 3 + 1) END::int AS days
FROM (SELECT id, abs(hashint4(id + 7)) AS h FROM generate_series(1, 100000) id) g,
     generate_series(0, 4) k
WHERE (h >> (k + 20)) % 4 <> 0;
ANALYZE funnel_random;
ANALYZE funnel_random_stay;

-- the funnel, every team and stage, against count FILTER
SELECT count(*) AS team_stages,
       count(*) FILTER (WHERE o.reached = p.reached AND o.advanced = p.advanced AND o.dropped = p.dropped
                        AND o.open = p.open AND o.conversion IS NOT DISTINCT FROM p.conversion
                        AND o.pass_rate IS NOT DISTINCT FROM p.pass_rate) AS equal
FROM (SELECT team, (stage_funnel_table(stage_funnel(highest_stage, won, 5))).* FROM funnel_random GROUP BY team) o
JOIN (SELECT team, k AS stage,
             count(*) FILTER (WHERE won OR highest_stage >= k) AS reached,
             count(*) FILTER (WHERE won OR highest_stage > k) AS advanced,
             count(*) FILTER (WHERE NOT won AND highest_stage = k) AS dropped,
             count(*) FILTER (WHERE won IS NULL AND highest_stage = k) AS open,
             count(*) FILTER (WHERE won OR highest_stage > k)::float8
               / nullif(count(*) FILTER (WHERE won OR highest_stage > k OR (NOT won AND highest_stage = k)), 0) AS conversion,
             count(*) FILTER (WHERE won OR highest_stage > k)::float8
               / nullif(count(*) FILTER (WHERE won OR highest_stage >= k), 0) AS pass_rate
      FROM funnel_random CROSS JOIN generate_series(1, 5) k GROUP BY team, k) p USING (team, stage);

-- time in stage, every team and stage, against count, avg, percentile_cont
-- and the exact 90th percentile (numeric, from the float8 0.9's exact value)
SELECT count(*) AS team_stages,
       count(*) FILTER (WHERE o.stays = p.stays AND o.in_progress = p.in_progress
                        AND o.avg_days IS NOT DISTINCT FROM p.avg_days
                        AND o.median_days IS NOT DISTINCT FROM p.median_days
                        AND o.p90_days IS NOT DISTINCT FROM p.p90_days) AS equal
FROM (SELECT team, (stage_time_table(stage_time(stage, days, 5))).* FROM funnel_random_stay GROUP BY team) o
JOIN (SELECT team, stage, stays, in_progress, avg_days, median_days,
             (sorted[floor(r)::int + 1] + (sorted[least(floor(r)::int + 2, stays::int)] - sorted[floor(r)::int + 1])
              * (r - floor(r)))::float8 AS p90_days
      FROM (SELECT team, stage, count(days) AS stays, count(*) - count(days) AS in_progress,
                   avg(days)::float8 AS avg_days,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
                   array_agg(days ORDER BY days) FILTER (WHERE days IS NOT NULL) AS sorted,
                   '0.90000000000000002220446049250313080847263336181640625'::numeric * (count(days) - 1) AS r
            FROM funnel_random_stay GROUP BY team, stage) s) p USING (team, stage);

-- serial, parallel, rollup of teams (serial and parallel), any input order: one summary
CREATE TABLE funnel_results (plan text, f stage_funnel, t stage_time);
INSERT INTO funnel_results
SELECT 'serial', (SELECT stage_funnel(highest_stage, won, 5) FROM funnel_random),
       (SELECT stage_time(stage, days, 5) FROM funnel_random_stay);
INSERT INTO funnel_results
SELECT 'descending input', (SELECT stage_funnel(highest_stage, won, 5 ORDER BY id DESC) FROM funnel_random),
       (SELECT stage_time(stage, days, 5 ORDER BY days DESC, id) FROM funnel_random_stay);
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT stage_time(stage, days, 5) FROM funnel_random_stay;
INSERT INTO funnel_results
SELECT 'parallel', (SELECT stage_funnel(highest_stage, won, 5) FROM funnel_random),
       (SELECT stage_time(stage, days, 5) FROM funnel_random_stay);
INSERT INTO funnel_results
SELECT 'rollup of teams, parallel',
       (SELECT rollup(f) FROM (SELECT team, stage_funnel(highest_stage, won, 5) AS f FROM funnel_random GROUP BY team) x),
       (SELECT rollup(t) FROM (SELECT team, stage_time(stage, days, 5) AS t FROM funnel_random_stay GROUP BY team) x);
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
INSERT INTO funnel_results
SELECT 'rollup of teams, serial',
       (SELECT rollup(f) FROM (SELECT team, stage_funnel(highest_stage, won, 5) AS f FROM funnel_random GROUP BY team) x),
       (SELECT rollup(t) FROM (SELECT team, stage_time(stage, days, 5) AS t FROM funnel_random_stay GROUP BY team) x);
SELECT count(*) AS plans, count(DISTINCT f::text) AS distinct_funnels, count(DISTINCT t::text) AS distinct_times,
       bool_and(f = (SELECT f FROM funnel_results WHERE plan = 'serial')) AS funnels_equal,
       bool_and(t = (SELECT t FROM funnel_results WHERE plan = 'serial')) AS times_equal
FROM funnel_results;

-- stage_conversion(boolean): a moving window's inverse against recomputing each frame
SELECT count(*) AS frames, count(*) FILTER (WHERE ours IS NOT DISTINCT FROM plain) AS equal
FROM (SELECT stage_conversion(won) OVER w AS ours,
             (count(*) FILTER (WHERE won) OVER w)::float8 / nullif(count(won) OVER w, 0) AS plain
      FROM funnel_random WHERE id <= 2000
      WINDOW w AS (ORDER BY id ROWS BETWEEN 49 PRECEDING AND CURRENT ROW)) x;

-- 5. text and binary forms
SELECT f::text::stage_funnel = f AS funnel_text, t::text::stage_time = t AS time_text,
       f::text = f::text::stage_funnel::text AS funnel_text_stable, t::text = t::text::stage_time::text AS time_text_stable
FROM funnel_results WHERE plan = 'serial';
COPY funnel_results TO '/tmp/salesops_funnel_results.bin' (FORMAT binary);
CREATE TABLE funnel_restored (LIKE funnel_results);
COPY funnel_restored FROM '/tmp/salesops_funnel_results.bin' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE r.f = o.f AND r.t = o.t AND r.f::text = o.f::text AND r.t::text = o.t::text) AS equal
FROM funnel_restored r JOIN funnel_results o USING (plan);
-- empty histograms and the largest day count
SELECT 'v1 stages=2 in_progress={0,3} days={}'::stage_time,
       'v1 stages=1 in_progress={0} days={1:{0:2,2147483493:1}}'::stage_time,
       'v1 stages=1 won=0 open={0} lost={0}'::stage_funnel;
SELECT time_in_stage_avg('v1 stages=1 in_progress={0} days={1:{0:2,2147483493:1}}'::stage_time, 1) AS mean;
-- found by fuzzing: a rollup whose stage passes 2^63 - 1 stays is refused
-- (each bin alone fits); the mean of ~7e18 stays of 31 days is 31, not
-- 31.000000000000004 (sum and count rounded to float8 before dividing)
SELECT stage_stays(rollup(t), 1)
FROM (SELECT 'v1 stages=1 in_progress={0} days={1:{0:2305843009213693952,1:2305843009213693952,2:2305843009213693952}}'::stage_time
      FROM generate_series(1, 2)) v(t);
SELECT time_in_stage_avg('v1 stages=1 in_progress={0} days={1:{31:7000000000000000000}}'::stage_time, 1) AS mean;
-- refused: each breaks one rule
SELECT 'v1 stages=0 won=0 open={} lost={}'::stage_funnel;
SELECT 'v1 stages=2 won=0 open={1} lost={0,0}'::stage_funnel;
SELECT 'v1 stages=2 won=-1 open={0,0} lost={0,0}'::stage_funnel;
SELECT 'v1 stages=2 won=9223372036854775807 open={1,0} lost={0,0}'::stage_funnel;
SELECT 'v1 stages=2 won=0 open={0,0} lost={0,0} extra=1'::stage_funnel;
SELECT 'v2 stages=2 won=0 open={0,0} lost={0,0}'::stage_funnel;
SELECT 'v1 stages=2 in_progress={0,0} days={3:{1:1}}'::stage_time;
SELECT 'v1 stages=2 in_progress={0,0} days={1:{5:1,4:1}}'::stage_time;
SELECT 'v1 stages=2 in_progress={0,0} days={2:{1:1},1:{1:1}}'::stage_time;
SELECT 'v1 stages=2 in_progress={0,0} days={1:{1:0}}'::stage_time;
SELECT 'v1 stages=2 in_progress={0,-1} days={}'::stage_time;
SELECT 'v1 stages=1 in_progress={0} days={1:{2147483494:1}}'::stage_time;
SELECT 'v1 stages=2 in_progress={0,0} days={1:{}}'::stage_time;
SELECT 'v1 stages=2 in_progress={0,0} days={1:{1:1},}'::stage_time;
SELECT 'v1 stages=1 in_progress={0} days={1:{1:9223372036854775807,2:1}}'::stage_time;
-- binary: a truncated value and a future version are 22P03
CREATE FUNCTION pg_temp.binary_copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
    SELECT '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
           || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea
$$;
CREATE TABLE funnel_one (t stage_time);
SELECT lo_from_bytea(4245101, pg_temp.binary_copy_file(substr(stage_time_send(t), 1, length(stage_time_send(t)) - 4))) AS lo
FROM funnel_results WHERE plan = 'serial';
SELECT lo_export(4245101, '/tmp/salesops_funnel_truncated.bin');
SELECT lo_from_bytea(4245102, pg_temp.binary_copy_file(set_byte(stage_time_send(t), 0, 7))) AS lo
FROM funnel_results WHERE plan = 'serial';
SELECT lo_export(4245102, '/tmp/salesops_funnel_future.bin');
\set SHOW_CONTEXT never
COPY funnel_one FROM '/tmp/salesops_funnel_truncated.bin' (FORMAT binary);
COPY funnel_one FROM '/tmp/salesops_funnel_future.bin' (FORMAT binary);
\set SHOW_CONTEXT errors
SELECT lo_unlink(4245101), lo_unlink(4245102);

DROP TABLE funnel_deal, funnel_stay, funnel_random, funnel_random_stay, funnel_results, funnel_restored, funnel_one;
