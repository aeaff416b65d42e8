-- The aggregate calls that test/sharded/checks.sql (postgres_fdw) and
-- test/citus/checks.sql (Citus) run over test/sharded/data.sql's tables:
-- every family, numeric and float8 inputs.  kind: 'value' (a plain
-- aggregate), 'summary' (a summary type: rollup() applies).  Every float8
-- sum is exact since 0.7.0 (float8 inputs, and the absolute percentage
-- errors of mape, smape and forecast_error for any input), so every call
-- must equal the single node bit for bit on any split of the rows.  Also
-- the two helpers both run: a query's plan and its value, as text.
CREATE TEMP TABLE calls (family text, tbl text, call text, kind text);
INSERT INTO calls VALUES
 ('win rates',      'deals', 'win_rate(won)', 'value'),
 ('win rates',      'deals', 'value_win_rate(won, amount)', 'value'),
 ('win rates',      'deals', 'value_win_rate(won, amount_f)', 'value'),
 ('pipeline',       'deals', 'weighted_pipeline(amount, probability_f) FILTER (WHERE won IS NULL)', 'value'),
 ('pipeline',       'deals', 'weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL)', 'value'),
 ('pipeline',       'deals', 'weighted_pipeline(amount_f, probability_f) FILTER (WHERE won IS NULL)', 'value'),
 ('deal size',      'deals', 'avg_deal_size(won, amount)', 'value'),
 ('deal size',      'deals', 'median_deal_size(won, amount)', 'value'),
 ('sales cycle',    'deals', 'avg_sales_cycle(created_at, closed_at) FILTER (WHERE won)', 'value'),
 ('deal summary',   'deals', 'deal_summary(won, amount, probability_f, created_at, closed_at)', 'summary'),
 ('deal summary',   'deals', 'deal_summary(won, amount, probability, created_at, closed_at)', 'summary'),
 ('deal summary',   'deals', 'deal_summary(won, amount_f, probability_f, created_at, closed_at)', 'summary'),
 ('forecast',       'forecasts', 'forecast_error(forecast, actual)', 'summary'),
 ('forecast',       'forecasts', 'forecast_error(forecast_f, actual_f)', 'summary'),
 ('forecast',       'forecasts', 'mape(forecast, actual)', 'value'),
 ('forecast',       'forecasts', 'wape(forecast, actual)', 'value'),
 ('forecast',       'forecasts', 'smape(forecast, actual)', 'value'),
 ('forecast',       'forecasts', 'forecast_bias(forecast, actual)', 'value'),
 ('forecast',       'forecasts', 'mape(forecast_f, actual_f)', 'value'),
 ('attainment',     'quota', 'attainment(achieved, quota)', 'summary'),
 ('attainment',     'quota', 'quota_attainment(achieved, quota)', 'value'),
 ('attainment',     'quota', 'pct_at_quota(achieved, quota)', 'value'),
 ('attainment',     'quota', 'attainment_by_rep(id::bigint, achieved, quota)', 'value'),
 -- rep_rows: each rep's deal rows and quota row on different shards
 ('attainment',     'rep_rows', 'rep_attainment(rep, achieved, quota)', 'summary'),
 ('attainment',     'rep_rows', 'rep_attainment(rep_t, achieved, quota)', 'summary'),
 ('attainment',     'rep_rows', 'rep_attainment(rep_u, achieved, quota)', 'summary'),
 ('attainment',     'rep_rows', 'attainment_by_rep(rep, achieved, quota)', 'value'),
 ('attainment',     'rep_rows', 'attainment_by_rep(rep_t, achieved, quota)', 'value'),
 ('pipeline flow',  'flow', 'pipeline_flow(s_won, s_amount, s_close, e_won, e_amount, e_close, created_at, daterange(''2024-04-01'', ''2024-07-01''), daterange(''2024-04-01'', ''2024-10-01''))', 'summary'),
 ('funnel',         'deal_stages', 'stage_funnel(highest_stage, won, 5)', 'summary'),
 ('funnel',         'deal_stages', 'stage_conversion(highest_stage >= 3)', 'value'),
 ('time in stage',  'stays', 'stage_time(stage, days, 5)', 'summary'),
 ('leads',          'leads', 'lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced)', 'summary'),
 ('customers',      'customers', 'churn_rate(active_at_start, churned)', 'value'),
 ('customers',      'customers', 'net_revenue_retention(start_mrr, expansion, contraction, churned_mrr)', 'value'),
 ('customers',      'customers', 'gross_revenue_retention(start_mrr, expansion, contraction, churned_mrr)', 'value'),
 ('rep turnover',   'roster', 'rep_turnover(hired_on, left_on, daterange(''2024-01-01'', ''2025-01-01''))', 'value'),
 ('rep turnover',   'roster', 'avg_headcount(hired_on, left_on, daterange(''2024-01-01'', ''2025-01-01''))', 'value');

-- the plan of a query, as one text
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END $$;

CREATE FUNCTION pg_temp.value_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    result text;
BEGIN
    EXECUTE query INTO result;
    RETURN result;
END $$;
