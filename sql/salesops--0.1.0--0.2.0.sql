\echo Use "ALTER EXTENSION salesops UPDATE TO '0.2.0'" to load this file. \quit

-- salesops 0.1.0 -> 0.2.0: forecast accuracy.  The forecast_error summary
-- type, its aggregate, rollup(), accessors and one-step aggregates.
-- Qualified throughout; see the note at the top of salesops--0.1.0.sql.

CREATE TYPE @extschema@.forecast_error;

CREATE FUNCTION @extschema@.forecast_error_in(pg_catalog.cstring)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.forecast_error_out(@extschema@.forecast_error)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'forecast_error_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.forecast_error_recv(internal)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.forecast_error_send(@extschema@.forecast_error)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'forecast_error_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.forecast_error (
    INPUT = @extschema@.forecast_error_in,
    OUTPUT = @extschema@.forecast_error_out,
    RECEIVE = @extschema@.forecast_error_recv,
    SEND = @extschema@.forecast_error_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = main
);

COMMENT ON TYPE @extschema@.forecast_error IS
    'summary of (forecast, actual) pairs: count, zero actuals, sums of |error|, error, error^2, |actual| (exact for numeric input), and the MAPE/sMAPE term sums; merge with rollup()';
COMMENT ON FUNCTION @extschema@.forecast_error_in(pg_catalog.cstring) IS 'text input of forecast_error';
COMMENT ON FUNCTION @extschema@.forecast_error_out(@extschema@.forecast_error) IS 'text output of forecast_error';
COMMENT ON FUNCTION @extschema@.forecast_error_recv(internal) IS 'binary input of forecast_error';
COMMENT ON FUNCTION @extschema@.forecast_error_send(@extschema@.forecast_error) IS 'binary output of forecast_error';

CREATE FUNCTION @extschema@.forecast_error_trans(@extschema@.forecast_error, pg_catalog.numeric, pg_catalog.numeric)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.forecast_error_trans(@extschema@.forecast_error, pg_catalog.float8, pg_catalog.float8)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_float8_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.forecast_error_combine(@extschema@.forecast_error, @extschema@.forecast_error)
RETURNS @extschema@.forecast_error
AS 'MODULE_PATHNAME', 'forecast_error_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.forecast_error_trans(@extschema@.forecast_error, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of forecast_error(numeric, numeric) and its one-step aggregates';
COMMENT ON FUNCTION @extschema@.forecast_error_trans(@extschema@.forecast_error, pg_catalog.float8, pg_catalog.float8) IS
    'transition function of forecast_error(float8, float8) and its one-step aggregates';
COMMENT ON FUNCTION @extschema@.forecast_error_combine(@extschema@.forecast_error, @extschema@.forecast_error) IS
    'merges two forecast_error summaries: combine function of every forecast aggregate, transition function of rollup()';

