-- Part (b) of test/valgrind.sh: every salesops aggregate over many groups,
-- under serial and parallel, hashed and sorted plans (and a hash aggregate
-- that spills to disk), with the inputs that reach every code path:
--   * ordinary money (numeric scale 2): the scaled-int64 fast path;
--   * 123456789012345678901234.5 and a 1e-27 probability (wider than 18
--     digits): numeric_mul / numeric_add and the 'spill' numeric;
--   * 18-decimal amounts and probabilities (terms at scale 36) mixed with
--     scale-2 amounts: the int128 total is flushed into the spill;
--   * 9999999999999999.99 * 0.999999999999999999: terms near 10^36 units;
--   * numeric NaN and +/-Infinity, float8 NaN and Infinity, NULLs;
--   * float8 probabilities that hit the per-call-site cache and ones that
--     cannot be cached (1e-25 casts to a numeric wider than 18 digits).
-- Then compares the plans' results (so a state corrupted by a memory error
-- shows up as a wrong answer too) and weighted_pipeline(numeric, numeric)
-- with the plain SQL formula; attainment_by_rep over deal and quota rows of
-- 2,000 groups (hashed, spilled, parallel) against attainment() over the
-- pre-aggregated join; stage_funnel, stage_time and lead_summary per group
-- under hashed, spilled and parallel plans, and rolled up; rep_attainment
-- per group (hashed, spilled, parallel) against core sum() per rep and
-- attainment_by_rep, and rolled up (serial, parallel, spilled) against the
-- whole.  Variables: rows, groups.
\set ON_ERROR_STOP 1
\pset footer off

SET jit = off;
SET work_mem = '64MB';

DROP TABLE IF EXISTS vg_deals;
CREATE TABLE vg_deals AS
SELECT d.*,
       CASE WHEN i % 37 = 0 THEN 'NaN'::float8
            WHEN i % 7919 = 0 THEN 'Infinity'::float8
            ELSE amount::float8 END AS amount8,
       CASE WHEN i % 41 = 0 THEN 1e-25::float8
            WHEN i % 31 = 0 THEN 1 / 3.0::float8
            ELSE probability::float8 END AS probability8
FROM (SELECT i,
             i % :groups AS grp,
             i % 997 AS team,
             CASE hashint4(i) % 3 WHEN 0 THEN true WHEN 1 THEN false END AS won,
             CASE WHEN i % 101 = 0 THEN NULL
                  WHEN i % 89 = 0 THEN 'NaN'::numeric
                  WHEN i % 83 = 0 THEN 123456789012345678901234.5
                  WHEN i % 79 = 0 THEN -123456789012345678901234.5
                  WHEN i % 67 = 0 THEN 0.123456789012345678
                  WHEN i % 61 = 0 THEN 9999999999999999.99
                  WHEN i % 59 = 0 THEN -(i / 10.0)
                  WHEN i % 7907 = 0 THEN 'Infinity'::numeric
                  WHEN i % 7901 = 0 THEN '-Infinity'::numeric
                  ELSE round(((hashint4(i * 5) & 65535) * 7.31)::numeric, 2) END AS amount,
             CASE WHEN i % 53 = 0 THEN NULL
                  WHEN i % 47 = 0 THEN 0.999999999999999999
                  WHEN i % 43 = 0 THEN 0.000000000000000000000000001
                  ELSE round(((hashint4(i * 11) & 1023) % 21) / 20.0, 2) END AS probability
      FROM generate_series(1, :rows) i) d;
VACUUM ANALYZE vg_deals;

SELECT count(*) AS rows, count(DISTINCT grp) AS groups,
       count(*) FILTER (WHERE amount = 'NaN') AS numeric_nan,
       count(*) FILTER (WHERE abs(amount) > 1e18 AND amount <> 'NaN' AND NOT amount IN ('Infinity', '-Infinity')) AS wide_amounts,
       count(*) FILTER (WHERE amount8 = 'NaN') AS float8_nan
FROM vg_deals;

