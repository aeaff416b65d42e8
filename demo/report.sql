-- demo/report.sql: a sales KPI report over schema "crm", computed with the
-- salesops aggregates.  Run it with psql on a database that has the
-- extension and the demo data (demo/run.sh does all of it):
--     psql -X -f demo/report.sql
--
-- Every section reads the KPI columns from two lists, pipeline_kpis and
-- closed_kpis, defined once below: to add a KPI, add one line there.
-- Quota attainment has its own section: it is computed per rep and fiscal
-- quarter, not per deal.

\set ON_ERROR_STOP on
\set QUIET on
\pset pager off
\pset footer off
\pset null '-'
\pset numericlocale on

-- The company's fiscal year starts on 1 February (FY2026 = February 2025 to
-- January 2026, named by the calendar year in which it ends).
\set fy_start_month 2

-- The data set's "as of" date (the last day anything happened) and the last
-- full quarter before it.  Derived from the data, so the report is the same
-- on every run.
SELECT max(greatest(created_at, closed_at)) AS as_of,
       (date_trunc('quarter', (max(greatest(created_at, closed_at)) + 1)::timestamp)
           - interval '3 months')::date AS last_q_start
FROM crm.opportunities \gset
SELECT to_char(:'last_q_start'::date, 'YYYY "Q"Q') AS last_q,
       (:'last_q_start'::date + interval '2 months')::date AS last_q_month3,
       (:'last_q_start'::date + interval '3 months')::date AS last_q_end
\gset

-- One row per opportunity with the dimensions the report groups by.
-- A deal counts in one quarter: a closed deal in the quarter of closed_at,
-- an open deal in the quarter of expected_close (past quarters then show
-- open deals whose close date has slipped by).
CREATE TEMP VIEW deals AS
SELECT o.*,
       r.name AS rep, t.team_id, t.name AS team, t.region,
       date_trunc('quarter', coalesce(o.closed_at, o.expected_close)::timestamp)::date AS quarter
FROM crm.opportunities AS o
JOIN crm.reps AS r USING (rep_id)
JOIN crm.teams AS t ON t.team_id = r.team_id;

-- The KPI columns.  Ratios are float8 fractions: shown here as percentages
-- rounded to 0.1; money rounded to whole units for display.
SELECT $kpis$
    count(*) FILTER (WHERE won IS NULL)                                        AS "open",
    round(weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL))  AS "weighted pipeline"
$kpis$ AS pipeline_kpis,
$kpis$
    count(won)                                                AS "closed",
    count(*) FILTER (WHERE won)                               AS "won",
    round((100 * win_rate(won))::numeric, 1)                  AS "win %",
    round((100 * value_win_rate(won, amount))::numeric, 1)    AS "value win %",
    round(sum(amount) FILTER (WHERE won))                     AS "won amount",
    round(avg_deal_size(deal_summary(won, amount, probability, created_at, closed_at))) AS "avg deal",
    median_sales_cycle(created_at, closed_at) FILTER (WHERE won) AS "median cycle (d)"
$kpis$ AS closed_kpis
\gset

------------------------------------------------------------------------------
\echo
\echo '================================================================================'
\echo ' salesops demo: sales KPI report'
\echo '================================================================================'
\echo
\echo '1. Data set'
\echo '-----------'
SELECT :'as_of'::date AS "as of",
       (SELECT count(*) FROM crm.teams) AS teams,
       (SELECT count(*) FROM crm.reps) AS reps,
       (SELECT count(*) FROM crm.accounts) AS accounts,
       count(*) AS opportunities,
       count(*) FILTER (WHERE won IS NULL) AS open,
       count(*) FILTER (WHERE won) AS won,
       count(*) FILTER (WHERE NOT won) AS lost,
       count(*) FILTER (WHERE amount < 0) AS "amount < 0",
       (SELECT count(*) FROM crm.quotas) AS "quota rows",
       (SELECT count(*) FROM crm.forecasts) AS "forecast rows"
FROM crm.opportunities;

------------------------------------------------------------------------------
\echo
\echo '2. KPIs per team and quarter'
\echo '----------------------------'
\echo 'Closed deals count in the quarter of closed_at, open deals in the quarter of'
\echo 'expected_close (in a past quarter: deals whose close date has slipped).'
\echo 'open, closed, won: deal counts; weighted pipeline: weighted_pipeline(amount,'
\echo 'probability) of the open deals; win %: win_rate(won); value win %:'
\echo 'value_win_rate(won, amount); won amount: sum of won deals (credit notes netted).'
\echo
SELECT CASE WHEN row_number() OVER (PARTITION BY d.team_id
                                    ORDER BY grouping(d.quarter), d.quarter) = 1
            THEN d.team ELSE '' END AS team,
       CASE WHEN grouping(d.quarter) = 1 THEN 'all' ELSE to_char(d.quarter, 'YYYY "Q"Q') END AS quarter,
       :pipeline_kpis,
       :closed_kpis
FROM deals AS d
GROUP BY GROUPING SETS ((d.team_id, d.team, d.quarter), (d.team_id, d.team))
ORDER BY d.team_id, grouping(d.quarter), d.quarter;

------------------------------------------------------------------------------
\echo
\echo '3. Reps by win rate in the last full quarter,' :last_q
\echo '-----------------------------------------------------'
\echo 'Deals closed in that quarter; reps with at least 5 closed deals are ranked.'
SELECT count(*) FILTER (WHERE closed >= 5) AS ranked, count(*) AS reps
FROM (SELECT r.rep_id, count(d.won) AS closed
      FROM crm.reps AS r
      LEFT JOIN deals AS d
             ON d.rep_id = r.rep_id AND d.closed_at >= :'last_q_start' AND d.closed_at < :'last_q_end'
      GROUP BY r.rep_id) AS c \gset
\echo 'Reps ranked:' :ranked 'of' :reps
\echo
\echo 'Top 5'
SELECT row_number() OVER (ORDER BY win_rate(won) DESC, value_win_rate(won, amount) DESC, rep) AS "#",
       rep, team,
       :closed_kpis
FROM deals
WHERE closed_at >= :'last_q_start' AND closed_at < :'last_q_end'
GROUP BY rep_id, rep, team
HAVING count(won) >= 5
ORDER BY 1
LIMIT 5;

\echo 'Bottom 5 (lowest first)'
SELECT row_number() OVER (ORDER BY win_rate(won) DESC, value_win_rate(won, amount) DESC, rep) AS "#",
       rep, team,
       :closed_kpis
FROM deals
WHERE closed_at >= :'last_q_start' AND closed_at < :'last_q_end'
GROUP BY rep_id, rep, team
HAVING count(won) >= 5
ORDER BY 1 DESC
LIMIT 5;

------------------------------------------------------------------------------
\echo
\echo '4. Company total per quarter'
\echo '----------------------------'
SELECT CASE WHEN grouping(d.quarter) = 1 THEN 'all' ELSE to_char(d.quarter, 'YYYY "Q"Q') END AS quarter,
       :pipeline_kpis,
       :closed_kpis
FROM deals AS d
GROUP BY ROLLUP (d.quarter)
ORDER BY grouping(d.quarter), d.quarter;

------------------------------------------------------------------------------
\echo
\echo '5. Deal summary per team: stored daily summaries, rolled up'
\echo '-----------------------------------------------------------'
\echo 'One deal_summary per team and day (closed deals by closed_at, open deals by'
\echo 'created_at) is stored once; rollup() merges them into each team with the same'
\echo 'result as summarizing the raw deals.  Cycle: days from created to closed of'
\echo 'won deals (exact median and 90th percentile); velocity: open deals x win rate'
\echo 'x average deal size / average cycle, in money per day.'
\echo
CREATE TEMP TABLE deal_daily AS
SELECT team_id, coalesce(closed_at, created_at) AS day,
       deal_summary(won, amount, probability, created_at, closed_at) AS summary
FROM deals GROUP BY team_id, coalesce(closed_at, created_at);
SELECT t.name AS team,
       open_deals(s) AS open, won_deals(s) AS won, lost_deals(s) AS lost,
       round((100 * win_rate(s))::numeric, 1) AS "win %",
       round(avg_deal_size(s)) AS "avg deal",
       round(avg_sales_cycle(s)::numeric, 1) AS "avg cycle (d)",
       median_sales_cycle(s) AS "median (d)",
       round(sales_cycle_percentile(s, 0.9)::numeric, 1) AS "p90 (d)",
       round(weighted_pipeline(s)) AS "weighted pipeline",
       round(sales_velocity(s)::numeric) AS "velocity / day"
