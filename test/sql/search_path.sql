-- Installing into a non-public schema under a hostile search_path, using the
-- extension from a session whose search_path holds look-alike objects, and
-- DROP / CREATE EXTENSION again.
--
-- How checked: a correct install resolves every support function to the
-- extension's own schema (listed below), and the planted look-alikes, which
-- would raise 'hijacked' if called, are never called.  The aggregate list is
-- every aggregate of the install scripts (33 with 0.5.0's attainment_by_rep,
-- 134 with the rest of 0.7.0's, 147 with rep_attainment's 12 aggregates
-- and rollup(rep_attainment): the 'aggregate' count the upgrade test works
-- out from the scripts), each with 0 support functions outside the schema.  Fixture values as in
-- pipeline.sql (kpi-definitions.md section 1: 11407.4048; section 2: 0.6).
-- The summary types' operators (0.7.0: 6 per type, 18) and their operator
-- classes' members (per type btree 5 operators and 1 function, hash 1 and
-- 1: 24) must all live in kpi with their functions, and DISTINCT on a
-- summary column under the hostile path finds them through the type:
-- section 3's six pairs give 6 distinct one-pair summaries.

DROP EXTENSION salesops;

CREATE SCHEMA evil;
-- look-alikes an attacker could plant for the names the script uses
CREATE FUNCTION evil.weighted_pipeline(numeric, numeric) RETURNS numeric
    LANGUAGE plpgsql AS $$ BEGIN RAISE 'hijacked'; END $$;
CREATE FUNCTION evil.win_rate_final(bigint[]) RETURNS float8
    LANGUAGE plpgsql AS $$ BEGIN RAISE 'hijacked'; END $$;
CREATE FUNCTION evil.numeric(float8) RETURNS numeric
    LANGUAGE plpgsql AS $$ BEGIN RAISE 'hijacked'; END $$;
CREATE FUNCTION evil.win_rate(boolean) RETURNS float8
    LANGUAGE plpgsql AS $$ BEGIN RAISE 'hijacked'; END $$;
CREATE FUNCTION evil.numeric_abs(numeric) RETURNS numeric
    LANGUAGE plpgsql AS $$ BEGIN RAISE 'hijacked'; END $$;

CREATE SCHEMA kpi;
SET search_path = evil, public;
CREATE EXTENSION salesops SCHEMA kpi;

-- every support function of every aggregate lives in kpi
SELECT a.aggfnoid::regprocedure AS aggregate,
       count(*) FILTER (WHERE n.nspname <> 'kpi') AS support_functions_outside_kpi
FROM pg_aggregate a
JOIN pg_proc f ON f.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn,
                            a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn)
JOIN pg_namespace n ON n.oid = f.pronamespace
WHERE a.aggfnoid::regproc::text LIKE 'kpi.%'
GROUP BY 1 ORDER BY a.aggfnoid::regprocedure::text;

-- the operators of the summary types and their operator classes' members
-- live in kpi, with their functions
SELECT count(*) AS operators,
       count(*) FILTER (WHERE o.oprnamespace <> 'kpi'::regnamespace OR p.pronamespace <> 'kpi'::regnamespace) AS outside_kpi
FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode
WHERE o.oprleft IN ('kpi.forecast_error'::regtype, 'kpi.deal_summary'::regtype, 'kpi.attainment'::regtype);
SELECT count(*) AS opclass_members,
       count(*) FILTER (WHERE o.oprnamespace <> 'kpi'::regnamespace OR f.pronamespace <> 'kpi'::regnamespace) AS outside_kpi
FROM pg_opclass c
JOIN (SELECT amopfamily AS family, amopopr AS opr, NULL::oid AS proc FROM pg_amop
      UNION ALL SELECT amprocfamily, NULL, amproc FROM pg_amproc) m ON m.family = c.opcfamily
LEFT JOIN pg_operator o ON o.oid = m.opr
LEFT JOIN pg_proc f ON f.oid = m.proc
WHERE c.opcintype IN ('kpi.forecast_error'::regtype, 'kpi.deal_summary'::regtype, 'kpi.attainment'::regtype);