-- Every aggregate, every signature, in one query.  image_ok compares the
-- datum images of the results (record_image_eq: memcmp of every byte), so an
-- uninitialised byte in a returned value is reported right here, and not
-- only when it reaches a disk write (where WAL noise is suppressed).
CREATE VIEW vg_all AS
SELECT v.*, v *= v AS image_ok
FROM (
SELECT grp,
       weighted_pipeline(amount, probability)              AS wp_nn,
       weighted_pipeline(amount, probability8)             AS wp_nf,
       weighted_pipeline(amount8, probability8)            AS wp_ff,
       weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS wp_open,
       win_rate(won)                                       AS wr,
       value_win_rate(won, amount)                         AS vwr_n,
       value_win_rate(won, amount8)                        AS vwr_f,
       -- float8 sums of +/-1.2e23 and ordinary amounts cancel, so their
       -- result depends on the row order: such groups skip the float8 compare
       bool_or(abs(amount8) BETWEEN 1e18 AND 1e300)        AS order_dependent
FROM vg_deals GROUP BY grp) v;

-- plan_check(label, statement, must-match...): runs the statement under
-- EXPLAIN ANALYZE (a CREATE TABLE AS is executed: one pass gives both the
-- plan and the results) and fails unless every pattern matches the plan,
-- so each step really uses the plan shape it claims to test.
CREATE FUNCTION pg_temp.plan_check(label text, q text, VARIADIC patterns text[])
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    plan text := '';
    line text;
    p text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
        plan := plan || line || E'\n';
    END LOOP;
    FOREACH p IN ARRAY patterns LOOP
        IF plan !~ p THEN
            RAISE EXCEPTION 'plan for % lacks /%/:%', label, p, E'\n' || plan;
        END IF;
    END LOOP;
    RETURN label || ': ' || array_to_string(patterns, ', ');
END $$;

\echo '--- serial HashAggregate'
SET max_parallel_workers_per_gather = 0;
SET enable_sort = off;
SELECT pg_temp.plan_check('serial hash', 'CREATE TEMP TABLE r_serial_hash AS SELECT * FROM vg_all',
                          'HashAggregate', 'Batches: 1 ');

\echo '--- serial HashAggregate spilling to disk (work_mem 256kB)'
SET work_mem = '256kB';
SET hash_mem_multiplier = 1;
SELECT pg_temp.plan_check('serial hash, spilled', 'CREATE TEMP TABLE r_serial_spill AS SELECT * FROM vg_all',
                          'HashAggregate', 'Batches: ([2-9]|[1-9][0-9]+) ');
RESET hash_mem_multiplier;
SET work_mem = '64MB';
RESET enable_sort;

\echo '--- serial GroupAggregate'
SET enable_hashagg = off;
SELECT pg_temp.plan_check('serial sort', 'CREATE TEMP TABLE r_serial_sort AS SELECT * FROM vg_all',
                          'GroupAggregate');
RESET enable_hashagg;

-- Partial aggregation only pays off with several rows per group, so the
-- planner never picks a Partial HashAggregate for 4 rows per group: the
-- hashed parallel plan groups by team (997 groups of ~200 rows); the sorted
-- one keeps the 50,000 groups.
\echo '--- serial HashAggregate by team (reference for the parallel hashed plan)'
CREATE VIEW vg_team AS
SELECT v.*, v *= v AS image_ok
FROM (
SELECT team,
       weighted_pipeline(amount, probability)              AS wp_nn,
       weighted_pipeline(amount, probability8)             AS wp_nf,
       weighted_pipeline(amount8, probability8)            AS wp_ff,
       weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS wp_open,
       win_rate(won)                                       AS wr,
       value_win_rate(won, amount)                         AS vwr_n,
       value_win_rate(won, amount8)                        AS vwr_f,
       bool_or(abs(amount8) BETWEEN 1e18 AND 1e300)        AS order_dependent
FROM vg_deals GROUP BY team) v;
CREATE TEMP TABLE r_team_serial AS SELECT * FROM vg_team;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0.01;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;

\echo '--- parallel: Partial HashAggregate by team in 2 workers (states serialized, combined into a hash table)'
SET enable_sort = off;
SELECT pg_temp.plan_check('parallel hash', 'CREATE TEMP TABLE r_team_parallel AS SELECT * FROM vg_team',
                          'Partial HashAggregate', 'Finalize HashAggregate', 'Workers Launched: 2');
RESET enable_sort;