FROM (SELECT team_id, rollup(summary) AS s FROM deal_daily GROUP BY team_id) AS r
JOIN crm.teams AS t USING (team_id)
ORDER BY team_id;
SELECT pg_size_pretty(sum(pg_column_size(summary))) AS "stored summaries", count(*) AS rows,
       round(avg(pg_column_size(summary))) AS "avg bytes"
FROM deal_daily;

------------------------------------------------------------------------------
\echo
\echo '6. Forecast accuracy per team and quarter'
\echo '-----------------------------------------'
\echo 'From the monthly forecast lines per rep (crm.forecasts).  The summaries are'
\echo 'built once per rep and month, stored, and rolled up to team x quarter with'
\echo 'rollup(), which gives the same figures as aggregating the raw lines.'
\echo 'WAPE = sum |forecast - actual| / sum |actual| (the headline measure);'
\echo 'accuracy = 1 - WAPE; MAPE leaves out months with actual = 0 (counted);'
\echo 'bias = mean(forecast - actual) per rep-month: positive = over-forecast.'
\echo
CREATE TEMP TABLE forecast_monthly AS
SELECT f.rep_id, r.team_id, f.month, forecast_error(f.forecast, f.actual) AS summary
FROM crm.forecasts AS f JOIN crm.reps AS r USING (rep_id)
GROUP BY f.rep_id, r.team_id, f.month;
SELECT CASE WHEN row_number() OVER (PARTITION BY m.team_id ORDER BY grouping(m.quarter), m.quarter) = 1
            THEN t.name ELSE '' END AS team,
       CASE WHEN grouping(m.quarter) = 1 THEN 'all' ELSE to_char(m.quarter, 'YYYY "Q"Q') END AS quarter,
       forecast_count(rollup(m.summary)) AS "rep-months",
       round(mae(rollup(m.summary))) AS mae,
       round((100 * wape(rollup(m.summary)))::numeric, 1) AS "wape %",
       round((100 * forecast_accuracy(rollup(m.summary)))::numeric, 1) AS "accuracy %",
       round((100 * mape(rollup(m.summary)))::numeric, 1) AS "mape %",
       zero_actuals(rollup(m.summary)) AS "zero actuals",
       round(bias(rollup(m.summary))) AS bias
FROM (SELECT team_id, date_trunc('quarter', month)::date AS quarter, summary FROM forecast_monthly) AS m
JOIN crm.teams AS t USING (team_id)
GROUP BY GROUPING SETS ((m.team_id, t.name, m.quarter), (m.team_id, t.name))
ORDER BY m.team_id, grouping(m.quarter), m.quarter;

------------------------------------------------------------------------------
\echo
\echo '7. Quota attainment per team and fiscal quarter'
\echo '-----------------------------------------------'
\echo 'Fiscal year from 1 February; complete fiscal quarters of the quota data.  One row'
\echo 'per rep and fiscal quarter: the sum of the rep''s monthly quotas against the won'
\echo 'deals closed in the quarter (credit notes netted).  A rep with a quota and no won'
\echo 'deal counts as 0 %; a rep-quarter with quota 0 (hired in its last month) adds its'
\echo 'bookings to the team but is not rated ("quota 0").  The summaries are built once'
\echo 'per rep and quarter, stored, and rolled up to team x quarter with rollup().'
\echo 'attainment % = sum achieved / sum quota; reps = rep-quarters with quota > 0;'
\echo '% at quota, % at 80 % = share of them at 100 %, 80 % of quota; median % of achieved / quota.'
\echo 'The data set starts in January 2024: in FY2025 Q1 the young pipeline closes few deals.'
\echo
-- One row per rep and fiscal quarter, driven from the quotas: the LEFT JOIN
-- and COALESCE keep the reps with a quota and no won deal (as 0 %).
CREATE TEMP TABLE rep_quarters AS
SELECT q.rep_id, r.team_id, q.quarter, coalesce(b.achieved, 0) AS achieved, q.quota
FROM (SELECT rep_id, fiscal_quarter(month, :fy_start_month) AS quarter, sum(quota) AS quota
      FROM crm.quotas GROUP BY 1, 2) AS q
JOIN crm.reps AS r USING (rep_id)
LEFT JOIN (SELECT rep_id, fiscal_quarter(closed_at, :fy_start_month) AS quarter, sum(amount) AS achieved
           FROM crm.opportunities WHERE won GROUP BY 1, 2) AS b USING (rep_id, quarter)
WHERE q.quarter >= (SELECT min(month) FROM crm.quotas)
  AND q.quarter + interval '3 months' <= (SELECT max(month) FROM crm.quotas) + interval '1 month';
CREATE TEMP TABLE attainment_quarterly AS
SELECT rep_id, team_id, quarter, attainment(achieved, quota) AS summary
FROM rep_quarters GROUP BY rep_id, team_id, quarter;
SELECT CASE WHEN row_number() OVER (PARTITION BY grouping(m.team_id), m.team_id ORDER BY m.quarter) > 1 THEN ''
            WHEN grouping(m.team_id) = 1 THEN 'all teams' ELSE t.name END AS team,
       fiscal_quarter_label(m.quarter, :fy_start_month) AS quarter,
       reps(rollup(m.summary)) AS reps,
       zero_quotas(rollup(m.summary)) AS "quota 0",
       reps_at_quota(rollup(m.summary)) AS "at quota",
       round((100 * quota_attainment(rollup(m.summary)))::numeric, 1) AS "attainment %",
       round((100 * pct_at_quota(rollup(m.summary)))::numeric, 1) AS "% at quota",
       round((100 * pct_at_quota(rollup(m.summary), 0.8))::numeric, 1) AS "% at 80 %",
       round((100 * median_attainment(rollup(m.summary)))::numeric, 1) AS "median %"
FROM attainment_quarterly AS m
JOIN crm.teams AS t USING (team_id)
GROUP BY GROUPING SETS ((m.team_id, t.name, m.quarter), (m.quarter))
ORDER BY grouping(m.team_id), m.team_id, m.quarter;

------------------------------------------------------------------------------
\echo
\echo '8. Pipeline waterfall per team,' :last_q
\echo '----------------------------------------'
\echo 'The open deals with an amount and a close date in the quarter, at midnight on'
\echo :last_q_start '(start) and on' :last_q_end '(end), from the deal history'
\echo '(crm.opportunities_at): one pipeline_flow per team over a FULL JOIN of the two'
\echo 'snapshots on the deal and its team, read with pipeline_changes(); all teams ='
\echo 'rollup() of the six.  new: created in the quarter; pulled in: dated after the'
\echo 'quarter at the start; added: reopened, moved in from another team, or amount'
\echo 'filled in; increased / decreased: amount changes of deals that stayed or were'
\echo 'won (those deals are not counted in or out); pushed out: dated after the quarter'
\echo 'at the end; removed: deleted, or moved to another team; end: still open and'
\echo 'dated in the quarter (overdue).  pipeline after: start plus the bars so far.'
\echo
-- the waterfall of each team between two instants, target the quarter's close dates
CREATE FUNCTION pg_temp.team_waterfalls(t0 date, t1 date, target daterange)
RETURNS TABLE (team_id integer, f pipeline_flow)
LANGUAGE sql STABLE AS $$
    SELECT team_id,
           pipeline_flow(s.won, s.amount, coalesce(s.closed_at, s.expected_close),
                         e.won, e.amount, coalesce(e.closed_at, e.expected_close),
                         coalesce(e.created_at, s.created_at), daterange(t0, t1), target)
    FROM (SELECT h.*, r.team_id FROM crm.opportunities_at(t0) AS h JOIN crm.reps AS r USING (rep_id)) AS s
    FULL JOIN (SELECT h.*, r.team_id FROM crm.opportunities_at(t1) AS h JOIN crm.reps AS r USING (rep_id)) AS e
         USING (opp_id, team_id)
    GROUP BY team_id
