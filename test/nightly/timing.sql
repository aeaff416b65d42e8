-- test/nightly/timing.sql: a dashboard's deal KPIs per team for a month, a
-- quarter, a year and the whole history, computed from the raw deals and
-- from the stored daily summaries (demo/nightly.sql).  Each query runs five
-- times; the median is printed.  The numbers are printed, not asserted:
-- they depend on the machine.
\set ON_ERROR_STOP on
\pset footer off

CREATE FUNCTION pg_temp.median_ms(q text, runs integer DEFAULT 5) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    ms float8[] := '{}';
BEGIN
    FOR i IN 1..runs LOOP
        t0 := clock_timestamp();
        EXECUTE q;
        ms := ms || (extract(epoch FROM clock_timestamp() - t0) * 1000)::float8;
    END LOOP;
    RETURN round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(ms) AS x)::numeric, 2);
END $$;

-- the same KPI columns for both: win rates, won amount, deal size, cycle
SELECT $q$
    SELECT team_id, win_rate(s), value_win_rate(s), won_amount(s), avg_deal_size(s),
           median_sales_cycle(s), sales_cycle_percentile(s, 0.9)
    FROM (SELECT r.team_id, deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at) AS s
          FROM crm.opportunities AS o JOIN crm.reps AS r USING (rep_id)
          WHERE o.closed_at >= %L AND o.closed_at < %L
          GROUP BY r.team_id) AS x
$q$ AS raw_q,
$q$
    SELECT team_id, win_rate(s), value_win_rate(s), won_amount(s), avg_deal_size(s),
           median_sales_cycle(s), sales_cycle_percentile(s, 0.9)
    FROM (SELECT team_id, rollup(summary) AS s
          FROM kpi.deals_closed_daily
          WHERE day >= %L AND day < %L
          GROUP BY team_id) AS x
$q$ AS stored_q
\gset

SELECT p.period AS "dashboard period",
       (SELECT count(*) FROM crm.opportunities WHERE closed_at >= p.p0 AND closed_at < p.p1) AS "closed deals",
       (SELECT count(*) FROM kpi.deals_closed_daily WHERE day >= p.p0 AND day < p.p1) AS "stored summaries",
       pg_temp.median_ms(format(:'raw_q', p.p0, p.p1)) AS "raw deals (ms)",
       pg_temp.median_ms(format(:'stored_q', p.p0, p.p1)) AS "stored summaries (ms)"
FROM (VALUES ('month 2025-11', date '2025-11-01', date '2025-12-01'),
             ('quarter 2025 Q4', '2025-10-01', '2026-01-01'),
             ('year 2025', '2025-01-01', '2026-01-01'),
             ('all history', '2024-01-01', '2026-01-01')) AS p(period, p0, p1)
ORDER BY p.p1 - p.p0;