\echo '--- parallel: Partial GroupAggregate over the 50,000 groups in 2 workers'
SET enable_hashagg = off;
SELECT pg_temp.plan_check('parallel sort', 'CREATE TEMP TABLE r_parallel_sort AS SELECT * FROM vg_all',
                          'Partial GroupAggregate', 'Finalize GroupAggregate', 'Workers Launched: 2');
RESET enable_hashagg;

\echo '--- ungrouped, serial and parallel (every total passes 10^37 units: spill, serialize, combine)'
SELECT pg_temp.plan_check('parallel plain', $q$
CREATE TEMP TABLE r_total_parallel AS
SELECT weighted_pipeline(amount, probability) AS wp_nn, weighted_pipeline(amount, probability8) AS wp_nf,
       weighted_pipeline(amount8, probability8) AS wp_ff,
       win_rate(won) AS wr, value_win_rate(won, amount) AS vwr_n, value_win_rate(won, amount8) AS vwr_f
FROM vg_deals WHERE amount NOT IN ('NaN', 'Infinity', '-Infinity')$q$,
                          'Partial Aggregate', 'Workers Launched: 2');
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE r_total_serial AS
SELECT weighted_pipeline(amount, probability) AS wp_nn, weighted_pipeline(amount, probability8) AS wp_nf,
       weighted_pipeline(amount8, probability8) AS wp_ff,
       win_rate(won) AS wr, value_win_rate(won, amount) AS vwr_n, value_win_rate(won, amount8) AS vwr_f
FROM vg_deals WHERE amount NOT IN ('NaN', 'Infinity', '-Infinity');

CREATE TEMP TABLE vg_checks (check_name text, groups bigint, mismatches bigint);

\echo '--- moving window: win_rate with its inverse transition, against count() ratios'
INSERT INTO vg_checks
SELECT 'moving window win_rate', count(*), count(*) FILTER (WHERE a IS DISTINCT FROM b)
FROM (SELECT win_rate(won) OVER w AS a,
             (count(*) FILTER (WHERE won) OVER w)::float8 / nullif(count(won) OVER w, 0) AS b
      FROM vg_deals WHERE i <= 20000
      WINDOW w AS (PARTITION BY i % 7 ORDER BY i ROWS 19 PRECEDING)) x;

\echo '--- results agree across plans'
CREATE FUNCTION pg_temp.float_close(a float8, b float8) RETURNS bool LANGUAGE sql IMMUTABLE AS
$$ SELECT a IS NOT DISTINCT FROM b OR abs(a - b) <= 1e-9 * greatest(abs(a), abs(b)) $$;
CREATE FUNCTION pg_temp.same(a r_serial_hash, b r_serial_hash) RETURNS bool LANGUAGE sql IMMUTABLE AS
$$ SELECT a.wp_nn::text IS NOT DISTINCT FROM b.wp_nn::text
      AND a.wp_nf::text IS NOT DISTINCT FROM b.wp_nf::text
      AND a.wp_open::text IS NOT DISTINCT FROM b.wp_open::text
      AND a.wr IS NOT DISTINCT FROM b.wr
      AND a.vwr_n IS NOT DISTINCT FROM b.vwr_n
      AND (a.order_dependent OR (pg_temp.float_close(a.wp_ff, b.wp_ff)
                                 AND pg_temp.float_close(a.vwr_f, b.vwr_f))) $$;
INSERT INTO vg_checks
SELECT 'serial sort = serial hash', count(*), count(*) FILTER (WHERE NOT pg_temp.same(s, ROW(o.*)::r_serial_hash))
FROM r_serial_hash s FULL JOIN r_serial_sort o USING (grp)
UNION ALL
SELECT 'serial spilled = serial hash', count(*), count(*) FILTER (WHERE NOT pg_temp.same(s, ROW(o.*)::r_serial_hash))
FROM r_serial_hash s FULL JOIN r_serial_spill o USING (grp)
UNION ALL
SELECT 'parallel hash = serial hash (by team)', count(*),
       count(*) FILTER (WHERE NOT pg_temp.same(ROW(s.*)::r_serial_hash, ROW(o.*)::r_serial_hash))
