-- demo/generate.sql: a deterministic sample CRM data set for schema "crm".
--
-- Same rows on every run: every "random" number is a hash of an id and a
-- stream number (hashint8extended, which works on the integer value, not on
-- its bytes), never random().  The shape:
--   6 teams in 3 regions, 40 reps (6 hired during the period, ramping),
--   2000 accounts, ~30,000 opportunities created 2024-01-01 .. 2025-12-31
--   (more of them later: the business grows), log-normal amounts ~2k..500k
--   with ~1.5 % negative ones (refunds, credit notes, down-sells),
--   ~25 % won, ~35 % lost, the rest open (older deals more likely closed),
--   right-skewed sales cycles (same-day closes included), stage
--   probabilities with some per-deal overrides, monthly quotas (0 in a new
--   rep's first month) and monthly forecasts with their actual bookings,
--   and every deal's history since 2025-07-01 (crm.opportunity_history:
--   amount, close-date and stage moves, wins, losses, reopenings, team
--   transfers, and deals deleted since), ending in the deals as they are;
--   the sales team's roster with the reps who left (crm.rep_spells), the
--   customers' monthly MRR from their first won deal (crm.mrr: new
--   business, expansion, contraction, churn; an installed base since before
--   2024) and the sales and marketing spend per quarter (crm.sm_spend);
--   ~6,100 leads and their calls, e-mails and meetings (crm.leads,
--   crm.lead_activities), ~1,100 of them converted into an opportunity above.
-- The data set is "as of" 2025-12-31: nothing closes after that day.

\set ON_ERROR_STOP on
BEGIN;

------------------------------------------------------------------------------
-- deterministic pseudo-random numbers
------------------------------------------------------------------------------

-- uniform in (0, 1): 53 bits of the hash of (key, stream)
CREATE FUNCTION pg_temp.u(k bigint, stream integer) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (((hashint8extended(k, stream) >> 11) & 9007199254740991)::float8 + 0.5)
           / 9007199254740992.0;

-- standard normal (Box-Muller on two streams)
CREATE FUNCTION pg_temp.z(k bigint, stream integer) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN sqrt(-2.0 * ln(pg_temp.u(k, stream))) * cos(2.0 * pi() * pg_temp.u(k, stream + 1000));

-- one element of an array, picked by a uniform number
CREATE FUNCTION pg_temp.pick(a text[], x float8) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN a[1 + floor(x * cardinality(a))::integer];

------------------------------------------------------------------------------
-- teams and reps
------------------------------------------------------------------------------

INSERT INTO crm.teams (team_id, name, region) VALUES
    (1, 'NA Enterprise',   'North America'),
    (2, 'NA Commercial',   'North America'),
    (3, 'EMEA Enterprise', 'EMEA'),
    (4, 'EMEA Commercial', 'EMEA'),
    (5, 'APAC Enterprise', 'APAC'),
    (6, 'APAC Commercial', 'APAC');

-- 40 reps: team sizes 7, 9, 6, 8, 4, 6; six of them hired during the period
INSERT INTO crm.reps (rep_id, team_id, name, hired_on)
SELECT i,
       CASE WHEN i <= 7 THEN 1 WHEN i <= 16 THEN 2 WHEN i <= 22 THEN 3
            WHEN i <= 30 THEN 4 WHEN i <= 34 THEN 5 ELSE 6 END,
       (ARRAY['Olivia','Liam','Emma','Noah','Ava','Lucas','Sofia','Mateo','Mia','Elias',
              'Hannah','Jonas','Chloe','Arjun','Yuki','Kenji','Priya','Omar','Lena','Diego',
              'Aisha','Tomasz','Ingrid','Rafael','Mei','Daniel','Zara','Felix','Nora','Hugo',
              'Leila','Ethan','Sara','Malik','Julia','Wei','Freya','Marco','Anika','Samuel'])[i]
       || ' ' ||
       (ARRAY['Walker','Nguyen','Schmidt','Okafor','Rossi','Tanaka','Kowalski','Garcia','Dubois','Larsen',
              'Patel','Muller','Costa','Sato','Jensen','Haddad','Novak','Fischer','Moreau','Silva',
              'Andersson','Kim','Brennan','Ortiz','Chen','Eriksen','Khan','Bauer','Lopez','Murphy',
              'Ivanova','Suzuki','Rahman','Weber','Santos','Lin','Hughes','Conti','Mehta','Clarke'])[1 + (i * 17) % 40],
       CASE i
           WHEN 8  THEN date '2024-03-11'
           WHEN 15 THEN date '2024-07-01'
           WHEN 21 THEN date '2024-10-14'
           WHEN 29 THEN date '2025-02-03'
           WHEN 33 THEN date '2025-05-12'
           WHEN 40 THEN date '2025-09-08'
           ELSE date '2017-01-09' + floor(2480 * pg_temp.u(i, 1))::integer   -- up to late 2023
       END
FROM generate_series(1, 40) AS i;

------------------------------------------------------------------------------
-- accounts: 2000, each in one team's territory (for the generator only)
------------------------------------------------------------------------------

CREATE TEMP TABLE gen_account AS
WITH base AS (
    SELECT i AS account_id,
           1 + (i - 1) % 6 AS team_id,
           (ARRAY['Acme','Apex','Arrow','Atlas','Aurora','Beacon','Blue Harbor','Bright','Cascade','Cedar',
                  'Cobalt','Crest','Delta','Eastwind','Echo','Evergreen','Falcon','Fjord','Granite','Harbor',
                  'Helix','Horizon','Ironwood','Juniper','Keystone','Lakeside','Lumen','Maple','Meridian','Nimbus',
                  'Northstar','Oakridge','Orion','Pacific','Pinnacle','Polar','Quantum','Redwood','Riverside','Sable',
                  'Silverline','Summit','Terra','Tidal','Trident','Union','Vertex','Willow','Zenith','Copperfield'])[1 + (i - 1) % 50]
           AS prefix,
           1 + (i - 1) / 50 AS core
    FROM generate_series(1, 2000) AS i
)
SELECT account_id, team_id,
       prefix || ' ' || (ARRAY['Analytics','Biotech','Logistics','Foods','Health','Systems','Energy','Robotics',
              'Capital','Retail','Labs','Media','Motors','Networks','Pharma','Software','Telecom','Textiles',
              'Freight','Insurance','Hotels','Aerospace','Chemicals','Construction','Dynamics','Electronics',
              'Foundry','Genomics','Holdings','Industries','Marine','Metals','Mining','Optics','Packaging',
              'Plastics','Power','Solutions','Tools','Water'])[core] AS name,
       (ARRAY['Software','Healthcare','Logistics','Consumer Goods','Healthcare','Technology','Energy','Manufacturing',
              'Financial Services','Retail','Life Sciences','Media','Automotive','Telecommunications','Life Sciences',
              'Software','Telecommunications','Manufacturing','Logistics','Financial Services','Hospitality',
              'Aerospace','Chemicals','Construction','Manufacturing','Technology','Manufacturing','Life Sciences',
              'Financial Services','Manufacturing','Logistics','Manufacturing','Energy','Technology','Manufacturing',
              'Manufacturing','Energy','Technology','Manufacturing','Utilities'])[core] AS industry,
       CASE WHEN team_id % 2 = 1   -- Enterprise teams: mostly large accounts
            THEN CASE WHEN pg_temp.u(account_id, 2) < 0.70 THEN 'Enterprise' ELSE 'Mid-Market' END
            ELSE CASE WHEN pg_temp.u(account_id, 2) < 0.35 THEN 'Mid-Market' ELSE 'SMB' END
       END AS segment,
       row_number() OVER (PARTITION BY team_id ORDER BY account_id) AS idx
