-- demo/chart_data.sql: the data of the demo's PNG report (demo/chart.gp),
-- one tab-separated file per panel under the directory given as
-- -v out=DIR.  Per quarter (closed deals by close date) and team: win rate
-- and value win rate; forecast accuracy (1 - WAPE) from the monthly
-- forecast lines rolled up per quarter.  Columns: quarter, then one per
-- team, in team order, headed by the team's name.  The company's pipeline
-- waterfall of the last full quarter (waterfall.tsv, one row per bar, and
-- waterfall.gp, its title for chart.gp).  And per quarter the customers'
-- NRR, GRR and logo churn and the rep turnover (retention.tsv).  The
-- company's stage funnel (funnel.tsv, one row per stage and one for the won
-- deals, and funnel.gp, its title and size for chart.gp).  The leads per
-- quarter: conversions and median response (leads.tsv, leads.gp).
\set ON_ERROR_STOP on
\set QUIET on

CREATE TEMP VIEW closed_by_quarter AS
SELECT date_trunc('quarter', o.closed_at)::date AS quarter, r.team_id,
       deal_summary(o.won, o.amount, o.probability, o.created_at, o.closed_at) AS s
FROM crm.opportunities AS o JOIN crm.reps AS r USING (rep_id)
WHERE o.won IS NOT NULL
GROUP BY 1, 2;

CREATE TEMP VIEW forecast_by_quarter AS
SELECT date_trunc('quarter', m.month)::date AS quarter, m.team_id, rollup(m.s) AS s
FROM (SELECT f.month, r.team_id, forecast_error(f.forecast, f.actual) AS s
      FROM crm.forecasts AS f JOIN crm.reps AS r USING (rep_id)
      GROUP BY f.month, r.team_id) AS m
GROUP BY 1, 2;

