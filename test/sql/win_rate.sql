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

-- exact_ratio_state (0.7.0): the state of value_win_rate(boolean, numeric
-- and integer), quota_attainment(numeric and integer) and
-- net/gross_revenue_retention, a real type instead of internal.
-- How checked: every state below is worked out by hand in its comment (won
-- sum / closed sum; achieved / quota; start + expansion - contraction -
-- churned / start), the binary form byte by byte from the text, and the
-- many-group states against core's own sum() of the same rows.
-- A state that returns itself, to look at the states the aggregates keep.
CREATE AGGREGATE value_win_rate_state(boolean, numeric) (
    SFUNC = value_win_rate_trans, STYPE = exact_ratio_state,
    COMBINEFUNC = value_win_rate_combine, PARALLEL = SAFE);
-- deals_w: won 12000 + 30000 + 8000 = 50000 of closed 50000 + 20000 + 40000 = 110000
SELECT value_win_rate_state(won, amount) AS state, value_win_rate_final(value_win_rate_state(won, amount)) AS ratio
FROM deals_w;
-- each sum keeps its own largest display scale: 1.5 of 1.5 + 0.125 + 3 = 4.625
SELECT value_win_rate_state(w, a) FROM (VALUES (true, 1.5::numeric), (false, 0.125), (false, 3)) v(w, a);
-- the support functions are callable outside an aggregate: the integer form
-- (7 won of 10), quota attainment (90 of 120), net retention (100 + 20 - 5 -
-- 10 = 105 of 100) and gross (100 - 5 - 10 = 85 of 100)
SELECT value_win_rate_trans(value_win_rate_trans(NULL, true, 7::int), false, 3::int) AS int_state,
       quota_attainment_trans(NULL, 90::numeric, 120::numeric) AS quota_state,
       net_revenue_retention_trans(NULL, 100, 20, 5, 10) AS nrr_state,
       revenue_retention_final(net_revenue_retention_trans(NULL, 100, 20, 5, 10)) AS nrr,
       revenue_retention_final(gross_revenue_retention_trans(NULL, 100, 20, 5, 10)) AS grr;
-- a NULL row leaves no state (NULL), or the state as it was
SELECT value_win_rate_trans(NULL::exact_ratio_state, NULL, 5::numeric) IS NULL AS no_state,
       value_win_rate_trans('v1 numerator=1 denominator=2'::exact_ratio_state, true, NULL::numeric) AS unchanged;
-- combine adds both sums: 1 + 2.5 = 3.5 of 2 + 4 = 6
SELECT value_win_rate_combine('v1 numerator=1 denominator=2'::exact_ratio_state,
                              'v1 numerator=2.5 denominator=4'::exact_ratio_state);

-- text round trip, NaN and infinities as numeric writes them; the final
-- function reads NaN as NaN and a closed sum <= 0 as NULL
SELECT s, s::exact_ratio_state::text = s AS round_trip, value_win_rate_final(s::exact_ratio_state) AS ratio
FROM (VALUES ('v1 numerator=0 denominator=0'), ('v1 numerator=-2.50 denominator=10.000'),
             ('v1 numerator=NaN denominator=1')) v(s);
-- (infinite sums, which numeric has from PostgreSQL 14 on: numeric_infinity.sql)
-- binary form: version byte 1, then each sum as a NUL-terminated numeric
-- text: '1.5' = 31 2e 35 00, '4.625' = 34 2e 36 32 35 00
SELECT exact_ratio_state_send('v1 numerator=1.5 denominator=4.625');

-- spills: a sum of more than 18 digits is stored as a text after the 104
-- fixed bytes (8 header bytes, two 48-byte cores): 33 + 31 bytes here, and
-- 123456789012345678901234567890.5 x 2 = 246913578024691357802469135781
SELECT s::text, pg_column_size(s) AS bytes, value_win_rate_final(s) AS ratio
FROM (SELECT 'v1 numerator=123456789012345678901234567890.5 denominator=246913578024691357802469135781'::exact_ratio_state AS s) x;
-- a total past 10^37 units spills too: 12 x 9e17 won, and 1e-18 lost, which
-- would bring the closed sum to scale 18 = 1.08e37 units; the ratio
-- 1.08e19 / (1.08e19 + 1e-18) rounds to 1; the state reads back as it was
-- written, and its final function gives what the aggregate gives
SELECT s::text, s::text::exact_ratio_state::text = s::text AS round_trip,
       value_win_rate_final(s) AS ratio, value_win_rate_final(s::text::exact_ratio_state) AS ratio_read_back,
       v AS aggregate
FROM (SELECT value_win_rate_state(w, a) AS s, value_win_rate(w, a) AS v
      FROM (SELECT true, 900000000000000000::numeric FROM generate_series(1, 12)
            UNION ALL SELECT false, 0.000000000000000001) v(w, a)) x;