$$;
CREATE TEMP TABLE waterfall AS
SELECT * FROM pg_temp.team_waterfalls(:'last_q_start', :'last_q_end', daterange(:'last_q_start', :'last_q_end'));
CREATE TEMP VIEW waterfall_bars AS
SELECT w.team_id, coalesce(t.name, 'all teams') AS team, c.*,
       sum(CASE WHEN c.bar = 'end' THEN 0 WHEN c.sign = 0 THEN 1 ELSE c.sign END * coalesce(c.amount, 0))
           OVER (PARTITION BY w.team_id ORDER BY c.ord) AS level
FROM (SELECT team_id, f FROM waterfall
      UNION ALL
      SELECT NULL, rollup(f) FROM waterfall) AS w
LEFT JOIN crm.teams AS t USING (team_id)
CROSS JOIN LATERAL pipeline_changes(w.f) AS c;
SELECT CASE WHEN ord = 1 THEN team ELSE '' END AS team,
       replace(bar, '_', ' ') AS bar,
       CASE sign WHEN 1 THEN '+' WHEN -1 THEN '-' ELSE '' END AS "+/-",
       deals,
       round(amount) AS amount,
       CASE WHEN bar NOT IN ('start', 'end') THEN round(level) END AS "pipeline after"
FROM waterfall_bars
ORDER BY team_id NULLS LAST, ord;
\echo
\echo 'Check: the bars balance (start + inflows - outflows - end, exact amounts and deals)'
SELECT team AS waterfall,
       trim_scale(sum(CASE WHEN bar = 'end' THEN -1 WHEN sign = 0 THEN 1 ELSE sign END * coalesce(amount, 0)))
           AS "start + in - out - end",
       sum(CASE WHEN bar IN ('increased', 'decreased') THEN 0 WHEN bar = 'end' THEN -1 WHEN sign = 0 THEN 1 ELSE sign END
           * deals) AS "deals: start + in - out - end"
FROM waterfall_bars
GROUP BY team_id, team
ORDER BY team_id NULLS LAST;
\echo
\echo 'Pipeline coverage against the quarter''s quota (the reps'' monthly quotas).  At the'
\echo 'start: pipeline / quota.  Month 3: with a month left, on' :last_q_month3
\echo 'pipeline_coverage() of the waterfall to that day, the pipeline then over the quota'
\echo 'not yet won (NULL once the quota is met).  won % of quota: the whole quarter.'
SELECT coalesce(t.name, 'all teams') AS team,
       round(q.quota) AS quota,
       round(flow_amount(x.f, 'start')) AS "pipeline at start",
       round(pipeline_coverage(flow_amount(x.f, 'start'), q.quota)::numeric, 2) AS "coverage at start",
       round(flow_amount(m.f, 'won')) AS "won to month 3",
       round(flow_amount(m.f, 'end')) AS "pipeline at month 3",
       round(pipeline_coverage(m.f, q.quota)::numeric, 2) AS "coverage at month 3",
       round((100 * flow_amount(x.f, 'won') / q.quota)::numeric, 1) AS "won % of quota"
FROM (SELECT team_id, f FROM waterfall
      UNION ALL
      SELECT NULL, rollup(f) FROM waterfall) AS x
JOIN (SELECT team_id, f
      FROM pg_temp.team_waterfalls(:'last_q_start', :'last_q_month3', daterange(:'last_q_start', :'last_q_end'))
      UNION ALL
      SELECT NULL, rollup(f)
      FROM pg_temp.team_waterfalls(:'last_q_start', :'last_q_month3', daterange(:'last_q_start', :'last_q_end'))) AS m
     ON m.team_id IS NOT DISTINCT FROM x.team_id
JOIN (SELECT r.team_id, sum(q.quota) AS quota
      FROM crm.quotas AS q JOIN crm.reps AS r USING (rep_id)
      WHERE q.month >= :'last_q_start' AND q.month < :'last_q_end'
      GROUP BY ROLLUP (r.team_id)) AS q ON q.team_id IS NOT DISTINCT FROM x.team_id
LEFT JOIN crm.teams AS t ON t.team_id = x.team_id
ORDER BY x.team_id NULLS LAST;

------------------------------------------------------------------------------
-- the quarters of the data set's last year, and the year, each with the
-- period before it (for the magic number)
SELECT date_trunc('year', :'as_of'::date)::date AS year_start, extract(year FROM :'as_of'::date) AS year \gset
\echo
\echo '9. Customers and unit economics,' :year
\echo '-------------------------------------'
\echo 'Customers: the accounts with MRR in billing (crm.mrr), the installed base since'
\echo 'before 2024 and each account from the month of its first won deal.  Per quarter'
\echo '(and the year), the cohort is the customers with MRR in the month before it; their'
\echo 'MRR in its last month splits the change into expansion, contraction and churn (no'
\echo 'MRR then).  churn %: churn_rate(active_at_start, churned); NRR %, GRR %:'
\echo 'net_revenue_retention and gross_revenue_retention(start, expansion, contraction,'
\echo 'churned MRR) over the cohort.  new: customers whose first MRR month is in the period'
\echo '(outside the cohort: a customer won and lost in the same quarter is not churn),'
\echo 'new MRR their first month''s.'
\echo
CREATE TEMP TABLE periods AS
SELECT to_char(p0, 'YYYY "Q"Q') AS period, p0::date, (p0 + interval '3 months')::date AS p1, 3 AS months,
       (p0 - interval '3 months')::date AS prev_p0, 4 AS annualize
FROM generate_series(:'year_start'::timestamp, :'year_start'::timestamp + interval '9 months', interval '3 months') AS g(p0)
UNION ALL
SELECT :'year', :'year_start', (:'year_start'::date + interval '1 year')::date, 12,
       (:'year_start'::date - interval '1 year')::date, 1;
-- each customer's MRR in the month before the period and in its last month,
-- and the moves of the doc's recipe (doc/customers-and-unit-economics.md)
CREATE TEMP TABLE customer_moves AS
SELECT p.period, c.account_id, c.start_mrr, c.end_mrr,
       c.start_mrr > 0 AS active_at_start, c.end_mrr = 0 AS churned,
       greatest(c.end_mrr - c.start_mrr, 0) AS expansion,
       CASE WHEN c.end_mrr > 0 THEN greatest(c.start_mrr - c.end_mrr, 0) ELSE 0 END AS contraction,
       CASE WHEN c.end_mrr = 0 THEN c.start_mrr ELSE 0 END AS churned_mrr
FROM periods AS p
CROSS JOIN LATERAL (
    SELECT m.account_id,
           coalesce(sum(m.mrr) FILTER (WHERE m.month = (p.p0 - interval '1 month')::date), 0) AS start_mrr,
           coalesce(sum(m.mrr) FILTER (WHERE m.month = (p.p1 - interval '1 month')::date), 0) AS end_mrr
    FROM crm.mrr AS m
    WHERE m.month IN ((p.p0 - interval '1 month')::date, (p.p1 - interval '1 month')::date)
    GROUP BY m.account_id) AS c;
-- new customers: the first month each account paid for
CREATE TEMP TABLE customer_first AS
SELECT DISTINCT ON (account_id) account_id, month AS first_month, mrr AS first_mrr
FROM crm.mrr ORDER BY account_id, month;
CREATE TEMP TABLE retention AS
SELECT p.period, p.p0, p.months,
       count(*) FILTER (WHERE m.active_at_start) AS cohort,
       count(*) FILTER (WHERE m.active_at_start AND m.churned) AS churned,
       churn_rate(m.active_at_start, m.churned) AS churn,
       sum(m.start_mrr) FILTER (WHERE m.active_at_start) AS start_mrr,
       sum(m.expansion) FILTER (WHERE m.active_at_start) AS expansion,
       sum(m.contraction) FILTER (WHERE m.active_at_start) AS contraction,
       sum(m.churned_mrr) FILTER (WHERE m.active_at_start) AS churned_mrr,
       net_revenue_retention(m.start_mrr, m.expansion, m.contraction, m.churned_mrr)
           FILTER (WHERE m.active_at_start) AS nrr,
       gross_revenue_retention(m.start_mrr, m.expansion, m.contraction, m.churned_mrr)
           FILTER (WHERE m.active_at_start) AS grr,
       (SELECT count(*) FROM customer_first AS f WHERE f.first_month >= p.p0 AND f.first_month < p.p1) AS new_customers,
       (SELECT coalesce(sum(f.first_mrr), 0) FROM customer_first AS f
        WHERE f.first_month >= p.p0 AND f.first_month < p.p1) AS new_mrr
