-- Upgrades: install the oldest version, update step by step to the default,
-- and compare every member object with a fresh install of the default.
-- How checked: the two catalog snapshots must be identical (both EXCEPT
-- directions empty); the update path is the chain of sql/salesops--A--B.sql.

DROP EXTENSION salesops;

CREATE FUNCTION pg_temp.salesops_catalog() RETURNS TABLE (kind text, object text, properties text)
LANGUAGE sql AS $$
  SELECT 'function', p.oid::regprocedure::text,
         concat_ws(' ', p.prokind, p.provolatile, p.proparallel, p.proisstrict, p.prorettype::regtype,
                   p.prosrc, obj_description(p.oid, 'pg_proc'))
  FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'salesops')
  UNION ALL
  SELECT 'aggregate', a.aggfnoid::regprocedure::text,
         concat_ws(' ', a.aggkind, a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
                   a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn, a.aggfinalmodify, a.aggtranstype::regtype,
                   a.aggtransspace, a.agginitval, a.aggminitval)
  FROM pg_aggregate a JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'salesops')
  UNION ALL
  SELECT 'type', t.typname,
         concat_ws(' ', t.typinput, t.typoutput, t.typreceive, t.typsend, t.typlen, t.typalign, t.typstorage,
                   obj_description(t.oid, 'pg_type'))
  FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'salesops')
$$;

-- every version is reachable from the oldest
SELECT target, path FROM pg_extension_update_paths('salesops')
WHERE source = '0.1.0' AND path IS NOT NULL ORDER BY target;

CREATE EXTENSION salesops VERSION '0.1.0';
SELECT extversion FROM pg_extension WHERE extname = 'salesops';
SELECT win_rate(won) FROM (VALUES (true), (false)) v(won);     -- 0.1.0 works: 1/2
ALTER EXTENSION salesops UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'salesops';
CREATE TEMP TABLE upgraded AS SELECT * FROM pg_temp.salesops_catalog();

DROP EXTENSION salesops;
CREATE EXTENSION salesops;
CREATE TEMP TABLE fresh AS SELECT * FROM pg_temp.salesops_catalog();

SELECT (SELECT count(*) FROM fresh) AS fresh_objects,
       (SELECT count(*) FROM upgraded) AS upgraded_objects,
       (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM upgraded) x) AS only_fresh,
       (SELECT count(*) FROM (SELECT * FROM upgraded EXCEPT SELECT * FROM fresh) x) AS only_upgraded;

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