FROM base;

ALTER TABLE gen_account ADD PRIMARY KEY (team_id, idx);
ANALYZE gen_account;

INSERT INTO crm.accounts (account_id, name, industry, segment)
SELECT account_id, name, industry, segment FROM gen_account ORDER BY account_id;

------------------------------------------------------------------------------
-- opportunities
------------------------------------------------------------------------------

-- per rep: active window, deal rate, skill (shifts the win chance)
CREATE TEMP TABLE gen_rep AS
SELECT r.rep_id, r.team_id,
       greatest(r.hired_on, date '2024-01-01') AS start_on,
       date '2025-12-31' - greatest(r.hired_on, date '2024-01-01') + 1 AS active_days,
       (CASE WHEN r.team_id % 2 = 1 THEN 0.50 ELSE 1.45 END)   -- Enterprise teams: fewer, larger deals
           * (0.70 + 0.60 * pg_temp.u(r.rep_id, 11)) AS deals_per_day,
       0.24 * pg_temp.u(r.rep_id, 12) - 0.12 AS skill,
       0.25 * pg_temp.u(r.rep_id, 13) - 0.10 AS forecast_bias
FROM crm.reps r;
ANALYZE gen_rep;

-- one row per deal with the raw draws; k is the deal's hash key
CREATE TEMP TABLE gen_deal AS
SELECT d.*,
       -- amount: log-normal by segment; ~1.5 % negative (credit notes, down-sells)
       CASE WHEN d.u_negative < 0.015
            THEN -round(least(200 + 0.12 * d.size, 30000)::numeric, 2)
            WHEN d.u_cents < 0.75
            THEN round((d.size / 50)::numeric) * 50
            ELSE round(d.size::numeric, 2)
       END AS amount,
       -- sales cycle in days: right-skewed, ~1.5 % same-day
       CASE WHEN pg_temp.u(d.k, 7) < 0.015 THEN 0
            ELSE floor(d.cycle_median * exp(0.8 * pg_temp.z(d.k, 8)))::integer
       END AS cycle
FROM (
    SELECT n.rep_id, n.team_id, n.skill, n.seq, n.k,
           -- more deals later in the period: the business grows
           n.start_on + floor(n.active_days * pg_temp.u(n.k, 1) ^ 0.8)::integer AS created_at,
           a.account_id, a.segment,
           pg_temp.u(n.k, 5) AS u_negative,
           pg_temp.u(n.k, 6) AS u_cents,
           pg_temp.z(n.k, 4) AS size_z,
           least(2000 + (CASE a.segment WHEN 'Enterprise' THEN 58000 WHEN 'Mid-Market' THEN 16000 ELSE 4500 END)
                        * exp(0.85 * pg_temp.z(n.k, 4)),
                 450000 + 50000 * pg_temp.u(n.k, 9)) AS size,
           CASE a.segment WHEN 'Enterprise' THEN 75 WHEN 'Mid-Market' THEN 40 ELSE 18 END AS cycle_median
    FROM (
        SELECT g.rep_id, g.team_id, g.skill, g.start_on, g.active_days, s.seq,
               g.rep_id * 100000::bigint + s.seq AS k,
               -- the account, within the team's territory; key accounts get more deals
               1 + floor(t.n * pg_temp.u(g.rep_id * 100000::bigint + s.seq, 2) ^ 1.3)::integer AS account_idx
        FROM gen_rep AS g
        JOIN (SELECT team_id, count(*) AS n FROM gen_account GROUP BY team_id) AS t USING (team_id)
        CROSS JOIN LATERAL generate_series(1, round(g.active_days * g.deals_per_day)::integer) AS s(seq)
    ) AS n
    JOIN gen_account AS a ON a.team_id = n.team_id AND a.idx = n.account_idx
) AS d;

-- outcome: 2 in 3 deals close eventually (the rest go stale); a deal is
-- closed when its cycle has run out by 2025-12-31, so older deals are more
-- likely closed.  The win chance depends on the rep, segment and deal size.
CREATE TEMP TABLE gen_outcome AS
SELECT d.*,
       CASE WHEN pg_temp.u(d.k, 20) < 0.66 AND d.created_at + d.cycle <= date '2025-12-31'
            THEN pg_temp.u(d.k, 21) < CASE WHEN d.amount < 0 THEN 0.85 ELSE
                     greatest(0.08, least(0.85,
                         0.37 + d.skill
                         + CASE d.segment WHEN 'SMB' THEN 0.04 WHEN 'Enterprise' THEN -0.05 ELSE 0 END
                         + CASE WHEN d.created_at >= date '2025-01-01' THEN 0.02 ELSE 0 END
                         - 0.05 * d.size_z)) END
       END AS won
FROM gen_deal AS d;

INSERT INTO crm.opportunities (opp_id, account_id, rep_id, stage, won, amount, probability,
                               forecast_category, created_at, closed_at, expected_close)
SELECT 100000 + row_number() OVER (ORDER BY o.created_at, o.rep_id, o.seq) AS opp_id,
       o.account_id, o.rep_id, o.stage, o.won, o.amount,
       o.probability,
       CASE WHEN o.won IS NOT NULL OR o.probability = st.default_probability THEN st.forecast_category
            WHEN o.probability >= 0.75 THEN 'Commit'
            WHEN o.probability >= 0.35 THEN 'Best Case'
            ELSE 'Pipeline'
       END AS forecast_category,
       o.created_at,
       CASE WHEN o.won IS NOT NULL THEN o.created_at + o.cycle END AS closed_at,
       o.expected_close
FROM (
    SELECT x.*,
           CASE WHEN x.won THEN 1.000 WHEN NOT x.won THEN 0.000
                -- per-deal overrides of the stage default, e.g. 0.33, 0.55, 0.667
                WHEN pg_temp.u(x.k, 31) < 0.12 THEN
                    CASE WHEN pg_temp.u(x.k, 32) < 0.2
                         THEN CASE WHEN s.default_probability < 0.5 THEN 0.333 ELSE 0.667 END
                         ELSE greatest(0.05, least(0.95, round((s.default_probability
                                  + 0.30 * (pg_temp.u(x.k, 33) - 0.5))::numeric, 2)))
                    END
                ELSE s.default_probability
           END AS probability,
           CASE WHEN x.won IS NOT NULL THEN NULL
                -- still running: the close date the cycle implies (at most 9 months out)
                WHEN x.created_at + x.cycle > date '2025-12-31'
                     THEN least(x.created_at + x.cycle, date '2026-09-30')
                -- stale deal, close date passed: most reps push it out, some leave it overdue
                WHEN pg_temp.u(x.k, 34) < 0.75
                     THEN date '2025-12-31' + 1 + floor(150 * pg_temp.u(x.k, 35) ^ 1.5)::integer
                ELSE x.created_at + x.cycle
           END AS expected_close
    FROM (
        SELECT o.*,
               CASE WHEN o.won THEN 'Closed Won' WHEN NOT o.won THEN 'Closed Lost'
                    ELSE pg_temp.pick(ARRAY['Prospecting','Prospecting','Prospecting','Qualification','Qualification',
                                            'Qualification','Needs Analysis','Needs Analysis','Proposal','Negotiation'],
                                      pg_temp.u(o.k, 30))
               END AS stage
        FROM gen_outcome AS o
    ) AS x
    JOIN crm.stages AS s USING (stage)
) AS o
JOIN crm.stages AS st USING (stage)
ORDER BY opp_id;

