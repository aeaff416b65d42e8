-- Part (c) of test/valgrind.sh: memory per group of each aggregate, from the
-- HashAggregate's "Memory Usage" (EXPLAIN ANALYZE), which is the peak of the
-- memory allocated to the hash table, its group keys and the transition
-- states.
--
-- 1. State bytes per group: each aggregate alone, over 10,000 and 100,000
--    groups of one ordinary row each (money amounts, no NULLs), minus the
--    same two runs of count(amount), whose state is a pass-by-value int8 and
--    which therefore has the same hash entry, key and per-group overhead.
--    slope = (memory(100k) - memory(10k)) / 90,000 groups.  The state is one
--    palloc chunk (16-byte header + power-of-two size), so the expected
--    figures are 80 bytes for a 40-byte int8[2]/float8[2] array, 144 for
--    the 104-byte exact_ratio_state of value_win_rate and, since 0.7.0,
--    weighted_pipeline of numeric amounts (SSPACE 128; a 64-byte internal
--    ExactSum, 80, before), 1,224 for the float_ratio_state of
--    weighted_pipeline(float8, float8) and value_win_rate(boolean, float8)
--    (0.7.0; a float8 and a float8[2] before); one more row measures a
--    total kept in the spill text.
-- 2. No growth per row (and the state with wide values, 'wide rows'): 5,000 groups of 6 rows against the same groups of
--    36 rows (the 6-row pattern repeated), with wide numerics (spill),
--    18-decimal values (int128 flush), NaN-free, and a float8 probability
--    that cannot be cached, so every slow path runs on every repetition.
--    A transition function that kept anything per row in the aggregate
--    context would grow here by 30 times what it keeps.
--
-- work_mem = 128kB makes the hash table's memory blocks 8kB (blocks are at
-- most work_mem/16), so the figures are exact to 8kB / 90,000 groups;
-- hash_mem_multiplier = 1000 keeps every run in memory (Batches: 1).
\set ON_ERROR_STOP 1
\pset footer off

SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET enable_sort = off;
SET work_mem = '128kB';
SET hash_mem_multiplier = 1000;

DROP TABLE IF EXISTS vg_mem_1000, vg_mem_5000, vg_mem_10000, vg_mem_100000, vg_mem_rows6, vg_mem_rows36;
CREATE TABLE vg_mem_100000 AS
SELECT d.*, amount::float8 AS amount8, probability::float8 AS probability8
FROM (SELECT i AS grp,
             hashint4(i) % 2 = 0 AS won,
             round(((hashint4(i * 5) & 65535) * 7.31)::numeric, 2) AS amount,
             round(((hashint4(i * 11) & 1023) % 21) / 20.0, 2) AS probability
      FROM generate_series(1, 100000) i) d;
CREATE TABLE vg_mem_10000 AS SELECT * FROM vg_mem_100000 WHERE grp <= 10000;
CREATE TABLE vg_mem_5000 AS SELECT * FROM vg_mem_100000 WHERE grp <= 5000;
CREATE TABLE vg_mem_1000 AS SELECT * FROM vg_mem_100000 WHERE grp <= 1000;

CREATE TABLE vg_mem_rows36 AS
SELECT d.*, amount::float8 AS amount8,
       CASE WHEN k % 2 = 0 THEN 1e-25 ELSE 0.35 END::float8 AS probability8
FROM (SELECT g AS grp, k,
             k % 2 = 0 AS won,
             CASE k % 3 WHEN 0 THEN 123456789012345678901234.5
                        WHEN 1 THEN 0.123456789012345678
                        ELSE 1234.56 END AS amount,
             CASE WHEN k % 2 = 0 THEN 0.999999999999999999 ELSE 0.35 END AS probability
      FROM generate_series(1, 5000) g, generate_series(1, 36) k) d;
CREATE TABLE vg_mem_rows6 AS SELECT * FROM vg_mem_rows36 WHERE k <= 6;
VACUUM ANALYZE vg_mem_1000, vg_mem_5000, vg_mem_10000, vg_mem_100000, vg_mem_rows6, vg_mem_rows36;

