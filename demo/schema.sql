-- demo/schema.sql: a small CRM data model in schema "crm", shaped like the
-- opportunity, quota and forecast tables of Salesforce or HubSpot exports.
-- The salesops aggregates read these columns as they are.
--
-- Mapping a real CRM to these columns
-- -----------------------------------
-- Outcome: opportunities.won is true = closed won, false = closed lost,
-- NULL = open.  Both CRMs store two flags; map them to one tri-state column:
--
--   Salesforce Opportunity:
--     won         = CASE WHEN "IsClosed" THEN "IsWon" END
--     probability = "Probability" / 100.0     -- percent field (0..100)
--     amount      = "Amount",  stage = "StageName",
--     forecast_category = "ForecastCategoryName",
--     created_at  = ("CreatedDate" AT TIME ZONE <org time zone>)::date,
--     closed_at   = CASE WHEN "IsClosed" THEN "CloseDate" END,
--     expected_close = CASE WHEN NOT "IsClosed" THEN "CloseDate" END
--   HubSpot deal:
--     won         = CASE WHEN hs_is_closed THEN hs_is_closed_won END
--     probability = hs_deal_stage_probability  -- already a fraction (0..1)
--     amount      = amount,  stage = dealstage,
--     forecast_category = hs_manual_forecast_category,
--     created_at  = createdate::date,
--     closed_at   = CASE WHEN hs_is_closed THEN closedate::date END,
--     expected_close = CASE WHEN NOT hs_is_closed THEN closedate::date END
--
-- Probabilities are fractions in [0, 1] everywhere in salesops: never guess
-- the scale from the data (1 is 1 % in Salesforce and 100 % in HubSpot).
--
-- A CRM that keeps a status text maps it the same way:
--     won = CASE status WHEN 'won' THEN true WHEN 'lost' THEN false END

CREATE SCHEMA crm;

COMMENT ON SCHEMA crm IS 'salesops demo: sample CRM data (teams, reps, accounts, opportunities, quotas, forecasts, deal history, leads and their activities), with billing''s MRR, finance''s spend and HR''s rep roster';

CREATE TABLE crm.teams (
    team_id     integer PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    region      text NOT NULL
);

CREATE TABLE crm.reps (
    rep_id      integer PRIMARY KEY,
    team_id     integer NOT NULL REFERENCES crm.teams,
    name        text NOT NULL,
    hired_on    date NOT NULL
);
CREATE INDEX ON crm.reps (team_id);

CREATE TABLE crm.accounts (
    account_id  integer PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    industry    text NOT NULL,
    segment     text NOT NULL CHECK (segment IN ('Enterprise', 'Mid-Market', 'SMB'))
);

-- The sales process: stage order, the stage's default probability and its
-- forecast category (Salesforce's OpportunityStage, HubSpot's pipeline stages).
CREATE TABLE crm.stages (
    stage               text PRIMARY KEY,
    sort_order          integer NOT NULL UNIQUE,
    default_probability numeric(4,3) NOT NULL CHECK (default_probability BETWEEN 0 AND 1),
    forecast_category   text NOT NULL,
    is_closed           boolean NOT NULL,
    is_won              boolean NOT NULL
);

INSERT INTO crm.stages VALUES
    ('Prospecting',    1, 0.10, 'Pipeline',  false, false),
    ('Qualification',  2, 0.25, 'Pipeline',  false, false),
    ('Needs Analysis', 3, 0.40, 'Best Case', false, false),
    ('Proposal',       4, 0.60, 'Best Case', false, false),
    ('Negotiation',    5, 0.80, 'Commit',    false, false),
    ('Closed Won',     6, 1.00, 'Closed',    true,  true),
    ('Closed Lost',    7, 0.00, 'Omitted',   true,  false);

