-- The transition state of attainment() and rollup(attainment) (0.7.0,
-- issue 15): an expanded object that PostgreSQL flattens whenever it needs
-- the stored form.  Every way a state reaches a flat form is exercised here:
-- the final function called again and again by a window, a hash aggregate
-- that spills to disk, parallel workers handing their states to the leader,
-- and direct calls of the transition functions.  Rows include NaN achieved
-- amounts (a NaN ratio), 40-digit achieved amounts (a wide ratio and a
-- spilled total) and ramping reps (quota 0), the rows that took the old
-- slow path.
--
-- How checked: every figure is compared with the same figure computed by
-- core's own aggregates in the same query (sum(numeric), count(*) FILTER),
-- which share no code with salesops; the direct-call texts were written by
-- hand from the format in doc/quota-attainment.md (reps, zero_quotas, the
-- two totals, the ratios in lowest terms, NaN last).
CREATE TABLE st_rows AS
SELECT g,
       CASE WHEN g % 97 = 0 THEN 'NaN'::numeric
            WHEN g % 89 = 0 THEN 1e39::numeric + g
            ELSE (g % 991)::numeric / 100 END AS achieved,
       CASE WHEN g % 53 = 0 THEN 0::numeric ELSE (1 + g % 17)::numeric END AS quota
FROM generate_series(1, 40000) g;

-- 1. A running window: the final function flattens the same state at every
--    row; each frame's totals and counts equal core's running aggregates.
SELECT count(*) AS frames,
       count(*) FILTER (WHERE reps(s) IS DISTINCT FROM rated) AS reps_differ,
       count(*) FILTER (WHERE zero_quotas(s) IS DISTINCT FROM ramping) AS zero_quotas_differ,
       count(*) FILTER (WHERE total_achieved(s) IS DISTINCT FROM achieved_sum) AS achieved_differ,
       count(*) FILTER (WHERE total_quota(s) IS DISTINCT FROM quota_sum) AS quota_differ
FROM (SELECT attainment(achieved, quota) OVER w AS s,
             count(*) FILTER (WHERE quota > 0) OVER w AS rated,
             count(*) FILTER (WHERE quota = 0) OVER w AS ramping,
             sum(achieved) OVER w AS achieved_sum,
             sum(quota) OVER w AS quota_sum
      FROM st_rows WHERE g <= 3000
      WINDOW w AS (ORDER BY g ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) t;

-- 2. A sliding frame (no inverse function: each frame is summed again).
SELECT count(*) AS frames,
       count(*) FILTER (WHERE total_achieved(s) IS DISTINCT FROM achieved_sum
                           OR reps(s) IS DISTINCT FROM rated
                           OR reps_at_quota(s) IS DISTINCT FROM at_quota) AS frames_differ
FROM (SELECT attainment(achieved, quota) OVER w AS s,
             sum(achieved) OVER w AS achieved_sum,
             count(*) FILTER (WHERE quota > 0) OVER w AS rated,
             count(*) FILTER (WHERE quota > 0 AND (achieved >= quota OR achieved = 'NaN')) OVER w AS at_quota
      FROM st_rows WHERE g <= 3000
      WINDOW w AS (ORDER BY g ROWS BETWEEN 40 PRECEDING AND CURRENT ROW)) t;

-- 3. A hash aggregate over more groups than work_mem holds: it spills to
--    disk and reads its partial states back.  Every group agrees with core.
SET work_mem = '64kB';
SET enable_sort = off;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE reps(s) <> rated OR total_achieved(s) IS DISTINCT FROM achieved_sum
                           OR total_quota(s) <> quota_sum OR zero_quotas(s) <> ramping
                           OR reps_at_quota(s) <> at_quota) AS groups_differ
FROM (SELECT g % 4000 AS k, attainment(achieved, quota) AS s,
             count(*) FILTER (WHERE quota > 0) AS rated,
             count(*) FILTER (WHERE quota = 0) AS ramping,
             sum(achieved) AS achieved_sum, sum(quota) AS quota_sum,
             count(*) FILTER (WHERE quota > 0 AND (achieved >= quota OR achieved = 'NaN')) AS at_quota
      FROM st_rows GROUP BY 1) t;
RESET work_mem;
RESET enable_sort;

-- 4. rollup() of the per-group summaries, serial and with two workers
--    (their states reach the leader flat): the same value, equal to
--    attainment() over all rows, and its totals equal core's.
CREATE TABLE st_teams AS SELECT g % 25 AS team, attainment(achieved, quota) AS s FROM st_rows GROUP BY 1;
SELECT rollup(s) = (SELECT attainment(achieved, quota) FROM st_rows) AS rollup_equals_raw,
       total_achieved(rollup(s)) IS NOT DISTINCT FROM (SELECT sum(achieved) FROM st_rows) AS achieved_matches,
       reps(rollup(s)) = (SELECT count(*) FROM st_rows WHERE quota > 0) AS reps_match
FROM st_teams;
CREATE TABLE st_serial AS SELECT attainment(achieved, quota) AS s FROM st_rows;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT attainment(achieved, quota) FROM st_rows;
SELECT attainment(achieved, quota) = (SELECT s FROM st_serial) AS parallel_equals_serial,
       attainment(achieved, quota)::text = (SELECT s::text FROM st_serial) AS same_text
FROM st_rows;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

-- 5. Direct calls: the transition functions return a state that every
--    function reads like a stored summary.
SELECT attainment_trans(attainment_trans(attainment_trans(NULL, 30, 60), 'NaN'::numeric, 4), 5, 0)::text AS by_hand;
SELECT attainment_final(attainment_trans(NULL, 45, 30)) = attainment_trans(NULL, 45, 30) AS final_equals_state,
       attainment_combine(attainment_trans(NULL, 45, 30), attainment_trans(NULL, 10, 40))::text AS combined;

DROP TABLE st_rows, st_teams, st_serial;
