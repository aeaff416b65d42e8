\echo Use "ALTER EXTENSION salesops UPDATE TO '0.7.0'" to load this file. \quit
-- salesops 0.6.0 -> 0.7.0: the objects that 0.7.0 adds (the same block ends
-- sql/salesops.sql).  deal_summary values stored under 0.6.0 and earlier
-- (format 1) are read by the new library as format 2 with no back-dated deal.

------------------------------------------------------------------------------
-- 0.7.0: real CRM exports.  Back-dated deals (closed before created) are
-- counted, not an error; dates may be timestamptz (and timestamp, by the
-- implicit cast), taken as their date in the session's time zone, so those
-- functions are STABLE.
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.backdated_deals(@extschema@.deal_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'deal_summary_backdated_deals'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.backdated_deals(@extschema@.deal_summary) IS
    'number of deals whose close date is before their created date: counted as deals, left out of the sales cycle measures';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.numeric, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_tstz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.numeric, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'transition function of deal_summary(boolean, numeric, float8, timestamptz, timestamptz)';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_numeric_prob_tstz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'transition function of deal_summary(boolean, numeric, numeric, timestamptz, timestamptz)';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_float8_tstz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'transition function of deal_summary(boolean, float8, float8, timestamptz, timestamptz)';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.numeric, probability pg_catalog.float8,
                                         created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.numeric, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass; dates taken in the session time zone';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.numeric, probability pg_catalog.numeric,
                                         created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass; dates taken in the session time zone';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.float8, probability pg_catalog.float8,
                                         created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass; dates taken in the session time zone';

CREATE FUNCTION @extschema@.sales_cycle_avg_trans(pg_catalog.int8[], pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'sales_cycle_avg_tstz_trans'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sales_cycle_avg_inv(pg_catalog.int8[], pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'sales_cycle_avg_tstz_inv'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sales_cycle_avg_trans(pg_catalog.int8[], pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'transition function of avg_sales_cycle(timestamptz, timestamptz); state {days, deals}';
COMMENT ON FUNCTION @extschema@.sales_cycle_avg_inv(pg_catalog.int8[], pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'moving-window inverse transition function of avg_sales_cycle(timestamptz, timestamptz)';

CREATE AGGREGATE @extschema@.avg_sales_cycle(created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.sales_cycle_avg_trans,
    STYPE = pg_catalog.int8[],
    INITCOND = '{0,0}',
    FINALFUNC = @extschema@.sales_cycle_avg_final,
    COMBINEFUNC = @extschema@.sales_cycle_avg_combine,
    MSFUNC = @extschema@.sales_cycle_avg_trans,
    MINVFUNC = @extschema@.sales_cycle_avg_inv,
    MSTYPE = pg_catalog.int8[],
    MINITCOND = '{0,0}',
    MFINALFUNC = @extschema@.sales_cycle_avg_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.avg_sales_cycle(pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'mean days from created_at to closed_at of the rows given (filter won deals); dates taken in the session time zone';

CREATE FUNCTION @extschema@.deal_summary_cycle_trans(@extschema@.deal_summary, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_cycle_tstz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_cycle_trans(@extschema@.deal_summary, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'transition function of median_sales_cycle(timestamptz, timestamptz): records the cycle only';

CREATE AGGREGATE @extschema@.median_sales_cycle(created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.deal_summary_cycle_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.median_sales_cycle,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.median_sales_cycle(pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'median days from created_at to closed_at of the rows given (filter won deals); exact, as percentile_cont(0.5); dates taken in the session time zone';

CREATE FUNCTION @extschema@.fiscal_quarter(d pg_catalog.timestamptz, fy_start_month pg_catalog.int4)
RETURNS pg_catalog.date
AS 'MODULE_PATHNAME', 'fiscal_quarter_start_tstz'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fiscal_quarter(pg_catalog.timestamptz, pg_catalog.int4) IS
    'first day of the fiscal quarter holding the date of the timestamp (in the session time zone), for a fiscal year starting on the 1st of month fy_start_month (1..12)';

CREATE FUNCTION @extschema@.fiscal_quarter_number(d pg_catalog.timestamptz, fy_start_month pg_catalog.int4)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'fiscal_quarter_number_tstz'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fiscal_quarter_number(pg_catalog.timestamptz, pg_catalog.int4) IS
    'fiscal quarter (1..4) of the date of the timestamp (in the session time zone), for a fiscal year starting on the 1st of month fy_start_month (1..12)';

CREATE FUNCTION @extschema@.fiscal_year(d pg_catalog.timestamptz, fy_start_month pg_catalog.int4)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'fiscal_year_tstz'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fiscal_year(pg_catalog.timestamptz, pg_catalog.int4) IS
    'fiscal year of the date of the timestamp (in the session time zone), named by the calendar year in which it ends';

CREATE FUNCTION @extschema@.fiscal_quarter_label(d pg_catalog.timestamptz, fy_start_month pg_catalog.int4)
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'fiscal_quarter_label_tstz'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fiscal_quarter_label(pg_catalog.timestamptz, pg_catalog.int4) IS
    'label of the fiscal quarter holding the date of the timestamp (in the session time zone), such as ''FY2025 Q1''';

------------------------------------------------------------------------------
-- exact_ratio_state (0.7.0): the state of the ratios of two exact sums
-- (value_win_rate, quota_attainment and net/gross_revenue_retention of
-- numeric or integer money).  A real type, not internal: Citus splits an
-- aggregate only when its state is one.  value_win_rate(boolean, numeric)
-- and quota_attainment(numeric, numeric), older than 0.7.0, move to it
-- below (CREATE OR REPLACE AGGREGATE keeps them, and the views that use
-- them; their internal-state support functions are dropped after it).
------------------------------------------------------------------------------

CREATE TYPE @extschema@.exact_ratio_state;

CREATE FUNCTION @extschema@.exact_ratio_state_in(pg_catalog.cstring)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'exact_ratio_state_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.exact_ratio_state_out(@extschema@.exact_ratio_state)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'exact_ratio_state_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.exact_ratio_state_recv(internal)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'exact_ratio_state_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.exact_ratio_state_send(@extschema@.exact_ratio_state)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'exact_ratio_state_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.exact_ratio_state (
    INPUT = @extschema@.exact_ratio_state_in,
    OUTPUT = @extschema@.exact_ratio_state_out,
    RECEIVE = @extschema@.exact_ratio_state_recv,
    SEND = @extschema@.exact_ratio_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = main
);

COMMENT ON TYPE @extschema@.exact_ratio_state IS
    'aggregate state of a ratio of two exact sums (numerator, denominator): value_win_rate, quota_attainment, net/gross_revenue_retention of numeric or integer money';
COMMENT ON FUNCTION @extschema@.exact_ratio_state_in(pg_catalog.cstring) IS 'text input of exact_ratio_state';
COMMENT ON FUNCTION @extschema@.exact_ratio_state_out(@extschema@.exact_ratio_state) IS 'text output of exact_ratio_state';
COMMENT ON FUNCTION @extschema@.exact_ratio_state_recv(internal) IS 'binary input of exact_ratio_state';
COMMENT ON FUNCTION @extschema@.exact_ratio_state_send(@extschema@.exact_ratio_state) IS 'binary output of exact_ratio_state';

CREATE FUNCTION @extschema@.value_win_rate_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.numeric) IS
    'transition function of value_win_rate(boolean, numeric)';

CREATE FUNCTION @extschema@.value_win_rate_combine(@extschema@.exact_ratio_state, @extschema@.exact_ratio_state)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'exact_ratio_state_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_combine(@extschema@.exact_ratio_state, @extschema@.exact_ratio_state) IS
    'combine function of value_win_rate(boolean, numeric)';

CREATE FUNCTION @extschema@.value_win_rate_final(@extschema@.exact_ratio_state)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'value_win_rate_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_final(@extschema@.exact_ratio_state) IS
    'final function of value_win_rate(boolean, numeric)';

CREATE FUNCTION @extschema@.quota_attainment_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of quota_attainment(numeric, numeric): exact sums of achieved and quota';

CREATE FUNCTION @extschema@.quota_attainment_combine(@extschema@.exact_ratio_state, @extschema@.exact_ratio_state)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'exact_ratio_state_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_combine(@extschema@.exact_ratio_state, @extschema@.exact_ratio_state) IS
    'combine function of quota_attainment(numeric, numeric) (that of value_win_rate(boolean, numeric))';

CREATE FUNCTION @extschema@.quota_attainment_final(@extschema@.exact_ratio_state)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'value_win_rate_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_final(@extschema@.exact_ratio_state) IS
    'final function of quota_attainment(numeric, numeric): sum achieved / sum quota, NULL when sum quota = 0';

-- moving windows (0.7.0): an exact inverse transition for the one-step
-- aggregates whose state subtracts exactly

CREATE FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.numeric, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.numeric, pg_catalog.numeric) IS
    'moving-window transition function of weighted_pipeline(numeric, numeric): exact sum, rows and terms at its display scale';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.numeric, pg_catalog.float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.numeric, pg_catalog.float8) IS
    'moving-window transition function of weighted_pipeline(numeric, float8)';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.numeric, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.numeric, pg_catalog.numeric) IS
    'moving-window inverse transition function of weighted_pipeline(numeric, numeric): exact; NULL (recompute) where it cannot be';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.numeric, pg_catalog.float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.numeric, pg_catalog.float8) IS
    'moving-window inverse transition function of weighted_pipeline(numeric, float8): exact; NULL (recompute) where it cannot be';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_final(internal)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'weighted_pipeline_moving_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_final(internal) IS
    'moving-window final function of weighted_pipeline(numeric, ...): the exact sum, NULL for a frame without a row';

CREATE FUNCTION @extschema@.value_win_rate_moving_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_moving_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.numeric) IS
    'moving-window transition function of value_win_rate(boolean, numeric)';

CREATE FUNCTION @extschema@.value_win_rate_inv(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_inv(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.numeric) IS
    'moving-window inverse transition function of value_win_rate(boolean, numeric): exact; NULL (recompute) where it cannot be';

CREATE FUNCTION @extschema@.quota_attainment_moving_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_moving_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric) IS
    'moving-window transition function of quota_attainment(numeric, numeric)';

CREATE FUNCTION @extschema@.quota_attainment_inv(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_inv(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric) IS
    'moving-window inverse transition function of quota_attainment(numeric, numeric): exact; NULL (recompute) where it cannot be';

CREATE FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.numeric, pg_catalog.numeric)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.numeric, pg_catalog.numeric) IS
    'moving-window inverse transition function of pct_at_quota(numeric, numeric): exact, two counts';

CREATE FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.numeric, pg_catalog.numeric, pg_catalog.float8)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.numeric, pg_catalog.numeric, pg_catalog.float8) IS
    'moving-window inverse transition function of pct_at_quota(numeric, numeric, float8): exact, two counts';

CREATE FUNCTION @extschema@.forecast_error_moving_trans(@extschema@.forecast_error, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_moving_trans(@extschema@.forecast_error, pg_catalog.numeric, pg_catalog.numeric) IS
    'moving-window transition function of mae, rmse, wape and forecast_bias(numeric, numeric)';

CREATE FUNCTION @extschema@.forecast_error_inv(@extschema@.forecast_error, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_inv(@extschema@.forecast_error, pg_catalog.numeric, pg_catalog.numeric) IS
    'moving-window inverse transition function of mae, rmse, wape and forecast_bias(numeric, numeric): exact; NULL (recompute) where it cannot be';

------------------------------------------------------------------------------
-- weighted_pipeline of numeric or integer amounts keeps its exact sum in an
-- exact_ratio_state (0.7.0): the numerator; the denominator stays 0.  A
-- real type, so Citus splits the aggregate (internal before 0.7.0).
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of weighted_pipeline(numeric, numeric): the exact sum, as the state''s numerator';

CREATE FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.float8)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.float8) IS
    'transition function of weighted_pipeline(numeric, float8): the exact sum, as the state''s numerator';

CREATE FUNCTION @extschema@.weighted_pipeline_combine(@extschema@.exact_ratio_state, @extschema@.exact_ratio_state)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'exact_ratio_state_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_combine(@extschema@.exact_ratio_state, @extschema@.exact_ratio_state) IS
    'combine function of weighted_pipeline(numeric or integer, numeric or float8) (that of value_win_rate(boolean, numeric))';

CREATE FUNCTION @extschema@.weighted_pipeline_final(@extschema@.exact_ratio_state)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'weighted_pipeline_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_final(@extschema@.exact_ratio_state) IS
    'final function of weighted_pipeline(numeric or integer, numeric or float8): the exact sum';

CREATE OR REPLACE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.numeric, probability pg_catalog.numeric) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.weighted_pipeline_moving_final,
    PARALLEL = SAFE
);

CREATE OR REPLACE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.numeric, probability pg_catalog.float8) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.weighted_pipeline_moving_final,
    PARALLEL = SAFE
);

DROP FUNCTION @extschema@.weighted_pipeline_trans(internal, pg_catalog.numeric, pg_catalog.numeric);
DROP FUNCTION @extschema@.weighted_pipeline_trans(internal, pg_catalog.numeric, pg_catalog.float8);
DROP FUNCTION @extschema@.weighted_pipeline_combine(internal, internal);
DROP FUNCTION @extschema@.weighted_pipeline_serialize(internal);
DROP FUNCTION @extschema@.weighted_pipeline_deserialize(pg_catalog.bytea, internal);
DROP FUNCTION @extschema@.weighted_pipeline_final(internal);

CREATE OR REPLACE AGGREGATE @extschema@.value_win_rate(won pg_catalog.bool, amount pg_catalog.numeric) (
    SFUNC = @extschema@.value_win_rate_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.value_win_rate_final,
    COMBINEFUNC = @extschema@.value_win_rate_combine,
    MSFUNC = @extschema@.value_win_rate_moving_trans,
    MINVFUNC = @extschema@.value_win_rate_inv,
    MSTYPE = @extschema@.exact_ratio_state,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.value_win_rate_final,
    PARALLEL = SAFE
);

-- value_win_rate(boolean, numeric)'s internal-state functions of 0.6.0
DROP FUNCTION @extschema@.value_win_rate_trans(internal, pg_catalog.bool, pg_catalog.numeric);
DROP FUNCTION @extschema@.value_win_rate_combine(internal, internal);
DROP FUNCTION @extschema@.value_win_rate_serialize(internal);
DROP FUNCTION @extschema@.value_win_rate_deserialize(pg_catalog.bytea, internal);
DROP FUNCTION @extschema@.value_win_rate_final(internal);

CREATE OR REPLACE AGGREGATE @extschema@.quota_attainment(achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.quota_attainment_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.quota_attainment_final,
    COMBINEFUNC = @extschema@.quota_attainment_combine,
    MSFUNC = @extschema@.quota_attainment_moving_trans,
    MINVFUNC = @extschema@.quota_attainment_inv,
    MSTYPE = @extschema@.exact_ratio_state,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.quota_attainment_final,
    PARALLEL = SAFE
);

-- quota_attainment(numeric, numeric)'s internal-state functions of 0.4.0
DROP FUNCTION @extschema@.quota_attainment_trans(internal, pg_catalog.numeric, pg_catalog.numeric);
DROP FUNCTION @extschema@.quota_attainment_combine(internal, internal);
DROP FUNCTION @extschema@.quota_attainment_serialize(internal);
DROP FUNCTION @extschema@.quota_attainment_deserialize(pg_catalog.bytea, internal);
DROP FUNCTION @extschema@.quota_attainment_final(internal);

CREATE OR REPLACE AGGREGATE @extschema@.pct_at_quota(achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.pct_at_quota_trans,
    STYPE = pg_catalog.int8[],
    INITCOND = '{0,0}',
    FINALFUNC = @extschema@.pct_at_quota_final,
    COMBINEFUNC = @extschema@.pct_at_quota_combine,
    MSFUNC = @extschema@.pct_at_quota_trans,
    MINVFUNC = @extschema@.pct_at_quota_inv,
    MSTYPE = pg_catalog.int8[],
    MINITCOND = '{0,0}',
    MFINALFUNC = @extschema@.pct_at_quota_final,
    PARALLEL = SAFE
);

CREATE OR REPLACE AGGREGATE @extschema@.pct_at_quota(achieved pg_catalog.numeric, quota pg_catalog.numeric, threshold pg_catalog.float8) (
    SFUNC = @extschema@.pct_at_quota_trans,
    STYPE = pg_catalog.int8[],
    INITCOND = '{0,0}',
    FINALFUNC = @extschema@.pct_at_quota_final,
    COMBINEFUNC = @extschema@.pct_at_quota_combine,
    MSFUNC = @extschema@.pct_at_quota_trans,
    MINVFUNC = @extschema@.pct_at_quota_inv,
    MSTYPE = pg_catalog.int8[],
    MINITCOND = '{0,0}',
    MFINALFUNC = @extschema@.pct_at_quota_final,
    PARALLEL = SAFE
);

CREATE OR REPLACE AGGREGATE @extschema@.mae(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mae,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.mae,
    PARALLEL = SAFE
);

CREATE OR REPLACE AGGREGATE @extschema@.rmse(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.rmse,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.rmse,
    PARALLEL = SAFE
);

CREATE OR REPLACE AGGREGATE @extschema@.wape(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.wape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.wape,
    PARALLEL = SAFE
);

CREATE OR REPLACE AGGREGATE @extschema@.forecast_bias(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.bias,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.bias,
    PARALLEL = SAFE
);
------------------------------------------------------------------------------
-- 0.7.0: equality, hashing and a btree ordering for every summary type, so
-- DISTINCT, GROUP BY, UNION, IN, count(DISTINCT s), hash and merge joins
-- work on summary columns.  Two summaries are equal when every accessor
-- gives equal results (exact sums compared numerically, float8 sums as
-- float8 =, histograms bin by bin, attainment ratios as a multiset of exact
-- fractions); the order is a total order consistent with that equality.
-- Per type: 8 functions, 6 operators, a default btree and a default hash
-- operator class (each with its operator family).
------------------------------------------------------------------------------

-- forecast_error

CREATE FUNCTION @extschema@.forecast_error_eq(@extschema@.forecast_error, @extschema@.forecast_error)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'forecast_error_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_eq(@extschema@.forecast_error, @extschema@.forecast_error) IS
    'implementation of the = operator on forecast_error';

CREATE FUNCTION @extschema@.forecast_error_ne(@extschema@.forecast_error, @extschema@.forecast_error)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'forecast_error_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_ne(@extschema@.forecast_error, @extschema@.forecast_error) IS
    'implementation of the <> operator on forecast_error';

CREATE FUNCTION @extschema@.forecast_error_lt(@extschema@.forecast_error, @extschema@.forecast_error)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'forecast_error_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_lt(@extschema@.forecast_error, @extschema@.forecast_error) IS
    'implementation of the < operator on forecast_error';

CREATE FUNCTION @extschema@.forecast_error_le(@extschema@.forecast_error, @extschema@.forecast_error)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'forecast_error_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_le(@extschema@.forecast_error, @extschema@.forecast_error) IS
    'implementation of the <= operator on forecast_error';

CREATE FUNCTION @extschema@.forecast_error_gt(@extschema@.forecast_error, @extschema@.forecast_error)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'forecast_error_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_gt(@extschema@.forecast_error, @extschema@.forecast_error) IS
    'implementation of the > operator on forecast_error';

CREATE FUNCTION @extschema@.forecast_error_ge(@extschema@.forecast_error, @extschema@.forecast_error)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'forecast_error_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_ge(@extschema@.forecast_error, @extschema@.forecast_error) IS
    'implementation of the >= operator on forecast_error';

CREATE FUNCTION @extschema@.forecast_error_cmp(@extschema@.forecast_error, @extschema@.forecast_error)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'forecast_error_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_cmp(@extschema@.forecast_error, @extschema@.forecast_error) IS
    'btree support function of forecast_error: -1, 0 or 1 as the first is less than, equal to or greater than the second';

CREATE FUNCTION @extschema@.forecast_error_hash(@extschema@.forecast_error)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'forecast_error_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_hash(@extschema@.forecast_error) IS
    'hash support function of forecast_error: equal summaries hash alike';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.forecast_error, RIGHTARG = @extschema@.forecast_error,
    FUNCTION = @extschema@.forecast_error_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.forecast_error, @extschema@.forecast_error) IS
    'equal: every accessor gives equal results (sums compared numerically, display scale ignored)';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.forecast_error, RIGHTARG = @extschema@.forecast_error,
    FUNCTION = @extschema@.forecast_error_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.forecast_error, @extschema@.forecast_error) IS
    'not equal';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.forecast_error, RIGHTARG = @extschema@.forecast_error,
    FUNCTION = @extschema@.forecast_error_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.forecast_error, @extschema@.forecast_error) IS
    'less than, in the btree order';

CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.forecast_error, RIGHTARG = @extschema@.forecast_error,
    FUNCTION = @extschema@.forecast_error_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.forecast_error, @extschema@.forecast_error) IS
    'less than or equal, in the btree order';

CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.forecast_error, RIGHTARG = @extschema@.forecast_error,
    FUNCTION = @extschema@.forecast_error_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.forecast_error, @extschema@.forecast_error) IS
    'greater than, in the btree order';

CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.forecast_error, RIGHTARG = @extschema@.forecast_error,
    FUNCTION = @extschema@.forecast_error_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.forecast_error, @extschema@.forecast_error) IS
    'greater than or equal, in the btree order';

CREATE OPERATOR CLASS @extschema@.forecast_error_ops
DEFAULT FOR TYPE @extschema@.forecast_error USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.forecast_error_cmp(@extschema@.forecast_error, @extschema@.forecast_error);
COMMENT ON OPERATOR CLASS @extschema@.forecast_error_ops USING btree IS
    'default btree ordering of forecast_error: a total order consistent with =, for ORDER BY, DISTINCT, GROUP BY and merge joins';
COMMENT ON OPERATOR FAMILY @extschema@.forecast_error_ops USING btree IS
    'btree operators of forecast_error';

CREATE OPERATOR CLASS @extschema@.forecast_error_ops
DEFAULT FOR TYPE @extschema@.forecast_error USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.forecast_error_hash(@extschema@.forecast_error);
COMMENT ON OPERATOR CLASS @extschema@.forecast_error_ops USING hash IS
    'default hash operator class of forecast_error, for hash aggregation and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.forecast_error_ops USING hash IS
    'hash operators of forecast_error';

-- deal_summary

CREATE FUNCTION @extschema@.deal_summary_eq(@extschema@.deal_summary, @extschema@.deal_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'deal_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_eq(@extschema@.deal_summary, @extschema@.deal_summary) IS
    'implementation of the = operator on deal_summary';

CREATE FUNCTION @extschema@.deal_summary_ne(@extschema@.deal_summary, @extschema@.deal_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'deal_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_ne(@extschema@.deal_summary, @extschema@.deal_summary) IS
    'implementation of the <> operator on deal_summary';

CREATE FUNCTION @extschema@.deal_summary_lt(@extschema@.deal_summary, @extschema@.deal_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'deal_summary_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_lt(@extschema@.deal_summary, @extschema@.deal_summary) IS
    'implementation of the < operator on deal_summary';

CREATE FUNCTION @extschema@.deal_summary_le(@extschema@.deal_summary, @extschema@.deal_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'deal_summary_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_le(@extschema@.deal_summary, @extschema@.deal_summary) IS
    'implementation of the <= operator on deal_summary';

CREATE FUNCTION @extschema@.deal_summary_gt(@extschema@.deal_summary, @extschema@.deal_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'deal_summary_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_gt(@extschema@.deal_summary, @extschema@.deal_summary) IS
    'implementation of the > operator on deal_summary';

CREATE FUNCTION @extschema@.deal_summary_ge(@extschema@.deal_summary, @extschema@.deal_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'deal_summary_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_ge(@extschema@.deal_summary, @extschema@.deal_summary) IS
    'implementation of the >= operator on deal_summary';

CREATE FUNCTION @extschema@.deal_summary_cmp(@extschema@.deal_summary, @extschema@.deal_summary)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'deal_summary_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_cmp(@extschema@.deal_summary, @extschema@.deal_summary) IS
    'btree support function of deal_summary: -1, 0 or 1 as the first is less than, equal to or greater than the second';

CREATE FUNCTION @extschema@.deal_summary_hash(@extschema@.deal_summary)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'deal_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_hash(@extschema@.deal_summary) IS
    'hash support function of deal_summary: equal summaries hash alike';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.deal_summary, RIGHTARG = @extschema@.deal_summary,
    FUNCTION = @extschema@.deal_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.deal_summary, @extschema@.deal_summary) IS
    'equal: every accessor gives equal results (sums compared numerically, display scale ignored)';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.deal_summary, RIGHTARG = @extschema@.deal_summary,
    FUNCTION = @extschema@.deal_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.deal_summary, @extschema@.deal_summary) IS
    'not equal';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.deal_summary, RIGHTARG = @extschema@.deal_summary,
    FUNCTION = @extschema@.deal_summary_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.deal_summary, @extschema@.deal_summary) IS
    'less than, in the btree order';

CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.deal_summary, RIGHTARG = @extschema@.deal_summary,
    FUNCTION = @extschema@.deal_summary_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.deal_summary, @extschema@.deal_summary) IS
    'less than or equal, in the btree order';

CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.deal_summary, RIGHTARG = @extschema@.deal_summary,
    FUNCTION = @extschema@.deal_summary_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.deal_summary, @extschema@.deal_summary) IS
    'greater than, in the btree order';

CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.deal_summary, RIGHTARG = @extschema@.deal_summary,
    FUNCTION = @extschema@.deal_summary_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.deal_summary, @extschema@.deal_summary) IS
    'greater than or equal, in the btree order';

CREATE OPERATOR CLASS @extschema@.deal_summary_ops
DEFAULT FOR TYPE @extschema@.deal_summary USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.deal_summary_cmp(@extschema@.deal_summary, @extschema@.deal_summary);
COMMENT ON OPERATOR CLASS @extschema@.deal_summary_ops USING btree IS
    'default btree ordering of deal_summary: a total order consistent with =, for ORDER BY, DISTINCT, GROUP BY and merge joins';
COMMENT ON OPERATOR FAMILY @extschema@.deal_summary_ops USING btree IS
    'btree operators of deal_summary';

CREATE OPERATOR CLASS @extschema@.deal_summary_ops
DEFAULT FOR TYPE @extschema@.deal_summary USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.deal_summary_hash(@extschema@.deal_summary);
COMMENT ON OPERATOR CLASS @extschema@.deal_summary_ops USING hash IS
    'default hash operator class of deal_summary, for hash aggregation and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.deal_summary_ops USING hash IS
    'hash operators of deal_summary';

-- attainment

CREATE FUNCTION @extschema@.attainment_eq(@extschema@.attainment, @extschema@.attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'attainment_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_eq(@extschema@.attainment, @extschema@.attainment) IS
    'implementation of the = operator on attainment';

CREATE FUNCTION @extschema@.attainment_ne(@extschema@.attainment, @extschema@.attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'attainment_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_ne(@extschema@.attainment, @extschema@.attainment) IS
    'implementation of the <> operator on attainment';

CREATE FUNCTION @extschema@.attainment_lt(@extschema@.attainment, @extschema@.attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'attainment_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_lt(@extschema@.attainment, @extschema@.attainment) IS
    'implementation of the < operator on attainment';

CREATE FUNCTION @extschema@.attainment_le(@extschema@.attainment, @extschema@.attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'attainment_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_le(@extschema@.attainment, @extschema@.attainment) IS
    'implementation of the <= operator on attainment';

CREATE FUNCTION @extschema@.attainment_gt(@extschema@.attainment, @extschema@.attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'attainment_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_gt(@extschema@.attainment, @extschema@.attainment) IS
    'implementation of the > operator on attainment';

CREATE FUNCTION @extschema@.attainment_ge(@extschema@.attainment, @extschema@.attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'attainment_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_ge(@extschema@.attainment, @extschema@.attainment) IS
    'implementation of the >= operator on attainment';

CREATE FUNCTION @extschema@.attainment_cmp(@extschema@.attainment, @extschema@.attainment)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'attainment_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_cmp(@extschema@.attainment, @extschema@.attainment) IS
    'btree support function of attainment: -1, 0 or 1 as the first is less than, equal to or greater than the second';

CREATE FUNCTION @extschema@.attainment_hash(@extschema@.attainment)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'attainment_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_hash(@extschema@.attainment) IS
    'hash support function of attainment: equal summaries hash alike';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.attainment, RIGHTARG = @extschema@.attainment,
    FUNCTION = @extschema@.attainment_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.attainment, @extschema@.attainment) IS
    'equal: every accessor gives equal results (sums compared numerically, display scale ignored)';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.attainment, RIGHTARG = @extschema@.attainment,
    FUNCTION = @extschema@.attainment_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.attainment, @extschema@.attainment) IS
    'not equal';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.attainment, RIGHTARG = @extschema@.attainment,
    FUNCTION = @extschema@.attainment_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.attainment, @extschema@.attainment) IS
    'less than, in the btree order';

CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.attainment, RIGHTARG = @extschema@.attainment,
    FUNCTION = @extschema@.attainment_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.attainment, @extschema@.attainment) IS
    'less than or equal, in the btree order';

CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.attainment, RIGHTARG = @extschema@.attainment,
    FUNCTION = @extschema@.attainment_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.attainment, @extschema@.attainment) IS
    'greater than, in the btree order';

CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.attainment, RIGHTARG = @extschema@.attainment,
    FUNCTION = @extschema@.attainment_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.attainment, @extschema@.attainment) IS
    'greater than or equal, in the btree order';

CREATE OPERATOR CLASS @extschema@.attainment_ops
DEFAULT FOR TYPE @extschema@.attainment USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.attainment_cmp(@extschema@.attainment, @extschema@.attainment);
COMMENT ON OPERATOR CLASS @extschema@.attainment_ops USING btree IS
    'default btree ordering of attainment: a total order consistent with =, for ORDER BY, DISTINCT, GROUP BY and merge joins';
COMMENT ON OPERATOR FAMILY @extschema@.attainment_ops USING btree IS
    'btree operators of attainment';

CREATE OPERATOR CLASS @extschema@.attainment_ops
DEFAULT FOR TYPE @extschema@.attainment USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.attainment_hash(@extschema@.attainment);
COMMENT ON OPERATOR CLASS @extschema@.attainment_ops USING hash IS
    'default hash operator class of attainment, for hash aggregation and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.attainment_ops USING hash IS
    'hash operators of attainment';

------------------------------------------------------------------------------
-- 0.7.0: deal size in one step.  avg_deal_size(won, amount) collects the
-- won amounts in a deal_summary (final function: the accessor
-- avg_deal_size; combine: deal_summary_combine), with an exact moving-window
-- inverse for numeric amounts; median_deal_size(won, amount) keeps every
-- won amount and gives the median as percentile_cont(0.5) picks it, in a
-- bytea state (a real type, so Citus splits it: its flat form is the list
-- of won amounts, 9 bytes each; an expanded object while it runs).
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.deal_size_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.numeric)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_size_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.numeric) IS
    'transition function of avg_deal_size(boolean, numeric): adds a won row''s amount to the won amount of a deal_summary';

CREATE FUNCTION @extschema@.deal_size_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.float8)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_size_float8_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.float8) IS
    'transition function of avg_deal_size(boolean, float8): adds a won row''s amount to the won amount of a float8 deal_summary';