CREATE TABLE crm.opportunities (
    opp_id            bigint PRIMARY KEY,
    account_id        integer NOT NULL REFERENCES crm.accounts,
    rep_id            integer NOT NULL REFERENCES crm.reps,
    stage             text NOT NULL REFERENCES crm.stages,
    won               boolean,          -- true = closed won, false = closed lost, NULL = open
    amount            numeric(14,2),    -- negative for refunds, credit notes, down-sells
    probability       numeric(4,3) CHECK (probability BETWEEN 0 AND 1),  -- a fraction
    forecast_category text,
    created_at        date NOT NULL,
    closed_at         date,             -- NULL while open
    expected_close    date,             -- the rep's close date of an open deal
    CHECK ((won IS NULL) = (closed_at IS NULL)),
    CHECK (closed_at >= created_at),
    CHECK (won IS NOT NULL OR expected_close IS NOT NULL)
);
CREATE INDEX ON crm.opportunities (rep_id);
CREATE INDEX ON crm.opportunities (account_id);
CREATE INDEX ON crm.opportunities (created_at);
CREATE INDEX ON crm.opportunities (closed_at) WHERE won IS NOT NULL;
CREATE INDEX opportunities_open_idx ON crm.opportunities (expected_close) WHERE won IS NULL;

COMMENT ON COLUMN crm.opportunities.won IS 'true = closed won, false = closed lost, NULL = open (Salesforce: CASE WHEN IsClosed THEN IsWon END; HubSpot: CASE WHEN hs_is_closed THEN hs_is_closed_won END)';
COMMENT ON COLUMN crm.opportunities.probability IS 'win probability as a fraction 0..1 (Salesforce Probability / 100; HubSpot stage probability as is)';

