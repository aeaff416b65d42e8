-- bench/gen_customers.sql: the customer rows of churn_rate,
-- net_revenue_retention and gross_revenue_retention (bench.customers, the
-- cust shapes) and the rep roster of rep_turnover and avg_headcount
-- (bench.reps, the roster shapes).  psql -v customers=N -v reps=M; a count
-- of 0 skips that table, so bench/run.sh can make each table alone, only
-- when a selected shape reads it, and both at once in two sessions.
-- bench/run.sh passes ROWS customer rows and ROWS / 10 spells.
--
-- Same rows on every run: every "random" number is bench.u/bench.z of the
-- row id and a stream number (streams 300 and up for customers, 400 and up
-- for reps, apart from the other generators').
--
-- bench.customers: one row per customer and quarter, as the MRR-table query
-- of doc/customers-and-unit-economics.md makes them: 20 segments of unequal
-- size (segment 1 the largest, ~5x segment 20's rows).
--   ~8 % new in the quarter: active_at_start false, start_mrr 0, expansion
--     the new MRR (log-normal), 6 % of them lost again in the quarter
--     (churned, churned_mrr 0: nothing of theirs was starting MRR);
--   ~92 % active at the start, of which ~3 % on a free plan (start_mrr 0;
--     a fifth of those upgrade: expansion > 0 from nothing) and the rest
--     paying log-normal MRR (median ~800, 60 % whole amounts, 25 % of those
--     a list price ending in 9, 40 % with cents), then per customer:
--     4.5 % churned (churned_mrr = start_mrr, the other components 0),
--     of the others 15 % expanding (expansion 5 .. 65 % of start), 8 %
--     contracting (contraction 5 .. 55 % of start, rounded down to the
--     cent), 3 % both within the quarter (a seat cut and an add-on), the
--     rest flat (all components 0).
--   So contraction + churned_mrr <= start_mrr on every row and no
--   component is negative or NULL (the aggregates reject the first two;
--   the plain SQL of bench/queries.tsv would not).  start_mrr_f is
--   start_mrr as float8, the last column: the sum(float8) floor deforms the
--   whole row, as the KPIs do.
--
-- bench.reps: spells (a rep's employment in a team), hired 2015-01-01 ..
-- 2026-06-30, more of them recently (the team grew); tenure log-normal
-- (median ~580 days, a third under a year); left_on = hired_on + tenure - 1
-- (the last day employed, inclusive) when that is before 2026-07-01, else
-- NULL (still there).  20 teams; 55 % of departures voluntary; fte 1, or
-- 0.5 for 6 % (float8, the last column: the sum(float8) floor's).  The
-- queries take Q1 2026, [2026-01-01,2026-04-01): ~29 % of the spells
-- overlap it, ~2.6 % leave in it (turnover ~0.10 a quarter).
--
-- No index: every query scans the table.  The tables are created in the
-- loading transaction: with wal_level=minimal the load writes no WAL.

\set ON_ERROR_STOP on
SELECT :customers > 0 AS make_customers, :reps > 0 AS make_reps \gset

\if :make_customers
BEGIN;

CREATE TABLE bench.customers (
    customer_id     bigint  NOT NULL,
    segment         integer NOT NULL,
    active_at_start boolean NOT NULL,
    churned         boolean NOT NULL,
    start_mrr       numeric(12,2) NOT NULL,
    expansion       numeric(12,2) NOT NULL,
    contraction     numeric(12,2) NOT NULL,
    churned_mrr     numeric(12,2) NOT NULL,
    start_mrr_f     float8  NOT NULL
);

INSERT INTO bench.customers
SELECT y.i, y.segment, y.active, y.churned, y.s,
       y.e, y.c, CASE WHEN y.churned AND y.active THEN y.s ELSE 0 END, y.s::float8
FROM (
    SELECT x.i, x.segment, x.active, x.churned, x.s,
           CASE WHEN NOT x.active
                THEN round((700 * exp(0.9 * bench.z(x.i, 310)))::numeric, 2)
                WHEN x.churned THEN 0
                WHEN x.s = 0
                THEN CASE WHEN bench.u(x.i, 311) < 0.2
                          THEN round((300 * exp(0.8 * bench.z(x.i, 312)))::numeric, 2) ELSE 0 END
                WHEN x.move < 0.15 OR x.move >= 0.97
                THEN round(x.s * (0.05 + 0.6 * bench.u(x.i, 313))::numeric, 2)
                ELSE 0
           END AS e,
           CASE WHEN x.active AND NOT x.churned AND x.s > 0
                     AND (x.move >= 0.15 AND x.move < 0.23 OR x.move >= 0.97)
                THEN trunc(x.s * (0.05 + 0.5 * bench.u(x.i, 314))::numeric, 2)
                ELSE 0
           END AS c
    FROM (
        SELECT r.i, r.segment, r.active, r.move,
               CASE WHEN r.active THEN bench.u(r.i, 303) < 0.045
                    ELSE bench.u(r.i, 303) < 0.06 END AS churned,
               CASE WHEN NOT r.active OR bench.u(r.i, 304) < 0.03 THEN 0::numeric
                    WHEN bench.u(r.i, 305) < 0.6
                    THEN CASE WHEN bench.u(r.i, 306) < 0.25
                              THEN greatest(round(r.size::numeric, -1) - 1, 9)
                              ELSE greatest(round(r.size::numeric), 1) END
                    ELSE greatest(round(r.size::numeric, 2), 1)
               END AS s
        FROM (
            SELECT g.i,
                   1 + floor(20 * bench.u(g.i, 301) ^ 1.6)::integer AS segment,
                   bench.u(g.i, 302) >= 0.08 AS active,
                   bench.u(g.i, 307) AS move,
                   least(800 * exp(1.2 * bench.z(g.i, 308)), 250000) AS size
            FROM generate_series(1, :customers::bigint) AS g(i)
            OFFSET 0
        ) AS r
        OFFSET 0
    ) AS x
    OFFSET 0
) AS y;

COMMIT;
\endif

\if :make_reps
BEGIN;

CREATE TABLE bench.reps (
    spell_id  bigint  NOT NULL,
    team      integer NOT NULL,
    hired_on  date    NOT NULL,
    left_on   date,                     -- last day employed; NULL = still there
    voluntary boolean,                  -- NULL while still there
    fte       float8  NOT NULL
);

INSERT INTO bench.reps
SELECT x.i, x.team, x.hired_on, x.left_on,
       CASE WHEN x.left_on IS NOT NULL THEN bench.u(x.i, 405) < 0.55 END,
       CASE WHEN bench.u(x.i, 406) < 0.06 THEN 0.5 ELSE 1 END
FROM (
    SELECT h.i, h.team, h.hired_on,
           CASE WHEN h.hired_on + h.tenure - 1 < date '2026-07-01'
                THEN h.hired_on + h.tenure - 1 END AS left_on
    FROM (
        SELECT g.i,
               1 + floor(20 * bench.u(g.i, 401))::integer AS team,
               date '2015-01-01' + floor(4198 * bench.u(g.i, 402) ^ 0.7)::integer AS hired_on,
               greatest(1, floor(580 * exp(1.0 * bench.z(g.i, 403))))::integer AS tenure
        FROM generate_series(1, :reps::bigint) AS g(i)
        OFFSET 0
    ) AS h
    OFFSET 0
) AS x;

COMMIT;
\endif
