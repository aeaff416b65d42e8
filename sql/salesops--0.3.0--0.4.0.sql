\echo Use "ALTER EXTENSION salesops UPDATE TO '0.4.0'" to load this file. \quit

-- salesops 0.3.0 -> 0.4.0: quota attainment and fiscal periods.  The
-- attainment summary type, its aggregate, rollup(), accessors and one-step
-- aggregates; fiscal quarters and years for a fiscal year starting in any
-- month.  Qualified throughout; see the note at the top of salesops--0.1.0.sql.

------------------------------------------------------------------------------
-- the attainment summary type
------------------------------------------------------------------------------

CREATE TYPE @extschema@.attainment;

CREATE FUNCTION @extschema@.attainment_in(pg_catalog.cstring)
RETURNS @extschema@.attainment
AS 'MODULE_PATHNAME', 'attainment_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.attainment_out(@extschema@.attainment)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'attainment_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.attainment_recv(internal)
RETURNS @extschema@.attainment
AS 'MODULE_PATHNAME', 'attainment_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.attainment_send(@extschema@.attainment)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'attainment_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.attainment (
    INPUT = @extschema@.attainment_in,
    OUTPUT = @extschema@.attainment_out,
    RECEIVE = @extschema@.attainment_recv,
    SEND = @extschema@.attainment_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = main
);

COMMENT ON TYPE @extschema@.attainment IS
    'summary of (achieved, quota) rep-period rows: exact totals, rows with quota 0, and the exact ratio achieved/quota of every row with quota > 0; merge with rollup()';
COMMENT ON FUNCTION @extschema@.attainment_in(pg_catalog.cstring) IS 'text input of attainment';
COMMENT ON FUNCTION @extschema@.attainment_out(@extschema@.attainment) IS 'text output of attainment';
COMMENT ON FUNCTION @extschema@.attainment_recv(internal) IS 'binary input of attainment';
COMMENT ON FUNCTION @extschema@.attainment_send(@extschema@.attainment) IS 'binary output of attainment';

