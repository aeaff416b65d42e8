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

CREATE FUNCTION @extschema@.value_win_rate_moving_trans(internal, pg_catalog.bool, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'value_win_rate_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_moving_trans(internal, pg_catalog.bool, pg_catalog.numeric) IS
    'moving-window transition function of value_win_rate(boolean, numeric)';

CREATE FUNCTION @extschema@.value_win_rate_inv(internal, pg_catalog.bool, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'value_win_rate_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate_inv(internal, pg_catalog.bool, pg_catalog.numeric) IS
    'moving-window inverse transition function of value_win_rate(boolean, numeric): exact; NULL (recompute) where it cannot be';

CREATE FUNCTION @extschema@.quota_attainment_moving_trans(internal, pg_catalog.numeric, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'quota_attainment_moving_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_moving_trans(internal, pg_catalog.numeric, pg_catalog.numeric) IS
    'moving-window transition function of quota_attainment(numeric, numeric)';

CREATE FUNCTION @extschema@.quota_attainment_inv(internal, pg_catalog.numeric, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'quota_attainment_inv'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_attainment_inv(internal, pg_catalog.numeric, pg_catalog.numeric) IS
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

CREATE OR REPLACE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.numeric, probability pg_catalog.numeric) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = internal,
    SSPACE = 64,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    SERIALFUNC = @extschema@.weighted_pipeline_serialize,
    DESERIALFUNC = @extschema@.weighted_pipeline_deserialize,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.weighted_pipeline_moving_final,
    PARALLEL = SAFE
);

CREATE OR REPLACE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.numeric, probability pg_catalog.float8) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = internal,
    SSPACE = 64,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    SERIALFUNC = @extschema@.weighted_pipeline_serialize,
    DESERIALFUNC = @extschema@.weighted_pipeline_deserialize,
    MSFUNC = @extschema@.weighted_pipeline_moving_trans,
    MINVFUNC = @extschema@.weighted_pipeline_moving_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.weighted_pipeline_moving_final,
    PARALLEL = SAFE
);

CREATE OR REPLACE AGGREGATE @extschema@.value_win_rate(won pg_catalog.bool, amount pg_catalog.numeric) (
    SFUNC = @extschema@.value_win_rate_trans,
    STYPE = internal,
    SSPACE = 128,
    FINALFUNC = @extschema@.value_win_rate_final,
    COMBINEFUNC = @extschema@.value_win_rate_combine,
    SERIALFUNC = @extschema@.value_win_rate_serialize,
    DESERIALFUNC = @extschema@.value_win_rate_deserialize,
    MSFUNC = @extschema@.value_win_rate_moving_trans,
    MINVFUNC = @extschema@.value_win_rate_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.value_win_rate_final,
    PARALLEL = SAFE
);

CREATE OR REPLACE AGGREGATE @extschema@.quota_attainment(achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.quota_attainment_trans,
    STYPE = internal,
    SSPACE = 128,
    FINALFUNC = @extschema@.quota_attainment_final,
    COMBINEFUNC = @extschema@.quota_attainment_combine,
    SERIALFUNC = @extschema@.quota_attainment_serialize,
    DESERIALFUNC = @extschema@.quota_attainment_deserialize,
    MSFUNC = @extschema@.quota_attainment_moving_trans,
    MINVFUNC = @extschema@.quota_attainment_inv,
    MSTYPE = internal,
    MSSPACE = 128,
    MFINALFUNC = @extschema@.quota_attainment_final,
    PARALLEL = SAFE
);

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
