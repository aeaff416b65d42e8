\echo Use "ALTER EXTENSION salesops UPDATE TO '0.3.0'" to load this file. \quit

-- salesops 0.2.0 -> 0.3.0: deal KPIs in one pass.  The deal_summary type,
-- its aggregate, rollup(), accessors, the one-step sales cycle aggregates
-- and the scalar sales_velocity().
-- Qualified throughout; see the note at the top of salesops--0.1.0.sql.

CREATE TYPE @extschema@.deal_summary;

CREATE FUNCTION @extschema@.deal_summary_in(pg_catalog.cstring)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.deal_summary_out(@extschema@.deal_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'deal_summary_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.deal_summary_recv(internal)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.deal_summary_send(@extschema@.deal_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'deal_summary_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.deal_summary (
    INPUT = @extschema@.deal_summary_in,
    OUTPUT = @extschema@.deal_summary_out,
    RECEIVE = @extschema@.deal_summary_recv,
    SEND = @extschema@.deal_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = main
);

COMMENT ON TYPE @extschema@.deal_summary IS
    'summary of opportunities: open/won/lost counts, open and weighted pipeline, won and lost amounts (exact for numeric amounts), exact histogram of won deals'' sales cycle; merge with rollup()';
COMMENT ON FUNCTION @extschema@.deal_summary_in(pg_catalog.cstring) IS 'text input of deal_summary';
COMMENT ON FUNCTION @extschema@.deal_summary_out(@extschema@.deal_summary) IS 'text output of deal_summary';
COMMENT ON FUNCTION @extschema@.deal_summary_recv(internal) IS 'binary input of deal_summary';
COMMENT ON FUNCTION @extschema@.deal_summary_send(@extschema@.deal_summary) IS 'binary output of deal_summary';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.numeric, pg_catalog.float8, pg_catalog.date, pg_catalog.date)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.numeric, pg_catalog.float8, pg_catalog.date, pg_catalog.date) IS
    'transition function of deal_summary(boolean, numeric, float8, date, date)';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.date, pg_catalog.date)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_numeric_prob_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.date, pg_catalog.date) IS
    'transition function of deal_summary(boolean, numeric, numeric, date, date)';

CREATE FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.date)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_float8_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_trans(@extschema@.deal_summary, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.date) IS
    'transition function of deal_summary(boolean, float8, float8, date, date)';

CREATE FUNCTION @extschema@.deal_summary_combine(@extschema@.deal_summary, @extschema@.deal_summary)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_combine(@extschema@.deal_summary, @extschema@.deal_summary) IS
    'merges two deal_summary values: combine function of the deal aggregates, transition function of rollup()';

CREATE FUNCTION @extschema@.deal_summary_final(@extschema@.deal_summary)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_final(@extschema@.deal_summary) IS
    'final function of deal_summary() and rollup(deal_summary): the summary with its histogram stored compact';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.numeric, probability pg_catalog.float8,
                                         created_at pg_catalog.date, closed_at pg_catalog.date) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.numeric, pg_catalog.float8, pg_catalog.date, pg_catalog.date) IS
    'summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.numeric, probability pg_catalog.numeric,
                                         created_at pg_catalog.date, closed_at pg_catalog.date) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.date, pg_catalog.date) IS
    'summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass';

