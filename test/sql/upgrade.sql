-- Upgrades: install the oldest version, update step by step to the default,
-- and compare every member object with a fresh install of the default:
-- every member by kind (functions, aggregates, types, operators, casts and
-- anything else), its properties (volatility, parallel safety, strictness,
-- cost, security, arguments with names and defaults, ACL, support
-- functions, state types, I/O functions, alignment, storage) and its
-- comment.  Objects that depend on members, and summaries stored under an
-- older version, survive the updates.
-- How checked: the two catalog snapshots must be identical (both EXCEPT
-- directions empty); the update path is the chain of sql/salesops--A--B.sql.
-- The object count is worked out from the scripts: 0.5.0 adds 6 pg_proc
-- members (5 support functions and the aggregate), each a 'member' and a
-- 'function' row, and 1 'aggregate' row: 295 + 13 = 308.
-- (There is no install script of the default version: a fresh install runs
-- the same chain, so this guards against objects an update script leaves
-- behind or forgets.)

DROP EXTENSION salesops;

CREATE FUNCTION pg_temp.salesops_catalog() RETURNS TABLE (kind text, object text, properties text)
LANGUAGE sql AS $$
  WITH member AS (
    SELECT d.classid, d.objid FROM pg_depend d
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'salesops'))
  -- every member, whatever its kind (operators, casts, operator classes ...
  -- would show here even without the detailed rows below)
  SELECT 'member', pg_describe_object(m.classid, m.objid, 0),
         obj_description(m.objid, m.classid::regclass::name)
  FROM member m
  UNION ALL
  SELECT 'function', p.oid::regprocedure::text,
         concat_ws(' ', p.prokind, p.provolatile, p.proparallel, p.proisstrict, p.prorettype::regtype,
                   p.prosrc, p.probin, p.prolang::regproc, p.procost, p.prorows, p.prosecdef, p.proleakproof,
                   p.proretset, p.prosupport, p.proconfig, p.proacl,
                   pg_get_function_arguments(p.oid), obj_description(p.oid, 'pg_proc'))
  FROM pg_proc p JOIN member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
  UNION ALL
  SELECT 'aggregate', a.aggfnoid::regprocedure::text,
         concat_ws(' ', a.aggkind, a.aggnumdirectargs, a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn,
                   a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn, a.aggfinalextra,
                   a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify, a.aggsortop, a.aggtranstype::regtype,
                   a.aggtransspace, a.aggmtranstype::regtype, a.aggmtransspace, a.agginitval, a.aggminitval)
  FROM pg_aggregate a JOIN member m ON m.classid = 'pg_proc'::regclass AND m.objid = a.aggfnoid
  UNION ALL
  SELECT 'type', t.typname,
         concat_ws(' ', t.typinput, t.typoutput, t.typreceive, t.typsend, t.typmodin, t.typmodout, t.typanalyze,
                   t.typsubscript, t.typlen, t.typbyval, t.typtype, t.typcategory, t.typispreferred, t.typdelim,
                   t.typelem::regtype, t.typarray::regtype, t.typalign, t.typstorage, t.typcollation, t.typacl,
                   obj_description(t.oid, 'pg_type'))
  FROM pg_type t JOIN member m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
  UNION ALL
  SELECT 'operator', o.oid::regoperator::text,
         concat_ws(' ', o.oprkind, o.oprresult::regtype, o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator,
                   o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash, obj_description(o.oid, 'pg_operator'))
  FROM pg_operator o JOIN member m ON m.classid = 'pg_operator'::regclass AND m.objid = o.oid
  UNION ALL
  SELECT 'cast', format('%s -> %s', c.castsource::regtype, c.casttarget::regtype),
         concat_ws(' ', c.castfunc::regprocedure, c.castcontext, c.castmethod, obj_description(c.oid, 'pg_cast'))
  FROM pg_cast c JOIN member m ON m.classid = 'pg_cast'::regclass AND m.objid = c.oid
  UNION ALL
  SELECT 'extension', e.extname,
         concat_ws(' ', e.extversion, e.extrelocatable, e.extnamespace::regnamespace, e.extconfig, e.extcondition)
  FROM pg_extension e WHERE e.extname = 'salesops'