FROM periods AS p JOIN customer_moves AS m USING (period)
GROUP BY p.period, p.p0, p.p1, p.months;
SELECT period AS quarter, cohort AS "customers at start", churned,
       round((100 * churn)::numeric, 1) AS "churn %",
       round(start_mrr) AS "starting MRR", round(expansion) AS expansion, round(contraction) AS contraction,
       round(churned_mrr) AS "churned MRR",
       round((100 * nrr)::numeric, 1) AS "NRR %", round((100 * grr)::numeric, 1) AS "GRR %",
       new_customers AS new, round(new_mrr) AS "new MRR"
FROM retention ORDER BY months, p0;
\echo
\echo 'Unit economics: spend = sales and marketing spend (crm.sm_spend); CAC = cac(spend,'
\echo 'new customers); payback = cac_payback_months(spend, new MRR, gross margin 0.8);'
\echo 'ARPA = MRR / customers in the period''s last month; LTV = ltv(ARPA, 0.8, monthly'
\echo 'churn), monthly churn = the period''s churn / its months; recurring revenue = the'
\echo 'MRR of the period''s months; magic number = magic_number(recurring revenue, the'
\echo 'previous period''s, its spend, annualize 4 for a quarter, 1 for the year); sales'
\echo 'efficiency = sales_efficiency(new ARR = 12 x new MRR, spend).'
\echo
CREATE TEMP TABLE unit_economics AS
SELECT p.period, p.p0, p.months,
       (SELECT sum(sales + marketing) FROM crm.sm_spend WHERE quarter >= p.p0 AND quarter < p.p1) AS spend,
       (SELECT sum(sales + marketing) FROM crm.sm_spend WHERE quarter >= p.prev_p0 AND quarter < p.p0) AS prev_spend,
       (SELECT sum(mrr) FROM crm.mrr WHERE month >= p.p0 AND month < p.p1) AS revenue,
       (SELECT sum(mrr) FROM crm.mrr WHERE month >= p.prev_p0 AND month < p.p0) AS prev_revenue,
       (SELECT sum(mrr) / count(*) FROM crm.mrr WHERE month = (p.p1 - interval '1 month')::date) AS arpa,
       p.annualize, r.new_customers, r.new_mrr, r.churn
FROM periods AS p JOIN retention AS r USING (period);
SELECT period AS quarter, round(spend) AS spend, new_customers AS new, round(new_mrr) AS "new MRR",
       round(cac(spend, new_customers)) AS cac,
       round(cac_payback_months(spend, new_mrr, 0.8)::numeric, 1) AS "payback (months)",
       round(arpa) AS arpa,
       round(ltv(arpa, 0.8, churn / months)::numeric) AS ltv,
       round((ltv(arpa, 0.8, churn / months) / cac(spend, new_customers))::numeric, 2) AS "LTV:CAC",
       round(revenue) AS "recurring revenue",
       round(magic_number(revenue, prev_revenue, prev_spend, annualize)::numeric, 2) AS "magic number",
       round(12 * new_mrr) AS "new ARR",
       round(sales_efficiency(12 * new_mrr, spend)::numeric, 2) AS "sales efficiency"
FROM unit_economics ORDER BY months, p0;
\echo
\echo 'Rep turnover per team (the roster''s spells, crm.rep_spells; the leavers'' deals went'
\echo 'to their successors): avg headcount = avg_headcount(hired_on, left_on, period),'
\echo 'rep-days / days; left: spells whose last day (left_on) is in the period; turnover %'
\echo '= rep_turnover(hired_on, left_on, period), left / avg headcount, per quarter (not'
\echo 'annualized) and for the year; voluntary % = rep_turnover(hired_on, left_on,'
\echo 'voluntary, period): resignations only, every spell in the headcount.'
\echo
SELECT CASE WHEN row_number() OVER (PARTITION BY grouping(t.team_id), t.team_id ORDER BY p.months, p.p0) > 1 THEN ''
            WHEN grouping(t.team_id) = 1 THEN 'all teams' ELSE t.name END AS team,
       p.period AS quarter,
       round(avg_headcount(s.hired_on, s.left_on, daterange(p.p0, p.p1))::numeric, 2) AS "avg headcount",
       count(*) FILTER (WHERE s.hired_on >= p.p0 AND s.hired_on < p.p1) AS hired,
       count(*) FILTER (WHERE s.left_on >= p.p0 AND s.left_on < p.p1) AS "left",
       count(*) FILTER (WHERE s.left_on >= p.p0 AND s.left_on < p.p1 AND s.voluntary) AS resigned,
       round((100 * rep_turnover(s.hired_on, s.left_on, daterange(p.p0, p.p1)))::numeric, 1) AS "turnover %",
       round((100 * rep_turnover(s.hired_on, s.left_on, s.voluntary, daterange(p.p0, p.p1)))::numeric, 1)
           AS "voluntary %"
FROM crm.rep_spells AS s
JOIN crm.teams AS t USING (team_id)
CROSS JOIN periods AS p
GROUP BY GROUPING SETS ((t.team_id, t.name, p.period, p.p0, p.p1, p.months), (p.period, p.p0, p.p1, p.months))
ORDER BY grouping(t.team_id), t.team_id, p.months, p.p0;
\echo
\echo 'Check for' :last_q 'in plain SQL: NRR and GRR against the cohort''s MRR (sum of ending'
\echo '/ sum of starting MRR; sum of least(start, end) / sum of starting), rep turnover against'
\echo 'separations x days / rep-days (each spell''s days in the quarter as clipped date'
\echo 'differences) per team and for the company, and the new customers of billing against'
\echo 'the CRM (accounts whose first won deal closed in the quarter, not billed before).'
SELECT r.nrr AS "NRR", s.nrr_sql AS "NRR plain SQL", r.grr AS "GRR", s.grr_sql AS "GRR plain SQL",
       CASE WHEN r.nrr = s.nrr_sql AND r.grr = s.grr_sql THEN 'equal' ELSE 'differ' END AS "NRR, GRR",
       r.new_customers AS "new (billing)", c.new_crm AS "new (CRM)",
       CASE WHEN r.new_customers = c.new_crm THEN 'equal' ELSE 'differ' END AS "new customers"
FROM retention AS r,
     -- whole amounts below 2^53: exact as float8, divided once
     (SELECT sum(coalesce(e.mrr, 0))::float8 / sum(b.mrr)::float8 AS nrr_sql,
             sum(least(b.mrr, coalesce(e.mrr, 0)))::float8 / sum(b.mrr)::float8 AS grr_sql
      FROM crm.mrr AS b
      LEFT JOIN crm.mrr AS e ON e.account_id = b.account_id AND e.month = (:'last_q_end'::date - interval '1 month')::date
      WHERE b.month = (:'last_q_start'::date - interval '1 month')::date) AS s,
     (SELECT count(*) AS new_crm
      FROM (SELECT account_id, min(closed_at) AS first_won FROM crm.opportunities
            WHERE won AND amount > 0 GROUP BY account_id) AS f
      WHERE f.first_won >= :'last_q_start' AND f.first_won < :'last_q_end'
        AND NOT EXISTS (SELECT FROM crm.mrr AS m WHERE m.account_id = f.account_id AND m.month < :'last_q_start')) AS c
WHERE r.period = :'last_q';
SELECT coalesce(t.name, 'all teams') AS team,
       rep_turnover(s.hired_on, s.left_on, daterange(:'last_q_start', :'last_q_end')) AS turnover,
       (count(*) FILTER (WHERE s.left_on >= :'last_q_start' AND s.left_on < :'last_q_end')
        * (:'last_q_end'::date - :'last_q_start'::date))::float8
           / sum(greatest(0, least(coalesce(s.left_on + 1, :'last_q_end'), :'last_q_end')
                             - greatest(s.hired_on, :'last_q_start'))) AS "plain SQL",
       CASE WHEN rep_turnover(s.hired_on, s.left_on, daterange(:'last_q_start', :'last_q_end'))
                 = (count(*) FILTER (WHERE s.left_on >= :'last_q_start' AND s.left_on < :'last_q_end')
                    * (:'last_q_end'::date - :'last_q_start'::date))::float8
                   / sum(greatest(0, least(coalesce(s.left_on + 1, :'last_q_end'), :'last_q_end')
                                     - greatest(s.hired_on, :'last_q_start')))
            THEN 'equal' ELSE 'differ' END AS "rep turnover"