------------------------------------------------------------------------------
-- quotas: one line per rep and month; a new rep's first month is 0, then
-- 50 % and 75 % while ramping.  Sized from the team's bookings per rep-month
-- (about 10 % above them, 8 % higher in 2025), rounded to 1000.
------------------------------------------------------------------------------

CREATE TEMP TABLE gen_rep_month AS
SELECT g.rep_id, g.team_id, g.forecast_bias, m::date AS month,
       (SELECT count(*) FROM generate_series(date_trunc('month', g.start_on::timestamp), m, interval '1 month')) - 1
           AS months_in,
       r.hired_on >= date '2024-01-01' AS new_hire
FROM gen_rep AS g
JOIN crm.reps AS r USING (rep_id)
CROSS JOIN LATERAL generate_series(date_trunc('month', g.start_on::timestamp), timestamp '2025-12-01',
                                   interval '1 month') AS m;

CREATE TEMP TABLE gen_bookings AS
SELECT rm.rep_id, rm.month,
       coalesce(sum(o.amount) FILTER (WHERE o.won), 0) AS won_amount
FROM gen_rep_month AS rm
LEFT JOIN crm.opportunities AS o
       ON o.rep_id = rm.rep_id AND date_trunc('month', o.closed_at::timestamp)::date = rm.month
GROUP BY rm.rep_id, rm.month;

INSERT INTO crm.quotas (rep_id, month, quota)
SELECT rm.rep_id, rm.month,
       round(t.per_rep_month * 1.10
             * CASE WHEN rm.month >= date '2025-01-01' THEN 1.08 ELSE 1.0 END
             * CASE WHEN NOT rm.new_hire THEN 1.0
                    WHEN rm.months_in = 0 THEN 0.0
                    WHEN rm.months_in = 1 THEN 0.5
                    WHEN rm.months_in = 2 THEN 0.75
                    ELSE 1.0 END, -3)
FROM gen_rep_month AS rm
JOIN (SELECT g.team_id, avg(b.won_amount) AS per_rep_month
      FROM gen_bookings AS b JOIN gen_rep AS g USING (rep_id)
      GROUP BY g.team_id) AS t USING (team_id)
ORDER BY rm.rep_id, rm.month;

------------------------------------------------------------------------------
-- forecasts: the rep's call for the month (with the rep's own bias and some
-- noise) against the bookings that came in (0 in a month without wins)
------------------------------------------------------------------------------

INSERT INTO crm.forecasts (rep_id, month, forecast, actual)
SELECT b.rep_id, b.month,
       CASE WHEN b.won_amount > 0
            THEN greatest(0, round(b.won_amount
                                   * (1 + rm.forecast_bias
                                        + 0.25 * pg_temp.z(b.rep_id * 100000::bigint + rm.months_in, 40))
                                   / 100) * 100)
            ELSE round((q.quota * 0.4 * pg_temp.u(b.rep_id * 100000::bigint + rm.months_in, 41))::numeric, -2)
       END,
       b.won_amount
FROM gen_bookings AS b
JOIN gen_rep_month AS rm USING (rep_id, month)
JOIN crm.quotas AS q USING (rep_id, month)
ORDER BY b.rep_id, b.month;

------------------------------------------------------------------------------
-- deal history since 2025-07-01 (crm.opportunity_history): the moves that
-- led each deal to its crm.opportunities row, drawn backwards from that row.
-- A deal open on or closed after 2025-07-01 may have had
--   amount changes: ~35 % once while open; ~30 % of won deals signed at
--     another amount (mostly a discount); ~5 % of new deals got their
--     amount days after creation (NULL before),
--   close-date moves: closed deals that slipped before they closed; open
--     deals pushed out (old deals most often, many of them in the last
--     three weeks of the quarter), with an earlier push before that; some
--     overdue deals pulled in from a later date,
--   stage moves: up to two steps before the stage it closed from (or is
--     in), skipping stages on the way; ~10 % of those below Negotiation
--     went one stage too far first and were put back (a regression), ~12 %
--     of longer stays stepped back a stage and forward again (a re-entry),
--   a loss, then a reopening weeks later (~3 % of open and of won deals),
--   a transfer from a rep of another team (~0.8 %, territory changes).
-- And 150 deals that were entered, then deleted (duplicates, tests): they
-- are in the history only.  One version per deal and day of change, stamped
-- with a time of day; each deal's current version equals its
-- crm.opportunities row (report.sql checks it).
------------------------------------------------------------------------------

SET LOCAL work_mem = '64MB';    -- the history's sorts, in memory