-- one row per quarter, one column per team (percentages, 0.1 precision)
CREATE FUNCTION pg_temp.wide(source regclass, kpi text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    cols text;
BEGIN
    SELECT string_agg(format('round((100 * %s(rollup(s) FILTER (WHERE team_id = %s)))::numeric, 1) AS %I',
                             kpi, team_id, name), ', ' ORDER BY team_id)
    INTO cols FROM crm.teams;
    RETURN format('SELECT to_char(quarter, ''YYYY "Q"Q'') AS quarter, %s FROM (SELECT quarter, team_id, s FROM %s) AS x GROUP BY quarter ORDER BY quarter',
                  cols, source);
END $$;

SELECT pg_temp.wide('closed_by_quarter', 'win_rate') AS win_rate_q,
       pg_temp.wide('closed_by_quarter', 'value_win_rate') AS value_win_rate_q,
       pg_temp.wide('forecast_by_quarter', 'forecast_accuracy') AS accuracy_q
\gset
\set win_rate_file :out '/win_rate.tsv'
\set value_file :out '/value_win_rate.tsv'
\set accuracy_file :out '/forecast_accuracy.tsv'
COPY (:win_rate_q) TO STDOUT WITH (FORMAT csv, DELIMITER E'\t', HEADER) \g :win_rate_file
COPY (:value_win_rate_q) TO STDOUT WITH (FORMAT csv, DELIMITER E'\t', HEADER) \g :value_file
COPY (:accuracy_q) TO STDOUT WITH (FORMAT csv, DELIMITER E'\t', HEADER) \g :accuracy_file

-- The pipeline waterfall of the last full quarter, all teams: rollup() of
-- the team waterfalls of report.sql section 8 (the deals at midnight on the
-- quarter's first day and on the day after its last, from the deal
-- history).  One row per bar: the floating bar from lo to hi (millions),
-- kind 0 = start / end, 1 = inflow, 2 = outflow, the pipeline after it, and
-- the labels.
SELECT (date_trunc('quarter', (max(greatest(created_at, closed_at)) + 1)::timestamp) - interval '3 months')::date AS q0
FROM crm.opportunities \gset
SELECT (:'q0'::date + interval '3 months')::date AS q1, to_char(:'q0'::date, 'YYYY "Q"Q') AS q_label \gset

CREATE TEMP VIEW waterfall_company AS
WITH w AS (
    SELECT rollup(f) AS f
    FROM (SELECT pipeline_flow(s.won, s.amount, coalesce(s.closed_at, s.expected_close),
                               e.won, e.amount, coalesce(e.closed_at, e.expected_close),
                               coalesce(e.created_at, s.created_at),
                               daterange(:'q0', :'q1'), daterange(:'q0', :'q1')) AS f
          FROM (SELECT h.*, r.team_id FROM crm.opportunities_at(:'q0') AS h JOIN crm.reps AS r USING (rep_id)) AS s
          FULL JOIN (SELECT h.*, r.team_id FROM crm.opportunities_at(:'q1') AS h JOIN crm.reps AS r USING (rep_id)) AS e
               USING (opp_id, team_id)
          GROUP BY team_id) AS t),
c AS (
    SELECT c.*, coalesce(c.amount, 0) AS amt,
           sum(CASE WHEN c.bar = 'end' THEN 0 WHEN c.sign = 0 THEN 1 ELSE c.sign END * coalesce(c.amount, 0))
               OVER (ORDER BY c.ord) AS after
    FROM w, pipeline_changes(w.f) AS c)
SELECT ord, replace(bar, '_', ' ') AS bar,
       to_char(deals, 'FM999,999') || ' deals' AS deals,
       round(CASE WHEN sign = 0 THEN least(0, amt) ELSE least(after, after - sign * amt) END / 1e6, 4) AS lo,
       round(CASE WHEN sign = 0 THEN greatest(0, amt) ELSE greatest(after, after - sign * amt) END / 1e6, 4) AS hi,
       CASE sign WHEN 0 THEN 0 WHEN 1 THEN 1 ELSE 2 END AS kind,
       CASE WHEN sign = 0 THEN to_char(amt / 1e6, 'FM999,990.0') || ' M'
            ELSE CASE sign WHEN 1 THEN '+' ELSE '-' END || to_char(amt / 1e6, 'FM999,990.0') || ' M' END AS label,
       round(after / 1e6, 4) AS after
FROM c
ORDER BY ord;

\set waterfall_file :out '/waterfall.tsv'
\set waterfall_gp :out '/waterfall.gp'
COPY (SELECT * FROM waterfall_company) TO STDOUT WITH (FORMAT csv, DELIMITER E'\t', HEADER) \g :waterfall_file
COPY (SELECT format('waterfall_title = "Pipeline waterfall, %s, all teams: open deals dated in the quarter, %s to %s '
                    '(rollup of the team pipeline\_flow waterfalls, from the deal history)"',
                    :'q_label', :'q0', :'q1')) TO STDOUT \g :waterfall_gp

-- Customers and the sales team per quarter (report.sql section 9): NRR, GRR
-- and logo churn of the customers with MRR in the month before the quarter
-- (the cohort; NaN for the first quarter of the MRR table, which has no
-- month before it), and the company's rep turnover (percentages, 0.1
-- precision).
\set retention_file :out '/retention.tsv'
COPY (
    WITH q AS (
        SELECT g::date AS p0, (g + interval '3 months')::date AS p1
        FROM generate_series((SELECT date_trunc('quarter', min(month)) FROM crm.mrr),
                             (SELECT date_trunc('quarter', max(month)) FROM crm.mrr), interval '3 months') AS g),
    c AS (
        SELECT q.p0, q.p1, m.account_id,
               coalesce(sum(m.mrr) FILTER (WHERE m.month = (q.p0 - interval '1 month')::date), 0) AS s,
               coalesce(sum(m.mrr) FILTER (WHERE m.month = (q.p1 - interval '1 month')::date), 0) AS e
        FROM q JOIN crm.mrr AS m ON m.month IN ((q.p0 - interval '1 month')::date, (q.p1 - interval '1 month')::date)
        GROUP BY q.p0, q.p1, m.account_id),
    r AS (
        SELECT p0,
               churn_rate(s > 0, e = 0) AS churn,
               net_revenue_retention(s, greatest(e - s, 0), CASE WHEN e > 0 THEN greatest(s - e, 0) ELSE 0 END,
                                     CASE WHEN e = 0 THEN s ELSE 0 END) FILTER (WHERE s > 0) AS nrr,
               gross_revenue_retention(s, greatest(e - s, 0), CASE WHEN e > 0 THEN greatest(s - e, 0) ELSE 0 END,
                                       CASE WHEN e = 0 THEN s ELSE 0 END) FILTER (WHERE s > 0) AS grr
        FROM c GROUP BY p0),
    t AS (
        SELECT q.p0, rep_turnover(s.hired_on, s.left_on, daterange(q.p0, q.p1)) AS turnover
        FROM q CROSS JOIN crm.rep_spells AS s GROUP BY q.p0, q.p1)
    SELECT to_char(q.p0, 'YYYY "Q"Q') AS quarter,
           round((100 * r.nrr)::numeric, 1) AS "NRR", round((100 * r.grr)::numeric, 1) AS "GRR",
           round((100 * r.churn)::numeric, 1) AS "logo churn",
           round((100 * t.turnover)::numeric, 1) AS "rep turnover"
    FROM q LEFT JOIN r USING (p0) JOIN t USING (p0)
    ORDER BY q.p0
) TO STDOUT WITH (FORMAT csv, DELIMITER E'\t', HEADER, NULL 'NaN') \g :retention_file

