-- Upgrades: install the oldest version, update step by step to the default,
-- and compare every member object with a fresh install of the default:
-- every member by kind (functions, aggregates, types, operators, casts and
-- anything else), its properties (volatility, parallel safety, strictness,
-- cost, security, arguments with names and defaults, ACL, support
-- functions, state types, I/O functions, alignment, storage) and its
-- comment.  A fresh install runs the install script of the default version,
-- sql/salesops--<default>.sql, built from sql/salesops.sql; the update path
-- runs sql/salesops--0.1.0.sql and then every sql/salesops--A--B.sql.  The
-- two are written separately, so this is a real check: an object the single
-- script gets wrong, or an update script leaves behind or forgets, shows up
-- here.  Objects that depend on members, and summaries stored under every
-- older version, survive the updates.
--
-- How checked:
-- * The two catalog snapshots must be identical object by object: the rows
--   only one of them has are listed, and there must be none.
-- * The update paths are the chains of sql/salesops--A--B.sql: one script
--   per version from 0.1.0 to 0.7.0 (0.5.0--0.6.0 is empty), so each older
--   version reaches the default through every later one.
-- * The object counts are worked out from the scripts: sql/salesops.sql has
--   101 CREATE FUNCTION, 33 CREATE AGGREGATE and 3 types (each a shell type,
--   then its definition); the chain has the same (20 + 19 + 29 + 28 + 5
--   functions, 6 + 15 + 6 + 5 + 1 aggregates, a type each in 0.2.0, 0.3.0
--   and 0.4.0; 0.6.0 adds nothing).  Rows: 'member' 101 + 33 + 3 = 137,
--   'function' (pg_proc: functions and aggregates) 134, 'aggregate' 33,
--   'type' 3, 'extension' 1; 308 in all.
--   0.7.0 (salesops--0.6.0--0.7.0.sql; the same blocks end sql/salesops.sql
--   or, for moving windows, sit beside the aggregates they extend) adds, in
--   pg_proc members (each a 'member' and a 'function' row, each aggregate an
--   'aggregate' row too):
--   - real CRM inputs: 11 functions and 5 aggregates (16);
--   - moving windows: 13 functions (nine aggregates replaced with CREATE OR
--     REPLACE AGGREGATE, which keeps them members);
--   - equality and ordering of the summary types: 24 functions, plus per
--     type 6 operators and 2 operator classes, each class with its operator
--     family of the same name (18 operators, 6 classes, 6 families: each a
--     'member' row, each operator an 'operator' row too);
--   - attainment_by_rep over text and uuid keys: 2 aggregates (their
--     transitions are rep_attainment's, below);
--   - deal size: 11 functions (one the accessor median_deal_size of a
--     deal_summary; median_deal_size's state is bytea, so it has no
--     serialize or deserialize function) and 4 aggregates (15);
--   - integer money: a smallint, an integer and a bigint overload of each
--     of the 23 aggregates with numeric amounts (69 aggregates) and of
--     their 28 transition, moving-transition and inverse functions other
--     than attainment_by_rep's (84 functions; its 9 are rep_attainment's);
--   - pipeline flow: the pipeline_flow type (1), its I/O, 2 transition,
--     combine, 4 accessor, pipeline_changes and 3 pipeline_coverage
--     functions and its 8 equality functions (23), 3 aggregates (26), 6
--     operators, 2 operator classes and their 2 families;
--   - unit economics: 5 functions;
--   - churn and retention: 8 functions (churn_rate's transition and
--     inverse; the two retention transitions, their inverses and their
--     shared combine and final) and 3 aggregates (11);
--   - rep turnover: 7 functions (4 transitions, combine, 2 finals) and 6
--     aggregates (13);
--   - the exact_ratio_state type (1) and its 4 I/O functions; the
--     internal-state transition, combine, serialize, deserialize and final
--     functions of value_win_rate(boolean, numeric) (0.1.0) and
--     quota_attainment(numeric, numeric) (0.4.0), 10, are dropped and 6 on
--     the new type (transition, combine and final of each) take their
--     place: 4 - 10 + 6 = 0 functions, 1 member;
--   - stage funnel and time in stage: stage_conversion(boolean), an
--     aggregate over win_rate's functions (1); the stage_funnel and
--     stage_time types (2), each with its I/O (4), 8 equality functions,
--     6 operators, 2 operator classes and their 2 families; stage_funnel's
--     transition, combine and 8 accessors (22 functions), stage_time's
--     2 transitions (int and bigint days), combine, final and 7 accessors
--     (23 functions), stage_funnel's aggregate and rollup, stage_time's 2
--     aggregates and rollup (5): 45 functions and 6 aggregates (51);
--   - leads: the lead_summary type (1) with its I/O (4), 2 transitions,
--     combine, final, 13 accessors and 8 equality functions (29), its 2
--     aggregates and rollup (3), 6 operators, 2 operator classes and their
--     2 families;
--   - weighted_pipeline of numeric amounts on exact_ratio_state: its
--     internal-state transitions (two), combine, serialize, deserialize and
--     final functions (0.1.0), 6, are dropped and 4 on the type (two
--     transitions, combine, final) take their place: -2 functions and
--     members (the integer forms' transitions move to the type in place);
--   - rep_attainment: the type (1) with its I/O (4), 12 transitions (bigint,
--     text and uuid reps, numeric and the three integer amounts), combine,
--     final, attainment(rep_attainment), 8 accessors, rep_attainment_table
--     and 8 equality functions (36), its 12 aggregates and rollup (13), 6
--     operators, 2 operator classes and their 2 families; attainment_by_rep
--     (its 12 aggregates kept in place) moves onto it, and the 5
--     internal-state functions of 0.5.0 are dropped: 49 - 5 = 44 functions;
--   - float_ratio_state: the type (1) and its 4 I/O functions;
--     weighted_pipeline(float8, float8) and value_win_rate(boolean, float8)
--     (kept in place) move onto it: their 5 float8-state functions of 0.1.0
--     are dropped and 10 on the type (each one's transition, combine,
--     final, moving transition and inverse) take their place: 4 - 5 + 10 =
--     9 functions, 10 members.
--   So 'function' 134 + 16 + 13 + 24 + 2 + 15 + 153 + 26 + 5 + 11 + 13 + 0 +
--   51 + 32 - 2 + 44 + 9 = 546, 'aggregate' 33 + 5 + 2 + 4 + 69 + 3 + 3 + 6 +
--   6 + 3 + 13 = 147, 'member' 137 + 55 + 30 + 15 + 153 + 37 + 5 + 11 + 13 +
--   1 + 51 + 2 + 12 + 4 + 4 + 32 + 1 + 6 + 2 + 2 - 2 + 44 + 1 + 6 + 2 + 2 +
--   10 = 636, 'operator' 18 + 6 + 12 + 6 + 6 = 48, 'type' 10, 'extension' 1:
--   636 + 546 + 147 + 48 + 10 + 1 = 1388.
--   (deal_summary values stored in
--   format 1 are read by the current library whatever the SQL version;
--   crm_inputs.sql tests that path, and forecast.sql the same for
--   forecast_error, which the current library writes in format 2, "v2",
--   under every SQL version.)
-- * The stored summaries' figures are worked out by hand beside each query;
--   after the update they must equal, as text, as binary (the send
--   function's bytes) and through the accessors, what was read under the
--   version that stored them.

DROP EXTENSION salesops;

CREATE FUNCTION pg_temp.salesops_catalog() RETURNS TABLE (kind text, object text, properties text)
LANGUAGE sql AS $$
  WITH member AS (
    SELECT d.classid, d.objid FROM pg_depend d
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'salesops')
      -- the implicit array types of our types (members too on 17 and 18)
      AND NOT (d.classid = 'pg_type'::regclass AND d.objid IN (SELECT typarray FROM pg_type)))
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
                   t.typlen, t.typbyval, t.typtype, t.typcategory, t.typispreferred, t.typdelim,
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

-- every version is reachable from the oldest, and the default from every
-- older version
SELECT target, path FROM pg_extension_update_paths('salesops')
WHERE source = '0.1.0' AND path IS NOT NULL ORDER BY target;
SELECT default_version FROM pg_available_extensions WHERE name = 'salesops';
SELECT source, path FROM pg_extension_update_paths('salesops')
WHERE target = '0.7.0' AND path IS NOT NULL ORDER BY source;

CREATE EXTENSION salesops VERSION '0.1.0';
SELECT extversion FROM pg_extension WHERE extname = 'salesops';
SELECT win_rate(won) FROM (VALUES (true), (false)) v(won);     -- 0.1.0 works: 1/2
-- user objects that depend on the old version's members survive the updates
CREATE TEMP VIEW kpi_view AS
SELECT weighted_pipeline(amount, probability) AS wp, win_rate(won) AS wr, value_win_rate(won, amount) AS vwr
FROM (VALUES (true, 12000::numeric, 1.0), (NULL, 10000, 0.10), (false, 5, 0)) v(won, amount, probability);
-- until the update, 0.1.0's definitions run on this library: value_win_rate
-- with its internal state (0.7.0 keeps its exact_ratio_state there) gives
-- 12000 / 12005 = 2400/2401, serially and through 0.1.0's serialize and
-- deserialize in a parallel plan: over i = 1..30000, won when i % 3 = 0,
-- amount i % 7 + 0.5, 35004 / 105000 = 0.3333714285714286 (Python fractions);
-- weighted_pipeline likewise (internal in 0.1.0, an exact_ratio_state since
-- 0.7.0): the amounts sum to 105000, x 0.5 = 52500.00 (scale 1 + 1)
SELECT * FROM kpi_view;
CREATE TABLE legacy_deals AS
SELECT i % 3 = 0 AS won, (i % 7) + 0.5 AS amount FROM generate_series(1, 30000) i;
ANALYZE legacy_deals;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT value_win_rate(won, amount), weighted_pipeline(amount, 0.5) FROM legacy_deals;
SELECT value_win_rate(won, amount), weighted_pipeline(amount, 0.5) FROM legacy_deals;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
SELECT value_win_rate(won, amount), weighted_pipeline(amount, 0.5) FROM legacy_deals;
ALTER EXTENSION salesops UPDATE TO '0.2.0';
-- summaries stored under 0.2.0 are read the same under the default version
CREATE TEMP TABLE stored_020 AS
SELECT forecast_error(f, a) AS s, forecast_error(f::float8, a::float8) AS s8
FROM (VALUES (110, 100), (180, 200), (60, 50), (5, 0), (150, 150), (0, 0)) AS f(f, a);
CREATE TEMP TABLE stored_020_text AS SELECT s::text AS s, s8::text AS s8, mae(s) AS mae, wape(s8) AS wape FROM stored_020;
ALTER EXTENSION salesops UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'salesops';
-- 12000 x 1.0 + 10000 x 0.10 + 5 x 0 = 13000.00; 1/2; 12000 / 12005 =
-- 2400/2401 = 0.9995835068721366 (value_win_rate now on exact_ratio_state)
SELECT * FROM kpi_view;
SELECT o.s = n.s::text AS same_text, o.s8 = n.s8::text AS same_text8,
       o.mae = mae(n.s) AS same_mae, o.wape = wape(n.s8) AS same_wape, forecast_count(n.s) AS count
FROM stored_020_text o, stored_020 n;
DROP VIEW kpi_view;
DROP TABLE stored_020, stored_020_text, legacy_deals;
CREATE TEMP TABLE upgraded AS SELECT * FROM pg_temp.salesops_catalog();

DROP EXTENSION salesops;
CREATE EXTENSION salesops;
CREATE TEMP TABLE fresh AS SELECT * FROM pg_temp.salesops_catalog();

-- object by object: the rows only one snapshot has (none)
SELECT 'only fresh' AS snapshot, * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM upgraded) x
UNION ALL
SELECT 'only upgraded', * FROM (SELECT * FROM upgraded EXCEPT SELECT * FROM fresh) x
ORDER BY kind, object, snapshot;
SELECT kind, count(*) FROM fresh GROUP BY kind ORDER BY kind;   -- see the header
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

