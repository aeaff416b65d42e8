-- Fiscal periods: fiscal_quarter, fiscal_quarter_number, fiscal_year,
-- fiscal_quarter_label, for a fiscal year starting on the 1st of any month
-- and named by the calendar year in which it ends.
--
-- How the expected values were checked:
-- * The leap-day table below was worked out by hand for every start month:
--   with start month m, 29 February 2024 is (2 - m + 12) % 12 months into
--   its fiscal year, so in quarter that / 3 + 1, which began that % 3 months
--   earlier; the year is 2024, or 2025 when the fiscal year began in
--   February 2024 (m = 2).  E.g. m = 10 (the US federal year): FY2024 Q2,
--   January to March 2024.
-- * Every day from 2023-11-01 to 2025-03-01 (leap day, year ends, every
--   quarter boundary), for every start month, against a plain SQL formula in
--   the same query: shift the date back m - 1 months, take the calendar
--   quarter and year, shift forward again (and add 1 to the year when
--   m > 1).  The expected mismatch count is 0.

-- 29 February 2024 for every start month
SELECT m AS fy_start_month, fiscal_quarter('2024-02-29', m), fiscal_quarter_number('2024-02-29', m),
       fiscal_year('2024-02-29', m), fiscal_quarter_label('2024-02-29', m)
FROM generate_series(1, 12) m ORDER BY m;

-- year end: 31 December 2024 and 1 January 2025, for a January, February,
-- April, July and October start
SELECT d, m AS fy_start_month, fiscal_quarter(d, m), fiscal_quarter_label(d, m)
FROM (VALUES (date '2024-12-31'), (date '2025-01-01')) v(d), (VALUES (1), (2), (4), (7), (10)) s(m)
ORDER BY m, d;

-- every day of 16 months, every start month, against the plain SQL formula
SELECT count(*) AS checked,
       count(*) FILTER (WHERE fiscal_quarter(d, m) IS DISTINCT FROM expected_quarter
                           OR fiscal_quarter_number(d, m) IS DISTINCT FROM expected_number
                           OR fiscal_year(d, m) IS DISTINCT FROM expected_year
                           OR fiscal_quarter_label(d, m) IS DISTINCT FROM
                              'FY' || expected_year || ' Q' || expected_number) AS mismatches,
       count(DISTINCT (m, fiscal_quarter(d, m))) AS distinct_quarters
FROM (SELECT d::date AS d, m,
             (date_trunc('quarter', d - make_interval(months => m - 1)) + make_interval(months => m - 1))::date
                 AS expected_quarter,
             extract(quarter FROM d - make_interval(months => m - 1))::int AS expected_number,
             extract(year FROM d - make_interval(months => m - 1))::int + CASE WHEN m > 1 THEN 1 ELSE 0 END
                 AS expected_year
      FROM generate_series(timestamp '2023-11-01', timestamp '2025-03-01', interval '1 day') d,
           generate_series(1, 12) m) x;

-- quarter boundaries: the last day of a quarter and the first of the next
SELECT d, fiscal_quarter(d, 2) AS quarter, fiscal_quarter_label(d, 2) AS label
FROM unnest(ARRAY[date '2024-01-31', '2024-02-01', '2024-04-30', '2024-05-01', '2024-07-31', '2024-08-01',
                  '2024-10-31', '2024-11-01']) d;

-- the start month is checked; NULL gives NULL
SELECT fiscal_quarter('2024-02-29', 0);
SELECT fiscal_year('2024-02-29', 13);
SELECT fiscal_quarter_label('2024-02-29', -1);
SELECT fiscal_quarter_number('2024-02-29', 2147483647);
SELECT fiscal_quarter(NULL, 2) IS NULL AS null_date, fiscal_year('2024-02-29', NULL) IS NULL AS null_month;

-- infinite dates: the quarter start stays infinite (as date_trunc keeps
-- infinite timestamps); a year, quarter number or label is an error
SELECT fiscal_quarter('infinity', 2) AS pinf, fiscal_quarter('-infinity', 2) AS ninf;
SELECT fiscal_year('infinity', 2);
SELECT fiscal_quarter_label('-infinity', 2);
-- the ends of the date range: the year after the last date, and a quarter
-- start before the first date (a date past the timestamp range must be
-- typed: an untyped literal takes the timestamptz form since 0.7.0)
SELECT fiscal_year(date '5874897-12-31', 2), fiscal_quarter(date '5874897-12-31', 2);
SELECT fiscal_quarter('4714-11-24 BC', 11) AS first_day_quarter_starts_before_the_range;
SELECT fiscal_quarter('4714-12-01 BC', 12);
-- before the common era: years as EXTRACT(YEAR) numbers them (no year 0);
-- a year starting in February 1 BC ends in January of 1 AD
SELECT fiscal_year('0001-12-31 BC', 1) AS year_1bc, fiscal_year('0001-03-01 BC', 2) AS fy_ends_1ad,
       fiscal_quarter_label('0001-01-15 BC', 2) AS label_1bc;

-- IMMUTABLE: usable in an expression index, GROUP BY and a join of won
-- deals to quotas set per fiscal quarter (year starting 1 February)
CREATE TEMP TABLE fq_quota (rep int, quarter date, quota numeric);
INSERT INTO fq_quota VALUES (1, '2024-02-01', 300), (1, '2024-05-01', 300), (2, '2024-02-01', 200), (2, '2024-05-01', 200);
CREATE TEMP TABLE fq_won (rep int, closed_at date, amount numeric);
INSERT INTO fq_won VALUES (1, '2024-01-31', 999),   -- FY2024 Q4: not in these quarters
                          (1, '2024-02-01', 100), (1, '2024-04-30', 250), (1, '2024-05-01', 50),
                          (2, '2024-07-31', 210);   -- rep 2 has nothing in FY2025 Q1
CREATE INDEX ON fq_won (fiscal_quarter(closed_at, 2));
-- rep 1: Q1 350 / 300, Q2 50 / 300; rep 2: Q1 0 / 200, Q2 210 / 200
SELECT fiscal_quarter_label(q.quarter, 2) AS quarter, q.rep, coalesce(b.achieved, 0) AS achieved, q.quota
FROM fq_quota q
LEFT JOIN (SELECT rep, fiscal_quarter(closed_at, 2) AS quarter, sum(amount) AS achieved
           FROM fq_won GROUP BY rep, fiscal_quarter(closed_at, 2)) b USING (rep, quarter)
ORDER BY q.quarter, q.rep;
-- per quarter: Q1 350 / 500 = 0.7, 1 of 2 at quota; Q2 260 / 500 = 0.52, 1 of 2
SELECT fiscal_quarter_label(q.quarter, 2) AS quarter,
       quota_attainment(coalesce(b.achieved, 0), q.quota), pct_at_quota(coalesce(b.achieved, 0), q.quota)
FROM fq_quota q
LEFT JOIN (SELECT rep, fiscal_quarter(closed_at, 2) AS quarter, sum(amount) AS achieved
           FROM fq_won GROUP BY rep, fiscal_quarter(closed_at, 2)) b USING (rep, quarter)
GROUP BY q.quarter ORDER BY q.quarter;
