-- bench/schema.sql: the benchmark's schema, deterministic random numbers and
-- the server-side timer.  Run once on the throwaway cluster by bench/run.sh,
-- before the two generators (bench/gen_*.sql) create and fill the tables.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS salesops;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;

DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

------------------------------------------------------------------------------
-- deterministic pseudo-random numbers (as demo/generate.sql): every "random"
-- number is a hash of a key and a stream number, never random()
------------------------------------------------------------------------------

-- uniform in (0, 1): 53 bits of the hash of (key, stream)
CREATE FUNCTION bench.u(k bigint, stream integer) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (((hashint8extended(k, stream) >> 11) & 9007199254740991)::float8 + 0.5)
           / 9007199254740992.0;

-- standard normal (Box-Muller on two streams)
CREATE FUNCTION bench.z(k bigint, stream integer) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN sqrt(-2.0 * ln(bench.u(k, stream))) * cos(2.0 * pi() * bench.u(k, stream + 1000));

------------------------------------------------------------------------------
-- weighted_pipeline as it was before 0.7.0 for moving windows: the same
-- forward functions without an inverse transition, so PostgreSQL recomputes
-- every frame (the "window" shape compares the two)
------------------------------------------------------------------------------

CREATE AGGREGATE bench.weighted_pipeline_no_inverse(numeric, numeric) (
    SFUNC = weighted_pipeline_trans, STYPE = exact_ratio_state, FINALFUNC = weighted_pipeline_final);
CREATE AGGREGATE bench.quota_attainment_no_inverse(numeric, numeric) (
    SFUNC = quota_attainment_trans, STYPE = exact_ratio_state, FINALFUNC = quota_attainment_final);

------------------------------------------------------------------------------
-- the timer
------------------------------------------------------------------------------

-- Time a list of queries, interleaved: 'warmups' untimed rounds, then
-- 'runs' timed rounds, each running every query once (the round's first
-- query rotates, so no query always follows the same one).  Returns each
-- timed run's wall time in milliseconds, measured in the server
-- (clock_timestamp() around a dynamic EXECUTE): no client, no network, no
-- result transfer.  EXECUTE without INTO runs the query to completion and
-- discards the rows; a one-shot SPI plan may be parallel (bench/bench.py
-- checks the plan with bench.explain in the same session and settings).
-- Interleaving spreads any slow period of a shared machine over all the
-- queries compared.
CREATE FUNCTION bench.time_queries(qs text[], runs integer, warmups integer DEFAULT 1)
    RETURNS TABLE (query_no integer, run_no integer, ms float8)
    LANGUAGE plpgsql AS
$$
DECLARE
    n   integer := cardinality(qs);
    t0  timestamptz;
BEGIN
    FOR r IN 1 .. warmups LOOP
        FOR i IN 1 .. n LOOP
            EXECUTE qs[i];
        END LOOP;
    END LOOP;
    FOR r IN 1 .. runs LOOP
        FOR j IN 0 .. n - 1 LOOP
            query_no := 1 + (j + r - 1) % n;
            t0 := clock_timestamp();
            EXECUTE qs[query_no];
            ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
            run_no := r;
            RETURN NEXT;
        END LOOP;
    END LOOP;
END
$$;

-- EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) of q as one-line jsonb: the plan
-- actually run (workers planned and launched, shared blocks read).  It runs
-- the query to completion, so it is also the query's warm-up.
CREATE FUNCTION bench.explain(q text) RETURNS jsonb
    LANGUAGE plpgsql AS
$$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) ' || q INTO plan;
    RETURN plan::jsonb;
END
$$;