FROM crm.rep_spells AS s LEFT JOIN crm.teams AS t USING (team_id)
GROUP BY ROLLUP ((s.team_id, t.name))
ORDER BY s.team_id NULLS LAST;

------------------------------------------------------------------------------
\echo
\echo '10. Check: the aggregates against their plain-SQL formulas'
\echo '----------------------------------------------------------'
\echo 'Per team x quarter, team, quarter and in total: weighted_pipeline must equal'
\echo 'sum(amount * probability) exactly; win_rate must equal #won / #closed; value_win_rate'
\echo 'must equal won amount / closed amount (to 1e-12; NULL when the closed amount <= 0).'
SELECT count(*) AS groups,
       CASE WHEN count(*) FILTER (WHERE wp IS DISTINCT FROM wp_sql) = 0 THEN 'all equal'
            ELSE count(*) FILTER (WHERE wp IS DISTINCT FROM wp_sql) || ' differ' END AS "weighted pipeline",
       CASE WHEN count(*) FILTER (WHERE wr IS DISTINCT FROM wr_sql) = 0 THEN 'all equal'
            ELSE count(*) FILTER (WHERE wr IS DISTINCT FROM wr_sql) || ' differ' END AS "win rate",
       CASE WHEN count(*) FILTER (WHERE NOT coalesce(abs(vwr - vwr_sql) <= 1e-12 * abs(vwr_sql),
                                                     vwr IS NULL AND vwr_sql IS NULL)) = 0
            THEN 'all equal'
            ELSE count(*) FILTER (WHERE NOT coalesce(abs(vwr - vwr_sql) <= 1e-12 * abs(vwr_sql),
                                                     vwr IS NULL AND vwr_sql IS NULL)) || ' differ'
       END AS "value win rate"
FROM (SELECT weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS wp,
             sum(amount * probability) FILTER (WHERE won IS NULL) AS wp_sql,
             win_rate(won) AS wr,
             count(*) FILTER (WHERE won)::float8 / nullif(count(won), 0) AS wr_sql,
             value_win_rate(won, amount) AS vwr,
             CASE WHEN sum(amount) FILTER (WHERE won IS NOT NULL) > 0
                  THEN (coalesce(sum(amount) FILTER (WHERE won), 0)
                        / sum(amount) FILTER (WHERE won IS NOT NULL))::float8
             END AS vwr_sql
      FROM deals
      GROUP BY GROUPING SETS ((team_id, quarter), (team_id), (quarter), ())) AS g;
SELECT count(*) AS "deal summary teams",
       CASE WHEN count(*) FILTER (WHERE NOT (r.s::text = raw.s::text)) = 0
            THEN 'all equal' ELSE 'some differ' END AS "rollup of daily = summary of raw deals"
FROM (SELECT team_id, rollup(summary) AS s FROM deal_daily GROUP BY team_id) AS r
JOIN (SELECT team_id, deal_summary(won, amount, probability, created_at, closed_at) AS s
      FROM deals GROUP BY team_id) AS raw USING (team_id);
SELECT count(*) AS "forecast groups",
       CASE WHEN count(*) FILTER (WHERE NOT (abs(wape_rollup - wape_sql) <= 1e-12 * wape_sql
                                             AND mae_rollup = mae_raw AND wape_rollup = wape_raw)) = 0
            THEN 'all equal' ELSE 'some differ' END AS "rollup = raw = plain SQL (MAE, WAPE)"
FROM (SELECT wape(rollup(m.summary)) AS wape_rollup, mae(rollup(m.summary)) AS mae_rollup,
             (SELECT wape(f.forecast, f.actual) FROM crm.forecasts f JOIN crm.reps r USING (rep_id)
              WHERE r.team_id = m.team_id) AS wape_raw,
             (SELECT mae(f.forecast, f.actual) FROM crm.forecasts f JOIN crm.reps r USING (rep_id)
              WHERE r.team_id = m.team_id) AS mae_raw,
             (SELECT (sum(abs(f.forecast - f.actual)) / sum(abs(f.actual)))::float8
              FROM crm.forecasts f JOIN crm.reps r USING (rep_id) WHERE r.team_id = m.team_id) AS wape_sql
      FROM forecast_monthly AS m GROUP BY m.team_id) AS g;
SELECT count(*) AS "attainment groups",
       CASE WHEN count(*) FILTER (WHERE NOT (abs(qa - qa_sql) <= 1e-12 * abs(qa_sql) AND at_quota = at_quota_sql
                                             AND abs(median - median_sql) <= 1e-12 * abs(median_sql))) = 0
            THEN 'all equal' ELSE 'some differ' END AS "rollup = plain SQL (attainment, reps at quota, median)"
FROM (SELECT quota_attainment(a.s) AS qa, reps_at_quota(a.s) AS at_quota, median_attainment(a.s) AS median,
             p.qa_sql, p.at_quota_sql, p.median_sql
      FROM (SELECT team_id, quarter, rollup(summary) AS s FROM attainment_quarterly GROUP BY team_id, quarter) AS a
      JOIN (SELECT team_id, quarter, (sum(achieved) / sum(quota))::float8 AS qa_sql,
                   count(*) FILTER (WHERE quota > 0 AND achieved >= quota) AS at_quota_sql,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY (achieved / quota)::float8)
                       FILTER (WHERE quota > 0) AS median_sql
            FROM rep_quarters GROUP BY team_id, quarter) AS p USING (team_id, quarter)) AS g;
-- the same summaries straight from the raw won deals and monthly quota rows:
-- attainment_by_rep sums both per rep itself (no per-rep GROUP BY, no LEFT JOIN)
SELECT count(*) AS "attainment_by_rep groups",
       CASE WHEN count(*) FILTER (WHERE NOT (r.s::text = b.s::text)) = 0
            THEN 'all equal' ELSE 'some differ' END AS "from raw deal and quota rows = rolled-up rep-quarters"
FROM (SELECT team_id, quarter, rollup(summary) AS s FROM attainment_quarterly GROUP BY team_id, quarter) AS r
JOIN (SELECT p.team_id, x.quarter, attainment_by_rep(x.rep_id, x.achieved, x.quota) AS s
      FROM (SELECT rep_id, fiscal_quarter(closed_at, :fy_start_month) AS quarter, amount AS achieved,
                   NULL::numeric AS quota
            FROM crm.opportunities WHERE won
            UNION ALL
            SELECT rep_id, fiscal_quarter(month, :fy_start_month), NULL, quota FROM crm.quotas) AS x
      JOIN crm.reps AS p USING (rep_id)
      GROUP BY p.team_id, x.quarter) AS b USING (team_id, quarter);
\echo 'The waterfall (section 8): each team''s bars must equal the bar definitions of'
\echo 'doc/pipeline-flow.md written out as CASE sums over the same FULL JOIN; the deal'
\echo 'history''s latest version of each deal must be its crm.opportunities row.'
-- the waterfall bars against the definitions in doc/pipeline-flow.md written
-- out as CASE sums over the same FULL JOIN: the state of each deal at either
-- end, the bars it adds to, summed per team and bar
SELECT count(*) AS "waterfall bars (team x bar)",
       CASE WHEN count(*) FILTER (WHERE (a.deals, a.amount) IS DISTINCT FROM (p.deals, p.amount)) = 0
            THEN 'all equal'
            ELSE count(*) FILTER (WHERE (a.deals, a.amount) IS DISTINCT FROM (p.deals, p.amount)) || ' differ'
       END AS "pipeline_flow = plain SQL (FULL JOIN + CASE sums)"
