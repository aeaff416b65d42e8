\echo Use "CREATE EXTENSION salesops" to load this file. \quit

-- salesops 0.1.0: weighted pipeline and win rate.
--
-- Every object is qualified (@extschema@ or pg_catalog) and every call
-- argument has its declared type, so a hostile search_path cannot capture
-- anything this script creates or calls.  No CREATE OR REPLACE: it would
-- adopt objects planted before the extension was installed.

------------------------------------------------------------------------------
-- weighted_pipeline(amount, probability): sum of amount * probability
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.weighted_pipeline_trans(internal, pg_catalog.numeric, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.weighted_pipeline_trans(internal, pg_catalog.numeric, pg_catalog.float8)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_prob_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.weighted_pipeline_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.weighted_pipeline_serialize(internal)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'weighted_pipeline_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.weighted_pipeline_deserialize(pg_catalog.bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'weighted_pipeline_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.weighted_pipeline_final(internal)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'weighted_pipeline_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.weighted_pipeline_trans(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.weighted_pipeline_combine(pg_catalog.float8, pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'weighted_pipeline_float8_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.numeric, probability pg_catalog.numeric) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = internal,
    SSPACE = 64,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    SERIALFUNC = @extschema@.weighted_pipeline_serialize,
    DESERIALFUNC = @extschema@.weighted_pipeline_deserialize,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.numeric, probability pg_catalog.float8) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = internal,
    SSPACE = 64,
    FINALFUNC = @extschema@.weighted_pipeline_final,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    SERIALFUNC = @extschema@.weighted_pipeline_serialize,
    DESERIALFUNC = @extschema@.weighted_pipeline_deserialize,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.weighted_pipeline(amount pg_catalog.float8, probability pg_catalog.float8) (
    SFUNC = @extschema@.weighted_pipeline_trans,
    STYPE = pg_catalog.float8,
    COMBINEFUNC = @extschema@.weighted_pipeline_combine,
    PARALLEL = SAFE
);

COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(internal, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of weighted_pipeline(numeric, numeric)';
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(internal, pg_catalog.numeric, pg_catalog.float8) IS
    'transition function of weighted_pipeline(numeric, float8)';
COMMENT ON FUNCTION @extschema@.weighted_pipeline_combine(internal, internal) IS
    'combine function of weighted_pipeline(numeric, numeric|float8)';
COMMENT ON FUNCTION @extschema@.weighted_pipeline_serialize(internal) IS
    'serialize function of weighted_pipeline(numeric, numeric|float8)';
COMMENT ON FUNCTION @extschema@.weighted_pipeline_deserialize(pg_catalog.bytea, internal) IS
    'deserialize function of weighted_pipeline(numeric, numeric|float8)';
COMMENT ON FUNCTION @extschema@.weighted_pipeline_final(internal) IS
    'final function of weighted_pipeline(numeric, numeric|float8)';
COMMENT ON FUNCTION @extschema@.weighted_pipeline_trans(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS
    'transition function of weighted_pipeline(float8, float8)';
COMMENT ON FUNCTION @extschema@.weighted_pipeline_combine(pg_catalog.float8, pg_catalog.float8) IS
    'combine function of weighted_pipeline(float8, float8)';
COMMENT ON AGGREGATE @extschema@.weighted_pipeline(pg_catalog.numeric, pg_catalog.numeric) IS
    'exact sum of amount * probability (probability a fraction in [0, 1]); filter open deals with FILTER (WHERE won IS NULL)';
COMMENT ON AGGREGATE @extschema@.weighted_pipeline(pg_catalog.numeric, pg_catalog.float8) IS
    'exact sum of amount * probability::numeric (probability a fraction in [0, 1]); filter open deals with FILTER (WHERE won IS NULL)';
COMMENT ON AGGREGATE @extschema@.weighted_pipeline(pg_catalog.float8, pg_catalog.float8) IS
    'float8 sum of amount * probability (probability a fraction in [0, 1]); filter open deals with FILTER (WHERE won IS NULL)';

------------------------------------------------------------------------------
-- win_rate(won): #won / #closed; NULL won = open, skipped
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.win_rate_trans(pg_catalog.int8[], pg_catalog.bool)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'win_rate_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.win_rate_inv(pg_catalog.int8[], pg_catalog.bool)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'win_rate_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.win_rate_combine(pg_catalog.int8[], pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'win_rate_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.win_rate_final(pg_catalog.int8[])
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'win_rate_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.win_rate(won pg_catalog.bool) (
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

COMMENT ON FUNCTION @extschema@.win_rate_trans(pg_catalog.int8[], pg_catalog.bool) IS
    'transition function of win_rate(boolean); state {won, closed}';
COMMENT ON FUNCTION @extschema@.win_rate_inv(pg_catalog.int8[], pg_catalog.bool) IS
    'moving-window inverse transition function of win_rate(boolean)';
COMMENT ON FUNCTION @extschema@.win_rate_combine(pg_catalog.int8[], pg_catalog.int8[]) IS
    'combine function of win_rate(boolean)';
COMMENT ON FUNCTION @extschema@.win_rate_final(pg_catalog.int8[]) IS
    'final function of win_rate(boolean): won / closed, NULL without closed deals';
COMMENT ON AGGREGATE @extschema@.win_rate(pg_catalog.bool) IS
    'count win rate: #won / #closed (won true = won, false = lost, NULL = open and skipped); NULL without closed deals';

------------------------------------------------------------------------------
-- value_win_rate(won, amount): won amount / closed amount
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.value_win_rate_trans(internal, pg_catalog.bool, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'value_win_rate_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.value_win_rate_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'value_win_rate_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.value_win_rate_serialize(internal)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'value_win_rate_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.value_win_rate_deserialize(pg_catalog.bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'value_win_rate_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.value_win_rate_final(internal)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'value_win_rate_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.value_win_rate_trans(pg_catalog.float8[], pg_catalog.bool, pg_catalog.float8)
RETURNS pg_catalog.float8[]
AS 'MODULE_PATHNAME', 'value_win_rate_float8_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.value_win_rate_combine(pg_catalog.float8[], pg_catalog.float8[])
RETURNS pg_catalog.float8[]
AS 'MODULE_PATHNAME', 'value_win_rate_float8_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.value_win_rate_final(pg_catalog.float8[])
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'value_win_rate_float8_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.value_win_rate(won pg_catalog.bool, amount pg_catalog.numeric) (
    SFUNC = @extschema@.value_win_rate_trans,
    STYPE = internal,
    SSPACE = 128,
    FINALFUNC = @extschema@.value_win_rate_final,
    COMBINEFUNC = @extschema@.value_win_rate_combine,
    SERIALFUNC = @extschema@.value_win_rate_serialize,
    DESERIALFUNC = @extschema@.value_win_rate_deserialize,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.value_win_rate(won pg_catalog.bool, amount pg_catalog.float8) (
    SFUNC = @extschema@.value_win_rate_trans,
    STYPE = pg_catalog.float8[],
    INITCOND = '{0,0}',
    FINALFUNC = @extschema@.value_win_rate_final,
    COMBINEFUNC = @extschema@.value_win_rate_combine,
    PARALLEL = SAFE
);

COMMENT ON FUNCTION @extschema@.value_win_rate_trans(internal, pg_catalog.bool, pg_catalog.numeric) IS
    'transition function of value_win_rate(boolean, numeric)';
COMMENT ON FUNCTION @extschema@.value_win_rate_combine(internal, internal) IS
    'combine function of value_win_rate(boolean, numeric)';
COMMENT ON FUNCTION @extschema@.value_win_rate_serialize(internal) IS
    'serialize function of value_win_rate(boolean, numeric)';
COMMENT ON FUNCTION @extschema@.value_win_rate_deserialize(pg_catalog.bytea, internal) IS
    'deserialize function of value_win_rate(boolean, numeric)';
COMMENT ON FUNCTION @extschema@.value_win_rate_final(internal) IS
    'final function of value_win_rate(boolean, numeric)';
COMMENT ON FUNCTION @extschema@.value_win_rate_trans(pg_catalog.float8[], pg_catalog.bool, pg_catalog.float8) IS
    'transition function of value_win_rate(boolean, float8); state {won sum, closed sum}';
COMMENT ON FUNCTION @extschema@.value_win_rate_combine(pg_catalog.float8[], pg_catalog.float8[]) IS
    'combine function of value_win_rate(boolean, float8)';
COMMENT ON FUNCTION @extschema@.value_win_rate_final(pg_catalog.float8[]) IS
    'final function of value_win_rate(boolean, float8)';
COMMENT ON AGGREGATE @extschema@.value_win_rate(pg_catalog.bool, pg_catalog.numeric) IS
    'value win rate: won amount / closed amount, from exact sums; NULL when the closed amount is not positive';
COMMENT ON AGGREGATE @extschema@.value_win_rate(pg_catalog.bool, pg_catalog.float8) IS
    'value win rate: won amount / closed amount, in float8; NULL when the closed amount is not positive';
