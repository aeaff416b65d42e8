-- bench/gen_flow.sql: two pipeline snapshots for pipeline_flow (the flow
-- shapes): bench.flow_start, :deals deals, and bench.flow_end, the same
-- deals a month later (psql -v deals=N; bench/run.sh passes ROWS / 2, so
-- the FULL JOIN of the two reads ROWS rows in all, as the other shapes do).
--
-- Same rows on every run: every "random" number is bench.u/bench.z of the
-- deal id and a stream number (streams 200 and up, apart from the other
-- generators').  The start snapshot is taken on 2026-04-01 and the end one
-- on 2026-05-01 (the period [2026-04-01,2026-05-01)); the target window of
-- the queries is Q2, [2026-04-01,2026-07-01).  Each snapshot holds open and
-- closed deals alike, as a nightly CRM snapshot does:
--
--   start: 20 teams; created 2023-01-01 .. 2026-03-31, skewed to recent
--     dates; open (won NULL) with a probability that falls with age (80 %
--     under 120 days, 40 % under a year, 5 % older: ~27 % open overall),
--     closed deals 42 % won; open close dates from 30 days overdue to a
--     year ahead, weighted to the coming months (~26 % in Q2, 0.3 % NULL);
--     closed ones the created date plus a log-normal cycle, before the
--     snapshot; amounts as bench.opportunities' (log-normal, median 15,000,
--     75 % rounded to 50, ~1.5 % negative, 0.5 % NULL).
--   end: 2 % of the deals deleted; closed deals unchanged but 0.3 %
--     reopened (open again, closing after the period); of the open deals
--     6 % won in the period (30 % of them at another amount), 5 % lost
--     (20 % with the amount zeroed), 12 % with the close date moved by
--     -40 .. +90 days (in and out of Q2; 25 % also re-priced; an undated
--     deal gets a date), 8 % re-priced only (x 0.7 .. 1.4; an unvalued deal
--     gets an amount), 0.5 % with the amount cleared, 0.3 % with the close
--     date cleared, the other ~68 % unchanged; 0.5 % of all deals moved to
--     the next team; created dates unchanged.  Plus new deals, 2 % of
--     :deals, only in the end snapshot: created in the period (92 %),
--     before it (5 %, "added") or undated (3 %); 8 % won and 4 % lost in
--     the period, the others open; 2 % without an amount.
--
-- amount_f is the amount as float8 (as in bench.opportunities): the
-- sum(float8) floor sums it over the join.  No index: the queries' FULL
-- JOIN hashes one side.  The tables are created in the loading transaction:
-- with wal_level=minimal the load writes no WAL.

\set ON_ERROR_STOP on
BEGIN;

CREATE TABLE bench.flow_start (
    deal_id    bigint  NOT NULL,
    team       integer NOT NULL,
    won        boolean,                 -- true won, false lost, NULL open
    amount     numeric(12,2),
    amount_f   float8,
    close_date date,
    created_at date
);

CREATE TABLE bench.flow_end (LIKE bench.flow_start);

INSERT INTO bench.flow_start
SELECT d.i, d.team, d.won, d.amount, d.amount::float8,
       CASE WHEN d.won IS NULL THEN d.open_close
            ELSE least(d.created_at + d.cycle, date '2026-03-31') END,
       d.created_at
FROM (
    SELECT x.*,
           CASE WHEN bench.u(x.i, 203) >= CASE WHEN x.age < 120 THEN 0.80
                                               WHEN x.age < 365 THEN 0.40 ELSE 0.05 END
                THEN bench.u(x.i, 204) < 0.42
           END AS won,
           CASE WHEN bench.u(x.i, 210) < 0.005 THEN NULL
                WHEN bench.u(x.i, 211) < 0.015
                THEN -round(least(200 + 0.12 * x.size, 30000)::numeric, 2)
                WHEN bench.u(x.i, 212) < 0.75
                THEN round((x.size / 50)::numeric) * 50
                ELSE round(x.size::numeric, 2)
           END AS amount,
           CASE WHEN bench.u(x.i, 205) < 0.003 THEN NULL
                ELSE date '2026-04-01' + floor(-30 + 400 * bench.u(x.i, 206) ^ 1.3)::integer
           END AS open_close,
           floor(40 * exp(0.8 * bench.z(x.i, 207)))::integer AS cycle
    FROM (
        SELECT g.i,
               1 + floor(20 * bench.u(g.i, 201))::integer AS team,
               date '2023-01-01' + floor(1186 * bench.u(g.i, 202) ^ 0.6)::integer AS created_at,
               1186 - floor(1186 * bench.u(g.i, 202) ^ 0.6)::integer AS age,
               least(15000 * exp(1.1 * bench.z(g.i, 213)),
                     2000000 + 500000 * bench.u(g.i, 214)) AS size
        FROM generate_series(1, :deals::bigint) AS g(i)
        OFFSET 0
    ) AS x
    OFFSET 0
) AS d;

