-- Customers and money spent: unit economics (kpi-definitions.md section 17:
-- cac, cac_payback_months, ltv, magic_number, sales_efficiency), churn and
-- revenue retention (section 10: churn_rate, net_revenue_retention,
-- gross_revenue_retention) and rep turnover (section 16: rep_turnover,
-- avg_headcount; its checks are with its queries below).
--
-- How the expected values were checked: section 17's worked example, by
-- hand and with Python fractions (unit_econ_check.py): Q1 spend 600000, Q2
-- spend 640000, 40 new customers in Q2 with new MRR 50000, margin 0.8,
-- monthly churn 0.02, revenue 2000000 -> 2150000.  CAC 640000 / 40 =
-- 16000 (numeric, printed as 640000 / 40::numeric prints it); payback
-- 640000 / (50000 x 0.8) = 16 months, 15 with Q1's spend; LTV 1250 x 0.8 /
-- 0.02 = 50000; LTV:CAC 50000 / 16000 = 3.125; magic number 150000 x 4 /
-- 600000 = 1, -2/3 when revenue falls to 1900000 (-0.6666666666666666),
-- 1 with ARR inputs and annualize 1; sales efficiency 600000 / 640000 =
-- 0.9375.  Exactness: ltv(100, 0.7, 0.07) = 1000 exactly (Python fractions;
-- the float8 formula gives 999.9999999999999, shown beside it);
-- cac_payback_months(640000, 50000, 0.7) = 640000 / 35000 = 128/7 =
-- 18.285714285714285 (fractions, rounded once).
-- Section 10's examples, by hand: 200 customers at the start, 10 of them
-- lost, 30 new (5 of which also lost) -> 10 / 200 = 0.05; S 10000, E 1500,
-- C 500, X 1000 -> NRR (10000 + 1500 - 500 - 1000) / 10000 = 1, GRR
-- (10000 - 500 - 1000) / 10000 = 0.85.  20,000 random customers in 8
-- segments are compared with plain SQL: churn as count() FILTER ratios
-- (two integers divided in float8: one rounding), NRR and GRR as the exact
-- numeric ratio carried to 40 decimals and cast once; serial, parallel and
-- moving windows (churn, NRR, GRR) recomputed frame by frame must agree
-- bit for bit.

SELECT cac(640000, 40) AS cac, 640000 / 40::numeric AS plain_division,
       cac_payback_months(640000, 50000, 0.8) AS payback,
       cac_payback_months(600000, 50000, 0.8) AS payback_lagged,
       ltv(1250, 0.8, 0.02) AS ltv,
       ltv(1250, 0.8, 0.02) / cac(640000, 40) AS ltv_to_cac,
       magic_number(2150000, 2000000, 600000) AS magic_number,
       magic_number(1900000, 2000000, 600000) AS shrinking,
       magic_number(8600000, 8000000, 600000, 1) AS arr_inputs,
       sales_efficiency(600000, 640000) AS sales_efficiency;

-- one rounding of the exact ratio, where float8 arithmetic rounds twice
SELECT ltv(100, 0.7, 0.07) AS ltv, 100 * 0.7::float8 / 0.07::float8 AS float8_formula,
       cac_payback_months(640000, 50000, 0.7) AS payback;

-- zero denominators are NULL, never 22012
SELECT cac(640000, 0) AS no_new_customer, cac_payback_months(640000, 0, 0.8) AS no_new_mrr,
       cac_payback_months(640000, -100, 0.8) AS negative_new_mrr, cac_payback_months(640000, 50000, 0) AS no_margin,
       ltv(1250, 0.8, 0) AS no_churn, ltv(1250, 0.8, 1) AS churn_one,
       magic_number(2150000, 2000000, 0) AS no_prior_spend, sales_efficiency(600000, 0) AS no_spend,
       cac(0, 10) AS free_customers, sales_efficiency(-1000, 500) AS negative_arr;

-- NULL in, NULL out (STRICT); NaN amounts follow numeric
SELECT cac(NULL, 1) IS NULL AS null_spend, ltv(NULL, 0.8, 0.02) IS NULL AS null_arpa,
       cac('NaN', 4) AS nan_spend, sales_efficiency('NaN', 100) AS nan_arr;