CREATE TEMP TABLE gen_move AS
WITH b AS (
    SELECT o.*, s.sort_order AS s_final, r.team_id,
           greatest(o.created_at, date '2025-07-01') AS first_day,
           coalesce(o.closed_at, date '2026-01-01') AS open_until,   -- the day it stopped being open
           date '2025-12-31' - o.created_at AS age
    FROM crm.opportunities AS o
    JOIN crm.stages AS s USING (stage)
    JOIN crm.reps AS r USING (rep_id)
    WHERE o.won IS NULL OR o.closed_at >= date '2025-07-01'
),
-- the last close-date move (t_s2, to the current date) and the dates of the other moves
m1 AS (
    SELECT b.*,
           CASE WHEN b.won IS NOT NULL THEN NULL
                -- pushed out into 2026: old deals most often, many at the quarter-end clean-up
                WHEN b.expected_close >= date '2026-01-01' AND b.age >= 14
                     AND pg_temp.u(b.opp_id, 63) < CASE WHEN b.age > 365 THEN 0.35 WHEN b.age > 60 THEN 0.5 ELSE 0.25 END
                THEN date '2025-12-31'
                     - floor(CASE WHEN pg_temp.u(b.opp_id, 64) < 0.35 THEN least(21, b.age - 7)
                                  ELSE date '2025-12-31' - greatest(b.created_at + 7, date '2025-06-01') END
                             * pg_temp.u(b.opp_id, 65))::integer
                -- an overdue deal, pulled in from a later date
                WHEN b.expected_close < date '2026-01-01' AND b.expected_close > b.created_at
                     AND pg_temp.u(b.opp_id, 63) < 0.2
                THEN b.created_at + floor((b.expected_close - b.created_at) * pg_temp.u(b.opp_id, 65))::integer
           END AS t_s2,
           -- a closed deal's planned close date, and the day it slipped (once the date had passed)
           CASE WHEN b.won IS NOT NULL
                THEN b.created_at + round((b.closed_at - b.created_at) * exp(0.4 * pg_temp.z(b.opp_id, 60)))::integer
           END AS planned,
           -- an amount change while open (from a0 to a1)
           CASE WHEN b.amount > 0 AND b.open_until - b.created_at > 10 AND pg_temp.u(b.opp_id, 50) < 0.35
                THEN b.created_at + 1 + floor((b.open_until - b.created_at - 1) * pg_temp.u(b.opp_id, 51))::integer
           END AS t_a,
           -- signed at another amount (a1 until closing): a discount, or an upsell
           CASE WHEN b.won AND b.amount > 0 AND b.closed_at > b.created_at AND pg_temp.u(b.opp_id, 52) < 0.30
                THEN round(b.amount * (1 + (0.04 + 0.16 * pg_temp.u(b.opp_id, 53))
                                           * CASE WHEN pg_temp.u(b.opp_id, 54) < 0.75 THEN 1 ELSE -1 END) / 50) * 50
                ELSE b.amount
           END AS a1,
           -- the amount filled in days after creation
           CASE WHEN b.created_at >= date '2025-07-01' AND b.open_until - b.created_at >= 3
                     AND pg_temp.u(b.opp_id, 56) < 0.05
                THEN b.created_at + 1 + floor(least(21, b.open_until - b.created_at - 2) * pg_temp.u(b.opp_id, 57))::integer
           END AS t_fill,
           -- stages: s0 from creation, s1 from t_st1, s_open (the last open stage) from t_st2
           CASE WHEN b.won IS NULL THEN b.s_final
                WHEN b.won THEN 4 + (pg_temp.u(b.opp_id, 70) < 0.6)::integer
                ELSE 1 + floor(5 * pg_temp.u(b.opp_id, 70))::integer
           END AS s_open,
           b.created_at + floor((b.open_until - b.created_at) * 0.5 * pg_temp.u(b.opp_id, 73))::integer AS t_st1,
           b.created_at + floor((b.open_until - b.created_at) * (0.5 + 0.5 * pg_temp.u(b.opp_id, 74)))::integer AS t_st2,
           -- lost on t_lost, reopened on t_reopen
           CASE WHEN b.won IS NULL AND b.first_day <= date '2025-12-31' - 40 AND pg_temp.u(b.opp_id, 75) < 0.03
                THEN b.first_day + floor((date '2025-12-31' - 30 - b.first_day) * pg_temp.u(b.opp_id, 76))::integer
                WHEN b.won AND b.closed_at - b.first_day >= 35 AND pg_temp.u(b.opp_id, 75) < 0.03
                THEN b.first_day + floor((b.closed_at - 30 - b.first_day) * pg_temp.u(b.opp_id, 76))::integer
           END AS t_lost,
           -- moved over from a rep of the next team on t_tr, while open
           CASE WHEN b.created_at < date '2025-11-15' AND pg_temp.u(b.opp_id, 78) < 0.008
                     AND b.open_until - 1 >= greatest(b.first_day + 1, date '2025-08-01')
                THEN greatest(b.first_day + 1, date '2025-08-01')
                     + floor((b.open_until - 1 - greatest(b.first_day + 1, date '2025-08-01'))
                             * pg_temp.u(b.opp_id, 79))::integer
           END AS t_tr
    FROM b
),
-- the close date before t_s2 (e1), and the move before that (t_s1)
m2 AS (
    SELECT m1.*,
           CASE WHEN m1.won IS NOT NULL
                THEN CASE WHEN m1.planned + floor(15 * pg_temp.u(m1.opp_id, 61))::integer < m1.closed_at
                          THEN m1.planned + floor(15 * pg_temp.u(m1.opp_id, 61))::integer END
           END AS t_slip,
           CASE WHEN m1.t_s2 IS NULL THEN m1.expected_close
                WHEN m1.expected_close < date '2026-01-01'
                THEN m1.expected_close + 20 + floor(100 * pg_temp.u(m1.opp_id, 66))::integer
                -- pushed around the time the date came (or had passed)
                ELSE greatest(m1.created_at, m1.t_s2 + floor(28 * pg_temp.u(m1.opp_id, 66))::integer - 14)
           END AS e1
    FROM m1
),
m3 AS (
    SELECT m2.*,
           CASE WHEN m2.won IS NOT NULL THEN m2.t_slip
                WHEN m2.t_s2 IS NOT NULL AND m2.expected_close >= date '2026-01-01'
                     AND pg_temp.u(m2.opp_id, 67) < 0.6
                     AND m2.e1 - 20 - floor(70 * pg_temp.u(m2.opp_id, 68))::integer > m2.created_at
                THEN m2.e1 - 20 - floor(70 * pg_temp.u(m2.opp_id, 68))::integer
           END AS t_s1
    FROM m2
)
SELECT m3.opp_id, m3.account_id, m3.rep_id, m3.stage, m3.won, m3.amount, m3.probability,
       m3.forecast_category, m3.created_at, m3.closed_at, m3.expected_close, m3.s_final,
       -- the first version of a deal older than the history: its state the day before
       CASE WHEN m3.created_at < date '2025-07-01' THEN date '2025-06-30' ELSE m3.created_at END AS first_eval,
       m3.t_a, m3.a1,
       CASE WHEN m3.t_a IS NOT NULL
            THEN greatest(50, round(m3.a1 * exp(0.3 * pg_temp.z(m3.opp_id, 55)) / 50) * 50)
            ELSE m3.a1 END AS a0,
       m3.t_fill,
       -- close date while open: e0 until t_s1, e1 until t_s2, e2 from then on
       CASE WHEN m3.won IS NOT NULL THEN m3.planned
            WHEN m3.t_s1 IS NOT NULL
            THEN greatest(m3.created_at, m3.t_s1 + floor(21 * pg_temp.u(m3.opp_id, 69))::integer - 14)
            ELSE m3.e1 END AS e0,
       m3.t_s1,
       CASE WHEN m3.won IS NOT NULL THEN m3.t_slip + 7 + floor(60 * pg_temp.u(m3.opp_id, 62))::integer
            ELSE m3.e1 END AS e1,
       m3.t_s2, m3.expected_close AS e2,
       least(m3.s_open, 1 + (pg_temp.u(m3.opp_id, 71) < 0.35)::integer) AS s0,
       m3.t_st1, m3.t_st2, m3.s_open,
       m3.t_lost,
       m3.t_lost + 5 + floor(CASE WHEN m3.won THEN 20 ELSE 25 END * pg_temp.u(m3.opp_id, 77))::integer AS t_reopen,
       m3.t_tr,
       CASE WHEN m3.t_tr IS NOT NULL THEN
           (SELECT (array_agg(r.rep_id ORDER BY r.rep_id))[1 + floor(count(*) * pg_temp.u(m3.opp_id, 80))::integer]
            FROM crm.reps AS r WHERE r.team_id = m3.team_id % 6 + 1 AND r.hired_on <= m3.created_at)
       END AS rep_before
FROM m3;

-- s1: a stage between s0 and s_open; or (~10 % of the deals below
-- Negotiation at the end) one stage above s_open: the deal went too far and
-- was put back on t_st2 (a regression; its highest stage stays above the one
-- it is in or closed from)
ALTER TABLE gen_move ADD COLUMN s1 integer, ADD COLUMN t_bk date, ADD COLUMN t_fw date;
UPDATE gen_move
SET s1 = CASE WHEN s_open <= 4 AND t_st2 > t_st1 AND pg_temp.u(opp_id, 81) < 0.10 THEN s_open + 1
              ELSE s0 + floor((s_open - s0 + 1) * pg_temp.u(opp_id, 72))::integer END;
-- a step back (~12 % of the deals that stay in s1 for a week or more): one
-- stage down from s1 on t_bk, forward to s1 again on t_fw, both before t_st2
-- (a ping-pong: s1 is re-entered, its days add up)
UPDATE gen_move
SET t_bk = t_st1 + 1 + floor((t_st2 - t_st1 - 4) * pg_temp.u(opp_id, 83))::integer
WHERE s1 >= 2 AND t_st2 - t_st1 >= 6 AND pg_temp.u(opp_id, 82) < 0.12;
UPDATE gen_move
SET t_fw = t_bk + 1 + floor((t_st2 - t_bk - 2) * pg_temp.u(opp_id, 84))::integer
WHERE t_bk IS NOT NULL;

