-- demo/nightly.sql: nightly KPI summaries for the demo CRM (schema "crm"),
-- the recipe of doc/scheduled-reports.md.  Run it once on a database with
-- the salesops extension and the crm tables; then schedule
--     CALL kpi.refresh_nightly();
-- every night (pg_cron: see the end of this file).  test/nightly/run.sh runs
-- this file and checks every stored summary against the raw rows.
--
-- What is stored, and why it stays right:
--   kpi.deals_closed_daily  one deal_summary per close day and rep, over the
--                           deals closed that day.  A closed day only
--                           changes when someone edits old deals, so each
--                           night recomputes the last few days (7 by
--                           default) and leaves the rest alone.
--   kpi.pipeline_snapshot   one deal_summary per night and rep over the
--                           deals open that night: the pipeline as it
--                           stood.  Snapshots are points in time: never
--                           rollup() two nights together (a deal open on
--                           both would count twice).
--   kpi.forecast_monthly    one forecast_error per month and rep; each night
--                           recomputes the last two months (actuals arrive
--                           after the month closes).
-- A dashboard then reads rollup(summary) over the days, reps and teams it
-- shows: the same figures as aggregating the raw deals, from a few hundred
-- stored rows instead of every deal.

CREATE SCHEMA kpi;

CREATE TABLE kpi.deals_closed_daily (
    day      date    NOT NULL,
    rep_id   integer NOT NULL,
    team_id  integer NOT NULL,
    summary  deal_summary NOT NULL,
    PRIMARY KEY (day, rep_id)
);
CREATE INDEX ON kpi.deals_closed_daily (team_id, day);

CREATE TABLE kpi.pipeline_snapshot (
    snapshot_day date    NOT NULL,
    rep_id       integer NOT NULL,
    team_id      integer NOT NULL,
    summary      deal_summary NOT NULL,
    PRIMARY KEY (snapshot_day, rep_id)
);

CREATE TABLE kpi.forecast_monthly (
    month    date    NOT NULL,
    rep_id   integer NOT NULL,
    team_id  integer NOT NULL,
    summary  forecast_error NOT NULL,
    PRIMARY KEY (month, rep_id)
);

-- Recompute the closed days (as_of - days, as_of], the pipeline snapshot of
-- as_of, and the forecast months that overlap the window (at least the last
-- two).  Safe to run again: it replaces what it recomputes.
CREATE PROCEDURE kpi.refresh(as_of date, days integer DEFAULT 7)
LANGUAGE sql
BEGIN ATOMIC
    DELETE FROM kpi.deals_closed_daily
    WHERE day > as_of - days AND day <= as_of;
    INSERT INTO kpi.deals_closed_daily (day, rep_id, team_id, summary)
    SELECT o.closed_at, o.rep_id, r.team_id,
           deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at)
    FROM crm.opportunities AS o
    JOIN crm.reps AS r USING (rep_id)
    WHERE o.closed_at > as_of - days AND o.closed_at <= as_of
    GROUP BY o.closed_at, o.rep_id, r.team_id;

    -- the deals open at the end of as_of: created by then, not closed by
    -- then (a deal closed later was still open, so its outcome is NULL here)
    DELETE FROM kpi.pipeline_snapshot WHERE snapshot_day = as_of;
    INSERT INTO kpi.pipeline_snapshot (snapshot_day, rep_id, team_id, summary)
    SELECT as_of, o.rep_id, r.team_id,
           deal_summary(NULL::boolean, o.amount, o.probability, o.created_at, NULL::date)
    FROM crm.opportunities AS o
    JOIN crm.reps AS r USING (rep_id)
    WHERE o.created_at <= as_of AND (o.closed_at IS NULL OR o.closed_at > as_of)
    GROUP BY o.rep_id, r.team_id;

    -- the months that overlap the window, and at least the last two
    DELETE FROM kpi.forecast_monthly
    WHERE month >= date_trunc('month', as_of - greatest(days, 31))::date AND month <= as_of;
    INSERT INTO kpi.forecast_monthly (month, rep_id, team_id, summary)
    SELECT f.month, f.rep_id, r.team_id, forecast_error(f.forecast, f.actual)
    FROM crm.forecasts AS f
    JOIN crm.reps AS r USING (rep_id)
    WHERE f.month >= date_trunc('month', as_of - greatest(days, 31))::date AND f.month <= as_of
    GROUP BY f.month, f.rep_id, r.team_id;
END;

-- What the nightly job calls: yesterday, with a week of late edits.
CREATE PROCEDURE kpi.refresh_nightly()
LANGUAGE sql
AS $$ CALL kpi.refresh(current_date - 1, 7) $$;

-- The alternative without a procedure: a materialized view of the same
-- daily summaries, recomputed whole by REFRESH MATERIALIZED VIEW (simple,
-- and fine while a full pass over the deals takes seconds).  CONCURRENTLY
-- keeps it readable during the refresh; it needs the unique index.
CREATE MATERIALIZED VIEW kpi.deals_closed_daily_mv AS
SELECT o.closed_at AS day, o.rep_id, r.team_id,
       deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at) AS summary
FROM crm.opportunities AS o
JOIN crm.reps AS r USING (rep_id)
WHERE o.closed_at IS NOT NULL
GROUP BY o.closed_at, o.rep_id, r.team_id;
CREATE UNIQUE INDEX ON kpi.deals_closed_daily_mv (day, rep_id);

-- A dashboard's view: per team and month, every deal KPI, from the stored
-- summaries.  Filter it on month and team like a table.
CREATE VIEW kpi.team_month AS
SELECT team_id, date_trunc('month', day)::date AS month,
       won_deals(s) AS won, lost_deals(s) AS lost,
       win_rate(s) AS win_rate, value_win_rate(s) AS value_win_rate,
       won_amount(s) AS won_amount, avg_deal_size(s) AS avg_deal_size,
       median_sales_cycle(s) AS median_cycle_days
FROM (SELECT team_id, date_trunc('month', day) AS day, rollup(summary) AS s
      FROM kpi.deals_closed_daily
      GROUP BY team_id, date_trunc('month', day)) AS m;

-- Fill the history once (here: every closed day of the demo data, which
-- ends on 2025-12-31), then let the nightly job keep it current.
CALL kpi.refresh('2025-12-31', 1000);
