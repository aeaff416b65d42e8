-- What a role without superuser rights can do with the extension, and that
-- the support functions that take or return "internal" cannot be abused
-- from SQL.  test/README.md ("Security") draws the conclusions.
--
-- How checked: each statement's outcome follows from PostgreSQL's rules
-- (CREATE EXTENSION of a trusted extension needs CREATE on the database; no SQL
-- value can have type internal; CREATE AGGREGATE with an internal
-- state needs superuser; AggCheckCallContext is false outside an
-- aggregate) and from the fixture values of forecast.sql / pipeline.sql.
-- Where core, not salesops, raises the error, the test shows its SQLSTATE
-- or only that the statement is refused, never core's wording, which can
-- change between minor releases (it did for NULL::internal between 15.18
-- and 15.20).

-- resolves(statement): whether PostgreSQL accepts the statement as a
-- prepared statement, that is through parse analysis, where function calls
-- are resolved; PREPARE plans and runs nothing, so a refused call never
-- reaches our code.  The error core raises for a NULL::internal argument is
-- not shown: its wording, and even its SQLSTATE, depend on the minor release
-- (15.20 refuses the cast itself, 42846 cannot_coerce; internal's input
-- function, which is not strict, refuses even a NULL).  A syntax error is
-- re-raised, so a typo here cannot pass for a refused call.
CREATE FUNCTION pg_temp.resolves(statement text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'PREPARE salesops_roles_probe AS ' || statement;
  EXECUTE 'DEALLOCATE salesops_roles_probe';
  RETURN true;
EXCEPTION
  WHEN syntax_error THEN
    RAISE;
  WHEN OTHERS THEN
    RETURN false;
END $$;

CREATE ROLE salesops_analyst LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE SCHEMA analyst AUTHORIZATION salesops_analyst;
GRANT CREATE ON DATABASE :"DBNAME" TO salesops_analyst;

-- the extension is trusted (0.7.0): a role with CREATE on the database
-- installs it (its script still runs with the bootstrap superuser's rights,
-- the objects belong to that role), updates it and drops it
DROP EXTENSION salesops;
SET ROLE salesops_analyst;
CREATE EXTENSION salesops SCHEMA analyst VERSION '0.1.0';
ALTER EXTENSION salesops UPDATE;
SELECT extversion = (SELECT default_version FROM pg_available_extensions WHERE name = 'salesops') AS updated,
       extowner::regrole AS owner
FROM pg_extension WHERE extname = 'salesops';
SELECT analyst.win_rate(won) FROM (VALUES (true), (false)) v(won);   -- 1/2
DROP EXTENSION salesops;
-- a look-alike of a member planted in its schema makes the install fail
-- (no CREATE OR REPLACE adopts it): SQLSTATE 42723 duplicate_function
CREATE FUNCTION analyst.win_rate_final(bigint[]) RETURNS float8 LANGUAGE sql AS 'SELECT 42::float8';
\set VERBOSITY sqlstate
\set SHOW_CONTEXT never
CREATE EXTENSION salesops SCHEMA analyst;
\set SHOW_CONTEXT errors
\set VERBOSITY default
DROP FUNCTION analyst.win_rate_final(bigint[]);
RESET ROLE;
-- without CREATE on the database a role cannot install it
-- (SQLSTATE 42501 insufficient_privilege)
REVOKE CREATE ON DATABASE :"DBNAME" FROM salesops_analyst;
SET ROLE salesops_analyst;
\set VERBOSITY sqlstate
CREATE EXTENSION salesops SCHEMA analyst;
\set VERBOSITY default
RESET ROLE;
GRANT CREATE ON DATABASE :"DBNAME" TO salesops_analyst;
CREATE EXTENSION salesops;
SET ROLE salesops_analyst;
SET search_path = analyst, public;

-- every user-facing function, aggregate and type works
CREATE TABLE analyst.fc (f numeric, a numeric);
INSERT INTO analyst.fc VALUES (110, 100), (180, 200), (60, 50), (5, 0), (150, 150), (0, 0);
CREATE TABLE analyst.stored AS SELECT f, forecast_error(f, a) OVER (ROWS CURRENT ROW) AS s FROM analyst.fc;
SELECT mae(rollup(s)), wape(rollup(s)), forecast_count(rollup(s)) FROM analyst.stored;
SELECT weighted_pipeline(amount, probability), win_rate(won), value_win_rate(won, amount),
       win_rate(deal_summary(won, amount, probability, NULL, NULL))
FROM (VALUES (true, 12000, 1.0), (false, 20000, 0.0), (NULL, 10000, 0.10)) AS d(won, amount, probability);

-- support functions with an "internal" argument or result cannot be
-- called from SQL at all: no SQL value has type internal (a constant cannot
-- be cast to it, and no function returns it without taking it), so such a
-- call never resolves (f); the functions on exact_ratio_state and
-- float_ratio_state (0.7.0), of real types, do (t).
-- (The controls are typed: how an untyped NULL resolves against these
-- overloads changed within 15.x minors, 15.18 to 15.20.)
SELECT call, pg_temp.resolves('SELECT ' || call) AS resolves
FROM (VALUES ($$attainment_by_rep_deserialize('\x01'::bytea, NULL)$$),
             ('weighted_pipeline_moving_final(NULL::internal)'),
             ('forecast_error_recv(NULL::internal)'),
             ('weighted_pipeline_moving_trans(NULL::internal, 1::numeric, 1::numeric)'),
             ('value_win_rate_trans(NULL::exact_ratio_state, true, 1::numeric)'),
             ('weighted_pipeline_trans(NULL::float_ratio_state, 1::float8, 1::float8)'),
             ('weighted_pipeline_combine(NULL::float_ratio_state, NULL::float_ratio_state)')) AS v(call);
-- which run on real types: 1 x 1 from no state (one row, numerator 1); two
-- NULL states combine to NULL (STRICT)
SELECT weighted_pipeline_trans(NULL::float_ratio_state, 1::float8, 1::float8) AS float8_overload,
       weighted_pipeline_combine(NULL::float_ratio_state, NULL::float_ratio_state) AS float8_combine;

-- nor can a non-superuser build an aggregate around them (SQLSTATE 42P13
-- invalid_function_definition: a transition type internal is refused)
\set VERBOSITY sqlstate
CREATE AGGREGATE analyst.my_pipeline(numeric, numeric) (
    SFUNC = weighted_pipeline_trans, STYPE = internal, FINALFUNC = weighted_pipeline_final);
\set VERBOSITY default

-- support functions of real types can be called by hand: they validate
-- their input and work on a copy, never on the caller's stored value
SELECT win_rate_trans('{1,2}', true) AS trans_copy, win_rate_final('{1,4}') AS final;
SELECT win_rate_trans('{1,2,3}', true);
SELECT win_rate_final('{1,NULL}');
SELECT sales_cycle_avg_trans('{1}', '2024-01-01', '2024-01-02');
SELECT forecast_count(forecast_error_trans(s, 1::numeric, 2::numeric)) AS one_more,
       forecast_count(s) AS stored_unchanged
FROM (SELECT rollup(s) AS s FROM analyst.stored) x;

-- an aggregate of one's own around the real-typed functions is allowed:
-- the state it updates in place is its own copy, so stored values stay
-- as they were
CREATE AGGREGATE analyst.my_rollup(forecast_error) (SFUNC = forecast_error_combine, STYPE = forecast_error);
SELECT forecast_count(analyst.my_rollup(s)) AS rolled_up FROM analyst.stored;
SELECT f, forecast_count(analyst.my_rollup(s) OVER (ORDER BY f ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)) AS window_rollup
FROM analyst.stored ORDER BY f;
SELECT count(*) AS stored_rows, sum(forecast_count(s)) AS stored_counts FROM analyst.stored;
CREATE AGGREGATE analyst.my_win_rate(boolean) (SFUNC = win_rate_trans, STYPE = bigint[], FINALFUNC = win_rate_final,
                                               INITCOND = '{0,0}');
SELECT analyst.my_win_rate(won) FROM (VALUES (true), (false), (true), (true)) v(won);
CREATE AGGREGATE analyst.bad_win_rate(boolean) (SFUNC = win_rate_trans, STYPE = bigint[], INITCOND = '{0}');
SELECT analyst.bad_win_rate(won) FROM (VALUES (true)) v(won);

RESET ROLE;
RESET search_path;
DROP SCHEMA analyst CASCADE;
REVOKE CREATE ON DATABASE :"DBNAME" FROM salesops_analyst;
DROP ROLE salesops_analyst;