-- qualified calls work with look-alikes first on the search_path
CREATE TABLE public.deals_s (won boolean, amount numeric, probability numeric);
INSERT INTO public.deals_s VALUES (true, 12000, 1.0), (true, 30000, 1.0), (true, 8000, 1.0),
    (false, 20000, 0.0), (false, 40000, 0.0), (NULL, 10000, 0.10), (NULL, 25000, 0.40), (NULL, 1234.56, 0.33);
SELECT kpi.weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS open_wp,
       kpi.weighted_pipeline(amount, probability::float8) FILTER (WHERE won IS NULL) AS open_wp_float8_p,
       kpi.win_rate(won) AS win_rate,
       kpi.value_win_rate(won, amount) AS value_win_rate
FROM public.deals_s;

-- forecast family (kpi-definitions.md section 3 fixture: MAE 7.5, WAPE 0.09)
SELECT kpi.mae(kpi.forecast_error(f, a)) AS mae, kpi.wape(f, a) AS wape,
       kpi.mae(kpi.rollup(s)) AS mae_of_rollup
FROM (SELECT f, a, kpi.forecast_error(f, a) OVER (ROWS CURRENT ROW) AS s
      FROM (VALUES (110::numeric, 100::numeric), (180, 200), (60, 50), (5, 0), (150, 150), (0, 0)) v(f, a)) x;
SELECT count(DISTINCT s) AS distinct_summaries, count(*) FILTER (WHERE s OPERATOR(kpi.=) s) AS self_equal
FROM (SELECT kpi.forecast_error(f, a) OVER (ROWS CURRENT ROW) AS s
      FROM (VALUES (110::numeric, 100::numeric), (180, 200), (60, 50), (5, 0), (150, 150), (0, 0)) v(f, a)) x;

-- attainment family (kpi-definitions.md section 4 fixture: 1.0128204871794872,
-- 2 of 4 reps at quota) and fiscal periods (29 February 2024, year from February: FY2025 Q1)
SELECT kpi.quota_attainment(kpi.attainment(a, q)) AS attainment, kpi.pct_at_quota(a, q) AS pct_at_quota,
       kpi.reps_at_quota(kpi.rollup(s)) AS at_quota_of_rollup,
       kpi.fiscal_quarter_label(date '2024-02-29', 2) AS quarter
FROM (SELECT a, q, kpi.attainment(a, q) OVER (ROWS CURRENT ROW) AS s
      FROM (VALUES (120000::numeric, 100000::numeric), (100000, 100000), (45000, 90000),
                   (99999.99, 100000), (30000, 0)) v(a, q)) x;

-- an installed extension cannot be re-created over, nor its objects replaced
-- silently; the errors are core's, so their SQLSTATEs are shown, not core's
-- wording: 42710 duplicate_object, then 42723 duplicate_function
\set VERBOSITY sqlstate
CREATE EXTENSION salesops SCHEMA kpi;
RESET search_path;
DROP EXTENSION salesops;
SELECT count(*) AS leftover_objects FROM pg_proc WHERE pronamespace = 'kpi'::regnamespace;

-- planting a member's exact signature in the target schema makes CREATE EXTENSION fail
-- (no CREATE OR REPLACE in the script), instead of adopting the planted function
CREATE FUNCTION kpi.win_rate_final(bigint[]) RETURNS float8
    LANGUAGE sql AS 'SELECT 42::float8';
-- (no CONTEXT line: 18 adds one naming the script line)
\set SHOW_CONTEXT never
CREATE EXTENSION salesops SCHEMA kpi;
\set VERBOSITY default
\set SHOW_CONTEXT errors
DROP FUNCTION kpi.win_rate_final(bigint[]);

DROP SCHEMA evil CASCADE;
DROP SCHEMA kpi;
DROP TABLE public.deals_s;

-- and back to the default install, working as before
CREATE EXTENSION salesops;
SELECT win_rate(won) FROM (VALUES (true), (false), (NULL)) v(won);  -- 1/2
