-- Moving windows (0.7.0): the one-step aggregates whose state subtracts
-- exactly have an inverse transition, so OVER (... ROWS n PRECEDING) no
-- longer recomputes every frame.  How checked: every frame of every window
-- below equals, as text, the same aggregate built without an inverse (a
-- "twin" with the same forward functions, which PostgreSQL recomputes per
-- frame) and, for weighted_pipeline, the plain formula sum(amount *
-- probability), display scale included; the small example is by hand.

-- by hand: terms 50.0, 50.00, 300, 200.0; frames of two rows:
-- {50.0} 50.0, {50.0, 50.00} 100.00, {50.00, 300} 350.00, {300, 200.0} 500.0
-- (the last frame lost the only term of scale 2, so the scale drops, as sum() gives)
SELECT id, weighted_pipeline(amount, probability) OVER w AS ours,
       sum(amount * probability) OVER w AS plain
FROM (VALUES (1, 100::numeric, 0.5::numeric), (2, 200, 0.25), (3, 300, 1), (4, 400, 0.5)) v(id, amount, probability)
WINDOW w AS (ORDER BY id ROWS 1 PRECEDING) ORDER BY id;

-- the twins: the same forward, combine and final functions, no inverse
CREATE SCHEMA twin;
CREATE AGGREGATE twin.weighted_pipeline(numeric, numeric) (
    SFUNC = weighted_pipeline_trans, STYPE = exact_ratio_state, FINALFUNC = weighted_pipeline_final);
CREATE AGGREGATE twin.weighted_pipeline(numeric, float8) (
    SFUNC = weighted_pipeline_trans, STYPE = exact_ratio_state, FINALFUNC = weighted_pipeline_final);
CREATE AGGREGATE twin.value_win_rate(boolean, numeric) (
    SFUNC = value_win_rate_trans, STYPE = exact_ratio_state, FINALFUNC = value_win_rate_final);
CREATE AGGREGATE twin.quota_attainment(numeric, numeric) (
    SFUNC = quota_attainment_trans, STYPE = exact_ratio_state, FINALFUNC = quota_attainment_final);
CREATE AGGREGATE twin.pct_at_quota(numeric, numeric) (
    SFUNC = pct_at_quota_trans, STYPE = int8[], INITCOND = '{0,0}', FINALFUNC = pct_at_quota_final);
CREATE AGGREGATE twin.pct_at_quota(numeric, numeric, float8) (
    SFUNC = pct_at_quota_trans, STYPE = int8[], INITCOND = '{0,0}', FINALFUNC = pct_at_quota_final);
CREATE AGGREGATE twin.mae(numeric, numeric) (SFUNC = forecast_error_trans, STYPE = forecast_error, FINALFUNC = mae);
CREATE AGGREGATE twin.rmse(numeric, numeric) (SFUNC = forecast_error_trans, STYPE = forecast_error, FINALFUNC = rmse);
CREATE AGGREGATE twin.wape(numeric, numeric) (SFUNC = forecast_error_trans, STYPE = forecast_error, FINALFUNC = wape);
CREATE AGGREGATE twin.forecast_bias(numeric, numeric) (SFUNC = forecast_error_trans, STYPE = forecast_error, FINALFUNC = bias);

-- 3,000 rows: amounts of 0, 2 and 4 decimals, negative ones, NULLs, a NaN
-- every 500 rows, a 25-digit amount every 700 (the spill), probabilities of
-- 1 to 3 decimals as numeric and float8, quotas, forecasts and actuals
CREATE TABLE mw AS
SELECT g AS id,
       CASE WHEN g % 500 = 7 THEN 'NaN'::numeric
            WHEN g % 700 = 11 THEN 1234567890123456789012345.5
            WHEN g % 97 = 3 THEN NULL
            WHEN g % 3 = 0 THEN (g % 1000) * 10 - 2000
            WHEN g % 3 = 1 THEN round((g % 1000) * 1.37, 2)
            ELSE round((g % 1000) * 1.3713, 4) END AS amount,
       CASE WHEN g % 89 = 5 THEN NULL
            WHEN g % 2 = 0 THEN round((g % 10) / 10.0, 1)
            ELSE round((g % 1000) / 1000.0, 3) END AS probability,
       CASE WHEN g % 7 = 0 THEN NULL ELSE g % 5 < 2 END AS won,
       CASE WHEN g % 11 = 0 THEN 0 ELSE 1000 + g % 300 END::numeric AS quota,
       round((g % 400) * 1.25, 2) AS forecast,
       CASE WHEN g % 13 = 0 THEN 0 ELSE round((g % 350) * 1.1, 1) END AS actual
FROM generate_series(1, 3000) g;

