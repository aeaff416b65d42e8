-- numeric infinities ('Infinity', '-Infinity'), which PostgreSQL 14 added to
-- numeric: the cases of pipeline, win_rate, forecast, attainment and
-- attainment_by_rep that need one.  On 13 numeric has no infinities and
-- this test only skips (test/expected/numeric_infinity_1.out).
-- How checked: these cases moved here unchanged from the files named
-- beside each; their values follow PostgreSQL's own numeric rules, shown in
-- the same query where a plain formula exists (sum(a * p), achieved >=
-- quota) and worked out by hand in the comments where it does not
-- (Inf * 0 = NaN, Inf + -Inf = NaN, x / Inf = 0, the median of
-- {-Inf, 1/2, Inf, NaN}).
SELECT current_setting('server_version_num')::int < 140000 AS numeric_without_infinity \gset
\if :numeric_without_infinity
\quit
\endif

-- weighted_pipeline (pipeline.sql): an infinite probability is out of range, like NaN
SELECT weighted_pipeline(a, p) FROM (VALUES (100::numeric, 'Infinity'::numeric)) v(a, p);

-- NaN and infinities in numeric amounts follow sum(numeric):
-- NaN -> NaN; Inf * p -> Inf; Inf * 0 -> NaN; +Inf and -Inf -> NaN
SELECT v.label, weighted_pipeline(a, p) AS ours, sum(a * p) AS plain
FROM (VALUES ('nan', 'NaN'::numeric, 0.5::numeric), ('nan', 100, 0.5),
             ('pinf', 'Infinity', 0.5), ('pinf', 100, 0.5),
             ('inf_times_zero', 'Infinity', 0), ('inf_times_zero', 100, 0.5),
             ('both_infinities', 'Infinity', 0.5), ('both_infinities', '-Infinity', 0.25),
             ('ninf', '-Infinity', 1), ('ninf', 5, 1)) v(label, a, p)
GROUP BY v.label ORDER BY v.label;

-- value_win_rate (win_rate.sql): NaN propagates (tested before the
-- "denominator <= 0" rule); infinities as numeric/float8 division
SELECT label, value_win_rate(w, a) AS numeric_amounts, value_win_rate(w, a::float8) AS float8_amounts
FROM (VALUES ('nan_won', true, 'NaN'::numeric), ('nan_won', false, 10),
             ('nan_lost', true, 10), ('nan_lost', false, 'NaN'),
             ('nan_negative_denominator', true, 'NaN'), ('nan_negative_denominator', false, -100),
             ('inf_won', true, 'Infinity'), ('inf_won', false, 10),
             ('inf_lost', true, 10), ('inf_lost', false, 'Infinity'),
             ('ninf_lost', true, 10), ('ninf_lost', false, '-Infinity'),
             ('both_inf', true, 'Infinity'), ('both_inf', false, '-Infinity')) v(label, w, a)
GROUP BY label ORDER BY label;

-- forecast_error (forecast.sql): an infinite numeric forecast, as avg(numeric)
SELECT mae(f, a), forecast_bias(f, a)
FROM (VALUES ('Infinity'::numeric, 1::numeric), (2, 1)) v(f, a);

-- attainment (attainment.sql): infinite quotas are errors
SELECT attainment(achieved, quota) FROM (VALUES (100::numeric, 'Infinity'::numeric)) v(achieved, quota);
SELECT quota_attainment(achieved, quota) FROM (VALUES (100::numeric, '-Infinity'::numeric)) v(achieved, quota);

-- NaN and infinite achieved follow sum(numeric): the totals and the ratio
-- of sums are NaN or infinite.  A row's ratio sorts as ORDER BY sorts its
-- float8 value (NaN last): it counts as at quota (NaN >= x * quota is true
-- in numeric), -Infinity never does.  Ratios {-Inf, 1/2, Inf, NaN}: median
-- (1/2 + Inf) / 2 = Infinity, 2 of 4 at quota (NaN and Infinity).
SELECT attainment(achieved, quota), quota_attainment(achieved, quota), pct_at_quota(achieved, quota),
       median_attainment(attainment(achieved, quota)),
       count(*) FILTER (WHERE achieved >= quota) AS plain_at_quota
FROM (VALUES ('NaN'::numeric, 10::numeric), ('Infinity', 10), ('-Infinity', 10), (5, 10)) v(achieved, quota);
SELECT label, quota_attainment(achieved, quota), median_attainment(attainment(achieved, quota)),
       total_achieved(attainment(achieved, quota))