-- the deal's state at the end of each day something changed
CREATE TEMP TABLE gen_state AS
SELECT g.opp_id, p.day, g.account_id, g.created_at,
       CASE WHEN p.day < g.t_tr THEN g.rep_before ELSE g.rep_id END AS rep_id,
       x.won, x.closed_at,
       CASE WHEN x.won IS NULL
            THEN CASE WHEN p.day >= g.t_s2 THEN g.e2 WHEN p.day >= g.t_s1 THEN g.e1 ELSE g.e0 END
       END AS expected_close,
       CASE WHEN x.closed_now THEN g.stage
            WHEN x.lost_now THEN 'Closed Lost'
            ELSE (ARRAY['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal', 'Negotiation'])
                 [CASE WHEN p.day >= g.t_st2 THEN g.s_open WHEN p.day >= g.t_bk AND p.day < g.t_fw THEN g.s1 - 1
                       WHEN p.day >= g.t_st1 THEN g.s1 ELSE g.s0 END]
       END AS stage,
       CASE WHEN x.closed_now THEN g.amount
            WHEN p.day < g.t_fill THEN NULL
            WHEN p.day >= g.t_a THEN g.a1
            ELSE g.a0
       END AS amount
FROM gen_move AS g
CROSS JOIN LATERAL (
    SELECT DISTINCT d
    FROM unnest(ARRAY[g.first_eval, g.t_a, g.t_fill, g.t_s1, g.t_s2, g.t_st1, g.t_st2, g.t_bk, g.t_fw,
                      g.closed_at, g.t_lost, g.t_reopen, g.t_tr]) AS d
    WHERE d >= g.first_eval AND d <= date '2025-12-31'
) AS p(day)
CROSS JOIN LATERAL (SELECT coalesce(p.day >= g.closed_at, false) AS closed_now,
                           coalesce(p.day >= g.t_lost AND p.day < g.t_reopen, false) AS lost_now) AS c
CROSS JOIN LATERAL (SELECT c.closed_now, c.lost_now,
                           CASE WHEN c.closed_now THEN g.won WHEN c.lost_now THEN false END AS won,
                           CASE WHEN c.closed_now THEN g.closed_at WHEN c.lost_now THEN g.t_lost END AS closed_at) AS x;

-- deals older than the history and closed before it: one version, as they are
INSERT INTO gen_state
SELECT o.opp_id, date '2025-06-30', o.account_id, o.created_at, o.rep_id, o.won, o.closed_at, o.expected_close,
       o.stage, o.amount
FROM crm.opportunities AS o
WHERE o.closed_at < date '2025-07-01';

-- the deleted deals: entered 2025-05-17 .. 2025-12-10 by a rep, deleted
-- 1 .. 60 days later (only those deleted from 2025-07-02 to 2025-12-31)
CREATE TEMP TABLE gen_deleted AS
SELECT d.*, a.account_id,
       CASE a.segment WHEN 'Enterprise' THEN 58000 WHEN 'Mid-Market' THEN 16000 ELSE 4500 END AS base
FROM (SELECT 900000 + i AS opp_id, r.rep_id, r.team_id,
             date '2025-05-17' + floor(208 * pg_temp.u(900000 + i, 90))::integer AS created_at,
             1 + floor(pg_temp.u(900000 + i, 91) ^ 2 * 60)::integer AS lifetime,
             1 + floor(333 * pg_temp.u(900000 + i, 92))::integer AS account_idx
      FROM generate_series(1, 150) AS i
      JOIN crm.reps AS r ON r.rep_id = 1 + floor(40 * pg_temp.u(900000 + i, 93))::integer) AS d
JOIN gen_account AS a ON a.team_id = d.team_id AND a.idx = d.account_idx;

INSERT INTO gen_state
SELECT d.opp_id, greatest(d.created_at, date '2025-06-30'), d.account_id, d.created_at, d.rep_id, NULL, NULL,
       d.created_at + 20 + floor(100 * pg_temp.u(d.opp_id, 94))::integer,
       CASE WHEN pg_temp.u(d.opp_id, 95) < 0.7 THEN 'Prospecting' ELSE 'Qualification' END,
       round((2000 + d.base * exp(0.85 * pg_temp.z(d.opp_id, 96))) / 50) * 50
FROM gen_deleted AS d
WHERE d.created_at + d.lifetime > date '2025-07-01' AND d.created_at + d.lifetime <= date '2025-12-31';

-- one version per change: the consecutive days on which nothing changed
-- (a move that landed on a day it was already undone, say) fold into one
INSERT INTO crm.opportunity_history (opp_id, account_id, rep_id, stage, won, amount, probability,
                                     forecast_category, created_at, closed_at, expected_close,
                                     valid_from, valid_to)
SELECT v.opp_id, v.account_id, v.rep_id, v.stage, v.won, v.amount,
       -- the deal's own probability while in its current stage, the stage's default before
       CASE WHEN (v.stage, v.won) IS NOT DISTINCT FROM (o.stage, o.won) THEN o.probability ELSE s.default_probability END,
       CASE WHEN (v.stage, v.won) IS NOT DISTINCT FROM (o.stage, o.won) THEN o.forecast_category ELSE s.forecast_category END,
       v.created_at, v.closed_at, v.expected_close,
       v.valid_from,
       coalesce(lead(v.valid_from) OVER w,
                -- a deleted deal's last version ends at its deletion
                (d.created_at + d.lifetime) + make_interval(mins => 480 + floor(600 * pg_temp.u(v.opp_id, 97))::integer))
FROM (SELECT st.*,
             -- the history starts at midnight on 1 July; changes are made in business hours
             CASE WHEN st.day = date '2025-06-30' THEN timestamp '2025-07-01'
                  ELSE st.day + make_interval(mins => 480 + floor(600 * pg_temp.u(st.opp_id * 1000 + (st.day - date '2025-01-01'), 98))::integer)
             END AS valid_from,
             (st.rep_id, st.stage, st.won, st.amount, st.closed_at, st.expected_close)
                 IS DISTINCT FROM lag((st.rep_id, st.stage, st.won, st.amount, st.closed_at, st.expected_close))
                                  OVER (PARTITION BY st.opp_id ORDER BY st.day) AS changed
      FROM gen_state AS st) AS v
JOIN crm.stages AS s USING (stage)
LEFT JOIN crm.opportunities AS o USING (opp_id)
LEFT JOIN gen_deleted AS d USING (opp_id)
WHERE v.changed
WINDOW w AS (PARTITION BY v.opp_id ORDER BY v.valid_from)
ORDER BY v.opp_id, v.valid_from;

------------------------------------------------------------------------------
-- the sales team's roster (crm.rep_spells): the 40 reps of the CRM, still
-- employed, and twelve who have left (one at the end of 2023): six
-- departures were followed by a hire into the team (the six reps hired in
-- the period), a 2024 hire and a 2025 hire left again within the year (the
-- second let go in the ramp), three seats stayed empty.  The leavers' deals
-- went to their successors or teammates (crm.opportunities shows the
-- current owner).
------------------------------------------------------------------------------

INSERT INTO crm.rep_spells (spell_id, rep_id, name, team_id, hired_on, left_on, voluntary)
SELECT rep_id, rep_id, name, team_id, hired_on, NULL, NULL FROM crm.reps
UNION ALL
VALUES (41, NULL::integer, 'Brian Oneill',     1, date '2016-04-04', date '2023-12-31', true),   -- before the period
       (42, NULL, 'Grace Whitfield',  2, date '2021-05-17', date '2024-02-16', true),    -- -> Mateo Novak
       (43, NULL, 'Oscar Lindqvist',  2, date '2023-09-04', date '2024-06-07', false),   -- -> Yuki Haddad
       (44, NULL, 'Chiara Benedetti', 3, date '2019-02-11', date '2024-09-20', true),    -- -> Aisha Conti
       (45, NULL, 'Marta Nowak',      6, date '2024-04-08', date '2025-03-14', true),    -- a 2024 hire who left
       (46, NULL, 'Pavel Horak',      4, date '2020-10-05', date '2025-01-10', true),    -- -> Nora Sato
       (47, NULL, 'Ryan Mitchell',    2, date '2025-03-03', date '2025-06-13', false),   -- failed the ramp
       (48, NULL, 'Hiroshi Mori',     5, date '2022-08-22', date '2025-04-25', false),   -- -> Sara Nguyen
       (49, NULL, 'Amelie Laurent',   1, date '2018-09-03', date '2025-07-31', true),
       (50, NULL, 'Kwame Asante',     6, date '2021-03-15', date '2025-08-15', true),    -- -> Samuel Walker
       (51, NULL, 'Tariq Aziz',       4, date '2023-02-20', date '2025-10-17', false),
       (52, NULL, 'Sofie Vermeulen',  3, date '2020-01-13', date '2025-11-28', true);    -- seat open

