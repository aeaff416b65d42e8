-- win_rate and value_win_rate.
--
-- How the expected values were checked: fixture D gives 3/5 = 0.6 and
-- 50000/110000 = 5/11, printed as 0.45454545454545453 (kpi-definitions.md
-- section 2, computed by hand and with Python fractions).  The small cases
-- below are worked out by hand in their comments; the many-group and window
-- checks compare with the plain SQL formulas evaluated by PostgreSQL itself.

CREATE TABLE deals_w (won boolean, amount numeric);
INSERT INTO deals_w VALUES (true, 12000), (true, 30000), (true, 8000), (false, 20000),
                           (false, 40000), (NULL, 10000), (NULL, 25000), (NULL, 1234.56);

SELECT win_rate(won), value_win_rate(won, amount), value_win_rate(won, amount::float8)
FROM deals_w;

-- open deals (NULL) are in neither numerator nor denominator: all open -> NULL
SELECT win_rate(won) IS NULL AS all_open, value_win_rate(won, amount) IS NULL AS all_open_value,
       value_win_rate(won, amount::float8) IS NULL AS all_open_value_f
FROM deals_w WHERE won IS NULL;
SELECT win_rate(won) IS NULL AS empty, value_win_rate(won, amount) IS NULL AS empty_value,
       value_win_rate(won, amount::float8) IS NULL AS empty_value_f
FROM deals_w WHERE false;

-- a closed deal with NULL amount counts in win_rate, not in value_win_rate:
-- count 2/3; value 100/(100+300) = 0.25
SELECT win_rate(w), value_win_rate(w, a), value_win_rate(w, a::float8)
FROM (VALUES (true, 100::numeric), (true, NULL), (false, 300)) v(w, a);

-- zero-amount closed deals: count 1/2, value 0/0 -> NULL (never an error, never 0)
SELECT win_rate(w), value_win_rate(w, a) IS NULL AS value_null, value_win_rate(w, a::float8) IS NULL AS value_null_f
FROM (VALUES (true, 0::numeric), (false, 0)) v(w, a);

-- negative amounts enter the sums: won 150, lost -50 -> 150/100 = 1.5;
-- won -100, lost 50 -> closed sum -50 <= 0 -> NULL
SELECT value_win_rate(w, a), value_win_rate(w, a::float8)
FROM (VALUES (true, 150::numeric), (false, -50)) v(w, a);
SELECT value_win_rate(w, a) IS NULL AS neg_denominator, value_win_rate(w, a::float8) IS NULL AS neg_denominator_f
FROM (VALUES (true, -100::numeric), (false, 50)) v(w, a);

-- exact sums: 0.1 + 0.2 won of 0.3 + 0.6 closed is exactly 1/3 -> 0.3333333333333333;
-- (the float8 sums 0.1 + 0.2 = 0.30000000000000004 would not be exact)
SELECT value_win_rate(w, a) FROM (VALUES (true, 0.1::numeric), (true, 0.2), (false, 0.6)) v(w, a);
-- wide values take the numeric path: 1e30 / (1e30 + 2e30) = 1/3;
-- 7 / (7 + 1e-30) ~ 0.99999999999999999999999999999986 -> 1 in float8
SELECT value_win_rate(w, a) FROM (VALUES (true, 1e30::numeric), (false, 2e30)) v(w, a);
SELECT value_win_rate(w, a) FROM (VALUES (true, 7::numeric), (false, 1e-30)) v(w, a);
-- mixed scales: 1.5 won, 0.125 lost, 3 lost -> 1.5 / 4.625 = 12/37 = 0.32432432432432434
SELECT value_win_rate(w, a) FROM (VALUES (true, 1.5::numeric), (false, 0.125), (false, 3)) v(w, a);

-- NaN and infinite amounts: numeric_infinity.sql (14 and later)

-- float8 sums overflow like sum(float8): SQLSTATE 22003
-- numeric_value_out_of_range (the message is core's float8 wording)
\set VERBOSITY sqlstate
SELECT value_win_rate(w, a) FROM (VALUES (true, 1e308::float8), (true, 1e308)) v(w, a);
\set VERBOSITY default

-- many groups: equal to the plain formulas in every group (the value formula
-- written with api.md's rule: a closed sum <= 0 gives NULL)
CREATE TABLE many_w AS
SELECT i % 5000 AS g,
       CASE hashint4(i) % 3 WHEN 0 THEN true WHEN 1 THEN false END AS won,
       CASE WHEN i % 101 = 0 THEN NULL
            WHEN i % 211 = 0 THEN -round(((hashint4(i * 3) & 524287) / 100.0)::numeric, 2)  -- credit notes
            ELSE round(((hashint4(i * 3) & 524287) / 100.0)::numeric, 2) END AS amount
FROM generate_series(1, 100000) i;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE wr IS DISTINCT FROM plain_wr) AS count_mismatches,
       count(*) FILTER (WHERE vwr IS DISTINCT FROM plain_vwr
                        AND (vwr IS NULL OR plain_vwr IS NULL OR abs(vwr - plain_vwr) > 1e-15 * abs(plain_vwr))) AS value_mismatches,
       count(*) FILTER (WHERE vwr IS NULL) AS null_value_groups
FROM (SELECT g, win_rate(won) AS wr,
             count(*) FILTER (WHERE won)::float8 / nullif(count(won), 0) AS plain_wr,
             value_win_rate(won, amount) AS vwr,
             CASE WHEN sum(amount) FILTER (WHERE won IS NOT NULL) > 0
                  THEN (coalesce(sum(amount) FILTER (WHERE won), 0)
                        / sum(amount) FILTER (WHERE won IS NOT NULL))::float8 END AS plain_vwr
      FROM many_w GROUP BY g) s;

-- moving window frames use the exact inverse; compare with the plain formula
-- over the same frames (including frames with only open deals)
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE w IS DISTINCT FROM plain) AS mismatches,
       count(*) FILTER (WHERE w IS NULL) AS null_frames
FROM (SELECT win_rate(won) OVER f AS w,
             (count(*) FILTER (WHERE won) OVER f)::float8 / nullif(count(won) OVER f, 0) AS plain
      FROM (SELECT i, CASE hashint4(i) % 3 WHEN 0 THEN true WHEN 1 THEN false END AS won
            FROM generate_series(1, 1000) i) t
      WINDOW f AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)) s;
SELECT i, won, win_rate(won) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, true), (2, NULL::boolean), (3, NULL), (4, false), (5, true)) v(i, won);

-- the support functions are callable directly but reject malformed states
SELECT win_rate_final('{3,4}');          -- 3/4
SELECT win_rate_trans('{1,2}', true);    -- a copy, {2,3}
SELECT win_rate_final('{1}');
SELECT win_rate_final('{1,NULL}');
SELECT value_win_rate_final('{1,2,3}'::float8[]);