$$;

-- every version is reachable from the oldest
SELECT target, path FROM pg_extension_update_paths('salesops')
WHERE source = '0.1.0' AND path IS NOT NULL ORDER BY target;

CREATE EXTENSION salesops VERSION '0.1.0';
SELECT extversion FROM pg_extension WHERE extname = 'salesops';
SELECT win_rate(won) FROM (VALUES (true), (false)) v(won);     -- 0.1.0 works: 1/2
-- user objects that depend on the old version's members survive the updates
CREATE TEMP VIEW kpi_view AS
SELECT weighted_pipeline(amount, probability) AS wp, win_rate(won) AS wr
FROM (VALUES (true, 12000::numeric, 1.0), (NULL, 10000, 0.10), (false, 5, 0)) v(won, amount, probability);
ALTER EXTENSION salesops UPDATE TO '0.2.0';
-- summaries stored under 0.2.0 are read the same under the default version
CREATE TEMP TABLE stored_020 AS
SELECT forecast_error(f, a) AS s, forecast_error(f::float8, a::float8) AS s8
FROM (VALUES (110, 100), (180, 200), (60, 50), (5, 0), (150, 150), (0, 0)) AS f(f, a);
CREATE TEMP TABLE stored_020_text AS SELECT s::text AS s, s8::text AS s8, mae(s) AS mae, wape(s8) AS wape FROM stored_020;
ALTER EXTENSION salesops UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'salesops';
SELECT * FROM kpi_view;   -- 12000 x 1.0 + 10000 x 0.10 + 5 x 0 = 13000.00; 1/2
SELECT o.s = n.s::text AS same_text, o.s8 = n.s8::text AS same_text8,
       o.mae = mae(n.s) AS same_mae, o.wape = wape(n.s8) AS same_wape, forecast_count(n.s) AS count
FROM stored_020_text o, stored_020 n;
DROP VIEW kpi_view;
DROP TABLE stored_020, stored_020_text;
CREATE TEMP TABLE upgraded AS SELECT * FROM pg_temp.salesops_catalog();

DROP EXTENSION salesops;
CREATE EXTENSION salesops;
CREATE TEMP TABLE fresh AS SELECT * FROM pg_temp.salesops_catalog();

SELECT (SELECT count(*) FROM fresh) AS fresh_objects,
       (SELECT count(*) FROM upgraded) AS upgraded_objects,
       (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM upgraded) x) AS only_fresh,
       (SELECT count(*) FROM (SELECT * FROM upgraded EXCEPT SELECT * FROM fresh) x) AS only_upgraded;

-- the comparison is sensitive: a changed comment (member and function
-- rows), a revoked grant and a changed cost are 4 differing rows
COMMENT ON AGGREGATE win_rate(boolean) IS 'changed';
REVOKE EXECUTE ON FUNCTION mae(forecast_error) FROM PUBLIC;
ALTER FUNCTION wape(forecast_error) COST 2;
SELECT count(*) AS differences FROM (SELECT * FROM pg_temp.salesops_catalog() EXCEPT SELECT * FROM fresh) x;
DROP EXTENSION salesops;
CREATE EXTENSION salesops;
SELECT count(*) AS differences FROM (SELECT * FROM pg_temp.salesops_catalog() EXCEPT SELECT * FROM fresh) x;

-- a summary stored under 0.2.0 reads the same after the update to the default
DROP EXTENSION salesops;
CREATE EXTENSION salesops VERSION '0.2.0';
CREATE TABLE upgrade_fc AS
SELECT forecast_error(f, a) AS s FROM (VALUES (110::numeric, 100::numeric), (180, 200)) v(f, a);
SELECT mae(s), s FROM upgrade_fc;     -- (10 + 20) / 2 = 15
ALTER EXTENSION salesops UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'salesops';
SELECT mae(s), s FROM upgrade_fc;
DROP TABLE upgrade_fc;