CREATE FUNCTION @extschema@.deal_size_moving_trans(internal, pg_catalog.bool, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'deal_size_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_moving_trans(internal, pg_catalog.bool, pg_catalog.numeric) IS
    'moving-window transition function of avg_deal_size(boolean, numeric): the exact sum and count of the won amounts in the frame';

CREATE FUNCTION @extschema@.deal_size_moving_inv(internal, pg_catalog.bool, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'deal_size_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_moving_inv(internal, pg_catalog.bool, pg_catalog.numeric) IS
    'moving-window inverse of avg_deal_size(boolean, numeric): takes a won amount out exactly, or returns NULL so that the frame is summed again';

CREATE FUNCTION @extschema@.deal_size_moving_final(internal)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'deal_size_moving_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_moving_final(internal) IS
    'moving-window final function of avg_deal_size(boolean, numeric): Σ won amount / won deals with an amount, as avg(numeric) divides';

CREATE AGGREGATE @extschema@.avg_deal_size(won pg_catalog.bool, amount pg_catalog.numeric) (
    SFUNC = @extschema@.deal_size_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.avg_deal_size,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    MSFUNC = @extschema@.deal_size_moving_trans,
    MINVFUNC = @extschema@.deal_size_moving_inv,
    MSTYPE = internal,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.deal_size_moving_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.avg_deal_size(pg_catalog.bool, pg_catalog.numeric) IS
    'average won deal size: Σ amount / won deals with an amount, as avg(amount) FILTER (WHERE won); open and lost rows are skipped';

CREATE AGGREGATE @extschema@.avg_deal_size(won pg_catalog.bool, amount pg_catalog.float8) (
    SFUNC = @extschema@.deal_size_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.avg_deal_size,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.avg_deal_size(pg_catalog.bool, pg_catalog.float8) IS
    'average won deal size of float8 amounts (a float8 sum, returned as numeric like the accessor avg_deal_size(deal_summary))';

CREATE FUNCTION @extschema@.deal_size_median_trans(pg_catalog.bytea, pg_catalog.bool, pg_catalog.numeric)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'deal_size_median_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_median_trans(pg_catalog.bytea, pg_catalog.bool, pg_catalog.numeric) IS
    'transition function of median_deal_size(boolean, numeric): keeps each won amount';

CREATE FUNCTION @extschema@.deal_size_median_trans(pg_catalog.bytea, pg_catalog.bool, pg_catalog.float8)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'deal_size_median_float8_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_median_trans(pg_catalog.bytea, pg_catalog.bool, pg_catalog.float8) IS
    'transition function of median_deal_size(boolean, float8): keeps each won amount';

CREATE FUNCTION @extschema@.deal_size_median_combine(pg_catalog.bytea, pg_catalog.bytea)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'deal_size_median_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_median_combine(pg_catalog.bytea, pg_catalog.bytea) IS
    'combine function of median_deal_size: the won amounts of both states (bytea states, flat or expanded)';

CREATE FUNCTION @extschema@.deal_size_median_final(pg_catalog.bytea)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'deal_size_median_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_median_final(pg_catalog.bytea) IS
    'final function of median_deal_size(boolean, numeric): the middle won amount, or the exact midpoint of the two middle ones';

CREATE FUNCTION @extschema@.deal_size_median_float8_final(pg_catalog.bytea)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'deal_size_median_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_median_float8_final(pg_catalog.bytea) IS
    'final function of median_deal_size(boolean, float8): percentile_cont(0.5) of the won amounts, bit for bit';

CREATE AGGREGATE @extschema@.median_deal_size(won pg_catalog.bool, amount pg_catalog.numeric) (
    SFUNC = @extschema@.deal_size_median_trans,
    STYPE = pg_catalog.bytea,
    SSPACE = 1024,
    FINALFUNC = @extschema@.deal_size_median_final,
    COMBINEFUNC = @extschema@.deal_size_median_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.median_deal_size(pg_catalog.bool, pg_catalog.numeric) IS
    'median won deal size, exact: the middle won amount or the midpoint of the two middle ones, in the order percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FILTER (WHERE won) uses';

CREATE AGGREGATE @extschema@.median_deal_size(won pg_catalog.bool, amount pg_catalog.float8) (
    SFUNC = @extschema@.deal_size_median_trans,
    STYPE = pg_catalog.bytea,
    SSPACE = 1024,
    FINALFUNC = @extschema@.deal_size_median_float8_final,
    COMBINEFUNC = @extschema@.deal_size_median_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.median_deal_size(pg_catalog.bool, pg_catalog.float8) IS
    'median won deal size of float8 amounts: percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FILTER (WHERE won), bit for bit';

CREATE FUNCTION @extschema@.median_deal_size(@extschema@.deal_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'deal_summary_median_deal_size'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.median_deal_size(@extschema@.deal_summary) IS
    'median won deal size of a deal_summary (format 3 keeps each distinct won amount with its deal count): as median_deal_size(won, amount) over its rows; an error for a summary stored before 0.7.0';

------------------------------------------------------------------------------
-- 0.7.0: integer money.  A smallint, integer or bigint amount column would
-- resolve to the float8 overloads (float8 is the preferred numeric type)
-- and lose exactness past 2^53; these overloads read it exactly as whole
-- currency units and give the numeric results, as sum(bigint) gives
-- numeric.  Every amount argument of an overload has the same integer type
-- (a mix of integer types resolves to the widest by the implicit casts; a
-- mix with numeric, to the numeric one).  They share the numeric overloads' C
-- functions, which read each amount's type from the call.
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int2, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int2, pg_catalog.numeric) IS
    'weighted_pipeline_trans(exact_ratio_state, smallint, numeric) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int2, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int2, pg_catalog.numeric) IS
    'weighted_pipeline_moving_trans(internal, smallint, numeric) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int2, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int2, pg_catalog.numeric) IS
    'weighted_pipeline_moving_inv(internal, smallint, numeric) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int4, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int4, pg_catalog.numeric) IS
    'weighted_pipeline_trans(exact_ratio_state, integer, numeric) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int4, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int4, pg_catalog.numeric) IS
    'weighted_pipeline_moving_trans(internal, integer, numeric) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int4, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int4, pg_catalog.numeric) IS
    'weighted_pipeline_moving_inv(internal, integer, numeric) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int8, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int8, pg_catalog.numeric) IS
    'weighted_pipeline_trans(exact_ratio_state, bigint, numeric) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int8, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int8, pg_catalog.numeric) IS
    'weighted_pipeline_moving_trans(internal, bigint, numeric) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int8, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int8, pg_catalog.numeric) IS
    'weighted_pipeline_moving_inv(internal, bigint, numeric) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int2, pg_catalog.float8)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int2, pg_catalog.float8) IS
    'weighted_pipeline_trans(exact_ratio_state, smallint, double precision) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int2, pg_catalog.float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int2, pg_catalog.float8) IS
    'weighted_pipeline_moving_trans(internal, smallint, double precision) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int2, pg_catalog.float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int2, pg_catalog.float8) IS
    'weighted_pipeline_moving_inv(internal, smallint, double precision) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int4, pg_catalog.float8) IS
    'weighted_pipeline_trans(exact_ratio_state, integer, double precision) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int4, pg_catalog.float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int4, pg_catalog.float8) IS
    'weighted_pipeline_moving_trans(internal, integer, double precision) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int4, pg_catalog.float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int4, pg_catalog.float8) IS
    'weighted_pipeline_moving_inv(internal, integer, double precision) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int8, pg_catalog.float8)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.exact_ratio_state, pg_catalog.int8, pg_catalog.float8) IS
    'weighted_pipeline_trans(exact_ratio_state, bigint, double precision) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int8, pg_catalog.float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_trans(internal, pg_catalog.int8, pg_catalog.float8) IS
    'weighted_pipeline_moving_trans(internal, bigint, double precision) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int8, pg_catalog.float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_inv(internal, pg_catalog.int8, pg_catalog.float8) IS
    'weighted_pipeline_moving_inv(internal, bigint, double precision) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.value_win_rate_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int2)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int2) IS
    'value_win_rate_trans(exact_ratio_state, boolean, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.value_win_rate_moving_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int2)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_moving_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int2) IS
    'value_win_rate_moving_trans(exact_ratio_state, boolean, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.value_win_rate_inv(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int2)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_inv(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int2) IS
    'value_win_rate_inv(exact_ratio_state, boolean, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.value_win_rate_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int4)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int4) IS
    'value_win_rate_trans(exact_ratio_state, boolean, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.value_win_rate_moving_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int4)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_moving_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int4) IS
    'value_win_rate_moving_trans(exact_ratio_state, boolean, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.value_win_rate_inv(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int4)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_inv(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int4) IS
    'value_win_rate_inv(exact_ratio_state, boolean, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.value_win_rate_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int8)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int8) IS
    'value_win_rate_trans(exact_ratio_state, boolean, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.value_win_rate_moving_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int8)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_moving_trans(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int8) IS
    'value_win_rate_moving_trans(exact_ratio_state, boolean, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.value_win_rate_inv(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int8)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_inv(@extschema@.exact_ratio_state, pg_catalog.bool, pg_catalog.int8) IS
    'value_win_rate_inv(exact_ratio_state, boolean, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.forecast_error_trans(@extschema@.forecast_error, pg_catalog.int2, pg_catalog.int2)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_trans(@extschema@.forecast_error, pg_catalog.int2, pg_catalog.int2) IS
    'forecast_error_trans(forecast_error, smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.forecast_error_trans(@extschema@.forecast_error, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_trans(@extschema@.forecast_error, pg_catalog.int4, pg_catalog.int4) IS
    'forecast_error_trans(forecast_error, integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.forecast_error_trans(@extschema@.forecast_error, pg_catalog.int8, pg_catalog.int8)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_trans(@extschema@.forecast_error, pg_catalog.int8, pg_catalog.int8) IS
    'forecast_error_trans(forecast_error, bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.forecast_error_moving_trans(@extschema@.forecast_error, pg_catalog.int2, pg_catalog.int2)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_moving_trans(@extschema@.forecast_error, pg_catalog.int2, pg_catalog.int2) IS
    'forecast_error_moving_trans(forecast_error, smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.forecast_error_inv(@extschema@.forecast_error, pg_catalog.int2, pg_catalog.int2)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_inv(@extschema@.forecast_error, pg_catalog.int2, pg_catalog.int2) IS
    'forecast_error_inv(forecast_error, smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.forecast_error_moving_trans(@extschema@.forecast_error, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_moving_trans(@extschema@.forecast_error, pg_catalog.int4, pg_catalog.int4) IS
    'forecast_error_moving_trans(forecast_error, integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.forecast_error_inv(@extschema@.forecast_error, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_inv(@extschema@.forecast_error, pg_catalog.int4, pg_catalog.int4) IS
    'forecast_error_inv(forecast_error, integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.forecast_error_moving_trans(@extschema@.forecast_error, pg_catalog.int8, pg_catalog.int8)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_moving_trans(@extschema@.forecast_error, pg_catalog.int8, pg_catalog.int8) IS
    'forecast_error_moving_trans(forecast_error, bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.forecast_error_inv(@extschema@.forecast_error, pg_catalog.int8, pg_catalog.int8)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_error_inv(@extschema@.forecast_error, pg_catalog.int8, pg_catalog.int8) IS
    'forecast_error_inv(forecast_error, bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int2, pg_catalog.float8, pg_catalog.date, pg_catalog.date)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int2, pg_catalog.float8, pg_catalog.date, pg_catalog.date) IS
    'deal_summary_trans(deal_summary, boolean, smallint, double precision, date, date) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int4, pg_catalog.float8, pg_catalog.date, pg_catalog.date)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int4, pg_catalog.float8, pg_catalog.date, pg_catalog.date) IS
    'deal_summary_trans(deal_summary, boolean, integer, double precision, date, date) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int8, pg_catalog.float8, pg_catalog.date, pg_catalog.date)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int8, pg_catalog.float8, pg_catalog.date, pg_catalog.date) IS
    'deal_summary_trans(deal_summary, boolean, bigint, double precision, date, date) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int2, pg_catalog.numeric, pg_catalog.date, pg_catalog.date)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_numeric_prob_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int2, pg_catalog.numeric, pg_catalog.date, pg_catalog.date) IS
    'deal_summary_trans(deal_summary, boolean, smallint, numeric, date, date) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int4, pg_catalog.numeric, pg_catalog.date, pg_catalog.date)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_numeric_prob_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int4, pg_catalog.numeric, pg_catalog.date, pg_catalog.date) IS
    'deal_summary_trans(deal_summary, boolean, integer, numeric, date, date) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int8, pg_catalog.numeric, pg_catalog.date, pg_catalog.date)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_numeric_prob_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int8, pg_catalog.numeric, pg_catalog.date, pg_catalog.date) IS
    'deal_summary_trans(deal_summary, boolean, bigint, numeric, date, date) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.attainment_trans(@extschema@.attainment, pg_catalog.int2, pg_catalog.int2)
RETURNS @extschema@.attainment
AS 'MODULE_PATHNAME', 'attainment_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_trans(@extschema@.attainment, pg_catalog.int2, pg_catalog.int2) IS
    'attainment_trans(attainment, smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.attainment_trans(@extschema@.attainment, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.attainment
AS 'MODULE_PATHNAME', 'attainment_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_trans(@extschema@.attainment, pg_catalog.int4, pg_catalog.int4) IS
    'attainment_trans(attainment, integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.attainment_trans(@extschema@.attainment, pg_catalog.int8, pg_catalog.int8)
RETURNS @extschema@.attainment
AS 'MODULE_PATHNAME', 'attainment_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_trans(@extschema@.attainment, pg_catalog.int8, pg_catalog.int8) IS
    'attainment_trans(attainment, bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.quota_attainment_trans(@extschema@.exact_ratio_state, pg_catalog.int2, pg_catalog.int2)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_trans(@extschema@.exact_ratio_state, pg_catalog.int2, pg_catalog.int2) IS
    'quota_attainment_trans(exact_ratio_state, smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.quota_attainment_moving_trans(@extschema@.exact_ratio_state, pg_catalog.int2, pg_catalog.int2)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_moving_trans(@extschema@.exact_ratio_state, pg_catalog.int2, pg_catalog.int2) IS
    'quota_attainment_moving_trans(exact_ratio_state, smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.quota_attainment_inv(@extschema@.exact_ratio_state, pg_catalog.int2, pg_catalog.int2)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_inv(@extschema@.exact_ratio_state, pg_catalog.int2, pg_catalog.int2) IS
    'quota_attainment_inv(exact_ratio_state, smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.quota_attainment_trans(@extschema@.exact_ratio_state, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_trans(@extschema@.exact_ratio_state, pg_catalog.int4, pg_catalog.int4) IS
    'quota_attainment_trans(exact_ratio_state, integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.quota_attainment_moving_trans(@extschema@.exact_ratio_state, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_moving_trans(@extschema@.exact_ratio_state, pg_catalog.int4, pg_catalog.int4) IS
    'quota_attainment_moving_trans(exact_ratio_state, integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.quota_attainment_inv(@extschema@.exact_ratio_state, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_inv(@extschema@.exact_ratio_state, pg_catalog.int4, pg_catalog.int4) IS
    'quota_attainment_inv(exact_ratio_state, integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.quota_attainment_trans(@extschema@.exact_ratio_state, pg_catalog.int8, pg_catalog.int8)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_state_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_trans(@extschema@.exact_ratio_state, pg_catalog.int8, pg_catalog.int8) IS
    'quota_attainment_trans(exact_ratio_state, bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.quota_attainment_moving_trans(@extschema@.exact_ratio_state, pg_catalog.int8, pg_catalog.int8)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_moving_trans(@extschema@.exact_ratio_state, pg_catalog.int8, pg_catalog.int8) IS
    'quota_attainment_moving_trans(exact_ratio_state, bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.quota_attainment_inv(@extschema@.exact_ratio_state, pg_catalog.int8, pg_catalog.int8)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'quota_attainment_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_inv(@extschema@.exact_ratio_state, pg_catalog.int8, pg_catalog.int8) IS
    'quota_attainment_inv(exact_ratio_state, bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int2, pg_catalog.int2)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int2, pg_catalog.int2) IS
    'pct_at_quota_trans(bigint[], smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int2, pg_catalog.int2)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int2, pg_catalog.int2) IS
    'pct_at_quota_inv(bigint[], smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4) IS
    'pct_at_quota_trans(bigint[], integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4) IS
    'pct_at_quota_inv(bigint[], integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int8, pg_catalog.int8)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int8, pg_catalog.int8) IS
    'pct_at_quota_trans(bigint[], bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int8, pg_catalog.int8)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int8, pg_catalog.int8) IS
    'pct_at_quota_inv(bigint[], bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int2, pg_catalog.int2, pg_catalog.float8)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int2, pg_catalog.int2, pg_catalog.float8) IS
    'pct_at_quota_trans(bigint[], smallint, smallint, double precision) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int2, pg_catalog.int2, pg_catalog.float8)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int2, pg_catalog.int2, pg_catalog.float8) IS
    'pct_at_quota_inv(bigint[], smallint, smallint, double precision) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4, pg_catalog.float8)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS
    'pct_at_quota_trans(bigint[], integer, integer, double precision) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4, pg_catalog.float8)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS
    'pct_at_quota_inv(bigint[], integer, integer, double precision) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int8, pg_catalog.int8, pg_catalog.float8)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_trans(pg_catalog.int8[], pg_catalog.int8, pg_catalog.int8, pg_catalog.float8) IS
    'pct_at_quota_trans(bigint[], bigint, bigint, double precision) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int8, pg_catalog.int8, pg_catalog.float8)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'pct_at_quota_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota_inv(pg_catalog.int8[], pg_catalog.int8, pg_catalog.int8, pg_catalog.float8) IS
    'pct_at_quota_inv(bigint[], bigint, bigint, double precision) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int2, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_tstz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int2, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary_trans(deal_summary, boolean, smallint, double precision, timestamp with time zone, timestamp with time zone) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int4, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_tstz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int4, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary_trans(deal_summary, boolean, integer, double precision, timestamp with time zone, timestamp with time zone) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_tstz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary_trans(deal_summary, boolean, bigint, double precision, timestamp with time zone, timestamp with time zone) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int2, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_numeric_prob_tstz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int2, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary_trans(deal_summary, boolean, smallint, numeric, timestamp with time zone, timestamp with time zone) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int4, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_numeric_prob_tstz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int4, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary_trans(deal_summary, boolean, integer, numeric, timestamp with time zone, timestamp with time zone) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int8, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_numeric_prob_tstz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int8, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary_trans(deal_summary, boolean, bigint, numeric, timestamp with time zone, timestamp with time zone) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int2)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_size_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int2) IS
    'deal_size_trans(deal_summary, boolean, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_moving_trans(internal, pg_catalog.bool, pg_catalog.int2)
RETURNS internal
AS 'MODULE_PATHNAME', 'deal_size_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_moving_trans(internal, pg_catalog.bool, pg_catalog.int2) IS
    'deal_size_moving_trans(internal, boolean, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_moving_inv(internal, pg_catalog.bool, pg_catalog.int2)
RETURNS internal
AS 'MODULE_PATHNAME', 'deal_size_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_moving_inv(internal, pg_catalog.bool, pg_catalog.int2) IS
    'deal_size_moving_inv(internal, boolean, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int4)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_size_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int4) IS
    'deal_size_trans(deal_summary, boolean, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_moving_trans(internal, pg_catalog.bool, pg_catalog.int4)
RETURNS internal
AS 'MODULE_PATHNAME', 'deal_size_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_moving_trans(internal, pg_catalog.bool, pg_catalog.int4) IS
    'deal_size_moving_trans(internal, boolean, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_moving_inv(internal, pg_catalog.bool, pg_catalog.int4)
RETURNS internal
AS 'MODULE_PATHNAME', 'deal_size_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_moving_inv(internal, pg_catalog.bool, pg_catalog.int4) IS
    'deal_size_moving_inv(internal, boolean, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int8)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_size_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.int8) IS
    'deal_size_trans(deal_summary, boolean, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_moving_trans(internal, pg_catalog.bool, pg_catalog.int8)
RETURNS internal
AS 'MODULE_PATHNAME', 'deal_size_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_moving_trans(internal, pg_catalog.bool, pg_catalog.int8) IS
    'deal_size_moving_trans(internal, boolean, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_moving_inv(internal, pg_catalog.bool, pg_catalog.int8)
RETURNS internal
AS 'MODULE_PATHNAME', 'deal_size_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_moving_inv(internal, pg_catalog.bool, pg_catalog.int8) IS
    'deal_size_moving_inv(internal, boolean, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_median_trans(pg_catalog.bytea, pg_catalog.bool, pg_catalog.int2)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'deal_size_median_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_median_trans(pg_catalog.bytea, pg_catalog.bool, pg_catalog.int2) IS
    'deal_size_median_trans(bytea, boolean, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_median_trans(pg_catalog.bytea, pg_catalog.bool, pg_catalog.int4)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'deal_size_median_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_median_trans(pg_catalog.bytea, pg_catalog.bool, pg_catalog.int4) IS
    'deal_size_median_trans(bytea, boolean, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.deal_size_median_trans(pg_catalog.bytea, pg_catalog.bool, pg_catalog.int8)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'deal_size_median_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_size_median_trans(pg_catalog.bytea, pg_catalog.bool, pg_catalog.int8) IS
    'deal_size_median_trans(bytea, boolean, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.int2, probability pg_catalog.numeric) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.weighted_pipeline_moving_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.weighted_pipeline(pg_catalog.int2, pg_catalog.numeric) IS
    'weighted_pipeline over smallint amounts, read exactly as whole currency units: exact sum of amount * probability (probability a fraction in [0, 1]); filter open deals with FILTER (WHERE won IS NULL)';

CREATE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.int4, probability pg_catalog.numeric) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.weighted_pipeline_moving_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.weighted_pipeline(pg_catalog.int4, pg_catalog.numeric) IS
    'weighted_pipeline over integer amounts, read exactly as whole currency units: exact sum of amount * probability (probability a fraction in [0, 1]); filter open deals with FILTER (WHERE won IS NULL)';

CREATE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.int8, probability pg_catalog.numeric) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.weighted_pipeline_moving_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.weighted_pipeline(pg_catalog.int8, pg_catalog.numeric) IS
    'weighted_pipeline over bigint amounts, read exactly as whole currency units: exact sum of amount * probability (probability a fraction in [0, 1]); filter open deals with FILTER (WHERE won IS NULL)';

CREATE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.int2, probability pg_catalog.float8) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.weighted_pipeline_moving_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.weighted_pipeline(pg_catalog.int2, pg_catalog.float8) IS
    'weighted_pipeline over smallint amounts, read exactly as whole currency units: exact sum of amount * probability::numeric (probability a fraction in [0, 1]); filter open deals with FILTER (WHERE won IS NULL)';

CREATE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.int4, probability pg_catalog.float8) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.weighted_pipeline_moving_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.weighted_pipeline(pg_catalog.int4, pg_catalog.float8) IS
    'weighted_pipeline over integer amounts, read exactly as whole currency units: exact sum of amount * probability::numeric (probability a fraction in [0, 1]); filter open deals with FILTER (WHERE won IS NULL)';

CREATE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.int8, probability pg_catalog.float8) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.weighted_pipeline_moving_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.weighted_pipeline(pg_catalog.int8, pg_catalog.float8) IS
    'weighted_pipeline over bigint amounts, read exactly as whole currency units: exact sum of amount * probability::numeric (probability a fraction in [0, 1]); filter open deals with FILTER (WHERE won IS NULL)';

CREATE AGGREGATE @extschema@.value_win_rate(won pg_catalog.bool, amount pg_catalog.int2) (
    SFUNC = @extschema@.value_win_rate_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.value_win_rate_final,
    COMBINEFUNC = @extschema@.value_win_rate_combine,
    MSFUNC = @extschema@.value_win_rate_moving_trans,
    MINVFUNC = @extschema@.value_win_rate_inv,
    MSTYPE = @extschema@.exact_ratio_state,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.value_win_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.value_win_rate(pg_catalog.bool, pg_catalog.int2) IS
    'value_win_rate over smallint amounts, read exactly as whole currency units: value win rate: won amount / closed amount, from exact sums; NULL when the closed amount is not positive';

CREATE AGGREGATE @extschema@.value_win_rate(won pg_catalog.bool, amount pg_catalog.int4) (
    SFUNC = @extschema@.value_win_rate_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.value_win_rate_final,
    COMBINEFUNC = @extschema@.value_win_rate_combine,
    MSFUNC = @extschema@.value_win_rate_moving_trans,
    MINVFUNC = @extschema@.value_win_rate_inv,
    MSTYPE = @extschema@.exact_ratio_state,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.value_win_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.value_win_rate(pg_catalog.bool, pg_catalog.int4) IS
    'value_win_rate over integer amounts, read exactly as whole currency units: value win rate: won amount / closed amount, from exact sums; NULL when the closed amount is not positive';

CREATE AGGREGATE @extschema@.value_win_rate(won pg_catalog.bool, amount pg_catalog.int8) (
    SFUNC = @extschema@.value_win_rate_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.value_win_rate_final,
    COMBINEFUNC = @extschema@.value_win_rate_combine,
    MSFUNC = @extschema@.value_win_rate_moving_trans,
    MINVFUNC = @extschema@.value_win_rate_inv,
    MSTYPE = @extschema@.exact_ratio_state,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.value_win_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.value_win_rate(pg_catalog.bool, pg_catalog.int8) IS
    'value_win_rate over bigint amounts, read exactly as whole currency units: value win rate: won amount / closed amount, from exact sums; NULL when the closed amount is not positive';

CREATE AGGREGATE @extschema@.forecast_error(forecast pg_catalog.int2, actual pg_catalog.int2) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.forecast_error(pg_catalog.int2, pg_catalog.int2) IS
    'forecast_error over smallint amounts, read exactly as whole currency units: summary of (forecast, actual) pairs for every forecast accuracy measure; NULL pairs skipped';

CREATE AGGREGATE @extschema@.forecast_error(forecast pg_catalog.int4, actual pg_catalog.int4) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.forecast_error(pg_catalog.int4, pg_catalog.int4) IS
    'forecast_error over integer amounts, read exactly as whole currency units: summary of (forecast, actual) pairs for every forecast accuracy measure; NULL pairs skipped';

CREATE AGGREGATE @extschema@.forecast_error(forecast pg_catalog.int8, actual pg_catalog.int8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.forecast_error(pg_catalog.int8, pg_catalog.int8) IS
    'forecast_error over bigint amounts, read exactly as whole currency units: summary of (forecast, actual) pairs for every forecast accuracy measure; NULL pairs skipped';

CREATE AGGREGATE @extschema@.mae(forecast pg_catalog.int2, actual pg_catalog.int2) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mae,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.mae,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.mae(pg_catalog.int2, pg_catalog.int2) IS
    'mae over smallint amounts, read exactly as whole currency units: mean absolute error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.mae(forecast pg_catalog.int4, actual pg_catalog.int4) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mae,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.mae,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.mae(pg_catalog.int4, pg_catalog.int4) IS
    'mae over integer amounts, read exactly as whole currency units: mean absolute error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.mae(forecast pg_catalog.int8, actual pg_catalog.int8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mae,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.mae,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.mae(pg_catalog.int8, pg_catalog.int8) IS
    'mae over bigint amounts, read exactly as whole currency units: mean absolute error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.rmse(forecast pg_catalog.int2, actual pg_catalog.int2) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.rmse,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.rmse,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rmse(pg_catalog.int2, pg_catalog.int2) IS
    'rmse over smallint amounts, read exactly as whole currency units: root mean squared error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.rmse(forecast pg_catalog.int4, actual pg_catalog.int4) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.rmse,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.rmse,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rmse(pg_catalog.int4, pg_catalog.int4) IS
    'rmse over integer amounts, read exactly as whole currency units: root mean squared error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.rmse(forecast pg_catalog.int8, actual pg_catalog.int8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.rmse,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.rmse,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rmse(pg_catalog.int8, pg_catalog.int8) IS
    'rmse over bigint amounts, read exactly as whole currency units: root mean squared error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.mape(forecast pg_catalog.int2, actual pg_catalog.int2) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.mape(pg_catalog.int2, pg_catalog.int2) IS
    'mape over smallint amounts, read exactly as whole currency units: mean absolute percentage error (fraction), zero actuals skipped of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.mape(forecast pg_catalog.int4, actual pg_catalog.int4) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.mape(pg_catalog.int4, pg_catalog.int4) IS
    'mape over integer amounts, read exactly as whole currency units: mean absolute percentage error (fraction), zero actuals skipped of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.mape(forecast pg_catalog.int8, actual pg_catalog.int8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.mape(pg_catalog.int8, pg_catalog.int8) IS
    'mape over bigint amounts, read exactly as whole currency units: mean absolute percentage error (fraction), zero actuals skipped of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.wape(forecast pg_catalog.int2, actual pg_catalog.int2) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.wape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.wape,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.wape(pg_catalog.int2, pg_catalog.int2) IS
    'wape over smallint amounts, read exactly as whole currency units: weighted absolute percentage error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.wape(forecast pg_catalog.int4, actual pg_catalog.int4) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.wape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.wape,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.wape(pg_catalog.int4, pg_catalog.int4) IS
    'wape over integer amounts, read exactly as whole currency units: weighted absolute percentage error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.wape(forecast pg_catalog.int8, actual pg_catalog.int8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.wape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.wape,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.wape(pg_catalog.int8, pg_catalog.int8) IS
    'wape over bigint amounts, read exactly as whole currency units: weighted absolute percentage error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.smape(forecast pg_catalog.int2, actual pg_catalog.int2) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.smape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.smape(pg_catalog.int2, pg_catalog.int2) IS
    'smape over smallint amounts, read exactly as whole currency units: symmetric MAPE (fraction in [0, 2]) of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.smape(forecast pg_catalog.int4, actual pg_catalog.int4) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.smape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.smape(pg_catalog.int4, pg_catalog.int4) IS
    'smape over integer amounts, read exactly as whole currency units: symmetric MAPE (fraction in [0, 2]) of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.smape(forecast pg_catalog.int8, actual pg_catalog.int8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.smape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.smape(pg_catalog.int8, pg_catalog.int8) IS
    'smape over bigint amounts, read exactly as whole currency units: symmetric MAPE (fraction in [0, 2]) of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.forecast_bias(forecast pg_catalog.int2, actual pg_catalog.int2) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.bias,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.bias,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.forecast_bias(pg_catalog.int2, pg_catalog.int2) IS
    'forecast_bias over smallint amounts, read exactly as whole currency units: mean (forecast - actual) of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.forecast_bias(forecast pg_catalog.int4, actual pg_catalog.int4) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.bias,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.bias,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.forecast_bias(pg_catalog.int4, pg_catalog.int4) IS
    'forecast_bias over integer amounts, read exactly as whole currency units: mean (forecast - actual) of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.forecast_bias(forecast pg_catalog.int8, actual pg_catalog.int8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.bias,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    MSFUNC = @extschema@.forecast_error_moving_trans,
    MINVFUNC = @extschema@.forecast_error_inv,
    MSTYPE = @extschema@.forecast_error,
    MFINALFUNC = @extschema@.bias,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.forecast_bias(pg_catalog.int8, pg_catalog.int8) IS
    'forecast_bias over bigint amounts, read exactly as whole currency units: mean (forecast - actual) of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int2, probability pg_catalog.float8, created_at pg_catalog.date, closed_at pg_catalog.date) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int2, pg_catalog.float8, pg_catalog.date, pg_catalog.date) IS
    'deal_summary over smallint amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int4, probability pg_catalog.float8, created_at pg_catalog.date, closed_at pg_catalog.date) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int4, pg_catalog.float8, pg_catalog.date, pg_catalog.date) IS
    'deal_summary over integer amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int8, probability pg_catalog.float8, created_at pg_catalog.date, closed_at pg_catalog.date) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int8, pg_catalog.float8, pg_catalog.date, pg_catalog.date) IS
    'deal_summary over bigint amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int2, probability pg_catalog.numeric, created_at pg_catalog.date, closed_at pg_catalog.date) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int2, pg_catalog.numeric, pg_catalog.date, pg_catalog.date) IS
    'deal_summary over smallint amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int4, probability pg_catalog.numeric, created_at pg_catalog.date, closed_at pg_catalog.date) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int4, pg_catalog.numeric, pg_catalog.date, pg_catalog.date) IS
    'deal_summary over integer amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int8, probability pg_catalog.numeric, created_at pg_catalog.date, closed_at pg_catalog.date) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int8, pg_catalog.numeric, pg_catalog.date, pg_catalog.date) IS
    'deal_summary over bigint amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass';

CREATE AGGREGATE @extschema@.attainment(achieved pg_catalog.int2, quota pg_catalog.int2) (
    SFUNC = @extschema@.attainment_trans,
    STYPE = @extschema@.attainment,
    SSPACE = 264,
    FINALFUNC = @extschema@.attainment_final,
    COMBINEFUNC = @extschema@.attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment(pg_catalog.int2, pg_catalog.int2) IS
    'attainment over smallint amounts, read exactly as whole currency units: summary of (achieved, quota) rep-period rows for every attainment measure; NULL rows skipped, negative quota an error';

CREATE AGGREGATE @extschema@.attainment(achieved pg_catalog.int4, quota pg_catalog.int4) (
    SFUNC = @extschema@.attainment_trans,
    STYPE = @extschema@.attainment,
    SSPACE = 264,
    FINALFUNC = @extschema@.attainment_final,
    COMBINEFUNC = @extschema@.attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment(pg_catalog.int4, pg_catalog.int4) IS
    'attainment over integer amounts, read exactly as whole currency units: summary of (achieved, quota) rep-period rows for every attainment measure; NULL rows skipped, negative quota an error';

CREATE AGGREGATE @extschema@.attainment(achieved pg_catalog.int8, quota pg_catalog.int8) (
    SFUNC = @extschema@.attainment_trans,
    STYPE = @extschema@.attainment,
    SSPACE = 264,
    FINALFUNC = @extschema@.attainment_final,
    COMBINEFUNC = @extschema@.attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment(pg_catalog.int8, pg_catalog.int8) IS
    'attainment over bigint amounts, read exactly as whole currency units: summary of (achieved, quota) rep-period rows for every attainment measure; NULL rows skipped, negative quota an error';

CREATE AGGREGATE @extschema@.quota_attainment(achieved pg_catalog.int2, quota pg_catalog.int2) (
    SFUNC = @extschema@.quota_attainment_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.quota_attainment_final,
    COMBINEFUNC = @extschema@.quota_attainment_combine,
    MSFUNC = @extschema@.quota_attainment_moving_trans,
    MINVFUNC = @extschema@.quota_attainment_inv,
    MSTYPE = @extschema@.exact_ratio_state,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.quota_attainment_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.quota_attainment(pg_catalog.int2, pg_catalog.int2) IS
    'quota_attainment over smallint amounts, read exactly as whole currency units: quota attainment of (achieved, quota) rep-period rows: sum achieved / sum quota, from exact sums; NULL when sum quota = 0';

CREATE AGGREGATE @extschema@.quota_attainment(achieved pg_catalog.int4, quota pg_catalog.int4) (
    SFUNC = @extschema@.quota_attainment_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.quota_attainment_final,
    COMBINEFUNC = @extschema@.quota_attainment_combine,
    MSFUNC = @extschema@.quota_attainment_moving_trans,
    MINVFUNC = @extschema@.quota_attainment_inv,
    MSTYPE = @extschema@.exact_ratio_state,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.quota_attainment_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.quota_attainment(pg_catalog.int4, pg_catalog.int4) IS
    'quota_attainment over integer amounts, read exactly as whole currency units: quota attainment of (achieved, quota) rep-period rows: sum achieved / sum quota, from exact sums; NULL when sum quota = 0';

CREATE AGGREGATE @extschema@.quota_attainment(achieved pg_catalog.int8, quota pg_catalog.int8) (
    SFUNC = @extschema@.quota_attainment_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.quota_attainment_final,
    COMBINEFUNC = @extschema@.quota_attainment_combine,
    MSFUNC = @extschema@.quota_attainment_moving_trans,
    MINVFUNC = @extschema@.quota_attainment_inv,
    MSTYPE = @extschema@.exact_ratio_state,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.quota_attainment_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.quota_attainment(pg_catalog.int8, pg_catalog.int8) IS
    'quota_attainment over bigint amounts, read exactly as whole currency units: quota attainment of (achieved, quota) rep-period rows: sum achieved / sum quota, from exact sums; NULL when sum quota = 0';

CREATE AGGREGATE @extschema@.pct_at_quota(achieved pg_catalog.int2, quota pg_catalog.int2) (
    SFUNC = @extschema@.pct_at_quota_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.pct_at_quota_final,
    COMBINEFUNC = @extschema@.pct_at_quota_combine,
    INITCOND = '{0,0}',
    MSFUNC = @extschema@.pct_at_quota_trans,
    MINVFUNC = @extschema@.pct_at_quota_inv,
    MSTYPE = pg_catalog.int8[],
    MFINALFUNC = @extschema@.pct_at_quota_final,
    MINITCOND = '{0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.pct_at_quota(pg_catalog.int2, pg_catalog.int2) IS
    'pct_at_quota over smallint amounts, read exactly as whole currency units: share of rep-period rows with quota > 0 and achieved >= quota; NULL without such rows';

CREATE AGGREGATE @extschema@.pct_at_quota(achieved pg_catalog.int4, quota pg_catalog.int4) (
    SFUNC = @extschema@.pct_at_quota_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.pct_at_quota_final,
    COMBINEFUNC = @extschema@.pct_at_quota_combine,
    INITCOND = '{0,0}',
    MSFUNC = @extschema@.pct_at_quota_trans,
    MINVFUNC = @extschema@.pct_at_quota_inv,
    MSTYPE = pg_catalog.int8[],
    MFINALFUNC = @extschema@.pct_at_quota_final,
    MINITCOND = '{0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.pct_at_quota(pg_catalog.int4, pg_catalog.int4) IS
    'pct_at_quota over integer amounts, read exactly as whole currency units: share of rep-period rows with quota > 0 and achieved >= quota; NULL without such rows';

CREATE AGGREGATE @extschema@.pct_at_quota(achieved pg_catalog.int8, quota pg_catalog.int8) (
    SFUNC = @extschema@.pct_at_quota_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.pct_at_quota_final,
    COMBINEFUNC = @extschema@.pct_at_quota_combine,
    INITCOND = '{0,0}',
    MSFUNC = @extschema@.pct_at_quota_trans,
    MINVFUNC = @extschema@.pct_at_quota_inv,
    MSTYPE = pg_catalog.int8[],
    MFINALFUNC = @extschema@.pct_at_quota_final,
    MINITCOND = '{0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.pct_at_quota(pg_catalog.int8, pg_catalog.int8) IS
    'pct_at_quota over bigint amounts, read exactly as whole currency units: share of rep-period rows with quota > 0 and achieved >= quota; NULL without such rows';

CREATE AGGREGATE @extschema@.pct_at_quota(achieved pg_catalog.int2, quota pg_catalog.int2, threshold pg_catalog.float8) (
    SFUNC = @extschema@.pct_at_quota_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.pct_at_quota_final,
    COMBINEFUNC = @extschema@.pct_at_quota_combine,
    INITCOND = '{0,0}',
    MSFUNC = @extschema@.pct_at_quota_trans,
    MINVFUNC = @extschema@.pct_at_quota_inv,
    MSTYPE = pg_catalog.int8[],
    MFINALFUNC = @extschema@.pct_at_quota_final,
    MINITCOND = '{0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.pct_at_quota(pg_catalog.int2, pg_catalog.int2, pg_catalog.float8) IS
    'pct_at_quota over smallint amounts, read exactly as whole currency units: share of rep-period rows with quota > 0 and achieved >= threshold * quota (threshold a fraction); NULL without such rows';

CREATE AGGREGATE @extschema@.pct_at_quota(achieved pg_catalog.int4, quota pg_catalog.int4, threshold pg_catalog.float8) (
    SFUNC = @extschema@.pct_at_quota_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.pct_at_quota_final,
    COMBINEFUNC = @extschema@.pct_at_quota_combine,
    INITCOND = '{0,0}',
    MSFUNC = @extschema@.pct_at_quota_trans,
    MINVFUNC = @extschema@.pct_at_quota_inv,
    MSTYPE = pg_catalog.int8[],
    MFINALFUNC = @extschema@.pct_at_quota_final,
    MINITCOND = '{0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.pct_at_quota(pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS
    'pct_at_quota over integer amounts, read exactly as whole currency units: share of rep-period rows with quota > 0 and achieved >= threshold * quota (threshold a fraction); NULL without such rows';

CREATE AGGREGATE @extschema@.pct_at_quota(achieved pg_catalog.int8, quota pg_catalog.int8, threshold pg_catalog.float8) (
    SFUNC = @extschema@.pct_at_quota_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.pct_at_quota_final,
    COMBINEFUNC = @extschema@.pct_at_quota_combine,
    INITCOND = '{0,0}',
    MSFUNC = @extschema@.pct_at_quota_trans,
    MINVFUNC = @extschema@.pct_at_quota_inv,
    MSTYPE = pg_catalog.int8[],
    MFINALFUNC = @extschema@.pct_at_quota_final,
    MINITCOND = '{0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.pct_at_quota(pg_catalog.int8, pg_catalog.int8, pg_catalog.float8) IS
    'pct_at_quota over bigint amounts, read exactly as whole currency units: share of rep-period rows with quota > 0 and achieved >= threshold * quota (threshold a fraction); NULL without such rows';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int2, probability pg_catalog.float8, created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int2, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary over smallint amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass; dates taken in the session time zone';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int4, probability pg_catalog.float8, created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int4, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary over integer amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass; dates taken in the session time zone';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int8, probability pg_catalog.float8, created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary over bigint amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass; dates taken in the session time zone';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int2, probability pg_catalog.numeric, created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int2, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary over smallint amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass; dates taken in the session time zone';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int4, probability pg_catalog.numeric, created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int4, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary over integer amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass; dates taken in the session time zone';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.int8, probability pg_catalog.numeric, created_at pg_catalog.timestamptz, closed_at pg_catalog.timestamptz) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.int8, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
    'deal_summary over bigint amounts, read exactly as whole currency units: summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass; dates taken in the session time zone';

CREATE AGGREGATE @extschema@.avg_deal_size(won pg_catalog.bool, amount pg_catalog.int2) (
    SFUNC = @extschema@.deal_size_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.avg_deal_size,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    MSFUNC = @extschema@.deal_size_moving_trans,
    MINVFUNC = @extschema@.deal_size_moving_inv,
    MSTYPE = internal,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.deal_size_moving_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.avg_deal_size(pg_catalog.bool, pg_catalog.int2) IS
    'avg_deal_size over smallint amounts, read exactly as whole currency units: average won deal size: Σ amount / won deals with an amount, as avg(amount) FILTER (WHERE won); open and lost rows are skipped';

CREATE AGGREGATE @extschema@.avg_deal_size(won pg_catalog.bool, amount pg_catalog.int4) (
    SFUNC = @extschema@.deal_size_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.avg_deal_size,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    MSFUNC = @extschema@.deal_size_moving_trans,
    MINVFUNC = @extschema@.deal_size_moving_inv,
    MSTYPE = internal,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.deal_size_moving_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.avg_deal_size(pg_catalog.bool, pg_catalog.int4) IS
    'avg_deal_size over integer amounts, read exactly as whole currency units: average won deal size: Σ amount / won deals with an amount, as avg(amount) FILTER (WHERE won); open and lost rows are skipped';

CREATE AGGREGATE @extschema@.avg_deal_size(won pg_catalog.bool, amount pg_catalog.int8) (
    SFUNC = @extschema@.deal_size_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.avg_deal_size,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    MSFUNC = @extschema@.deal_size_moving_trans,
    MINVFUNC = @extschema@.deal_size_moving_inv,
    MSTYPE = internal,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.deal_size_moving_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.avg_deal_size(pg_catalog.bool, pg_catalog.int8) IS
    'avg_deal_size over bigint amounts, read exactly as whole currency units: average won deal size: Σ amount / won deals with an amount, as avg(amount) FILTER (WHERE won); open and lost rows are skipped';

CREATE AGGREGATE @extschema@.median_deal_size(won pg_catalog.bool, amount pg_catalog.int2) (
    SFUNC = @extschema@.deal_size_median_trans,
    STYPE = pg_catalog.bytea,
    SSPACE = 1024,
    FINALFUNC = @extschema@.deal_size_median_final,
    COMBINEFUNC = @extschema@.deal_size_median_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.median_deal_size(pg_catalog.bool, pg_catalog.int2) IS
    'median_deal_size over smallint amounts, read exactly as whole currency units: median won deal size, exact: the middle won amount or the midpoint of the two middle ones, in the order percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FILTER (WHERE won) uses';

CREATE AGGREGATE @extschema@.median_deal_size(won pg_catalog.bool, amount pg_catalog.int4) (
    SFUNC = @extschema@.deal_size_median_trans,
    STYPE = pg_catalog.bytea,
    SSPACE = 1024,
    FINALFUNC = @extschema@.deal_size_median_final,
    COMBINEFUNC = @extschema@.deal_size_median_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.median_deal_size(pg_catalog.bool, pg_catalog.int4) IS
    'median_deal_size over integer amounts, read exactly as whole currency units: median won deal size, exact: the middle won amount or the midpoint of the two middle ones, in the order percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FILTER (WHERE won) uses';

CREATE AGGREGATE @extschema@.median_deal_size(won pg_catalog.bool, amount pg_catalog.int8) (
    SFUNC = @extschema@.deal_size_median_trans,
    STYPE = pg_catalog.bytea,
    SSPACE = 1024,
    FINALFUNC = @extschema@.deal_size_median_final,
    COMBINEFUNC = @extschema@.deal_size_median_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.median_deal_size(pg_catalog.bool, pg_catalog.int8) IS
    'median_deal_size over bigint amounts, read exactly as whole currency units: median won deal size, exact: the middle won amount or the midpoint of the two middle ones, in the order percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FILTER (WHERE won) uses';

------------------------------------------------------------------------------
-- 0.7.0: pipeline flow (kpi-definitions.md section 13).  The waterfall of a
-- target close-date window's open pipeline between two snapshots: each deal
-- (one row of a FULL JOIN of the snapshots) adds to fixed bars, which
-- balance exactly.  The summary type is its aggregate's transition state
-- (updated in place; Citus can split it).  rollup() adds waterfalls of the
-- same period and target (teams, regions, shards) and refuses others.
-- Integer amount columns take the implicit cast to numeric (exact); there
-- is no float8 form, as the bars are exact.  Dates may be timestamptz (and
-- timestamp, by the implicit cast), taken as their date in the session's
-- time zone, so those forms are STABLE.  Also pipeline_coverage (section
-- 8) of plain amounts, of a pipeline_flow and of a deal_summary.
------------------------------------------------------------------------------

CREATE TYPE @extschema@.pipeline_flow;

CREATE FUNCTION @extschema@.pipeline_flow_in(pg_catalog.cstring)
RETURNS @extschema@.pipeline_flow
AS 'MODULE_PATHNAME', 'pipeline_flow_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.pipeline_flow_out(@extschema@.pipeline_flow)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'pipeline_flow_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.pipeline_flow_recv(internal)
RETURNS @extschema@.pipeline_flow
AS 'MODULE_PATHNAME', 'pipeline_flow_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.pipeline_flow_send(@extschema@.pipeline_flow)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'pipeline_flow_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.pipeline_flow (
    INPUT = @extschema@.pipeline_flow_in,
    OUTPUT = @extschema@.pipeline_flow_out,
    RECEIVE = @extschema@.pipeline_flow_recv,
    SEND = @extschema@.pipeline_flow_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = main
);

COMMENT ON TYPE @extschema@.pipeline_flow IS
    'waterfall of a target window''s open pipeline between two snapshots: period, target, deals and exact amounts of the bars start, new, pulled_in, added, increased, decreased, pushed_out, removed, won, lost, end, and the memos unchanged, unvalued_start, unvalued_end; merge with rollup() (same period and target only)';
COMMENT ON FUNCTION @extschema@.pipeline_flow_in(pg_catalog.cstring) IS 'text input of pipeline_flow';
COMMENT ON FUNCTION @extschema@.pipeline_flow_out(@extschema@.pipeline_flow) IS 'text output of pipeline_flow';
COMMENT ON FUNCTION @extschema@.pipeline_flow_recv(internal) IS 'binary input of pipeline_flow';
COMMENT ON FUNCTION @extschema@.pipeline_flow_send(@extschema@.pipeline_flow) IS 'binary output of pipeline_flow';

CREATE FUNCTION @extschema@.pipeline_flow_trans(@extschema@.pipeline_flow,
    pg_catalog.bool, pg_catalog.numeric, pg_catalog.date,
    pg_catalog.bool, pg_catalog.numeric, pg_catalog.date,
    pg_catalog.date, pg_catalog.daterange, pg_catalog.daterange)
RETURNS @extschema@.pipeline_flow
AS 'MODULE_PATHNAME', 'pipeline_flow_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_trans(@extschema@.pipeline_flow, pg_catalog.bool, pg_catalog.numeric, pg_catalog.date, pg_catalog.bool, pg_catalog.numeric, pg_catalog.date, pg_catalog.date, pg_catalog.daterange, pg_catalog.daterange) IS
    'transition function of pipeline_flow(boolean, numeric, date, boolean, numeric, date, date, daterange, daterange)';

CREATE FUNCTION @extschema@.pipeline_flow_trans(@extschema@.pipeline_flow,
    pg_catalog.bool, pg_catalog.numeric, pg_catalog.timestamptz,
    pg_catalog.bool, pg_catalog.numeric, pg_catalog.timestamptz,
    pg_catalog.timestamptz, pg_catalog.daterange, pg_catalog.daterange)
RETURNS @extschema@.pipeline_flow
AS 'MODULE_PATHNAME', 'pipeline_flow_timestamptz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_trans(@extschema@.pipeline_flow, pg_catalog.bool, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.bool, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.daterange, pg_catalog.daterange) IS
    'transition function of pipeline_flow(boolean, numeric, timestamptz, boolean, numeric, timestamptz, timestamptz, daterange, daterange)';

CREATE FUNCTION @extschema@.pipeline_flow_combine(@extschema@.pipeline_flow, @extschema@.pipeline_flow)
RETURNS @extschema@.pipeline_flow
AS 'MODULE_PATHNAME', 'pipeline_flow_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_combine(@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'adds two pipeline_flow waterfalls of the same period and target: combine function of pipeline_flow, transition function of rollup()';

CREATE AGGREGATE @extschema@.pipeline_flow(start_won pg_catalog.bool, start_amount pg_catalog.numeric, start_close pg_catalog.date,
                                           end_won pg_catalog.bool, end_amount pg_catalog.numeric, end_close pg_catalog.date,
                                           created_at pg_catalog.date, period pg_catalog.daterange, target pg_catalog.daterange) (
    SFUNC = @extschema@.pipeline_flow_trans,
    STYPE = @extschema@.pipeline_flow,
    COMBINEFUNC = @extschema@.pipeline_flow_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.pipeline_flow(pg_catalog.bool, pg_catalog.numeric, pg_catalog.date, pg_catalog.bool, pg_catalog.numeric, pg_catalog.date, pg_catalog.date, pg_catalog.daterange, pg_catalog.daterange) IS
    'waterfall of the target window''s open pipeline over the period: one row per deal, its (won, amount, close date) at the start and at the end snapshot, and its created date';

CREATE AGGREGATE @extschema@.pipeline_flow(start_won pg_catalog.bool, start_amount pg_catalog.numeric, start_close pg_catalog.timestamptz,
                                           end_won pg_catalog.bool, end_amount pg_catalog.numeric, end_close pg_catalog.timestamptz,
                                           created_at pg_catalog.timestamptz, period pg_catalog.daterange, target pg_catalog.daterange) (
    SFUNC = @extschema@.pipeline_flow_trans,
    STYPE = @extschema@.pipeline_flow,
    COMBINEFUNC = @extschema@.pipeline_flow_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.pipeline_flow(pg_catalog.bool, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.bool, pg_catalog.numeric, pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.daterange, pg_catalog.daterange) IS
    'pipeline_flow with timestamptz (or timestamp) dates, each taken as its date in the session''s time zone';

CREATE AGGREGATE @extschema@.rollup(@extschema@.pipeline_flow) (
    SFUNC = @extschema@.pipeline_flow_combine,
    STYPE = @extschema@.pipeline_flow,
    COMBINEFUNC = @extschema@.pipeline_flow_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.pipeline_flow) IS
    'adds pipeline_flow waterfalls of the same period and target window (teams, regions, shards): the waterfall of all their deals; different periods are an error';

CREATE FUNCTION @extschema@.flow_amount(f @extschema@.pipeline_flow, bar pg_catalog.text)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'pipeline_flow_amount'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.flow_amount(@extschema@.pipeline_flow, pg_catalog.text) IS
    'exact amount of a waterfall bar (start, new, pulled_in, added, increased, decreased, pushed_out, removed, won, lost, end); NULL when no deal is in it';

CREATE FUNCTION @extschema@.flow_deals(f @extschema@.pipeline_flow, bar pg_catalog.text)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'pipeline_flow_deals'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.flow_deals(@extschema@.pipeline_flow, pg_catalog.text) IS
    'deals in a waterfall bar, or a memo count: unchanged, unvalued_start, unvalued_end';

CREATE FUNCTION @extschema@.flow_period(f @extschema@.pipeline_flow)
RETURNS pg_catalog.daterange
AS 'MODULE_PATHNAME', 'pipeline_flow_period'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.flow_period(@extschema@.pipeline_flow) IS
    'the period of a waterfall: from the start snapshot to the end snapshot';

CREATE FUNCTION @extschema@.flow_target(f @extschema@.pipeline_flow)
RETURNS pg_catalog.daterange
AS 'MODULE_PATHNAME', 'pipeline_flow_target'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.flow_target(@extschema@.pipeline_flow) IS
    'the target close-date window whose pipeline a waterfall follows';

CREATE FUNCTION @extschema@.pipeline_changes(f @extschema@.pipeline_flow)
RETURNS TABLE (ord pg_catalog.int4, bar pg_catalog.text, sign pg_catalog.int4, deals pg_catalog.int8, amount pg_catalog.numeric)
AS $$
    SELECT b.ord, b.bar, b.sign, @extschema@.flow_deals($1, b.bar), @extschema@.flow_amount($1, b.bar)
    FROM (VALUES (1, 'start', 0), (2, 'new', 1), (3, 'pulled_in', 1), (4, 'added', 1),
                 (5, 'increased', 1), (6, 'decreased', -1), (7, 'pushed_out', -1),
                 (8, 'removed', -1), (9, 'won', -1), (10, 'lost', -1), (11, 'end', 0))
         AS b(ord, bar, sign)
    ORDER BY b.ord
$$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_changes(@extschema@.pipeline_flow) IS
    'the waterfall as 11 rows in order: ord, bar, sign (+1 inflow, -1 outflow, 0 start and end), deals, amount';

CREATE FUNCTION @extschema@.pipeline_coverage(open_pipeline pg_catalog.numeric, quota pg_catalog.numeric,
                                              closed_won pg_catalog.numeric DEFAULT 0)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'pipeline_coverage'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_coverage(pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric) IS
    'pipeline coverage: open pipeline / (quota - closed won); NULL when the quota is met';

CREATE FUNCTION @extschema@.pipeline_coverage(f @extschema@.pipeline_flow, quota pg_catalog.numeric)
RETURNS pg_catalog.float8
AS $$
    SELECT @extschema@.pipeline_coverage(COALESCE(@extschema@.flow_amount($1, 'end'), 0), $2,
                                         COALESCE(@extschema@.flow_amount($1, 'won'), 0))
$$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_coverage(@extschema@.pipeline_flow, pg_catalog.numeric) IS
    'pipeline coverage at the end of a waterfall: end pipeline / (quota - won in the period)';

CREATE FUNCTION @extschema@.pipeline_coverage(s @extschema@.deal_summary, quota pg_catalog.numeric)
RETURNS pg_catalog.float8
AS $$
    SELECT @extschema@.pipeline_coverage(COALESCE(@extschema@.open_pipeline($1), 0), $2,
                                         COALESCE(@extschema@.won_amount($1), 0))
$$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_coverage(@extschema@.deal_summary, pg_catalog.numeric) IS
    'pipeline coverage of a deal_summary: open pipeline / (quota - won amount)';

-- equality, hashing and a btree ordering, as for the other summary types

CREATE FUNCTION @extschema@.pipeline_flow_eq(@extschema@.pipeline_flow, @extschema@.pipeline_flow)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'pipeline_flow_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_eq(@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'implementation of the = operator on pipeline_flow';

CREATE FUNCTION @extschema@.pipeline_flow_ne(@extschema@.pipeline_flow, @extschema@.pipeline_flow)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'pipeline_flow_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_ne(@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'implementation of the <> operator on pipeline_flow';

CREATE FUNCTION @extschema@.pipeline_flow_lt(@extschema@.pipeline_flow, @extschema@.pipeline_flow)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'pipeline_flow_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_lt(@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'implementation of the < operator on pipeline_flow';

CREATE FUNCTION @extschema@.pipeline_flow_le(@extschema@.pipeline_flow, @extschema@.pipeline_flow)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'pipeline_flow_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_le(@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'implementation of the <= operator on pipeline_flow';

CREATE FUNCTION @extschema@.pipeline_flow_gt(@extschema@.pipeline_flow, @extschema@.pipeline_flow)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'pipeline_flow_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_gt(@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'implementation of the > operator on pipeline_flow';

CREATE FUNCTION @extschema@.pipeline_flow_ge(@extschema@.pipeline_flow, @extschema@.pipeline_flow)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'pipeline_flow_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_ge(@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'implementation of the >= operator on pipeline_flow';

CREATE FUNCTION @extschema@.pipeline_flow_cmp(@extschema@.pipeline_flow, @extschema@.pipeline_flow)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'pipeline_flow_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_cmp(@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'btree support function of pipeline_flow: -1, 0 or 1 as the first is less than, equal to or greater than the second';

CREATE FUNCTION @extschema@.pipeline_flow_hash(@extschema@.pipeline_flow)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'pipeline_flow_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pipeline_flow_hash(@extschema@.pipeline_flow) IS
    'hash support function of pipeline_flow: equal summaries hash alike';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.pipeline_flow, RIGHTARG = @extschema@.pipeline_flow,
    FUNCTION = @extschema@.pipeline_flow_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'equal: same period, target window, deals per bar and memos, and bar amounts compared numerically (display scale ignored)';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.pipeline_flow, RIGHTARG = @extschema@.pipeline_flow,
    FUNCTION = @extschema@.pipeline_flow_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'not equal';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.pipeline_flow, RIGHTARG = @extschema@.pipeline_flow,
    FUNCTION = @extschema@.pipeline_flow_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'less than, in the btree order';

CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.pipeline_flow, RIGHTARG = @extschema@.pipeline_flow,
    FUNCTION = @extschema@.pipeline_flow_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'less than or equal, in the btree order';

CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.pipeline_flow, RIGHTARG = @extschema@.pipeline_flow,
    FUNCTION = @extschema@.pipeline_flow_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'greater than, in the btree order';

CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.pipeline_flow, RIGHTARG = @extschema@.pipeline_flow,
    FUNCTION = @extschema@.pipeline_flow_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.pipeline_flow, @extschema@.pipeline_flow) IS
    'greater than or equal, in the btree order';

CREATE OPERATOR CLASS @extschema@.pipeline_flow_ops
DEFAULT FOR TYPE @extschema@.pipeline_flow USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.pipeline_flow_cmp(@extschema@.pipeline_flow, @extschema@.pipeline_flow);
COMMENT ON OPERATOR CLASS @extschema@.pipeline_flow_ops USING btree IS
    'default btree ordering of pipeline_flow: a total order consistent with =, for ORDER BY, DISTINCT, GROUP BY and merge joins';
COMMENT ON OPERATOR FAMILY @extschema@.pipeline_flow_ops USING btree IS
    'btree operators of pipeline_flow';

CREATE OPERATOR CLASS @extschema@.pipeline_flow_ops
DEFAULT FOR TYPE @extschema@.pipeline_flow USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.pipeline_flow_hash(@extschema@.pipeline_flow);
COMMENT ON OPERATOR CLASS @extschema@.pipeline_flow_ops USING hash IS
    'default hash operator class of pipeline_flow, for hash aggregation and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.pipeline_flow_ops USING hash IS
    'hash operators of pipeline_flow';

------------------------------------------------------------------------------
-- 0.7.0: unit economics (kpi-definitions.md section 17): CAC, CAC payback,
-- LTV, magic number, sales efficiency, as scalar functions over figures
-- already aggregated (spend, new customers, MRR).  A zero denominator gives
-- NULL, a negative spend or count is an error, margins and churn rates are
-- fractions; ratios are exact, rounded once to float8.
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.cac(spend pg_catalog.numeric, new_customers pg_catalog.int8)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'unit_economics_cac'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cac(pg_catalog.numeric, pg_catalog.int8) IS
    'customer acquisition cost: spend / new customers won in the period; NULL with no new customer';

CREATE FUNCTION @extschema@.cac_payback_months(spend pg_catalog.numeric, new_mrr pg_catalog.numeric,
                                               gross_margin pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'unit_economics_cac_payback_months'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cac_payback_months(pg_catalog.numeric, pg_catalog.numeric, pg_catalog.float8) IS
    'CAC payback in months: spend / (new customers'' MRR x gross margin); NULL when that is not positive';

CREATE FUNCTION @extschema@.ltv(arpa pg_catalog.numeric, gross_margin pg_catalog.float8, churn_rate pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'unit_economics_ltv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ltv(pg_catalog.numeric, pg_catalog.float8, pg_catalog.float8) IS
    'customer lifetime value: ARPA x gross margin / churn rate (same time unit); NULL for a churn rate of 0';

CREATE FUNCTION @extschema@.magic_number(revenue pg_catalog.numeric, prev_revenue pg_catalog.numeric,
                                         prev_spend pg_catalog.numeric, annualize pg_catalog.numeric DEFAULT 4)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'unit_economics_magic_number'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.magic_number(pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric) IS
    'SaaS magic number: (revenue - previous revenue) x annualize / previous period''s spend; NULL with no spend';

CREATE FUNCTION @extschema@.sales_efficiency(new_arr pg_catalog.numeric, spend pg_catalog.numeric)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'unit_economics_sales_efficiency'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sales_efficiency(pg_catalog.numeric, pg_catalog.numeric) IS
    'sales efficiency: new ARR booked / spend of the period; NULL with no spend';

------------------------------------------------------------------------------
-- 0.7.0: churn and revenue retention (kpi-definitions.md section 10).
-- churn_rate counts in win_rate's int8[2] state (its combine and final
-- functions), with an exact moving-window inverse; the retention aggregates
-- are ratios of two exact sums in value_win_rate(numeric)'s state (its
-- combine, serialize, deserialize and final functions, under names of
-- their own).
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.churn_rate_trans(pg_catalog.int8[], pg_catalog.bool, pg_catalog.bool)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'churn_rate_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.churn_rate_trans(pg_catalog.int8[], pg_catalog.bool, pg_catalog.bool) IS
    'transition function of churn_rate(boolean, boolean); state {churned, active at start}';

CREATE FUNCTION @extschema@.churn_rate_inv(pg_catalog.int8[], pg_catalog.bool, pg_catalog.bool)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'churn_rate_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.churn_rate_inv(pg_catalog.int8[], pg_catalog.bool, pg_catalog.bool) IS
    'moving-window inverse transition function of churn_rate(boolean, boolean)';

CREATE AGGREGATE @extschema@.churn_rate(active_at_start pg_catalog.bool, churned pg_catalog.bool) (
    SFUNC = @extschema@.churn_rate_trans,
    STYPE = pg_catalog.int8[],
    INITCOND = '{0,0}',
    FINALFUNC = @extschema@.win_rate_final,
    COMBINEFUNC = @extschema@.win_rate_combine,
    MSFUNC = @extschema@.churn_rate_trans,
    MINVFUNC = @extschema@.churn_rate_inv,
    MSTYPE = pg_catalog.int8[],
    MINITCOND = '{0,0}',
    MFINALFUNC = @extschema@.win_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.churn_rate(pg_catalog.bool, pg_catalog.bool) IS
    'customer churn rate: customers lost among those active at the period start / customers active at the start; rows not active at the start are not in the cohort; NULL without such customers';

CREATE FUNCTION @extschema@.net_revenue_retention_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'net_revenue_retention_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.net_revenue_retention_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of net_revenue_retention: exact sums of start + expansion - contraction - churned and of start';

CREATE FUNCTION @extschema@.gross_revenue_retention_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'gross_revenue_retention_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gross_revenue_retention_trans(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of gross_revenue_retention: exact sums of start - contraction - churned and of start';

CREATE FUNCTION @extschema@.net_revenue_retention_inv(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'net_revenue_retention_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.net_revenue_retention_inv(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric) IS
    'moving-window inverse transition function of net_revenue_retention';

CREATE FUNCTION @extschema@.gross_revenue_retention_inv(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'gross_revenue_retention_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gross_revenue_retention_inv(@extschema@.exact_ratio_state, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric) IS
    'moving-window inverse transition function of gross_revenue_retention';

CREATE FUNCTION @extschema@.revenue_retention_combine(@extschema@.exact_ratio_state, @extschema@.exact_ratio_state)
RETURNS @extschema@.exact_ratio_state
AS 'MODULE_PATHNAME', 'exact_ratio_state_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.revenue_retention_combine(@extschema@.exact_ratio_state, @extschema@.exact_ratio_state) IS
    'combine function of net_revenue_retention and gross_revenue_retention (that of value_win_rate(boolean, numeric))';

CREATE FUNCTION @extschema@.revenue_retention_final(@extschema@.exact_ratio_state)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'value_win_rate_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.revenue_retention_final(@extschema@.exact_ratio_state) IS
    'final function of net_revenue_retention and gross_revenue_retention: retained / starting MRR, NULL when the starting MRR is 0';

CREATE AGGREGATE @extschema@.net_revenue_retention(start_mrr pg_catalog.numeric, expansion pg_catalog.numeric,
                                                   contraction pg_catalog.numeric, churned_mrr pg_catalog.numeric) (
    SFUNC = @extschema@.net_revenue_retention_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.revenue_retention_final,
    COMBINEFUNC = @extschema@.revenue_retention_combine,
    MSFUNC = @extschema@.net_revenue_retention_trans,
    MINVFUNC = @extschema@.net_revenue_retention_inv,
    MSTYPE = @extschema@.exact_ratio_state,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.revenue_retention_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.net_revenue_retention(pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric) IS
    'net revenue retention over the customers active at the period start: (start + expansion - contraction - churned) / start; NULL when the starting MRR is 0';

CREATE AGGREGATE @extschema@.gross_revenue_retention(start_mrr pg_catalog.numeric, expansion pg_catalog.numeric,
                                                     contraction pg_catalog.numeric, churned_mrr pg_catalog.numeric) (
    SFUNC = @extschema@.gross_revenue_retention_trans,
    STYPE = @extschema@.exact_ratio_state,
    SSPACE = 128,
    FINALFUNC = @extschema@.revenue_retention_final,
    COMBINEFUNC = @extschema@.revenue_retention_combine,
    MSFUNC = @extschema@.gross_revenue_retention_trans,
    MINVFUNC = @extschema@.gross_revenue_retention_inv,
    MSTYPE = @extschema@.exact_ratio_state,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.revenue_retention_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gross_revenue_retention(pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric) IS
    'gross revenue retention over the customers active at the period start: (start - contraction - churned) / start, at most 1; expansion is checked but not counted; NULL when the starting MRR is 0';

------------------------------------------------------------------------------
-- 0.7.0: rep turnover (kpi-definitions.md section 16): separations over the
-- time-weighted average headcount, from spells (hired_on, left_on
-- inclusive, NULL = still there), and that headcount alone.  State int8[4]
-- {rep-days, separations, period lower, period upper}; combine checks the
-- period.  timestamptz forms take the date in the session's time zone.
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.rep_turnover_trans(pg_catalog.int8[], pg_catalog.date, pg_catalog.date, pg_catalog.daterange)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'rep_turnover_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_turnover_trans(pg_catalog.int8[], pg_catalog.date, pg_catalog.date, pg_catalog.daterange) IS
    'transition function of rep_turnover(date, date, daterange) and avg_headcount; state {rep-days, separations, period lower, period upper}';

CREATE FUNCTION @extschema@.rep_turnover_trans(pg_catalog.int8[], pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.daterange)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'rep_turnover_timestamptz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_turnover_trans(pg_catalog.int8[], pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.daterange) IS
    'transition function of rep_turnover(timestamptz, timestamptz, daterange) and avg_headcount';

CREATE FUNCTION @extschema@.rep_turnover_trans(pg_catalog.int8[], pg_catalog.date, pg_catalog.date, pg_catalog.bool, pg_catalog.daterange)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'rep_turnover_left_counts_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_turnover_trans(pg_catalog.int8[], pg_catalog.date, pg_catalog.date, pg_catalog.bool, pg_catalog.daterange) IS
    'transition function of rep_turnover(date, date, boolean, daterange): only spells whose left_counts is true separate';

CREATE FUNCTION @extschema@.rep_turnover_trans(pg_catalog.int8[], pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.bool, pg_catalog.daterange)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'rep_turnover_left_counts_timestamptz_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_turnover_trans(pg_catalog.int8[], pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.bool, pg_catalog.daterange) IS
    'transition function of rep_turnover(timestamptz, timestamptz, boolean, daterange)';

CREATE FUNCTION @extschema@.rep_turnover_combine(pg_catalog.int8[], pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'rep_turnover_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_turnover_combine(pg_catalog.int8[], pg_catalog.int8[]) IS
    'combine function of rep_turnover and avg_headcount: adds rep-days and separations of the same period';

CREATE FUNCTION @extschema@.rep_turnover_final(pg_catalog.int8[])
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'rep_turnover_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_turnover_final(pg_catalog.int8[]) IS
    'final function of rep_turnover: separations x days / rep-days, NULL without rep-days';

CREATE FUNCTION @extschema@.avg_headcount_final(pg_catalog.int8[])
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'avg_headcount_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.avg_headcount_final(pg_catalog.int8[]) IS
    'final function of avg_headcount: rep-days / days of the period';

CREATE AGGREGATE @extschema@.rep_turnover(hired_on pg_catalog.date, left_on pg_catalog.date, period pg_catalog.daterange) (
    SFUNC = @extschema@.rep_turnover_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.rep_turnover_final,
    COMBINEFUNC = @extschema@.rep_turnover_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_turnover(pg_catalog.date, pg_catalog.date, pg_catalog.daterange) IS
    'rep turnover: separations in the period / time-weighted average headcount (rep-days / days), from spells hired_on .. left_on (inclusive; NULL = still there)';

CREATE AGGREGATE @extschema@.rep_turnover(hired_on pg_catalog.timestamptz, left_on pg_catalog.timestamptz, period pg_catalog.daterange) (
    SFUNC = @extschema@.rep_turnover_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.rep_turnover_final,
    COMBINEFUNC = @extschema@.rep_turnover_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_turnover(pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.daterange) IS
    'rep_turnover with timestamptz (or timestamp) dates, each taken as its date in the session''s time zone';

CREATE AGGREGATE @extschema@.rep_turnover(hired_on pg_catalog.date, left_on pg_catalog.date, left_counts pg_catalog.bool,
                                          period pg_catalog.daterange) (
    SFUNC = @extschema@.rep_turnover_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.rep_turnover_final,
    COMBINEFUNC = @extschema@.rep_turnover_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_turnover(pg_catalog.date, pg_catalog.date, pg_catalog.bool, pg_catalog.daterange) IS
    'rep turnover counting only separations whose left_counts is true (voluntary, regretted), every spell in the headcount';

CREATE AGGREGATE @extschema@.rep_turnover(hired_on pg_catalog.timestamptz, left_on pg_catalog.timestamptz, left_counts pg_catalog.bool,
                                          period pg_catalog.daterange) (
    SFUNC = @extschema@.rep_turnover_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.rep_turnover_final,
    COMBINEFUNC = @extschema@.rep_turnover_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_turnover(pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.bool, pg_catalog.daterange) IS
    'rep_turnover with left_counts and timestamptz (or timestamp) dates';

CREATE AGGREGATE @extschema@.avg_headcount(hired_on pg_catalog.date, left_on pg_catalog.date, period pg_catalog.daterange) (
    SFUNC = @extschema@.rep_turnover_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.avg_headcount_final,
    COMBINEFUNC = @extschema@.rep_turnover_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.avg_headcount(pg_catalog.date, pg_catalog.date, pg_catalog.daterange) IS
    'time-weighted average headcount over the period: rep-days / days (the mean daily headcount)';

CREATE AGGREGATE @extschema@.avg_headcount(hired_on pg_catalog.timestamptz, left_on pg_catalog.timestamptz, period pg_catalog.daterange) (
    SFUNC = @extschema@.rep_turnover_trans,
    STYPE = pg_catalog.int8[],
    FINALFUNC = @extschema@.avg_headcount_final,
    COMBINEFUNC = @extschema@.rep_turnover_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.avg_headcount(pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.daterange) IS
    'avg_headcount with timestamptz (or timestamp) dates, each taken as its date in the session''s time zone';

------------------------------------------------------------------------------
-- 0.7.0: the stage funnel and time in stage (kpi-definitions.md sections 9
-- and 14).  Stages are the ordinals 1..n of the open stages; n_stages is
-- the same in every row and in every summary rolled up.  stage_conversion
-- (boolean) is the one-step conversion, in win_rate's int8[2] state.
------------------------------------------------------------------------------

CREATE AGGREGATE @extschema@.stage_conversion(advanced pg_catalog.bool) (
    SFUNC = @extschema@.win_rate_trans,
    STYPE = pg_catalog.int8[],
    INITCOND = '{0,0}',
    FINALFUNC = @extschema@.win_rate_final,
    COMBINEFUNC = @extschema@.win_rate_combine,
    MSFUNC = @extschema@.win_rate_trans,
    MINVFUNC = @extschema@.win_rate_inv,
    MSTYPE = pg_catalog.int8[],
    MINITCOND = '{0,0}',
    MFINALFUNC = @extschema@.win_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.stage_conversion(pg_catalog.bool) IS
    'one-step stage conversion of the deals that entered a stage: advanced / (advanced + dropped); true advanced, false dropped, NULL still in the stage (left out)';

CREATE TYPE @extschema@.stage_funnel;

CREATE FUNCTION @extschema@.stage_funnel_in(pg_catalog.cstring)
RETURNS @extschema@.stage_funnel
AS 'MODULE_PATHNAME', 'stage_funnel_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.stage_funnel_out(@extschema@.stage_funnel)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'stage_funnel_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.stage_funnel_recv(internal)
RETURNS @extschema@.stage_funnel
AS 'MODULE_PATHNAME', 'stage_funnel_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.stage_funnel_send(@extschema@.stage_funnel)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'stage_funnel_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.stage_funnel (
    INPUT = @extschema@.stage_funnel_in,
    OUTPUT = @extschema@.stage_funnel_out,
    RECEIVE = @extschema@.stage_funnel_recv,
    SEND = @extschema@.stage_funnel_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = main
);

COMMENT ON TYPE @extschema@.stage_funnel IS
    'a stage funnel: won deals, and per stage the open and lost deals whose highest stage it is; every reached, advanced, dropped and open count follows';
COMMENT ON FUNCTION @extschema@.stage_funnel_in(pg_catalog.cstring) IS 'text input of stage_funnel';
COMMENT ON FUNCTION @extschema@.stage_funnel_out(@extschema@.stage_funnel) IS 'text output of stage_funnel';
COMMENT ON FUNCTION @extschema@.stage_funnel_recv(internal) IS 'binary input of stage_funnel';
COMMENT ON FUNCTION @extschema@.stage_funnel_send(@extschema@.stage_funnel) IS 'binary output of stage_funnel';

CREATE FUNCTION @extschema@.stage_funnel_trans(@extschema@.stage_funnel, pg_catalog.int4, pg_catalog.bool, pg_catalog.int4)
RETURNS @extschema@.stage_funnel
AS 'MODULE_PATHNAME', 'stage_funnel_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_trans(@extschema@.stage_funnel, pg_catalog.int4, pg_catalog.bool, pg_catalog.int4) IS
    'transition function of stage_funnel(integer, boolean, integer)';

CREATE FUNCTION @extschema@.stage_funnel_combine(@extschema@.stage_funnel, @extschema@.stage_funnel)
RETURNS @extschema@.stage_funnel
AS 'MODULE_PATHNAME', 'stage_funnel_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_combine(@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'adds two stage funnels of the same stages: combine function of stage_funnel, transition function of rollup()';

CREATE AGGREGATE @extschema@.stage_funnel(highest_stage pg_catalog.int4, won pg_catalog.bool, n_stages pg_catalog.int4) (
    SFUNC = @extschema@.stage_funnel_trans,
    STYPE = @extschema@.stage_funnel,
    COMBINEFUNC = @extschema@.stage_funnel_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.stage_funnel(pg_catalog.int4, pg_catalog.bool, pg_catalog.int4) IS
    'the stage funnel, one row per deal: the highest open stage it ever entered (1..n_stages; NULL for none), won (true won, false lost, NULL open)';

CREATE AGGREGATE @extschema@.rollup(@extschema@.stage_funnel) (
    SFUNC = @extschema@.stage_funnel_combine,
    STYPE = @extschema@.stage_funnel,
    COMBINEFUNC = @extschema@.stage_funnel_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.stage_funnel) IS
    'adds stage funnels of the same stages (teams, months, shards): the funnel of all their deals';

CREATE FUNCTION @extschema@.stage_reached(f @extschema@.stage_funnel, stage pg_catalog.int4)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'stage_funnel_reached'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_reached(@extschema@.stage_funnel, pg_catalog.int4) IS
    'deals that reached the stage: won, or a highest stage at or above it (skipped stages count as reached)';

CREATE FUNCTION @extschema@.stage_advanced(f @extschema@.stage_funnel, stage pg_catalog.int4)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'stage_funnel_advanced'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_advanced(@extschema@.stage_funnel, pg_catalog.int4) IS
    'deals that went past the stage: won, or a highest stage above it';

CREATE FUNCTION @extschema@.stage_dropped(f @extschema@.stage_funnel, stage pg_catalog.int4)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'stage_funnel_dropped'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_dropped(@extschema@.stage_funnel, pg_catalog.int4) IS
    'deals lost with the stage as their highest';

CREATE FUNCTION @extschema@.stage_open(f @extschema@.stage_funnel, stage pg_catalog.int4)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'stage_funnel_open'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_open(@extschema@.stage_funnel, pg_catalog.int4) IS
    'open deals with the stage as their highest (undecided)';

CREATE FUNCTION @extschema@.stage_conversion(f @extschema@.stage_funnel, stage pg_catalog.int4)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'stage_funnel_conversion'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_conversion(@extschema@.stage_funnel, pg_catalog.int4) IS
    'stage conversion of the decided deals: advanced / (advanced + dropped); NULL when none is decided';

CREATE FUNCTION @extschema@.stage_pass_rate(f @extschema@.stage_funnel, stage pg_catalog.int4)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'stage_funnel_pass_rate'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_pass_rate(@extschema@.stage_funnel, pg_catalog.int4) IS
    'stage pass rate: advanced / reached (open deals in the denominator); the rates multiply to won / reached(1)';

CREATE FUNCTION @extschema@.funnel_stages(f @extschema@.stage_funnel)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'stage_funnel_stages'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_stages(@extschema@.stage_funnel) IS
    'the number of stages of a funnel';

CREATE FUNCTION @extschema@.stage_funnel_table(f @extschema@.stage_funnel)
RETURNS TABLE (stage pg_catalog.int4, reached pg_catalog.int8, advanced pg_catalog.int8, dropped pg_catalog.int8,
               open pg_catalog.int8, conversion pg_catalog.float8, pass_rate pg_catalog.float8)
AS $$
    SELECT k, @extschema@.stage_reached($1, k), @extschema@.stage_advanced($1, k),
           @extschema@.stage_dropped($1, k), @extschema@.stage_open($1, k),
           @extschema@.stage_conversion($1, k), @extschema@.stage_pass_rate($1, k)
    FROM pg_catalog.generate_series(1, @extschema@.funnel_stages($1)) AS k
    ORDER BY k
$$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_table(@extschema@.stage_funnel) IS
    'the funnel as one row per stage: reached, advanced, dropped, open, conversion, pass rate';

-- equality, hashing and a btree ordering, as for the other summary types

CREATE FUNCTION @extschema@.stage_funnel_eq(@extschema@.stage_funnel, @extschema@.stage_funnel)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_funnel_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_eq(@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'implementation of the = operator on stage_funnel';

CREATE FUNCTION @extschema@.stage_funnel_ne(@extschema@.stage_funnel, @extschema@.stage_funnel)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_funnel_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_ne(@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'implementation of the <> operator on stage_funnel';

CREATE FUNCTION @extschema@.stage_funnel_lt(@extschema@.stage_funnel, @extschema@.stage_funnel)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_funnel_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_lt(@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'implementation of the < operator on stage_funnel';

CREATE FUNCTION @extschema@.stage_funnel_le(@extschema@.stage_funnel, @extschema@.stage_funnel)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_funnel_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_le(@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'implementation of the <= operator on stage_funnel';

CREATE FUNCTION @extschema@.stage_funnel_gt(@extschema@.stage_funnel, @extschema@.stage_funnel)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_funnel_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_gt(@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'implementation of the > operator on stage_funnel';

CREATE FUNCTION @extschema@.stage_funnel_ge(@extschema@.stage_funnel, @extschema@.stage_funnel)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_funnel_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_ge(@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'implementation of the >= operator on stage_funnel';

CREATE FUNCTION @extschema@.stage_funnel_cmp(@extschema@.stage_funnel, @extschema@.stage_funnel)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'stage_funnel_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_cmp(@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'btree support function of stage_funnel: -1, 0 or 1 as the first is less than, equal to or greater than the second';

CREATE FUNCTION @extschema@.stage_funnel_hash(@extschema@.stage_funnel)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'stage_funnel_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_funnel_hash(@extschema@.stage_funnel) IS
    'hash support function of stage_funnel: equal summaries hash alike';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.stage_funnel, RIGHTARG = @extschema@.stage_funnel,
    FUNCTION = @extschema@.stage_funnel_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'equal: same period, target window, deals per bar and memos, and bar amounts compared numerically (display scale ignored)';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.stage_funnel, RIGHTARG = @extschema@.stage_funnel,
    FUNCTION = @extschema@.stage_funnel_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'not equal';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.stage_funnel, RIGHTARG = @extschema@.stage_funnel,
    FUNCTION = @extschema@.stage_funnel_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'less than, in the btree order';

CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.stage_funnel, RIGHTARG = @extschema@.stage_funnel,
    FUNCTION = @extschema@.stage_funnel_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'less than or equal, in the btree order';

CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.stage_funnel, RIGHTARG = @extschema@.stage_funnel,
    FUNCTION = @extschema@.stage_funnel_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'greater than, in the btree order';

CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.stage_funnel, RIGHTARG = @extschema@.stage_funnel,
    FUNCTION = @extschema@.stage_funnel_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.stage_funnel, @extschema@.stage_funnel) IS
    'greater than or equal, in the btree order';

CREATE OPERATOR CLASS @extschema@.stage_funnel_ops
DEFAULT FOR TYPE @extschema@.stage_funnel USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.stage_funnel_cmp(@extschema@.stage_funnel, @extschema@.stage_funnel);
COMMENT ON OPERATOR CLASS @extschema@.stage_funnel_ops USING btree IS
    'default btree ordering of stage_funnel: a total order consistent with =, for ORDER BY, DISTINCT, GROUP BY and merge joins';
COMMENT ON OPERATOR FAMILY @extschema@.stage_funnel_ops USING btree IS
    'btree operators of stage_funnel';

CREATE OPERATOR CLASS @extschema@.stage_funnel_ops
DEFAULT FOR TYPE @extschema@.stage_funnel USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.stage_funnel_hash(@extschema@.stage_funnel);
COMMENT ON OPERATOR CLASS @extschema@.stage_funnel_ops USING hash IS
    'default hash operator class of stage_funnel, for hash aggregation and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.stage_funnel_ops USING hash IS
    'hash operators of stage_funnel';

CREATE TYPE @extschema@.stage_time;

CREATE FUNCTION @extschema@.stage_time_in(pg_catalog.cstring)
RETURNS @extschema@.stage_time
AS 'MODULE_PATHNAME', 'stage_time_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.stage_time_out(@extschema@.stage_time)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'stage_time_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.stage_time_recv(internal)
RETURNS @extschema@.stage_time
AS 'MODULE_PATHNAME', 'stage_time_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.stage_time_send(@extschema@.stage_time)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'stage_time_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.stage_time (
    INPUT = @extschema@.stage_time_in,
    OUTPUT = @extschema@.stage_time_out,
    RECEIVE = @extschema@.stage_time_recv,
    SEND = @extschema@.stage_time_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);

COMMENT ON TYPE @extschema@.stage_time IS
    'time in stage: per stage an exact histogram of the finished stays'' whole days and the count of stays still running';
COMMENT ON FUNCTION @extschema@.stage_time_in(pg_catalog.cstring) IS 'text input of stage_time';
COMMENT ON FUNCTION @extschema@.stage_time_out(@extschema@.stage_time) IS 'text output of stage_time';
COMMENT ON FUNCTION @extschema@.stage_time_recv(internal) IS 'binary input of stage_time';
COMMENT ON FUNCTION @extschema@.stage_time_send(@extschema@.stage_time) IS 'binary output of stage_time';

CREATE FUNCTION @extschema@.stage_time_trans(@extschema@.stage_time, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.stage_time
AS 'MODULE_PATHNAME', 'stage_time_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_trans(@extschema@.stage_time, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS
    'transition function of stage_time(integer, integer, integer)';

CREATE FUNCTION @extschema@.stage_time_trans(@extschema@.stage_time, pg_catalog.int4, pg_catalog.int8, pg_catalog.int4)
RETURNS @extschema@.stage_time
AS 'MODULE_PATHNAME', 'stage_time_bigint_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_trans(@extschema@.stage_time, pg_catalog.int4, pg_catalog.int8, pg_catalog.int4) IS
    'transition function of stage_time(integer, bigint, integer)';

CREATE FUNCTION @extschema@.stage_time_combine(@extschema@.stage_time, @extschema@.stage_time)
RETURNS @extschema@.stage_time
AS 'MODULE_PATHNAME', 'stage_time_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_combine(@extschema@.stage_time, @extschema@.stage_time) IS
    'merges two stage_time summaries of the same stages: combine function of stage_time, transition function of rollup()';

CREATE FUNCTION @extschema@.stage_time_final(@extschema@.stage_time)
RETURNS @extschema@.stage_time
AS 'MODULE_PATHNAME', 'stage_time_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_final(@extschema@.stage_time) IS
    'final function of stage_time() and rollup(stage_time): the summary with its histogram stored compact';

CREATE AGGREGATE @extschema@.stage_time(stage pg_catalog.int4, days pg_catalog.int4, n_stages pg_catalog.int4) (
    SFUNC = @extschema@.stage_time_trans,
    STYPE = @extschema@.stage_time,
    FINALFUNC = @extschema@.stage_time_final,
    COMBINEFUNC = @extschema@.stage_time_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.stage_time(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS
    'time in stage, one row per deal and stage (or per visit): the stage (1..n_stages), the whole days spent there (NULL while the stay runs)';

CREATE AGGREGATE @extschema@.stage_time(stage pg_catalog.int4, days pg_catalog.int8, n_stages pg_catalog.int4) (
    SFUNC = @extschema@.stage_time_trans,
    STYPE = @extschema@.stage_time,
    FINALFUNC = @extschema@.stage_time_final,
    COMBINEFUNC = @extschema@.stage_time_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.stage_time(pg_catalog.int4, pg_catalog.int8, pg_catalog.int4) IS
    'stage_time with bigint days, as sum() of date differences gives them';

CREATE AGGREGATE @extschema@.rollup(@extschema@.stage_time) (
    SFUNC = @extschema@.stage_time_combine,
    STYPE = @extschema@.stage_time,
    FINALFUNC = @extschema@.stage_time_final,
    COMBINEFUNC = @extschema@.stage_time_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.stage_time) IS
    'merges stage_time summaries of the same stages: the same summary as aggregating their rows';

CREATE FUNCTION @extschema@.time_in_stage_avg(t @extschema@.stage_time, stage pg_catalog.int4)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'stage_time_avg'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.time_in_stage_avg(@extschema@.stage_time, pg_catalog.int4) IS
    'mean days of the finished stays in the stage; NULL with none';

CREATE FUNCTION @extschema@.time_in_stage_median(t @extschema@.stage_time, stage pg_catalog.int4)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'stage_time_median'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.time_in_stage_median(@extschema@.stage_time, pg_catalog.int4) IS
    'median days of the finished stays in the stage (percentile_cont(0.5)); NULL with none';

CREATE FUNCTION @extschema@.time_in_stage_percentile(t @extschema@.stage_time, stage pg_catalog.int4, p pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'stage_time_percentile'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.time_in_stage_percentile(@extschema@.stage_time, pg_catalog.int4, pg_catalog.float8) IS
    'days of the finished stays in the stage at fraction p, as percentile_cont(p); NULL with none';

CREATE FUNCTION @extschema@.stage_stays(t @extschema@.stage_time, stage pg_catalog.int4)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'stage_time_stays'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_stays(@extschema@.stage_time, pg_catalog.int4) IS
    'finished stays in the stage (those in the distribution)';

CREATE FUNCTION @extschema@.stage_in_progress(t @extschema@.stage_time, stage pg_catalog.int4)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'stage_time_in_progress'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_in_progress(@extschema@.stage_time, pg_catalog.int4) IS
    'stays still running in the stage (counted apart, not in the distribution)';

CREATE FUNCTION @extschema@.time_stages(t @extschema@.stage_time)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'stage_time_stages'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.time_stages(@extschema@.stage_time) IS
    'the number of stages of a stage_time summary';

CREATE FUNCTION @extschema@.stage_time_table(t @extschema@.stage_time)
RETURNS TABLE (stage pg_catalog.int4, stays pg_catalog.int8, in_progress pg_catalog.int8, avg_days pg_catalog.float8,
               median_days pg_catalog.float8, p90_days pg_catalog.float8)
AS $$
    SELECT k, @extschema@.stage_stays($1, k), @extschema@.stage_in_progress($1, k),
           @extschema@.time_in_stage_avg($1, k), @extschema@.time_in_stage_median($1, k),
           @extschema@.time_in_stage_percentile($1, k, 0.9)
    FROM pg_catalog.generate_series(1, @extschema@.time_stages($1)) AS k
    ORDER BY k
$$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_table(@extschema@.stage_time) IS
    'time in stage as one row per stage: finished stays, running stays, mean, median and 90th percentile days';

-- equality, hashing and a btree ordering, as for the other summary types

CREATE FUNCTION @extschema@.stage_time_eq(@extschema@.stage_time, @extschema@.stage_time)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_time_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_eq(@extschema@.stage_time, @extschema@.stage_time) IS
    'implementation of the = operator on stage_time';

CREATE FUNCTION @extschema@.stage_time_ne(@extschema@.stage_time, @extschema@.stage_time)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_time_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_ne(@extschema@.stage_time, @extschema@.stage_time) IS
    'implementation of the <> operator on stage_time';

CREATE FUNCTION @extschema@.stage_time_lt(@extschema@.stage_time, @extschema@.stage_time)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_time_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_lt(@extschema@.stage_time, @extschema@.stage_time) IS
    'implementation of the < operator on stage_time';

CREATE FUNCTION @extschema@.stage_time_le(@extschema@.stage_time, @extschema@.stage_time)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_time_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_le(@extschema@.stage_time, @extschema@.stage_time) IS
    'implementation of the <= operator on stage_time';

CREATE FUNCTION @extschema@.stage_time_gt(@extschema@.stage_time, @extschema@.stage_time)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_time_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_gt(@extschema@.stage_time, @extschema@.stage_time) IS
    'implementation of the > operator on stage_time';

CREATE FUNCTION @extschema@.stage_time_ge(@extschema@.stage_time, @extschema@.stage_time)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'stage_time_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_ge(@extschema@.stage_time, @extschema@.stage_time) IS
    'implementation of the >= operator on stage_time';

CREATE FUNCTION @extschema@.stage_time_cmp(@extschema@.stage_time, @extschema@.stage_time)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'stage_time_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_cmp(@extschema@.stage_time, @extschema@.stage_time) IS
    'btree support function of stage_time: -1, 0 or 1 as the first is less than, equal to or greater than the second';

CREATE FUNCTION @extschema@.stage_time_hash(@extschema@.stage_time)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'stage_time_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_time_hash(@extschema@.stage_time) IS
    'hash support function of stage_time: equal summaries hash alike';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.stage_time, RIGHTARG = @extschema@.stage_time,
    FUNCTION = @extschema@.stage_time_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.stage_time, @extschema@.stage_time) IS
    'equal: same period, target window, deals per bar and memos, and bar amounts compared numerically (display scale ignored)';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.stage_time, RIGHTARG = @extschema@.stage_time,
    FUNCTION = @extschema@.stage_time_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.stage_time, @extschema@.stage_time) IS
    'not equal';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.stage_time, RIGHTARG = @extschema@.stage_time,
    FUNCTION = @extschema@.stage_time_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.stage_time, @extschema@.stage_time) IS
    'less than, in the btree order';

CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.stage_time, RIGHTARG = @extschema@.stage_time,
    FUNCTION = @extschema@.stage_time_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.stage_time, @extschema@.stage_time) IS
    'less than or equal, in the btree order';

CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.stage_time, RIGHTARG = @extschema@.stage_time,
    FUNCTION = @extschema@.stage_time_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.stage_time, @extschema@.stage_time) IS
    'greater than, in the btree order';

CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.stage_time, RIGHTARG = @extschema@.stage_time,
    FUNCTION = @extschema@.stage_time_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.stage_time, @extschema@.stage_time) IS
    'greater than or equal, in the btree order';

CREATE OPERATOR CLASS @extschema@.stage_time_ops
DEFAULT FOR TYPE @extschema@.stage_time USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.stage_time_cmp(@extschema@.stage_time, @extschema@.stage_time);
COMMENT ON OPERATOR CLASS @extschema@.stage_time_ops USING btree IS
    'default btree ordering of stage_time: a total order consistent with =, for ORDER BY, DISTINCT, GROUP BY and merge joins';
COMMENT ON OPERATOR FAMILY @extschema@.stage_time_ops USING btree IS
    'btree operators of stage_time';

CREATE OPERATOR CLASS @extschema@.stage_time_ops
DEFAULT FOR TYPE @extschema@.stage_time USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.stage_time_hash(@extschema@.stage_time);
COMMENT ON OPERATOR CLASS @extschema@.stage_time_ops USING hash IS
    'default hash operator class of stage_time, for hash aggregation and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.stage_time_ops USING hash IS
    'hash operators of stage_time';

------------------------------------------------------------------------------
-- 0.7.0: lead KPIs (kpi-definitions.md section 15): one row per lead of a
-- cohort; conversions, source shares, and response times kept exactly in
-- whole seconds.
------------------------------------------------------------------------------

CREATE TYPE @extschema@.lead_summary;

CREATE FUNCTION @extschema@.lead_summary_in(pg_catalog.cstring)
RETURNS @extschema@.lead_summary
AS 'MODULE_PATHNAME', 'lead_summary_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.lead_summary_out(@extschema@.lead_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'lead_summary_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.lead_summary_recv(internal)
RETURNS @extschema@.lead_summary
AS 'MODULE_PATHNAME', 'lead_summary_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.lead_summary_send(@extschema@.lead_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'lead_summary_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.lead_summary (
    INPUT = @extschema@.lead_summary_in,
    OUTPUT = @extschema@.lead_summary_out,
    RECEIVE = @extschema@.lead_summary_recv,
    SEND = @extschema@.lead_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);

COMMENT ON TYPE @extschema@.lead_summary IS
    'a lead cohort: leads, their conversions to opportunity and customer, sources, and the exact histogram of response times in seconds';
COMMENT ON FUNCTION @extschema@.lead_summary_in(pg_catalog.cstring) IS 'text input of lead_summary';
COMMENT ON FUNCTION @extschema@.lead_summary_out(@extschema@.lead_summary) IS 'text output of lead_summary';
COMMENT ON FUNCTION @extschema@.lead_summary_recv(internal) IS 'binary input of lead_summary';
COMMENT ON FUNCTION @extschema@.lead_summary_send(@extschema@.lead_summary) IS 'binary output of lead_summary';

CREATE FUNCTION @extschema@.lead_summary_trans(@extschema@.lead_summary, pg_catalog.timestamptz, pg_catalog.timestamptz,
                                               pg_catalog.bool, pg_catalog.bool, pg_catalog.bool)
RETURNS @extschema@.lead_summary
AS 'MODULE_PATHNAME', 'lead_summary_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_trans(@extschema@.lead_summary, pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.bool, pg_catalog.bool, pg_catalog.bool) IS
    'transition function of lead_summary(timestamptz, timestamptz, boolean, boolean, boolean)';

CREATE FUNCTION @extschema@.lead_summary_trans(@extschema@.lead_summary, pg_catalog.interval,
                                               pg_catalog.bool, pg_catalog.bool, pg_catalog.bool)
RETURNS @extschema@.lead_summary
AS 'MODULE_PATHNAME', 'lead_summary_interval_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_trans(@extschema@.lead_summary, pg_catalog.interval, pg_catalog.bool, pg_catalog.bool, pg_catalog.bool) IS
    'transition function of lead_summary(interval, boolean, boolean, boolean)';

CREATE FUNCTION @extschema@.lead_summary_combine(@extschema@.lead_summary, @extschema@.lead_summary)
RETURNS @extschema@.lead_summary
AS 'MODULE_PATHNAME', 'lead_summary_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_combine(@extschema@.lead_summary, @extschema@.lead_summary) IS
    'merges two lead summaries: combine function of lead_summary, transition function of rollup()';

CREATE FUNCTION @extschema@.lead_summary_final(@extschema@.lead_summary)
RETURNS @extschema@.lead_summary
AS 'MODULE_PATHNAME', 'lead_summary_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_final(@extschema@.lead_summary) IS
    'final function of lead_summary() and rollup(lead_summary): the summary with its histogram stored compact';

CREATE AGGREGATE @extschema@.lead_summary(created_at pg_catalog.timestamptz, first_touch_at pg_catalog.timestamptz,
                                          opportunity pg_catalog.bool, customer pg_catalog.bool,
                                          marketing_sourced pg_catalog.bool) (
    SFUNC = @extschema@.lead_summary_trans,
    STYPE = @extschema@.lead_summary,
    FINALFUNC = @extschema@.lead_summary_final,
    COMBINEFUNC = @extschema@.lead_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.lead_summary(pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.bool, pg_catalog.bool, pg_catalog.bool) IS
    'lead KPIs, one row per lead: created, first touch by a person (NULL never), became an opportunity, a customer, marketing-sourced (NULL other)';

CREATE AGGREGATE @extschema@.lead_summary(response pg_catalog.interval, opportunity pg_catalog.bool,
                                          customer pg_catalog.bool, marketing_sourced pg_catalog.bool) (
    SFUNC = @extschema@.lead_summary_trans,
    STYPE = @extschema@.lead_summary,
    FINALFUNC = @extschema@.lead_summary_final,
    COMBINEFUNC = @extschema@.lead_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.lead_summary(pg_catalog.interval, pg_catalog.bool, pg_catalog.bool, pg_catalog.bool) IS
    'lead_summary with a response time the caller computed (business hours): NULL never touched, negative touched before creation';

CREATE AGGREGATE @extschema@.rollup(@extschema@.lead_summary) (
    SFUNC = @extschema@.lead_summary_combine,
    STYPE = @extschema@.lead_summary,
    FINALFUNC = @extschema@.lead_summary_final,
    COMBINEFUNC = @extschema@.lead_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.lead_summary) IS
    'merges lead summaries (teams, sources, months): the cohort of the union';

CREATE FUNCTION @extschema@.lead_count(s @extschema@.lead_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'lead_summary_count'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_count(@extschema@.lead_summary) IS
    'the leads of the cohort';

CREATE FUNCTION @extschema@.leads_untouched(s @extschema@.lead_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'lead_summary_untouched'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.leads_untouched(@extschema@.lead_summary) IS
    'leads never touched (in the SLA denominator, not in the response times)';

CREATE FUNCTION @extschema@.leads_pretouched(s @extschema@.lead_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'lead_summary_pretouched'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.leads_pretouched(@extschema@.lead_summary) IS
    'leads touched before they were created (no response clock)';

CREATE FUNCTION @extschema@.lead_to_opportunity(s @extschema@.lead_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'lead_summary_to_opportunity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_to_opportunity(@extschema@.lead_summary) IS
    'leads that became an opportunity / leads (NULL outcomes left out)';

CREATE FUNCTION @extschema@.lead_to_customer(s @extschema@.lead_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'lead_summary_to_customer'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_to_customer(@extschema@.lead_summary) IS
    'leads that became a customer / leads (NULL outcomes left out)';

CREATE FUNCTION @extschema@.opportunity_to_customer(s @extschema@.lead_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'lead_summary_opportunity_to_customer'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.opportunity_to_customer(@extschema@.lead_summary) IS
    'leads that became an opportunity and a customer / leads that became an opportunity';

CREATE FUNCTION @extschema@.marketing_sourced_share(s @extschema@.lead_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'lead_summary_marketing_share'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.marketing_sourced_share(@extschema@.lead_summary) IS
    'marketing-sourced leads / all leads';

CREATE FUNCTION @extschema@.sales_sourced_share(s @extschema@.lead_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'lead_summary_sales_share'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sales_sourced_share(@extschema@.lead_summary) IS
    'sales-sourced leads / all leads';

CREATE FUNCTION @extschema@.other_source_share(s @extschema@.lead_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'lead_summary_other_share'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.other_source_share(@extschema@.lead_summary) IS
    'leads of other or unknown source / all leads';

CREATE FUNCTION @extschema@.response_time_avg(s @extschema@.lead_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'lead_summary_response_avg'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.response_time_avg(@extschema@.lead_summary) IS
    'mean response time in hours of the leads touched at or after creation';

CREATE FUNCTION @extschema@.response_time_median(s @extschema@.lead_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'lead_summary_response_median'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.response_time_median(@extschema@.lead_summary) IS
    'median response time in hours (percentile_cont(0.5))';

CREATE FUNCTION @extschema@.response_time_percentile(s @extschema@.lead_summary, p pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'lead_summary_response_percentile'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.response_time_percentile(@extschema@.lead_summary, pg_catalog.float8) IS
    'response time in hours at fraction p, as percentile_cont(p)';

CREATE FUNCTION @extschema@.responded_within(s @extschema@.lead_summary, hours pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'lead_summary_responded_within'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.responded_within(@extschema@.lead_summary, pg_catalog.float8) IS
    'SLA share: leads touched within the hours / leads with a running clock (touched at or after creation, or never)';

-- equality, hashing and a btree ordering, as for the other summary types

CREATE FUNCTION @extschema@.lead_summary_eq(@extschema@.lead_summary, @extschema@.lead_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'lead_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_eq(@extschema@.lead_summary, @extschema@.lead_summary) IS
    'implementation of the = operator on lead_summary';

CREATE FUNCTION @extschema@.lead_summary_ne(@extschema@.lead_summary, @extschema@.lead_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'lead_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_ne(@extschema@.lead_summary, @extschema@.lead_summary) IS
    'implementation of the <> operator on lead_summary';

CREATE FUNCTION @extschema@.lead_summary_lt(@extschema@.lead_summary, @extschema@.lead_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'lead_summary_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_lt(@extschema@.lead_summary, @extschema@.lead_summary) IS
    'implementation of the < operator on lead_summary';

CREATE FUNCTION @extschema@.lead_summary_le(@extschema@.lead_summary, @extschema@.lead_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'lead_summary_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_le(@extschema@.lead_summary, @extschema@.lead_summary) IS
    'implementation of the <= operator on lead_summary';

CREATE FUNCTION @extschema@.lead_summary_gt(@extschema@.lead_summary, @extschema@.lead_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'lead_summary_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_gt(@extschema@.lead_summary, @extschema@.lead_summary) IS
    'implementation of the > operator on lead_summary';

CREATE FUNCTION @extschema@.lead_summary_ge(@extschema@.lead_summary, @extschema@.lead_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'lead_summary_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_ge(@extschema@.lead_summary, @extschema@.lead_summary) IS
    'implementation of the >= operator on lead_summary';

CREATE FUNCTION @extschema@.lead_summary_cmp(@extschema@.lead_summary, @extschema@.lead_summary)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'lead_summary_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_cmp(@extschema@.lead_summary, @extschema@.lead_summary) IS
    'btree support function of lead_summary: -1, 0 or 1 as the first is less than, equal to or greater than the second';

CREATE FUNCTION @extschema@.lead_summary_hash(@extschema@.lead_summary)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'lead_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lead_summary_hash(@extschema@.lead_summary) IS
    'hash support function of lead_summary: equal summaries hash alike';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.lead_summary, RIGHTARG = @extschema@.lead_summary,
    FUNCTION = @extschema@.lead_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.lead_summary, @extschema@.lead_summary) IS
    'equal: same period, target window, deals per bar and memos, and bar amounts compared numerically (display scale ignored)';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.lead_summary, RIGHTARG = @extschema@.lead_summary,
    FUNCTION = @extschema@.lead_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.lead_summary, @extschema@.lead_summary) IS
    'not equal';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.lead_summary, RIGHTARG = @extschema@.lead_summary,
    FUNCTION = @extschema@.lead_summary_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.lead_summary, @extschema@.lead_summary) IS
    'less than, in the btree order';

CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.lead_summary, RIGHTARG = @extschema@.lead_summary,
    FUNCTION = @extschema@.lead_summary_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.lead_summary, @extschema@.lead_summary) IS
    'less than or equal, in the btree order';

CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.lead_summary, RIGHTARG = @extschema@.lead_summary,
    FUNCTION = @extschema@.lead_summary_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.lead_summary, @extschema@.lead_summary) IS
    'greater than, in the btree order';

CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.lead_summary, RIGHTARG = @extschema@.lead_summary,
    FUNCTION = @extschema@.lead_summary_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.lead_summary, @extschema@.lead_summary) IS
    'greater than or equal, in the btree order';

CREATE OPERATOR CLASS @extschema@.lead_summary_ops
DEFAULT FOR TYPE @extschema@.lead_summary USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.lead_summary_cmp(@extschema@.lead_summary, @extschema@.lead_summary);
COMMENT ON OPERATOR CLASS @extschema@.lead_summary_ops USING btree IS
    'default btree ordering of lead_summary: a total order consistent with =, for ORDER BY, DISTINCT, GROUP BY and merge joins';
COMMENT ON OPERATOR FAMILY @extschema@.lead_summary_ops USING btree IS
    'btree operators of lead_summary';

CREATE OPERATOR CLASS @extschema@.lead_summary_ops
DEFAULT FOR TYPE @extschema@.lead_summary USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.lead_summary_hash(@extschema@.lead_summary);
COMMENT ON OPERATOR CLASS @extschema@.lead_summary_ops USING hash IS
    'default hash operator class of lead_summary, for hash aggregation and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.lead_summary_ops USING hash IS
    'hash operators of lead_summary';

------------------------------------------------------------------------------
-- 0.7.0: rep_attainment, the storable form of attainment_by_rep: the exact
-- achieved and quota sums per rep, keyed by bigint, text or uuid rep ids,
-- so that rollup() adds them by rep however one rep's deal and quota rows
-- are split across days or shards (an attainment summary per shard cannot:
-- it rates each part of a rep on its own).  attainment_by_rep keeps this
-- state too, so Citus splits it on the workers (no internal state).
------------------------------------------------------------------------------

CREATE TYPE @extschema@.rep_attainment;

CREATE FUNCTION @extschema@.rep_attainment_in(pg_catalog.cstring)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.rep_attainment_out(@extschema@.rep_attainment)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'rep_attainment_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.rep_attainment_recv(internal)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.rep_attainment_send(@extschema@.rep_attainment)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'rep_attainment_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.rep_attainment (
    INPUT = @extschema@.rep_attainment_in,
    OUTPUT = @extschema@.rep_attainment_out,
    RECEIVE = @extschema@.rep_attainment_recv,
    SEND = @extschema@.rep_attainment_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);

COMMENT ON TYPE @extschema@.rep_attainment IS
    'per-rep summary of raw deal and quota rows: the exact achieved and quota sums of every rep (bigint, text or uuid key); read with every attainment accessor, merge by rep with rollup()';
COMMENT ON FUNCTION @extschema@.rep_attainment_in(pg_catalog.cstring) IS 'text input of rep_attainment';
COMMENT ON FUNCTION @extschema@.rep_attainment_out(@extschema@.rep_attainment) IS 'text output of rep_attainment';
COMMENT ON FUNCTION @extschema@.rep_attainment_recv(internal) IS 'binary input of rep_attainment';
COMMENT ON FUNCTION @extschema@.rep_attainment_send(@extschema@.rep_attainment) IS 'binary output of rep_attainment';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.int8, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.int8, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of rep_attainment and attainment_by_rep (bigint, numeric, numeric): exact sums of achieved and quota per rep';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_text_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of rep_attainment and attainment_by_rep (text, numeric, numeric): exact sums of achieved and quota per rep, reps equal when their bytes are';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.uuid, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_uuid_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.uuid, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of rep_attainment and attainment_by_rep (uuid, numeric, numeric): exact sums of achieved and quota per rep';

CREATE FUNCTION @extschema@.rep_attainment_combine(@extschema@.rep_attainment, @extschema@.rep_attainment)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_combine(@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'adds two rep_attainment values rep by rep (key types must agree): the transition function of rollup and the combine function of every rep_attainment state';

CREATE FUNCTION @extschema@.rep_attainment_final(@extschema@.rep_attainment)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_final(@extschema@.rep_attainment) IS
    'final function of rep_attainment() and rollup(rep_attainment): the stored form, reps in key order';

CREATE FUNCTION @extschema@.attainment(@extschema@.rep_attainment)
RETURNS @extschema@.attainment
AS 'MODULE_PATHNAME', 'rep_attainment_attainment'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment(@extschema@.rep_attainment) IS
    'the attainment summary of a rep_attainment: one row (sum achieved, sum quota) per rep with a quota, reps without one left out; the final function of attainment_by_rep';

-- SSPACE: about 250 reps (32-byte hash entries in a table up to half empty)
CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.int8, achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.int8, pg_catalog.numeric, pg_catalog.numeric) IS
    'per-rep summary of raw deal and quota rows: achieved and quota summed per rep; NULL rep, or both amounts NULL, skipped';

-- SSPACE as for the bigint form (40-byte entries, and the text keys' bytes)
CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.text, achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric) IS
    'per-rep summary of raw deal and quota rows with text rep ids (reps equal when their bytes are: ''A'' and ''a'' are two reps)';

CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.uuid, achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.uuid, pg_catalog.numeric, pg_catalog.numeric) IS
    'per-rep summary of raw deal and quota rows with uuid rep ids';

CREATE AGGREGATE @extschema@.rollup(@extschema@.rep_attainment) (
    SFUNC = @extschema@.rep_attainment_combine,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.rep_attainment) IS
    'merges rep_attainment summaries rep by rep: the same summary as aggregating the raw rows, however one rep''s rows were split';

-- attainment_by_rep(rep, achieved, quota): the attainment summary built
-- from raw deal and quota rows, summed per rep first (no GROUP BY per rep
-- and period, no LEFT JOIN from the quotas); its state is rep_attainment
-- and its final function attainment(rep_attainment)
-- (the bigint form of 0.5.0 replaced in place, so views that use it are
-- kept; its internal-state functions go)
CREATE OR REPLACE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.int8, achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.int8, pg_catalog.numeric, pg_catalog.numeric) IS
    'attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

DROP FUNCTION @extschema@.attainment_by_rep_trans(internal, pg_catalog.int8, pg_catalog.numeric, pg_catalog.numeric);
DROP FUNCTION @extschema@.attainment_by_rep_combine(internal, internal);
DROP FUNCTION @extschema@.attainment_by_rep_serialize(internal);
DROP FUNCTION @extschema@.attainment_by_rep_deserialize(pg_catalog.bytea, internal);
DROP FUNCTION @extschema@.attainment_by_rep_final(internal);

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.text, achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric) IS
    'attainment summary of raw deal and quota rows with text rep ids (reps equal when their bytes are: ''A'' and ''a'' are two reps): achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.uuid, achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.uuid, pg_catalog.numeric, pg_catalog.numeric) IS
    'attainment summary of raw deal and quota rows with uuid rep ids: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

-- the integer-money overloads (as for the numeric ones above; see "integer
-- money"): rep_attainment and attainment_by_rep over smallint, integer or
-- bigint amounts, read exactly as whole currency units

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.int8, pg_catalog.int2, pg_catalog.int2)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.int8, pg_catalog.int2, pg_catalog.int2) IS
    'rep_attainment_trans(rep_attainment, bigint, smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.int8, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.int8, pg_catalog.int4, pg_catalog.int4) IS
    'rep_attainment_trans(rep_attainment, bigint, integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.int8, pg_catalog.int8, pg_catalog.int8)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.int8, pg_catalog.int8, pg_catalog.int8) IS
    'rep_attainment_trans(rep_attainment, bigint, bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.text, pg_catalog.int2, pg_catalog.int2)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_text_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.text, pg_catalog.int2, pg_catalog.int2) IS
    'rep_attainment_trans(rep_attainment, text, smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.text, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_text_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.text, pg_catalog.int4, pg_catalog.int4) IS
    'rep_attainment_trans(rep_attainment, text, integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.text, pg_catalog.int8, pg_catalog.int8)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_text_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.text, pg_catalog.int8, pg_catalog.int8) IS
    'rep_attainment_trans(rep_attainment, text, bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.uuid, pg_catalog.int2, pg_catalog.int2)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_uuid_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.uuid, pg_catalog.int2, pg_catalog.int2) IS
    'rep_attainment_trans(rep_attainment, uuid, smallint, smallint) with smallint amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.uuid, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_uuid_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.uuid, pg_catalog.int4, pg_catalog.int4) IS
    'rep_attainment_trans(rep_attainment, uuid, integer, integer) with integer amounts (whole currency units, read exactly): as for numeric';

CREATE FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.uuid, pg_catalog.int8, pg_catalog.int8)
RETURNS @extschema@.rep_attainment
AS 'MODULE_PATHNAME', 'rep_attainment_uuid_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_trans(@extschema@.rep_attainment, pg_catalog.uuid, pg_catalog.int8, pg_catalog.int8) IS
    'rep_attainment_trans(rep_attainment, uuid, bigint, bigint) with bigint amounts (whole currency units, read exactly): as for numeric';

CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.int8, achieved pg_catalog.int2, quota pg_catalog.int2) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.int8, pg_catalog.int2, pg_catalog.int2) IS
    'rep_attainment over smallint amounts, read exactly as whole currency units: per-rep summary of raw deal and quota rows: achieved and quota summed per rep; NULL rep, or both amounts NULL, skipped';

CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.int8, achieved pg_catalog.int4, quota pg_catalog.int4) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.int8, pg_catalog.int4, pg_catalog.int4) IS
    'rep_attainment over integer amounts, read exactly as whole currency units: per-rep summary of raw deal and quota rows: achieved and quota summed per rep; NULL rep, or both amounts NULL, skipped';

CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.int8, achieved pg_catalog.int8, quota pg_catalog.int8) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.int8, pg_catalog.int8, pg_catalog.int8) IS
    'rep_attainment over bigint amounts, read exactly as whole currency units: per-rep summary of raw deal and quota rows: achieved and quota summed per rep; NULL rep, or both amounts NULL, skipped';

CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.text, achieved pg_catalog.int2, quota pg_catalog.int2) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.text, pg_catalog.int2, pg_catalog.int2) IS
    'rep_attainment over smallint amounts, read exactly as whole currency units: per-rep summary of raw deal and quota rows: achieved and quota summed per rep; NULL rep, or both amounts NULL, skipped';

CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.text, achieved pg_catalog.int4, quota pg_catalog.int4) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.text, pg_catalog.int4, pg_catalog.int4) IS
    'rep_attainment over integer amounts, read exactly as whole currency units: per-rep summary of raw deal and quota rows: achieved and quota summed per rep; NULL rep, or both amounts NULL, skipped';

CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.text, achieved pg_catalog.int8, quota pg_catalog.int8) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.text, pg_catalog.int8, pg_catalog.int8) IS
    'rep_attainment over bigint amounts, read exactly as whole currency units: per-rep summary of raw deal and quota rows: achieved and quota summed per rep; NULL rep, or both amounts NULL, skipped';

CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.uuid, achieved pg_catalog.int2, quota pg_catalog.int2) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.uuid, pg_catalog.int2, pg_catalog.int2) IS
    'rep_attainment over smallint amounts, read exactly as whole currency units: per-rep summary of raw deal and quota rows: achieved and quota summed per rep; NULL rep, or both amounts NULL, skipped';

CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.uuid, achieved pg_catalog.int4, quota pg_catalog.int4) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.uuid, pg_catalog.int4, pg_catalog.int4) IS
    'rep_attainment over integer amounts, read exactly as whole currency units: per-rep summary of raw deal and quota rows: achieved and quota summed per rep; NULL rep, or both amounts NULL, skipped';

CREATE AGGREGATE @extschema@.rep_attainment(rep pg_catalog.uuid, achieved pg_catalog.int8, quota pg_catalog.int8) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.rep_attainment_final,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rep_attainment(pg_catalog.uuid, pg_catalog.int8, pg_catalog.int8) IS
    'rep_attainment over bigint amounts, read exactly as whole currency units: per-rep summary of raw deal and quota rows: achieved and quota summed per rep; NULL rep, or both amounts NULL, skipped';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.int8, achieved pg_catalog.int2, quota pg_catalog.int2) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.int8, pg_catalog.int2, pg_catalog.int2) IS
    'attainment_by_rep over smallint amounts, read exactly as whole currency units: attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.int8, achieved pg_catalog.int4, quota pg_catalog.int4) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.int8, pg_catalog.int4, pg_catalog.int4) IS
    'attainment_by_rep over integer amounts, read exactly as whole currency units: attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.int8, achieved pg_catalog.int8, quota pg_catalog.int8) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.int8, pg_catalog.int8, pg_catalog.int8) IS
    'attainment_by_rep over bigint amounts, read exactly as whole currency units: attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.text, achieved pg_catalog.int2, quota pg_catalog.int2) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.text, pg_catalog.int2, pg_catalog.int2) IS
    'attainment_by_rep over smallint amounts, read exactly as whole currency units: attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.text, achieved pg_catalog.int4, quota pg_catalog.int4) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.text, pg_catalog.int4, pg_catalog.int4) IS
    'attainment_by_rep over integer amounts, read exactly as whole currency units: attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.text, achieved pg_catalog.int8, quota pg_catalog.int8) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.text, pg_catalog.int8, pg_catalog.int8) IS
    'attainment_by_rep over bigint amounts, read exactly as whole currency units: attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.uuid, achieved pg_catalog.int2, quota pg_catalog.int2) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.uuid, pg_catalog.int2, pg_catalog.int2) IS
    'attainment_by_rep over smallint amounts, read exactly as whole currency units: attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.uuid, achieved pg_catalog.int4, quota pg_catalog.int4) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.uuid, pg_catalog.int4, pg_catalog.int4) IS
    'attainment_by_rep over integer amounts, read exactly as whole currency units: attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.uuid, achieved pg_catalog.int8, quota pg_catalog.int8) (
    SFUNC = @extschema@.rep_attainment_trans,
    STYPE = @extschema@.rep_attainment,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment,
    COMBINEFUNC = @extschema@.rep_attainment_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.uuid, pg_catalog.int8, pg_catalog.int8) IS
    'attainment_by_rep over bigint amounts, read exactly as whole currency units: attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

-- accessors: each attainment accessor, of attainment(r)

CREATE FUNCTION @extschema@.quota_attainment(@extschema@.rep_attainment)
RETURNS pg_catalog.float8
AS $$ SELECT @extschema@.quota_attainment(@extschema@.attainment($1)) $$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment(@extschema@.rep_attainment) IS
    'quota attainment of the reps with a quota: their sum achieved / sum quota; NULL when that sum quota = 0';

CREATE FUNCTION @extschema@.pct_at_quota(@extschema@.rep_attainment, threshold pg_catalog.float8 DEFAULT 1.0)
RETURNS pg_catalog.float8
AS $$ SELECT @extschema@.pct_at_quota(@extschema@.attainment($1), $2) $$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pct_at_quota(@extschema@.rep_attainment, pg_catalog.float8) IS
    'share of the reps with quota > 0 whose achieved >= threshold * quota (default 1.0); NULL without such reps';

CREATE FUNCTION @extschema@.reps(@extschema@.rep_attainment)
RETURNS pg_catalog.int8
AS $$ SELECT @extschema@.reps(@extschema@.attainment($1)) $$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reps(@extschema@.rep_attainment) IS
    'number of reps with quota > 0';

CREATE FUNCTION @extschema@.reps_at_quota(@extschema@.rep_attainment, threshold pg_catalog.float8 DEFAULT 1.0)
RETURNS pg_catalog.int8
AS $$ SELECT @extschema@.reps_at_quota(@extschema@.attainment($1), $2) $$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.reps_at_quota(@extschema@.rep_attainment, pg_catalog.float8) IS
    'number of reps with quota > 0 whose achieved >= threshold * quota (default 1.0)';

CREATE FUNCTION @extschema@.median_attainment(@extschema@.rep_attainment)
RETURNS pg_catalog.float8
AS $$ SELECT @extschema@.median_attainment(@extschema@.attainment($1)) $$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.median_attainment(@extschema@.rep_attainment) IS
    'median of achieved / quota over the reps with quota > 0 (percentile_cont(0.5)); NULL without such reps';

CREATE FUNCTION @extschema@.total_achieved(@extschema@.rep_attainment)
RETURNS pg_catalog.numeric
AS $$ SELECT @extschema@.total_achieved(@extschema@.attainment($1)) $$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total_achieved(@extschema@.rep_attainment) IS
    'exact sum of achieved over the reps with a quota';

CREATE FUNCTION @extschema@.total_quota(@extschema@.rep_attainment)
RETURNS pg_catalog.numeric
AS $$ SELECT @extschema@.total_quota(@extschema@.attainment($1)) $$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total_quota(@extschema@.rep_attainment) IS
    'exact sum of quota over the reps with a quota';

CREATE FUNCTION @extschema@.zero_quotas(@extschema@.rep_attainment)
RETURNS pg_catalog.int8
AS $$ SELECT @extschema@.zero_quotas(@extschema@.attainment($1)) $$
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.zero_quotas(@extschema@.rep_attainment) IS
    'number of reps whose quotas sum to 0';

CREATE FUNCTION @extschema@.rep_attainment_table(r @extschema@.rep_attainment)
RETURNS TABLE (rep pg_catalog.text, achieved pg_catalog.numeric, quota pg_catalog.numeric)
AS 'MODULE_PATHNAME', 'rep_attainment_table'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 100;
COMMENT ON FUNCTION @extschema@.rep_attainment_table(@extschema@.rep_attainment) IS
    'one row per rep in key order: the rep (as text), its exact achieved and quota sums; NULL quota for a rep without a quota row';

-- equality, hashing and a btree ordering, as for the other summary types

CREATE FUNCTION @extschema@.rep_attainment_eq(@extschema@.rep_attainment, @extschema@.rep_attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'rep_attainment_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_eq(@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'implementation of the = operator on rep_attainment';

CREATE FUNCTION @extschema@.rep_attainment_ne(@extschema@.rep_attainment, @extschema@.rep_attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'rep_attainment_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_ne(@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'implementation of the <> operator on rep_attainment';

CREATE FUNCTION @extschema@.rep_attainment_lt(@extschema@.rep_attainment, @extschema@.rep_attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'rep_attainment_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_lt(@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'implementation of the < operator on rep_attainment';

CREATE FUNCTION @extschema@.rep_attainment_le(@extschema@.rep_attainment, @extschema@.rep_attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'rep_attainment_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_le(@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'implementation of the <= operator on rep_attainment';

CREATE FUNCTION @extschema@.rep_attainment_gt(@extschema@.rep_attainment, @extschema@.rep_attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'rep_attainment_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_gt(@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'implementation of the > operator on rep_attainment';

CREATE FUNCTION @extschema@.rep_attainment_ge(@extschema@.rep_attainment, @extschema@.rep_attainment)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'rep_attainment_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_ge(@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'implementation of the >= operator on rep_attainment';

CREATE FUNCTION @extschema@.rep_attainment_cmp(@extschema@.rep_attainment, @extschema@.rep_attainment)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'rep_attainment_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_cmp(@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'btree support function of rep_attainment: -1, 0 or 1 as the first is less than, equal to or greater than the second';

CREATE FUNCTION @extschema@.rep_attainment_hash(@extschema@.rep_attainment)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'rep_attainment_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rep_attainment_hash(@extschema@.rep_attainment) IS
    'hash support function of rep_attainment: equal summaries hash alike';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.rep_attainment, RIGHTARG = @extschema@.rep_attainment,
    FUNCTION = @extschema@.rep_attainment_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'equal: same period, target window, deals per bar and memos, and bar amounts compared numerically (display scale ignored)';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.rep_attainment, RIGHTARG = @extschema@.rep_attainment,
    FUNCTION = @extschema@.rep_attainment_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'not equal';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.rep_attainment, RIGHTARG = @extschema@.rep_attainment,
    FUNCTION = @extschema@.rep_attainment_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'less than, in the btree order';

CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.rep_attainment, RIGHTARG = @extschema@.rep_attainment,
    FUNCTION = @extschema@.rep_attainment_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'less than or equal, in the btree order';

CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.rep_attainment, RIGHTARG = @extschema@.rep_attainment,
    FUNCTION = @extschema@.rep_attainment_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'greater than, in the btree order';

CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.rep_attainment, RIGHTARG = @extschema@.rep_attainment,
    FUNCTION = @extschema@.rep_attainment_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.rep_attainment, @extschema@.rep_attainment) IS
    'greater than or equal, in the btree order';

CREATE OPERATOR CLASS @extschema@.rep_attainment_ops
DEFAULT FOR TYPE @extschema@.rep_attainment USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.rep_attainment_cmp(@extschema@.rep_attainment, @extschema@.rep_attainment);
COMMENT ON OPERATOR CLASS @extschema@.rep_attainment_ops USING btree IS
    'default btree ordering of rep_attainment: a total order consistent with =, for ORDER BY, DISTINCT, GROUP BY and merge joins';
COMMENT ON OPERATOR FAMILY @extschema@.rep_attainment_ops USING btree IS
    'btree operators of rep_attainment';

CREATE OPERATOR CLASS @extschema@.rep_attainment_ops
DEFAULT FOR TYPE @extschema@.rep_attainment USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.rep_attainment_hash(@extschema@.rep_attainment);
COMMENT ON OPERATOR CLASS @extschema@.rep_attainment_ops USING hash IS
    'default hash operator class of rep_attainment, for hash aggregation and hash joins';
COMMENT ON OPERATOR FAMILY @extschema@.rep_attainment_ops USING hash IS
    'hash operators of rep_attainment';

------------------------------------------------------------------------------
-- float_ratio_state (0.7.0): two exact float8 sums, rounded once at the
-- end, so that value_win_rate(boolean, float8) and weighted_pipeline(float8,
-- float8) give the same result bit for bit on any plan (serial, parallel,
-- Citus), and a moving frame takes its rows back out exactly.  Both
-- aggregates, older than 0.7.0 (float8 sums in input order), move to it in
-- place below; their old support functions are dropped after that.
------------------------------------------------------------------------------

CREATE TYPE @extschema@.float_ratio_state;

CREATE FUNCTION @extschema@.float_ratio_state_in(pg_catalog.cstring)
RETURNS @extschema@.float_ratio_state
AS 'MODULE_PATHNAME', 'float_ratio_state_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.float_ratio_state_out(@extschema@.float_ratio_state)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'float_ratio_state_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.float_ratio_state_recv(internal)
RETURNS @extschema@.float_ratio_state
AS 'MODULE_PATHNAME', 'float_ratio_state_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.float_ratio_state_send(@extschema@.float_ratio_state)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'float_ratio_state_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.float_ratio_state (
    INPUT = @extschema@.float_ratio_state_in,
    OUTPUT = @extschema@.float_ratio_state_out,
    RECEIVE = @extschema@.float_ratio_state_recv,
    SEND = @extschema@.float_ratio_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = main
);

COMMENT ON TYPE @extschema@.float_ratio_state IS
    'aggregate state of value_win_rate(boolean, float8) and weighted_pipeline(float8, float8): rows and two exact float8 sums (numerator, denominator)';
COMMENT ON FUNCTION @extschema@.float_ratio_state_in(pg_catalog.cstring) IS 'text input of float_ratio_state';
COMMENT ON FUNCTION @extschema@.float_ratio_state_out(@extschema@.float_ratio_state) IS 'text output of float_ratio_state';
COMMENT ON FUNCTION @extschema@.float_ratio_state_recv(internal) IS 'binary input of float_ratio_state';
COMMENT ON FUNCTION @extschema@.float_ratio_state_send(@extschema@.float_ratio_state) IS 'binary output of float_ratio_state';

CREATE FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.float_ratio_state, pg_catalog.float8, pg_catalog.float8)
RETURNS @extschema@.float_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_sum_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(@extschema@.float_ratio_state, pg_catalog.float8, pg_catalog.float8) IS
    'transition function of weighted_pipeline(float8, float8): the exact sum of the float8 products, as the state''s numerator';

CREATE FUNCTION @extschema@.weighted_pipeline_combine(@extschema@.float_ratio_state, @extschema@.float_ratio_state)
RETURNS @extschema@.float_ratio_state
AS 'MODULE_PATHNAME', 'float_ratio_state_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_combine(@extschema@.float_ratio_state, @extschema@.float_ratio_state) IS
    'combine function of weighted_pipeline(float8, float8): exact';

CREATE FUNCTION @extschema@.weighted_pipeline_final(@extschema@.float_ratio_state)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_final(@extschema@.float_ratio_state) IS
    'final function of weighted_pipeline(float8, float8): the exact sum rounded once; NULL for a moving frame without a row';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_trans(@extschema@.float_ratio_state, pg_catalog.float8, pg_catalog.float8)
RETURNS @extschema@.float_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_trans(@extschema@.float_ratio_state, pg_catalog.float8, pg_catalog.float8) IS
    'moving-window transition function of weighted_pipeline(float8, float8)';

CREATE FUNCTION @extschema@.weighted_pipeline_moving_inv(@extschema@.float_ratio_state, pg_catalog.float8, pg_catalog.float8)
RETURNS @extschema@.float_ratio_state
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_moving_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline_moving_inv(@extschema@.float_ratio_state, pg_catalog.float8, pg_catalog.float8) IS
    'moving-window inverse transition function of weighted_pipeline(float8, float8): exact';

CREATE FUNCTION @extschema@.value_win_rate_trans(@extschema@.float_ratio_state, pg_catalog.bool, pg_catalog.float8)
RETURNS @extschema@.float_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_float8_sum_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_trans(@extschema@.float_ratio_state, pg_catalog.bool, pg_catalog.float8) IS
    'transition function of value_win_rate(boolean, float8): exact float8 sums of the won and closed amounts';

CREATE FUNCTION @extschema@.value_win_rate_combine(@extschema@.float_ratio_state, @extschema@.float_ratio_state)
RETURNS @extschema@.float_ratio_state
AS 'MODULE_PATHNAME', 'float_ratio_state_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_combine(@extschema@.float_ratio_state, @extschema@.float_ratio_state) IS
    'combine function of value_win_rate(boolean, float8): exact';

CREATE FUNCTION @extschema@.value_win_rate_final(@extschema@.float_ratio_state)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'value_win_rate_float8_sum_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_final(@extschema@.float_ratio_state) IS
    'final function of value_win_rate(boolean, float8): won / closed, each sum rounded once';

CREATE FUNCTION @extschema@.value_win_rate_moving_trans(@extschema@.float_ratio_state, pg_catalog.bool, pg_catalog.float8)
RETURNS @extschema@.float_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_float8_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_moving_trans(@extschema@.float_ratio_state, pg_catalog.bool, pg_catalog.float8) IS
    'moving-window transition function of value_win_rate(boolean, float8)';

CREATE FUNCTION @extschema@.value_win_rate_inv(@extschema@.float_ratio_state, pg_catalog.bool, pg_catalog.float8)
RETURNS @extschema@.float_ratio_state
AS 'MODULE_PATHNAME', 'value_win_rate_float8_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_inv(@extschema@.float_ratio_state, pg_catalog.bool, pg_catalog.float8) IS
    'moving-window inverse transition function of value_win_rate(boolean, float8): exact';

CREATE OR REPLACE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.float8, probability pg_catalog.float8) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = @extschema@.float_ratio_state,
    SSPACE = 1168,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = @extschema@.float_ratio_state,
    MSSPACE = 1168,
    MFINALFUNC = @extschema@.weighted_pipeline_final,
    PARALLEL = SAFE
);

CREATE OR REPLACE AGGREGATE @extschema@.value_win_rate(won pg_catalog.bool, amount pg_catalog.float8) (
    SFUNC = @extschema@.value_win_rate_trans,
    STYPE = @extschema@.float_ratio_state,
    SSPACE = 1168,
    FINALFUNC = @extschema@.value_win_rate_final,
    COMBINEFUNC = @extschema@.value_win_rate_combine,
    MSFUNC = @extschema@.value_win_rate_moving_trans,
    MINVFUNC = @extschema@.value_win_rate_inv,
    MSTYPE = @extschema@.float_ratio_state,
    MSSPACE = 1168,
    MFINALFUNC = @extschema@.value_win_rate_final,
    PARALLEL = SAFE
);

-- the float8-state support functions of 0.6.0
DROP FUNCTION @extschema@.weighted_pipeline_trans(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8);
DROP FUNCTION @extschema@.weighted_pipeline_combine(pg_catalog.float8, pg_catalog.float8);
DROP FUNCTION @extschema@.value_win_rate_trans(pg_catalog.float8[], pg_catalog.bool, pg_catalog.float8);
DROP FUNCTION @extschema@.value_win_rate_combine(pg_catalog.float8[], pg_catalog.float8[]);
DROP FUNCTION @extschema@.value_win_rate_final(pg_catalog.float8[]);

COMMENT ON AGGREGATE @extschema@.weighted_pipeline(pg_catalog.float8, pg_catalog.float8) IS
    'exact sum of the float8 products amount * probability (probability a fraction in [0, 1]), rounded once; filter open deals with FILTER (WHERE won IS NULL)';
COMMENT ON AGGREGATE @extschema@.value_win_rate(pg_catalog.bool, pg_catalog.float8) IS
    'value win rate: won amount / closed amount, from exact float8 sums each rounded once; NULL when the closed amount is not positive';