-- summaries stored under every older version read the same after the
-- update to the default: each version's new summary is stored in a table
-- and read (text, send bytes, accessors) under the version that stored it,
-- then read again under the default
DROP EXTENSION salesops;
CREATE TEMP TABLE upgrade_seen (what text, version text, s text, bin bytea, kpis text);

CREATE EXTENSION salesops VERSION '0.2.0';
CREATE TABLE upgrade_fc AS
SELECT forecast_error(f, a) AS s FROM (VALUES (110::numeric, 100::numeric), (180, 200)) v(f, a);
-- errors +10 and -20: MAE (10 + 20) / 2 = 15, WAPE 30 / 300 = 0.1, bias
-- -10 / 2 = -5, MAPE (10/100 + 20/200) / 2 = 0.1
SELECT forecast_count(s), mae(s), wape(s), bias(s), mape(s) FROM upgrade_fc;
SELECT mae(s), s FROM upgrade_fc;     -- (10 + 20) / 2 = 15
CREATE TEMP VIEW upgrade_fc_read AS
SELECT 'forecast_error' AS what, s::text AS s, forecast_error_send(s) AS bin,
       concat_ws(' ', forecast_count(s), mae(s), wape(s), bias(s), mape(s), rmse(s), smape(s)) AS kpis
FROM upgrade_fc;
INSERT INTO upgrade_seen SELECT what, '0.2.0', s, bin, kpis FROM upgrade_fc_read;

