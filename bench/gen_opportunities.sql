-- bench/gen_opportunities.sql: bench.opportunities, :rows deals (psql -v rows=N).
--
-- Same rows on every run: every "random" number is bench.u/bench.z of the
-- deal id and a stream number.  The shape (close to demo/generate.sql):
--   20 teams of 100 reps (rep r is in team 1 + (r - 1) / 100), deals spread
--   evenly over the 2000 reps;
--   40 % open (won NULL); of the closed 60 %, 41.7 % +- 10 % won depending on
--   the rep: ~25 % won and ~35 % lost overall;
--   log-normal amounts (median 15,000, up to ~2.5M), 75 % rounded to 50,
--   ~1.5 % negative (credit notes, down-sells), 0.5 % NULL;
--   probability 1 for won, 0 for lost; for open deals the stage default
--   (0.1, 0.25, 0.4, 0.6, 0.8), 12 % of them overridden per deal (0.333,
--   0.667, or the default +- 0.15 to two decimals): ~100 distinct values;
--   amount_f and probability_f are the same values as float8.
-- The table is created in the loading transaction: with wal_level=minimal
-- the load writes no WAL.

\set ON_ERROR_STOP on
BEGIN;

CREATE TABLE bench.opportunities (
    opp_id        bigint  NOT NULL,
    team          integer NOT NULL,
    rep           integer NOT NULL,
    won           boolean,                  -- true won, false lost, NULL open
    amount        numeric(14,2),
    amount_f      float8,
    probability   numeric(4,3),
    probability_f float8,
    created_at    date    NOT NULL,
    closed_at     date
);

INSERT INTO bench.opportunities
SELECT d.i, 1 + (d.rep - 1) / 100, d.rep, d.won,
       d.amount, d.amount::float8,
       d.probability, d.probability::float8,
       d.created_at,
       CASE WHEN d.won IS NOT NULL THEN d.created_at + d.cycle END
FROM (
    SELECT x.*,
           CASE WHEN x.won THEN 1.000 WHEN NOT x.won THEN 0.000
                WHEN bench.u(x.i, 31) < 0.12 THEN
                    CASE WHEN bench.u(x.i, 32) < 0.2
                         THEN CASE WHEN x.stage_probability < 0.5 THEN 0.333 ELSE 0.667 END
                         ELSE greatest(0.05, least(0.95, round((x.stage_probability
                                  + 0.30 * (bench.u(x.i, 33) - 0.5))::numeric, 2)))
                    END
                ELSE x.stage_probability
           END AS probability
    FROM (
        SELECT r.i, r.rep,
               CASE WHEN bench.u(r.i, 2) >= 0.60 THEN NULL
                    ELSE bench.u(r.i, 3) < 0.4167 + (0.2 * bench.u(r.rep, 100) - 0.1)
               END AS won,
               CASE WHEN bench.u(r.i, 10) < 0.005 THEN NULL
                    WHEN bench.u(r.i, 5) < 0.015
                    THEN -round(least(200 + 0.12 * r.size, 30000)::numeric, 2)
                    WHEN bench.u(r.i, 6) < 0.75
                    THEN round((r.size / 50)::numeric) * 50
                    ELSE round(r.size::numeric, 2)
               END AS amount,
               (ARRAY[0.1, 0.1, 0.1, 0.25, 0.25, 0.25, 0.4, 0.4, 0.6, 0.8])
                   [1 + floor(10 * bench.u(r.i, 30))::integer] AS stage_probability,
               date '2019-01-01' + floor(2557 * bench.u(r.i, 1) ^ 0.8)::integer AS created_at,
               CASE WHEN bench.u(r.i, 7) < 0.015 THEN 0
                    ELSE floor(40 * exp(0.8 * bench.z(r.i, 8)))::integer
               END AS cycle
        FROM (
            SELECT g.i,
                   1 + floor(2000 * bench.u(g.i, 4))::integer AS rep,
                   least(15000 * exp(1.1 * bench.z(g.i, 20)),
                         2000000 + 500000 * bench.u(g.i, 9)) AS size
            FROM generate_series(1, :rows::bigint) AS g(i)
            OFFSET 0
        ) AS r
        OFFSET 0
    ) AS x
) AS d;

