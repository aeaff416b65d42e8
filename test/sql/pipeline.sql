-- weighted_pipeline: sum of amount * probability.
--
-- How the expected values were checked: fixture D and its results
-- (11407.4048 open, 61407.4048 all rows) are the hand-computed example of
-- kpi-definitions.md section 1 (re-checked there with Python fractions).
-- Every other numeric result is compared, in the same query, with the plain
-- SQL formula sum(amount * probability) evaluated by PostgreSQL's own numeric
-- code, both as values (=) and as text (same display scale); the extra
-- literal values were worked out by hand in the comments beside them.

CREATE TABLE deals_d (id int, won boolean, amount numeric, probability numeric,
                      created_at date, closed_at date);
INSERT INTO deals_d VALUES
 (1, true,  12000,   1.0,  '2024-01-01', '2024-01-31'),
 (2, true,  30000,   1.0,  '2024-02-01', '2024-03-01'),
 (3, true,  8000,    1.0,  '2024-03-10', '2024-06-18'),
 (4, false, 20000,   0.0,  '2024-01-15', '2024-02-14'),
 (5, false, 40000,   0.0,  '2024-02-01', '2024-04-01'),
 (6, NULL,  10000,   0.10, '2024-05-01', NULL),
 (7, NULL,  25000,   0.40, '2024-05-10', NULL),
 (8, NULL,  1234.56, 0.33, '2024-06-01', NULL);

-- open deals: 1000 + 10000 + 407.4048; all rows add 50000 at p = 1
SELECT weighted_pipeline(amount, probability) FILTER (WHERE won IS NULL) AS open_wp,
       weighted_pipeline(amount, probability) AS all_rows_wp,
       weighted_pipeline(amount, probability::float8) FILTER (WHERE won IS NULL) AS open_wp_float8_p,
       weighted_pipeline(amount::float8, probability::float8) FILTER (WHERE won IS NULL) AS open_wp_float8
FROM deals_d;

-- display scale equals the plain formula's: max over rows of scale(amount) + scale(p)
SELECT weighted_pipeline(amount, probability)::text AS ours,
       sum(amount * probability)::text AS plain
FROM deals_d;

-- NULL amount or probability: row skipped; no rows or only NULLs: NULL
SELECT weighted_pipeline(a, p) FROM (VALUES (100::numeric, NULL::numeric), (NULL, 0.5), (200, 0.25)) v(a, p);  -- 50
SELECT weighted_pipeline(a, p) IS NULL AS all_null FROM (VALUES (NULL::numeric, 0.5::numeric), (100, NULL)) v(a, p);
SELECT weighted_pipeline(amount, probability) IS NULL AS empty FROM deals_d WHERE false;
SELECT weighted_pipeline(amount::float8, probability::float8) IS NULL AS empty_float8 FROM deals_d WHERE false;
SELECT weighted_pipeline(a, p) IS NULL AS all_null_float8 FROM (VALUES (NULL::float8, 0.5::float8), (100, NULL)) v(a, p);

-- probability 0 and 1 are valid; negative amounts (credit notes) enter as they are:
-- -500 * 0.5 + 1000 * 1 + 700 * 0 = 750.0
SELECT weighted_pipeline(a, p) FROM (VALUES (-500::numeric, 0.5::numeric), (1000, 1), (700, 0)) v(a, p);
SELECT weighted_pipeline(a, p) FROM (VALUES (-500::float8, 0.5::float8), (1000, 1), (700, 0)) v(a, p);

-- probabilities outside [0, 1], NaN and infinities are errors with a hint
SELECT weighted_pipeline(a, p) FROM (VALUES (100::numeric, 70::numeric)) v(a, p);
SELECT weighted_pipeline(a, p) FROM (VALUES (100::numeric, -0.1::numeric)) v(a, p);
SELECT weighted_pipeline(a, p) FROM (VALUES (100::numeric, 1.000000000000000000000001::numeric)) v(a, p);
SELECT weighted_pipeline(a, p) FROM (VALUES (100::numeric, 'NaN'::numeric)) v(a, p);
SELECT weighted_pipeline(a, p) FROM (VALUES (100::numeric, 1.5::float8)) v(a, p);
SELECT weighted_pipeline(a, p) FROM (VALUES (100::numeric, 'NaN'::float8)) v(a, p);
SELECT weighted_pipeline(a, p) FROM (VALUES (100::float8, '-Infinity'::float8)) v(a, p);
SELECT weighted_pipeline(a, p) FROM (VALUES (100::float8, 1.0000000000000002::float8)) v(a, p);
-- a probability with more decimals than the fast path reads is still checked exactly
SELECT weighted_pipeline(a, p) FROM (VALUES (100::numeric, 0.0000000000000000000000000001::numeric)) v(a, p);

-- float8 probabilities multiply as probability::numeric (0.33::float8::numeric = 0.33);
-- 1/3 becomes 0.333333333333333 (15 significant digits): 300 * that = 99.999999999999900
SELECT weighted_pipeline(a, p) AS ours, sum(a * p::numeric) AS plain
FROM (VALUES (300::numeric, 1.0::float8 / 3), (1234.56, 0.33), (10, 1e-30)) v(a, p);

