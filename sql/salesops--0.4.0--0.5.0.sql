\echo Use "ALTER EXTENSION salesops UPDATE TO '0.5.0'" to load this file. \quit

-- salesops 0.4.0 -> 0.5.0: attainment_by_rep(rep, achieved, quota), the
-- attainment summary built from raw deal and quota rows, summed per rep
-- first (no GROUP BY per rep and period, no LEFT JOIN from the quotas).
-- Qualified throughout; see the note at the top of salesops--0.1.0.sql.

CREATE FUNCTION @extschema@.attainment_by_rep_trans(internal, pg_catalog.int8, pg_catalog.numeric, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'attainment_by_rep_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.attainment_by_rep_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'attainment_by_rep_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.attainment_by_rep_serialize(internal)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'attainment_by_rep_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.attainment_by_rep_deserialize(pg_catalog.bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'attainment_by_rep_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.attainment_by_rep_final(internal)
RETURNS @extschema@.attainment
AS 'MODULE_PATHNAME', 'attainment_by_rep_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.attainment_by_rep_trans(internal, pg_catalog.int8, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of attainment_by_rep(bigint, numeric, numeric): exact sums of achieved and quota per rep';
COMMENT ON FUNCTION @extschema@.attainment_by_rep_combine(internal, internal) IS
    'combine function of attainment_by_rep(bigint, numeric, numeric): adds the per-rep sums';
COMMENT ON FUNCTION @extschema@.attainment_by_rep_serialize(internal) IS
    'serialize function of attainment_by_rep(bigint, numeric, numeric)';
COMMENT ON FUNCTION @extschema@.attainment_by_rep_deserialize(pg_catalog.bytea, internal) IS
    'deserialize function of attainment_by_rep(bigint, numeric, numeric)';
COMMENT ON FUNCTION @extschema@.attainment_by_rep_final(internal) IS
    'final function of attainment_by_rep(bigint, numeric, numeric): the attainment summary of one row per rep with a quota';

-- SSPACE: about 250 reps (32-byte hash entries in a table up to half empty)
CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.int8, achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.attainment_by_rep_trans,
    STYPE = internal,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment_by_rep_final,
    COMBINEFUNC = @extschema@.attainment_by_rep_combine,
    SERIALFUNC = @extschema@.attainment_by_rep_serialize,
    DESERIALFUNC = @extschema@.attainment_by_rep_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.int8, pg_catalog.numeric, pg_catalog.numeric) IS
    'attainment summary of raw deal and quota rows: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';
