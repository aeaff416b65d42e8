-- test/nightly/check.sql: the stored summaries of demo/nightly.sql against
-- the raw rows, after the history was filled.  Every check raises an error
-- (and psql stops, ON_ERROR_STOP) when one summary differs; each prints
-- what it compared.  Summaries are compared by their text form, which
-- holds every stored field (exact sums, counts, the cycle histogram).
\set ON_ERROR_STOP on
\pset footer off

-- raw deals summarized per team and month / per team and quarter / per team
CREATE TEMP VIEW raw_closed AS
SELECT r.team_id, o.closed_at AS day, o.won, o.amount, o.probability, o.created_at, o.closed_at
FROM crm.opportunities AS o JOIN crm.reps AS r USING (rep_id)
WHERE o.closed_at IS NOT NULL;

CREATE FUNCTION pg_temp.expect(label text, differ bigint, compared bigint) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    IF differ <> 0 OR compared = 0 THEN
        RAISE EXCEPTION '%: % of % differ', label, differ, compared;
    END IF;
    RETURN format('%s: %s equal', label, compared);
END $$;

SELECT pg_temp.expect('rollup of daily summaries = raw deals, per team and month', count(*) FILTER (WHERE s.s::text IS DISTINCT FROM r.s::text), count(*)) AS "check"
FROM (SELECT team_id, date_trunc('month', day) AS m, rollup(summary) AS s
      FROM kpi.deals_closed_daily GROUP BY 1, 2) AS s
FULL JOIN (SELECT team_id, date_trunc('month', day) AS m,
                  deal_summary(won, amount, probability, created_at, closed_at) AS s
           FROM raw_closed GROUP BY 1, 2) AS r USING (team_id, m)
UNION ALL
SELECT pg_temp.expect('rollup of daily summaries = raw deals, per team and quarter', count(*) FILTER (WHERE s.s::text IS DISTINCT FROM r.s::text), count(*))
FROM (SELECT team_id, date_trunc('quarter', day) AS q, rollup(summary) AS s
      FROM kpi.deals_closed_daily GROUP BY 1, 2) AS s
FULL JOIN (SELECT team_id, date_trunc('quarter', day) AS q,
                  deal_summary(won, amount, probability, created_at, closed_at) AS s
           FROM raw_closed GROUP BY 1, 2) AS r USING (team_id, q)
UNION ALL
SELECT pg_temp.expect('rollup over all history = raw deals, company total', count(*) FILTER (WHERE s.s::text IS DISTINCT FROM r.s::text), count(*))
FROM (SELECT rollup(summary) AS s FROM kpi.deals_closed_daily) AS s,
     (SELECT deal_summary(won, amount, probability, created_at, closed_at) AS s FROM raw_closed) AS r
UNION ALL
SELECT pg_temp.expect('materialized view = table, per day and rep', count(*) FILTER (WHERE t.summary::text IS DISTINCT FROM v.summary::text), count(*))
FROM kpi.deals_closed_daily AS t FULL JOIN kpi.deals_closed_daily_mv AS v USING (day, rep_id)
UNION ALL
SELECT pg_temp.expect('pipeline snapshot of 2025-12-31 = the open deals, per team', count(*) FILTER (WHERE s.s::text IS DISTINCT FROM r.s::text), count(*))
FROM (SELECT team_id, rollup(summary) AS s FROM kpi.pipeline_snapshot
      WHERE snapshot_day = '2025-12-31' GROUP BY team_id) AS s
FULL JOIN (SELECT r.team_id, deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at) AS s
           FROM crm.opportunities AS o JOIN crm.reps AS r USING (rep_id)
           WHERE o.won IS NULL GROUP BY r.team_id) AS r USING (team_id)
UNION ALL
-- (MAPE and sMAPE sum float8 ratios, so their last bits depend on the order
-- of the rows: to 1e-12; every other measure comes from exact sums)
SELECT pg_temp.expect('forecast_monthly rolled up = raw forecast lines, per team and quarter', count(*) FILTER (WHERE
           (forecast_count(s.s), zero_actuals(s.s), mae(s.s), rmse(s.s), wape(s.s), bias(s.s), bias_pct(s.s))
           IS DISTINCT FROM
           (forecast_count(r.s), zero_actuals(r.s), mae(r.s), rmse(r.s), wape(r.s), bias(r.s), bias_pct(r.s))
           OR NOT abs(mape(s.s) - mape(r.s)) <= 1e-12 * abs(mape(r.s))
           OR NOT abs(smape(s.s) - smape(r.s)) <= 1e-12 * abs(smape(r.s))), count(*))
FROM (SELECT team_id, date_trunc('quarter', month) AS q, rollup(summary) AS s
      FROM kpi.forecast_monthly GROUP BY 1, 2) AS s
