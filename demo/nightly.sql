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
--   kpi.deal_snapshot       one row per deal and night, open and closed deals
--                           alike (a deleted deal is absent): the deals as
--                           they stood at midnight, for the pipeline
--                           waterfall (pipeline_flow) between any two nights,
--                           kpi.team_waterfall().  Taken from the live table,
--                           so a night missed is lost: past nights come from
--                           the CRM's history if it keeps one (here
--                           crm.opportunity_history), once.
-- A dashboard then reads rollup(summary) over the days, reps and teams it
-- shows: the same figures as aggregating the raw deals, from a few hundred
-- stored rows instead of every deal.

CREATE SCHEMA IF NOT EXISTS kpi;   -- demo/schema.sql made it for kpi.business_hours

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

CREATE TABLE kpi.deal_snapshot (
    snapshot_date date    NOT NULL,   -- the deals as they stood at midnight starting this day
    opp_id        bigint  NOT NULL,
    rep_id        integer NOT NULL,
    team_id       integer NOT NULL,
    won           boolean,            -- NULL = open
    amount        numeric(14,2),
    probability   numeric(4,3),
    close_date    date,               -- closed_at of a closed deal, expected_close of an open one
    created_at    date    NOT NULL,
    PRIMARY KEY (snapshot_date, opp_id)
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

-- Store the deals as they are now as the snapshot of taken_on: call it
-- just after midnight (a deal edited since midnight shows its edit).  It
-- replaces that night's snapshot if there is one.
CREATE PROCEDURE kpi.snapshot_deals(taken_on date DEFAULT current_date)
LANGUAGE sql
BEGIN ATOMIC
    DELETE FROM kpi.deal_snapshot WHERE snapshot_date = taken_on;
    INSERT INTO kpi.deal_snapshot (snapshot_date, opp_id, rep_id, team_id, won, amount, probability,
                                   close_date, created_at)
    SELECT taken_on, o.opp_id, o.rep_id, r.team_id, o.won, o.amount, o.probability,
           coalesce(o.closed_at, o.expected_close), o.created_at
    FROM crm.opportunities AS o
    JOIN crm.reps AS r USING (rep_id);
END;

-- What the nightly job calls: tonight's deal snapshot, then yesterday's
-- summaries with a week of late edits.
CREATE PROCEDURE kpi.refresh_nightly()
LANGUAGE sql
AS $$
    CALL kpi.snapshot_deals(current_date);
    CALL kpi.refresh(current_date - 1, 7);
$$;

-- The pipeline waterfall of each team between two stored nights, for the
-- deals dated in target: a FULL JOIN of the two snapshots on the deal and
-- its team (a deal moved to another team leaves one and enters the other),
-- one pipeline_flow per team; rollup() of them is the company's.  A night
-- without a snapshot is an error, not a waterfall of every deal as new.
CREATE FUNCTION kpi.team_waterfall(from_date date, to_date date, target daterange)
RETURNS TABLE (team_id integer, flow pipeline_flow)
LANGUAGE plpgsql STABLE
AS $$
#variable_conflict use_column
BEGIN
    IF NOT EXISTS (SELECT FROM kpi.deal_snapshot WHERE snapshot_date = from_date)
       OR NOT EXISTS (SELECT FROM kpi.deal_snapshot WHERE snapshot_date = to_date) THEN
        RAISE EXCEPTION 'no deal snapshot of %', CASE WHEN EXISTS (SELECT FROM kpi.deal_snapshot
                                                                   WHERE snapshot_date = from_date)
                                                      THEN to_date ELSE from_date END;
    END IF;
    RETURN QUERY
    SELECT team_id,
           pipeline_flow(s.won, s.amount, s.close_date, e.won, e.amount, e.close_date,
                         coalesce(e.created_at, s.created_at), daterange(from_date, to_date), target)
    FROM (SELECT * FROM kpi.deal_snapshot AS d WHERE d.snapshot_date = from_date) AS s
    FULL JOIN (SELECT * FROM kpi.deal_snapshot AS d WHERE d.snapshot_date = to_date) AS e
         USING (opp_id, team_id)
    GROUP BY team_id;
END $$;

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

-- The deal snapshots: the nights before the job ran from the CRM's history
-- (here the first of each month of the last quarter), then tonight's, the
-- deals as they are (the demo data set ends on 2025-12-31).
INSERT INTO kpi.deal_snapshot (snapshot_date, opp_id, rep_id, team_id, won, amount, probability,
                               close_date, created_at)
SELECT n.night, h.opp_id, h.rep_id, r.team_id, h.won, h.amount, h.probability,
       coalesce(h.closed_at, h.expected_close), h.created_at
FROM (VALUES (date '2025-10-01'), ('2025-11-01'), ('2025-12-01')) AS n(night)
CROSS JOIN LATERAL crm.opportunities_at(n.night) AS h
JOIN crm.reps AS r USING (rep_id);
CALL kpi.snapshot_deals('2026-01-01');