FROM (SELECT w.team_id, c.bar, c.deals, c.amount FROM waterfall AS w, pipeline_changes(w.f) AS c) AS a
FULL JOIN (
    WITH j AS (
        SELECT team_id, s.won AS s_won, s.amount AS s_amt, coalesce(s.closed_at, s.expected_close) AS s_close,
               e.won AS e_won, e.amount AS e_amt, coalesce(e.closed_at, e.expected_close) AS e_close,
               coalesce(e.created_at, s.created_at) AS created, daterange(:'last_q_start', :'last_q_end') AS q
        FROM (SELECT h.*, r.team_id FROM crm.opportunities_at(:'last_q_start') AS h JOIN crm.reps AS r USING (rep_id)) AS s
        FULL JOIN (SELECT h.*, r.team_id FROM crm.opportunities_at(:'last_q_end') AS h JOIN crm.reps AS r USING (rep_id)) AS e
             USING (opp_id, team_id)),
    k AS (
        SELECT j.*,
               CASE WHEN s_won IS NOT NULL THEN 'closed'
                    WHEN s_amt IS NULL OR s_close IS NULL THEN 'none'    -- absent, or not valued / dated
                    WHEN s_close <@ q THEN 'in' ELSE 'out' END AS s_st,
               CASE WHEN e_won THEN 'won' WHEN NOT e_won THEN 'lost'
                    WHEN e_amt IS NULL OR e_close IS NULL THEN 'none'
                    WHEN e_close <@ q THEN 'in' ELSE 'out' END AS e_st
        FROM j),
    d AS (
        SELECT k.*,
               s_st <> 'in' AND (e_st = 'in' OR (s_st <> 'closed' AND e_st IN ('won', 'lost')
                                                 AND e_amt IS NOT NULL AND e_close <@ q)) AS enters,
               CASE WHEN s_st = 'out' THEN 'pulled_in' WHEN s_st = 'none' AND created >= lower(q) THEN 'new'
                    ELSE 'added' END AS entry,
               CASE WHEN e_st = 'won' THEN coalesce(e_amt, s_amt) ELSE e_amt END - s_amt AS delta
        FROM k),
    -- the bars each deal adds to, and how much
    b AS (
        SELECT team_id, s_amt, e_amt, delta,
               s_st = 'in' AS is_start,
               enters AND entry = 'new' AS is_new,
               enters AND entry = 'pulled_in' AS is_pulled_in,
               enters AND entry = 'added' AS is_added,
               s_st = 'in' AND e_st IN ('in', 'won') AND delta > 0 AS is_increased,
               s_st = 'in' AND e_st IN ('in', 'won') AND delta < 0 AS is_decreased,
               s_st = 'in' AND e_st = 'out' AS is_pushed_out,
               s_st = 'in' AND e_st = 'none' AS is_removed,
               e_st = 'won' AND (s_st = 'in' OR enters) AS is_won,
               e_st = 'lost' AND (s_st = 'in' OR enters) AS is_lost,
               e_st = 'in' AS is_end,
               CASE WHEN s_st = 'in' AND e_st = 'won' THEN coalesce(e_amt, s_amt)
                    WHEN s_st = 'in' AND e_st = 'lost' THEN s_amt
                    ELSE e_amt END AS closed_amt
        FROM d),
    t AS (
        SELECT team_id,
               count(*) FILTER (WHERE is_start) AS start_n,           sum(s_amt) FILTER (WHERE is_start) AS start_a,
               count(*) FILTER (WHERE is_new) AS new_n,               sum(e_amt) FILTER (WHERE is_new) AS new_a,
               count(*) FILTER (WHERE is_pulled_in) AS pulled_in_n,   sum(e_amt) FILTER (WHERE is_pulled_in) AS pulled_in_a,
               count(*) FILTER (WHERE is_added) AS added_n,           sum(e_amt) FILTER (WHERE is_added) AS added_a,
               count(*) FILTER (WHERE is_increased) AS increased_n,   sum(delta) FILTER (WHERE is_increased) AS increased_a,
               count(*) FILTER (WHERE is_decreased) AS decreased_n,   sum(-delta) FILTER (WHERE is_decreased) AS decreased_a,
               count(*) FILTER (WHERE is_pushed_out) AS pushed_out_n, sum(s_amt) FILTER (WHERE is_pushed_out) AS pushed_out_a,
               count(*) FILTER (WHERE is_removed) AS removed_n,       sum(s_amt) FILTER (WHERE is_removed) AS removed_a,
               count(*) FILTER (WHERE is_won) AS won_n,               sum(closed_amt) FILTER (WHERE is_won) AS won_a,
               count(*) FILTER (WHERE is_lost) AS lost_n,             sum(closed_amt) FILTER (WHERE is_lost) AS lost_a,
               count(*) FILTER (WHERE is_end) AS end_n,               sum(e_amt) FILTER (WHERE is_end) AS end_a
        FROM b GROUP BY team_id)
    SELECT t.team_id, v.bar, v.deals, v.amount
    FROM t, LATERAL (VALUES ('start', start_n, start_a), ('new', new_n, new_a), ('pulled_in', pulled_in_n, pulled_in_a),
                            ('added', added_n, added_a), ('increased', increased_n, increased_a),
                            ('decreased', decreased_n, decreased_a), ('pushed_out', pushed_out_n, pushed_out_a),
                            ('removed', removed_n, removed_a), ('won', won_n, won_a), ('lost', lost_n, lost_a),
                            ('end', end_n, end_a)) AS v(bar, deals, amount)) AS p USING (team_id, bar);
-- the deal history ends where the deals are now
SELECT count(*) AS "deals in the history",
       count(*) FILTER (WHERE o.opp_id IS NULL) AS "deleted",
       CASE WHEN count(*) FILTER (WHERE o.opp_id IS NOT NULL AND
                (o.account_id, o.rep_id, o.stage, o.won, o.amount, o.probability, o.forecast_category,
                 o.created_at, o.closed_at, o.expected_close)
                IS DISTINCT FROM
                (h.account_id, h.rep_id, h.stage, h.won, h.amount, h.probability, h.forecast_category,
                 h.created_at, h.closed_at, h.expected_close)) = 0
                 AND count(*) FILTER (WHERE o.opp_id IS NOT NULL) = (SELECT count(*) FROM crm.opportunities)
            THEN 'all equal' ELSE 'some differ' END AS "latest version = crm.opportunities"
FROM (SELECT DISTINCT ON (opp_id) * FROM crm.opportunity_history ORDER BY opp_id, valid_from DESC) AS h
LEFT JOIN crm.opportunities AS o USING (opp_id);
\echo

------------------------------------------------------------------------------
\echo
\echo '11. Funnel per team: stages reached, advanced, dropped; days in stage'
\echo '---------------------------------------------------------------------'
-- the history's first day, and the open stages in order (the funnel's stages)
SELECT min(valid_from)::date AS history_start FROM crm.opportunity_history \gset
SELECT count(*) AS n_stages, string_agg(stage, ', ' ORDER BY sort_order) AS stage_list
FROM crm.stages WHERE NOT is_closed \gset
\echo 'The deals created since the deal history began on' :history_start '(whole histories from'
\echo 'creation), from crm.opportunity_stage_visits: consecutive versions in the same stage'
\echo 'collapsed into a visit.  The stages are the open ones, 1 to' :n_stages 'in order:'
\echo '   ' :stage_list
\echo 'A deal reached every stage up to the highest it ever entered (skipped stages count,'
\echo 'a step back does not undo one, a re-entry counts once); a won deal reached them all,'
\echo 'also one created as Closed Won; a lost deal dropped at its highest stage, an open one'
\echo 'is open there.  One stage_funnel (a row per deal) and one stage_time (a row per deal'
\echo 'and stage: the whole days of its visits summed, NULL while the stay runs) per team of'
\echo 'the deal''s owner; all teams = rollup() of the six.  conversion % = advanced /'
\echo '(advanced + dropped), the decided deals; pass % = advanced / reached; median, p90:'
\echo 'days of the finished stays (stays), running stays counted apart.'
\echo
-- the cohort's visits; the deals still in crm.opportunities (not deleted)
CREATE TEMP TABLE funnel_visit AS
SELECT v.*, d.team_id, d.won
FROM crm.opportunity_stage_visits AS v
JOIN deals AS d USING (opp_id)
WHERE d.created_at >= :'history_start';
-- one row per deal: its highest stage (NULL: created closed), its outcome
CREATE TEMP TABLE funnel_deal AS
SELECT opp_id, team_id, won, max(k) AS highest
FROM funnel_visit GROUP BY opp_id, team_id, won;
-- one row per deal and stage it stayed in: the days summed over its visits
CREATE TEMP TABLE funnel_stay AS
SELECT opp_id, team_id, k,
       CASE WHEN bool_and(exited_at IS NOT NULL) THEN sum(exited_at::date - entered_at::date)::integer END AS days
