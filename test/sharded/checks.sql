-- Run on the coordinator by test/sharded.sh: schema crm holds every row
-- (the single node), s0 and s1 the two shards' tables (postgres_fdw,
-- IMPORT FOREIGN SCHEMA), dist each table partitioned by shard with the
-- shards' tables as foreign partitions.  Every aggregate call below is
-- checked three ways:
--   pushed    EXPLAIN VERBOSE of the call over a shard's foreign table is
--             one Foreign Scan that runs the aggregate on the shard
--             ("Relations: Aggregate on"), for each shard;
--   per shard its value from each shard equals, as text, the single node's
--             over that shard's rows (WHERE shard = k);
--   rollup    (summary types) rollup() of the two shards' summaries, a
--             UNION ALL of pushed-down aggregates, and rollup() over the
--             partitioned table with partitionwise aggregation (one pushed
--             aggregate per partition, EXPLAIN checked), each equal as text
--             to the single node's summary of every row: bit for bit, since
--             the text form holds every field exactly.
-- And for per-rep attainment (test/sharded/data.sql's rep_rows, where each
-- rep's quota row and deal rows sit on different shards), with bigint and
-- text rep keys:
--   reps split     some rep has its quota row on one shard and deals on
--                  the other (else the next checks prove nothing);
--   rep rollup     reps_at_quota(attainment(rollup(r))) of the shards'
--                  rep_attainment summaries (UNION ALL, and partitionwise)
--                  equals the single node's attainment_by_rep, and
--                  attainment(rollup(r)) equals it as text;
--   old pattern    rollup() of the shards' attainment_by_rep summaries
--                  does not: it rates each shard's part of a rep on its own
--                  (a rep's deals without its quota row are left out).
-- Summaries that sum floats (of float8 inputs; forecast_error's APE sums
-- for any input) add them in another order per shard: their sums are
-- exact (0.7.0), so their rollups too must equal the single node bit for
-- bit.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

\ir calls.sql

CREATE TEMP TABLE results (family text, call text, kind text, check_name text, ok boolean, detail text);

DO $$
DECLARE
    c record;
    k int;
    plan text;
    single text;
    sharded text;
BEGIN
    FOR c IN SELECT * FROM calls LOOP
        FOR k IN 0..1 LOOP
            plan := pg_temp.plan_of(format('SELECT %s FROM s%s.%I', c.call, k, c.tbl));
            INSERT INTO results VALUES (c.family, c.call, c.kind, 'pushed to shard ' || k,
                plan LIKE '%Relations: Aggregate on%' AND plan NOT LIKE '%Aggregate' || E'\n' || '%', plan);
            single := pg_temp.value_of(format('SELECT %s FROM crm.%I WHERE shard = %s', c.call, c.tbl, k));
            sharded := pg_temp.value_of(format('SELECT %s FROM s%s.%I', c.call, k, c.tbl));
            INSERT INTO results VALUES (c.family, c.call, c.kind, 'shard ' || k || ' = single node on its rows',
                single IS NOT NULL AND single = sharded, format('single %s, shard %s', single, sharded));
        END LOOP;
        CONTINUE WHEN c.kind NOT LIKE '%summary';
        single := pg_temp.value_of(format('SELECT %s FROM crm.%I', c.call, c.tbl));
        sharded := pg_temp.value_of(format('SELECT rollup(s) FROM (SELECT %1$s AS s FROM s0.%2$I UNION ALL SELECT %1$s FROM s1.%2$I) x',
                                           c.call, c.tbl));
        INSERT INTO results VALUES (c.family, c.call, c.kind, 'rollup of shard summaries = single node',
            single = sharded, format('single %s, rollup %s', single, sharded));
        SET LOCAL enable_partitionwise_aggregate = on;
        plan := pg_temp.plan_of(format('SELECT rollup(s) FROM (SELECT shard, %s AS s FROM dist.%I GROUP BY shard) x', c.call, c.tbl));
        sharded := pg_temp.value_of(format('SELECT rollup(s) FROM (SELECT shard, %s AS s FROM dist.%I GROUP BY shard) x', c.call, c.tbl));
        INSERT INTO results VALUES (c.family, c.call, c.kind, 'partitionwise: one pushed aggregate per shard, rollup = single node',
            single = sharded AND (length(plan) - length(replace(plan, 'Relations: Aggregate on', ''))) / length('Relations: Aggregate on') = 2,
            format('single %s, rollup %s, plan %s', single, sharded, plan));
        RESET enable_partitionwise_aggregate;
    END LOOP;
END $$;

-- per-rep attainment when reps are split across shards
DO $$
DECLARE
    k text;
    reps_split bigint;
    reps_rated bigint;
    single_att text;
    single_at bigint;
    att text;
    at bigint;
    plan text;
BEGIN
    SELECT count(DISTINCT q.rep), (SELECT count(*) FROM crm.rep_rows WHERE quota IS NOT NULL)
    INTO reps_split, reps_rated
    FROM crm.rep_rows q
    WHERE q.quota IS NOT NULL
      AND EXISTS (SELECT FROM crm.rep_rows d WHERE d.rep = q.rep AND d.achieved IS NOT NULL AND d.shard <> q.shard);
    INSERT INTO results VALUES ('attainment', 'rep_attainment(rep, achieved, quota)', 'summary',
        'reps split: a rep''s quota row and deal rows on different shards', reps_split > 0,
        format('%s of %s reps with a quota row have deals on another shard', reps_split, reps_rated));
    FOREACH k IN ARRAY ARRAY['rep', 'rep_t'] LOOP
        single_att := pg_temp.value_of(format('SELECT attainment_by_rep(%I, achieved, quota) FROM crm.rep_rows', k));
        single_at := pg_temp.value_of(format('SELECT reps_at_quota(attainment_by_rep(%I, achieved, quota)) FROM crm.rep_rows', k));
        -- rollup of the shards' rep_attainment: a UNION ALL of pushed aggregates
        SELECT a::text, reps_at_quota(a) INTO att, at
        FROM (SELECT pg_temp.value_of(format('SELECT attainment(rollup(s)) FROM (SELECT rep_attainment(%1$I, achieved, quota) AS s FROM s0.rep_rows '
                                     'UNION ALL SELECT rep_attainment(%1$I, achieved, quota) FROM s1.rep_rows) x', k))::attainment AS a) v;
        INSERT INTO results VALUES ('attainment', format('rep_attainment(%s, achieved, quota)', k), 'summary',
            'reps split: reps_at_quota(attainment(rollup of shard rep_attainment)) = single node''s attainment_by_rep',
            at = single_at AND att = single_att, format('single node %s reps at quota, rollup %s; attainment() as text %s', single_at, at,
                   CASE WHEN att = single_att THEN 'equal' ELSE format('differs: single %s, rollup %s', single_att, att) END));
        -- and with partitionwise aggregation over the partitioned table
        SET LOCAL enable_partitionwise_aggregate = on;
        plan := pg_temp.plan_of(format('SELECT attainment(rollup(s)) FROM (SELECT shard, rep_attainment(%I, achieved, quota) AS s FROM dist.rep_rows GROUP BY shard) x', k));
        SELECT a::text, reps_at_quota(a) INTO att, at
        FROM (SELECT pg_temp.value_of(format('SELECT attainment(rollup(s)) FROM (SELECT shard, rep_attainment(%I, achieved, quota) AS s FROM dist.rep_rows GROUP BY shard) x', k))::attainment AS a) v;
        RESET enable_partitionwise_aggregate;
        INSERT INTO results VALUES ('attainment', format('rep_attainment(%s, achieved, quota)', k), 'summary',
            'reps split, partitionwise: reps_at_quota(attainment(rollup)) = single node''s attainment_by_rep',
            at = single_at AND att = single_att
            AND (length(plan) - length(replace(plan, 'Relations: Aggregate on', ''))) / length('Relations: Aggregate on') = 2,
            format('single node %s reps at quota, rollup %s; attainment() as text %s; plan %s', single_at, at,
                   CASE WHEN att = single_att THEN 'equal' ELSE format('differs: single %s, rollup %s', single_att, att) END, plan));
        -- the old pattern: rollup of the shards' attainment_by_rep
        SELECT a::text, reps_at_quota(a) INTO att, at
        FROM (SELECT pg_temp.value_of(format('SELECT rollup(s) FROM (SELECT attainment_by_rep(%1$I, achieved, quota) AS s FROM s0.rep_rows '
                                     'UNION ALL SELECT attainment_by_rep(%1$I, achieved, quota) FROM s1.rep_rows) x', k))::attainment AS a) v;
        INSERT INTO results VALUES ('attainment', format('attainment_by_rep(%s, achieved, quota)', k), 'value',
            'reps split: reps_at_quota(rollup of shard attainment_by_rep) <> single node (the old pattern is wrong)',
            at IS DISTINCT FROM single_at AND att IS DISTINCT FROM single_att,
            format('single node %s reps at quota, rollup of attainment_by_rep %s', single_at, at));
    END LOOP;
END $$;

-- what failed
SELECT family, call, check_name, left(detail, 2000) AS detail
FROM results WHERE NOT ok ORDER BY family, call;
-- the per-rep figures when reps are split
SELECT call, check_name, ok, split_part(detail, '; plan', 1) AS detail
FROM results WHERE check_name LIKE 'reps split%' ORDER BY call, check_name;
SELECT count(DISTINCT family) AS families, count(DISTINCT call) AS aggregate_calls, count(*) AS checks,
       count(*) FILTER (WHERE NOT ok) AS failed
FROM results \gset
\echo sharded: :families families, :aggregate_calls aggregate calls, :checks checks, :failed failed
SELECT :failed = 0 AS all_passed \gset
\if :all_passed
\else
DO $$ BEGIN RAISE EXCEPTION 'sharded checks failed (listed above)'; END $$;
\endif
