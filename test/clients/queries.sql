-- test/clients/queries.sql: the KPI report that every client test runs (JDBC,
-- psycopg2, node-postgres) over the demo data set (demo/schema.sql +
-- demo/generate.sql), and that test/clients/compare.py runs in psql as the
-- reference.
--
-- Format, read by all three clients: each query starts with a
-- "-- query: NAME" line; "-- params: TYPE VALUE | TYPE VALUE ..." lines give
-- the parameters $1, $2, ... with the SQL type the client binds them as
-- (float8, int4, date, text); other "--" lines are comments.  A query is
-- everything up to the next "-- query:" line, without its final ";".  Keep
-- "%" out of the SQL (psycopg2 would read it as a placeholder) and tabs out
-- of the values.

-- query: team_kpis
-- A dashboard's tiles per team, over every deal: the one-step aggregates
-- (float8 ratios, exact numeric money) and the deal_summary type itself.
SELECT t.team_id, t.name AS team, count(*) AS deals,
       win_rate(o.won) AS win_rate,
       value_win_rate(o.won, o.amount) AS value_win_rate,
       weighted_pipeline(o.amount, o.probability) FILTER (WHERE o.won IS NULL) AS weighted_pipeline,
       deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at) AS summary
FROM crm.opportunities AS o
JOIN crm.reps AS r USING (rep_id)
JOIN crm.teams AS t ON t.team_id = r.team_id
GROUP BY t.team_id, t.name
ORDER BY t.team_id;

-- query: team_forecast
-- Forecast accuracy per team: the forecast_error type and the one-step
-- measures.
SELECT r.team_id,
       forecast_error(f.forecast, f.actual) AS summary,
       mae(f.forecast, f.actual) AS mae, rmse(f.forecast, f.actual) AS rmse,
       wape(f.forecast, f.actual) AS wape, mape(f.forecast, f.actual) AS mape,
       smape(f.forecast, f.actual) AS smape, forecast_bias(f.forecast, f.actual) AS bias
FROM crm.forecasts AS f
JOIN crm.reps AS r USING (rep_id)
GROUP BY r.team_id
ORDER BY r.team_id;

-- query: team_detail
-- A drill-down with parameters, as a BI tool's prepared statement sends them:
-- a percentile fraction, a team id, a MASE scale (the in-sample naive MAE).
-- params: float8 0.9 | int4 3 | float8 25000
SELECT d.team_id,
       sales_cycle_percentile(d.s, $1) AS cycle_percentile,
       median_sales_cycle(d.s) AS median_cycle, avg_sales_cycle(d.s) AS avg_cycle,
       avg_deal_size(d.s) AS avg_deal_size, open_pipeline(d.s) AS open_pipeline,
       weighted_pipeline(d.s) AS weighted_pipeline, won_amount(d.s) AS won_amount,
       open_deals(d.s) AS open_deals, won_deals(d.s) AS won_deals, lost_deals(d.s) AS lost_deals,
       sales_velocity(d.s) AS velocity,
       mase(f.s, $3) AS mase, tracking_signal(f.s) AS tracking_signal,
       bias_pct(f.s) AS bias_pct, forecast_accuracy(f.s) AS accuracy,
       forecast_count(f.s) AS forecast_count, zero_actuals(f.s) AS zero_actuals
FROM (SELECT r.team_id, deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at) AS s
      FROM crm.opportunities AS o JOIN crm.reps AS r USING (rep_id)
      WHERE r.team_id = $2
      GROUP BY r.team_id) AS d,
     (SELECT forecast_error(f.forecast, f.actual) AS s
      FROM crm.forecasts AS f JOIN crm.reps AS r USING (rep_id)
      WHERE r.team_id = $2) AS f;

-- query: quarter_trend
-- Per quarter from a start date, for one team: closed deals by close date.
-- params: date 2025-01-01 | int4 2
SELECT date_trunc('quarter', o.closed_at)::date AS quarter,
       count(*) AS closed,
       win_rate(o.won) AS win_rate,
       value_win_rate(o.won, o.amount) AS value_win_rate,
       sum(o.amount) FILTER (WHERE o.won) AS won_amount,
       deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at) AS summary
FROM crm.opportunities AS o
JOIN crm.reps AS r USING (rep_id)
WHERE o.closed_at >= $1 AND r.team_id = $2
GROUP BY 1
ORDER BY 1;

-- query: stored_summaries_as_parameters
-- A script that read stored summaries (as text) passes them back as
-- parameters: the accessors work on them, and rollup() merges them.
-- params: text v1 numeric count=6 zero_actuals=2 sum_abs_error=45 sum_error=5 sum_sq_error=625 sum_abs_actual=500 sum_ape=0.4 sum_sape=2.3823194349510137 | text v1 numeric open_deals=3 won_deals=3 lost_deals=2 open_pipeline=36234.56 open_pipeline_deals=3 weighted_pipeline=11407.4048 weighted_pipeline_deals=3 won_amount=50000 won_amount_deals=3 lost_amount=60000 lost_amount_deals=2 cycle_days={29:1,30:1,100:1}
SELECT mae(fe) AS mae, wape(fe) AS wape, rmse(fe) AS rmse,
       win_rate(ds) AS win_rate, weighted_pipeline(ds) AS weighted_pipeline, sales_velocity(ds) AS velocity,
       (SELECT rollup(x) FROM (VALUES (fe), (fe)) AS v(x)) AS forecast_rollup,
       (SELECT rollup(x) FROM (VALUES (ds), (ds)) AS v(x)) AS deal_rollup
FROM (SELECT $1::forecast_error AS fe, $2::deal_summary AS ds) AS p;