-- One quota line per rep and month (0 for a ramping rep's first month).
CREATE TABLE crm.quotas (
    rep_id      integer NOT NULL REFERENCES crm.reps,
    month       date NOT NULL CHECK (month = date_trunc('month', month)::date),
    quota       numeric(14,2) NOT NULL CHECK (quota >= 0),
    PRIMARY KEY (rep_id, month)
);
CREATE INDEX ON crm.quotas (month);

-- The rep's bookings forecast for a month, and the bookings that came in.
CREATE TABLE crm.forecasts (
    rep_id      integer NOT NULL REFERENCES crm.reps,
    month       date NOT NULL CHECK (month = date_trunc('month', month)::date),
    forecast    numeric(14,2) NOT NULL,
    actual      numeric(14,2),      -- NULL until the month has closed
    PRIMARY KEY (rep_id, month)
);
CREATE INDEX ON crm.forecasts (month);

-- Every version of every deal since the CRM started keeping history
-- (2025-07-01 here), as a dbt snapshot or an effective-dated export keeps it
-- (Salesforce OpportunityHistory / OpportunityFieldHistory, HubSpot's
-- property history pivoted per change): the opportunity's columns, and
-- the time the version was made (valid_from) until the next change
-- (valid_to, exclusive; NULL for a deal's current version).  A deal that
-- existed before history started has its first version at the start,
-- with its state then.  A deleted deal's last version ends at the
-- deletion, and it is not in crm.opportunities any more; every other deal's
-- current version is its crm.opportunities row.
-- (No foreign keys: a history is a log, loaded as the CRM exports it.)
CREATE TABLE crm.opportunity_history (
    opp_id            bigint NOT NULL,
    account_id        integer NOT NULL,
    rep_id            integer NOT NULL,
    stage             text NOT NULL,
    won               boolean,
    amount            numeric(14,2),    -- NULL until the rep fills it in
    probability       numeric(4,3) CHECK (probability BETWEEN 0 AND 1),
    forecast_category text,
    created_at        date NOT NULL,
    closed_at         date,
    expected_close    date,
    valid_from        timestamp NOT NULL,
    valid_to          timestamp,
    PRIMARY KEY (opp_id, valid_from),
    CHECK (valid_to > valid_from),
    CHECK ((won IS NULL) = (closed_at IS NULL)),
    CHECK (closed_at >= created_at),
    CHECK (won IS NOT NULL OR expected_close IS NOT NULL)
);
CREATE INDEX ON crm.opportunity_history (valid_from);

COMMENT ON TABLE crm.opportunity_history IS 'every version of every deal since 2025-07-01 (SCD2: valid_from inclusive, valid_to exclusive, NULL = current); deleted deals end at their deletion';

-- The deals as they stood at an instant: the snapshot a nightly job would
-- have taken then.  crm.opportunities_at('2025-10-01') is the state at
-- midnight starting 1 October, before anything that happened that day.
CREATE FUNCTION crm.opportunities_at(instant timestamp)
RETURNS SETOF crm.opportunity_history
LANGUAGE sql STABLE
AS $$
    SELECT * FROM crm.opportunity_history
    WHERE valid_from <= instant AND (valid_to IS NULL OR valid_to > instant)
$$;

-- The deals' stays in their stages (kpi-definitions.md section 14, the
-- OpportunityHistory recipe): the history's versions in order, consecutive
-- versions with the same stage collapsed into one visit.  k is the stage's
-- ordinal among the open stages in order (array_position; NULL for Closed
-- Won and Closed Lost, which are outcomes, not stages), exited_at the start
-- of the deal's next visit (NULL while the visit runs: the current one, or a
-- deleted deal's last).  A deal older than the history has its first visit
-- from 2025-07-01, the stage it was in then.
CREATE VIEW crm.opportunity_stage_visits AS
WITH h AS (
    SELECT opp_id, stage, valid_from,
           lag(stage) OVER (PARTITION BY opp_id ORDER BY valid_from) AS prev
    FROM crm.opportunity_history)
SELECT opp_id, stage,
       array_position((SELECT array_agg(stage ORDER BY sort_order) FROM crm.stages WHERE NOT is_closed),
                      stage) AS k,
       valid_from AS entered_at,
       -- the window runs after WHERE: over the visits only
       lead(valid_from) OVER (PARTITION BY opp_id ORDER BY valid_from) AS exited_at
FROM h
WHERE prev IS DISTINCT FROM stage;

COMMENT ON VIEW crm.opportunity_stage_visits IS 'the deals'' visits to their stages from crm.opportunity_history (consecutive versions in the same stage collapsed); k = ordinal among the open stages, NULL for closed ones; exited_at NULL while running';

-- Customers, money spent and the sales team (doc/customers-and-unit-economics.md):
-- tables from three other systems, kept here beside the CRM's.

-- Billing (Stripe, Chargebee, a finance export): the monthly recurring
-- revenue of each customer, one row per account and month it paid for.  A
-- customer's first month is new business, a higher or lower MRR than the
-- month before an expansion or a contraction, and no row after its last
-- month: it churned.
CREATE TABLE crm.mrr (
    account_id  integer NOT NULL REFERENCES crm.accounts,
    month       date NOT NULL CHECK (month = date_trunc('month', month)::date),
    mrr         numeric(14,2) NOT NULL CHECK (mrr > 0),
    PRIMARY KEY (account_id, month)
);
CREATE INDEX ON crm.mrr (month);

-- Finance: sales and marketing spend per calendar quarter (salaries,
-- commissions, programs, tools), the denominator of CAC and the magic number.
CREATE TABLE crm.sm_spend (
    quarter     date PRIMARY KEY CHECK (quarter = date_trunc('quarter', quarter)::date),
    sales       numeric(14,2) NOT NULL CHECK (sales >= 0),
    marketing   numeric(14,2) NOT NULL CHECK (marketing >= 0)
);

-- HR: the sales team's roster, one row per spell (a rep's employment in a
-- team): hired_on the first day, left_on the last day employed (inclusive,
-- as HR systems store it; NULL while employed), voluntary whether the rep
-- resigned (true) or was let go (false).  The reps still employed are the
-- CRM's users (rep_id); a rep who left has no CRM user any more: the deals
-- went to the successor, as CRMs reassign the owner.
CREATE TABLE crm.rep_spells (
    spell_id    integer PRIMARY KEY,
    rep_id      integer UNIQUE REFERENCES crm.reps,
    name        text NOT NULL,
    team_id     integer NOT NULL REFERENCES crm.teams,
    hired_on    date NOT NULL,
    left_on     date,
    voluntary   boolean,
    CHECK (left_on >= hired_on),
    CHECK ((left_on IS NULL) = (voluntary IS NULL)),
    CHECK (rep_id IS NULL OR left_on IS NULL)
);

