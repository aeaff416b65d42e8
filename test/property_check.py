#!/usr/bin/env python3
"""Property check: salesops aggregates against an independent computation.

Random groups of CRM rows (NULLs, zeros, negative amounts, numerics wider
than 18 digits, many decimals, float8 probabilities, groups with no usable
row) are loaded into a scratch database; every aggregate is computed there
under a serial plan and under a forced parallel plan, and compared with
Python's exact arithmetic (fractions / decimal):

  weighted_pipeline(numeric, numeric)  exact value and display scale
  weighted_pipeline(numeric, float8)   exact, probability read as '%.15g'
                                        (PostgreSQL's float8 -> numeric cast)
  weighted_pipeline(float8, float8)    within 1e-12 of the exact sum
  win_rate(boolean)                    bit-exact (one rounding of won/closed)
  value_win_rate(boolean, numeric)     within one ulp of the exact ratio
  value_win_rate(boolean, float8)      within 1e-9 (float sums, well-
                                        conditioned groups only)
  forecast_error(numeric, numeric)     MAE, RMSE, WAPE, bias, bias_pct within
                                        one ulp of the exact value (fractions),
                                        MAPE and sMAPE within 1e-12 of numpy;
                                        rollup() of random partitions of each
                                        group equal to the aggregate of its rows
  forecast_error(float8, float8)       within 1e-9 of numpy
  deal_summary(...)                    counts and sums exact, win rates and
                                        velocity within one ulp, average deal
                                        size within 1e-15, sales cycle mean,
                                        median and 90th percentile as
                                        percentile_cont interpolates, but
                                        exactly (from the float8 fraction's
                                        exact value) and rounded once;
                                        rollup() of random partitions and the
                                        parallel plan identical field for field
  attainment(numeric, numeric)         totals exact (value and display scale),
                                        reps, zero quotas and reps at quota at
                                        1.0, 0.9 and a random threshold (read
                                        as '%.15g', PostgreSQL's cast) exact,
                                        pct_at_quota bit-exact, quota_attainment
                                        and the median within one ulp of the
                                        exact value (fractions); the one-step
                                        quota_attainment/pct_at_quota equal to
                                        the accessors; rollup() of random
                                        partitions of each group identical to
                                        the aggregate of its rows (text form)
  attainment_by_rep(bigint, numeric,   raw deal and quota rows of up to 12 reps
    numeric)                           (keys from -2^63 to 2^63 - 1, NULL
                                        reps, rows with both or one amount)
                                        summed per rep here: totals exact (value
                                        and display scale), reps, zero quotas,
                                        reps at quota exact, pct_at_quota at
                                        0.9 bit-exact, quota_attainment and the
                                        median within one ulp; serial ==
                                        parallel (text form included)
  attainment_by_rep(text | uuid, ...)   the same rows with each bigint key
                                        relabelled (injectively) as a text id
                                        (Salesforce-like, names with spaces
                                        and non-ASCII letters, '', ids that
                                        differ only in case) and as a uuid:
                                        the same oracle checks, and the same
                                        text form as the bigint key's
  rep_attainment(bigint | text | uuid,  the same rows: every rep's exact sums
    numeric, numeric)                  (value and display scale) and quota
                                        flag in key order (bigint as numbers,
                                        text and uuid by bytes) against the
                                        Python sums, attainment(r) = the
                                        group's attainment_by_rep as text, and
                                        rollup() of a random 4-way partition
                                        identical to the whole; serial ==
                                        parallel

  pipeline_flow(...)                   100,000 random deals (two snapshots'
                                        states with NULLs, absent sides,
                                        closed deals, negative, zero, wide and
                                        many-decimal amounts) in groups with
                                        their own period and target window
                                        (bounded, half- and unbounded),
                                        classified here from the contribution
                                        table of kpi-definitions.md section 13:
                                        every bar's deals and exact amount
                                        (value and display scale) and the
                                        memos; serial == parallel == rollup()
                                        of random partitions (text form)

  stage_funnel(int, boolean, int),     ~20,000 random deals in 300 groups, each
    stage_time(int, bigint, int),      with its own 1..8 open stages (names
    stage_conversion(boolean)          from a picklist, in its own order):
                                        visits with forward moves, skips,
                                        regressions, re-entries, same-day moves,
                                        deals created mid-funnel or as Closed
                                        Won / Lost, reopened, in a stage the
                                        group does not count, open, won or lost;
                                        loaded as OpportunityHistory rows (one
                                        per change: the same stage again for an
                                        amount change) and reduced in SQL by
                                        section 14's recipe (lag() collapse,
                                        array_position, highest stage,
                                        cumulative days per deal and stage,
                                        NULL while running).  Here, from the
                                        visits: reached / advanced / dropped /
                                        open per stage, conversion and pass
                                        rate bit-exact; finished stays, running
                                        stays, mean, median, p90 and a random
                                        percentile exactly (fractions, rounded
                                        once), per deal and per visit;
                                        stage_conversion(won OR h > k) per
                                        stage; serial == parallel == rollup()
                                        of random partitions (text form; the
                                        parts take stage_time's int form)
  lead_summary(timestamptz,            ~20,000 random leads in 300 groups:
    timestamptz, boolean, boolean,     creation times with microseconds (2 %
    boolean)                           NULL: skipped), first touches NULL,
                                        before creation (by 1 us to weeks) or
                                        after (0 to 30 days, on SLA boundaries
                                        and a fraction of a second past them),
                                        written in several UTC offsets;
                                        outcomes and sources with NULLs.
                                        Counts, the six ratios (one division
                                        of integers) and responded_within at
                                        seven thresholds (float8 hours <= h)
                                        bit-exact; response mean, median, p90
                                        and a random percentile from truncated
                                        whole seconds exactly (fractions,
                                        rounded once, exact ties to even);
                                        serial == parallel == rollup() of
                                        random partitions (text form)
  churn_rate(boolean, boolean),        ~11,000 random customer rows in 300
    net_revenue_retention(numeric x4), groups: flags and amounts with NULLs,
    gross_revenue_retention(...)       amounts of zero or more with 0-4
                                        decimals, 3 % wider than 18 digits (the
                                        int128 fast path and the numeric path),
                                        never C + X > S (C + X = S and C = S
                                        included), groups with no starting MRR.
                                        Churn (a NULL flag skips the row) as one
                                        division of integers, NRR = sum(S + E -
                                        C - X) / sum(S) and GRR = sum(S - C - X)
                                        / sum(S) exactly (fractions; a row with
                                        a NULL amount skipped), rounded once:
                                        bit-exact, serial == parallel (the plan
                                        checked to be partial); NRR and GRR
                                        OVER (ROWS 9 PRECEDING) in id order in
                                        six groups equal to each frame's exact
                                        ratio
  rep_turnover(date, date, daterange), ~5,600 random spells in 300 groups, each
    rep_turnover(date, date, boolean,  with its own period (1 day to 800, the
    daterange), avg_headcount(...)     daterange written in its four
                                        equivalent forms): open-ended, hired
                                        and gone the same day, before, around,
                                        inside and after the period, on its
                                        bounds, without hired_on (skipped).
                                        Rep-days (hired_on to left_on, both
                                        inclusive, in [lower, upper)) and
                                        separations (lower <= left_on < upper;
                                        only left_counts true for the third
                                        form) counted here: turnover =
                                        separations x days / rep-days and
                                        headcount = rep-days / days, exactly,
                                        rounded once, bit-exact (no rep-day:
                                        both NULL, as section 16 says; no
                                        row: NULL); serial == parallel

Needs PGHOST/PGPORT/PGUSER (test/run.sh sets them).  SEED=n varies the data.
"""
import datetime
import math
import os

import numpy as np
import random
import subprocess
import sys
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 400  # exact for every sum built here
SEED = int(os.environ.get("SEED", "20261123"))
GROUPS = int(os.environ.get("GROUPS", "400"))
DB = "salesops_property"