ALTER EXTENSION salesops UPDATE TO '0.3.0';
CREATE TABLE upgrade_ds AS
SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s
FROM (VALUES (true, 12000::numeric, 1.0::float8, '2024-01-01'::date, '2024-01-31'::date),
             (false, 5000, 0.2, '2024-01-10', '2024-02-09'),
             (NULL, 10000, 0.25, '2024-01-15', NULL)) v(won, amount, probability, created_at, closed_at);
-- one deal each open, won and lost: win rate 1/2; open pipeline 10000,
-- weighted 10000 x 0.25 = 2500; won 12000, lost 5000; the won deal's cycle
-- 1 to 31 January = 30 days, so mean and median 30
SELECT open_deals(s), won_deals(s), lost_deals(s), win_rate(s), open_pipeline(s),
       weighted_pipeline(s) = 2500 AS weighted_2500, won_amount(s), lost_amount(s),
       avg_sales_cycle(s), median_sales_cycle(s)
FROM upgrade_ds;
CREATE TEMP VIEW upgrade_ds_read AS
SELECT 'deal_summary' AS what, s::text AS s, deal_summary_send(s) AS bin,
       concat_ws(' ', open_deals(s), won_deals(s), lost_deals(s), win_rate(s), value_win_rate(s),
                 open_pipeline(s), weighted_pipeline(s), won_amount(s), lost_amount(s), avg_deal_size(s),
                 avg_sales_cycle(s), median_sales_cycle(s), sales_velocity(s)) AS kpis
