-- Customers and money spent: unit economics (kpi-definitions.md section 17:
-- cac, cac_payback_months, ltv, magic_number, sales_efficiency) and churn
-- and revenue retention (section 10: churn_rate, net_revenue_retention,
-- gross_revenue_retention).
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
-- a moving window recomputed frame by frame must agree bit for bit.

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

-- errors: a negative component, losses beyond the starting MRR
SELECT net_revenue_retention(s, e, c, x) FROM (VALUES (100::numeric, -1::numeric, 0::numeric, 0::numeric)) v(s, e, c, x);
SELECT gross_revenue_retention(s, e, c, x) FROM (VALUES (100::numeric, 0::numeric, 60::numeric, 50::numeric)) v(s, e, c, x);

DROP TABLE customers_random, customers_plain, customers_ours;