-- errors: negative spend or customers, a margin or churn as a percentage,
-- a non-positive annualization factor
\set VERBOSITY default
SELECT cac(-1, 10);
SELECT cac(100, -1);
SELECT cac_payback_months(-5, 100, 0.5);
SELECT ltv(1250, 80, 0.02);
SELECT ltv(1250, 0.8, 2);
SELECT ltv(1250, 0.8, 'NaN');
SELECT magic_number(2, 1, -1);
SELECT magic_number(2, 1, 1, 0);
SELECT magic_number(2, 1, 1, 'NaN');
SELECT sales_efficiency(1, -1);

-- Churn and revenue retention (section 10)
SELECT churn_rate(active, churned) AS churn
FROM (SELECT g <= 200 AS active, g <= 10 OR g > 225 AS churned FROM generate_series(1, 230) g) t;
SELECT net_revenue_retention(s, e, c, x) AS nrr, gross_revenue_retention(s, e, c, x) AS grr
FROM (VALUES (10000::numeric, 1500::numeric, 500::numeric, 1000::numeric)) v(s, e, c, x);
-- NULL flags and components are skipped; no cohort, or no starting MRR: NULL
SELECT churn_rate(a, c) AS churn_with_nulls, churn_rate(a, c) FILTER (WHERE NOT a) AS no_cohort
FROM (VALUES (true, true), (true, false), (NULL, true), (true, NULL), (false, true)) v(a, c);
SELECT net_revenue_retention(s, e, c, x) AS nrr_with_nulls,
       net_revenue_retention(s, e, c, x) FILTER (WHERE s = 0) AS no_start_mrr
FROM (VALUES (100::numeric, 10::numeric, 0::numeric, 0::numeric), (NULL, 5, 0, 0), (50, NULL, 0, 0),
             (0, 0, 0, 0)) v(s, e, c, x);

SELECT setseed(0.25);
CREATE TABLE customers_random AS
SELECT id, id % 8 AS segment, active, churned, s,
       CASE WHEN churned THEN 0 ELSE round((random() * 300)::numeric, 2) END AS e,
       CASE WHEN churned THEN 0 ELSE round((random() * s * 0.5)::numeric, 2) END AS c,
       CASE WHEN churned THEN s ELSE 0 END AS x
FROM (SELECT id, random() < 0.9 AS active, random() < 0.07 AS churned,
             round((random() * 5000)::numeric, 2) AS s
      FROM generate_series(1, 20000) id) g;
ANALYZE customers_random;
CREATE TABLE customers_plain AS
SELECT segment,
       count(*) FILTER (WHERE active AND churned)::float8 / count(*) FILTER (WHERE active) AS churn,
       ((sum(s + e - c - x) FILTER (WHERE active))::numeric(80, 40) / sum(s) FILTER (WHERE active))::float8 AS nrr,
       ((sum(s - c - x) FILTER (WHERE active))::numeric(80, 40) / sum(s) FILTER (WHERE active))::float8 AS grr
FROM customers_random GROUP BY segment;
CREATE TABLE customers_ours AS
SELECT 'serial' AS plan, segment, churn_rate(active, churned) AS churn,
       net_revenue_retention(s, e, c, x) FILTER (WHERE active) AS nrr,
       gross_revenue_retention(s, e, c, x) FILTER (WHERE active) AS grr
FROM customers_random GROUP BY segment;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT segment, churn_rate(active, churned), net_revenue_retention(s, e, c, x) FILTER (WHERE active)
FROM customers_random GROUP BY segment;
INSERT INTO customers_ours
SELECT 'parallel', segment, churn_rate(active, churned),
       net_revenue_retention(s, e, c, x) FILTER (WHERE active),
       gross_revenue_retention(s, e, c, x) FILTER (WHERE active)
FROM customers_random GROUP BY segment;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
SELECT o.plan, count(*) AS segments,
       count(*) FILTER (WHERE o.churn = p.churn AND o.nrr = p.nrr AND o.grr = p.grr) AS equal_to_plain_sql,
       bool_and(o.grr <= 1 AND o.nrr >= o.grr) AS grr_at_most_1_and_nrr