-- malformed input: 22P02 for text, 22P03 for binary (read through COPY
-- FROM a hand-made binary file), never a crash
CREATE FUNCTION pg_temp.ratio_state_text(t text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN t::exact_ratio_state::text;
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT t, pg_temp.ratio_state_text(t) AS result
FROM (VALUES (''), ('v1'), ('numerator=1 denominator=2'), ('v2 numerator=1 denominator=2'),
             ('v1 numerator=1'), ('v1 numerator=1 denominator='), ('v1 numerator=1 denominator=two'),
             ('v1 numerator=1e3 denominator=2'), ('v1 numerator= 1 denominator=2'),
             ('v1 denominator=2 numerator=1'), ('v1 numerator=1 denominator=2 more')) v(t);
CREATE TABLE ratio_one (s exact_ratio_state);
CREATE FUNCTION pg_temp.ratio_state_recv(field bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  result text;
BEGIN
  TRUNCATE ratio_one;
  PERFORM lo_from_bytea(4242016, '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea
                        || '\x00000000'::bytea || '\x0001'::bytea || int4send(length(field))
                        || field || '\xffff'::bytea);
  PERFORM lo_export(4242016, '/tmp/salesops_ratio_state.bin');
  PERFORM lo_unlink(4242016);
  BEGIN
    COPY ratio_one FROM '/tmp/salesops_ratio_state.bin' (FORMAT binary);
    SELECT s::text INTO result FROM ratio_one;
  EXCEPTION WHEN OTHERS THEN
    result := SQLSTATE || ': ' || SQLERRM;
  END;
  RETURN result;
END $$;
SELECT what, pg_temp.ratio_state_recv(field) AS result
FROM (VALUES ('whole', '\x01312e3500342e36323500'::bytea),
             ('empty', ''),
             ('version 2', '\x02312e3500342e36323500'),
             ('no denominator', '\x01312e3500'),
             ('unterminated', '\x01312e3500342e363235'),
             ('not a number', '\x01782e3500342e36323500'),
             ('trailing bytes', '\x01312e3500342e3632350000')) v(what, field);

-- stored states survive binary COPY out and in
CREATE TABLE ratio_store AS
SELECT g, value_win_rate_state(w, a) AS s
FROM (VALUES (1, true, 1.5::numeric), (1, false, 0.125), (2, true, 123456789012345678901234567890.5),
             (2, false, 1), (3, false, 0)) v(g, w, a)
GROUP BY g;
COPY ratio_store TO '/tmp/salesops_ratio_store.bin' (FORMAT binary);
CREATE TABLE ratio_restored (LIKE ratio_store);
COPY ratio_restored FROM '/tmp/salesops_ratio_store.bin' (FORMAT binary);
SELECT g, r.s::text AS restored, o.s::text = r.s::text AS identical,
       exact_ratio_state_send(o.s) = exact_ratio_state_send(r.s) AS same_bytes
FROM ratio_store o JOIN ratio_restored r USING (g) ORDER BY g;

-- many groups, serial and with forced parallel workers (Partial Aggregate:
-- the workers' states travel as exact_ratio_state values, combined by
-- value_win_rate_combine): equal states and results; the states equal core's
-- own sums of the same rows (won, closed), as text.  One row in 997 (won
-- or lost by its parity) has a 26-digit amount, so some groups combine
-- states with spills: the multiples of 997 up to 200000 that are not
-- multiples of 101 (whose amount is NULL) fall in 199 groups i % 400
-- (counted with Python).
CREATE TABLE ratio_many AS
SELECT i % 400 AS g,
       CASE WHEN i % 997 = 0 THEN i % 2 = 0
            WHEN hashint4(i) % 3 = 0 THEN true WHEN hashint4(i) % 3 = 1 THEN false END AS won,
       CASE WHEN i % 101 = 0 THEN NULL
            WHEN i % 997 = 0 THEN 10000000000000000000000000::numeric + i
            WHEN i % 211 = 0 THEN -round(((hashint4(i * 3) & 524287) / 100.0)::numeric, 2)
            ELSE round(((hashint4(i * 3) & 524287) / 100.0)::numeric, 2) END AS amount
FROM generate_series(1, 200000) i;
ANALYZE ratio_many;
CREATE VIEW ratio_results AS
SELECT g, value_win_rate_state(won, amount)::text AS state, value_win_rate(won, amount) AS vwr,
       value_win_rate(won, CASE WHEN abs(amount) < 1e18 THEN round(amount)::int8 END) AS vwr_int8,
       quota_attainment(amount, abs(amount)) AS qa,
       net_revenue_retention(abs(amount), round(abs(amount) / 10, 2), round(abs(amount) / 4, 2),
                             round(abs(amount) / 5, 2)) AS nrr,
       gross_revenue_retention(abs(amount), round(abs(amount) / 10, 2), round(abs(amount) / 4, 2),
                               round(abs(amount) / 5, 2)) AS grr
FROM ratio_many GROUP BY g;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ratio_serial AS SELECT * FROM ratio_results;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT * FROM ratio_results;
CREATE TEMP TABLE ratio_parallel AS SELECT * FROM ratio_results;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE s.state IS DISTINCT FROM p.state) AS state_mismatches,
       count(*) FILTER (WHERE (s.vwr, s.vwr_int8, s.qa, s.nrr, s.grr)
                              IS DISTINCT FROM (p.vwr, p.vwr_int8, p.qa, p.nrr, p.grr)) AS result_mismatches
FROM ratio_serial s JOIN ratio_parallel p USING (g);
SELECT count(*) FILTER (WHERE s.state IS DISTINCT FROM
                        format('v1 numerator=%s denominator=%s', coalesce(c.won_sum, 0), c.closed_sum)) AS not_core_sums,
       count(*) FILTER (WHERE c.closed_sum > 1e24) AS groups_with_wide_sums
FROM ratio_serial s
JOIN (SELECT g, sum(amount) FILTER (WHERE won) AS won_sum, sum(amount) FILTER (WHERE won IS NOT NULL) AS closed_sum
      FROM ratio_many GROUP BY g) c USING (g);
DROP VIEW ratio_results;
DROP TABLE ratio_one, ratio_store, ratio_restored, ratio_many;
DROP AGGREGATE value_win_rate_state(boolean, numeric);
