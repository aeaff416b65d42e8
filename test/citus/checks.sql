-- Run on the Citus coordinator by test/citus.sh: schema crm holds every
-- row (the single node), dist the same rows distributed by id.  For every
-- call of test/sharded/calls.sql: is it split (EXPLAIN VERBOSE: the workers
-- run worker_partial_agg, the coordinator coord_combine_agg), and does its
-- answer over dist equal the single node's, as text?  Expected: every call
-- split (0.7.0: no aggregate keeps an internal state; attainment_by_rep's
-- is a rep_attainment, median_deal_size's a bytea; moving-window states,
-- which Citus does not use, are internal), and every answer equal bit for
-- bit, float8 sums included (exact since 0.7.0): attainment_by_rep's too
-- over rep_rows, whose reps' rows are spread over the shards by row id.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
-- (Citus warns that functions in pg_temp stay on the coordinator: they do)
SET client_min_messages = error;
\ir ../sharded/calls.sql
SET client_min_messages = warning;

CREATE TEMP TABLE results (family text, call text, kind text, split boolean,
                           equal boolean, single text, distributed text, plan text);
DO $$
DECLARE
    c record;
    plan text;
BEGIN
    FOR c IN SELECT * FROM calls LOOP
        plan := pg_temp.plan_of(format('SELECT %s FROM dist.%I', c.call, c.tbl));
        INSERT INTO results
        SELECT c.family, c.call, c.kind, plan LIKE '%worker_partial_agg%' AND plan LIKE '%coord_combine_agg%',
               s = d, s, d, plan
        FROM pg_temp.value_of(format('SELECT %s FROM crm.%I', c.call, c.tbl)) s,
             pg_temp.value_of(format('SELECT %s FROM dist.%I', c.call, c.tbl)) d;
    END LOOP;
END $$;

-- stored per-rep summaries, distributed like any table: one rep_attainment
-- per id % 16 (so each rep's rows are spread over 16 summaries on several
-- shards); rollup() over them splits, and it and the reps at quota read
-- from it are the single node's
CREATE TABLE dist.rep_summaries (id bigint, r rep_attainment);
SELECT create_distributed_table('dist.rep_summaries', 'id') \gset
INSERT INTO dist.rep_summaries SELECT id % 16, rep_attainment(rep_t, achieved, quota) FROM crm.rep_rows GROUP BY 1;
INSERT INTO results
SELECT 'attainment', q.call, 'summary', plan LIKE '%worker_partial_agg%' AND plan LIKE '%coord_combine_agg%',
       s = d, s, d, plan
FROM (VALUES ('rollup(r) of stored rep_attainment(rep_t, ...)', 'SELECT rollup(r) FROM dist.rep_summaries',
              'SELECT rep_attainment(rep_t, achieved, quota) FROM crm.rep_rows'),
             ('reps_at_quota(attainment(rollup(r))) of stored rep_attainment(rep_t, ...)',
              'SELECT reps_at_quota(attainment(rollup(r))) FROM dist.rep_summaries',
              'SELECT reps_at_quota(attainment_by_rep(rep_t, achieved, quota)) FROM crm.rep_rows')) q(call, dist_query, single_query),
     pg_temp.plan_of(q.dist_query) plan, pg_temp.value_of(q.single_query) s, pg_temp.value_of(q.dist_query) d;

\pset format aligned
SELECT family, call, CASE WHEN split THEN 'split' ELSE 'GATHERED' END AS on_workers,
       CASE WHEN equal THEN 'equal' ELSE 'DIFFERS' END AS answer
FROM results ORDER BY family, call;
-- what is wrong: an exact answer that differs, an aggregate gathered
SELECT family, call, single, distributed, left(plan, 3000) AS plan
FROM results WHERE NOT equal OR NOT split;
SELECT count(*) AS calls, count(*) FILTER (WHERE split) AS split, count(*) FILTER (WHERE NOT split) AS gathered,
       count(*) FILTER (WHERE equal) AS equal,
       count(*) FILTER (WHERE NOT equal OR NOT split) AS failed
FROM results \gset
\echo citus: :calls aggregate calls, :split split on the workers, :gathered gathered, :equal equal to the single node bit for bit, :failed failed
SELECT :failed = 0 AS all_passed \gset
\if :all_passed
\else
DO $$ BEGIN RAISE EXCEPTION 'citus checks failed (listed above)'; END $$;
\endif