def psql(sql, db=DB):
    out = subprocess.run(
        ["psql", "-X", "-q", "-At", "-F", "|", "-v", "ON_ERROR_STOP=1", "-d", db],
        input=sql, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("psql failed:\n" + out.stderr)
    return out.stdout


def random_amount(rng):
    kind = rng.random()
    if kind < 0.05:
        return None
    if kind < 0.10:
        return "-" + f"{rng.randint(1, 99999)}.{rng.randint(0, 99):02d}"  # credit note
    if kind < 0.13:
        return rng.choice(["0", "0.00"])
    if kind < 0.15:  # wider than the int64 fast path
        return f"{rng.randint(10**24, 10**25)}.{rng.randint(0, 99999):05d}"
    if kind < 0.20:  # many decimals
        return f"{rng.randint(0, 9999)}.{rng.randint(0, 10**12):012d}"
    scale = rng.choice([0, 1, 2, 2, 2])
    units = rng.randint(0, 500000 * 10**scale)
    return str(units) if scale == 0 else f"{units // 10**scale}.{units % 10**scale:0{scale}d}"


def random_probability(rng):
    kind = rng.random()
    if kind < 0.04:
        return None
    if kind < 0.10:
        return rng.choice(["0", "1", "1.0", "0.000"])
    if kind < 0.14:
        return "0." + f"{rng.randint(0, 10**18 - 1):018d}"  # 18 decimals
    if kind < 0.16:
        return "0." + f"{rng.randint(1, 10**25 - 1):025d}"  # beyond the fast path
    scale = rng.choice([1, 2, 2, 3])
    units = rng.randint(0, 10**scale)
    return str(Decimal(units).scaleb(-scale))


def random_float_probability(rng):
    kind = rng.random()
    if kind < 0.04:
        return None
    if kind < 0.10:
        return rng.choice([0.0, 1.0, 0.1, 0.25, 0.33])
    if kind < 0.12:
        return rng.random() * 1e-20
    return rng.random()


def make_data(rng):
    rows = []
    for group in range(GROUPS):
        size = rng.choice([0, 1, 2, 5, rng.randint(1, 300)])
        for _ in range(size):
            won = rng.choice([True, False, None, None])
            rows.append((group, won, random_amount(rng), random_probability(rng),
                         random_float_probability(rng)))
    return rows


def sql_literal(value, cast):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"'{value!r}'::{cast}"
    return f"'{value}'::{cast}"


def table_statements(table, columns, rows, groups_table=None):
    """CREATE TABLE table (columns) and INSERTs of rows (tuples of SQL
    literals), 500 rows a statement; with groups_table, first a table of
    every group number 0 .. GROUPS - 1, so that empty groups show too."""
    statements = []
    if groups_table:
        statements += [f"CREATE TABLE {groups_table} (g int PRIMARY KEY);",
                       f"INSERT INTO {groups_table} SELECT generate_series(0, {GROUPS - 1});"]
    statements.append(f"CREATE TABLE {table} ({columns});")
    for start in range(0, len(rows), 500):
        statements.append(f"INSERT INTO {table} VALUES "
                          + ",".join("(" + ",".join(row) + ")" for row in rows[start:start + 500]) + ";")
    return statements


def ulp_close(got, want):
    """got (psql text or None) within one ulp of the exact want (float or None)."""
    if want is None or got is None:
        return got is None and want is None
    return abs(float(got) - want) <= math.ulp(want)


def exact_float(got, want):
    """got (psql text or None) is exactly the float want (or both None)."""
    return (got is None and want is None) or (got is not None and want is not None and float(got) == want)


def percentile_fraction(values, fraction):
    """percentile_cont(fraction) of integers (sorted here) as an exact
    Fraction, interpolated at rank fraction x (n - 1) with the float8
    fraction's exact value (Fraction(0.9) is a little above 9/10); None if
    empty."""
    if not values:
        return None
    values = sorted(values)
    position = Fraction(fraction) * (len(values) - 1)
    lower = math.floor(position)
    value = Fraction(values[lower])
    if position != lower:
        value += (values[lower + 1] - values[lower]) * (position - lower)
    return value


def exact_percentile(values, fraction, divisor=1):
    """percentile_fraction / divisor rounded once, as the day histograms
    compute percentiles since 0.7.0 (percentile_cont's float8 arithmetic can
    land one unit off: p90 of 1..9 days is 7.2, not 7.200000000000001)."""
    value = percentile_fraction(values, fraction)
    return None if value is None else float(value / divisor)


def halfway(value):
    """The two float8 values an exact Fraction lies exactly halfway between, or None."""
    nearest = float(value)
    other = math.nextafter(nearest, math.inf if value > Fraction(nearest) else -math.inf)
    return (nearest, other) if value != Fraction(nearest) and (Fraction(nearest) + Fraction(other)) / 2 == value \
        else None


def exact_median(ratios):
    """percentile_cont(0.5) of sorted Fractions, exactly, rounded once; None if empty."""
    n = len(ratios)
    if n == 0:
        return None
    return float(ratios[n // 2] if n % 2 else (ratios[n // 2 - 1] + ratios[n // 2]) / 2)


def load(rows):
    psql(f"DROP DATABASE IF EXISTS {DB};", db="postgres")
    psql(f"CREATE DATABASE {DB};", db="postgres")
    statements = ["CREATE EXTENSION salesops;"] + table_statements(
        "deals", "g int, won boolean, amount numeric, p numeric, pf float8",
        [(str(g), sql_literal(w, 'bool'), sql_literal(a, 'numeric'), sql_literal(p, 'numeric'),
          sql_literal(pf, 'float8')) for g, w, a, p, pf in rows], groups_table="groups")
    statements.append("ANALYZE deals;")
    psql("\n".join(statements))


QUERY = """
SELECT g.g,
       weighted_pipeline(d.amount, d.p),
       weighted_pipeline(d.amount, d.pf),
       weighted_pipeline(d.amount::float8, d.pf),
       win_rate(d.won),
       value_win_rate(d.won, d.amount),
       value_win_rate(d.won, d.amount::float8)
FROM groups g LEFT JOIN deals d USING (g)
GROUP BY g.g ORDER BY g.g;
"""

SERIAL = "SET max_parallel_workers_per_gather = 0;"
PARALLEL = """SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off; SET enable_hashjoin = off; SET enable_mergejoin = off;"""


def run(settings):
    results = {}
    for line in psql(settings + QUERY).splitlines():
        fields = line.split("|")
        results[int(fields[0])] = [None if f == "" else f for f in fields[1:]]
    return results


def scale_of(text):
    return max(0, -Decimal(text).as_tuple().exponent)


def expected_for(rows):
    """The independent computation for one group's rows."""
    wp = wp_pf = None
    wp_scale = wp_pf_scale = 0
    wp_f = None
    won_n = closed_n = 0
    won_sum = closed_sum = None
    won_f = closed_f = None
    abs_f = 0.0
    for _, won, amount, p, pf in rows:
        if amount is not None and p is not None:
            term = Decimal(amount) * Decimal(p)
            wp = term if wp is None else wp + term
            wp_scale = max(wp_scale, scale_of(amount) + scale_of(p))
        if amount is not None and pf is not None:
            p_numeric = Decimal("%.15g" % pf)  # float8_numeric prints DBL_DIG digits
            term = Decimal(amount) * p_numeric
            wp_pf = term if wp_pf is None else wp_pf + term
            wp_pf_scale = max(wp_pf_scale, scale_of(amount) + scale_of(str(p_numeric)))
            wp_f = (wp_f or Fraction(0)) + Fraction(float(amount)) * Fraction(pf)
        if won is not None:
            closed_n += 1
            won_n += won
            if amount is not None:
                closed_sum = (closed_sum or Fraction(0)) + Fraction(Decimal(amount))
                closed_f = (closed_f or Fraction(0)) + Fraction(float(amount))
                abs_f += abs(float(amount))
                if won:
                    won_sum = (won_sum or Fraction(0)) + Fraction(Decimal(amount))
                    won_f = (won_f or Fraction(0)) + Fraction(float(amount))
    vwr = None
    if closed_sum is not None and closed_sum > 0:
        vwr = float((won_sum or 0) / closed_sum)
    vwr_f = None
    well_conditioned = closed_f is None or abs(closed_f) > 1e-6 * abs_f
    if closed_f is not None and closed_f > 0:
        vwr_f = float((won_f or 0) / closed_f)
    return {
        "wp": (wp, wp_scale), "wp_pf": (wp_pf, wp_pf_scale), "wp_f": wp_f,
        "win_rate": float(Fraction(won_n, closed_n)) if closed_n else None,
        "vwr": vwr, "vwr_f": (vwr_f, well_conditioned),
    }


def random_forecast_value(rng):
    kind = rng.random()
    if kind < 0.04:
        return None
    if kind < 0.12:
        return "0"
    if kind < 0.17:
        return "-" + f"{rng.randint(1, 9999)}.{rng.randint(0, 99):02d}"
    if kind < 0.19:
        return f"{rng.randint(10**20, 10**21)}.{rng.randint(0, 9)}"  # wider than 18 digits
    if kind < 0.24:
        return f"{rng.randint(0, 999)}.{rng.randint(0, 10**16):016d}"  # computed forecasts
    return f"{rng.randint(0, 200000)}.{rng.randint(0, 99):02d}"


FORECAST_QUERY = """
SELECT g.g, forecast_count(s), mae(s), rmse(s), mape(s), wape(s), smape(s), bias(s), bias_pct(s),
       zero_actuals(s), mae(r), rmse(r), mape(r), wape(r), smape(r), bias(r), zero_actuals(r),
       mae(sf), rmse(sf), mape(sf), wape(sf), smape(sf), bias(sf)
FROM fgroups g
LEFT JOIN (SELECT g, forecast_error(f, a) AS s, forecast_error(f::float8, a::float8) AS sf
           FROM flines GROUP BY g) d USING (g)
LEFT JOIN (SELECT g, rollup(p) AS r
           FROM (SELECT g, part, forecast_error(f, a) AS p FROM flines GROUP BY g, part) x
           GROUP BY g) u USING (g)
ORDER BY g.g;
"""


def check_forecasts(rng, check):
    groups = {}
    lines = []
    for group in range(GROUPS):
        rows = []
        for _ in range(rng.choice([0, 1, 3, rng.randint(1, 150)])):
            rows.append((random_forecast_value(rng), random_forecast_value(rng), rng.randint(0, 4)))
        groups[group] = rows
        lines.extend((group, f, a, part) for f, a, part in rows)
    statements = table_statements(
        "flines", "g int, f numeric, a numeric, part int",
        [(str(g), sql_literal(f, 'numeric'), sql_literal(a, 'numeric'), str(part)) for g, f, a, part in lines],
        groups_table="fgroups")
    statements.append("ANALYZE flines;")
    psql("\n".join(statements))

    def close(got, want, rel):
        if want is None or got is None:
            return got is None and want is None
        got = float(got)
        return got == want or abs(got - want) <= rel * abs(want)

    for plan, settings in (("serial", SERIAL), ("parallel", PARALLEL)):
        for line in psql(settings + FORECAST_QUERY).splitlines():
            fields = [None if f == "" else f for f in line.split("|")]
            g = int(fields[0])
            pairs = [(Decimal(f), Decimal(a)) for f, a, _ in groups[g] if f is not None and a is not None]
            n = len(pairs)
            if n == 0:
                check(all(v is None for v in fields[1:]), f"{plan} forecast empty group", g, fields[1:], None)
                continue
            d = [Fraction(f - a) for f, a in pairs]
            abs_a = sum(abs(Fraction(a)) for _, a in pairs)
            sum_abs_d = sum(abs(x) for x in d)
            want = {
                "mae": float(sum_abs_d / n),
                "rmse": math.sqrt(float(sum(x * x for x in d) / n)),
                "wape": float(sum_abs_d / abs_a) if abs_a > 0 else None,
                "bias": float(sum(d) / n),
                "bias_pct": float(sum(d) / abs_a) if abs_a > 0 else None,
            }
            fd = np.array([float(x) for x in d])
            fa = np.array([float(a) for _, a in pairs])
            ff = np.array([float(f) for f, _ in pairs])
            nonzero = fa != 0
            mape = float(np.mean(np.abs(fd[nonzero]) / np.abs(fa[nonzero]))) if nonzero.any() else None
            denom = np.abs(fa) + np.abs(ff)
            smape = float(np.mean(np.where(denom == 0, 0.0, 2 * np.abs(fd) / np.where(denom == 0, 1, denom))))
            zeros = int(n - nonzero.sum())
            (count, mae, rmse, got_mape, wape, got_smape, bias, bias_pct, zero_actuals,
             r_mae, r_rmse, r_mape, r_wape, r_smape, r_bias, r_zero,
             f_mae, f_rmse, f_mape, f_wape, f_smape, f_bias) = fields[1:]
            check(count == str(n) and zero_actuals == str(zeros), f"{plan} forecast counts", g,
                  (count, zero_actuals), (n, zeros))
            for name, got in (("mae", mae), ("rmse", rmse), ("wape", wape), ("bias", bias), ("bias_pct", bias_pct)):
                check(ulp_close(got, want[name]), f"{plan} forecast {name}", g, got, want[name])
            check(close(got_mape, mape, 1e-12), f"{plan} forecast mape", g, got_mape, mape)
            check(close(got_smape, smape, 1e-12), f"{plan} forecast smape", g, got_smape, smape)
            # rollup of random partitions: exact measures identical, float sums within 1e-12
            for name, got, raw in (("mae", r_mae, mae), ("rmse", r_rmse, rmse), ("wape", r_wape, wape),
                                   ("bias", r_bias, bias), ("zero_actuals", r_zero, zero_actuals)):
                check(got == raw, f"{plan} rollup {name}", g, got, raw)
            for name, got, raw in (("mape", r_mape, got_mape), ("smape", r_smape, got_smape)):
                check(close(got, None if raw is None else float(raw), 1e-12), f"{plan} rollup {name}", g, got, raw)
            # float8 inputs: numpy on the same values (cast to double first)
            fd8 = ff - fa
            for name, got, want8 in (("mae", f_mae, float(np.mean(np.abs(fd8)))),
                                     ("rmse", f_rmse, float(np.sqrt(np.mean(fd8 * fd8)))),
                                     ("bias", f_bias, float(np.mean(fd8)))):
                check(close(got, want8, 1e-9) or abs(float(got) - want8) <= 1e-9 * float(np.sum(np.abs(fa) + np.abs(ff))),
                      f"{plan} forecast float8 {name}", g, got, want8)


DEAL_QUERY = """
SELECT g.g, d.s::text, r.s::text, win_rate(d.s), value_win_rate(d.s), weighted_pipeline(d.s), open_pipeline(d.s),
       won_amount(d.s), lost_amount(d.s), open_deals(d.s), won_deals(d.s), lost_deals(d.s), avg_deal_size(d.s),
       avg_sales_cycle(d.s), median_sales_cycle(d.s), sales_cycle_percentile(d.s, 0.9), sales_velocity(d.s)
FROM groups g
LEFT JOIN (SELECT g, deal_summary(won, amount, p, created_at, closed_at) AS s FROM cycles GROUP BY g) d USING (g)
LEFT JOIN (SELECT g, rollup(s) AS s
           FROM (SELECT g, part, deal_summary(won, amount, p, created_at, closed_at) AS s
                 FROM cycles GROUP BY g, part) x GROUP BY g) r USING (g)
ORDER BY g.g;
"""




def check_deals(rng, rows, check):
    """rows: the deal rows of make_data; each gets dates and a partition."""
    cycles = []
    for g, won, amount, p, _ in rows:
        created = rng.randint(0, 700)
        closed = None if won is None and rng.random() < 0.9 else created + rng.choice([0, 1, 7, rng.randint(0, 400)])
        if rng.random() < 0.03:
            created = None
        cycles.append((g, won, amount, p, created, closed, rng.randint(0, 3)))
    def day(offset):
        return "NULL" if offset is None else f"'2024-01-01'::date + {offset}"

    statements = table_statements(
        "cycles", "g int, won boolean, amount numeric, p numeric, created_at date, closed_at date, part int",
        [(str(g), sql_literal(w, 'bool'), sql_literal(a, 'numeric'), sql_literal(p, 'numeric'), day(c), day(d),
          str(part)) for g, w, a, p, c, d, part in cycles])
    statements.append("ANALYZE cycles;")
    psql("\n".join(statements))
    by_group = {}
    for row in cycles:
        by_group.setdefault(row[0], []).append(row)

    def same_float(got, want, ulps=1):
        if got is None or want is None:
            return got is None and want is None
        return abs(float(got) - want) <= ulps * math.ulp(want)

    def same_sum(got, want):
        return (got is None and want is None) or (got is not None and want is not None and Decimal(got) == want)

    results = {}
    for plan, settings in (("serial", SERIAL), ("parallel", PARALLEL)):
        for line in psql(settings + DEAL_QUERY).splitlines():
            fields = [None if f == "" else f for f in line.split("|")]
            g = int(fields[0])
            results.setdefault(g, {})[plan] = fields
            deals = by_group.get(g, [])
            if not deals:
                check(all(v is None for v in fields[1:]), f"{plan} deal empty group", g, fields[1:], None)
                continue
            (text, rolled, wr, vwr, wp, op, wa, la, od, wd, ld, ads, avgc, medc, p90, velocity) = fields[1:]
            check(rolled == text, f"{plan} deal rollup of partitions", g, rolled, text)
            open_rows = [d for d in deals if d[1] is None]
            won_rows = [d for d in deals if d[1] is True]
            lost_rows = [d for d in deals if d[1] is False]

            def total(rows_, term):
                values = [term(r) for r in rows_ if term(r) is not None]
                return sum(values[1:], values[0]) if values else None

            want_wp = total(open_rows, lambda r: Decimal(r[2]) * Decimal(r[3]) if r[2] is not None and r[3] is not None else None)
            want_op = total(open_rows, lambda r: Decimal(r[2]) if r[2] is not None else None)
            want_wa = total(won_rows, lambda r: Decimal(r[2]) if r[2] is not None else None)
            want_la = total(lost_rows, lambda r: Decimal(r[2]) if r[2] is not None else None)
            for name, got, want in (("weighted_pipeline", wp, want_wp), ("open_pipeline", op, want_op),
                                    ("won_amount", wa, want_wa), ("lost_amount", la, want_la)):
                check(same_sum(got, want), f"{plan} deal {name}", g, got, want)
            check((od, wd, ld) == (str(len(open_rows)), str(len(won_rows)), str(len(lost_rows))),
                  f"{plan} deal counts", g, (od, wd, ld), (len(open_rows), len(won_rows), len(lost_rows)))
            closed = len(won_rows) + len(lost_rows)
            check(same_float(wr, float(Fraction(len(won_rows), closed)) if closed else None),
                  f"{plan} deal win_rate", g, wr, closed)
            closed_amount = (Fraction(want_wa or 0) + Fraction(want_la or 0)) \
                if (want_wa is not None or want_la is not None) else None
            want_vwr = float(Fraction(want_wa or 0) / closed_amount) if closed_amount is not None and closed_amount > 0 else None
            check(same_float(vwr, want_vwr), f"{plan} deal value_win_rate", g, vwr, want_vwr)
            won_amounts = [Fraction(Decimal(r[2])) for r in won_rows if r[2] is not None]
            want_ads = float(sum(won_amounts) / len(won_amounts)) if won_amounts else None
            check((ads is None and want_ads is None) or
                  (ads is not None and want_ads is not None and math.isclose(float(ads), want_ads, rel_tol=1e-15, abs_tol=1e-12)),
                  f"{plan} deal avg_deal_size", g, ads, want_ads)
            days = [r[5] - r[4] for r in won_rows if r[4] is not None and r[5] is not None]
            want_avgc = float(Fraction(sum(days), len(days))) if days else None
            check(same_float(avgc, want_avgc), f"{plan} deal avg_sales_cycle", g, avgc, want_avgc)
            for name, got, fraction in (("median", medc, 0.5), ("p90", p90, 0.9)):
                want = exact_percentile(days, fraction)
                check((got is None and want is None) or (got is not None and want is not None and float(got) == want),
                      f"{plan} deal cycle {name}", g, got, want)
            if not closed or not won_rows or want_wa is None or not days or sum(days) == 0:
                want_velocity = None
            elif not open_rows:
                want_velocity = 0.0
            else:
                want_velocity = float(Fraction(len(open_rows)) * Fraction(want_wa) * len(days)
                                      / (closed * sum(days)))
            check(same_float(velocity, want_velocity, ulps=2) or velocity == want_velocity == None,
                  f"{plan} deal sales_velocity", g, velocity, want_velocity)
    for g, plans in results.items():
        check(plans["serial"][1] == plans["parallel"][1], "deal serial == parallel", g,
              plans["parallel"][1], plans["serial"][1])


def random_achieved(rng):
    kind = rng.random()
    if kind < 0.03:
        return None
    if kind < 0.08:
        return "-" + f"{rng.randint(1, 50000)}.{rng.randint(0, 99):02d}"  # clawback
    if kind < 0.13:
        return rng.choice(["0", "0.00"])
    if kind < 0.15:  # wider than the int64 fast path
        return f"{rng.randint(10**19, 10**21)}.{rng.randint(0, 9)}"
    if kind < 0.19:  # many decimals
        return f"{rng.randint(0, 200000)}.{rng.randint(0, 10**12):012d}"
    scale = rng.choice([0, 2, 2])
    units = rng.randint(0, 300000 * 10**scale)
    return str(units) if scale == 0 else f"{units // 10**scale}.{units % 10**scale:0{scale}d}"


def random_quota(rng):
    kind = rng.random()
    if kind < 0.03:
        return None
    if kind < 0.11:
        return rng.choice(["0", "0.00"])  # ramping rep
    if kind < 0.13:
        return str(rng.randint(10**19, 10**21))  # wide
    if kind < 0.15:
        return "0." + f"{rng.randint(1, 10**22 - 1):022d}"  # more than 18 decimals
    if kind < 0.50:
        return str(rng.choice([50000, 90000, 100000, 120000, 150000, 250000]))
    return str(rng.randint(1, 300) * 1000)


def random_threshold(rng):
    return rng.choice([rng.random() * 2, round(rng.random() * 2, 2), 1.0, 0.0, 0.9, 1e-20, 1.2])


ATTAINMENT_QUERY = """
SELECT g.g, s::text, quota_attainment(s), total_achieved(s), total_quota(s), reps(s), zero_quotas(s),
       reps_at_quota(s), reps_at_quota(s, 0.9), reps_at_quota(s, t.t),
       pct_at_quota(s), pct_at_quota(s, 0.9), pct_at_quota(s, t.t), median_attainment(s),
       qa, pct, pct_90, pct_t, r::text
FROM agroups g JOIN athresholds t USING (g)
LEFT JOIN (SELECT g, attainment(a, q) AS s, quota_attainment(a, q) AS qa, pct_at_quota(a, q) AS pct,
                  pct_at_quota(a, q, 0.9) AS pct_90
           FROM arows GROUP BY g) d USING (g)
LEFT JOIN (SELECT r.g, pct_at_quota(r.a, r.q, t.t) AS pct_t FROM arows r JOIN athresholds t USING (g)
           GROUP BY r.g) e USING (g)
LEFT JOIN (SELECT g, rollup(p) AS r
           FROM (SELECT g, part, attainment(a, q) AS p FROM arows GROUP BY g, part) x
           GROUP BY g) u USING (g)
ORDER BY g.g;
"""


def check_attainment(rng, check):
    groups = {}
    thresholds = {}
    lines = []
    for group in range(GROUPS):
        rows = []
        for _ in range(rng.choice([0, 1, 2, 5, rng.randint(1, 250)])):
            achieved, quota = random_achieved(rng), random_quota(rng)
            if quota is not None and "." not in quota and rng.random() < 0.15:
                # exactly at a threshold: the boundary must count as reached
                achieved = str(Decimal(quota) * Decimal(rng.choice(["1", "0.9", "1.2", "0.5"])))
            rows.append((achieved, quota, rng.randint(0, 4)))
        groups[group] = rows
        thresholds[group] = random_threshold(rng)
        lines.extend((group, a, q, part) for a, q, part in rows)
    statements = (table_statements("athresholds", "g int PRIMARY KEY, t float8",
                                   [(str(g), sql_literal(t, 'float8')) for g, t in thresholds.items()])
                  + table_statements("arows", "g int, a numeric, q numeric, part int",
                                     [(str(g), sql_literal(a, 'numeric'), sql_literal(q, 'numeric'), str(part))
                                      for g, a, q, part in lines], groups_table="agroups"))
    statements.append("ANALYZE agroups, athresholds, arows;")
    psql("\n".join(statements))

    results = {}
    for plan, settings in (("serial", SERIAL), ("parallel", PARALLEL)):
        results[plan] = {}
        for line in psql(settings + ATTAINMENT_QUERY).splitlines():
            fields = [None if f == "" else f for f in line.split("|")]
            g = int(fields[0])
            results[plan][g] = fields[1:]
            (text, qa, total_a, total_q, reps, zeros, at_1, at_90, at_t, pct_1, pct_90, pct_t, median,
             one_qa, one_pct, one_pct_90, one_pct_t, rolled) = fields[1:]
            pairs = [(Decimal(a), Decimal(q)) for a, q, _ in groups[g] if a is not None and q is not None]
            if not pairs:
                check(all(v is None for v in fields[1:]), f"{plan} attainment empty group", g, fields[1:], None)
                continue
            t = Decimal("%.15g" % thresholds[g])  # float8_numeric prints DBL_DIG digits
            ratios = sorted(Fraction(a) / Fraction(q) for a, q in pairs if q > 0)
            n = len(ratios)
            at = {name: sum(1 for a, q in pairs if q > 0 and a >= th * q)
                  for name, th in (("1", Decimal(1)), ("0.9", Decimal("0.9")), ("t", t))}
            sum_a = sum(a for a, _ in pairs)
            sum_q = sum(q for _, q in pairs)
            want_qa = float(Fraction(sum_a) / Fraction(sum_q)) if sum_q > 0 else None
            want_median = exact_median(ratios)
            check(total_a is not None and Decimal(total_a) == sum_a
                  and scale_of(total_a) == max(scale_of(str(a)) for a, _ in pairs),
                  f"{plan} total_achieved", g, total_a, sum_a)
            check(total_q is not None and Decimal(total_q) == sum_q
                  and scale_of(total_q) == max(scale_of(str(q)) for _, q in pairs),
                  f"{plan} total_quota", g, total_q, sum_q)
            check((reps, zeros) == (str(n), str(sum(1 for _, q in pairs if q == 0))),
                  f"{plan} reps, zero_quotas", g, (reps, zeros), n)
            check((at_1, at_90, at_t) == (str(at["1"]), str(at["0.9"]), str(at["t"])),
                  f"{plan} reps_at_quota at 1, 0.9, {t}", g, (at_1, at_90, at_t), at)
            for name, got, one_step, count in (("1", pct_1, one_pct, at["1"]), ("0.9", pct_90, one_pct_90, at["0.9"]),
                                               ("t", pct_t, one_pct_t, at["t"])):
                want = float(Fraction(count, n)) if n else None
                check(exact_float(got, want) and one_step == got, f"{plan} pct_at_quota at {name}", g,
                      (got, one_step), want)
            check(ulp_close(qa, want_qa) and one_qa == qa, f"{plan} quota_attainment", g, (qa, one_qa), want_qa)
            check(ulp_close(median, want_median), f"{plan} median_attainment", g, median, want_median)
            check(rolled == text, f"{plan} rollup of partitions", g, rolled, text)
    for g in range(GROUPS):
        check(results["serial"][g] == results["parallel"][g], "attainment serial == parallel", g,
              results["parallel"][g], results["serial"][g])


BY_REP_QUERY = """
SELECT g.g, quota_attainment(s), total_achieved(s), total_quota(s), reps(s), zero_quotas(s),
       reps_at_quota(s), pct_at_quota(s, 0.9), median_attainment(s), s::text
FROM bgroups g
LEFT JOIN (SELECT g, attainment_by_rep({key}, a, q) AS s FROM brows GROUP BY g) d USING (g)
ORDER BY g.g;
"""

# Text ids for the bigint keys (one each: an injective relabelling, which
# must not change any summary): Salesforce-like 18-char ids, two of which
# differ only in case, owner names with spaces, quotes and non-ASCII
# letters, and the empty string.
TEXT_IDS = ["0055g00000A1b2CAAQ", "0055g00000A1b2cAAQ", "", "Zoë Müller", "José Ñúñez",
            "O'Brien, Fay", "a", "A", "a ", "山田 太郎"]


def text_id(index):
    return TEXT_IDS[index] if index < len(TEXT_IDS) else f"0055g{index:08d}XyZ{index % 7}Q"


def uuid_id(index):
    return f"{index * 2654435761 % 2**128:032x}"


def check_attainment_by_rep(rng, check):
    """attainment_by_rep over raw deal and quota rows: Python sums per rep first."""
    keys = [1, 2, 3, 7, 42, -5, 0, 2**62, -2**63, 2**63 - 1] + list(range(100, 130))
    text_of = {k: text_id(i) for i, k in enumerate(keys)}
    uuid_of = {k: uuid_id(i) for i, k in enumerate(keys)}
    assert len(set(text_of.values())) == len(keys) and len(set(uuid_of.values())) == len(keys)
    groups = {}
    lines = []
    for group in range(GROUPS):
        rows = []
        reps = rng.sample(keys, rng.randint(1, 12))
        for _ in range(rng.choice([0, 1, 3, rng.randint(1, 120)])):
            rep = None if rng.random() < 0.02 else rng.choice(reps)
            kind = rng.random()
            if kind < 0.6:
                row = (rep, random_achieved(rng), None)      # a deal
            elif kind < 0.9:
                row = (rep, None, random_quota(rng))         # a quota row
            else:
                row = (rep, random_achieved(rng), random_quota(rng))
            rows.append(row)
        groups[group] = rows
        lines.extend((group,) + row for row in rows)
    statements = table_statements(
        "brows", "g int, rep bigint, trep text, urep uuid, a numeric, q numeric, part int",
        [(str(g), "NULL" if r is None else str(r),
          "NULL" if r is None else "'" + text_of[r].replace("'", "''") + "'",
          "NULL" if r is None else f"'{uuid_of[r]}'",
          sql_literal(a, 'numeric'), sql_literal(q, 'numeric'), str(rng.randrange(4)))
         for g, r, a, q in lines], groups_table="bgroups")
    statements.append("ANALYZE bgroups, brows;")
    psql("\n".join(statements))

    results = {}
    for plan, settings, key in (("serial", SERIAL, "rep"), ("parallel", PARALLEL, "rep"),
                                ("text serial", SERIAL, "trep"), ("text parallel", PARALLEL, "trep"),
                                ("uuid serial", SERIAL, "urep"), ("uuid parallel", PARALLEL, "urep")):
        results[plan] = {}
        for line in psql(settings + BY_REP_QUERY.format(key=key)).splitlines():
            fields = [None if f == "" else f for f in line.split("|")]
            g = int(fields[0])
            results[plan][g] = fields[1:]
            qa, total_a, total_q, reps, zeros, at_1_got, pct_90, median, _text = fields[1:]
            per_rep = {}
            for rep, a, q in groups[g]:
                if rep is None or (a is None and q is None):
                    continue
                entry = per_rep.setdefault(rep, {"a": Decimal(0), "a_scale": 0, "q": Decimal(0),
                                                 "q_scale": 0, "has_quota": False})
                if a is not None:
                    entry["a"] += Decimal(a)
                    entry["a_scale"] = max(entry["a_scale"], scale_of(a))
                if q is not None:
                    entry["q"] += Decimal(q)
                    entry["q_scale"] = max(entry["q_scale"], scale_of(q))
                    entry["has_quota"] = True
            rated = [e for e in per_rep.values() if e["has_quota"]]
            if not rated:
                check(all(v is None for v in fields[1:]), f"{plan} attainment_by_rep no rep with a quota",
                      g, fields[1:], None)
                continue
            sum_a = sum(e["a"] for e in rated)
            sum_q = sum(e["q"] for e in rated)
            ratios = sorted(Fraction(e["a"]) / Fraction(e["q"]) for e in rated if e["q"] > 0)
            n = len(ratios)
            check(total_a is not None and Decimal(total_a) == sum_a
                  and scale_of(total_a) == max(e["a_scale"] for e in rated),
                  f"{plan} attainment_by_rep total_achieved", g, total_a, sum_a)
            check(total_q is not None and Decimal(total_q) == sum_q
                  and scale_of(total_q) == max(e["q_scale"] for e in rated),
                  f"{plan} attainment_by_rep total_quota", g, total_q, sum_q)
            check((reps, zeros) == (str(n), str(len(rated) - n)),
                  f"{plan} attainment_by_rep reps, zero_quotas", g, (reps, zeros), n)
            at_1 = sum(1 for e in rated if e["q"] > 0 and e["a"] >= e["q"])
            at_90 = sum(1 for e in rated if e["q"] > 0 and e["a"] >= Decimal("0.9") * e["q"])
            check(at_1_got == str(at_1), f"{plan} attainment_by_rep reps_at_quota", g, at_1_got, at_1)
            want_pct_90 = float(Fraction(at_90, n)) if n else None
            check(exact_float(pct_90, want_pct_90), f"{plan} attainment_by_rep pct_at_quota at 0.9", g,
                  pct_90, want_pct_90)
            want_qa = float(Fraction(sum_a) / Fraction(sum_q)) if sum_q > 0 else None
            check(ulp_close(qa, want_qa), f"{plan} attainment_by_rep quota_attainment", g, qa, want_qa)
            want_median = exact_median(ratios)
            check(ulp_close(median, want_median), f"{plan} attainment_by_rep median_attainment", g,
                  median, want_median)
    for g in range(GROUPS):
        for plan in results:
            check(results[plan][g] == results["serial"][g], f"attainment_by_rep {plan} == serial", g,
                  results[plan][g], results["serial"][g])
    check_rep_attainment(groups, text_of, uuid_of, check)


REP_QUERY = """
SELECT g.g, (SELECT string_agg(t.rep || chr(30) || t.achieved || chr(30) || coalesce(t.quota::text, '-'), chr(31)
                                ORDER BY t.n)
             FROM rep_attainment_table(r) WITH ORDINALITY AS t(rep, achieved, quota, n)),
       attainment(r)::text IS NOT DISTINCT FROM s::text, rolled::text IS NOT DISTINCT FROM r::text, r::text
FROM bgroups g
LEFT JOIN (SELECT g, rep_attainment({key}, a, q) AS r, attainment_by_rep({key}, a, q) AS s
           FROM brows GROUP BY g) d USING (g)
LEFT JOIN (SELECT g, rollup(p ORDER BY part DESC) AS rolled
           FROM (SELECT g, part, rep_attainment({key}, a, q) AS p FROM brows GROUP BY g, part) x
           GROUP BY g) e USING (g)
ORDER BY g.g;
"""


def uuid_text(hex32):
    return f"{hex32[:8]}-{hex32[8:12]}-{hex32[12:16]}-{hex32[16:20]}-{hex32[20:]}"


def check_rep_attainment(groups, text_of, uuid_of, check):
    """rep_attainment over the rows of check_attainment_by_rep: per-rep sums here."""
    labels = {"rep": (str, lambda k: k),
              "trep": (lambda k: text_of[k], lambda k: text_of[k].encode()),
              "urep": (lambda k: uuid_text(uuid_of[k]), lambda k: bytes.fromhex(uuid_of[k]))}
    results = {}
    for plan, settings, key in (("serial", SERIAL, "rep"), ("parallel", PARALLEL, "rep"),
                                ("text serial", SERIAL, "trep"), ("text parallel", PARALLEL, "trep"),
                                ("uuid serial", SERIAL, "urep"), ("uuid parallel", PARALLEL, "urep")):
        label, order = labels[key]
        results[plan] = {}
        # not splitlines(): the rep separators are control characters it splits at
        for line in psql(settings + REP_QUERY.format(key=key)).rstrip("\n").split("\n"):
            g_text, table, same_attainment, same_rollup, text = line.split("|", 4)
            g = int(g_text)
            results[plan][g] = text
            per_rep = {}
            for rep, a, q in groups[g]:
                if rep is None or (a is None and q is None):
                    continue
                entry = per_rep.setdefault(rep, [Decimal(0), 0, None, 0])
                if a is not None:
                    entry[0] += Decimal(a)
                    entry[1] = max(entry[1], scale_of(a))
                if q is not None:
                    entry[2] = (entry[2] or Decimal(0)) + Decimal(q)
                    entry[3] = max(entry[3], scale_of(q))
            want = [(label(k), e) for k, e in sorted(per_rep.items(), key=lambda item: order(item[0]))]
            got = [item.split("\x1e") for item in table.split("\x1f")] if table else []
            ok = len(got) == len(want)
            for (rep_got, a_got, q_got), (rep_want, (a, a_scale, q, q_scale)) in zip(got, want):
                ok = ok and rep_got == rep_want and Decimal(a_got) == a and scale_of(a_got) == a_scale
                ok = ok and (q_got == "-" if q is None else (Decimal(q_got) == q and scale_of(q_got) == q_scale))
            check(ok, f"{plan} rep_attainment reps and sums", g, table, want)
            check(same_attainment == "t", f"{plan} attainment(rep_attainment) = attainment_by_rep", g,
                  same_attainment, "t")
            check(same_rollup == "t", f"{plan} rollup of a 4-way partition = rep_attainment", g, same_rollup, "t")
    for g in range(GROUPS):
        for plan in ("parallel", "text serial", "text parallel", "uuid serial", "uuid parallel"):
            if plan.endswith("parallel"):
                base = plan.replace("parallel", "serial")
                check(results[plan][g] == results[base][g], f"rep_attainment {plan} == {base}", g,
                      results[plan][g], results[base][g])

FLOW_BARS = ["start", "new", "pulled_in", "added", "increased", "decreased",
             "pushed_out", "removed", "won", "lost", "end"]
FLOW_MEMOS = ["unchanged", "unvalued_start", "unvalued_end"]
FLOW_QUERY = """
SELECT g, (SELECT string_agg(deals || ':' || coalesce(amount::text, ''), ' ' ORDER BY ord) FROM pipeline_changes(f)),
       flow_deals(f, 'unchanged'), flow_deals(f, 'unvalued_start'), flow_deals(f, 'unvalued_end'), f::text
FROM (SELECT g, pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, period, target) AS f
      FROM flows GROUP BY g, period, target) AS t
ORDER BY g;
"""
FLOW_ROLLUP_QUERY = """
SELECT g, rollup(f)::text
FROM (SELECT g, part, pipeline_flow(s_won, s_amt, s_close, e_won, e_amt, e_close, created, period, target) AS f
      FROM flows GROUP BY g, part, period, target) AS t
GROUP BY g ORDER BY g;
"""


def random_flow_side(rng):
    """(won, amount text, close day) of one snapshot, or all None (absent)."""
    if rng.random() < 0.15:
        return (None, None, None)
    won = rng.choice([None, None, None, True, False])
    kind = rng.random()
    if kind < 0.1:
        amount = None
    elif kind < 0.15:
        amount = rng.choice(["0", "0.00"])
    elif kind < 0.25:
        amount = "-" + f"{rng.randint(1, 9999)}.{rng.randint(0, 99):02d}"
    elif kind < 0.28:
        amount = f"{rng.randint(10**24, 10**25)}.{rng.randint(0, 9):d}"
    elif kind < 0.31:
        amount = f"{rng.randint(0, 999)}.{rng.randint(0, 10**9):09d}"
    else:
        amount = str(rng.randint(1, 90000))
    close = None if rng.random() < 0.1 else rng.randint(0, 365)
    return (won, amount, close)


def flow_classify(deal, period_lo, t_lo, t_hi):
    """{bar: amount text or Decimal} and memos of one deal, written from the
    contribution table of kpi-definitions.md section 13 (days as integers;
    t_lo / t_hi None when unbounded)."""
    (s_won, s_amt, s_close), (e_won, e_amt, e_close), created = deal

    def in_target(day):
        return day is not None and (t_lo is None or day >= t_lo) and (t_hi is None or day < t_hi)

    if s_won is not None:
        start = "closed"
    elif s_amt is not None and in_target(s_close):
        start = "in"
    elif s_amt is not None and s_close is not None:
        start = "out"
    else:
        start = "none"
    if e_won is not None:
        end = "won" if e_won else "lost"
    elif e_amt is not None and in_target(e_close):
        end = "in"
    elif e_amt is not None and e_close is not None:
        end = "out"
    else:
        end = "gone"
    memos = {"unchanged": 0,
             "unvalued_start": int(s_won is None and s_amt is None and in_target(s_close)),
             "unvalued_end": int(e_won is None and e_amt is None and in_target(e_close))}
    bars = {}

    def change(old, new):
        diff = Decimal(new) - Decimal(old)
        scale = max(scale_of(old), scale_of(new))
        if diff > 0:
            bars["increased"] = (diff, scale)
        elif diff < 0:
            bars["decreased"] = (-diff, scale)
        return diff != 0

    def amount(text):
        return (Decimal(text), scale_of(text))

    if start == "in":
        bars["start"] = amount(s_amt)
        if end == "in":
            bars["end"] = amount(e_amt)
            if not change(s_amt, e_amt):
                memos["unchanged"] = 1
        elif end == "won":
            booked = e_amt if e_amt is not None else s_amt
            change(s_amt, booked)
            bars["won"] = amount(booked)
        else:
            bars[{"lost": "lost", "out": "pushed_out", "gone": "removed"}[end]] = amount(s_amt)
        return bars, memos
    if start == "out":
        entry = "pulled_in"
    elif start == "none" and created is not None and created >= period_lo:
        entry = "new"
    else:
        entry = "added"
    if end == "in":
        bars[entry] = amount(e_amt)
        bars["end"] = amount(e_amt)
    elif end in ("won", "lost") and start != "closed" and e_amt is not None and in_target(e_close):
        bars[entry] = amount(e_amt)
        bars[end] = amount(e_amt)
    return bars, memos


def check_pipeline_flow(rng, check):
    """pipeline_flow against flow_classify over 100,000 random deals."""
    # days are offsets from 2024-01-01; a window side of None is unbounded
    windows = [(None, None), (90, 181), (None, 181), (90, None), (0, 1), (200, 366)]
    groups = {}
    lines = []
    deals_left = 100000
    g = 0
    while deals_left > 0:
        size = min(deals_left, rng.choice([1, 3, 50, rng.randint(100, 4000)]))
        deals_left -= size
        period_lo = rng.randint(60, 120)
        period = (period_lo, period_lo + rng.choice([1, 7, 30, 91]))
        target = rng.choice(windows)
        rows = []
        for _ in range(size):
            created = None if rng.random() < 0.1 else rng.randint(0, 200)
            rows.append((random_flow_side(rng), random_flow_side(rng), created))
        groups[g] = (period, target, rows)
        for deal in rows:
            lines.append((g, rng.randint(0, 4), period, target, deal))
        g += 1

    def day(d):
        return "NULL" if d is None else f"date '2024-01-01' + {d}"

    def date_of(d):
        return (datetime.date(2024, 1, 1) + datetime.timedelta(days=d)).isoformat()

    def window_sql(lo, hi):
        return (("'(" if lo is None else f"'[{date_of(lo)}") + "," +
                ("" if hi is None else date_of(hi)) + ")'::daterange")

    statements = table_statements(
        "flows", "g int, part int, period daterange, target daterange, s_won boolean, s_amt numeric, "
                 "s_close date, e_won boolean, e_amt numeric, e_close date, created date",
        [(str(gr), str(part), window_sql(*period), window_sql(*target),
          sql_literal(sw, 'bool'), sql_literal(sa, 'numeric'), day(sc),
          sql_literal(ew, 'bool'), sql_literal(ea, 'numeric'), day(ec), day(cr))
         for gr, part, period, target, ((sw, sa, sc), (ew, ea, ec), cr) in lines])
    statements.append("ANALYZE flows;")
    psql("\n".join(statements))

    results = {}
    for plan, settings in (("serial", SERIAL), ("parallel", PARALLEL)):
        results[plan] = {}
        for line in psql(settings + FLOW_QUERY).splitlines():
            fields = line.split("|")
            results[plan][int(fields[0])] = fields[1:]
    rollups = {int(line.split("|")[0]): line.split("|")[1] for line in psql(SERIAL + FLOW_ROLLUP_QUERY).splitlines()}
    for gr, (period, target, rows) in groups.items():
        counts = {b: 0 for b in FLOW_BARS}
        sums = {b: Decimal(0) for b in FLOW_BARS}
        scales = {b: 0 for b in FLOW_BARS}
        memos = {m: 0 for m in FLOW_MEMOS}
        for deal in rows:
            bars, deal_memos = flow_classify(deal, period[0], *target)
            for bar, (value, scale) in bars.items():
                counts[bar] += 1
                sums[bar] += value
                scales[bar] = max(scales[bar], scale)
            for m in FLOW_MEMOS:
                memos[m] += deal_memos[m]
        got_bars, *got_memos, text = results["serial"][gr]
        for bar, got in zip(FLOW_BARS, got_bars.split(" ")):
            deals, _, amount = got.partition(":")
            ok = int(deals) == counts[bar] and (
                amount == "" if counts[bar] == 0 else
                Decimal(amount) == sums[bar] and scale_of(amount) == scales[bar])
            check(ok, f"pipeline_flow {bar}", gr, got,
                  f"{counts[bar]}:{sums[bar]} at scale {scales[bar]}" if counts[bar] else "0:")
        check([int(m) for m in got_memos] == [memos[m] for m in FLOW_MEMOS], "pipeline_flow memos", gr,
              got_memos, memos)
        check(results["parallel"][gr] == results["serial"][gr], "pipeline_flow parallel == serial", gr,
              results["parallel"][gr][-1], text)
        check(rollups[gr] == text, "pipeline_flow rollup of random parts == whole", gr, rollups[gr], text)


# Stage picklist names; each funnel group orders a sample of them as its open
# stages (array_position maps the rest to NULL, like a retired stage).
PICKLIST = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
            "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Discovery", "Demo",
            "Verbal – Zusage", "Partner's review"]
FUNNEL_QUERY = """
SELECT g.g, funnel_stages(f.f),
       (SELECT string_agg(concat(reached, ':', advanced, ':', dropped, ':', open, ':', conversion, ':', pass_rate),
                          ' ' ORDER BY stage) FROM stage_funnel_table(f.f)),
       time_stages(t.t),
       (SELECT string_agg(concat(stays, ':', in_progress, ':', avg_days, ':', median_days, ':', p90_days, ':',
                                 time_in_stage_percentile(t.t, stage, g.p)), ' ' ORDER BY stage)
        FROM stage_time_table(t.t)),
       c.c,
       (SELECT string_agg(concat(stays, ':', in_progress, ':', avg_days, ':', median_days, ':', p90_days),
                          ' ' ORDER BY stage) FROM stage_time_table(v.t)),
       f.f::text, t.t::text
FROM sgroups g
LEFT JOIN (SELECT g, stage_funnel(h, won, n) AS f FROM sdeal GROUP BY g) f USING (g)
LEFT JOIN (SELECT g, stage_time(k, days, n) AS t FROM sstay GROUP BY g) t USING (g)
LEFT JOIN (SELECT g, stage_time(k, exited_at - entered_at, n) AS t
           FROM svisit JOIN sgroups USING (g) WHERE k IS NOT NULL GROUP BY g) v USING (g)
LEFT JOIN (SELECT g, string_agg(concat(k, ':', c), ' ' ORDER BY k) AS c
           FROM (SELECT d.g, k, stage_conversion(d.won OR d.h > k) AS c
                 FROM sdeal d CROSS JOIN generate_series(1, d.n) AS k
                 WHERE d.won OR d.h >= k GROUP BY d.g, k) x
           GROUP BY g) c USING (g)
ORDER BY g.g;
"""
FUNNEL_ROLLUP_QUERY = """
SELECT g.g, f.f::text, t.t::text
FROM sgroups g
LEFT JOIN (SELECT g, rollup(f) AS f
           FROM (SELECT g, part, stage_funnel(h, won, n) AS f FROM sdeal GROUP BY g, part) x GROUP BY g) f USING (g)
LEFT JOIN (SELECT g, rollup(t) AS t
           FROM (SELECT g, (part + k) % 5 AS part, stage_time(k, days::int, n) AS t
                 FROM sstay GROUP BY g, 2) x GROUP BY g) t USING (g)
ORDER BY g.g;
"""
# Salesforce's OpportunityHistory recipe of kpi-definitions.md section 14
# (doc/funnel-and-leads.md): consecutive rows of one stage collapse into a
# visit, names map with array_position, the highest stage per deal, the
# cumulative days per deal and stage (NULL while running); the outcome is
# the stage of the deal's last row (IsClosed / IsWon).
FUNNEL_RECIPE = """
CREATE TABLE svisit AS
WITH h AS (SELECT g, part, id, opportunity_id, stage_name, created_date,
                  lag(stage_name) OVER (PARTITION BY opportunity_id ORDER BY created_date, id) AS prev
           FROM shist)
SELECT h.g, h.part, h.opportunity_id, array_position(s.names, h.stage_name) AS k,
       h.created_date AS entered_at,
       lead(h.created_date) OVER (PARTITION BY h.opportunity_id ORDER BY h.created_date, h.id) AS exited_at
FROM h JOIN sgroups s USING (g)
WHERE h.prev IS DISTINCT FROM h.stage_name;
CREATE TABLE sdeal AS
SELECT v.g, v.part, s.n, v.opportunity_id, max(v.k) AS h, o.won
FROM svisit v JOIN sgroups s USING (g)
JOIN (SELECT DISTINCT ON (opportunity_id) opportunity_id,
             CASE stage_name WHEN 'Closed Won' THEN true WHEN 'Closed Lost' THEN false END AS won
      FROM shist ORDER BY opportunity_id, created_date DESC, id DESC) o USING (opportunity_id)
GROUP BY v.g, v.part, s.n, v.opportunity_id, o.won;
CREATE TABLE sstay AS
SELECT v.g, v.part, s.n, v.opportunity_id, v.k,
       CASE WHEN bool_and(v.exited_at IS NOT NULL) THEN sum(v.exited_at - v.entered_at) END AS days
FROM svisit v JOIN sgroups s USING (g)
WHERE v.k IS NOT NULL
GROUP BY v.g, v.part, s.n, v.opportunity_id, v.k;
ANALYZE svisit, sdeal, sstay;
"""


def random_deal_path(rng, n, names):
    """One deal's visits [(label, day)], consecutive labels distinct: a label
    is a stage ordinal 1..n, 'W' / 'L' (Closed Won / Lost) or the name of a
    picklist stage that is not one of the group's (not a stage)."""
    others = [x for x in PICKLIST if x not in names]
    day = rng.randint(0, 600)
    kind = rng.random()
    if kind < 0.04:
        label = "W"                   # created as Closed Won: no open stage
    elif kind < 0.06:
        label = "L"                   # created as Closed Lost: never in the funnel
    elif kind < 0.08 and others:
        label = rng.choice(others)    # created in a stage the group does not count
    elif kind < 0.65:
        label = 1
    else:
        label = rng.randint(1, n)     # created mid-funnel
    visits = [(label, day)]
    while True:
        current = visits[-1][0]
        if current in ("W", "L"):
            if rng.random() < 0.9:
                break
            label = rng.randint(1, n)  # reopened
        else:
            r = rng.random()
            stage = current if isinstance(current, int) else 1
            if r < 0.15:
                break                  # still open
            elif r < 0.27:
                label = "W"
            elif r < 0.40:
                label = "L"
            elif r < 0.70:
                label = min(n, stage + 1)                        # one step forward
            elif r < 0.78:
                label = min(n, stage + rng.randint(2, 4))        # skips
            elif r < 0.90:
                label = max(1, stage - rng.randint(1, 3))        # regression
            elif r < 0.97:
                label = rng.choice([v for v, _ in visits if isinstance(v, int)] or [1])  # re-entry
            else:
                label = rng.choice(others) if others else 1
        if label == current:
            continue
        day += rng.choice([0, 0, 1, 2, 3, 7, 14, rng.randint(0, 90)])   # same-day moves too
        visits.append((label, day))
    return visits


def check_funnel(rng, check):
    """stage_funnel, stage_time and stage_conversion(boolean) over random
    OpportunityHistory rows, through the section 14 recipe in SQL, against
    the funnel and stays computed here from the deals' visits."""
    groups = {}
    hist = []
    deals_total = 0
    serial_no = 0
    for g in range(300):
        n = rng.randint(1, 8)
        names = rng.sample(PICKLIST, n)
        p = rng.choice([0.0, 1.0, 0.25, 0.75, 1 / 3, rng.random(), rng.random()])
        size = rng.choice([0, 1, 3, rng.randint(5, 60), rng.randint(100, 400)])
        deals = []
        for _ in range(size):
            visits = random_deal_path(rng, n, names)
            serial_no += 1
            opp_id = "006" + f"{serial_no * 7919 % 10**9:09d}" + rng.choice(["AAQ", "AAq", "QAA"])
            part = rng.randint(0, 4)
            rows = []   # (day, stage name), in history order
            for i, (label, day) in enumerate(visits):
                name = names[label - 1] if isinstance(label, int) else \
                    {"W": "Closed Won", "L": "Closed Lost"}.get(label, label)
                rows.append((day, name))
                # amount or close date changes: the same stage again, later the same day or on
                # a day up to the next move
                until = visits[i + 1][1] if i + 1 < len(visits) else day + 30
                for _ in range(rng.choice([0, 0, 0, 1, 2])):
                    rows.append((rng.randint(day, until), name))
            rows.sort(key=lambda r: r[0])   # stable: a move's row stays after the same-day changes before it
            deals.append(visits)
            hist.extend((g, part, opp_id, day, name) for day, name in rows)
            deals_total += 1
        groups[g] = (n, names, p, deals)
    # row ids ascend with the date and, within a deal and a day, with the
    # history's order (the recipe orders by created_date, id); rows are
    # inserted in random order
    ranked = sorted(range(len(hist)), key=lambda i: (hist[i][3], hist[i][2], i))
    ids = {i: 1000 + 3 * rank for rank, i in enumerate(ranked)}
    rows_sql = [(str(g), str(part), str(ids[i]), f"'{opp}'", "'" + name.replace("'", "''") + "'",
                 f"date '2023-01-01' + {day}") for i, (g, part, opp, day, name) in enumerate(hist)]
    rng.shuffle(rows_sql)
    statements = table_statements("sgroups", "g int PRIMARY KEY, n int, names text[], p float8",
                                  [(str(g), str(n), "ARRAY[" + ",".join("'" + x.replace("'", "''") + "'" for x in names) + "]",
                                    sql_literal(p, 'float8')) for g, (n, names, p, _) in groups.items()])
    statements += table_statements("shist", "g int, part int, id int, opportunity_id text, stage_name text, created_date date",
                                   rows_sql)
    statements.append("ANALYZE sgroups, shist;")
    statements.append(FUNNEL_RECIPE)
    psql("\n".join(statements))

    results = {}
    for plan, settings in (("serial", SERIAL), ("parallel", PARALLEL)):
        results[plan] = {}
        for line in psql(settings + FUNNEL_QUERY).splitlines():
            fields = [None if f == "" else f for f in line.split("|")]
            results[plan][int(fields[0])] = fields[1:]
    rollups = {int(f[0]): [None if x == "" else x for x in f[1:]]
               for f in (line.split("|") for line in psql(SERIAL + FUNNEL_ROLLUP_QUERY).splitlines())}

    def number(text):
        if text == "":
            return None
        return float(text) if any(c in text for c in ".eEn") else int(text)

    stays_total = 0
    for g, (n, names, p, deals) in groups.items():
        outcome = []
        finished = {k: [] for k in range(1, n + 1)}
        running = {k: 0 for k in range(1, n + 1)}
        visit_days = {k: [] for k in range(1, n + 1)}    # per visit: the days of finished visits
        visit_running = {k: 0 for k in range(1, n + 1)}
        for visits in deals:
            last = visits[-1][0]
            result = True if last == "W" else False if last == "L" else None
            stages = [label for label, _ in visits if isinstance(label, int)]
            outcome.append((result, stages))
            days = {}
            for i, (label, day) in enumerate(visits):
                if not isinstance(label, int):
                    continue
                exit_day = visits[i + 1][1] if i + 1 < len(visits) else None
                if exit_day is None:
                    visit_running[label] += 1
                else:
                    visit_days[label].append(exit_day - day)
                if exit_day is None or days.get(label, 0) is None:
                    days[label] = None
                else:
                    days[label] = days.get(label, 0) + exit_day - day
            for k, d in days.items():
                if d is None:
                    running[k] += 1
                else:
                    finished[k].append(d)
        want_funnel = []
        for k in range(1, n + 1):
            reached = sum(1 for r, s in outcome if r is True or any(x >= k for x in s))
            advanced = sum(1 for r, s in outcome if r is True or any(x > k for x in s))
            dropped = sum(1 for r, s in outcome if r is False and s and max(s) == k)
            still = sum(1 for r, s in outcome if r is None and s and max(s) == k)
            conversion = float(Fraction(advanced, advanced + dropped)) if advanced + dropped else None
            pass_rate = float(Fraction(advanced, reached)) if reached else None
            want_funnel.append((reached, advanced, dropped, still, conversion, pass_rate))
        counted = any(r is True or s for r, s in outcome)
        want_time = []
        for k in range(1, n + 1):
            d = finished[k]
            stays_total += len(d)
            want_time.append((len(d), running[k], float(Fraction(sum(d), len(d))) if d else None,
                              exact_percentile(d, 0.5), exact_percentile(d, 0.9), exact_percentile(d, p)))
        want_visits = [(len(d), visit_running[k], float(Fraction(sum(d), len(d))) if d else None,
                        exact_percentile(d, 0.5), exact_percentile(d, 0.9))
                       for k, d in visit_days.items()]
        timed = any(finished[k] or running[k] for k in finished)
        for plan in ("serial", "parallel"):
            got_n, got_funnel, got_tn, got_time, got_conv, got_visits, f_text, t_text = results[plan][g]
            if not counted:
                check((got_n, got_funnel, got_conv, f_text) == (None,) * 4, f"{plan} stage_funnel empty", g,
                      (got_n, got_funnel, got_conv, f_text), None)
            else:
                check(got_n == str(n), f"{plan} funnel_stages", g, got_n, n)
                got_rows = [tuple(number(x) for x in row.split(":")) for row in (got_funnel or "").split(" ") if row]
                for k in range(1, n + 1):
                    got, want = got_rows[k - 1] if k <= len(got_rows) else None, want_funnel[k - 1]
                    check(got is not None and got[:4] == want[:4],
                          f"{plan} stage {k} reached, advanced, dropped, open", g, got, want)
                    check(got is not None and got[4] == want[4], f"{plan} stage_conversion(f, {k})", g, got, want)
                    check(got is not None and got[5] == want[5], f"{plan} stage_pass_rate(f, {k})", g, got, want)
                got_conv_list = [tuple(number(x) for x in item.split(":")) for item in (got_conv or "").split(" ") if item]
                want_conv_list = [(k, want_funnel[k - 1][4]) for k in range(1, n + 1) if want_funnel[k - 1][0] > 0]
                check(got_conv_list == want_conv_list, f"{plan} stage_conversion(boolean) per stage", g,
                      got_conv, want_conv_list)
            if not timed:
                check((got_tn, got_time, got_visits, t_text) == (None,) * 4, f"{plan} stage_time empty", g,
                      (got_tn, got_time, got_visits, t_text), None)
            else:
                check(got_tn == str(n), f"{plan} time_stages", g, got_tn, n)
                got_rows = [tuple(number(x) for x in row.split(":")) for row in (got_time or "").split(" ") if row]
                for k in range(1, n + 1):
                    got, want = got_rows[k - 1] if k <= len(got_rows) else None, want_time[k - 1]
                    check(got is not None and got[:2] == want[:2], f"{plan} stage {k} stays, in_progress", g, got, want)
                    for i, name in ((2, "avg"), (3, "median"), (4, "p90"), (5, f"percentile {p!r}")):
                        check(got is not None and got[i] == want[i], f"{plan} stage {k} time_in_stage {name}", g,
                              got, want)
                # one row per visit (the per-visit reading): consecutive rows of a stage must collapse
                got_rows = [tuple(number(x) for x in row.split(":")) for row in (got_visits or "").split(" ") if row]
                check(got_rows == want_visits, f"{plan} stage_time per visit", g, got_visits, want_visits)
        check(results["parallel"][g] == results["serial"][g], "funnel parallel == serial", g,
              results["parallel"][g][-2:], results["serial"][g][-2:])
        check(rollups[g] == results["serial"][g][-2:], "funnel rollup of random parts == whole", g,
              rollups[g], results["serial"][g][-2:])
    return deals_total, len(hist), stays_total


LEAD_HOURS = [0.0, 5 / 60, 0.5, 1.0, 24.0, 1 / 3600]   # responded_within thresholds (and a random one per group)
LEAD_QUERY = """
SELECT g.g, lead_count(s), leads_untouched(s), leads_pretouched(s),
       lead_to_opportunity(s), lead_to_customer(s), opportunity_to_customer(s),
       marketing_sourced_share(s), sales_sourced_share(s), other_source_share(s),
       response_time_avg(s), response_time_median(s), response_time_percentile(s, 0.9),
       response_time_percentile(s, g.p),
       CASE WHEN s IS NOT NULL THEN concat({within} responded_within(s, g.h)) END,   -- NULL as ''
       s::text
FROM lgroups g
LEFT JOIN (SELECT g, lead_summary(created_at, first_touch_at, opportunity, customer, marketing_sourced) AS s
           FROM leads GROUP BY g) d USING (g)
ORDER BY g.g;
"""
LEAD_ROLLUP_QUERY = """
SELECT g.g, r::text
FROM lgroups g
LEFT JOIN (SELECT g, rollup(s) AS r
           FROM (SELECT g, part, lead_summary(created_at, first_touch_at, opportunity, customer,
                                              marketing_sourced) AS s
                 FROM leads GROUP BY g, part) x
           GROUP BY g) u USING (g)
ORDER BY g.g;
"""
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
OFFSETS = [datetime.timezone.utc, datetime.timezone(datetime.timedelta(hours=-7)),
           datetime.timezone(datetime.timedelta(hours=5, minutes=30)), datetime.timezone(datetime.timedelta(hours=14))]


def timestamptz_literal(microseconds, rng):
    """A timestamptz literal of microseconds since 1970 UTC, written in a
    random UTC offset (the value is absolute)."""
    moment = (EPOCH + datetime.timedelta(microseconds=microseconds)).astimezone(rng.choice(OFFSETS))
    return "'" + moment.isoformat(sep=" ") + "'::timestamptz"


def random_response(rng):
    """Microseconds from creation to the first touch, or None (untouched)."""
    kind = rng.random()
    second = 10**6
    if kind < 0.10:
        return None
    if kind < 0.18:   # touched before creation: up to weeks, or by a hair
        return -rng.choice([1, second // 2, second, rng.randint(1, 21 * 86400 * second)])
    if kind < 0.30:   # exactly at an SLA boundary, or a fraction of a second past it (truncated back to it)
        hours = rng.choice(LEAD_HOURS)
        return round(hours * 3600) * second + rng.choice([0, 0, 1, second // 2, second - 1, second])
    if kind < 0.36:
        return rng.choice([0, 1, second - 1])
    if kind < 0.70:
        return rng.randint(0, 3 * 3600) * second + rng.randint(0, second - 1)
    if kind < 0.95:
        return rng.randint(0, 4 * 86400) * second + rng.randint(0, second - 1)
    return rng.randint(0, 30 * 86400 * second)


def check_leads(rng, check):
    """lead_summary over random leads against the counts, ratios and exact
    response-time statistics computed here (section 15)."""
    groups = {}
    lines = []
    for g in range(300):
        p = rng.choice([0.0, 1.0, 0.5, 0.75, 1 / 3, rng.random(), rng.random()])
        h = rng.choice([rng.random() * 48, float(rng.randint(1, 72)), 2 / 3, 1e-9])
        leads = []
        for _ in range(rng.choice([0, 1, 2, rng.randint(3, 60), rng.randint(100, 600)])):
            created = None if rng.random() < 0.02 else \
                1709251200 * 10**6 + rng.randint(0, 90 * 86400) * 10**6 + rng.choice([0, rng.randint(0, 10**6 - 1)])
            response = random_response(rng)
            opportunity = rng.choice([True, False, False, None])
            customer = rng.choice([True, False, False, False, None])
            if opportunity is not True and customer is True and rng.random() < 0.5:
                customer = False   # customers mostly come through an opportunity, not always
            marketing = rng.choice([True, True, False, None])
            leads.append((created, response, opportunity, customer, marketing, rng.randint(0, 4)))
        groups[g] = (p, h, leads)
        for created, response, opportunity, customer, marketing, part in leads:
            touch = None if created is None or response is None else created + response
            if created is None and rng.random() < 0.5:
                touch = 1709251200 * 10**6   # a touch of a lead without a creation time: still skipped
            lines.append((str(g), "NULL" if created is None else timestamptz_literal(created, rng),
                          "NULL" if touch is None else timestamptz_literal(touch, rng),
                          sql_literal(opportunity, 'bool'), sql_literal(customer, 'bool'),
                          sql_literal(marketing, 'bool'), str(part)))
    rng.shuffle(lines)
    statements = table_statements("lgroups", "g int PRIMARY KEY, p float8, h float8",
                                  [(str(g), sql_literal(p, 'float8'), sql_literal(h, 'float8'))
                                   for g, (p, h, _) in groups.items()])
    statements += table_statements("leads", "g int, created_at timestamptz, first_touch_at timestamptz, "
                                            "opportunity boolean, customer boolean, marketing_sourced boolean, part int",
                                   lines)
    statements.append("ANALYZE lgroups, leads;")
    psql("\n".join(statements))

    query = LEAD_QUERY.format(within="".join(f"responded_within(s, {h!r}::float8), ' ', " for h in LEAD_HOURS))
    results = {}
    for plan, settings in (("serial", SERIAL), ("parallel", PARALLEL)):
        results[plan] = {}
        for line in psql(settings + query).splitlines():
            fields = [None if f == "" else f for f in line.split("|")]
            results[plan][int(fields[0])] = fields[1:]
    rollups = {int(line.split("|")[0]): line.split("|")[1] or None
               for line in psql(SERIAL + LEAD_ROLLUP_QUERY).splitlines()}

    def ratio(numerator, denominator):
        return float(Fraction(numerator, denominator)) if denominator else None

    def hours(seconds, fraction):
        value = percentile_fraction(seconds, fraction)
        return None if value is None else value / 3600

    def same_hours(got, exact):
        """got is the exact hours (a Fraction) rounded once, ties to even as
        Python's float(Fraction) rounds them (exact ties come up about once
        in two seeds: they are counted in ties, to show that they are met)."""
        if exact is None or got is None:
            return got is None and exact is None
        if halfway(exact):
            ties.append(float(got))
        return float(got) == float(exact)

    ties = []
    counted = 0
    for g, (p, h, leads) in groups.items():
        leads = [lead for lead in leads if lead[0] is not None]   # no creation time: skipped
        counted += len(leads)
        untouched = sum(1 for lead in leads if lead[1] is None)
        pretouched = sum(1 for lead in leads if lead[1] is not None and lead[1] < 0)
        seconds = [lead[1] // 10**6 for lead in leads if lead[1] is not None and lead[1] >= 0]   # truncated
        opp_known = [lead for lead in leads if lead[2] is not None]
        cust_known = [lead for lead in leads if lead[3] is not None]
        opp_cust_known = [lead for lead in leads if lead[2] is True and lead[3] is not None]
        within = [ratio(sum(1 for s in seconds if float(Fraction(s, 3600)) <= limit), len(seconds) + untouched)
                  for limit in LEAD_HOURS + [h]]
        want = [str(len(leads)), str(untouched), str(pretouched),
                ratio(sum(1 for lead in opp_known if lead[2]), len(opp_known)),
                ratio(sum(1 for lead in cust_known if lead[3]), len(cust_known)),
                ratio(sum(1 for lead in opp_cust_known if lead[3]), len(opp_cust_known)),
                ratio(sum(1 for lead in leads if lead[4] is True), len(leads)),
                ratio(sum(1 for lead in leads if lead[4] is False), len(leads)),
                ratio(sum(1 for lead in leads if lead[4] is None), len(leads)),
                float(Fraction(sum(seconds), 3600 * len(seconds))) if seconds else None,
                hours(seconds, 0.5), hours(seconds, 0.9), hours(seconds, p), within]
        names = ["lead_count", "leads_untouched", "leads_pretouched", "lead_to_opportunity", "lead_to_customer",
                 "opportunity_to_customer", "marketing_sourced_share", "sales_sourced_share", "other_source_share",
                 "response_time_avg", "response_time_median", "response_time_percentile(s, 0.9)",
                 f"response_time_percentile(s, {p!r})",
                 "responded_within(s, h) at " + ", ".join(repr(x) for x in LEAD_HOURS + [h])]
        for plan in ("serial", "parallel"):
            got = results[plan][g]
            if not leads:
                check(all(v is None for v in got), f"{plan} lead_summary empty", g, got, None)
                continue
            for i, name in enumerate(names):
                if i < 3:
                    ok = got[i] == want[i]
                elif i < 10:
                    ok = exact_float(got[i], want[i])
                elif i < len(names) - 1:
                    ok = same_hours(got[i], want[i])
                else:
                    values = (got[i] or "").split(" ")
                    ok = len(values) == len(want[i]) and all(
                        (v == "" and w is None) or (v != "" and w is not None and float(v) == w)
                        for v, w in zip(values, want[i]))
                check(ok, f"{plan} {name}", g, got[i], float(want[i]) if isinstance(want[i], Fraction) else want[i])
        check(results["parallel"][g] == results["serial"][g], "lead_summary parallel == serial", g,
              results["parallel"][g][-1], results["serial"][g][-1])
        check(rollups[g] == results["serial"][g][-1], "lead_summary rollup of random parts == whole", g,
              rollups[g], results["serial"][g][-1])
    return counted, len(ties)


CUSTOMER_QUERY = """
SELECT g.g, d.churn, d.nrr, d.grr
FROM cgroups g
LEFT JOIN (SELECT g, churn_rate(active_at_start, churned) AS churn,
                  net_revenue_retention(start_mrr, expansion, contraction, churned_mrr) AS nrr,
                  gross_revenue_retention(start_mrr, expansion, contraction, churned_mrr) AS grr
           FROM customers GROUP BY g) d USING (g)
ORDER BY g.g;
"""
CUSTOMER_WINDOW_QUERY = """
SELECT g, id, net_revenue_retention(start_mrr, expansion, contraction, churned_mrr) OVER w,
       gross_revenue_retention(start_mrr, expansion, contraction, churned_mrr) OVER w
FROM customers WHERE g IN ({groups})
WINDOW w AS (PARTITION BY g ORDER BY id ROWS 9 PRECEDING)
ORDER BY g, id;
"""
TURNOVER_QUERY = """
SELECT g.g, d.turnover, d.counted, d.headcount
FROM cgroups g
LEFT JOIN (SELECT g, rep_turnover(hired_on, left_on, period) AS turnover,
                  rep_turnover(hired_on, left_on, left_counts, period) AS counted,
                  avg_headcount(hired_on, left_on, period) AS headcount
           FROM spells GROUP BY g) d USING (g)
ORDER BY g.g;
"""
TURNOVER_DAY0 = datetime.date(2024, 1, 1)


def mrr_text(value, scale):
    """An exact amount (a Fraction with a denominator dividing 10^scale) written at that scale."""
    units = value * 10**scale
    assert units.denominator == 1
    units = int(units)
    return str(units) if scale == 0 else f"{units // 10**scale}.{units % 10**scale:0{scale}d}"


def random_mrr(rng, wide=0.05):
    """An amount of zero or more with 0-4 decimals, some wider than 18 digits."""
    scale = rng.randint(0, 4)
    kind = rng.random()
    if kind < 0.06:
        units = 0
    elif kind < 0.06 + wide:   # around and beyond the int128 fast path's 18 digits
        units = rng.randint(10**17, 10**rng.choice([19, 20, 25]))
    else:
        units = rng.randint(1, 10**rng.randint(1, 7) * 10**scale)
    return Fraction(units, 10**scale), scale


def random_customer(rng):
    """One customer row: (active_at_start, churned, S, E, C, X), the amounts
    as (Fraction, text) or None; never a negative amount or C + X > S."""
    start, s_scale = random_mrr(rng)
    if rng.random() < 0.25:
        contraction, c_scale = Fraction(0), rng.randint(0, 4)
    elif rng.random() < 0.1:
        contraction, c_scale = start, s_scale   # all of it
    else:
        c_scale = rng.randint(0, 4)
        contraction = Fraction(math.floor(Fraction(rng.random()) * start * 10**c_scale), 10**c_scale)
    rest = start - contraction
    kind = rng.random()
    if kind < 0.5:
        churned_mrr, x_scale = Fraction(0), rng.randint(0, 4)
    elif kind < 0.7:
        churned_mrr, x_scale = rest, max(s_scale, c_scale)   # the rest of it: C + X = S
    else:
        x_scale = rng.randint(0, 4)
        churned_mrr = Fraction(math.floor(Fraction(rng.random()) * rest * 10**x_scale), 10**x_scale)
    expansion, e_scale = (Fraction(0), rng.randint(0, 4)) if rng.random() < 0.5 else random_mrr(rng, 0.03)
    amounts = [None if rng.random() < 0.03 else (value, mrr_text(value, scale))
               for value, scale in ((start, s_scale), (expansion, e_scale), (contraction, c_scale),
                                    (churned_mrr, x_scale))]
    active = rng.choice([True, True, True, False, None])
    churned = rng.choice([True, False, False, None]) if rng.random() < 0.9 else None
    return (active, churned, *amounts)


def retention_fractions(rows):
    """Exact NRR and GRR of customer rows (a row with a NULL amount skipped), rounded once; None without S."""
    net = gross = start = Fraction(0)
    for _, _, s, e, c, x in rows:
        if s is None or e is None or c is None or x is None:
            continue
        start += s[0]
        gross += s[0] - c[0] - x[0]
        net += s[0] + e[0] - c[0] - x[0]
    return (float(net / start), float(gross / start)) if start else (None, None)


def date_of(day):
    return (TURNOVER_DAY0 + datetime.timedelta(days=day)).isoformat()


def period_literal(lower, upper, rng):
    """[lower, upper) as a daterange literal in one of its equivalent forms."""
    lo, hi = rng.choice([(f"[{date_of(lower)}", f"{date_of(upper)})"), (f"({date_of(lower - 1)}", f"{date_of(upper)})"),
                         (f"[{date_of(lower)}", f"{date_of(upper - 1)}]"),
                         (f"({date_of(lower - 1)}", f"{date_of(upper - 1)}]")])
    return f"'{lo},{hi}'::daterange"


def random_spell(rng, lower, upper):
    """(hired_on, left_on, left_counts) in days: inside, around, before or
    after the period, open-ended (None), hired and gone the same day, on
    the period's bounds; hired_on None sometimes (skipped); never left < hired."""
    days = upper - lower
    edges = [lower - 1, lower, lower + 1, upper - 1, upper, upper + 1]
    hired = rng.choice([rng.randint(lower - 3 * days - 400, upper + days), rng.choice(edges),
                        rng.randint(lower - 2000, lower - 1), rng.randint(lower, upper - 1)])
    kind = rng.random()
    if kind < 0.3:
        left = None
    elif kind < 0.4:
        left = hired
    elif kind < 0.55:
        left = max(hired, rng.choice(edges))
    else:
        left = hired + rng.choice([rng.randint(0, days + 30), rng.randint(0, 3 * days + 400), 1])
    if rng.random() < 0.03:
        hired = None
    return hired, left, rng.choice([True, True, False, None])


def check_customers(rng, check):
    """churn_rate, net_revenue_retention, gross_revenue_retention (section
    10) over random customer rows, and rep_turnover and avg_headcount
    (section 16) over random spells, against the exact ratios here."""
    groups = {}
    lines = []
    serial_no = 0
    for g in range(300):
        kind = rng.random()
        size = rng.choice([0, 1, 2, 5, rng.randint(3, 60), rng.randint(100, 400)])
        rows = []
        for _ in range(size):
            serial_no += 1
            row = random_customer(rng)
            if kind < 0.05:   # no starting MRR at all: NULL retention
                row = row[:2] + tuple(a if a is None or i == 1 else (Fraction(0), rng.choice(["0", "0.00"]))
                                      for i, a in enumerate(row[2:]))   # expansion kept
            rows.append((serial_no,) + row)
        groups[g] = rows
        for sid, active, churned, *amounts in rows:
            lines.append((str(sid), str(g), sql_literal(active, 'bool'), sql_literal(churned, 'bool'),
                          *("NULL" if a is None else f"'{a[1]}'::numeric" for a in amounts)))
    rng.shuffle(lines)
    statements = table_statements("customers", "id int, g int, active_at_start boolean, churned boolean, "
                                               "start_mrr numeric, expansion numeric, contraction numeric, "
                                               "churned_mrr numeric", lines)
    window_groups = [g for g, rows in groups.items() if len(rows) >= 40][:6]
    statements.append("ANALYZE customers;")

    spells = {}
    spell_lines = []
    for g in range(300):
        lower = rng.randint(-400, 400)
        upper = lower + rng.choice([1, 2, 7, 28, 30, 31, 91, 92, 365, 366, rng.randint(1, 800)])
        rows = [random_spell(rng, lower, upper)
                for _ in range(rng.choice([0, 1, 2, rng.randint(3, 20), rng.randint(20, 150)]))]
        spells[g] = (lower, upper, rows)
        for hired, left, counts in rows:
            spell_lines.append((str(g), "NULL" if hired is None else f"'{date_of(hired)}'::date",
                                "NULL" if left is None else f"'{date_of(left)}'::date",
                                sql_literal(counts, 'bool'), period_literal(lower, upper, rng)))
    rng.shuffle(spell_lines)
    statements += table_statements("spells", "g int, hired_on date, left_on date, left_counts boolean, "
                                             "period daterange", spell_lines)
    statements += table_statements("cgroups", "g int PRIMARY KEY", [(str(g),) for g in range(300)])
    statements.append("ANALYZE spells, cgroups;")
    psql("\n".join(statements))

    results = {}
    for plan, settings in (("serial", SERIAL), ("parallel", PARALLEL)):
        for query, name in ((CUSTOMER_QUERY, "customers"), (TURNOVER_QUERY, "spells")):
            if plan == "parallel":
                explain = psql(settings + "EXPLAIN (COSTS OFF) " + query)
                check(("Partial HashAggregate" in explain or "Partial GroupAggregate" in explain)
                      and "Parallel Seq Scan" in explain,
                      f"parallel plan over {name}", "-", explain, "a partial aggregate over a Parallel Seq Scan")
            results[plan, name] = {}
            for line in psql(settings + query).splitlines():
                fields = [None if f == "" else f for f in line.split("|")]
                results[plan, name][int(fields[0])] = fields[1:]

    names = ["churn_rate", "net_revenue_retention", "gross_revenue_retention"]
    for g, rows in groups.items():
        cohort = [row for row in rows if row[1] is not None and row[2] is not None]   # STRICT: a NULL flag skips
        active = sum(1 for row in cohort if row[1])
        lost = sum(1 for row in cohort if row[1] and row[2])
        want = [float(Fraction(lost, active)) if active else None, *retention_fractions(r[1:] for r in rows)]
        for plan in ("serial", "parallel"):
            got = results[plan, "customers"][g]
            for i, name in enumerate(names):
                check(exact_float(got[i], want[i]), f"{plan} {name}", g, got[i], want[i])
        check(results["parallel", "customers"][g] == results["serial", "customers"][g],
              "churn/NRR/GRR parallel == serial", g, results["parallel", "customers"][g],
              results["serial", "customers"][g])

    frames = 0
    window = psql(CUSTOMER_WINDOW_QUERY.format(groups=",".join(map(str, window_groups)))).splitlines()
    got_rows = [[None if f == "" else f for f in line.split("|")] for line in window]
    want_rows = []
    for g in window_groups:
        rows = sorted(groups[g])
        for i, row in enumerate(rows):
            frame = rows[max(0, i - 9):i + 1]
            want_rows.append([str(g), str(row[0]), *retention_fractions(r[1:] for r in frame)])
    check(len(got_rows) == len(want_rows), "moving-window rows", window_groups, len(got_rows), len(want_rows))
    for got, want in zip(got_rows, want_rows):
        frames += 1
        check(got[:2] == want[:2], "moving-window row order", want[0], got[:2], want[:2])
        check(exact_float(got[2], want[2]), f"NRR ROWS 9 PRECEDING at id {want[1]}", want[0], got[2], want[2])
        check(exact_float(got[3], want[3]), f"GRR ROWS 9 PRECEDING at id {want[1]}", want[0], got[3], want[3])

    names = ["rep_turnover", "rep_turnover(left_counts)", "avg_headcount"]
    for g, (lower, upper, rows) in spells.items():
        days = upper - lower
        rep_days = separations = counted = 0
        for hired, left, counts in rows:
            if hired is None:
                continue   # not a spell
            # the days d of the period with hired <= d <= left (left_on the last day employed)
            rep_days += max(0, (upper if left is None else min(upper, left + 1)) - max(lower, hired))
            if left is not None and lower <= left < upper:
                separations += 1
                counted += counts is True
        if not rows:
            want = [None, None, None]   # no row: no state
        elif rep_days == 0:
            want = [None, None, None]   # no rep-day in the period: NULL (section 16)
        else:
            want = [float(Fraction(separations * days, rep_days)), float(Fraction(counted * days, rep_days)),
                    float(Fraction(rep_days, days))]
        for plan in ("serial", "parallel"):
            got = results[plan, "spells"][g]
            for i, name in enumerate(names):
                check(exact_float(got[i], want[i]), f"{plan} {name} over [{date_of(lower)},{date_of(upper)})",
                      g, got[i], want[i])
        check(results["parallel", "spells"][g] == results["serial", "spells"][g],
              "rep_turnover/avg_headcount parallel == serial", g, results["parallel", "spells"][g],
              results["serial", "spells"][g])
    return serial_no, frames, sum(len(rows) for _, _, rows in spells.values())


def main():
    rng = random.Random(SEED)
    rows = make_data(rng)
    load(rows)
    by_group = {g: [] for g in range(GROUPS)}
    for row in rows:
        by_group[row[0]].append(row)

    failures = []
    checks = 0

    def check(ok, what, group, got, want):
        nonlocal checks
        checks += 1
        if not ok:
            failures.append(f"group {group}: {what}: got {got!r}, want {want!r}")

    check_forecasts(rng, check)
    check_deals(rng, rows, check)
    check_attainment(rng, check)
    check_attainment_by_rep(rng, check)
    check_pipeline_flow(rng, check)
    funnel_deals, history_rows, stays = check_funnel(rng, check)
    leads, lead_ties = check_leads(rng, check)
    customers, frames, spells = check_customers(rng, check)
    serial, parallel = run(SERIAL), run(PARALLEL)
    for g in range(GROUPS):
        want = expected_for(by_group[g])
        for plan, got in (("serial", serial[g]), ("parallel", parallel[g])):
            wp, wp_pf, wp_f, wr, vwr, vwr_f = got
            for name, value, (exact, scale) in (("weighted_pipeline(numeric,numeric)", wp, want["wp"]),
                                                ("weighted_pipeline(numeric,float8)", wp_pf, want["wp_pf"])):
                if exact is None:
                    check(value is None, f"{plan} {name}", g, value, None)
                else:
                    check(value is not None and Decimal(value) == exact and scale_of(value) == scale,
                          f"{plan} {name}", g, value, f"{exact} at scale {scale}")
            if want["wp_f"] is None:
                check(wp_f is None, f"{plan} weighted_pipeline(float8,float8)", g, wp_f, None)
            else:
                exact = float(want["wp_f"])
                check(wp_f is not None and math.isclose(float(wp_f), exact, rel_tol=1e-12, abs_tol=1e-6),
                      f"{plan} weighted_pipeline(float8,float8)", g, wp_f, exact)
            check((wr is None and want["win_rate"] is None) or
                  (wr is not None and float(wr) == want["win_rate"]),
                  f"{plan} win_rate", g, wr, want["win_rate"])
            if want["vwr"] is None:
                check(vwr is None, f"{plan} value_win_rate(bool,numeric)", g, vwr, None)
            else:
                check(vwr is not None and abs(float(vwr) - want["vwr"]) <= math.ulp(want["vwr"]),
                      f"{plan} value_win_rate(bool,numeric)", g, vwr, want["vwr"])
            expected_f, well_conditioned = want["vwr_f"]
            if well_conditioned:
                check((vwr_f is None and expected_f is None) or
                      (vwr_f is not None and expected_f is not None and
                       math.isclose(float(vwr_f), expected_f, rel_tol=1e-9)),
                      f"{plan} value_win_rate(bool,float8)", g, vwr_f, expected_f)
        # exact results must not depend on the plan
        for i, name in ((0, "weighted_pipeline(numeric,numeric)"), (1, "weighted_pipeline(numeric,float8)"),
                        (3, "win_rate"), (4, "value_win_rate(bool,numeric)")):
            check(serial[g][i] == parallel[g][i], f"serial == parallel {name}", g, parallel[g][i], serial[g][i])

    psql(f"DROP DATABASE {DB};", db="postgres")
    print(f"property check (seed {SEED}): {GROUPS} groups, {len(rows)} rows, "
          f"{funnel_deals} funnel deals ({history_rows} history rows, {stays} finished stays), {leads} leads, "
          f"{customers} customers ({frames} moving-window frames), {spells} rep spells, {checks} comparisons, {len(failures)} failures")
    if lead_ties:
        print(f"  {lead_ties} lead response percentiles lay exactly halfway between two float8 values "
              "(checked rounded to even)")
    for failure in failures[:30]:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