FROM r_team_serial s FULL JOIN r_team_parallel o USING (team)
UNION ALL
SELECT 'parallel sort = serial hash', count(*), count(*) FILTER (WHERE NOT pg_temp.same(s, ROW(o.*)::r_serial_hash))
FROM r_serial_hash s FULL JOIN r_parallel_sort o USING (grp)
UNION ALL
SELECT 'weighted_pipeline = sum(amount*probability)', count(*),
       count(*) FILTER (WHERE s.wp_nn::text IS DISTINCT FROM p.plain::text)
FROM r_serial_hash s FULL JOIN (SELECT grp, sum(amount * probability) AS plain FROM vg_deals GROUP BY grp) p USING (grp)
UNION ALL
SELECT 'datum images of every result (record_image_eq)', count(*), count(*) FILTER (WHERE NOT image_ok)
FROM (SELECT image_ok FROM r_serial_hash UNION ALL SELECT image_ok FROM r_serial_spill
      UNION ALL SELECT image_ok FROM r_serial_sort UNION ALL SELECT image_ok FROM r_parallel_sort
      UNION ALL SELECT image_ok FROM r_team_serial UNION ALL SELECT image_ok FROM r_team_parallel) i
UNION ALL
SELECT 'ungrouped parallel = serial', 1,
       (s.wp_nn::text IS DISTINCT FROM p.wp_nn::text OR s.wp_nf::text IS DISTINCT FROM p.wp_nf::text
        OR s.wr IS DISTINCT FROM p.wr OR s.vwr_n IS DISTINCT FROM p.vwr_n)::int
FROM r_total_serial s, r_total_parallel p;

\echo '--- attainment_by_rep: deal and quota rows of 2,000 groups, every plan, against attainment() over the join'
-- the deals' amounts (wide, NaN, infinite, NULL ones included) booked to 64
-- reps per group, and a quota row per group and rep (0 for some); not a
-- temporary table, which parallel workers could not read
DROP TABLE IF EXISTS vg_quota_rows;
CREATE TABLE vg_quota_rows AS
SELECT i % 2000 AS grp, hashint4(i * 3) & 63 AS rep, amount AS achieved, NULL::numeric AS quota FROM vg_deals
UNION ALL
SELECT g, r, NULL, CASE WHEN (g + r) % 29 = 0 THEN 0 ELSE 1000 + 10 * r END
FROM generate_series(0, 1999) g, generate_series(0, 63) r;
ANALYZE vg_quota_rows;
CREATE TEMP TABLE r_byrep_join AS
SELECT q.grp, attainment(coalesce(d.achieved, 0), q.quota)::text AS s
FROM (SELECT grp, rep, sum(quota) AS quota FROM vg_quota_rows WHERE quota IS NOT NULL GROUP BY grp, rep) q
LEFT JOIN (SELECT grp, rep, sum(achieved) AS achieved FROM vg_quota_rows WHERE achieved IS NOT NULL
           GROUP BY grp, rep) d USING (grp, rep)
GROUP BY q.grp;
SET enable_sort = off;
SELECT pg_temp.plan_check('attainment_by_rep serial hash', $q$CREATE TEMP TABLE r_byrep_hash AS
SELECT grp, attainment_by_rep(rep, achieved, quota)::text AS s FROM vg_quota_rows GROUP BY grp$q$, 'HashAggregate');
SET work_mem = '256kB';
SET hash_mem_multiplier = 1;
SELECT pg_temp.plan_check('attainment_by_rep serial hash, spilled', $q$CREATE TEMP TABLE r_byrep_spill AS
SELECT grp, attainment_by_rep(rep, achieved, quota)::text AS s FROM vg_quota_rows GROUP BY grp$q$,
                          'HashAggregate', 'Batches: ([2-9]|[1-9][0-9]+) ');
RESET hash_mem_multiplier;
SET work_mem = '64MB';
RESET enable_sort;
SET max_parallel_workers_per_gather = 2;
SET enable_hashagg = off;
SELECT pg_temp.plan_check('attainment_by_rep parallel sort', $q$CREATE TEMP TABLE r_byrep_parallel AS
SELECT grp, attainment_by_rep(rep, achieved, quota)::text AS s FROM vg_quota_rows GROUP BY grp$q$,
                          'Partial GroupAggregate', 'Workers Launched: 2');