-- Memory Usage (kB) of the query's HashAggregate; an error unless it ran in
-- one batch.
CREATE FUNCTION pg_temp.hashagg_kb(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    line text;
    m text[];
    kb bigint;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
        m := regexp_match(line, 'Batches: (\d+)\s+Memory Usage: (\d+)kB');
        IF m IS NOT NULL THEN
            IF m[1] <> '1' THEN
                RAISE EXCEPTION 'hash aggregate spilled (% batches): %', m[1], q;
            END IF;
            kb := m[2]::bigint;
        END IF;
    END LOOP;
    IF kb IS NULL THEN
        RAISE EXCEPTION 'no HashAggregate in the plan of %', q;
    END IF;
    RETURN kb;
END $$;

-- few: measured over 1,000 and 5,000 groups instead (see the rows that set it)
CREATE TEMP TABLE vg_aggs (ord int, aggregate text, call text, state text, expected_bytes int,
                           few boolean DEFAULT false);
INSERT INTO vg_aggs VALUES
  (0, 'count (baseline)',                   'count(amount)',                          'int8, by value',               0, false),
  (1, 'weighted_pipeline(numeric, numeric)', 'weighted_pipeline(amount, probability)', 'exact_ratio_state, 104 bytes (SSPACE 128)', 144, false),
  (2, 'weighted_pipeline(numeric, float8)',  'weighted_pipeline(amount, probability8)', 'exact_ratio_state, 104 bytes (SSPACE 128)', 144, false),
  -- the float8 forms' float_ratio_state (0.7.0: two exact float8 sums) is
  -- 1,168 bytes, past the 1 kB chunk limit of the hash table's context at
  -- this work_mem, so it is a block of its own: 1,168 + the 16-byte chunk
  -- and 40-byte block headers = 1,224 at most (measured 1,196.6, over 1,000
  -- and 5,000 groups: 100,000 would spill); at a large work_mem it is a
  -- 2 kB chunk (2.2 kB a group, doc/README.md's memory table)
  (3, 'weighted_pipeline(float8, float8)',   'weighted_pipeline(amount8, probability8)', 'float_ratio_state, 1168 bytes', 1224, true),
  (4, 'win_rate(boolean)',                   'win_rate(won)',                          'int8[2] array, 40 bytes',      80, false),
  (5, 'value_win_rate(boolean, numeric)',    'value_win_rate(won, amount)',            'exact_ratio_state, 104 bytes (SSPACE 128)', 144, false),
  (6, 'value_win_rate(boolean, float8)',     'value_win_rate(won, amount8)',           'float_ratio_state, 1168 bytes', 1224, true),
  -- a probability at scale 20 is wider than the scaled-int64 reading: every
  -- product goes through numeric_mul and the total lives in the spill text
  -- after the 104 bytes (a 22-decimal total: about 140 bytes in all, one
  -- 256-byte chunk, 272 with its header; measured 275.6)
  (7, 'weighted_pipeline(numeric, numeric) spilled', 'weighted_pipeline(amount, round(probability, 20))',
      'exact_ratio_state + spill text', 272, false),
  -- the pipeline_flow summary is its own state: 664 bytes, one 1 kB chunk
  -- (1040 bytes with its header); seven of them fill an 8 kB block, whose
  -- unused tail adds about 48 bytes a group (measured 1089.7)
  (8, 'pipeline_flow(...)', 'pipeline_flow(NULL::boolean, amount, date ''2024-05-01'', NULL::boolean, amount * 2, date ''2024-05-01'', date ''2024-01-01'', ''[2024-04-01,2024-04-08)'', ''[2024-04-01,2024-07-01)'')',
      'pipeline_flow, 664 bytes', 1088, false),
  -- stage_funnel of 4 stages is its own state: 80 bytes, a 128-byte chunk
  -- with its 16-byte header
  (9, 'stage_funnel(...)', 'stage_funnel(1 + length(amount::text) % 4, won, 4)', 'stage_funnel, 80 bytes', 144, false),
  -- forecast_error is its own state: 312 bytes since 0.7.0's exact float8
  -- sums (232 before), one 512-byte chunk, 528 with its header; fifteen
  -- fill an 8 kB block, whose unused tail and header add about 21 bytes a
  -- group (measured 549.6 without valgrind); the wide rows (1.2e23 beside
  -- 0.12) spill numeric texts and float8 term lists after the fixed part
  -- (1,720 bytes a group), and do not grow with the rows
  (14, 'forecast_error(numeric, numeric)', 'forecast_error(amount, probability)', 'forecast_error, 312 bytes', 552, false),
  (15, 'forecast_error(float8, float8)', 'forecast_error(amount8, probability8)', 'forecast_error, 312 bytes', 552, false);
-- attainment_by_rep and rep_attainment, one rep a group here: the state is
-- a RepAttainmentState (an expanded object since 0.7.0) in the memory
-- context that every salesops state of the aggregate context shares, with
-- a simplehash table of 16 slots (32-byte entries for bigint keys, 40 for
-- uuid and text ones) and, for text keys, a 1 kB arena for their bytes.
-- Over 1,000 and 5,000 groups: the aggregates' SSPACE (16 kB, a team of
-- about 250 reps) makes the hash aggregate plan for 8,000 groups in these
-- settings and spill past them.  (Until the states shared one context,
-- each had a context of its own, and PostgreSQL 15's hash aggregate sums
-- the memory of every child context at each new group, which made many
-- groups quadratic.)  Expected: the figures measured without valgrind
-- (PostgreSQL 15: 759.1, 3,642.7, 759.1 and 1,807.7 bytes; 3,355.4 each
-- with the wide rows) rounded up.
INSERT INTO vg_aggs VALUES
  (10, 'attainment_by_rep(bigint, numeric, numeric)', 'attainment_by_rep(grp, amount, amount)',
       'RepAttainmentState, 16 bigint slots', 768, true),
  (11, 'attainment_by_rep(text, numeric, numeric)', 'attainment_by_rep(grp::text, amount, amount)',
       'RepAttainmentState, 16 text slots + arena', 3648, true),
  (12, 'rep_attainment(bigint, numeric, numeric)', 'rep_attainment(grp, amount, amount)',
       'RepAttainmentState, 16 bigint slots', 768, true),
  (13, 'rep_attainment(uuid, numeric, numeric)', 'rep_attainment(md5(grp::text)::uuid, amount, amount)',
       'RepAttainmentState, 16 uuid slots', 1808, true);

CREATE TEMP TABLE vg_kb AS
SELECT a.ord,
       pg_temp.hashagg_kb(format('SELECT grp, %s FROM %s GROUP BY grp', a.call,
                                 CASE WHEN a.few THEN 'vg_mem_1000' ELSE 'vg_mem_10000' END))  AS kb_10k,
       pg_temp.hashagg_kb(format('SELECT grp, %s FROM %s GROUP BY grp', a.call,
                                 CASE WHEN a.few THEN 'vg_mem_5000' ELSE 'vg_mem_100000' END)) AS kb_100k,
       pg_temp.hashagg_kb(format('SELECT grp, %s FROM vg_mem_rows6 GROUP BY grp', a.call))  AS kb_rows6,
       pg_temp.hashagg_kb(format('SELECT grp, %s FROM vg_mem_rows36 GROUP BY grp', a.call)) AS kb_rows36
FROM vg_aggs a;

CREATE TEMP TABLE vg_mem AS
SELECT a.ord, a.aggregate, a.state, a.expected_bytes,
       k.kb_10k, k.kb_100k,
       round((k.kb_100k - k.kb_10k) * 1024 / CASE WHEN a.few THEN 4000.0 ELSE 90000.0 END, 1) AS slope_bytes,
       round((k.kb_100k - k.kb_10k) * 1024 / CASE WHEN a.few THEN 4000.0 ELSE 90000.0 END
             - (b.kb_100k - b.kb_10k) * 1024 / 90000.0, 1) AS state_bytes,
       k.kb_rows6, k.kb_rows36,
       round((k.kb_rows36 - b.kb_rows36) * 1024 / 5000.0, 1) AS spill_state_bytes,
       round((k.kb_rows36 - k.kb_rows6) * 1024 / 5000.0, 1) AS growth_6_to_36_rows
FROM vg_aggs a JOIN vg_kb k USING (ord), vg_kb b
WHERE b.ord = 0;

\echo 'memory per group (HashAggregate Memory Usage; state_bytes = slope - baseline slope):'
SELECT aggregate, state, kb_10k, kb_100k, slope_bytes AS "bytes/group",
       state_bytes AS "state bytes/group", expected_bytes AS "expected",
       spill_state_bytes AS "state bytes/group, wide rows",
       growth_6_to_36_rows AS "growth/group 6->36 rows"
FROM vg_mem ORDER BY ord;

-- machine-readable lines for test/valgrind.sh
\pset format unaligned
\pset tuples_only on
SELECT format('MEMROW|%s|%s|%s|%s|%s|%s', aggregate, slope_bytes, state_bytes, expected_bytes,
              spill_state_bytes, growth_6_to_36_rows)
FROM vg_mem WHERE ord > 0 ORDER BY ord;

-- Limits: the state may take its palloc chunk plus 16 bytes of measuring
-- slack; 6 -> 36 rows may add at most 16 bytes per group (the spill numeric
-- gaining a digit group; a per-row leak adds 30 chunks).
SELECT 'memory check: ' ||
       CASE WHEN bool_and(state_bytes <= expected_bytes + 16 AND growth_6_to_36_rows <= 16)
            THEN 'PASS' ELSE 'FAIL (' || string_agg(aggregate, ', ') FILTER (
                 WHERE NOT (state_bytes <= expected_bytes + 16 AND growth_6_to_36_rows <= 16)) || ')' END
FROM vg_mem WHERE ord > 0;
