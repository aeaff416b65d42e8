-- The extension's catalog contract: every function IMMUTABLE (STABLE where
-- it reads the session's time zone) and PARALLEL SAFE, strictness as
-- designed, every aggregate parallel with a combine
-- function (and serial/deserial functions for internal states).
-- Expected output written from the design in sql/salesops--0.1.0.sql, not
-- pasted: 'i' = immutable, 's' = parallel safe.  Each later version's rows
-- were checked against its upgrade script line by line; for 0.5.0 the six
-- attainment_by_rep objects of salesops--0.4.0--0.5.0.sql: trans and combine
-- not STRICT (NULL state and skipped rows), serialize, deserialize and final
-- STRICT, all immutable and parallel safe; state internal, SSPACE 16384, no
-- initial value; so 128 + 6 = 134 functions and 32 + 1 = 33 aggregates.
-- 0.6.0 changes no object (salesops--0.5.0--0.6.0.sql is empty): this test
-- now runs the install script built from sql/salesops.sql, which has the
-- same statements, so the same rows; the version is default_version in
-- salesops.control.
-- 0.7.0 (salesops--0.6.0--0.7.0.sql) adds 16: backdated_deals(deal_summary)
-- (immutable, strict); the timestamptz forms of deal_summary (3 aggregates
-- and their 3 transition functions), avg_sales_cycle (aggregate, trans and
-- inverse), median_sales_cycle (aggregate and trans) and the four fiscal
-- functions.  Their C functions read a timestamptz's date in the session's
-- time zone, so they are STABLE ('s'), strict as their date forms are; the
-- aggregates themselves show 'i' (CREATE AGGREGATE has no volatility).  So
-- 134 + 16 = 150 functions and 33 + 5 = 38 aggregates, each new aggregate
-- with the support functions of its date form.
-- 0.7.0 also gives nine one-step aggregates an exact inverse transition for
-- moving windows (the script's "moving windows" blocks): 13 functions,
-- immutable and parallel safe, strict exactly where the forward transition
-- is (pct_at_quota's two inverses: its forward function is STRICT); the
-- aggregate rows show them in aggminvtransfn.  163 functions in all.
-- 0.7.0 also adds equality and ordering on the summary types (the
-- second block of salesops--0.6.0--0.7.0.sql): per type eq, ne, lt, le,
-- gt, ge, cmp and hash, all C, immutable, parallel safe and STRICT, so
-- 3 x 8 = 24 functions, 'i', 's', 't' each: 163 + 24 = 187 functions; no
-- aggregate.  Their operators and operator classes are not functions: the
-- upgrade test counts them.
-- The 0.7.0 block also adds
-- attainment_by_rep(text, ...) and attainment_by_rep(uuid, ...): two
-- transition functions (immutable, parallel safe, not strict, as the bigint
-- one) and two aggregates sharing the bigint form's combine, serialize,
-- deserialize and final functions, state internal, SSPACE 16384.  So 187 + 4
-- = 191 functions and 38 + 2 = 40 aggregates; with the transition function
-- overloaded, regprocedure names it schema-qualified (public.).
-- 0.7.0 also moves the ratios of two exact sums (value_win_rate(boolean,
-- numeric and integer), quota_attainment(numeric and integer),
-- net/gross_revenue_retention) from an internal state to the
-- exact_ratio_state type: its in, out, recv and send functions (immutable,
-- parallel safe, strict), the transition, moving-transition and inverse
-- functions on the type (not strict, as before), the combine functions
-- now STRICT (the first state is copied in; the second is never NULL) and
-- no serialize or deserialize function: 6 fewer; the aggregate rows show
-- the type as state, no serial/deserial function.  weighted_pipeline of
-- numeric and integer amounts moves the same way (its sum the numerator):
-- its transitions on the type (eight, not strict, as before), combine
-- (strict) and final (strict), no serialize or deserialize function
-- (weighted_pipeline_combine, _serialize, _deserialize, _final on internal
-- and the two numeric transitions on internal go: 2 fewer functions); its
-- eight aggregate rows show exact_ratio_state, SSPACE 128, no
-- serial/deserial function, the moving-window functions unchanged.
-- 0.7.0 adds rep_attainment (its block at the end of salesops--0.6.0--0.7.0.sql,
-- checked line by line): in, out, recv, send, combine, final,
-- attainment(rep_attainment), rep_attainment_table, the 8 comparison
-- functions and the 8 accessors (SQL functions over attainment(r)): all
-- immutable, parallel safe and STRICT ('i', 's', 't'); its 12 transition
-- functions (bigint, text and uuid reps; numeric, smallint, int and bigint
-- amounts) immutable, parallel safe, not strict ('i', 's', 'f'), as
-- attainment_by_rep's were.  Its 12 aggregates and rollup(rep_attainment)
-- show rep_attainment as state, SSPACE 16384, combine rep_attainment_combine,
-- no serial/deserial function, final rep_attainment_final; the 12
-- attainment_by_rep aggregates show the same state, combine and SSPACE,
-- final attainment (attainment(rep_attainment)): the 16 internal-state
-- functions they used (5 of 0.5.0, 11 transitions of 0.7.0) are gone.  The
-- type row: rep_attainment's I/O functions, varlena, int4 alignment ('i')
-- and extended storage ('x': its stored form compresses; it is read whole).
-- 0.7.0 adds float_ratio_state (its block at the end of the update script,
-- checked line by line): in, out, recv, send ('i', 's', 't'); for
-- weighted_pipeline(float8, float8) and value_win_rate(boolean, float8)
-- each a transition, moving transition and inverse on the type ('i', 's',
-- 'f': NULL rows are skipped by hand, as the exact_ratio_state ones do),
-- a combine and a final ('i', 's', 't').  Their 0.1.0 functions on float8
-- and float8[] go (5), so 548 functions.  Both aggregate rows show
-- float_ratio_state as state and moving state, SSPACE 1168, no initial
-- value, the moving-window inverse; value_win_rate_final and
-- weighted_pipeline_final, now overloaded, print schema-qualified.  The
-- type row: varlena, double alignment ('d'), main storage ('m').
-- median_deal_size (0.7.0) keeps a bytea state instead of internal: its
-- five transitions ('i', 's', 'f'), combine ('i', 's', 'f': NULL states
-- handled by hand) and two finals ('i', 's', 't') take bytea, and its
-- serialize and deserialize functions go (2 fewer: 546 functions); its five
-- aggregate rows show bytea, SSPACE 1024, no serial/deserial function.

SELECT extversion FROM pg_extension WHERE extname = 'salesops';

-- every member function: volatility, parallel safety, strictness
SELECT p.oid::regprocedure AS function, p.provolatile, p.proparallel, p.proisstrict
FROM pg_depend d
JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'salesops')
ORDER BY p.oid::regprocedure::text;

-- every aggregate: its support functions and state type
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggtransfn, a.aggcombinefn,
       a.aggserialfn, a.aggdeserialfn, a.aggfinalfn, a.aggtranstype::regtype,
       a.aggtransspace, a.agginitval, a.aggminvtransfn
FROM pg_aggregate a
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'salesops')
ORDER BY a.aggfnoid::regprocedure::text;

-- nothing undocumented: every member has a comment
SELECT p.oid::regprocedure AS uncommented
FROM pg_depend d
JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'salesops')
  AND obj_description(p.oid, 'pg_proc') IS NULL;

-- every type: I/O functions, varlena, double alignment, storage main but
-- rep_attainment's (int4, extended: above) (their
-- implicit array types, members too on 17 and 18, are left out)
SELECT t.typname, t.typinput, t.typoutput, t.typreceive, t.typsend, t.typlen, t.typalign, t.typstorage
FROM pg_type t
JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'salesops')
  AND t.typcategory <> 'A'
ORDER BY t.typname;