RESET enable_hashagg;
SET max_parallel_workers_per_gather = 0;
INSERT INTO vg_checks
SELECT 'attainment_by_rep ' || plan || ' = attainment over the join', count(*),
       count(*) FILTER (WHERE j.s IS DISTINCT FROM r.s)
FROM r_byrep_join j
FULL JOIN (SELECT 'serial hash' AS plan, * FROM r_byrep_hash UNION ALL SELECT 'spilled', * FROM r_byrep_spill
           UNION ALL SELECT 'parallel sort', * FROM r_byrep_parallel) r USING (grp)
GROUP BY plan;

SELECT count(*) FILTER (WHERE wp_nn = 'NaN') AS nan_wp_groups,
       count(*) FILTER (WHERE abs(wp_nn) > 1e18 AND wp_nn <> 'NaN') AS wide_wp_groups,
       count(*) FILTER (WHERE vwr_f = 'NaN') AS nan_vwr8_groups,
       count(*) FILTER (WHERE vwr_n IS NULL) AS null_vwr_groups
FROM r_serial_hash;
SELECT wp_nn AS total_weighted_pipeline, wr AS total_win_rate, vwr_n AS total_value_win_rate
FROM r_total_serial;

\echo '--- stage_funnel, stage_time, lead_summary (0.7.0): their own states, the expanded ones flattened when a hash aggregate spills or a worker sends them'
DROP TABLE IF EXISTS vg_stages;
CREATE TABLE vg_stages AS
SELECT i, i % :groups AS grp, i % 997 AS team,
       CASE WHEN i % 13 = 0 THEN NULL ELSE 1 + (hashint4(i) & 3) END AS stage,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (hashint4(i * 3) & 1023) * (1 + i % 5) END AS days,
       CASE hashint4(i * 7) & 3 WHEN 0 THEN true WHEN 1 THEN false END AS won,
       timestamptz '2024-01-01' + i * interval '17 seconds' AS created_at,
       CASE WHEN i % 9 = 0 THEN NULL
            ELSE timestamptz '2024-01-01' + i * interval '17 seconds' + ((hashint4(i * 5) & 262143) - 20000) * interval '1.5 seconds' END AS first_touch_at
FROM generate_series(1, :rows) i;
VACUUM ANALYZE vg_stages;
CREATE VIEW vg_summaries AS
SELECT grp, stage_funnel(stage, won, 4)::text AS funnel, stage_time(stage, days, 4)::text AS times,
       lead_summary(created_at, first_touch_at, won, won IS TRUE AND i % 2 = 0, NOT won)::text AS leads
FROM vg_stages GROUP BY grp;
SET max_parallel_workers_per_gather = 0;
SET enable_sort = off;
SELECT pg_temp.plan_check('summaries serial hash', 'CREATE TEMP TABLE r_sum_hash AS SELECT * FROM vg_summaries',
                          'HashAggregate', 'Batches: 1 ');
SET work_mem = '256kB';
SET hash_mem_multiplier = 1;
SELECT pg_temp.plan_check('summaries serial hash, spilled', 'CREATE TEMP TABLE r_sum_spill AS SELECT * FROM vg_summaries',
                          'HashAggregate', 'Batches: ([2-9]|[1-9][0-9]+) ');
RESET hash_mem_multiplier;
SET work_mem = '64MB';
RESET enable_sort;
SET max_parallel_workers_per_gather = 2;
SET enable_hashagg = off;
SELECT pg_temp.plan_check('summaries parallel sort', 'CREATE TEMP TABLE r_sum_parallel AS SELECT * FROM vg_summaries',
                          'Partial GroupAggregate', 'Workers Launched: 2');
