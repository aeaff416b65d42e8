-- Unit economics (kpi-definitions.md section 17): cac, cac_payback_months,
-- ltv, magic_number, sales_efficiency.
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