FROM (VALUES ('inf', 'Infinity'::numeric, 10::numeric), ('inf', 5, 10),
             ('inf_minus_inf', 'Infinity', 10), ('inf_minus_inf', '-Infinity', 10),
             ('zero_quota_nan', 'NaN', 0), ('zero_quota_nan', 5, 10)) v(label, achieved, quota)
GROUP BY label ORDER BY label;

-- attainment_by_rep (attainment_by_rep.sql): an infinite quota is an error
SELECT attainment_by_rep(1, 100, 'Infinity'::numeric);

-- median_deal_size (deal_size.sql): -Infinity first, Infinity before NaN;
-- sorted -Infinity, 5, Infinity, Infinity: the two middle ones are 5 and
-- Infinity, whose midpoint is Infinity (by hand); the summary accessor too
SELECT median_deal_size(true, amount) AS with_infinities,
       median_deal_size(deal_summary(true, amount, NULL::float8, NULL::date, NULL::date)) AS summary
FROM (VALUES ('-Infinity'::numeric), (5), ('Infinity'), ('Infinity')) v(amount);

-- attainment input (hardening.sql, 12., A6): an infinite ratio with a total
-- of the other infinity is refused (22P02)
SELECT 'v1 reps=1 zero_quotas=0 total_achieved=-Infinity total_quota=2 ratios={Infinity}'::attainment;
-- forecast_error input (F9): Σd² infinite with Σ|d| finite is refused
SELECT 'v1 numeric count=1 zero_actuals=0 sum_abs_error=1 sum_error=1 sum_sq_error=Infinity sum_abs_actual=1 sum_ape=1 sum_sape=1'::forecast_error;

-- pipeline_flow (pipeline_flow.sql): infinite amounts enter the bars as
-- sum(numeric) adds them.  By hand: Inf -> 5 is decreased |5 - Inf| = Inf;
-- 5 -> -Inf is decreased Inf; Inf -> Inf is increased Inf - Inf = NaN
-- (numeric orders NaN above every number); the two first together make
-- start Inf + 5 = Inf, end 5 + -Inf = -Inf, decreased Inf + Inf = Inf.
SELECT n, pipeline_flow(NULL, a0, '2024-05-01'::date, NULL, a1, '2024-05-01'::date, '2024-01-01'::date,
                        '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
FROM (VALUES (1, 'Infinity'::numeric, 5::numeric), (2, 5, '-Infinity'), (3, 'Infinity', 'Infinity')) v(n, a0, a1)
GROUP BY n ORDER BY n;
SELECT pipeline_flow(NULL, a0, '2024-05-01'::date, NULL, a1, '2024-05-01'::date, '2024-01-01'::date,
                     '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)')
FROM (VALUES ('Infinity'::numeric, 5::numeric), (5, '-Infinity')) v(a0, a1);
-- stored values with infinities read back (the amount identity does not apply)
SELECT f::text::pipeline_flow = f AS text_round_trip
FROM (SELECT pipeline_flow(NULL, a0, '2024-05-01'::date, NULL, a1, '2024-05-01'::date, '2024-01-01'::date,
                           '[2024-04-01,2024-04-08)', '[2024-04-01,2024-07-01)') AS f
      FROM (VALUES ('Infinity'::numeric, 5::numeric), (5, '-Infinity')) v(a0, a1)) t;

-- unit economics (unit_economics.sql): infinite amounts follow numeric
-- division (Inf / 4 = Inf, x / Inf = 0); a spend of -Infinity is negative
SELECT cac('Infinity', 4) AS infinite_spend, sales_efficiency(100, 'Infinity') AS infinite_spend_efficiency,
       ltv('Infinity', 0.5, 0.5) AS infinite_arpa;
SELECT cac('-Infinity', 4);

-- exact_ratio_state (win_rate.sql) with infinite sums: text round trip, and
-- the final ratio by numeric's rules (1 / Infinity = 0; a closed sum of
-- -3, not positive, gives NULL)
SELECT s, s::exact_ratio_state::text = s AS round_trip, value_win_rate_final(s::exact_ratio_state) AS ratio
FROM (VALUES ('v1 numerator=1 denominator=Infinity'), ('v1 numerator=-Infinity denominator=-3')) v(s);
