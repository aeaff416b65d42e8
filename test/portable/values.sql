-- The stored summaries whose text and binary COPY must read back
-- identically on every other major (test/versions.sh): every type, from
-- deterministic data (no random(), no hash), in every shape its storage
-- has: numeric and float8 kinds, values wider than 18 digits and totals
-- past 10^37 units (the spill), NaN, negative and zero amounts, empty and
-- long sales cycle histograms, fixed-width and wide attainment ratios,
-- attainment_by_rep() results and rollups.  Values with a numeric
-- infinity, which only 14 and later have, are keyed 'inf ...' and made only
-- there (at the end): test/versions.sh exports each of them on its own, and
-- a 13 must refuse every one of them at COPY FROM.
-- Run after schema.sql.

CREATE TEMP TABLE fc AS
SELECT i, i % 5 AS grp,
       CASE WHEN i % 97 = 0 THEN 12345678901234567890.123456::numeric
            WHEN i % 89 = 0 THEN -0.000000000000000000000123::numeric
            ELSE round(((i * 7919) % 65536 * 1.37)::numeric, 2) END AS f,
       CASE WHEN i % 13 = 0 THEN 0 ELSE round(((i * 104729) % 65536 * 1.11)::numeric, 3) END AS a
FROM generate_series(1, 1000) i;

INSERT INTO portable_values (k, fe)
SELECT 'fe numeric group ' || grp, forecast_error(f, a) FROM fc GROUP BY grp
UNION ALL SELECT 'fe float8 group ' || grp, forecast_error(f::float8, a::float8) FROM fc GROUP BY grp
UNION ALL SELECT 'fe numeric rollup', rollup(s) FROM (SELECT forecast_error(f, a) s FROM fc GROUP BY grp) g
UNION ALL SELECT 'fe numeric small', forecast_error(f, a)
          FROM (VALUES (110::numeric, 100::numeric), (90, 100), (0, 0), (5.5, -2.25)) v(f, a)
UNION ALL SELECT 'fe numeric wide', forecast_error(f, a)
          FROM (VALUES (12345678901234567890.123456::numeric, 1::numeric),
                       (-0.000000000000000000000123, 0.5), (1, 98765432109876543210)) v(f, a)
UNION ALL SELECT 'fe numeric past 10^37', forecast_error(f, a)
          FROM (VALUES (99999999999999999999999999999999999999999.99::numeric, 0::numeric),
                       (99999999999999999999999999999999999999999.99, -1.5)) v(f, a)
UNION ALL SELECT 'fe numeric NaN', forecast_error(f, a) FROM (VALUES (1::numeric, 2::numeric), ('NaN', 1)) v(f, a)
UNION ALL SELECT 'fe numeric zero actuals only', forecast_error(f, a) FROM (VALUES (3::numeric, 0::numeric), (-4, 0)) v(f, a)
UNION ALL SELECT 'fe float8 NaN', forecast_error(f, a) FROM (VALUES (1::float8, 'NaN'::float8), (2, 1)) v(f, a)
UNION ALL SELECT 'fe float8 extremes', forecast_error(f, a)
          FROM (VALUES (1e150::float8, 2.5::float8), (1e-150, -2.5e-150), (0.1, 0.3)) v(f, a)
UNION ALL SELECT 'fe literal', 'v1 numeric count=6 zero_actuals=2 sum_abs_error=45 sum_error=5 sum_sq_error=625 sum_abs_actual=500 sum_ape=0.4 sum_sape=2.3823194349510137';

CREATE TEMP TABLE deals AS
SELECT i, i % 4 AS team,
       CASE i % 3 WHEN 0 THEN true WHEN 1 THEN false END AS won,
       CASE WHEN i % 71 = 0 THEN NULL WHEN i % 83 = 0 THEN -round((i * 3.7)::numeric, 2)
            WHEN i % 197 = 0 THEN 123456789012345678901234.5::numeric
            ELSE round(((i * 7919) % 65536 * 2.31)::numeric, 2) END AS amount,
       ((i * 31) % 21) / 20.0 AS probability,
       date '2024-01-01' + (i % 300) AS created_at,
       date '2024-01-01' + (i % 300) + (i * 37) % 400 AS closed_at
FROM generate_series(1, 1200) i;

INSERT INTO portable_values (k, ds)
SELECT 'ds numeric team ' || team, deal_summary(won, amount, probability::float8, created_at, closed_at) FROM deals GROUP BY team
UNION ALL SELECT 'ds numeric probability team ' || team, deal_summary(won, amount, probability, created_at, closed_at) FROM deals GROUP BY team
UNION ALL SELECT 'ds float8 team ' || team, deal_summary(won, amount::float8, probability::float8, created_at, closed_at) FROM deals GROUP BY team
UNION ALL SELECT 'ds rollup', rollup(s)
          FROM (SELECT deal_summary(won, amount, probability::float8, created_at, closed_at) s FROM deals GROUP BY team) g