FROM upgrade_ds;
INSERT INTO upgrade_seen SELECT what, '0.3.0', s, bin, kpis FROM upgrade_ds_read;

ALTER EXTENSION salesops UPDATE TO '0.4.0';
CREATE TABLE upgrade_att AS
SELECT attainment(achieved, quota) AS s
FROM (VALUES (120::numeric, 100::numeric), (80, 100), (50, 0)) v(achieved, quota);
-- two rated rows, 120/100 = 6/5 and 80/100 = 4/5, and one with quota 0:
-- attainment 250 / 200 = 1.25, 1 of 2 at quota, median (6/5 + 4/5) / 2 = 1;
-- the text form lists the ratios in lowest terms, smallest first
SELECT reps(s), zero_quotas(s), total_achieved(s), total_quota(s), quota_attainment(s),
       reps_at_quota(s), pct_at_quota(s), median_attainment(s), s
FROM upgrade_att;
CREATE TEMP VIEW upgrade_att_read AS
SELECT 'attainment' AS what, s::text AS s, attainment_send(s) AS bin,
       concat_ws(' ', reps(s), zero_quotas(s), total_achieved(s), total_quota(s), quota_attainment(s),
                 reps_at_quota(s), pct_at_quota(s), pct_at_quota(s, 0.8), median_attainment(s)) AS kpis