------------------------------------------------------------------------------
-- customers and their MRR (crm.mrr), 2024-01 .. 2025-12.  An account is a
-- customer since before 2024 (~20 % of them, the installed base, MRR drawn
-- by segment) or from the month of its first won deal with a positive
-- amount (a new customer: MRR = that deal's amount / 12, the first year's
-- contract value per month).  Then, each month after its first: churn
-- (monthly hazard 0.5 % Enterprise, 1 % Mid-Market, 2 % SMB; no more
-- rows), an expansion (+10 % .. +50 %; 5 % of months, 20 % in a month the
-- account won a deal), a contraction (-5 % .. -30 %; 2 % of months, 50 % in
-- a month with a credit note or down-sell won), or no change.
------------------------------------------------------------------------------

CREATE TEMP TABLE gen_customer AS
SELECT a.account_id, a.segment,
       CASE WHEN pg_temp.u(a.account_id, 200) < 0.20 THEN 0
            ELSE (extract(year FROM f.closed_at)::integer - 2024) * 12 + extract(month FROM f.closed_at)::integer - 1
       END AS m0,            -- the first month with MRR, 0 = 2024-01
       CASE WHEN pg_temp.u(a.account_id, 200) < 0.20
            THEN round((CASE a.segment WHEN 'Enterprise' THEN 5000 WHEN 'Mid-Market' THEN 1500 ELSE 450 END
                        * exp(0.6 * pg_temp.z(a.account_id, 201)))::numeric, -1)
            ELSE round(f.amount / 12)
       END AS mrr0
FROM crm.accounts AS a
LEFT JOIN (SELECT DISTINCT ON (account_id) account_id, closed_at, amount
           FROM crm.opportunities WHERE won AND amount > 0
           ORDER BY account_id, closed_at, opp_id) AS f USING (account_id)
WHERE pg_temp.u(a.account_id, 200) < 0.20 OR f.account_id IS NOT NULL;

-- each customer-month's move: 'churn', or the factor on the month before's MRR
CREATE TEMP TABLE gen_customer_month AS
SELECT c.account_id, m,
       pg_temp.u(c.account_id * 100 + m, 202)
           < CASE c.segment WHEN 'Enterprise' THEN 0.005 WHEN 'Mid-Market' THEN 0.010 ELSE 0.020 END AS churn,
       CASE WHEN pg_temp.u(c.account_id * 100 + m, 203) < CASE WHEN w.won_pos THEN 0.20 ELSE 0.05 END
            THEN 1 + round((0.10 + 0.40 * pg_temp.u(c.account_id * 100 + m, 204))::numeric, 2)
            WHEN pg_temp.u(c.account_id * 100 + m, 205) < CASE WHEN w.won_neg THEN 0.50 ELSE 0.02 END
            THEN 1 - round((0.05 + 0.25 * pg_temp.u(c.account_id * 100 + m, 206))::numeric, 2)
            ELSE 1
       END AS factor
FROM gen_customer AS c
CROSS JOIN generate_series(1, 23) AS m
LEFT JOIN (SELECT account_id,
                  (extract(year FROM closed_at)::integer - 2024) * 12 + extract(month FROM closed_at)::integer - 1 AS m,
                  bool_or(amount > 0) AS won_pos, bool_or(amount < 0) AS won_neg
           FROM crm.opportunities WHERE won GROUP BY 1, 2) AS w USING (account_id, m)
WHERE m > c.m0;
ALTER TABLE gen_customer_month ADD PRIMARY KEY (account_id, m);

INSERT INTO crm.mrr (account_id, month, mrr)
WITH RECURSIVE s AS (
    SELECT account_id, m0 AS m, mrr0 AS mrr FROM gen_customer
    UNION ALL
    SELECT s.account_id, s.m + 1, round(s.mrr * g.factor)
    FROM s JOIN gen_customer_month AS g ON g.account_id = s.account_id AND g.m = s.m + 1
    WHERE NOT g.churn
)
SELECT account_id, (date '2024-01-01' + make_interval(months => m))::date, mrr
FROM s ORDER BY account_id, m;

------------------------------------------------------------------------------
-- sales and marketing spend per quarter (crm.sm_spend): sales = 700 per
-- rep-day of the roster (salary, benefits, managers, sales engineers,
-- tools) + 5 % commission on the quarter's won amount; marketing 1.5
-- million in 2024 Q1, 4 % more each quarter.  Rounded to 1,000.
------------------------------------------------------------------------------

INSERT INTO crm.sm_spend (quarter, sales, marketing)
SELECT q::date,
       round(700 * (SELECT sum(greatest(0, least(coalesce(s.left_on + 1, 'infinity'), (q + interval '3 months')::date)
                                            - greatest(s.hired_on, q::date)))
                     FROM crm.rep_spells AS s)
             + 0.05 * (SELECT coalesce(sum(amount), 0) FROM crm.opportunities
                       WHERE won AND closed_at >= q AND closed_at < q + interval '3 months'), -3),
       round(1500000 * 1.04 ^ i, -3)
FROM generate_series(timestamp '2024-01-01', timestamp '2025-10-01', interval '3 months') WITH ORDINALITY AS g(q, n),
     LATERAL (SELECT n - 1 AS i) AS x
ORDER BY 1;

------------------------------------------------------------------------------
-- leads (crm.leads) and their activities (crm.lead_activities), created
-- 2024-01-01 .. 2025-12-31 like the deals, on streams 300+ of their own (the
-- tables above do not change).  About 6,000 leads: ~1,000 of them converted
-- into an existing opportunity (a new-business deal of the lead's owner,
-- created on the conversion day, 5 days or more after the lead: ~2.5-4.5 %
-- of the deals with a positive amount, more of the SMB and Mid-Market ones),
-- the rest not converted (3 % of the touched ones converted to an account
-- and contact only, no opportunity), so that ~17 % of the leads become an
-- opportunity: Referral and Partner leads most often, Web and Trade show
-- leads least.  Source mix: Web 32 %, Outbound 22 %, Webinar 13 %, none
-- 10 %, Trade show 8 %, Partner 8 %, Referral 7 %.
-- Times are the org's (Europe/Berlin), for every team; the reps work
-- Monday to Friday, 08:30-18:00.  Inbound leads arrive at any hour (two in
-- three in 08:00-18:00), fewer on weekends; outbound and trade-show leads
-- are entered by the reps in office hours on weekdays.  The first touch by a
-- person (a call, e-mail or meeting; never the auto-reply an inbound lead
-- gets within seconds): minutes after an office-hours lead (log-normal,
-- median ~12 min in the Commercial teams, ~35 in the Enterprise ones;
-- webinar and trade-show leads slower, leads that go on to convert
-- faster), the next working morning for an evening lead, Monday (sometimes
-- Tuesday) for a weekend one; 2-15 % never touched (by source), and 60 %
-- of the outbound leads called before they were entered (pretouched).
-- Then follow-ups every few working days (more for the converting leads,
-- up to their conversion day), and nothing after 2025-12-31.
------------------------------------------------------------------------------