UNION ALL SELECT 'ds open only', deal_summary(NULL, 10, 0.5::float8, NULL, NULL)
UNION ALL SELECT 'ds wide and past 10^37', deal_summary(w, a, p, date '2024-01-01', date '2024-03-01')
          FROM (VALUES (true, 99999999999999999999999999999999999999999.99::numeric, 1::float8),
                       (true, 99999999999999999999999999999999999999999.99, 1),
                       (false, 12345678901234567890.123456, 0),
                       (NULL, 0.000000000000000000001, 0.3)) v(w, a, p)
UNION ALL SELECT 'ds numeric NaN', deal_summary(w, a, 0.5::float8, date '2024-01-01', date '2024-01-11')
          FROM (VALUES (true, 'NaN'::numeric), (false, 5), (NULL, 7)) v(w, a)
UNION ALL SELECT 'ds float8 NaN', deal_summary(w, a, 0.5::float8, date '2024-01-01', date '2024-01-11')
          FROM (VALUES (true, 'NaN'::float8), (NULL, 7), (NULL, 'NaN')) v(w, a)
UNION ALL SELECT 'ds negative amounts', deal_summary(w, a, 1::float8, date '2024-01-01', date '2024-01-02')
          FROM (VALUES (true, -5.25::numeric), (false, -100), (NULL, -1)) v(w, a)
UNION ALL SELECT 'ds long cycle histogram', deal_summary(true, 1::numeric, 1::float8, date '2000-01-01', date '2000-01-01' + i * 13)
          FROM generate_series(0, 2000) i
UNION ALL SELECT 'ds literal', 'v1 numeric open_deals=1 won_deals=2 lost_deals=0 open_pipeline=10 open_pipeline_deals=1 weighted_pipeline=5 weighted_pipeline_deals=1 won_amount=30 won_amount_deals=2 lost_amount=0 lost_amount_deals=0 cycle_days={3:1,10:1}';

INSERT INTO portable_values (k, att)
SELECT 'att group ' || grp, attainment(a, CASE WHEN i % 17 = 0 THEN 0 ELSE abs(f) END) FROM fc GROUP BY grp
UNION ALL SELECT 'att rollup', rollup(s) FROM (SELECT attainment(a, abs(f)) s FROM fc GROUP BY grp) g
UNION ALL SELECT 'att wide ratios', attainment(a, q)
          FROM (VALUES (1000000000000000000000000000000::numeric, 3::numeric), (1, 3),
                       (100000000000000000001, 0.00000000000000000001), (2.5, 7), (5, 0)) v(a, q)
UNION ALL SELECT 'att past 10^37', attainment(a, q)
          FROM (VALUES (99999999999999999999999999999999999999999.99::numeric, 1::numeric),
                       (99999999999999999999999999999999999999999.99, 99999999999999999999999999999999999999999.99)) v(a, q)
UNION ALL SELECT 'att NaN', attainment(a, q) FROM (VALUES ('NaN'::numeric, 1::numeric), (1, 3), (5, 0)) v(a, q)
UNION ALL SELECT 'att clawbacks', attainment(a, q) FROM (VALUES (-50::numeric, 100::numeric), (0, 100), (150, 100)) v(a, q)
UNION ALL SELECT 'att literal', 'v1 reps=3 zero_quotas=0 total_achieved=12500 total_quota=30000 ratios={-1/2,1/4,3/2}'
UNION ALL SELECT 'att by rep report', attainment_by_rep(rep, a, q)
          FROM (VALUES (1::bigint, 40000::numeric, NULL::numeric), (1, 60000, NULL), (1, NULL, 100000),
                       (2, 95000, NULL), (2, NULL, 100000), (3, 20000, NULL), (3, NULL, 0),
                       (4, 130000, 120000), (5, NULL, 100000), (6, 70000, NULL)) v(rep, a, q)
UNION ALL SELECT 'att by rep wide', attainment_by_rep(rep, a, q)
          FROM (VALUES ('-9223372036854775808'::bigint, 9223372036854775807::numeric, 1::numeric),
                       ('-9223372036854775808', 9223372036854775807, 2),
                       (9223372036854775807, 1234567890123456789.5, 0.1),
                       (0, 'NaN', 10), (7, 100000000000000000001, 0.00000000000000000001)) v(rep, a, q);