CREATE AGGREGATE @extschema@.deal_summary(won pg_catalog.bool, amount pg_catalog.float8, probability pg_catalog.float8,
                                         created_at pg_catalog.date, closed_at pg_catalog.date) (
    SFUNC = @extschema@.deal_summary_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.deal_summary(pg_catalog.bool, pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.date) IS
    'summary of opportunities (won true/false/NULL = won/lost/open) for every deal KPI in one pass';

CREATE AGGREGATE @extschema@.rollup(@extschema@.deal_summary) (
    SFUNC = @extschema@.deal_summary_combine,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.deal_summary_final,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.deal_summary) IS
    'merges deal_summary values: the same summary as aggregating the raw opportunities';

CREATE FUNCTION @extschema@.win_rate(@extschema@.deal_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'deal_summary_win_rate'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.win_rate(@extschema@.deal_summary) IS
    'won deals / closed deals; NULL without closed deals';

CREATE FUNCTION @extschema@.value_win_rate(@extschema@.deal_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'deal_summary_value_win_rate'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_win_rate(@extschema@.deal_summary) IS
    'won amount / closed amount; NULL when the closed amount is not positive';

CREATE FUNCTION @extschema@.weighted_pipeline(@extschema@.deal_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'deal_summary_weighted_pipeline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_pipeline(@extschema@.deal_summary) IS
    'sum of amount * probability over open deals';

CREATE FUNCTION @extschema@.open_pipeline(@extschema@.deal_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'deal_summary_open_pipeline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.open_pipeline(@extschema@.deal_summary) IS
    'sum of the amounts of open deals';

CREATE FUNCTION @extschema@.open_deals(@extschema@.deal_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'deal_summary_open_deals'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.open_deals(@extschema@.deal_summary) IS
    'number of open deals';

CREATE FUNCTION @extschema@.won_deals(@extschema@.deal_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'deal_summary_won_deals'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.won_deals(@extschema@.deal_summary) IS
    'number of won deals';

CREATE FUNCTION @extschema@.lost_deals(@extschema@.deal_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'deal_summary_lost_deals'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lost_deals(@extschema@.deal_summary) IS
    'number of lost deals';

CREATE FUNCTION @extschema@.won_amount(@extschema@.deal_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'deal_summary_won_amount'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.won_amount(@extschema@.deal_summary) IS
    'sum of the amounts of won deals';

CREATE FUNCTION @extschema@.lost_amount(@extschema@.deal_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'deal_summary_lost_amount'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lost_amount(@extschema@.deal_summary) IS
    'sum of the amounts of lost deals';

CREATE FUNCTION @extschema@.avg_deal_size(@extschema@.deal_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'deal_summary_avg_deal_size'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.avg_deal_size(@extschema@.deal_summary) IS
    'average amount of won deals, as avg(amount) of the won deals';

CREATE FUNCTION @extschema@.avg_sales_cycle(@extschema@.deal_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'deal_summary_avg_sales_cycle'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.avg_sales_cycle(@extschema@.deal_summary) IS
    'mean days from created_at to closed_at of won deals';

CREATE FUNCTION @extschema@.median_sales_cycle(@extschema@.deal_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'deal_summary_median_sales_cycle'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.median_sales_cycle(@extschema@.deal_summary) IS
    'median days from created_at to closed_at of won deals (exact, as percentile_cont(0.5))';

CREATE FUNCTION @extschema@.sales_velocity(@extschema@.deal_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'deal_summary_sales_velocity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sales_velocity(@extschema@.deal_summary) IS
    'open deals x win rate x average deal size / average sales cycle: money per day';

CREATE FUNCTION @extschema@.sales_cycle_percentile(@extschema@.deal_summary, fraction pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'deal_summary_sales_cycle_percentile'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sales_cycle_percentile(@extschema@.deal_summary, pg_catalog.float8) IS
    'sales cycle of won deals at a fraction in [0, 1] (exact, as percentile_cont)';

CREATE FUNCTION @extschema@.sales_velocity(open_deals pg_catalog.int8, win_rate pg_catalog.float8,
                                           avg_deal_size pg_catalog.numeric, cycle_days pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'sales_velocity_scalar'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sales_velocity(pg_catalog.int8, pg_catalog.float8, pg_catalog.numeric, pg_catalog.float8) IS
    'sales velocity from parts measured over different windows: open deals x win rate x average deal size / cycle days';

-- one-step sales cycle aggregates over the rows given (filter won deals)

CREATE FUNCTION @extschema@.sales_cycle_avg_trans(pg_catalog.int8[], pg_catalog.date, pg_catalog.date)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'sales_cycle_avg_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sales_cycle_avg_inv(pg_catalog.int8[], pg_catalog.date, pg_catalog.date)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'sales_cycle_avg_inv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sales_cycle_avg_combine(pg_catalog.int8[], pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'sales_cycle_avg_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sales_cycle_avg_final(pg_catalog.int8[])
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'sales_cycle_avg_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sales_cycle_avg_trans(pg_catalog.int8[], pg_catalog.date, pg_catalog.date) IS
    'transition function of avg_sales_cycle(date, date); state {days, deals}';
COMMENT ON FUNCTION @extschema@.sales_cycle_avg_inv(pg_catalog.int8[], pg_catalog.date, pg_catalog.date) IS
    'moving-window inverse transition function of avg_sales_cycle(date, date)';
COMMENT ON FUNCTION @extschema@.sales_cycle_avg_combine(pg_catalog.int8[], pg_catalog.int8[]) IS
    'combine function of avg_sales_cycle(date, date)';
COMMENT ON FUNCTION @extschema@.sales_cycle_avg_final(pg_catalog.int8[]) IS
    'final function of avg_sales_cycle(date, date)';

CREATE AGGREGATE @extschema@.avg_sales_cycle(created_at pg_catalog.date, closed_at pg_catalog.date) (
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
COMMENT ON AGGREGATE @extschema@.avg_sales_cycle(pg_catalog.date, pg_catalog.date) IS
    'mean days from created_at to closed_at of the rows given (filter won deals)';

CREATE FUNCTION @extschema@.deal_summary_cycle_trans(@extschema@.deal_summary, pg_catalog.date, pg_catalog.date)
RETURNS @extschema@.deal_summary
AS 'MODULE_PATHNAME', 'deal_summary_cycle_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deal_summary_cycle_trans(@extschema@.deal_summary, pg_catalog.date, pg_catalog.date) IS
    'transition function of median_sales_cycle(date, date): records the cycle only';

CREATE AGGREGATE @extschema@.median_sales_cycle(created_at pg_catalog.date, closed_at pg_catalog.date) (
    SFUNC = @extschema@.deal_summary_cycle_trans,
    STYPE = @extschema@.deal_summary,
    FINALFUNC = @extschema@.median_sales_cycle,
    COMBINEFUNC = @extschema@.deal_summary_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.median_sales_cycle(pg_catalog.date, pg_catalog.date) IS
    'median days from created_at to closed_at of the rows given (filter won deals); exact, as percentile_cont(0.5)';