RESET enable_hashagg;
SET max_parallel_workers_per_gather = 0;
INSERT INTO vg_checks
SELECT 'summaries: spilled hash = hash', count(*), count(*) FILTER (WHERE (a.funnel, a.times, a.leads) IS DISTINCT FROM (b.funnel, b.times, b.leads))
FROM r_sum_hash a FULL JOIN r_sum_spill b USING (grp)
UNION ALL
SELECT 'summaries: parallel sort = hash', count(*), count(*) FILTER (WHERE (a.funnel, a.times, a.leads) IS DISTINCT FROM (b.funnel, b.times, b.leads))
FROM r_sum_hash a FULL JOIN r_sum_parallel b USING (grp)
UNION ALL
SELECT 'summaries: rollup of teams = whole', 1,
       (SELECT count(*) FROM (SELECT rollup(f)::text = (SELECT stage_funnel(stage, won, 4)::text FROM vg_stages) AS ok1,
                                     rollup(t)::text = (SELECT stage_time(stage, days, 4)::text FROM vg_stages) AS ok2
                              FROM (SELECT team, stage_funnel(stage, won, 4) AS f, stage_time(stage, days, 4) AS t
                                    FROM vg_stages GROUP BY team) x) y WHERE NOT (ok1 AND ok2));

\echo '--- rep_attainment (0.7.0): the stored per-rep sums, every plan, against core sum() per rep, and rolled up'
-- the same rows, and 4 reps per group with deals but no quota row (a rep
-- without a quota: its quota is not written); bigint and text keys (the
-- text table keeps its keys in an arena); not a temporary table, which
-- parallel workers could not read
DROP TABLE IF EXISTS vg_rep_rows, vg_rep_groups;
CREATE TABLE vg_rep_rows AS
SELECT grp, rep, achieved, quota FROM vg_quota_rows
UNION ALL
SELECT grp, 64 + (rep & 3), achieved, NULL FROM vg_quota_rows WHERE achieved IS NOT NULL AND rep % 8 = 0;
ANALYZE vg_rep_rows;
-- what each rep's sums must be: core sum() (0 achieved for a rep with only a quota)
CREATE TEMP TABLE r_rep_reference AS
SELECT grp, rep::text AS rep, coalesce(sum(achieved), 0) AS achieved, sum(quota) AS quota
FROM vg_rep_rows WHERE achieved IS NOT NULL OR quota IS NOT NULL GROUP BY grp, rep;
SET enable_sort = off;
SELECT pg_temp.plan_check('rep_attainment serial hash', $q$CREATE TEMP TABLE r_rep_hash AS
SELECT grp, rep_attainment(rep, achieved, quota) AS r, rep_attainment(rep::text, achieved, quota) AS t
FROM vg_rep_rows GROUP BY grp$q$, 'HashAggregate', 'Batches: 1 ');
SET work_mem = '256kB';
SET hash_mem_multiplier = 1;
SELECT pg_temp.plan_check('rep_attainment serial hash, spilled', $q$CREATE TEMP TABLE r_rep_spill AS
SELECT grp, rep_attainment(rep, achieved, quota) AS r, rep_attainment(rep::text, achieved, quota) AS t
FROM vg_rep_rows GROUP BY grp$q$, 'HashAggregate', 'Batches: ([2-9]|[1-9][0-9]+) ');
RESET hash_mem_multiplier;
SET work_mem = '64MB';
RESET enable_sort;
SET max_parallel_workers_per_gather = 2;
SET enable_hashagg = off;
SELECT pg_temp.plan_check('rep_attainment parallel sort', $q$CREATE TEMP TABLE r_rep_parallel AS
SELECT grp, rep_attainment(rep, achieved, quota) AS r, rep_attainment(rep::text, achieved, quota) AS t
FROM vg_rep_rows GROUP BY grp$q$, 'Partial GroupAggregate', 'Workers Launched: 2');
RESET enable_hashagg;
SET max_parallel_workers_per_gather = 0;
-- the per-group summaries stored, for the rollups (parallel workers read it)
CREATE TABLE vg_rep_groups AS SELECT grp, r, t FROM r_rep_hash;
ANALYZE vg_rep_groups;
-- rollup of the groups: ungrouped (serial, and in 2 workers whose states are
-- flattened and combined), and into 1,000 groups by a spilled hash aggregate
CREATE TEMP TABLE r_rep_whole AS
SELECT rep_attainment(rep, achieved, quota)::text AS r, rep_attainment(rep::text, achieved, quota)::text AS t
FROM vg_rep_rows;
CREATE TEMP TABLE r_rep_rollup_serial AS SELECT rollup(r)::text AS r, rollup(t)::text AS t FROM vg_rep_groups;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SELECT pg_temp.plan_check('rep_attainment rollup, parallel', $q$CREATE TEMP TABLE r_rep_rollup_parallel AS
SELECT rollup(r)::text AS r, rollup(t)::text AS t FROM vg_rep_groups$q$, 'Partial Aggregate', 'Workers Launched: 2');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
SET enable_sort = off;
SET work_mem = '256kB';
SET hash_mem_multiplier = 1;
SELECT pg_temp.plan_check('rep_attainment rollup into 1,000 groups, spilled', $q$CREATE TEMP TABLE r_rep_rollup_spill AS
SELECT grp % 1000 AS part, rollup(r)::text AS r, rollup(t)::text AS t FROM vg_rep_groups GROUP BY grp % 1000$q$,
                          'HashAggregate', 'Batches: ([2-9]|[1-9][0-9]+) ');