-- these one-off queries are expression-heavy and costed high: JIT
-- compiling them took longer than running them (gen_activity 2.6 s -> 0.4 s)
SET LOCAL jit = off;

-- a label picked by weights (a NULL label is a lead without a source)
CREATE FUNCTION pg_temp.wpick(a text[], w float8[], x float8) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT a[i] FROM generate_subscripts(w, 1) AS i
            WHERE (SELECT sum(w[j]) FROM generate_subscripts(w, 1) AS j WHERE j <= i)
                  >= x * (SELECT sum(v) FROM unnest(w) AS v)
            ORDER BY i LIMIT 1);

-- within the reps' working time: Monday to Friday, 08:30-18:00
CREATE FUNCTION pg_temp.in_office(ts timestamp) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN extract(isodow FROM ts) < 6 AND ts::time >= time '08:30' AND ts::time < time '18:00';

-- ts if in working time, else the start of the next working morning
CREATE FUNCTION pg_temp.next_office(ts timestamp) RETURNS timestamp
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN pg_temp.in_office(ts) THEN ts
                WHEN extract(isodow FROM ts) < 6 AND ts::time < time '08:30' THEN date_trunc('day', ts) + time '08:30'
                ELSE date_trunc('day', ts)
                     + make_interval(days => CASE extract(isodow FROM ts)::integer WHEN 5 THEN 3 WHEN 6 THEN 2 ELSE 1 END)
                     + time '08:30'
           END;

-- ts if in working time, else late on the working day before (or that
-- day, for an evening): x in (0, 1) picks 16:00-17:30
CREATE FUNCTION pg_temp.prev_office(ts timestamp, x float8) RETURNS timestamp
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN pg_temp.in_office(ts) THEN ts
                ELSE date_trunc('day', ts)
                     - make_interval(days => CASE WHEN extract(isodow FROM ts) < 6 AND ts::time >= time '18:00' THEN 0
                                                  ELSE CASE extract(isodow FROM ts)::integer WHEN 1 THEN 3 WHEN 7 THEN 2
                                                                                              ELSE 1 END END)
                     + time '16:00' + make_interval(secs => floor(5400 * x))
           END;

-- the leads' raw draws: the converting ones from their opportunities, the
-- others on their own keys (7,000,001 ..).  Per source its share of all
-- leads and its chance to become an opportunity; converting leads take the
-- sources in proportion to share x chance, the others to share x (1 - chance).
CREATE TEMP TABLE gen_lead0 AS
WITH src AS (
    SELECT ARRAY['Web', 'Webinar', 'Trade show', 'Outbound', 'Partner', 'Referral', NULL] AS name,
           ARRAY[0.32, 0.13, 0.08, 0.22, 0.08, 0.07, 0.10]::float8[] AS share,
           ARRAY[0.14, 0.16, 0.10, 0.20, 0.28, 0.38, 0.06]::float8[] AS chance),
w AS (
    SELECT name, array_agg(share[i] * chance[i] ORDER BY i) AS conv_w, array_agg(share[i] * (1 - chance[i]) ORDER BY i) AS other_w
    FROM src, generate_subscripts(share, 1) AS i GROUP BY name)
SELECT o.opp_id AS k, o.opp_id, o.rep_id, o.created_at AS converted_date,
       pg_temp.wpick(w.name, w.conv_w, pg_temp.u(o.opp_id, 302)) AS source,
       o.created_at - 5 - floor(8 * exp(0.8 * pg_temp.z(o.opp_id, 301)))::integer AS day0
FROM crm.opportunities AS o
JOIN crm.accounts AS a USING (account_id)
CROSS JOIN w
WHERE o.amount > 0
  AND pg_temp.u(o.opp_id, 300) < CASE a.segment WHEN 'SMB' THEN 0.045 WHEN 'Mid-Market' THEN 0.040 ELSE 0.025 END
UNION ALL
SELECT n.k, NULL, r.rep_id, NULL, n.source, n.day0
FROM (SELECT 7000000 + i AS k,
             pg_temp.wpick(w.name, w.other_w, pg_temp.u(7000000 + i, 302)) AS source,
             date '2024-01-01' + floor(731 * pg_temp.u(7000000 + i, 304) ^ 0.8)::integer AS day0,
             -- the owning team: the Commercial teams take most leads
             pg_temp.wpick(ARRAY['1', '2', '3', '4', '5', '6'], ARRAY[0.09, 0.27, 0.08, 0.24, 0.06, 0.26],
                           pg_temp.u(7000000 + i, 305))::integer AS team_id
      FROM generate_series(1, 5000) AS i CROSS JOIN w) AS n
-- a rep of the team, employed when the lead came in
CROSS JOIN LATERAL (
    SELECT (array_agg(r.rep_id ORDER BY r.rep_id))[1 + floor(count(*) * pg_temp.u(n.k, 306))::integer] AS rep_id
    FROM crm.reps AS r WHERE r.team_id = n.team_id AND r.hired_on <= n.day0) AS r;

-- the day and local time each lead came in: outbound and trade-show leads
-- entered on a weekday in office hours (a weekend day moves to Monday),
-- half the inbound weekend leads moved to Thursday or Friday (fewer on
-- weekends), two in three inbound leads between 08:00 and 18:00
CREATE TEMP TABLE gen_lead1 AS
SELECT l.*, rp.team_id, rp.hired_on, d.day,
       d.day + make_interval(secs => CASE WHEN l.source IN ('Outbound', 'Trade show')
                                          THEN 32400 + floor(30600 * pg_temp.u(l.k, 308))
                                          WHEN pg_temp.u(l.k, 309) < 0.68
                                          THEN 28800 + floor(36000 * pg_temp.u(l.k, 308))
                                          ELSE floor(86400 * pg_temp.u(l.k, 308)) END) AS lt
FROM gen_lead0 AS l
JOIN crm.reps AS rp USING (rep_id)
CROSS JOIN LATERAL (
    SELECT CASE WHEN l.source IN ('Outbound', 'Trade show')
                THEN l.day0 + CASE extract(isodow FROM l.day0)::integer WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END
                WHEN extract(isodow FROM l.day0) >= 6 AND pg_temp.u(l.k, 307) < 0.5 THEN l.day0 - 2
                ELSE l.day0 END AS day) AS d
WHERE d.day >= date '2024-01-01' AND d.day <= date '2025-12-31' AND d.day >= rp.hired_on
  AND (l.converted_date IS NULL OR d.day < l.converted_date);

-- the first touch by a person (local time; NULL never, or not by 2025-12-31)
CREATE TEMP TABLE gen_lead2 AS
SELECT l.*,
       CASE WHEN p.pretouched
            THEN pg_temp.prev_office(l.lt - make_interval(secs => 1800 + 60 * floor(600 * exp(pg_temp.z(l.k, 312)))),
                                     pg_temp.u(l.k, 313))
            WHEN p.untouched OR t.touch > timestamp '2025-12-31 23:59:59' THEN NULL
            ELSE t.touch END AS touch,
       p.pretouched