-- The company's stage funnel (report.sql section 11): the deals created
-- since the deal history began, by the highest open stage they reached,
-- rollup() of the team stage_funnel summaries.  One row per stage and a last
-- one for the won deals: the segments of a bar centered on 0 (advanced, open,
-- dropped; they add up to reached), kind 0 = stage, 1 = won, and the labels
-- (conversion = advanced / (advanced + dropped), pass = advanced / reached).
SELECT min(valid_from)::date AS history_start FROM crm.opportunity_history \gset
SELECT count(*) AS n_stages, array_agg(stage ORDER BY sort_order)::text AS stage_names
FROM crm.stages WHERE NOT is_closed \gset
CREATE TEMP VIEW funnel_company AS
WITH d AS (
    SELECT v.opp_id, r.team_id, o.won, max(v.k) AS highest
    FROM crm.opportunity_stage_visits AS v
    JOIN crm.opportunities AS o USING (opp_id)
    JOIN crm.reps AS r ON r.rep_id = o.rep_id
    WHERE o.created_at >= :'history_start'
    GROUP BY v.opp_id, r.team_id, o.won),
f AS (
    SELECT rollup(f) AS f
    FROM (SELECT team_id, stage_funnel(highest, won, :n_stages) AS f FROM d GROUP BY team_id) AS t),
r AS (
    SELECT ft.stage AS ord, ft.stage || ' ' || (:'stage_names'::text[])[ft.stage] AS name, 0 AS kind,
           ft.reached, ft.advanced, ft.open, ft.dropped,
           to_char(ft.reached, 'FM999,999') || ' reached:  conversion '
               || to_char(100 * ft.conversion, 'FM990.0') || ' %,  pass ' || to_char(100 * ft.pass_rate, 'FM990.0') || ' %'
               AS label
    FROM f, stage_funnel_table(f.f) AS ft
    UNION ALL
    SELECT :n_stages + 1, 'Closed Won', 1, stage_advanced(f, :n_stages), stage_advanced(f, :n_stages), 0, 0,
           to_char(stage_advanced(f, :n_stages), 'FM999,999') || ' won:  '
               || to_char(100.0 * stage_advanced(f, :n_stages) / stage_reached(f, 1), 'FM990.0')
               || ' % of stage 1 (the pass rates multiplied)'
    FROM f)
