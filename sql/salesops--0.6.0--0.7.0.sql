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
-- 0.7.0: attainment_by_rep with text and uuid rep keys (Salesforce's
-- 18-char ids and owner names, uuids), beside the bigint one.  Each has its
-- own transition function; combine, serialize, deserialize and final are
-- the bigint form's, which read the key type recorded in the state.  Text
-- keys are equal when their bytes are (no collation).
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.attainment_by_rep_trans(internal, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'attainment_by_rep_text_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_by_rep_trans(internal, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of attainment_by_rep(text, numeric, numeric): exact sums of achieved and quota per rep, reps equal when their bytes are';

CREATE FUNCTION @extschema@.attainment_by_rep_trans(internal, pg_catalog.uuid, pg_catalog.numeric, pg_catalog.numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'attainment_by_rep_uuid_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_by_rep_trans(internal, pg_catalog.uuid, pg_catalog.numeric, pg_catalog.numeric) IS
    'transition function of attainment_by_rep(uuid, numeric, numeric): exact sums of achieved and quota per rep';

COMMENT ON FUNCTION @extschema@.attainment_by_rep_combine(internal, internal) IS
    'combine function of attainment_by_rep(bigint, text or uuid rep, numeric, numeric): adds the per-rep sums of two states of the same key type';
COMMENT ON FUNCTION @extschema@.attainment_by_rep_serialize(internal) IS
    'serialize function of attainment_by_rep(bigint, text or uuid rep, numeric, numeric): records the key type';
COMMENT ON FUNCTION @extschema@.attainment_by_rep_deserialize(pg_catalog.bytea, internal) IS
    'deserialize function of attainment_by_rep(bigint, text or uuid rep, numeric, numeric)';
COMMENT ON FUNCTION @extschema@.attainment_by_rep_final(internal) IS
    'final function of attainment_by_rep(bigint, text or uuid rep, numeric, numeric): the attainment summary of one row per rep with a quota';

-- SSPACE as for the bigint form (40-byte entries, and the text keys' bytes)
CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.text, achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.attainment_by_rep_trans,
    STYPE = internal,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment_by_rep_final,
    COMBINEFUNC = @extschema@.attainment_by_rep_combine,
    SERIALFUNC = @extschema@.attainment_by_rep_serialize,
    DESERIALFUNC = @extschema@.attainment_by_rep_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric) IS
    'attainment summary of raw deal and quota rows with text rep ids (reps equal when their bytes are: ''A'' and ''a'' are two reps): achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';

CREATE AGGREGATE @extschema@.attainment_by_rep(rep pg_catalog.uuid, achieved pg_catalog.numeric, quota pg_catalog.numeric) (
    SFUNC = @extschema@.attainment_by_rep_trans,
    STYPE = internal,
    SSPACE = 16384,
    FINALFUNC = @extschema@.attainment_by_rep_final,
    COMBINEFUNC = @extschema@.attainment_by_rep_combine,
    SERIALFUNC = @extschema@.attainment_by_rep_serialize,
    DESERIALFUNC = @extschema@.attainment_by_rep_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_by_rep(pg_catalog.uuid, pg_catalog.numeric, pg_catalog.numeric) IS
    'attainment summary of raw deal and quota rows with uuid rep ids: achieved and quota summed per rep first; a rep with a quota and no deal is at 0, a rep without a quota is left out';