FROM gen_lead1 AS l
CROSS JOIN LATERAL (
    -- (not in a rep's first week: the call before was the rep's too)
    SELECT l.source = 'Outbound' AND pg_temp.u(l.k, 311) < 0.60 AND l.day >= l.hired_on + 7 AS pretouched,
           l.converted_date IS NULL
           AND pg_temp.u(l.k, 310) < CASE l.source WHEN 'Web' THEN 0.07 WHEN 'Webinar' THEN 0.12 WHEN 'Trade show' THEN 0.10
                                                   WHEN 'Outbound' THEN 0.02 WHEN 'Partner' THEN 0.05 WHEN 'Referral' THEN 0.03
                                                   ELSE 0.15 END AS untouched,
           -- median minutes to the first touch in office hours
           CASE WHEN l.team_id % 2 = 1 THEN 35 ELSE 12 END
               * CASE l.source WHEN 'Webinar' THEN 2.5 WHEN 'Trade show' THEN 8 ELSE 1 END
               * CASE WHEN l.converted_date IS NOT NULL THEN 0.7 ELSE 1 END AS median_min,
           -- came in on a weekend or a Friday evening
           extract(isodow FROM l.lt) >= 6 OR (extract(isodow FROM l.lt) = 5 AND l.lt::time >= time '18:00') AS weekend) AS p
CROSS JOIN LATERAL (
    SELECT CASE WHEN pg_temp.in_office(l.lt)
                THEN l.lt + make_interval(secs => round(60 * p.median_min * exp(1.3 * pg_temp.z(l.k, 314))))
                -- the next working morning (after a weekend sometimes the day after), a while after 08:30
                ELSE pg_temp.next_office(CASE WHEN p.weekend AND pg_temp.u(l.k, 315) < 0.15
                                              THEN pg_temp.next_office(l.lt) + interval '1 day'
                                              ELSE l.lt END)
                     + make_interval(secs => round(60 * CASE WHEN p.weekend THEN 90 ELSE 40 END
                                                   * exp(0.9 * pg_temp.z(l.k, 316))))
           END AS raw) AS r
-- a touch that would fall outside working time moves to the next working morning
CROSS JOIN LATERAL (
    SELECT CASE WHEN pg_temp.in_office(r.raw) THEN r.raw
                ELSE pg_temp.next_office(r.raw) + make_interval(secs => floor(7200 * pg_temp.u(l.k, 317))) END AS touch) AS t;

-- the leads: ids in order of creation, Salesforce-like; 3 % of the touched
-- leads that made no opportunity were converted to an account and contact
-- only, 3 .. 22 days after the first touch
CREATE TEMP TABLE gen_lead AS
SELECT format('00Q%s', lpad(row_number() OVER (ORDER BY l.lt, l.k)::text, 12, '0')) AS id, l.*,
       coalesce(l.converted_date,
                CASE WHEN l.touch IS NOT NULL AND NOT l.pretouched AND pg_temp.u(l.k, 318) < 0.03
                          AND l.touch::date + 22 <= date '2025-12-31'
                     THEN l.touch::date + 3 + floor(20 * pg_temp.u(l.k, 319))::integer END) AS conv_date
FROM gen_lead2 AS l;

-- the activities: the auto-reply to a web or webinar lead, within seconds;
-- a nurture e-mail three days after an untouched inbound lead (automated:
-- no touch); the first touch; follow-ups every two to four working days
-- (1 .. 6 for a converting lead, up to its conversion day; 0 .. 5 others)
CREATE TEMP TABLE gen_activity AS
SELECT l.id AS who_id, l.rep_id, l.lt + make_interval(secs => 3 + floor(100 * pg_temp.u(l.k, 320))) AS at,
       'email' AS type, true AS auto
FROM gen_lead AS l
WHERE l.source IN ('Web', 'Webinar') AND pg_temp.u(l.k, 321) < 0.85
UNION ALL
SELECT l.id, l.rep_id, l.lt::date + 3 + time '10:00', 'email', true
FROM gen_lead AS l
WHERE l.touch IS NULL AND l.source IN ('Web', 'Webinar') AND pg_temp.u(l.k, 322) < 0.6
  AND l.lt::date + 3 <= date '2025-12-31'
UNION ALL
SELECT l.id, l.rep_id, l.touch,
       -- call / e-mail / meeting: 50 / 30 / 20 % on partner and referral leads, else 55 / 40 / 5 %
       CASE WHEN l.pretouched THEN 'call'
            WHEN x.u < CASE WHEN l.source IN ('Partner', 'Referral') THEN 0.50 ELSE 0.55 END THEN 'call'
            WHEN x.u < CASE WHEN l.source IN ('Partner', 'Referral') THEN 0.80 ELSE 0.95 END THEN 'email'
            ELSE 'meeting' END,
       false
FROM gen_lead AS l
CROSS JOIN LATERAL (SELECT pg_temp.u(l.k, 323) AS u) AS x
WHERE l.touch IS NOT NULL
UNION ALL
SELECT l.id, l.rep_id, f.at,
       -- 40 / 30 / 30 % for a converting lead, else 50 / 40 / 10 %
       CASE WHEN f.u < CASE WHEN l.converted_date IS NOT NULL THEN 0.40 ELSE 0.50 END THEN 'call'
            WHEN f.u < CASE WHEN l.converted_date IS NOT NULL THEN 0.70 ELSE 0.90 END THEN 'email'
            ELSE 'meeting' END,
       false
FROM gen_lead AS l
CROSS JOIN LATERAL generate_series(1, CASE WHEN l.converted_date IS NOT NULL THEN 1 + floor(6 * pg_temp.u(l.k, 324))::integer
                                           ELSE floor(6 * pg_temp.u(l.k, 324) ^ 1.5)::integer END) AS j
CROSS JOIN LATERAL (
    SELECT pg_temp.next_office(greatest(l.touch, l.lt)::date + 2 * j + floor(3 * pg_temp.u(l.k * 8 + j, 325))::integer
                               + time '08:30' + make_interval(secs => floor(34200 * pg_temp.u(l.k * 8 + j, 327)))) AS at,
           pg_temp.u(l.k * 8 + j, 326) AS u) AS f
WHERE l.touch IS NOT NULL
  AND f.at <= timestamp '2025-12-31 23:59:59'
  AND (l.conv_date IS NULL OR f.at::date <= l.conv_date);

INSERT INTO crm.leads (id, created_at, lead_source, owner_rep_id, status, is_converted, converted_date,
                       converted_opportunity_id)
SELECT l.id, l.lt AT TIME ZONE 'Europe/Berlin', l.source, l.rep_id,
       CASE WHEN l.conv_date IS NOT NULL THEN 'Converted'
            WHEN l.touch IS NULL THEN 'Open'
            -- no activity for six weeks: disqualified, or left to marketing's nurturing
            WHEN a.last < timestamp '2025-12-31' - interval '6 weeks'
                 THEN CASE WHEN pg_temp.u(l.k, 328) < 0.65 THEN 'Unqualified' ELSE 'Nurturing' END
            ELSE 'Working' END,
       l.conv_date IS NOT NULL, l.conv_date, l.opp_id
FROM gen_lead AS l
LEFT JOIN (SELECT who_id AS id, max(at) AS last FROM gen_activity WHERE NOT auto GROUP BY who_id) AS a USING (id)
ORDER BY l.id;

-- ids: Tasks (calls, e-mails) 00T.., Events (meetings) 00U.., in order of time
INSERT INTO crm.lead_activities (activity_id, who_id, owner_rep_id, created_at, type, created_by_automation)
SELECT format('%s%s', CASE WHEN type = 'meeting' THEN '00U' ELSE '00T' END,
              lpad(row_number() OVER (PARTITION BY type = 'meeting' ORDER BY at, who_id, auto DESC, type)::text, 12, '0')),
       who_id, rep_id, at AT TIME ZONE 'Europe/Berlin', type, auto
FROM gen_activity
ORDER BY at, who_id;

COMMIT;

ANALYZE crm.teams, crm.reps, crm.accounts, crm.stages, crm.opportunities, crm.quotas, crm.forecasts,
        crm.opportunity_history, crm.rep_spells, crm.mrr, crm.sm_spend, crm.leads, crm.lead_activities;