CREATE AGGREGATE @extschema@.forecast_error(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.forecast_error(pg_catalog.numeric, pg_catalog.numeric) IS
    'summary of (forecast, actual) pairs for every forecast accuracy measure; NULL pairs skipped';

CREATE AGGREGATE @extschema@.forecast_error(forecast pg_catalog.float8, actual pg_catalog.float8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.forecast_error(pg_catalog.float8, pg_catalog.float8) IS
    'summary of (forecast, actual) pairs for every forecast accuracy measure; NULL pairs skipped';

CREATE AGGREGATE @extschema@.rollup(@extschema@.forecast_error) (
    SFUNC = @extschema@.forecast_error_combine,
    STYPE = @extschema@.forecast_error,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.forecast_error) IS
    'merges forecast_error summaries: the same summary as aggregating the raw pairs';

CREATE FUNCTION @extschema@.forecast_count(@extschema@.forecast_error)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'forecast_error_count'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_count(@extschema@.forecast_error) IS
    'number of (forecast, actual) pairs summarized';

CREATE FUNCTION @extschema@.zero_actuals(@extschema@.forecast_error)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'forecast_error_zero_actuals'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.zero_actuals(@extschema@.forecast_error) IS
    'number of pairs with actual = 0, left out of MAPE';

CREATE FUNCTION @extschema@.mae(@extschema@.forecast_error)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'forecast_error_mae'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.mae(@extschema@.forecast_error) IS
    'mean absolute error: mean |forecast - actual|';

CREATE FUNCTION @extschema@.rmse(@extschema@.forecast_error)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'forecast_error_rmse'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rmse(@extschema@.forecast_error) IS
    'root mean squared error: sqrt(mean (forecast - actual)^2)';

CREATE FUNCTION @extschema@.mape(@extschema@.forecast_error)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'forecast_error_mape'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.mape(@extschema@.forecast_error) IS
    'mean absolute percentage error as a fraction, over pairs with actual <> 0; NULL when every actual is 0';

CREATE FUNCTION @extschema@.wape(@extschema@.forecast_error)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'forecast_error_wape'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wape(@extschema@.forecast_error) IS
    'weighted absolute percentage error: sum |forecast - actual| / sum |actual|; NULL when sum |actual| = 0';

CREATE FUNCTION @extschema@.smape(@extschema@.forecast_error)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'forecast_error_smape'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.smape(@extschema@.forecast_error) IS
    'symmetric MAPE: mean 2|forecast - actual| / (|actual| + |forecast|), a fraction in [0, 2]; 0 for a pair of zeros';

CREATE FUNCTION @extschema@.bias(@extschema@.forecast_error)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'forecast_error_bias'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bias(@extschema@.forecast_error) IS
    'mean (forecast - actual): positive means over-forecasting';

CREATE FUNCTION @extschema@.bias_pct(@extschema@.forecast_error)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'forecast_error_bias_pct'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bias_pct(@extschema@.forecast_error) IS
    'sum (forecast - actual) / sum |actual|; NULL when sum |actual| = 0';

CREATE FUNCTION @extschema@.forecast_accuracy(@extschema@.forecast_error)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'forecast_error_accuracy'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.forecast_accuracy(@extschema@.forecast_error) IS
    '1 - WAPE (negative when WAPE > 1)';

CREATE FUNCTION @extschema@.tracking_signal(@extschema@.forecast_error)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'forecast_error_tracking_signal'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tracking_signal(@extschema@.forecast_error) IS
    'sum (forecast - actual) / MAE; NULL when MAE = 0 (alarm beyond about +-4)';

CREATE FUNCTION @extschema@.mase(@extschema@.forecast_error, scale pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'forecast_error_mase'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.mase(@extschema@.forecast_error, pg_catalog.float8) IS
    'mean absolute scaled error: MAE / scale, scale being the in-sample naive forecast MAE (positive)';

-- one-step aggregates: the summary aggregate with an accessor as final
-- function, so several of them in one query share one transition per row

CREATE AGGREGATE @extschema@.mae(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mae,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.mae(pg_catalog.numeric, pg_catalog.numeric) IS
    'mean absolute error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.mae(forecast pg_catalog.float8, actual pg_catalog.float8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mae,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.mae(pg_catalog.float8, pg_catalog.float8) IS
    'mean absolute error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.rmse(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.rmse,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rmse(pg_catalog.numeric, pg_catalog.numeric) IS
    'root mean squared error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.rmse(forecast pg_catalog.float8, actual pg_catalog.float8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.rmse,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rmse(pg_catalog.float8, pg_catalog.float8) IS
    'root mean squared error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.mape(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.mape(pg_catalog.numeric, pg_catalog.numeric) IS
    'mean absolute percentage error (fraction), zero actuals skipped of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.mape(forecast pg_catalog.float8, actual pg_catalog.float8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.mape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.mape(pg_catalog.float8, pg_catalog.float8) IS
    'mean absolute percentage error (fraction), zero actuals skipped of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.wape(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.wape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.wape(pg_catalog.numeric, pg_catalog.numeric) IS
    'weighted absolute percentage error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.wape(forecast pg_catalog.float8, actual pg_catalog.float8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.wape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.wape(pg_catalog.float8, pg_catalog.float8) IS
    'weighted absolute percentage error of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.smape(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.smape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.smape(pg_catalog.numeric, pg_catalog.numeric) IS
    'symmetric MAPE (fraction in [0, 2]) of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.smape(forecast pg_catalog.float8, actual pg_catalog.float8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.smape,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.smape(pg_catalog.float8, pg_catalog.float8) IS
    'symmetric MAPE (fraction in [0, 2]) of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.forecast_bias(forecast pg_catalog.numeric, actual pg_catalog.numeric) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.bias,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.forecast_bias(pg_catalog.numeric, pg_catalog.numeric) IS
    'mean (forecast - actual) of (forecast, actual) pairs';

CREATE AGGREGATE @extschema@.forecast_bias(forecast pg_catalog.float8, actual pg_catalog.float8) (
    SFUNC = @extschema@.forecast_error_trans,
    STYPE = @extschema@.forecast_error,
    FINALFUNC = @extschema@.bias,
    COMBINEFUNC = @extschema@.forecast_error_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.forecast_bias(pg_catalog.float8, pg_catalog.float8) IS
    'mean (forecast - actual) of (forecast, actual) pairs';