FROM funnel_visit WHERE k IS NOT NULL GROUP BY opp_id, team_id, k;
CREATE TEMP TABLE funnel_team AS
SELECT team_id, f.f, s.t
FROM (SELECT team_id, stage_funnel(highest, won, :n_stages) AS f FROM funnel_deal GROUP BY team_id) AS f
JOIN (SELECT team_id, stage_time(k, days, :n_stages) AS t FROM funnel_stay GROUP BY team_id) AS s USING (team_id);
-- what the histories hold: the moves between open stages, and the deals
-- that show the funnel's rules
WITH m AS (
    SELECT opp_id, k, k - lag(k) OVER (PARTITION BY opp_id ORDER BY entered_at) AS step,
           row_number() OVER (PARTITION BY opp_id ORDER BY entered_at DESC) AS from_last
    FROM funnel_visit WHERE k IS NOT NULL),
d AS (
    SELECT opp_id, count(*) FILTER (WHERE step = 1) AS up1, count(*) FILTER (WHERE step > 1) AS skips,
           count(*) FILTER (WHERE step < 0) AS back, count(*) > count(DISTINCT k) AS reentry,
           max(k) > min(k) FILTER (WHERE from_last = 1) AS below_highest
    FROM m GROUP BY opp_id)
SELECT count(*) AS deals, count(*) FILTER (WHERE f.won) AS won, count(*) FILTER (WHERE NOT f.won) AS lost,
       count(*) FILTER (WHERE f.won IS NULL) AS open,
       sum(d.up1) AS "moves +1", sum(d.skips) AS "skips", sum(d.back) AS "steps back",
       count(*) FILTER (WHERE d.reentry) AS "deals re-entering",
       count(*) FILTER (WHERE d.below_highest) AS "last stage < highest",
       count(*) FILTER (WHERE f.highest IS NULL AND f.won) AS "created won",
       count(*) FILTER (WHERE f.highest IS NULL AND NOT f.won) AS "created lost"
FROM funnel_deal AS f LEFT JOIN d USING (opp_id);
SELECT array_agg(stage ORDER BY sort_order)::text AS stage_names FROM crm.stages WHERE NOT is_closed \gset
CREATE TEMP VIEW funnel_rows AS
SELECT g.team_id, g.team, ft.*, tt.stays, tt.in_progress, tt.median_days, tt.p90_days
FROM (SELECT f.team_id, t.name AS team, f.f, f.t FROM funnel_team AS f JOIN crm.teams AS t USING (team_id)
      UNION ALL
      SELECT NULL, 'all teams', rollup(f), rollup(t) FROM funnel_team) AS g
CROSS JOIN LATERAL stage_funnel_table(g.f) AS ft
JOIN LATERAL stage_time_table(g.t) AS tt ON tt.stage = ft.stage;
SELECT CASE WHEN stage = 1 THEN team ELSE '' END AS team,
       stage || ' ' || (:'stage_names'::text[])[stage] AS stage,
       reached, advanced, dropped, open,
       round((100 * conversion)::numeric, 1) AS "conversion %",
       round((100 * pass_rate)::numeric, 1) AS "pass %",
       stays, in_progress AS running,
       round(median_days::numeric, 1) AS "median (d)", round(p90_days::numeric, 1) AS "p90 (d)"
FROM funnel_rows
ORDER BY team_id NULLS LAST, stage;
\echo 'all teams: rollup() of the team summaries against one summary over all the deals, and'
\echo 'reached, advanced, dropped per stage recomputed in plain SQL (count FILTER over the'
\echo 'deals: won or highest >= stage, won or highest > stage, lost and highest = stage), the'
\echo 'conversion against the one-step stage_conversion(advanced) aggregate of section 9 of'
\echo 'kpi-definitions.md (advanced true, dropped false, open NULL).'
SELECT (SELECT rollup(f) FROM funnel_team)
           = (SELECT stage_funnel(highest, won, :n_stages) FROM funnel_deal) AS "rollup = stage_funnel(all deals)",
       (SELECT rollup(t) FROM funnel_team)
           = (SELECT stage_time(k, days, :n_stages) FROM funnel_stay) AS "rollup = stage_time(all stays)";
SELECT count(*) AS stages,
       count(*) FILTER (WHERE (a.reached, a.advanced, a.dropped) IS DISTINCT FROM (p.reached, p.advanced, p.dropped))
           AS "differences (reached, advanced, dropped)",
       bool_and((a.reached, a.advanced, a.dropped) IS NOT DISTINCT FROM (p.reached, p.advanced, p.dropped))
           AS "plain SQL = stage_funnel",
       bool_and(a.conversion IS NOT DISTINCT FROM p.conversion) AS "stage_conversion(advanced) = conversion"
FROM stage_funnel_table((SELECT rollup(f) FROM funnel_team)) AS a
FULL JOIN (SELECT k AS stage,
                  count(*) FILTER (WHERE d.won OR d.highest >= k) AS reached,
                  count(*) FILTER (WHERE d.won OR d.highest > k) AS advanced,
                  count(*) FILTER (WHERE NOT d.won AND d.highest = k) AS dropped,
                  stage_conversion(CASE WHEN d.won OR d.highest > k THEN true
                                        WHEN NOT d.won AND d.highest = k THEN false END) AS conversion
           FROM generate_series(1, :n_stages) AS k CROSS JOIN funnel_deal AS d
           GROUP BY k) AS p USING (stage);
\echo

------------------------------------------------------------------------------
\echo
\echo '12. Leads of' :year 'per quarter and team: conversions, sources, response times'
\echo '---------------------------------------------------------------------------'
\echo 'The leads created in each quarter (the cohort, in the org''s time zone, Europe/Berlin),'
\echo 'per team of the lead''s owner (crm.leads, crm.lead_activities; the Salesforce recipe of'
\echo 'doc/funnel-and-leads.md).  One lead_summary per team and quarter, stored; the year and'
\echo 'all teams are rollup() of them.  opportunity: converted with an opportunity; customer:'
\echo 'that opportunity is won (open or lost: not yet / no); source: marketing = Web, Webinar,'
\echo 'Trade show; sales = Outbound; other = Partner, Referral, none.  Response: hours from'
\echo 'creation to the first call, e-mail or meeting logged by a person (auto-replies left'
\echo 'out), over the leads touched after creation; <= 1 h %: responded_within(1), of those'
\echo 'and the untouched ones; pretouched: called before they were entered (outbound), out of'
\echo 'the response figures, in the rest.  Young cohorts have had less time to convert.'
\echo
-- one row per lead: its cohort quarter, team, outcome, source and first touch
CREATE TEMP VIEW lead_rows AS
SELECT l.id, r.team_id, l.created_at, f.first_touch_at,
       date_trunc('quarter', l.created_at AT TIME ZONE 'Europe/Berlin')::date AS quarter,
       l.is_converted AND l.converted_opportunity_id IS NOT NULL AS opportunity,
       coalesce(o.won, false) AS customer,
       CASE WHEN l.lead_source IN ('Web', 'Webinar', 'Trade show') THEN true
            WHEN l.lead_source = 'Outbound' THEN false END AS marketing_sourced
FROM crm.leads AS l
JOIN crm.reps AS r ON r.rep_id = l.owner_rep_id
LEFT JOIN (SELECT who_id, min(created_at) AS first_touch_at FROM crm.lead_activities
           WHERE NOT created_by_automation GROUP BY who_id) AS f ON f.who_id = l.id
LEFT JOIN crm.opportunities AS o ON o.opp_id = l.converted_opportunity_id;
CREATE TEMP TABLE lead_quarterly AS
SELECT team_id, quarter,
       lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s
FROM lead_rows
WHERE quarter >= :'year_start' AND quarter < :'year_start'::date + interval '1 year'
GROUP BY team_id, quarter;
SELECT CASE WHEN row_number() OVER (PARTITION BY grouping(m.team_id), m.team_id
                                    ORDER BY grouping(m.quarter), m.quarter) > 1 THEN ''
            WHEN grouping(m.team_id) = 1 THEN 'all teams' ELSE t.name END AS team,
       CASE WHEN grouping(m.quarter) = 1 THEN :'year' ELSE to_char(m.quarter, 'YYYY "Q"Q') END AS cohort,
       lead_count(rollup(m.s)) AS leads,
       round((100 * lead_to_opportunity(rollup(m.s)))::numeric, 1) AS "opp %",
       round((100 * lead_to_customer(rollup(m.s)))::numeric, 1) AS "cust %",
       round((100 * opportunity_to_customer(rollup(m.s)))::numeric, 1) AS "opp->cust %",
       round((100 * marketing_sourced_share(rollup(m.s)))::numeric, 1) AS "mkt %",
       round((100 * sales_sourced_share(rollup(m.s)))::numeric, 1) AS "sales %",
       round((100 * other_source_share(rollup(m.s)))::numeric, 1) AS "other %",
       round(response_time_median(rollup(m.s))::numeric, 2) AS "median h",
       round(response_time_percentile(rollup(m.s), 0.9)::numeric, 2) AS "p90 h",
       round((100 * responded_within(rollup(m.s), 1))::numeric, 1) AS "<= 1 h %",
       leads_untouched(rollup(m.s)) AS untouched,
       leads_pretouched(rollup(m.s)) AS pretouched