FULL JOIN (SELECT r.team_id, date_trunc('quarter', f.month) AS q, forecast_error(f.forecast, f.actual) AS s
           FROM crm.forecasts AS f JOIN crm.reps AS r USING (rep_id) GROUP BY 1, 2) AS r USING (team_id, q)
UNION ALL
SELECT pg_temp.expect('view kpi.team_month = accessors of raw summaries', count(*) FILTER (WHERE
           (v.won, v.lost, v.win_rate, v.value_win_rate, v.won_amount, v.avg_deal_size, v.median_cycle_days)
           IS DISTINCT FROM
           (won_deals(r.s), lost_deals(r.s), win_rate(r.s), value_win_rate(r.s), won_amount(r.s),
            avg_deal_size(r.s), median_sales_cycle(r.s))), count(*))
FROM kpi.team_month AS v
FULL JOIN (SELECT team_id, date_trunc('month', day)::date AS month,
                  deal_summary(won, amount, probability, created_at, closed_at) AS s
           FROM raw_closed GROUP BY 1, 2) AS r USING (team_id, month)
UNION ALL
SELECT pg_temp.expect('deal snapshot of 2026-01-01 (the live table) = crm.opportunities, per deal', count(*) FILTER (WHERE
           (s.rep_id, s.team_id, s.won, s.amount, s.probability, s.close_date, s.created_at)
           IS DISTINCT FROM
           (o.rep_id, r.team_id, o.won, o.amount, o.probability, coalesce(o.closed_at, o.expected_close), o.created_at)),
       count(*))
FROM (SELECT * FROM kpi.deal_snapshot WHERE snapshot_date = '2026-01-01') AS s
FULL JOIN crm.opportunities AS o USING (opp_id)
LEFT JOIN crm.reps AS r ON r.rep_id = o.rep_id
UNION ALL
-- the waterfall between two stored nights (kpi.team_waterfall) against the
-- same FULL JOIN over the deals as the raw history has them at those two
-- midnights: the quarter, and each of its months (target: the quarter)
SELECT pg_temp.expect('pipeline waterfall of two stored nights = of the raw history, per team and period (2025 Q4, its months)',
                      count(*) FILTER (WHERE x.stored::text IS DISTINCT FROM x.raw::text), count(*))
FROM (VALUES (date '2025-10-01', date '2026-01-01'), ('2025-10-01', '2025-11-01'),
             ('2025-11-01', '2025-12-01'), ('2025-12-01', '2026-01-01')) AS p(d0, d1)
CROSS JOIN LATERAL (
    SELECT w.flow AS stored, h.f AS raw
    FROM kpi.team_waterfall(p.d0, p.d1, '[2025-10-01,2026-01-01)') AS w
    FULL JOIN (SELECT team_id,
                      pipeline_flow(s.won, s.amount, coalesce(s.closed_at, s.expected_close),
                                    e.won, e.amount, coalesce(e.closed_at, e.expected_close),
                                    coalesce(e.created_at, s.created_at), daterange(p.d0, p.d1),
                                    '[2025-10-01,2026-01-01)') AS f
               FROM (SELECT o.*, r.team_id FROM crm.opportunities_at(p.d0) AS o JOIN crm.reps AS r USING (rep_id)) AS s
               FULL JOIN (SELECT o.*, r.team_id FROM crm.opportunities_at(p.d1) AS o JOIN crm.reps AS r USING (rep_id)) AS e
                    USING (opp_id, team_id)
               GROUP BY team_id) AS h USING (team_id)) AS x;

-- a late edit: a deal of 2025-12-30 changes amount; the nightly refresh
-- (with its week of late edits) and REFRESH MATERIALIZED VIEW CONCURRENTLY
-- pick it up
UPDATE crm.opportunities SET amount = amount + 1000
WHERE opp_id = (SELECT min(opp_id) FROM crm.opportunities WHERE closed_at = '2025-12-30' AND won);
CALL kpi.refresh('2025-12-31', 7);
REFRESH MATERIALIZED VIEW CONCURRENTLY kpi.deals_closed_daily_mv;
SELECT pg_temp.expect('after a late edit and the refresh: stored day = raw day, per rep', count(*) FILTER (WHERE t.summary::text IS DISTINCT FROM r.s::text), count(*)) AS "check"
FROM (SELECT * FROM kpi.deals_closed_daily WHERE day = '2025-12-30') AS t
FULL JOIN (SELECT rep_id, deal_summary(won, amount, probability, created_at, closed_at) AS s
           FROM crm.opportunities WHERE closed_at = '2025-12-30' GROUP BY rep_id) AS r USING (rep_id)
UNION ALL
SELECT pg_temp.expect('after REFRESH MATERIALIZED VIEW CONCURRENTLY: view = table', count(*) FILTER (WHERE t.summary::text IS DISTINCT FROM v.summary::text), count(*))
FROM kpi.deals_closed_daily AS t FULL JOIN kpi.deals_closed_daily_mv AS v USING (day, rep_id);