-- every frame of two frame sizes: ours = twin (and = the plain formula for
-- weighted_pipeline); 0 differing frames in each column
SELECT size,
       count(*) FILTER (WHERE wp IS DISTINCT FROM wp_twin OR wp IS DISTINCT FROM wp_plain) AS weighted_pipeline,
       count(*) FILTER (WHERE wpf IS DISTINCT FROM wpf_twin) AS weighted_pipeline_float8_probability,
       count(*) FILTER (WHERE vwr IS DISTINCT FROM vwr_twin) AS value_win_rate,
       count(*) FILTER (WHERE qa IS DISTINCT FROM qa_twin) AS quota_attainment,
       count(*) FILTER (WHERE pq IS DISTINCT FROM pq_twin OR pq9 IS DISTINCT FROM pq9_twin) AS pct_at_quota,
       count(*) FILTER (WHERE fe IS DISTINCT FROM fe_twin) AS forecast_measures,
       count(*) AS frames
FROM (
  SELECT 4 AS size,
         weighted_pipeline(amount, probability) OVER w::text AS wp,
         twin.weighted_pipeline(amount, probability) OVER w::text AS wp_twin,
         sum(amount * probability) OVER w::text AS wp_plain,
         weighted_pipeline(amount, probability::float8) OVER w::text AS wpf,
         twin.weighted_pipeline(amount, probability::float8) OVER w::text AS wpf_twin,
         value_win_rate(won, amount) OVER w AS vwr, twin.value_win_rate(won, amount) OVER w AS vwr_twin,
         quota_attainment(amount, quota) OVER w AS qa, twin.quota_attainment(amount, quota) OVER w AS qa_twin,
         pct_at_quota(amount, quota) OVER w AS pq, twin.pct_at_quota(amount, quota) OVER w AS pq_twin,
         pct_at_quota(amount, quota, 0.9) OVER w AS pq9, twin.pct_at_quota(amount, quota, 0.9) OVER w AS pq9_twin,
         row(mae(forecast, actual) OVER w, rmse(forecast, actual) OVER w,
             wape(forecast, actual) OVER w, forecast_bias(forecast, actual) OVER w)::text AS fe,
         row(twin.mae(forecast, actual) OVER w, twin.rmse(forecast, actual) OVER w,
             twin.wape(forecast, actual) OVER w, twin.forecast_bias(forecast, actual) OVER w)::text AS fe_twin
  FROM mw WINDOW w AS (ORDER BY id ROWS 3 PRECEDING)
  UNION ALL
  SELECT 50,
         weighted_pipeline(amount, probability) OVER w::text,
         twin.weighted_pipeline(amount, probability) OVER w::text,
         sum(amount * probability) OVER w::text,
         weighted_pipeline(amount, probability::float8) OVER w::text,
         twin.weighted_pipeline(amount, probability::float8) OVER w::text,
         value_win_rate(won, amount) OVER w, twin.value_win_rate(won, amount) OVER w,
         quota_attainment(amount, quota) OVER w, twin.quota_attainment(amount, quota) OVER w,
         pct_at_quota(amount, quota) OVER w, twin.pct_at_quota(amount, quota) OVER w,
         pct_at_quota(amount, quota, 0.9) OVER w, twin.pct_at_quota(amount, quota, 0.9) OVER w,
         row(mae(forecast, actual) OVER w, rmse(forecast, actual) OVER w,
             wape(forecast, actual) OVER w, forecast_bias(forecast, actual) OVER w)::text,
         row(twin.mae(forecast, actual) OVER w, twin.rmse(forecast, actual) OVER w,
             twin.wape(forecast, actual) OVER w, twin.forecast_bias(forecast, actual) OVER w)::text
  FROM mw WINDOW w AS (ORDER BY id ROWS BETWEEN 49 PRECEDING AND CURRENT ROW)
) f GROUP BY size ORDER BY size;

-- frames that start with NULL rows, and frames of NULL rows only: NULL, as sum()
SELECT id, weighted_pipeline(a, p) OVER w AS wp, value_win_rate(won, a) OVER w AS vwr,
       quota_attainment(a, q) OVER w AS qa, mae(a, q) OVER w AS mae
FROM (VALUES (1, NULL::numeric, NULL::numeric, NULL::boolean, NULL::numeric),
             (2, NULL, NULL, NULL, NULL),
             (3, 10, 0.5, true, 20),
             (4, 30, 0.1, false, 20),
             (5, NULL, NULL, NULL, NULL),
             (6, NULL, NULL, NULL, NULL)) v(id, a, p, won, q)
WINDOW w AS (ORDER BY id ROWS 1 PRECEDING) ORDER BY id;

DROP TABLE mw;
SET client_min_messages = warning;
DROP SCHEMA twin CASCADE;
RESET client_min_messages;