SELECT ord, name, kind, reached, advanced, open, dropped,
       round(-reached / 2.0, 1) AS adv_lo, round(-reached / 2.0 + advanced, 1) AS adv_hi,
       round(-reached / 2.0 + advanced + open, 1) AS open_hi, round(reached / 2.0, 1) AS dropped_hi,
       label
FROM r ORDER BY ord;

\set funnel_file :out '/funnel.tsv'
\set funnel_gp :out '/funnel.gp'
COPY (SELECT * FROM funnel_company) TO STDOUT WITH (FORMAT csv, DELIMITER E'\t', HEADER) \g :funnel_file
COPY (SELECT format('funnel_title = "Stage funnel, all teams: the deals created since %s by the highest stage reached '
                    '(rollup of the team stage\_funnel summaries, from the deal history)"', :'history_start')
      UNION ALL
      SELECT format('funnel_max = %s; funnel_rows = %s', max(reached), count(*)) FROM funnel_company) TO STDOUT \g :funnel_gp

-- The leads per quarter (report.sql section 12), all teams: the cohort of
-- the leads created in the quarter (Europe/Berlin), rollup() of the team
-- lead_summary summaries: lead -> opportunity and lead -> customer
-- (percentages, 0.1), and the median response in hours, on the clock and in
-- business hours (kpi.business_hours through the interval form; 0.01).
\set leads_file :out '/leads.tsv'
\set leads_gp :out '/leads.gp'
CREATE TEMP VIEW leads_by_quarter AS
WITH l AS (
    SELECT r.team_id, l.created_at, f.first_touch_at,
           date_trunc('quarter', l.created_at AT TIME ZONE 'Europe/Berlin')::date AS quarter,
           l.is_converted AND l.converted_opportunity_id IS NOT NULL AS opportunity,
           coalesce(o.won, false) AS customer,
           CASE WHEN l.lead_source IN ('Web', 'Webinar', 'Trade show') THEN true
                WHEN l.lead_source = 'Outbound' THEN false END AS marketing_sourced
    FROM crm.leads AS l
    JOIN crm.reps AS r ON r.rep_id = l.owner_rep_id
    LEFT JOIN (SELECT who_id, min(created_at) AS first_touch_at FROM crm.lead_activities
               WHERE NOT created_by_automation GROUP BY who_id) AS f ON f.who_id = l.id
    LEFT JOIN crm.opportunities AS o ON o.opp_id = l.converted_opportunity_id),
t AS (
    SELECT quarter, team_id,
           lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS w,
           lead_summary(CASE WHEN first_touch_at < created_at THEN first_touch_at - created_at
                             ELSE kpi.business_hours(created_at, first_touch_at) END,
                        opportunity, customer, marketing_sourced) AS b
    FROM l GROUP BY quarter, team_id)
SELECT to_char(quarter, 'YYYY "Q"Q') AS quarter,
       lead_count(rollup(w)) AS leads,
       round((100 * lead_to_opportunity(rollup(w)))::numeric, 1) AS "lead to opportunity",
       round((100 * lead_to_customer(rollup(w)))::numeric, 1) AS "lead to customer",
       round(response_time_median(rollup(w))::numeric, 2) AS "median response h",
       round(response_time_median(rollup(b))::numeric, 2) AS "median response h, business"
FROM t GROUP BY quarter ORDER BY quarter;
COPY (SELECT * FROM leads_by_quarter) TO STDOUT WITH (FORMAT csv, DELIMITER E'\t', HEADER) \g :leads_file
COPY (SELECT format('leads_title = "Leads per quarter, all teams, %s leads: cohort conversions (left), median response (right); '
                    'rollup of the team lead\_summary summaries"', to_char(sum(leads), 'FM999,999'))
      FROM leads_by_quarter
      UNION ALL
      SELECT format('leads_rows = %s', count(*)) FROM leads_by_quarter) TO STDOUT \g :leads_gp