-- Leads and their activities (doc/funnel-and-leads.md, "From Salesforce
-- Lead, Task and Event"): the Lead object and the Tasks and Events logged
-- on it, with Salesforce's columns renamed.  The org's time zone is
-- Europe/Berlin: the reps work Monday to Friday, 09:00-17:00 there.
--   Salesforce Lead:  id = "Id", created_at = "CreatedDate",
--     lead_source = "LeadSource", owner_rep_id = "OwnerId" (the owning
--     user; its team through crm.reps), status = "Status",
--     is_converted = "IsConverted", converted_date = "ConvertedDate",
--     converted_opportunity_id = "ConvertedOpportunityId" (NULL when the
--     lead was converted to an account and contact only).
--   Salesforce Task / Event: activity_id = "Id", who_id = "WhoId",
--     owner_rep_id = "OwnerId", created_at = "CreatedDate", type = call /
--     email ("TaskSubtype") or meeting (an Event), created_by_automation =
--     logged by a flow, sequence or auto-responder, not by a person.
-- A lead becomes an opportunity when it was converted with one, a customer
-- when that opportunity is won.  Outbound leads are often called first and
-- entered after: their first activity precedes created_at.
CREATE TABLE crm.leads (
    id                       text PRIMARY KEY,
    created_at               timestamptz NOT NULL,
    lead_source              text CHECK (lead_source IN ('Web', 'Webinar', 'Trade show', 'Outbound', 'Partner', 'Referral')),
    owner_rep_id             integer NOT NULL REFERENCES crm.reps,
    status                   text NOT NULL CHECK (status IN ('Open', 'Working', 'Nurturing', 'Unqualified', 'Converted')),
    is_converted             boolean NOT NULL,
    converted_date           date,
    converted_opportunity_id bigint UNIQUE REFERENCES crm.opportunities,
    CHECK (is_converted = (converted_date IS NOT NULL)),
    CHECK (is_converted OR converted_opportunity_id IS NULL),
    CHECK (is_converted = (status = 'Converted'))
);
CREATE INDEX ON crm.leads (created_at);
CREATE INDEX ON crm.leads (owner_rep_id);

COMMENT ON TABLE crm.leads IS 'leads as Salesforce''s Lead object keeps them; converted_opportunity_id: the opportunity made at conversion (NULL: converted without one, or not converted)';

CREATE TABLE crm.lead_activities (
    activity_id           text PRIMARY KEY,
    who_id                text NOT NULL REFERENCES crm.leads,
    owner_rep_id          integer NOT NULL REFERENCES crm.reps,
    created_at            timestamptz NOT NULL,
    type                  text NOT NULL CHECK (type IN ('call', 'email', 'meeting')),
    created_by_automation boolean NOT NULL
);
CREATE INDEX ON crm.lead_activities (who_id, created_at);
CREATE INDEX ON crm.lead_activities (owner_rep_id, created_at);

COMMENT ON TABLE crm.lead_activities IS 'Tasks (calls, e-mails) and Events (meetings) on the leads; created_by_automation: an auto-responder or sequence, not a person''s touch';

-- Business hours between two instants (kpi-definitions.md section 15: a
-- business-hours response time is the caller's calendar, fed to
-- lead_summary's interval form): the time inside Monday to Friday,
-- 09:00-17:00 Europe/Berlin (no holidays), as an interval of hours.  One
-- row per local calendar day the span touches, each clipped to that day's
-- opening hours (computed per day, so days of 23 or 25 hours are right);
-- negative when t1 is before t0.  A lead in at 20:00 and called at 09:30
-- the next morning took 30 minutes; one in on Saturday and called on Monday
-- at 10:00, an hour.  STABLE: it reads the time zone database.
CREATE SCHEMA IF NOT EXISTS kpi;

CREATE FUNCTION kpi.business_hours(t0 timestamptz, t1 timestamptz)
RETURNS interval
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE WHEN t1 < t0 THEN -kpi.business_hours(t1, t0) ELSE
        (SELECT coalesce(sum(greatest(interval '0',
                                      least(t1, (d + time '17:00') AT TIME ZONE 'Europe/Berlin')
                                      - greatest(t0, (d + time '09:00') AT TIME ZONE 'Europe/Berlin'))),
                         interval '0')
         FROM generate_series(date_trunc('day', t0 AT TIME ZONE 'Europe/Berlin'),
                              t1 AT TIME ZONE 'Europe/Berlin', interval '1 day') AS g(day)
         CROSS JOIN LATERAL (SELECT g.day::date) AS x(d)
         WHERE extract(isodow FROM x.d) < 6)
    END
$$;

COMMENT ON FUNCTION kpi.business_hours(timestamptz, timestamptz) IS 'the time between t0 and t1 inside Monday-Friday 09:00-17:00 Europe/Berlin (no holidays); negative when t1 < t0';