FROM lead_quarterly AS m
LEFT JOIN crm.teams AS t USING (team_id)
GROUP BY GROUPING SETS ((m.team_id, t.name, m.quarter), (m.team_id, t.name), (m.quarter), ())
ORDER BY grouping(m.team_id), m.team_id, grouping(m.quarter), m.quarter;
SELECT (SELECT rollup(s) FROM lead_quarterly)
           = (SELECT lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced)
              FROM lead_rows
              WHERE quarter >= :'year_start' AND quarter < :'year_start'::date + interval '1 year')
           AS "rollup of the quarters = lead_summary(the year's leads)",
       (SELECT bool_and(q.s = y.s)
        FROM (SELECT team_id, rollup(s) AS s FROM lead_quarterly GROUP BY team_id) AS q
        JOIN (SELECT team_id, lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s
              FROM lead_rows
              WHERE quarter >= :'year_start' AND quarter < :'year_start'::date + interval '1 year'
              GROUP BY team_id) AS y USING (team_id)) AS "the same per team";
\echo
\echo 'Wall clock against business hours (kpi.business_hours: Monday to Friday 09:00-17:00'
\echo 'Europe/Berlin, no holidays), all teams: the business-hours response fed to'
\echo 'lead_summary''s interval form.  A lead in at 20:00 and called at 09:30 took 13.5 hours'
\echo 'on the clock and 0.5 in business hours; one in on Saturday at 18:00 and called on'
\echo 'Monday at 10:00, 40 and 1.  Pretouched leads keep their (negative) wall-clock difference:'
\echo 'a Saturday call before a Saturday entry is 0 business hours, but still before it.'
\echo
-- per quarter both summaries of the cohort; the year = rollup() of the quarters
WITH q AS (
    SELECT quarter,
           lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS w,
           lead_summary(CASE WHEN first_touch_at < created_at THEN first_touch_at - created_at
                             ELSE kpi.business_hours(created_at, first_touch_at) END,
                        opportunity, customer, marketing_sourced) AS b
    FROM lead_rows
    WHERE quarter >= :'year_start' AND quarter < :'year_start'::date + interval '1 year'
    GROUP BY quarter)
SELECT CASE WHEN grouping(quarter) = 1 THEN :'year' ELSE to_char(quarter, 'YYYY "Q"Q') END AS cohort,
       round(response_time_median(rollup(w))::numeric, 2) AS "median h, wall clock",
       round(response_time_median(rollup(b))::numeric, 2) AS "median h, business",
       round(response_time_avg(rollup(w))::numeric, 2) AS "mean h, wall clock",
       round(response_time_avg(rollup(b))::numeric, 2) AS "mean h, business",
       round((100 * responded_within(rollup(w), 1))::numeric, 1) AS "<= 1 h %, wall clock",
       round((100 * responded_within(rollup(b), 1))::numeric, 1) AS "<= 1 h %, business"
FROM q
GROUP BY ROLLUP (quarter)
ORDER BY grouping(quarter), quarter;
\echo
\echo 'Lead activities per rep-day in' :last_q 'per team: the calls, e-mails and meetings the reps'
\echo 'logged on leads (auto-replies left out), over a calendar of rep-days: every working day'
\echo '(Monday to Friday, no absences kept) of every rep with a CRM user in the roster'
\echo '(crm.rep_spells) while employed, the activity counts LEFT JOINed and COALESCEd to 0'
\echo '(doc/funnel-and-leads.md, "Activities per rep-day").  Beside it the trap: the same'
\echo 'average over the activity table''s rep-days alone (the days with an activity).'
\echo
WITH rep_day AS (
    SELECT s.rep_id, s.team_id, g.day::date AS day
    FROM crm.rep_spells AS s
    CROSS JOIN LATERAL generate_series(greatest(s.hired_on, :'last_q_start'::date)::timestamp,
                                       least(coalesce(s.left_on, :'last_q_end'::date - 1), :'last_q_end'::date - 1)::timestamp,
                                       interval '1 day') AS g(day)
    WHERE s.rep_id IS NOT NULL AND extract(isodow FROM g.day) < 6),
activity AS (
    SELECT a.owner_rep_id AS rep_id, (a.created_at AT TIME ZONE 'Europe/Berlin')::date AS day,
           count(*) FILTER (WHERE a.type = 'call') AS calls,
           count(*) FILTER (WHERE a.type = 'email') AS emails,
           count(*) FILTER (WHERE a.type = 'meeting') AS meetings,
           count(*) AS activities
    FROM crm.lead_activities AS a
    WHERE NOT a.created_by_automation
      AND a.created_at >= :'last_q_start'::timestamp AT TIME ZONE 'Europe/Berlin'
      AND a.created_at < :'last_q_end'::timestamp AT TIME ZONE 'Europe/Berlin'
    GROUP BY 1, 2),
trap AS (
    SELECT r.team_id, avg(a.activities) AS per_active_day, count(*) AS active_days
    FROM activity AS a JOIN crm.reps AS r USING (rep_id)
    GROUP BY ROLLUP (r.team_id)),
fair AS (
    SELECT d.team_id, count(*) AS rep_days, count(DISTINCT d.rep_id) AS reps,
           avg(coalesce(a.calls, 0)) AS calls, avg(coalesce(a.emails, 0)) AS emails,
           avg(coalesce(a.meetings, 0)) AS meetings, avg(coalesce(a.activities, 0)) AS activities
    FROM rep_day AS d
    LEFT JOIN activity AS a USING (rep_id, day)
    GROUP BY ROLLUP (d.team_id))
SELECT coalesce(t.name, 'all teams') AS team, f.reps, f.rep_days AS "rep-days",
       round(f.calls, 2) AS "calls", round(f.emails, 2) AS "e-mails", round(f.meetings, 2) AS "meetings",
       round(f.activities, 2) AS "all / rep-day",
       p.active_days AS "days with activity",
       round(p.per_active_day, 2) AS "all / active day (trap)"
FROM fair AS f
LEFT JOIN trap AS p ON p.team_id IS NOT DISTINCT FROM f.team_id
LEFT JOIN crm.teams AS t ON t.team_id = f.team_id
ORDER BY f.team_id NULLS LAST;
\echo
\echo 'Check of' :last_q '(all teams): lead_to_opportunity, response_time_median and'
\echo 'responded_within(1) against plain SQL over the same leads (count ratios;'
\echo 'percentile_cont over hours = seconds / 3600 in float8, compared to 9 decimals).'
SELECT to_char(:'last_q_start'::date, 'YYYY "Q"Q') AS cohort,
       lead_to_opportunity(s) = p.to_opp AS "lead_to_opportunity = plain",
       round(response_time_median(s)::numeric, 9) = round(p.median_h::numeric, 9) AS "median h = percentile_cont",
       responded_within(s, 1) = p.within_1h AS "responded_within(1) = plain"
FROM (SELECT rollup(s) AS s FROM lead_quarterly WHERE quarter = :'last_q_start') AS x,
     (SELECT count(*) FILTER (WHERE opportunity)::float8 / count(*) AS to_opp,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_touch_at - created_at)::float8 / 3600)
                 FILTER (WHERE first_touch_at >= created_at) AS median_h,
             count(*) FILTER (WHERE first_touch_at >= created_at AND first_touch_at <= created_at + interval '1 hour')::float8
                 / count(*) FILTER (WHERE first_touch_at IS NULL OR first_touch_at >= created_at) AS within_1h
      FROM lead_rows WHERE quarter = :'last_q_start') AS p;
\echo