RESET hash_mem_multiplier;
SET work_mem = '64MB';
RESET enable_sort;
CREATE TEMP TABLE r_rep_parts AS
SELECT grp % 1000 AS part, rep_attainment(rep, achieved, quota)::text AS r,
       rep_attainment(rep::text, achieved, quota)::text AS t
FROM vg_rep_rows GROUP BY grp % 1000;
INSERT INTO vg_checks
SELECT 'rep_attainment ' || plan || ' = serial hash', count(*),
       count(*) FILTER (WHERE (h.r::text, h.t::text) IS DISTINCT FROM (o.r::text, o.t::text))
FROM r_rep_hash h
FULL JOIN (SELECT 'spilled hash' AS plan, * FROM r_rep_spill UNION ALL SELECT 'parallel sort', * FROM r_rep_parallel) o
USING (grp)
GROUP BY plan
UNION ALL
-- every rep of every group, bigint and text keyed, against core sum() per rep
SELECT 'rep_attainment ' || k || ' keys = sum() per rep', count(*),
       count(*) FILTER (WHERE (x.achieved, x.quota) IS DISTINCT FROM (f.achieved, f.quota))
FROM r_rep_reference f
FULL JOIN (SELECT 'bigint' AS k, grp, (rep_attainment_table(r)).* FROM r_rep_hash
           UNION ALL SELECT 'text', grp, (rep_attainment_table(t)).* FROM r_rep_hash) x USING (grp, rep)
GROUP BY k
UNION ALL
SELECT 'rep_attainment: attainment() = attainment_by_rep', count(*),
       count(*) FILTER (WHERE attainment(h.r)::text IS DISTINCT FROM b.s OR attainment(h.t)::text IS DISTINCT FROM b.s)
FROM r_rep_hash h FULL JOIN r_byrep_hash b USING (grp)
UNION ALL
SELECT 'rep_attainment: rollup of the groups = whole, ' || plan, 1,
       (SELECT count(*) FROM r_rep_whole w WHERE (w.r, w.t) IS DISTINCT FROM (x.r, x.t))
FROM (SELECT 'serial' AS plan, * FROM r_rep_rollup_serial UNION ALL SELECT 'parallel', * FROM r_rep_rollup_parallel) x
UNION ALL
SELECT 'rep_attainment: rollup into 1,000 parts (spilled) = the parts', count(*),
       count(*) FILTER (WHERE (p.r, p.t) IS DISTINCT FROM (s.r, s.t))
FROM r_rep_parts p FULL JOIN r_rep_rollup_spill s USING (part);
SELECT count(*) AS rep_groups, sum((SELECT count(*) FROM rep_attainment_table(r))) AS reps,
       sum((SELECT count(*) FROM rep_attainment_table(r) WHERE quota IS NULL)) AS reps_without_quota,
       sum((SELECT count(*) FROM rep_attainment_table(r) WHERE achieved = 'NaN')) AS nan_reps,
       sum((SELECT count(*) FROM rep_attainment_table(r) WHERE abs(achieved) > 1e18 AND achieved <> 'NaN')) AS wide_reps
FROM r_rep_hash;

SELECT * FROM vg_checks;
SELECT 'workload check: ' || CASE WHEN sum(mismatches) = 0 THEN 'PASS' ELSE 'FAIL' END AS verdict
FROM vg_checks;
