-- Integer money (0.7.0, issue 14): smallint, integer and bigint amount columns
-- resolve to overloads that read them exactly, as whole currency units,
-- and give the numeric results; before, they resolved to the float8
-- overloads (float8 is the preferred numeric type) and lost exactness past
-- 2^53 = 9007199254740992.
--
-- How checked: the exact figures are worked out by hand beside each query
-- (sums of a few integers around 2^53 and 2^63); the comparisons over
-- generated rows use core's sum() over the same integers cast to numeric,
-- which shares no code with salesops; where the float8 overloads would
-- have answered differently, the float8 figure is worked out too (both
-- 2^53 + 1 and 2^53 read as the double 2^53).
CREATE TABLE im_deals (id int, won boolean, amount8 bigint, amount4 int, probability float8,
                       created date, closed date);
INSERT INTO im_deals VALUES
  (1, true,  9007199254740993, 2000000000, 1.0, '2026-01-01', '2026-01-31'),  -- 2^53 + 1
  (2, true,  3,                 5,          1.0, '2026-01-01', '2026-01-11'),
  (3, false, 9007199254740992, 2000000000, 0.0, '2026-01-01', '2026-02-01'),  -- 2^53
  (4, NULL,  9007199254740993, 1000000001, 0.5, '2026-01-01', NULL),
  (5, NULL,  NULL,              NULL,       0.5, '2026-01-01', NULL);

-- 1. Resolution: smallint, integer and bigint amounts give numeric results; a mix
--    of them resolves to the widest overload, a mix with numeric to the
--    numeric one (a numeric forecast_error summary, not a float8 one).
SELECT pg_typeof(weighted_pipeline(amount8, probability)) AS bigint_amount,
       pg_typeof(weighted_pipeline(amount4, probability)) AS integer_amount,
       pg_typeof(weighted_pipeline(amount4::smallint, probability)) AS smallint_amount,
       split_part(forecast_error(amount4, amount8)::text, ' ', 2) AS integer_and_bigint_kind,
       split_part(forecast_error(amount4, amount8::numeric)::text, ' ', 2) AS integer_and_numeric_kind
FROM im_deals WHERE id = 2;

-- 2. weighted_pipeline and value_win_rate.  Open deals: 4 (0.5 x
--    9007199254740993 = 4503599627370496.5) and 5 (no amount); with
--    probability 1 for every row: 9007199254740993 + 3 + 9007199254740992
--    + 9007199254740993 = 27021597764222981.  The float8 overload gives
--    3 x 2^53 + 3 rounded to a double: 27021597764222976.
SELECT weighted_pipeline(amount8, probability) FILTER (WHERE won IS NULL) AS open_weighted,
       weighted_pipeline(amount8, 1.0) AS all_at_one,
       weighted_pipeline(amount8::float8, 1.0) AS float8_all_at_one,
       weighted_pipeline(amount4, 0.25) AS integer_quarter,        -- 5000000006 x 0.25
       value_win_rate(won, amount8) AS value_win_rate_bigint      -- 9007199254740996 / 18014398509481988
FROM im_deals;

-- 3. deal_summary: the amounts exactly; the same summary as over the
--    amounts cast to numeric.
SELECT won_amount(s) AS won_amount,            -- 9007199254740993 + 3
       lost_amount(s) AS lost_amount,          -- 9007199254740992
       open_pipeline(s) AS open_pipeline,      -- 9007199254740993
       weighted_pipeline(s) AS weighted,       -- 4503599627370496.5
       avg_deal_size(s) AS avg_deal_size,      -- 9007199254740996 / 2
       s = (SELECT deal_summary(won, amount8::numeric, probability, created, closed) FROM im_deals) AS equals_numeric
FROM (SELECT deal_summary(won, amount8, probability, created, closed) AS s FROM im_deals) t;
SELECT won_amount(deal_summary(won, amount4, probability, created::timestamptz, closed::timestamptz)) AS won_integer  -- 2000000005
FROM im_deals;

-- 4. Forecast measures: forecast 2^53 + 1 against actual 2^53 is an error
--    of exactly 1; the float8 overloads see 0 (both read as 2^53).
SELECT mae(f, a) AS mae, rmse(f, a) AS rmse, forecast_bias(f, a) AS bias,
       mae(f::float8, a::float8) AS float8_mae,
       wape(f, a) = 1 / 9007199254740992::float8 AS wape_is_1_over_2_53
