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
--   rep's first month) and monthly forecasts with their actual bookings.
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

COMMIT;

ANALYZE crm.teams, crm.reps, crm.accounts, crm.stages, crm.opportunities, crm.quotas, crm.forecasts;