FROM customers_ours o JOIN customers_plain p USING (segment)
GROUP BY o.plan ORDER BY o.plan;
-- a trailing window of 50 customers: the inverse transition against each
-- frame aggregated again
SELECT count(*) AS frames,
       count(*) FILTER (WHERE w.churn IS NOT DISTINCT FROM
                        (SELECT count(*) FILTER (WHERE active AND churned)::float8 / nullif(count(*) FILTER (WHERE active), 0)
                         FROM customers_random r WHERE r.id BETWEEN w.id - 49 AND w.id)) AS equal_frames
FROM (SELECT id, churn_rate(active, churned) OVER (ORDER BY id ROWS 49 PRECEDING) AS churn
      FROM customers_random WHERE id <= 2000) w;
-- NRR and GRR in the same window (0.7.0: exact inverse transitions), against
-- each frame's exact ratio; one NULL row in the window is skipped
SELECT count(*) AS frames,
       count(*) FILTER (WHERE w.nrr IS NOT DISTINCT FROM p.nrr AND w.grr IS NOT DISTINCT FROM p.grr) AS equal_frames
FROM (SELECT id, net_revenue_retention(s, e, c, x) OVER f AS nrr, gross_revenue_retention(s, e, c, x) OVER f AS grr
      FROM (SELECT id, s, CASE WHEN id <> 777 THEN e END AS e, c, x FROM customers_random WHERE id <= 2000) r
      WINDOW f AS (ORDER BY id ROWS 49 PRECEDING)) w,
     LATERAL (SELECT (sum(s + e - c - x)::numeric(80, 40) / nullif(sum(s), 0))::float8 AS nrr,
                     (sum(s - c - x)::numeric(80, 40) / nullif(sum(s), 0))::float8 AS grr
              FROM customers_random r WHERE r.id BETWEEN w.id - 49 AND w.id AND r.id <> 777) p;

-- errors: a negative component, losses beyond the starting MRR
SELECT net_revenue_retention(s, e, c, x) FROM (VALUES (100::numeric, -1::numeric, 0::numeric, 0::numeric)) v(s, e, c, x);
SELECT gross_revenue_retention(s, e, c, x) FROM (VALUES (100::numeric, 0::numeric, 60::numeric, 50::numeric)) v(s, e, c, x);

DROP TABLE customers_random, customers_plain, customers_ours;

-- Rep turnover (section 16).  By hand (turnover_check.py): Q1 2024, 91
-- days; A (since 2022), B (left 01-31), C (hired 03-01), D (hired 01-15,
-- left 02-14, let go), E (since 2021), F (left 2023-12-31), G (hired
-- 04-01): rep-days 91 + 31 + 31 + 31 + 91 = 275, average headcount 275/91
-- = 3.021978021978022, separations B and D: 2 x 91 / 275 = 182/275 =
-- 0.6618181818181819; voluntary only (B): 91/275 = 0.33090909090909093.
-- Teams {A, B, C} and {D, E, F, G}: rep-days 153 and 122 (average
-- headcounts 153/91 = 1.6813186813186813 and 122/91 = 1.3406593406593406),
-- one separation each: 91/153 = 0.5947712418300654, 91/122 =
-- 0.7459016393442623.
CREATE TABLE spells (rep text, team int, hired_on date, left_on date, voluntary boolean);
INSERT INTO spells VALUES ('A', 1, '2022-05-01', NULL, NULL), ('B', 1, '2023-03-01', '2024-01-31', true),
  ('C', 1, '2024-03-01', NULL, NULL), ('D', 2, '2024-01-15', '2024-02-14', false), ('E', 2, '2021-09-01', NULL, NULL),
  ('F', 2, '2022-01-01', '2023-12-31', true), ('G', 2, '2024-04-01', NULL, NULL);
SELECT rep_turnover(hired_on, left_on, '[2024-01-01,2024-04-01)') AS turnover,
       avg_headcount(hired_on, left_on, '[2024-01-01,2024-04-01)') AS avg_headcount,
       rep_turnover(hired_on, left_on, voluntary, '[2024-01-01,2024-04-01)') AS voluntary_turnover,
       rep_turnover(hired_on::timestamptz, left_on::timestamptz, '[2024-01-01,2024-04-01)') AS from_timestamptz