FROM upgrade_att;
INSERT INTO upgrade_seen SELECT what, '0.4.0', s, bin, kpis FROM upgrade_att_read;
-- 0.4.0's quota_attainment (internal state) on this library: (90 + 30) /
-- (120 + 40) = 3/4, and 1/4 of a wide quota of 4e25 (the state's spill)
SELECT quota_attainment(a, q) FROM (VALUES (90::numeric, 120::numeric), (30, 40)) v(a, q);
SELECT quota_attainment(a, q) FROM (VALUES (1e25, 40000000000000000000000000::numeric)) v(a, q);

ALTER EXTENSION salesops UPDATE TO '0.5.0';
CREATE TABLE upgrade_byrep AS
SELECT attainment_by_rep(rep, achieved, quota) AS s
FROM (VALUES (1::int8, 70::numeric, NULL::numeric), (1, 50, NULL), (1, NULL, 100), (2, 80, NULL), (2, NULL, 100),
             (3, NULL, 0), (4, 30, NULL)) v(rep, achieved, quota);
-- per rep: 1 has 70 + 50 = 120 of 100 (6/5), 2 has 80 of 100 (4/5), 3 a
-- quota of 0 and no deal, 4 no quota (left out, its 30 too): achieved
-- 120 + 80 + 0 = 200, quota 200, attainment 1, 1 of 2 at quota, median 1
SELECT reps(s), zero_quotas(s), total_achieved(s), total_quota(s), quota_attainment(s),
       pct_at_quota(s), median_attainment(s), s
FROM upgrade_byrep;
CREATE TEMP VIEW upgrade_byrep_read AS
SELECT 'attainment_by_rep' AS what, s::text AS s, attainment_send(s) AS bin,
       concat_ws(' ', reps(s), zero_quotas(s), total_achieved(s), total_quota(s), quota_attainment(s),
                 reps_at_quota(s), pct_at_quota(s), median_attainment(s)) AS kpis
FROM upgrade_byrep;
INSERT INTO upgrade_seen SELECT what, '0.5.0', s, bin, kpis FROM upgrade_byrep_read;
-- 0.5.0's attainment_by_rep (internal state) on this library, serially
-- and in a parallel plan (its serialize, deserialize and combine): rep k
-- (1 to 4) has the deals i = 1..100 with i % 4 = k - 1 and a quota of 1000:
-- 1300, 1225, 1250 and 1275, all at quota; 5050 / 4000 = 1.2625.  A view
-- made now keeps working when the update moves the aggregate onto
-- rep_attainment.
CREATE TABLE legacy_byrep AS
SELECT i % 4 + 1 AS rep, i::numeric AS achieved, NULL::numeric AS quota FROM generate_series(1, 100) i
UNION ALL SELECT k, NULL, 1000 FROM generate_series(1, 4) k;
CREATE VIEW legacy_byrep_view AS
SELECT reps(s), reps_at_quota(s), total_achieved(s), quota_attainment(s)
FROM (SELECT attainment_by_rep(rep, achieved, quota) AS s FROM legacy_byrep) x;
SELECT * FROM legacy_byrep_view;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT attainment_by_rep(rep, achieved, quota) FROM legacy_byrep;
SELECT * FROM legacy_byrep_view;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;

ALTER EXTENSION salesops UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'salesops';
SELECT o.what, o.version AS stored_under, o.s = n.s AS same_text, o.bin = n.bin AS same_binary,
       o.kpis = n.kpis AS same_kpis
FROM upgrade_seen o
JOIN (SELECT * FROM upgrade_fc_read UNION ALL SELECT * FROM upgrade_ds_read
      UNION ALL SELECT * FROM upgrade_att_read UNION ALL SELECT * FROM upgrade_byrep_read) n USING (what)
ORDER BY o.version;
SELECT mae(s), s FROM upgrade_fc;
-- the view of 0.5.0's attainment_by_rep, on rep_attainment now: the same
-- 4 | 4 | 5050 | 1.2625
SELECT * FROM legacy_byrep_view;
DROP VIEW legacy_byrep_view;
DROP TABLE legacy_byrep;
DROP VIEW upgrade_fc_read, upgrade_ds_read, upgrade_att_read, upgrade_byrep_read;
DROP TABLE upgrade_fc, upgrade_ds, upgrade_att, upgrade_byrep, upgrade_seen;