-- NaN and infinities in numeric amounts: numeric_infinity.sql (14 and later)

-- NaN and infinities in float8 amounts follow float8 arithmetic, overflow included
SELECT v.label, weighted_pipeline(a, p) AS ours, sum(a * p) AS plain
FROM (VALUES ('nan', 'NaN'::float8, 0.5::float8), ('nan', 100, 0.5),
             ('pinf', 'Infinity', 0.5), ('pinf', 100, 0.5),
             ('inf_times_zero', 'Infinity', 0), ('inf_times_zero', 100, 0.5),
             ('both_infinities', 'Infinity', 0.5), ('both_infinities', '-Infinity', 0.25)) v(label, a, p)
GROUP BY v.label ORDER BY v.label;
-- float8 overflow is an error as in sum(a * p): the same SQLSTATE, 22003
-- numeric_value_out_of_range (the message is core's float8 wording, which
-- is not ours to assert)
\set VERBOSITY sqlstate
SELECT weighted_pipeline(a, p) FROM (VALUES (1e308::float8, 1::float8), (1e308, 1)) v(a, p);
SELECT sum(a * p) FROM (VALUES (1e308::float8, 1::float8), (1e308, 1)) v(a, p);
\set VERBOSITY default

-- huge numerics: values wider than 18 digits, many decimals, and totals far
-- beyond 10^37 units (the int128 accumulator must spill to numeric exactly).
-- Expected values re-computed with Python's decimal at 100 digits:
--   1: 185185183518518518351851851835.1851851835  2: 4E-30
--   3: 49999999999999999945.00000000000000000500  4: -12345678901234567.79876543210987654322
--   5: 376882.9328701  6: 4999999999999999990.00000000000000000500
--   7: 890999999999999999.109000000000000000000000000000000001
CREATE TABLE wide (g int, a numeric, p numeric);
INSERT INTO wide
SELECT 1, 123456789012345678901234567890.123456789, 0.5 FROM generate_series(1, 3)
UNION ALL SELECT 2, 0.000000000000000000000000000001, 1 FROM generate_series(1, 4)
UNION ALL SELECT 3, 99999999999999999.99, 0.999999999999999999 FROM generate_series(1, 500)
UNION ALL SELECT 4, CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END * 99999999999999999.99, 0.123456789012345678 FROM generate_series(1, 501) i
UNION ALL SELECT 5, i * 1.5, (i % 11) / 10.0 FROM generate_series(1, 1000) i
UNION ALL SELECT 5, 12.125, 0.5
UNION ALL SELECT 5, 3, 0.1234567
-- 18-digit x 18-digit products (~10^36 units each) overflow 10^37 every few rows
UNION ALL SELECT 6, 9999999999999999.99, 0.999999999999999999 FROM generate_series(1, 500)
-- a scale-36 term arriving after large scale-3 terms forces a rescale past int128
UNION ALL SELECT 7, CASE WHEN i = 50 THEN 0.000000000000000001 ELSE 9999999999999999.99 END,
                    CASE WHEN i = 50 THEN 0.000000000000000001 ELSE 0.9 END FROM generate_series(1, 100) i;
SELECT g, weighted_pipeline(a, p) AS ours, sum(a * p) AS plain,
       weighted_pipeline(a, p)::text = sum(a * p)::text AS same_text
FROM wide GROUP BY g ORDER BY g;

-- many groups: 20,000 groups of pseudo-random deals, every group equal to
-- the plain formula (numeric) and, for float8, within 1e-13 of the sum of
-- the products' magnitudes of it: ours is the exact sum of the float8
-- products rounded once, the plain float8 sum has up to n x 2^-53 of that
-- magnitude in rounding errors (a relative bound fails where the products
-- cancel; float_sums.sql checks the exact rounding itself)
CREATE TABLE many AS
SELECT i % 20000 AS g,
       CASE WHEN i % 97 = 0 THEN NULL ELSE round(((hashint4(i) % 1000000) / 100.0)::numeric, 2) END AS amount,
       CASE WHEN i % 89 = 0 THEN NULL ELSE ((hashint4(i * 7) & 1023) % 101) / 100.0 END AS probability
FROM generate_series(1, 200000) i;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE ours IS DISTINCT FROM plain) AS numeric_mismatches,
       count(*) FILTER (WHERE ours_f IS DISTINCT FROM plain_f AND abs(ours_f - plain_f) > 1e-13 * magnitude_f) AS float8_mismatches
FROM (SELECT g, weighted_pipeline(amount, probability) AS ours, sum(amount * probability) AS plain,
             weighted_pipeline(amount::float8, probability::float8) AS ours_f,
             sum(amount::float8 * probability::float8) AS plain_f,
             sum(abs(amount::float8 * probability::float8)) AS magnitude_f
      FROM many GROUP BY g) s;