FROM (VALUES (9007199254740993::bigint, 9007199254740992::bigint)) v(f, a);
SELECT mae(f, a) AS mae_integer,  -- (|7 - 5| + |1 - 4|) / 2 = 2.5
       forecast_bias(f, a) AS bias_integer  -- ((7 - 5) + (1 - 4)) / 2 = -0.5
FROM (VALUES (7, 5), (1, 4)) v(f, a);

-- 5. Quota attainment: achieved 2^53 against quota 2^53 + 1 is below
--    quota; the float8 reading would put the rep at quota.
SELECT pct_at_quota(a, q) AS pct_at_quota, quota_attainment(a, q) < 1 AS below_one,
       reps_at_quota(attainment(a, q)) AS reps_at_quota,
       total_quota(attainment(a, q)) AS total_quota,  -- 9007199254740993 + 10
       pct_at_quota(a::float8::numeric, q::float8::numeric) AS float8_reading
FROM (VALUES (9007199254740992::bigint, 9007199254740993::bigint), (5, 10)) v(a, q);
SELECT pct_at_quota(a, q, 0.5) AS half_quota,   -- 6/10 and 5/10 reach half, 4/10 does not
       median_attainment(attainment(a, q)) AS median  -- 0.5
FROM (VALUES (6, 10), (5, 10), (4, 10)) v(a, q);

-- 6. Past 2^63 and past 18 digits: the largest bigint takes the numeric
--    path and stays exact.  9223372036854775807 x 2 + 1 = 18446744073709551615.
SELECT weighted_pipeline(a, 1.0) AS weighted, total_achieved(attainment(a, 1)) AS total_achieved,
       reps_at_quota(attainment(a, 1)) AS at_quota
FROM (VALUES (9223372036854775807::bigint), (9223372036854775807), (1)) v(a);

-- 7. attainment_by_rep with text, uuid and bigint keys and bigint amounts:
--    rep A 2^53 + 2^53 + 2 against 2^54 + 1 (above), rep B 3 against 4.
SELECT reps(s) AS reps, reps_at_quota(s) AS reps_at_quota, total_achieved(s) AS total_achieved
FROM (SELECT attainment_by_rep(rep, a, q) AS s FROM (VALUES
        ('A', 9007199254740992::bigint, NULL::bigint), ('A', 9007199254740994, NULL),
        ('A', NULL, 18014398509481985), ('B', 3, 4)) v(rep, a, q)) t;
SELECT reps_at_quota(attainment_by_rep(rep, a, q)) AS uuid_keys
FROM (VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, 5, 5)) v(rep, a, q);
SELECT reps_at_quota(attainment_by_rep(rep, a, q)) AS bigint_keys
FROM (VALUES (1::bigint, 4, 5), (2, 6, 5)) v(rep, a, q);

-- 8. Moving windows and parallel plans over generated integer amounts
--    around 2^53: every frame and both plans equal core's numeric sums.
CREATE TABLE im_rows AS
SELECT g, 9007199254740000::bigint + g * 7 AS amount8, (g % 1000)::int AS amount4,
       (g % 3 = 0) AS won
FROM generate_series(1, 60000) g;
SELECT count(*) FILTER (WHERE w <> s) AS frames_differ
FROM (SELECT weighted_pipeline(amount8, 1.0) OVER f AS w, sum(amount8::numeric * 1.0) OVER f AS s
      FROM im_rows WHERE g <= 2000 WINDOW f AS (ORDER BY g ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)) t;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT deal_summary(won, amount8, 0.5::float8, date '2026-01-01', date '2026-02-01') FROM im_rows;
SELECT won_amount(s) = (SELECT sum(amount8::numeric) FROM im_rows WHERE won) AS won_parallel,
       lost_amount(s) = (SELECT sum(amount8::numeric) FROM im_rows WHERE NOT won) AS lost_parallel
FROM (SELECT deal_summary(won, amount8, 0.5::float8, date '2026-01-01', date '2026-02-01') AS s FROM im_rows) t;
SELECT weighted_pipeline(amount4, 0.5) = (SELECT sum(amount4 * 0.5) FROM im_rows) AS integer_parallel,
       total_achieved(attainment(amount8, amount8 + 1)) = (SELECT sum(amount8::numeric) FROM im_rows) AS attainment_parallel
FROM im_rows;
RESET max_parallel_workers_per_gather;

DROP TABLE im_deals, im_rows;