FROM spells;
SELECT team, avg_headcount(hired_on, left_on, '[2024-01-01,2024-04-01)') AS avg_headcount,
       rep_turnover(hired_on, left_on, '[2024-01-01,2024-04-01)') AS turnover
FROM spells GROUP BY team ORDER BY team;
-- no rep-day: NULL; a spell with no hire date is skipped
SELECT rep_turnover(hired_on, left_on, '[2025-01-01,2025-02-01)') AS nobody_employed,
       rep_turnover(NULL::date, left_on, '[2024-01-01,2024-04-01)') AS no_hire_dates,
       avg_headcount(hired_on, left_on, '[2025-01-01,2025-02-01)') AS headcount_nobody_employed
FROM spells WHERE rep = 'F';

-- 3,000 random spells in 6 teams against plain SQL: rep-days as clipped
-- date differences, separations as a count, their ratio x days in float8
-- (integers below 2^53 divided once); serial and parallel
SELECT setseed(0.5);
CREATE TABLE spells_random AS
SELECT id, id % 6 AS team, hired_on,
       CASE WHEN random() < 0.4 THEN hired_on + floor(random() * 500)::int END AS left_on,
       random() < 0.6 AS voluntary
FROM (SELECT id, date '2023-01-01' + floor(random() * 700)::int AS hired_on FROM generate_series(1, 3000) id) g;
ANALYZE spells_random;
CREATE TABLE turnover_plain AS
SELECT team,
       (count(*) FILTER (WHERE left_on >= '2024-01-01' AND left_on < '2024-07-01') * 182)::float8
         / sum(greatest(0, least(date '2024-07-01', coalesce(left_on + 1, '2024-07-01')) - greatest(hired_on, '2024-01-01'))) AS turnover,
       (count(*) FILTER (WHERE left_on >= '2024-01-01' AND left_on < '2024-07-01' AND voluntary) * 182)::float8
         / sum(greatest(0, least(date '2024-07-01', coalesce(left_on + 1, '2024-07-01')) - greatest(hired_on, '2024-01-01'))) AS voluntary
FROM spells_random GROUP BY team;
CREATE TABLE turnover_ours AS
SELECT 'serial' AS plan, team, rep_turnover(hired_on, left_on, '[2024-01-01,2024-07-01)') AS turnover,
       rep_turnover(hired_on, left_on, voluntary, '[2024-01-01,2024-07-01)') AS voluntary
FROM spells_random GROUP BY team;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT team, rep_turnover(hired_on, left_on, '[2024-01-01,2024-07-01)') FROM spells_random GROUP BY team;
INSERT INTO turnover_ours
SELECT 'parallel', team, rep_turnover(hired_on, left_on, '[2024-01-01,2024-07-01)'),
       rep_turnover(hired_on, left_on, voluntary, '[2024-01-01,2024-07-01)')
FROM spells_random GROUP BY team;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
SELECT o.plan, count(*) AS teams,
       count(*) FILTER (WHERE o.turnover = p.turnover AND o.voluntary = p.voluntary) AS equal_to_plain_sql
FROM turnover_ours o JOIN turnover_plain p USING (team) GROUP BY o.plan ORDER BY o.plan;

-- errors: the period NULL (22004), unbounded or differing (22023), a spell
-- ending before it starts (22023)
SELECT rep_turnover(hired_on, left_on, NULL) FROM spells;
SELECT rep_turnover(hired_on, left_on, '[2024-01-01,)') FROM spells;
SELECT avg_headcount(hired_on, left_on, 'empty') FROM spells;
SELECT rep_turnover(hired_on, left_on, daterange('2024-01-01', CASE WHEN team = 1 THEN date '2024-04-01' ELSE '2024-05-01' END))
FROM spells;
SELECT rep_turnover(hired_on, left_on, '[2024-01-01,2024-04-01)') FROM (VALUES ('2024-02-01'::date, '2024-01-01'::date)) v(hired_on, left_on);

DROP TABLE spells, spells_random, turnover_plain, turnover_ours;