-- the end snapshot: the start's deals a month later ...
INSERT INTO bench.flow_end
SELECT m.deal_id, m.team, m.won, m.amount, m.amount::float8, m.close_date, m.created_at
FROM (
    SELECT s.deal_id,
           CASE WHEN bench.u(s.deal_id, 230) < 0.005 THEN 1 + s.team % 20 ELSE s.team END AS team,
           CASE WHEN s.won IS NOT NULL THEN
                    CASE WHEN bench.u(s.deal_id, 221) < 0.003 THEN NULL ELSE s.won END
                WHEN c.r < 0.06 THEN true
                WHEN c.r < 0.11 THEN false
           END AS won,
           CASE WHEN s.won IS NOT NULL THEN s.amount
                WHEN c.r < 0.06 THEN CASE WHEN c.v < 0.30 THEN c.repriced ELSE s.amount END
                WHEN c.r < 0.11 THEN CASE WHEN c.v < 0.20 THEN 0 ELSE s.amount END
                WHEN c.r < 0.23 THEN CASE WHEN c.v < 0.25 THEN c.repriced ELSE s.amount END
                WHEN c.r < 0.31 THEN c.repriced
                WHEN c.r < 0.315 THEN NULL
                ELSE s.amount
           END AS amount,
           CASE WHEN s.won IS NOT NULL THEN
                    CASE WHEN bench.u(s.deal_id, 221) < 0.003
                         THEN date '2026-05-01' + floor(150 * bench.u(s.deal_id, 222))::integer
                         ELSE s.close_date END
                WHEN c.r < 0.11 THEN date '2026-04-01' + floor(30 * bench.u(s.deal_id, 224))::integer
                WHEN c.r < 0.23 THEN
                    coalesce(s.close_date + floor(-40 + 130 * bench.u(s.deal_id, 226))::integer,
                             date '2026-05-01' + floor(60 * bench.u(s.deal_id, 226))::integer)
                WHEN c.r >= 0.315 AND c.r < 0.318 THEN NULL
                ELSE s.close_date
           END AS close_date,
           s.created_at
    FROM bench.flow_start AS s,
         LATERAL (SELECT bench.u(s.deal_id, 223) AS r,
                         bench.u(s.deal_id, 225) AS v,
                         (CASE WHEN s.amount IS NULL
                               THEN round((15000 * exp(1.1 * bench.z(s.deal_id, 228)) / 50)::numeric) * 50
                               WHEN bench.u(s.deal_id, 227) < 0.75
                               THEN round(s.amount * (0.7 + 0.7 * bench.u(s.deal_id, 229))::numeric / 50) * 50
                               ELSE round(s.amount * (0.7 + 0.7 * bench.u(s.deal_id, 229))::numeric, 2)
                          END)::numeric(12,2) AS repriced
                  OFFSET 0) AS c
    WHERE bench.u(s.deal_id, 220) >= 0.02
) AS m;

-- ... and the new deals, only in the end snapshot
INSERT INTO bench.flow_end
SELECT d.i, d.team, d.won, d.amount, d.amount::float8,
       CASE WHEN d.won IS NULL THEN
                CASE WHEN bench.u(d.i, 243) < 0.003 THEN NULL
                     ELSE date '2026-04-01' + floor(-10 + 300 * bench.u(d.i, 244) ^ 1.3)::integer END
            ELSE d.base + floor((date '2026-05-01' - d.base) * bench.u(d.i, 244))::integer
       END,
       d.created_at
FROM (
    SELECT x.*,
           greatest(coalesce(x.created_at, date '2026-04-01'), date '2026-04-01') AS base,
           CASE WHEN bench.u(x.i, 242) < 0.08 THEN true
                WHEN bench.u(x.i, 242) < 0.12 THEN false
           END AS won,
           CASE WHEN bench.u(x.i, 210) < 0.02 THEN NULL
                WHEN bench.u(x.i, 211) < 0.015
                THEN -round(least(200 + 0.12 * x.size, 30000)::numeric, 2)
                WHEN bench.u(x.i, 212) < 0.75
                THEN round((x.size / 50)::numeric) * 50
                ELSE round(x.size::numeric, 2)
           END AS amount
    FROM (
        SELECT g.i,
               1 + floor(20 * bench.u(g.i, 201))::integer AS team,
               CASE WHEN bench.u(g.i, 240) < 0.03 THEN NULL
                    WHEN bench.u(g.i, 240) < 0.08
                    THEN date '2026-03-31' - floor(200 * bench.u(g.i, 241))::integer
                    ELSE date '2026-04-01' + floor(30 * bench.u(g.i, 241))::integer
               END AS created_at,
               least(15000 * exp(1.1 * bench.z(g.i, 213)),
                     2000000 + 500000 * bench.u(g.i, 214)) AS size
        FROM generate_series(:deals::bigint + 1, :deals::bigint + :deals::bigint / 50) AS g(i)
        OFFSET 0
    ) AS x
    OFFSET 0
) AS d;

COMMIT;