INSERT INTO portable_values (k, pf)
SELECT 'pf group ' || grp, pipeline_flow(CASE WHEN i % 7 = 0 THEN i % 2 = 0 END, CASE WHEN i % 11 > 0 THEN f END,
                                         date '2024-01-01' + (i % 250), CASE WHEN i % 5 = 0 THEN i % 3 = 0 END, a,
                                         date '2024-01-01' + (i * 7 % 300), date '2024-01-01' + (i % 120),
                                         '[2024-04-01,2024-05-01)', '[2024-04-01,2024-07-01)')
FROM fc GROUP BY grp
UNION ALL SELECT 'pf rolling', pipeline_flow(NULL, f, date '2024-05-01', NULL, a, date '2024-09-01', NULL,
                                             '[2024-04-01,2024-05-01)', '(,)') FROM fc
UNION ALL SELECT 'pf nan and spill', pipeline_flow(NULL, f, date '2024-05-01', NULL, a, date '2024-05-01', date '2024-01-01',
                                                   '[2024-04-01,2024-05-01)', '[2024-04-01,)')
          FROM (VALUES ('NaN'::numeric, 1::numeric), (5, 99999999999999999999999999999999999999.5), (0, 0)) v(f, a);

INSERT INTO portable_values (k, sf)
SELECT 'sf group ' || grp, stage_funnel(CASE WHEN i % 6 > 0 THEN 1 + i % 3 END, CASE WHEN i % 4 < 3 THEN i % 4 = 0 END, 3)
FROM fc GROUP BY grp
UNION ALL SELECT 'sf one stage', stage_funnel(1, w, 1) FROM (VALUES (true), (false), (NULL), (NULL)) v(w)
UNION ALL SELECT 'sf 255 stages', stage_funnel(h, false, 255) FROM (VALUES (1), (255), (128)) v(h);
INSERT INTO portable_values (k, st)
SELECT 'st group ' || grp, stage_time(1 + i % 3, CASE WHEN i % 5 > 0 THEN i % 40 END, 3) FROM fc GROUP BY grp
UNION ALL SELECT 'st extremes', stage_time(s, d, 2) FROM (VALUES (1, 0), (1, 2147483493), (2, NULL)) v(s, d);
INSERT INTO portable_values (k, ls)
SELECT 'ls group ' || grp, lead_summary(timestamptz '2024-01-01 00:00+00' + i * interval '1 hour',
                                        CASE WHEN i % 7 > 0 THEN timestamptz '2024-01-01 00:00+00' + i * interval '1 hour'
                                                                 + (i % 50 - 5) * interval '17 minutes 0.5 seconds' END,
                                        CASE WHEN i % 3 > 0 THEN i % 2 = 0 END, CASE WHEN i % 5 > 0 THEN i % 4 = 0 END,
                                        CASE WHEN i % 6 > 0 THEN i % 3 = 0 END)
FROM fc GROUP BY grp
UNION ALL SELECT 'ls business hours', lead_summary(r, true, NULL, NULL)
          FROM (VALUES (interval '2 days 3 hours'), ('-1 hour'), (NULL), ('0'), ('24000 days 23:59:59')) v(r);

-- numeric infinities: 14 and later only
SELECT current_setting('server_version_num')::int >= 140000 AS numeric_with_infinity \gset
\if :numeric_with_infinity
INSERT INTO portable_values (k, fe)
SELECT 'inf fe numeric', forecast_error(f, a) FROM (VALUES (1::numeric, 'Infinity'::numeric), (2, 1)) v(f, a)
UNION ALL SELECT 'inf fe numeric both signs', forecast_error(f, a)
          FROM (VALUES ('Infinity'::numeric, 1::numeric), ('-Infinity', 2), (3, 4)) v(f, a);
INSERT INTO portable_values (k, ds)
SELECT 'inf ds numeric', deal_summary(w, a, 0.5::float8, date '2024-01-01', date '2024-01-05')
FROM (VALUES (true, 'Infinity'::numeric), (false, '-Infinity'), (NULL, 10)) v(w, a);
INSERT INTO portable_values (k, att)
SELECT 'inf att', attainment(a, q) FROM (VALUES ('Infinity'::numeric, 10::numeric), ('-Infinity', 10), (5, 10)) v(a, q)
UNION ALL SELECT 'inf att by rep', attainment_by_rep(rep, a, q)
          FROM (VALUES (1::bigint, 'Infinity'::numeric, 10::numeric), (2, 5, 10)) v(rep, a, q);
INSERT INTO portable_values (k, pf)
SELECT 'inf pf', pipeline_flow(NULL, f, date '2024-05-01', NULL, a, date '2024-05-01', date '2024-01-01',
                               '[2024-04-01,2024-05-01)', '[2024-04-01,2024-07-01)')
FROM (VALUES ('Infinity'::numeric, 1::numeric), (1, '-Infinity')) v(f, a);
\endif