-- bench.quotas: a quota per rep and fiscal quarter (FY from February, as
-- the quota report counts: quarters start in February, May, August and
-- November) over the deals' close dates, 2000 reps x 45 quarters; 1 rep in
-- 50 ramps with quota 0 in its first two quarters.
CREATE TABLE bench.quotas (
    rep     integer NOT NULL,
    quarter date    NOT NULL,           -- first day of the fiscal quarter
    quota   numeric(14,2) NOT NULL
);
INSERT INTO bench.quotas
SELECT r, q::date,
       CASE WHEN r % 50 = 0 AND q < date '2019-05-01' THEN 0
            ELSE 100000 + 20000 * (r % 7) END
FROM generate_series(1, 2000) AS r,
     generate_series(date '2018-11-01', date '2029-11-01', interval '3 months') AS q;

-- The quota report with the rep keys as CRMs give them (the quota_text and
-- quota_uuid shapes): the won deals of bench.opportunities and the rows of
-- bench.quotas again, each with its rep as an 18-char Salesforce-like text
-- id and as a uuid beside the integer.  One table of deals for the three
-- key types, so the three reports scan the same rows and differ only in the
-- key.
CREATE TABLE bench.won_deals_keyed (
    rep       integer NOT NULL,
    rep_sfid  text    NOT NULL,
    rep_uuid  uuid    NOT NULL,
    closed_at date    NOT NULL,
    amount    numeric(14,2)
);
INSERT INTO bench.won_deals_keyed
SELECT rep, '0055g' || lpad(upper(to_hex(rep * 7919)), 10, '0') || 'AAQ', md5('rep' || rep)::uuid,
       closed_at, amount
FROM bench.opportunities WHERE won;
CREATE TABLE bench.quotas_keyed (
    rep      integer NOT NULL,
    rep_sfid text    NOT NULL,
    rep_uuid uuid    NOT NULL,
    quarter  date    NOT NULL,
    quota    numeric(14,2) NOT NULL
);
INSERT INTO bench.quotas_keyed
SELECT rep, '0055g' || lpad(upper(to_hex(rep * 7919)), 10, '0') || 'AAQ', md5('rep' || rep)::uuid,
       quarter, quota
FROM bench.quotas;

-- The two-step quota report (the quota_rollup shape): the won deals and the
-- quotas as stored per day, then added up per fiscal quarter.  Ours: one
-- rep_attainment summary per day (the deals closed that day, and the quotas
-- on the first day of their quarter), read back with rollup(); plain SQL:
-- the won amounts summed per rep and close day, read back with GROUP BY rep,
-- quarter and LEFT JOINed from bench.quotas.
CREATE TABLE bench.rep_attainment_daily (
    day     date NOT NULL,
    summary rep_attainment NOT NULL
);
INSERT INTO bench.rep_attainment_daily
SELECT day, rep_attainment(rep, achieved, quota)
FROM (SELECT closed_at AS day, rep, amount AS achieved, NULL::numeric AS quota
      FROM bench.opportunities WHERE won
      UNION ALL
      SELECT quarter, rep, NULL, quota FROM bench.quotas) AS r
GROUP BY day
HAVING rep_attainment(rep, achieved, quota) IS NOT NULL;
CREATE TABLE bench.won_by_rep_daily (
    rep      integer NOT NULL,
    day      date    NOT NULL,
    achieved numeric
);
INSERT INTO bench.won_by_rep_daily
SELECT rep, closed_at, sum(amount)
FROM bench.opportunities WHERE won
GROUP BY 1, 2;

COMMIT;