CREATE FUNCTION @extschema@.attainment_trans(@extschema@.attainment, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.attainment
AS 'MODULE_PATHNAME', 'attainment_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.attainment_combine(@extschema@.attainment, @extschema@.attainment)
RETURNS @extschema@.attainment
AS 'MODULE_PATHNAME', 'attainment_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.attainment_final(@extschema@.attainment)
RETURNS @extschema@.attainment
AS 'MODULE_PATHNAME', 'attainment_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.attainment_trans(@extschema@.attainment, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of attainment(numeric, numeric)';
COMMENT ON FUNCTION @extschema@.attainment_combine(@extschema@.attainment, @extschema@.attainment) IS
    'merges two attainment summaries: combine function of attainment() and rollup(), transition function of rollup()';
COMMENT ON FUNCTION @extschema@.attainment_final(@extschema@.attainment) IS
    'final function of attainment() and rollup(): the summary without the spare capacity of the transition state';

-- SSPACE: the fixed part (136 bytes) and the first 8 ratio slots of 16 bytes
CREATE AGGREGATE @extschema@.attainment(achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.attainment_trans,
    STYPE = @extschema@.attainment,
    SSPACE = 264,
    FINALFUNC = @extschema@.attainment_final,
    COMBINEFUNC = @extschema@.attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment(pg_catalog.numeric, pg_catalog.numeric) IS
    'summary of (achieved, quota) rep-period rows for every attainment measure; NULL rows skipped, negative quota an error';

CREATE AGGREGATE @extschema@.rollup(@extschema@.attainment) (
    SFUNC = @extschema@.attainment_combine,
    STYPE = @extschema@.attainment,
    SSPACE = 264,
    FINALFUNC = @extschema@.attainment_final,
    COMBINEFUNC = @extschema@.attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.attainment) IS
    'merges attainment summaries: the same summary as aggregating the raw rep-period rows';

------------------------------------------------------------------------------
-- accessors
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.quota_attainment(@extschema@.attainment)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'attainment_quota_attainment'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment(@extschema@.attainment) IS
    'quota attainment: sum achieved / sum quota over every row; NULL when sum quota = 0';

CREATE FUNCTION @extschema@.pct_at_quota(@extschema@.attainment, threshold pg_catalog.float8 DEFAULT 1.0)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'attainment_pct_at_quota'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota(@extschema@.attainment, pg_catalog.float8) IS
    'share of rows with quota > 0 whose achieved >= threshold * quota (threshold a fraction, default 1.0); NULL without such rows';

CREATE FUNCTION @extschema@.reps(@extschema@.attainment)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'attainment_reps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reps(@extschema@.attainment) IS
    'number of rows (rep-periods) with quota > 0';

CREATE FUNCTION @extschema@.reps_at_quota(@extschema@.attainment, threshold pg_catalog.float8 DEFAULT 1.0)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'attainment_reps_at_quota'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reps_at_quota(@extschema@.attainment, pg_catalog.float8) IS
    'number of rows with quota > 0 whose achieved >= threshold * quota (threshold a fraction, default 1.0)';

CREATE FUNCTION @extschema@.median_attainment(@extschema@.attainment)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'attainment_median'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.median_attainment(@extschema@.attainment) IS
    'median of achieved / quota over rows with quota > 0 (percentile_cont(0.5), exact then rounded once); NULL without such rows';

CREATE FUNCTION @extschema@.total_achieved(@extschema@.attainment)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'attainment_total_achieved'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total_achieved(@extschema@.attainment) IS
    'exact sum of achieved over every row, rows with quota 0 included';

CREATE FUNCTION @extschema@.total_quota(@extschema@.attainment)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'attainment_total_quota'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total_quota(@extschema@.attainment) IS
    'exact sum of quota over every row';

CREATE FUNCTION @extschema@.zero_quotas(@extschema@.attainment)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'attainment_zero_quotas'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.zero_quotas(@extschema@.attainment) IS
    'number of rows with quota 0: in the totals, not in reps, pct_at_quota or the median';

------------------------------------------------------------------------------
-- one-step aggregates, each with the state it needs and no more
------------------------------------------------------------------------------

-- quota_attainment: two exact sums, the state of value_win_rate(boolean,
-- numeric), whose C combine/serialize/deserialize/final functions it shares
CREATE FUNCTION @extschema@.quota_attainment_trans(internal, pg_catalog.numeric, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'quota_attainment_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.quota_attainment_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'value_win_rate_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.quota_attainment_serialize(internal)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'value_win_rate_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.quota_attainment_deserialize(pg_catalog.bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'value_win_rate_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.quota_attainment_final(internal)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'value_win_rate_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.quota_attainment_trans(internal, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of quota_attainment(numeric, numeric): exact sums of achieved and quota';
COMMENT ON FUNCTION @extschema@.quota_attainment_combine(internal, internal) IS
    'combine function of quota_attainment(numeric, numeric) (that of value_win_rate(boolean, numeric))';
COMMENT ON FUNCTION @extschema@.quota_attainment_serialize(internal) IS
    'serialize function of quota_attainment(numeric, numeric) (that of value_win_rate(boolean, numeric))';
COMMENT ON FUNCTION @extschema@.quota_attainment_deserialize(pg_catalog.bytea, internal) IS
    'deserialize function of quota_attainment(numeric, numeric) (that of value_win_rate(boolean, numeric))';
COMMENT ON FUNCTION @extschema@.quota_attainment_final(internal) IS
    'final function of quota_attainment(numeric, numeric): sum achieved / sum quota, NULL when sum quota = 0';

CREATE AGGREGATE @extschema@.quota_attainment(achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.quota_attainment_trans,
    STYPE = internal,
    SSPACE = 128,
    FINALFUNC = @extschema@.quota_attainment_final,
    COMBINEFUNC = @extschema@.quota_attainment_combine,
    SERIALFUNC = @extschema@.quota_attainment_serialize,
    DESERIALFUNC = @extschema@.quota_attainment_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.quota_attainment(pg_catalog.numeric, pg_catalog.numeric) IS
    'quota attainment of (achieved, quota) rep-period rows: sum achieved / sum quota, from exact sums; NULL when sum quota = 0';

-- pct_at_quota: counts {at quota, rated}, the int8[2] state of win_rate,
-- whose C combine and final functions it shares
CREATE FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.numeric, pg_catalog.numeric)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.numeric, pg_catalog.numeric, pg_catalog.float8)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.pct_at_quota_combine(pg_catalog.int8[], pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'win_rate_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.pct_at_quota_final(pg_catalog.int8[])
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'win_rate_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of pct_at_quota(numeric, numeric); state {at quota, rows with quota > 0}';
COMMENT ON FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.numeric, pg_catalog.numeric, pg_catalog.float8) IS
    'transition function of pct_at_quota(numeric, numeric, float8); state {at threshold, rows with quota > 0}';
COMMENT ON FUNCTION @extschema@.pct_at_quota_combine(pg_catalog.int8[], pg_catalog.int8[]) IS
    'combine function of pct_at_quota (that of win_rate(boolean))';
COMMENT ON FUNCTION @extschema@.pct_at_quota_final(pg_catalog.int8[]) IS
    'final function of pct_at_quota: at quota / rows with quota > 0, NULL without such rows (that of win_rate(boolean))';

CREATE AGGREGATE @extschema@.pct_at_quota(achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.pct_at_quota_trans,
    STYPE = pg_catalog.int8[],
    INITCOND = '{0,0}',
    FINALFUNC = @extschema@.pct_at_quota_final,
    COMBINEFUNC = @extschema@.pct_at_quota_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.pct_at_quota(pg_catalog.numeric, pg_catalog.numeric) IS
    'share of rep-period rows with quota > 0 and achieved >= quota; NULL without such rows';

CREATE AGGREGATE @extschema@.pct_at_quota(achieved pg_catalog.numeric, quota pg_catalog.numeric, threshold pg_catalog.float8) (
    SFUNC = @extschema@.pct_at_quota_trans,
    STYPE = pg_catalog.int8[],
    INITCOND = '{0,0}',
    FINALFUNC = @extschema@.pct_at_quota_final,
    COMBINEFUNC = @extschema@.pct_at_quota_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.pct_at_quota(pg_catalog.numeric, pg_catalog.numeric, pg_catalog.float8) IS
    'share of rep-period rows with quota > 0 and achieved >= threshold * quota (threshold a fraction); NULL without such rows';

------------------------------------------------------------------------------
-- fiscal periods (fiscal year named by the calendar year in which it ends)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.fiscal_quarter(d pg_catalog.date, fy_start_month pg_catalog.int4)
RETURNS pg_catalog.date
AS 'MODULE_PATHNAME', 'fiscal_quarter_start'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fiscal_quarter(pg_catalog.date, pg_catalog.int4) IS
    'first day of the fiscal quarter holding the date, for a fiscal year starting on the 1st of month fy_start_month (1..12)';

CREATE FUNCTION @extschema@.fiscal_quarter_number(d pg_catalog.date, fy_start_month pg_catalog.int4)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'fiscal_quarter_number'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fiscal_quarter_number(pg_catalog.date, pg_catalog.int4) IS
    'fiscal quarter (1..4) of the date, for a fiscal year starting on the 1st of month fy_start_month (1..12)';

CREATE FUNCTION @extschema@.fiscal_year(d pg_catalog.date, fy_start_month pg_catalog.int4)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'fiscal_year'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fiscal_year(pg_catalog.date, pg_catalog.int4) IS
    'fiscal year of the date, named by the calendar year in which it ends, for a fiscal year starting on the 1st of month fy_start_month (1..12)';

CREATE FUNCTION @extschema@.fiscal_quarter_label(d pg_catalog.date, fy_start_month pg_catalog.int4)
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'fiscal_quarter_label'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fiscal_quarter_label(pg_catalog.date, pg_catalog.int4) IS
    'label of the fiscal quarter holding the date, such as ''FY2025 Q1'' (fiscal year named by the calendar year in which it ends)';
