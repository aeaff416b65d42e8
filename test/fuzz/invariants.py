"""The summary invariants, asserted by the fuzz oracle on every accepted value.

For each value a summary target (forecast_error, deal_summary, attainment,
pipeline_flow, stage_funnel, stage_time, lead_summary, rep_attainment,
float_ratio_state; text or binary input) accepts,
the harness returns its text form, and
check() asserts what the aggregate that makes such values guarantees
(doc/summary-invariants.md lists them, with the same ids):

  - on the fields of the text form, exactly (Python fractions), or with the
    slack the input functions use for float8 sums;
  - through the SQL accessors, called as a user calls them (one query per
    value: the accessors of the value and of rollup() of the value with
    itself), against the fields and against each other;
  - on rollup(v, v): every count and sum doubled, and every invariant above
    holding for it too (it is an aggregate's output).  float_ratio_state has
    no rollup() aggregate: its combine function, weighted_pipeline_combine(v, v),
    stands for it (ROLLUP_SQL).

An accessor may raise a data exception (class 22: a result out of the
float8 range, a count overflow in rollup); what depends on it is then not
checked.  Any other error is a violation (id X1, as is a text form that does
not read back as itself).  The accessor checks run only on values whose
fields hold: on the others they would only echo the broken field.
check() returns the violations as (id, detail) pairs: the id names the
invariant (findings are grouped by it), the detail shows the numbers.
"""
import json
import math
import re
import struct
import sys
from decimal import Decimal
from fractions import Fraction

import psycopg2

if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)      # numeric sums of up to 131072 digits

NAN = float("nan")
INF = float("inf")
DBL_MAX = Fraction(sys.float_info.max)
MAX_CYCLE_DAYS = 2147483493            # date '5874897-12-31' - date '4714-11-24 BC'


class _Unknown:
    """An accessor that raised a data exception: nothing is checked against it."""

    def __repr__(self):
        return "error"


UNKNOWN = _Unknown()


class CrashError(Exception):
    """The connection dropped while the accessors ran."""


def finite(x):
    return isinstance(x, Fraction)


def isnan(x):
    return isinstance(x, float) and math.isnan(x)


def klass(x):
    """'finite', '+inf', '-inf' or 'nan'."""
    if finite(x):
        return "finite"
    if isnan(x):
        return "nan"
    return "+inf" if x > 0 else "-inf"


def number(text, float8=False):
    """A numeric (or float8) field: a Fraction (exact; a float8's binary value) or NaN/±inf."""
    if text == "NaN":
        return NAN
    if text == "Infinity":
        return INF
    if text == "-Infinity":
        return -INF
    return Fraction(float(text)) if float8 else Fraction(text)


def exact(value):
    """An accessor result as a number: None (SQL NULL), UNKNOWN, a Fraction or NaN/±inf."""
    if value is None or value is UNKNOWN:
        return value
    if isinstance(value, Decimal):
        if value.is_nan():
            return NAN
        if value.is_infinite():
            return INF if value > 0 else -INF
        return Fraction(value)
    if isinstance(value, float):
        return value if math.isnan(value) or math.isinf(value) else Fraction(value)
    return Fraction(value)


def same(a, b):
    """Equal numbers, NaN equal to NaN (as numeric and the summaries compare them)."""
    if finite(a) and finite(b):
        return a == b
    return not finite(a) and not finite(b) and klass(a) == klass(b)


def near(actual, value, rel=Fraction(1, 10**9), den=None):
    """actual (an accessor's float8) is value (exact) rounded to float8.

    rel: relative slack; den: the denominator of a quotient computed by
    exact_sum_ratio, whose numerator is rounded to 40 decimals first (so
    an absolute slack of 10^-40 / den).  Past the float8 range an infinity
    (or a data exception) is right; below it, anything subnormal-close.
    """
    if not finite(value):
        return klass(actual) == klass(value)
    if not finite(actual):
        return klass(actual) in ("+inf", "-inf") and abs(value) > DBL_MAX * (1 - rel) and \
            (actual > 0) == (value > 0)
    return abs(actual - value) <= rel * abs(value) + absolute_slack(den)


def absolute_slack(den=None):
    """Below the normal float8 range, and exact_sum_ratio's rounding of its numerator to 40 decimals."""
    slack = Fraction(1, 10**300)
    if den is not None:
        den = Fraction(den) if isinstance(den, int) else den
        if finite(den) and den > 0:
            slack += Fraction(1, 10**40) / den
    return slack


def within(x, lo, hi, rel=Fraction(1, 10**9), den=None):
    """lo <= x <= hi, with the slack of a float8 rounding (near())."""
    slack = absolute_slack(den)
    return lo - rel * abs(lo) - slack <= x <= hi + rel * abs(hi) + slack


def fmt(x):
    if finite(x):
        if x.denominator == 1:
            return str(x.numerator)
        return "%s (%.17g)" % (x, x.numerator / x.denominator) if abs(x.numerator) < 10**300 else str(x)
    return repr(x)


# ---------------------------------------------------------------- text forms

def split_fields(text):
    tokens = text.split(" ")
    fields = {"version": tokens[0]}
    for token in tokens[1:]:
        if "=" in token:
            key, value = token.split("=", 1)
            fields[key] = value
        else:
            fields["kind"] = token
    return fields


def braces(text):
    assert text[0] == "{" and text[-1] == "}", text
    return [item for item in text[1:-1].split(",") if item != ""]


FORECAST_SUMS = ("sum_abs_error", "sum_error", "sum_sq_error", "sum_abs_actual")
DEAL_SUMS = ("open_pipeline", "weighted_pipeline", "won_amount", "lost_amount")
DEAL_COUNTS = ("open_deals", "won_deals", "lost_deals", "backdated_deals")


def special_terms_value(terms):
    """NaN, +inf or -inf as float8 addition gives them for these terms (written as text), else None."""
    if "NaN" in terms or ("Infinity" in terms and "-Infinity" in terms):
        return NAN
    if "Infinity" in terms:
        return INF
    if "-Infinity" in terms:
        return -INF
    return None


def float_terms_number(text):
    """An exact float8 sum written as its terms (format 2 of forecast_error; one float8 in format 1):
    a special value as special_terms_value gives it, else the exact sum of the finite terms."""
    terms = text.split(",")
    special = special_terms_value(terms)
    if special is not None:
        return special
    return sum((Fraction(float(t)) for t in terms), Fraction(0))


def parse_forecast(text):
    f = split_fields(text)
    f8 = f["kind"] == "float8"
    v = {"kind": f["kind"], "count": int(f["count"]), "zero_actuals": int(f["zero_actuals"])}
    for key in FORECAST_SUMS:
        v[key] = float_terms_number(f[key]) if f8 else number(f[key])
    for key in ("sum_ape", "sum_sape"):
        v[key] = float_terms_number(f[key])
    return v


def parse_deal(text):
    f = split_fields(text)
    f8 = f["kind"] == "float8"
    v = {"kind": f["kind"]}
    for key in DEAL_COUNTS:
        v[key] = int(f[key])
    for key in DEAL_SUMS:
        v[key] = float_terms_number(f[key]) if f8 else number(f[key])
        v[key + "_deals"] = int(f[key + "_deals"])
    v["bins"] = [tuple(int(x) for x in item.split(":")) for item in braces(f["cycle_days"])]
    # format 3: the won amounts as (value, deals, text), or None when unknown
    # (a value of formats 1 and 2 with a won amount)
    amounts = f.get("won_amounts", "unknown" if v["won_amount_deals"] > 0 else "{}")
    v["amounts"] = None if amounts == "unknown" else [
        (number(item.rsplit(":", 1)[0], f8), int(item.rsplit(":", 1)[1]), item.rsplit(":", 1)[0])
        for item in braces(amounts)]
    return v


def amount_order(amount):
    """Where a won amount sorts: numeric order (NaN last), then the smaller display scale first."""
    value, _, text = amount
    scale = len(text.split(".", 1)[1]) if "." in text and "e" not in text.lower() else 0
    return (RATIO_ORDER[klass(value)], value if finite(value) else 0, scale)


def special_sum(values):
    """The class of a sum of values (NaN first; +inf with -inf is NaN), or None when all are finite."""
    kinds = {klass(x) for x in values}
    if "nan" in kinds or {"+inf", "-inf"} <= kinds:
        return NAN
    if "+inf" in kinds:
        return INF
    if "-inf" in kinds:
        return -INF
    return None


def deal_median(v):
    """median_deal_size as the accessor gives it: the middle won amount, or the two middle ones'
    midpoint when they differ (the upper one when equal); float8: percentile_cont's a + (b - a) / 2."""
    expanded = []
    for value, deals, _ in v["amounts"]:
        expanded.append((value, deals))
    total = sum(d for _, d in expanded)
    if total == 0:
        return None

    def nth(k):
        for value, deals in expanded:
            if k < deals:
                return value
            k -= deals
        raise AssertionError("won amounts count fewer deals")
    a, b = nth((total - 1) // 2), nth(total // 2)
    if total % 2 == 1:
        return a
    if v["kind"] == "float8":
        return exact(float(a) + (float(b) - float(a)) * 0.5)
    if not finite(a) or not finite(b):
        return b if klass(a) == klass(b) else special_sum([a, b])
    return b if a == b else (a + b) / 2


RATIO_ORDER = {"-inf": 0, "finite": 1, "+inf": 2, "nan": 3}    # ratio_cmp: NaN last


def ratio_key(r):
    return (RATIO_ORDER[klass(r)], r if finite(r) else 0)


def parse_ratio(item):
    if item in ("NaN", "Infinity", "-Infinity"):
        return number(item), True
    numerator, _, denominator = item.partition("/")
    n, d = Fraction(numerator), Fraction(denominator or "1")
    lowest = n.denominator == 1 and d.denominator == 1 and d > 0 and \
        math.gcd(n.numerator, d.numerator) == 1 and (denominator == "" or d != 1)
    return n / d, lowest


def parse_attainment(text):
    f = split_fields(text)
    v = {"reps": int(f["reps"]), "zero_quotas": int(f["zero_quotas"]),
         "total_achieved": number(f["total_achieved"]), "total_quota": number(f["total_quota"])}
    parsed = [parse_ratio(item) for item in braces(f["ratios"])]
    v["ratios"] = [r for r, _ in parsed]
    v["ratios_in_lowest_terms"] = all(lowest for _, lowest in parsed)
    return v


FLOW_BARS = ("start", "new", "pulled_in", "added", "increased", "decreased", "pushed_out", "removed",
             "won", "lost", "end")
FLOW_MEMOS = ("unchanged", "unvalued_start", "unvalued_end")
# pipeline_changes' sign of each bar: 0 start and end, +1 inflows, -1 outflows
FLOW_SIGNS = dict(zip(FLOW_BARS, (0, 1, 1, 1, 1, -1, -1, -1, -1, -1, 0)))
# the amount identity: start + new + pulled_in + added + increased - decreased - pushed_out
# - removed - won - lost = end (the deal identity: the same without increased and decreased)
FLOW_BALANCE = dict(zip(FLOW_BARS, (1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1)))


def date_day(text):
    """A date of a range bound as a day number (PostgreSQL's date2j), or -inf / +inf."""
    if text == "infinity":
        return INF
    if text == "-infinity":
        return -INF
    bc = text.endswith(" BC")
    year, month, day = (int(x) for x in text[:-3 if bc else None].split("-"))
    if bc:
        year = 1 - year
    if month > 2:
        month, year = month + 1, year + 4800
    else:
        month, year = month + 13, year + 4799
    century = year // 100
    return year * 365 - 32167 + year // 4 - century + century // 4 + 7834 * month // 256 + day


def parse_window(text):
    """A period or target as the text form writes it, daterange's canonical form:
    (lower day or None, upper day or None, canonical)."""
    m = re.fullmatch(r"([\[(])([^,]*),([^,]*)\)", text)
    assert m, "not a date range: %r" % text
    lower, upper = m.group(2) or None, m.group(3) or None
    canonical = (m.group(1) == "[") == (lower is not None)
    return (None if lower is None else date_day(lower), None if upper is None else date_day(upper), canonical)


def parse_flow(text):
    # the dates may hold a space (" BC"): the ranges end where the next key starts
    m = re.fullmatch(r"v(\d+) period=(.*) target=(.*?) (start=.*)", text)
    assert m, "not a pipeline_flow text form: %r" % text[:200]
    v = {"version": int(m.group(1)), "period_text": m.group(2), "target_text": m.group(3),
         "period": parse_window(m.group(2)), "target": parse_window(m.group(3)),
         "deals": {}, "amounts": {}, "amount_texts": {}, "memos": {}}
    tokens = m.group(4).split(" ")
    assert [t.split("=", 1)[0] for t in tokens] == list(FLOW_BARS + FLOW_MEMOS), \
        "the bars and memos are not in order: %r" % m.group(4)[:200]
    for bar, token in zip(FLOW_BARS, tokens):
        deals, _, amount = token.split("=", 1)[1].partition(":")
        v["deals"][bar] = int(deals)
        v["amount_texts"][bar] = amount if _ else None
        v["amounts"][bar] = number(amount) if _ else None
    for memo, token in zip(FLOW_MEMOS, tokens[len(FLOW_BARS):]):
        v["memos"][memo] = int(token.split("=", 1)[1])
    return v


def parse_funnel(text):
    m = re.fullmatch(r"v(\d+) stages=(\d+) won=(-?\d+) open=\{([-0-9,]*)\} lost=\{([-0-9,]*)\}", text)
    assert m, "not a stage_funnel text form: %r" % text[:200]
    ints = lambda t: [int(x) for x in t.split(",") if x != ""]
    return {"version": int(m.group(1)), "stages": int(m.group(2)), "won": int(m.group(3)),
            "open": ints(m.group(4)), "lost": ints(m.group(5))}


def parse_time(text):
    """stage_time's text form: bins as (stage, days, count) in the order written."""
    m = re.fullmatch(r"v(\d+) stages=(\d+) in_progress=\{([-0-9,]*)\} days=\{(.*)\}", text)
    assert m, "not a stage_time text form: %r" % text[:200]
    days = m.group(4)
    groups = re.findall(r"(\d+):\{([^{}]+)\}", days)
    assert ",".join("%s:{%s}" % g for g in groups) == days, "not a day histogram: %r" % days[:200]
    bins = [(int(stage), int(d), int(c)) for stage, inner in groups
            for d, c in (item.split(":") for item in inner.split(","))]
    return {"version": int(m.group(1)), "stages": int(m.group(2)),
            "in_progress": [int(x) for x in m.group(3).split(",") if x != ""], "bins": bins}


# ---------------------------------------------------------------- the accessors

PERCENTILES = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0)
THRESHOLDS = (0.0, 0.5, 0.9, 1.0, 1.5, 10.0)

ACCESSORS = {
    "forecast_error": [
        ("forecast_count", "forecast_count(s)"), ("zero_actuals", "zero_actuals(s)"),
        ("mae", "mae(s)"), ("rmse", "rmse(s)"), ("mape", "mape(s)"), ("wape", "wape(s)"),
        ("smape", "smape(s)"), ("bias", "bias(s)"), ("bias_pct", "bias_pct(s)"),
        ("forecast_accuracy", "forecast_accuracy(s)"), ("tracking_signal", "tracking_signal(s)"),
        ("mase_1", "mase(s, 1)"), ("mase_half", "mase(s, 0.5)"),
    ],
    "deal_summary": [
        ("open_deals", "open_deals(s)"), ("won_deals", "won_deals(s)"), ("lost_deals", "lost_deals(s)"),
        ("backdated_deals", "backdated_deals(s)"), ("win_rate", "win_rate(s)"),
        ("value_win_rate", "value_win_rate(s)"), ("open_pipeline", "open_pipeline(s)"),
        ("weighted_pipeline", "weighted_pipeline(s)"), ("won_amount", "won_amount(s)"),
        ("lost_amount", "lost_amount(s)"), ("avg_deal_size", "avg_deal_size(s)"),
        ("avg_sales_cycle", "avg_sales_cycle(s)"), ("median_sales_cycle", "median_sales_cycle(s)"),
        ("sales_velocity", "sales_velocity(s)"), ("median_deal_size", "median_deal_size(s)"),
    ] + [("p%s" % f, "sales_cycle_percentile(s, %r)" % f) for f in PERCENTILES],
    "attainment": [
        ("reps", "reps(s)"), ("zero_quotas", "zero_quotas(s)"), ("total_achieved", "total_achieved(s)"),
        ("total_quota", "total_quota(s)"), ("quota_attainment", "quota_attainment(s)"),
        ("median_attainment", "median_attainment(s)"), ("reps_at_quota", "reps_at_quota(s)"),
        ("pct_at_quota", "pct_at_quota(s)"),
    ] + [("reps_at_%r" % t, "reps_at_quota(s, %r)" % t) for t in THRESHOLDS]
      + [("pct_at_%r" % t, "pct_at_quota(s, %r)" % t) for t in THRESHOLDS],
    "pipeline_flow": [("deals_" + b, "flow_deals(s, '%s')" % b) for b in FLOW_BARS + FLOW_MEMOS]
      + [("amount_" + b, "flow_amount(s, '%s')::text" % b) for b in FLOW_BARS]
      + [("period", "flow_period(s)::text"), ("target", "flow_target(s)::text"),
         # the rows of pipeline_changes as 'ord:bar:sign:deals:amount' (NULL amount: NULL), and how many
         ("changes", "(SELECT string_agg(format('%s:%s:%s:%s:%s', ord, bar, sign, deals, "
                     "coalesce(amount::text, 'NULL')), ' ' ORDER BY ord) FROM pipeline_changes(s))"),
         ("change_rows", "(SELECT count(*) FROM pipeline_changes(s))"),
         ("equal_to_itself", "s = s"), ("text_round_trip", "s::text::pipeline_flow = s")],
}

def per_stage(expr, stages):
    """An accessor of each stage 1..n as one text, 'NULL' for a NULL: expr has k for the stage."""
    return ("(SELECT string_agg(coalesce((%s)::text, 'NULL'), ',' ORDER BY k) "
            "FROM generate_series(1, %s(s)) AS k)" % (expr, stages))


FUNNEL_STAGE_ACCESSORS = ("stage_reached", "stage_advanced", "stage_dropped", "stage_open", "stage_conversion",
                          "stage_pass_rate")
TIME_STAGE_ACCESSORS = ("stage_stays", "stage_in_progress", "time_in_stage_avg", "time_in_stage_median")
ACCESSORS["stage_funnel"] = [("funnel_stages", "funnel_stages(s)")] + \
    [(f, per_stage("%s(s, k)" % f, "funnel_stages")) for f in FUNNEL_STAGE_ACCESSORS] + [
        ("funnel_table", "(SELECT string_agg(format('%s:%s:%s:%s:%s:%s:%s', stage, reached, advanced, dropped, "
                         "open, coalesce(conversion::text, 'NULL'), coalesce(pass_rate::text, 'NULL')), ' ' "
                         "ORDER BY stage) FROM stage_funnel_table(s))"),
        ("funnel_table_rows", "(SELECT count(*) FROM stage_funnel_table(s))"),
        ("equal_to_itself", "s = s"), ("text_round_trip", "s::text::stage_funnel = s")]
ACCESSORS["stage_time"] = [("time_stages", "time_stages(s)")] + \
    [(f, per_stage("%s(s, k)" % f, "time_stages")) for f in TIME_STAGE_ACCESSORS] + \
    [("time_p%r" % f, per_stage("time_in_stage_percentile(s, k, %r)" % f, "time_stages")) for f in PERCENTILES] + [
        ("time_table", "(SELECT string_agg(format('%s:%s:%s:%s:%s:%s', stage, stays, in_progress, "
                       "coalesce(avg_days::text, 'NULL'), coalesce(median_days::text, 'NULL'), "
                       "coalesce(p90_days::text, 'NULL')), ' ' ORDER BY stage) FROM stage_time_table(s))"),
        ("time_table_rows", "(SELECT count(*) FROM stage_time_table(s))"),
        ("equal_to_itself", "s = s"), ("text_round_trip", "s::text::stage_time = s")]

LEAD_KEYS = ("leads", "opportunity_known", "opportunities", "customer_known", "customers",
             "opportunity_customer_known", "opportunity_customers", "marketing", "sales", "untouched",
             "pretouched")


def parse_lead(text):
    """lead_summary's text form: the eleven counts, and the response bins as (seconds, leads) in the order written."""
    m = re.fullmatch(r"v(\d+) " + " ".join(r"%s=(-?\d+)" % k for k in LEAD_KEYS) + r" response_seconds=\{(.*)\}",
                     text)
    assert m, "not a lead_summary text form: %r" % text[:200]
    bins = m.group(13)
    items = [item.split(":") for item in bins.split(",")] if bins else []
    assert all(len(item) == 2 for item in items), "not a response histogram: %r" % bins[:200]
    v = {"version": int(m.group(1)), "bins": [(int(sec), int(c)) for sec, c in items]}
    v.update({k: int(m.group(i + 2)) for i, k in enumerate(LEAD_KEYS)})
    return v


# responded_within's hours: none, 300 s (the float8 nearest 1/12), an hour, a day, the longest response, +Infinity
LEAD_HOURS = (0.0, 5 / 60.0, 1.0, 24.0, 2147483647 / 3600.0, INF)
LEAD_RATIOS = (("lead_to_opportunity", "opportunities", "opportunity_known"),
               ("lead_to_customer", "customers", "customer_known"),
               ("opportunity_to_customer", "opportunity_customers", "opportunity_customer_known"),
               ("marketing_sourced_share", "marketing", "leads"),
               ("sales_sourced_share", "sales", "leads"),
               ("other_source_share", None, "leads"))
ACCESSORS["lead_summary"] = [("lead_count", "lead_count(s)"), ("leads_untouched", "leads_untouched(s)"),
                             ("leads_pretouched", "leads_pretouched(s)")] + \
    [(f, "%s(s)" % f) for f, _, _ in LEAD_RATIOS] + \
    [("response_time_avg", "response_time_avg(s)"), ("response_time_median", "response_time_median(s)")] + \
    [("response_p%r" % p, "response_time_percentile(s, %r)" % p) for p in PERCENTILES] + \
    [("within_%r" % h, "responded_within(s, %s)" % ("'Infinity'::float8" if h == INF else repr(h)))
     for h in LEAD_HOURS] + \
    [("equal_to_itself", "s = s"), ("text_round_trip", "s::text::lead_summary = s")]

# rep_attainment: the accessors of attainment (SQL functions over attainment(rep_attainment), of the
# same names), attainment() itself, the reps of rep_attainment_table (as JSON: [rep, achieved, quota])
ACCESSORS["rep_attainment"] = list(ACCESSORS["attainment"]) + [
    ("attainment_text", "attainment(s)::text"),
    ("table", "(SELECT json_agg(json_build_array(rep, achieved::text, quota::text) ORDER BY n) "
              "FROM rep_attainment_table(s) WITH ORDINALITY AS t(rep, achieved, quota, n))::text"),
    ("table_rows", "(SELECT count(*) FROM rep_attainment_table(s))"),
    ("equal_to_itself", "s = s"), ("text_round_trip", "s::text::rep_attainment = s")]

# float_ratio_state: the two final functions, and the binary form (as hex)
ACCESSORS["float_ratio_state"] = [
    ("fr_weighted_pipeline", "weighted_pipeline_final(s)"), ("fr_value_win_rate", "value_win_rate_final(s)"),
    ("fr_send", "encode(float_ratio_state_send(s), 'hex')"),
    # the terms of the text form, each through float8in and float8out: the sums apart by a space
    ("fr_float8out", "(SELECT string_agg((SELECT string_agg(x::float8::text, ',' ORDER BY n) "
                     "FROM unnest(string_to_array(part, ',')) WITH ORDINALITY AS u(x, n)), ' ' ORDER BY k) "
                     "FROM unnest(regexp_match(s::text, '^v1 rows=[0-9]+ numerator=([^ ]+) denominator=([^ ]+)$')) "
                     "WITH ORDINALITY AS p(part, k))")]

PARSERS = {"forecast_error": parse_forecast, "deal_summary": parse_deal, "attainment": parse_attainment,
           "pipeline_flow": parse_flow, "stage_funnel": parse_funnel, "stage_time": parse_time,
           "lead_summary": parse_lead}


class Violations:
    def __init__(self, where):
        self.where = where
        self.found = []

    def expect(self, ok, ident, detail):
        if not ok:
            self.found.append((ident, "%s: %s" % (self.where, detail() if callable(detail) else detail)))


# ---------------------------------------------------------------- forecast_error

def rounded_float8(x):
    """An exact float8 sum as the accessors and the input checks read it: rounded once."""
    return Fraction(float(x)) if finite(x) else x


def check_forecast(v, a, out):
    n, z = v["count"], v["zero_actuals"]
    f8 = v["kind"] == "float8"
    # float8 sums are exact (format 2); what is checked, and what the accessors use, is their rounding
    AE, E, SE, AA = (rounded_float8(v[k]) if f8 else v[k] for k in FORECAST_SUMS)
    APE, SAPE = rounded_float8(v["sum_ape"]), rounded_float8(v["sum_sape"])
    slack = Fraction(1, 10**6) if f8 else Fraction(0)     # forecast_impossible's, for float8 sums
    expect = out.expect
    fields_held = len(out.found)

    # what the input functions check
    expect(n >= 1, "F1", "count = %d, not >= 1" % n)
    expect(0 <= z <= n, "F2", "zero_actuals = %d not in [0, count = %d]" % (z, n))
    for key in ("sum_abs_error", "sum_sq_error", "sum_abs_actual"):
        x = v[key]
        expect(not (klass(x) == "-inf" or (finite(x) and x < 0)), "F3", "%s = %s is negative" % (key, fmt(x)))
    expect(isnan(APE) or APE >= 0, "F3", "sum_ape = %s is negative" % fmt(APE))
    expect(isnan(SAPE) or 0 <= SAPE <= 2 * n * (1 + Fraction(1, 10**9)), "F3",
           "sum_sape = %s not in [0, 2 x count = %d]" % (fmt(SAPE), 2 * n))
    # (the input functions check F4 to F7 only when all four sums are finite)
    sums_finite = all(finite(x) for x in (AE, E, SE, AA))
    if finite(AE) and finite(E):
        expect(abs(E) <= AE, "F4", "|sum_error| = %s > sum_abs_error = %s" % (fmt(abs(E)), fmt(AE)))
    if finite(AE) and finite(SE):
        expect(n * SE >= AE * AE * (1 - slack), "F5",
               lambda: "count x sum_sq_error = %s < sum_abs_error^2 = %s" % (fmt(n * SE), fmt(AE * AE)))
    if finite(AA):
        expect((AA == 0) == (z == n), "F6",
               "sum_abs_actual = %s but zero_actuals = %d, count = %d" % (fmt(AA), z, n))
    else:
        expect(z < n, "F6", "sum_abs_actual = %s but every actual is zero" % fmt(AA))
    if z == n:
        expect(APE == 0, "F7", "every actual is zero but sum_ape = %s" % fmt(APE))
    # what the aggregate also guarantees
    if finite(AE) and finite(SE):
        expect(SE <= AE * AE * (1 + slack), "F8",
               lambda: "sum_sq_error = %s > sum_abs_error^2 = %s" % (fmt(SE), fmt(AE * AE)))
    expect(klass(AE) == klass(SE) and finite(AE) == finite(E) and (not isnan(AE) or isnan(E)), "F9",
           "sum_abs_error = %s, sum_error = %s, sum_sq_error = %s: not all finite, all infinite or all NaN"
           % (fmt(AE), fmt(E), fmt(SE)))
    expect(finite(AA) or not finite(AE), "F9",
           "sum_abs_actual = %s is not finite but sum_abs_error = %s is" % (fmt(AA), fmt(AE)))
    expect(not isnan(AA) or isnan(AE), "F9", "sum_abs_actual is NaN but sum_abs_error = %s" % fmt(AE))
    if finite(AE) and AE == 0:
        expect(APE == 0 and SAPE == 0, "F10",
               "sum_abs_error = 0 but sum_ape = %s, sum_sape = %s" % (fmt(APE), fmt(SAPE)))
    if finite(AE):
        expect(finite(APE) and finite(SAPE), "F11",
               "sum_abs_error = %s is finite but sum_ape = %s, sum_sape = %s" % (fmt(AE), fmt(APE), fmt(SAPE)))
    if z == n and finite(AE) and finite(SAPE) and n < 2**40:
        k = SAPE / 2
        m = round(k)
        expect(abs(k - m) <= Fraction(1, 10**9) * max(1, k) and 0 <= m <= n and (m == 0) == (AE == 0), "F12",
               "every actual is zero, sum_abs_error = %s, but sum_sape = %s is not 2 x the pairs with a forecast"
               % (fmt(AE), fmt(SAPE)))

    if a is None or len(out.found) > fields_held:     # the accessors would only echo a broken field
        return
    # through the accessors
    g = {k: exact(x) for k, x in a.items()}
    expect(g["forecast_count"] in (UNKNOWN, n) and g["zero_actuals"] in (UNKNOWN, z), "FA1",
           "forecast_count = %r, zero_actuals = %r; the value says %d, %d" % (a["forecast_count"], a["zero_actuals"], n, z))
    for key in ("mae", "rmse", "bias", "smape", "mase_1", "mase_half"):
        expect(g[key] is not None, "FA2", "%s is NULL (count = %d)" % (key, n))
    # a ratio of sums is NULL when its denominator is 0 -- unless a sum is NaN: NaN first
    numerators = {"mape": None, "wape": AE, "forecast_accuracy": AE, "bias_pct": E}
    for key, numerator in numerators.items():
        if g[key] is not UNKNOWN:
            nan_first = key != "mape" and (isnan(numerator) or isnan(AA))
            expect((g[key] is None) == (z == n and not nan_first), "FA3",
                   "%s is %r with zero_actuals = %d, count = %d, %s = %s, sum_abs_actual = %s"
                   % (key, a[key], z, n, "sum_error" if key == "bias_pct" else "sum_abs_error",
                      fmt(numerator), fmt(AA)))
    if g["tracking_signal"] is not UNKNOWN:
        expect((g["tracking_signal"] is None) == (finite(AE) and AE == 0), "FA7",
               "tracking_signal = %r with sum_abs_error = %s" % (a["tracking_signal"], fmt(AE)))

    def known(*keys):
        return all(finite(g[k]) for k in keys)

    if known("forecast_accuracy", "wape"):
        expect(a["forecast_accuracy"] == 1.0 - a["wape"], "FA4",
               "forecast_accuracy = %r, 1 - wape = %r" % (a["forecast_accuracy"], 1.0 - a["wape"]))
    if g["mae"] not in (None, UNKNOWN) and g["mase_1"] not in (None, UNKNOWN):
        expect(same(g["mase_1"], g["mae"]), "FA4", "mase(s, 1) = %r, mae = %r" % (a["mase_1"], a["mae"]))
    if g["mae"] not in (None, UNKNOWN) and g["mase_half"] not in (None, UNKNOWN):
        expect(same(g["mase_half"], exact(a["mae"] / 0.5)), "FA4",
               "mase(s, 0.5) = %r, mae / 0.5 = %r" % (a["mase_half"], a["mae"] / 0.5))
    tol = Fraction(1, 10**9)
    for key in ("mae", "rmse", "mape", "wape"):
        if known(key):
            expect(g[key] >= 0, "FA5", "%s = %r is negative" % (key, a[key]))
    if known("smape"):
        expect(0 <= g["smape"] <= 2 * (1 + tol), "FA5", "smape = %r not in [0, 2]" % a["smape"])
    if known("forecast_accuracy"):
        expect(g["forecast_accuracy"] <= 1, "FA5", "forecast_accuracy = %r > 1" % a["forecast_accuracy"])
    if known("tracking_signal"):
        # n x round40(sum_error) / sum_abs_error: the numerator's rounding, times n
        ts_slack = n * Fraction(1, 10**40) / AE if finite(AE) and AE > 0 else 0
        expect(abs(g["tracking_signal"]) <= n * (1 + tol) + ts_slack, "FA5",
               "|tracking_signal| = %r > count = %d" % (abs(a["tracking_signal"]), n))
    if known("bias", "mae"):
        expect(abs(g["bias"]) <= g["mae"] * (1 + tol), "FA6", "|bias| = %r > mae = %r" % (abs(a["bias"]), a["mae"]))
    if known("bias_pct", "wape"):
        expect(abs(g["bias_pct"]) <= g["wape"] * (1 + tol), "FA6",
               "|bias_pct| = %r > wape = %r" % (abs(a["bias_pct"]), a["wape"]))
    if known("rmse", "mae"):
        # compared squared; absolute slack for the numerators exact_sum_ratio rounds to 40 decimals
        rs = Fraction(1, 10**6) if f8 else tol
        expect(g["rmse"] ** 2 >= g["mae"] ** 2 * (1 - rs) - Fraction(1, 10**39), "FA6",
               "rmse = %r < mae = %r" % (a["rmse"], a["mae"]))
        expect(g["rmse"] ** 2 <= n * g["mae"] ** 2 * (1 + rs) + Fraction(1, 10**39), "FA6",
               "rmse = %r > sqrt(count = %d) x mae = %r" % (a["rmse"], n, a["mae"]))
    if known("tracking_signal", "bias") and g["bias"] != 0 and g["tracking_signal"] != 0:
        expect((g["tracking_signal"] > 0) == (g["bias"] > 0), "FA6",
               "tracking_signal = %r and bias = %r differ in sign" % (a["tracking_signal"], a["bias"]))
    # each accessor is its formula of the fields
    if sums_finite:
        formulas = [("mae", AE / n, n), ("bias", E / n, n)]
        if AA > 0:
            formulas += [("wape", AE / AA, AA), ("bias_pct", E / AA, AA)]
        if AE > 0:
            formulas.append(("tracking_signal", n * E / AE, AE / n))
        for key, value, den in formulas:
            if g[key] not in (None, UNKNOWN):
                expect(near(g[key], value, den=den), "FA8",
                       lambda: "%s = %r, the fields give %s" % (key, a[key], fmt(value)))
        if known("rmse"):
            value = SE / n
            expect(abs(g["rmse"] ** 2 - value) <= Fraction(1, 10**8) * value + Fraction(1, 10**39), "FA8",
                   lambda: "rmse = %r, the fields give sqrt(%s)" % (a["rmse"], fmt(value)))
    if z < n and finite(APE) and g["mape"] not in (None, UNKNOWN):
        expect(same(g["mape"], exact(float(APE) / float(n - z))), "FA8",
               "mape = %r, sum_ape / (count - zero_actuals) = %r" % (a["mape"], float(APE) / float(n - z)))
    if finite(SAPE) and g["smape"] not in (None, UNKNOWN):
        expect(same(g["smape"], exact(float(SAPE) / float(n))), "FA8",
               "smape = %r, sum_sape / count = %r" % (a["smape"], float(SAPE) / float(n)))


def double_forecast(v, r, out):
    for key in ("count", "zero_actuals"):
        out.expect(r[key] == 2 * v[key], "R1", "%s: %d, twice %d" % (key, r[key], v[key]))
    for key in FORECAST_SUMS + ("sum_ape", "sum_sape"):
        out.expect(same(r[key], v[key] * 2), "R1", "%s: %s, twice %s" % (key, fmt(r[key]), fmt(v[key])))
    out.expect(r["kind"] == v["kind"], "R1", "kind %s, was %s" % (r["kind"], v["kind"]))


# ---------------------------------------------------------------- deal_summary

def percentile_cont(bins, fraction):
    """percentile_cont(fraction) of the days, bins = sorted (days, deals)."""
    total = sum(d for _, d in bins)
    position = Fraction(fraction) * (total - 1)
    lower_rank = math.floor(position)
    upper_rank = math.ceil(position)

    def at(rank):
        seen = 0
        for days, deals in bins:
            seen += deals
            if seen > rank:
                return days
        return bins[-1][0]
    lower, upper = at(lower_rank), at(upper_rank)
    return lower + (upper - lower) * (position - lower_rank)


def check_deal(v, a, out):
    O, W, L, B = (v[k] for k in DEAL_COUNTS)
    total = O + W + L
    closed = W + L
    bins = v["bins"]
    cycle_deals = sum(d for _, d in bins)
    cycle_days = sum(days * d for days, d in bins)
    # float8 sums are exact (format 3); checked, and used by the accessors, rounded once
    S = {k: rounded_float8(v[k]) if v["kind"] == "float8" else v[k] for k in DEAL_SUMS}
    c = {k: v[k + "_deals"] for k in DEAL_SUMS}
    expect = out.expect
    fields_held = len(out.found)

    # what the input functions check
    expect(O >= 0 and W >= 0 and L >= 0 and total >= 1, "D1",
           "open_deals = %d, won_deals = %d, lost_deals = %d" % (O, W, L))
    expect(0 <= B <= total, "D2", "backdated_deals = %d not in [0, %d deals]" % (B, total))
    covers = {"open_pipeline": O, "weighted_pipeline": c["open_pipeline"], "won_amount": W, "lost_amount": L}
    for key in DEAL_SUMS:
        expect(0 <= c[key] <= covers[key], "D3", "%s_deals = %d not in [0, %d]" % (key, c[key], covers[key]))
    days_list = [days for days, _ in bins]
    expect(all(days >= 0 for days in days_list) and all(x < y for x, y in zip(days_list, days_list[1:]))
           and all(d >= 1 for _, d in bins), "D4", "cycle_days bins not increasing, non-negative, non-empty")
    expect(cycle_deals <= W, "D4", "cycle_days counts %d deals > won_deals = %d" % (cycle_deals, W))
    # what the aggregate also guarantees
    expect(B + cycle_deals <= total, "D5",
           "backdated_deals = %d + %d deals with a cycle > %d deals" % (B, cycle_deals, total))
    for key in DEAL_SUMS:
        if c[key] == 0:
            expect(same(S[key], Fraction(0)), "D6", "%s = %s over %s_deals = 0" % (key, fmt(S[key]), key))
    expect(not finite(S["open_pipeline"]) or finite(S["weighted_pipeline"]), "D7",
           "weighted_pipeline = %s but open_pipeline = %s is finite" % (fmt(S["weighted_pipeline"]), fmt(S["open_pipeline"])))
    expect(all(days <= MAX_CYCLE_DAYS for days in days_list), "D8",
           "a cycle of %d days > %d, the span of PostgreSQL's dates" % (max(days_list or [0]), MAX_CYCLE_DAYS))
    amounts = v["amounts"]
    expect(amounts is not None or c["won_amount"] > 0, "D9", "won amounts unknown without a won amount")
    if amounts is not None:
        expect(all(d >= 1 for _, d, _ in amounts) and sum(d for _, d, _ in amounts) == c["won_amount"], "D9",
               "the won amounts count %d deals, won_amount_deals = %d" % (sum(d for _, d, _ in amounts), c["won_amount"]))
        if v["kind"] == "float8":
            keys = [(RATIO_ORDER[klass(x)], x if finite(x) else 0) for x, _, _ in amounts]
            expect(all(x < y for x, y in zip(keys, keys[1:])), "D9", "won amounts not sorted or repeated")
        else:
            keys = [amount_order(a) for a in amounts]
            expect(all(x < y for x, y in zip(keys, keys[1:])), "D9", "won amounts not sorted or repeated")
            if amounts:
                special = special_sum([x for x, _, _ in amounts])
                total = special if special is not None else sum(x * d for x, d, _ in amounts)
                expect(same(total, S["won_amount"]), "D10",
                       lambda: "the won amounts add up to %s, won_amount = %s" % (fmt(total), fmt(S["won_amount"])))

    if a is None or len(out.found) > fields_held:     # the accessors would only echo a broken field
        return
    g = {k: exact(x) for k, x in a.items()}
    for key in DEAL_COUNTS:
        expect(g[key] in (UNKNOWN, v[key]), "DA1", "%s = %r, the value says %d" % (key, a[key], v[key]))
    if g["win_rate"] is not UNKNOWN:
        if closed == 0:
            expect(g["win_rate"] is None, "DA2", "win_rate = %r without closed deals" % a["win_rate"])
        else:
            expect(a["win_rate"] == float(W) / float(closed) and 0 <= a["win_rate"] <= 1, "DA2",
                   "win_rate = %r, won / closed = %d / %d" % (a["win_rate"], W, closed))
    for key in DEAL_SUMS:
        if g[key] is UNKNOWN:
            continue
        if c[key] == 0:
            expect(g[key] is None, "DA3", "%s = %r over no deal" % (key, a[key]))
        elif v["kind"] == "numeric":
            expect(g[key] is not None and same(g[key], S[key]), "DA3", "%s = %r, the value says %s" % (key, a[key], fmt(S[key])))
        else:
            expect(g[key] is not None and near(g[key], S[key], rel=Fraction(1, 10**14)), "DA3",
                   "%s = %r, the value says %s" % (key, a[key], fmt(S[key])))
    won, lost = S["won_amount"], S["lost_amount"]
    if g["value_win_rate"] is not UNKNOWN:
        if c["won_amount"] == 0 and c["lost_amount"] == 0:
            expect(g["value_win_rate"] is None, "DA4", "value_win_rate = %r over no amount" % a["value_win_rate"])
        elif finite(won) and finite(lost):
            if won + lost > 0:
                value = won / (won + lost)
                expect(g["value_win_rate"] is not None and near(g["value_win_rate"], value, den=won + lost), "DA4",
                       lambda: "value_win_rate = %r, the fields give %s" % (a["value_win_rate"], fmt(value)))
                if won >= 0 and lost >= 0 and finite(g["value_win_rate"]):
                    expect(0 <= g["value_win_rate"] <= 1, "DA4", "value_win_rate = %r not in [0, 1]" % a["value_win_rate"])
            else:
                expect(g["value_win_rate"] is None, "DA4",
                       "value_win_rate = %r with won + lost amount = %s <= 0" % (a["value_win_rate"], fmt(won + lost)))
    if g["avg_deal_size"] is not UNKNOWN:
        if c["won_amount"] == 0:
            expect(g["avg_deal_size"] is None, "DA5", "avg_deal_size = %r over no won amount" % a["avg_deal_size"])
        else:
            value = won / c["won_amount"] if finite(won) else won
            expect(g["avg_deal_size"] is not None and near(g["avg_deal_size"], value, rel=Fraction(1, 10**14)), "DA5",
                   lambda: "avg_deal_size = %r, won_amount / won_amount_deals = %s" % (a["avg_deal_size"], fmt(value)))
    cycle_keys = ["avg_sales_cycle", "median_sales_cycle"] + ["p%s" % f for f in PERCENTILES]
    for key in cycle_keys:
        if g[key] is not UNKNOWN:
            expect((g[key] is None) == (cycle_deals == 0), "DA6",
                   "%s = %r with %d deals with a cycle (won_deals = %d, backdated_deals = %d, %d deals)"
                   % (key, a[key], cycle_deals, W, B, total))
    if cycle_deals > 0 and all(finite(g[k]) for k in cycle_keys):
        lo, hi = days_list[0], days_list[-1]
        expect(g["p0.0"] == lo and g["p1.0"] == hi, "DA6",
               "percentiles 0 and 1 = %r, %r; the %d cycles span %d to %d days" % (a["p0.0"], a["p1.0"], cycle_deals, lo, hi))
        expect(g["median_sales_cycle"] == g["p0.5"], "DA6",
               "median_sales_cycle = %r, sales_cycle_percentile(s, 0.5) = %r" % (a["median_sales_cycle"], a["p0.5"]))
        ps = [g["p%s" % f] for f in PERCENTILES]
        expect(all(x <= y for x, y in zip(ps, ps[1:])), "DA6",
               "percentiles at %r not increasing: %s (%d cycles)" % (PERCENTILES, [float(p) for p in ps], cycle_deals))
        expect(lo <= g["avg_sales_cycle"] <= hi, "DA6",
               "avg_sales_cycle = %r not in [%d, %d]" % (a["avg_sales_cycle"], lo, hi))
        expect(near(g["avg_sales_cycle"], Fraction(cycle_days, cycle_deals), rel=Fraction(1, 10**12)), "DA6",
               "avg_sales_cycle = %r, the histogram gives %s" % (a["avg_sales_cycle"], fmt(Fraction(cycle_days, cycle_deals))))
        if cycle_deals < 2**50:
            for f in PERCENTILES:
                value = percentile_cont(bins, f)
                expect(abs(g["p%s" % f] - value) <= Fraction(1, 10**9) * max(1, value), "DA6",
                       lambda: "sales_cycle_percentile(s, %r) = %r, percentile_cont gives %s" % (f, a["p%s" % f], fmt(value)))
    if g["sales_velocity"] is not UNKNOWN:
        if closed == 0 or W == 0 or c["won_amount"] == 0 or cycle_deals == 0 or cycle_days == 0:
            expect(g["sales_velocity"] is None, "DA7", "sales_velocity = %r, expected NULL" % a["sales_velocity"])
        elif O == 0:
            expect(g["sales_velocity"] == 0, "DA7", "sales_velocity = %r without open deals" % a["sales_velocity"])
        elif finite(won):
            den = closed * cycle_days
            value = O * won * cycle_deals / den
            # float8 sums: won_amount x open_deals x cycle deals in float8 may overflow first
            overflow = v["kind"] == "float8" and abs(O * won * cycle_deals) > DBL_MAX
            expect(g["sales_velocity"] is not None and
                   (near(g["sales_velocity"], value, den=den) or (overflow and not finite(g["sales_velocity"]))), "DA7",
                   lambda: "sales_velocity = %r, the fields give %s" % (a["sales_velocity"], fmt(value)))
    # the median won amount (format 3): an error when the amounts are unknown
    if v["amounts"] is None:
        expect(g["median_deal_size"] is UNKNOWN, "DA8", "median_deal_size = %r with the won amounts unknown"
               % a["median_deal_size"])
    elif g["median_deal_size"] is not UNKNOWN:
        value = deal_median(v)
        if value is None:
            expect(g["median_deal_size"] is None, "DA8", "median_deal_size = %r without a won amount"
                   % a["median_deal_size"])
        elif v["kind"] == "float8" and finite(value):
            # float8 median, then numeric as float8_numeric prints it (15 digits)
            expect(g["median_deal_size"] is not None and
                   abs(g["median_deal_size"] - value) <= Fraction(1, 10**14) * abs(value) + absolute_slack(),
                   "DA8", lambda: "median_deal_size = %r, the won amounts give %s" % (a["median_deal_size"], fmt(value)))
        else:
            expect(g["median_deal_size"] is not None and same(g["median_deal_size"], value), "DA8",
                   lambda: "median_deal_size = %r, the won amounts give %s" % (a["median_deal_size"], fmt(value)))


def double_deal(v, r, out):
    out.expect(r["kind"] == v["kind"], "R1", "kind %s, was %s" % (r["kind"], v["kind"]))
    for key in DEAL_COUNTS + tuple(k + "_deals" for k in DEAL_SUMS):
        out.expect(r[key] == 2 * v[key], "R1", "%s: %d, twice %d" % (key, r[key], v[key]))
    for key in DEAL_SUMS:
        out.expect(same(r[key], v[key] * 2), "R1", "%s: %s, twice %s" % (key, fmt(r[key]), fmt(v[key])))
    out.expect(r["bins"] == [(days, 2 * d) for days, d in v["bins"]], "R1", "cycle_days not doubled")
    out.expect((r["amounts"] is None) == (v["amounts"] is None) and
               (v["amounts"] is None or [(x, 2 * d) for x, d, _ in v["amounts"]] == [(x, d) for x, d, _ in r["amounts"]]),
               "R1", "won_amounts not doubled")


# ---------------------------------------------------------------- attainment

def ratio_kinds(ratios):
    return {klass(r) for r in ratios}


def combined_kind(kinds):
    """The kind of a sum of values of these kinds (as sum(numeric) adds them)."""
    if "nan" in kinds or ("+inf" in kinds and "-inf" in kinds):
        return "nan"
    if "+inf" in kinds:
        return "+inf"
    if "-inf" in kinds:
        return "-inf"
    return "finite"


def median(ratios):
    s = sorted(ratios, key=ratio_key)
    n = len(s)
    if n % 2:
        return s[n // 2]
    x, y = s[n // 2 - 1], s[n // 2]
    if finite(x) and finite(y):
        return (x + y) / 2
    kind = combined_kind({klass(x), klass(y)})
    return NAN if kind == "nan" else (INF if kind == "+inf" else -INF)


def check_attainment(v, a, out):
    R, Z, TA, TQ = v["reps"], v["zero_quotas"], v["total_achieved"], v["total_quota"]
    ratios = v["ratios"]
    kinds = ratio_kinds(ratios)
    finite_ratios = [r for r in ratios if finite(r)]
    expect = out.expect
    fields_held = len(out.found)

    # what the input functions check
    expect(R == len(ratios) and Z >= 0 and R + Z >= 1, "A1",
           "reps = %d, zero_quotas = %d, %d ratios" % (R, Z, len(ratios)))
    expect(finite(TQ) and TQ >= 0, "A2", "total_quota = %s" % fmt(TQ))
    expect(finite(TQ) and (TQ > 0) == (R > 0), "A3", "total_quota = %s with reps = %d" % (fmt(TQ), R))
    expect(kinds <= {"finite"} or not finite(TA), "A4",
           "ratios %s but total_achieved = %s is finite" % (sorted(kinds - {"finite"}), fmt(TA)))
    expect(v["ratios_in_lowest_terms"] and ratios == sorted(ratios, key=ratio_key), "A5",
           "ratios not sorted or not in lowest terms")
    # what the aggregate also guarantees
    kind = combined_kind(kinds)
    expect(kind == "finite" or klass(TA) in (kind, "nan"), "A6",
           "ratios %s but total_achieved = %s" % (sorted(kinds - {"finite"}), fmt(TA)))
    if Z == 0:
        expect(klass(TA) == kind, "A7", "every row has a ratio, ratios %s, but total_achieved = %s"
               % (sorted(kinds), fmt(TA)))
        if kind == "finite" and finite(TA) and finite(TQ) and ratios:
            lo, hi = min(ratios), max(ratios)
            expect(lo * TQ <= TA <= hi * TQ, "A8",
                   lambda: "every row has a ratio, but total_achieved = %s not in [%s, %s] x total_quota = %s"
                   % (fmt(TA), fmt(lo), fmt(hi), fmt(TQ)))

    if a is None or len(out.found) > fields_held:     # the accessors would only echo a broken field
        return
    g = {k: exact(x) for k, x in a.items()}
    for key, value in (("reps", R), ("zero_quotas", Z), ("total_achieved", TA), ("total_quota", TQ)):
        expect(g[key] is UNKNOWN or (g[key] is not None and same(g[key], Fraction(value) if isinstance(value, int) else value)),
               "AA1", "%s = %r, the value says %s" % (key, a[key], fmt(value)))
    if finite(g["total_quota"]) and finite(g["reps"]):
        expect((g["total_quota"] > 0) == (g["reps"] > 0), "AA2",
               "total_quota = %r, reps = %r" % (a["total_quota"], a["reps"]))
    previous = None
    for t in THRESHOLDS:
        key = "reps_at_%r" % t
        if g[key] is UNKNOWN:
            continue
        bar = Fraction(str(t))
        count = sum(1 for r in ratios if klass(r) in ("+inf", "nan") or (finite(r) and r >= bar))
        expect(g[key] == count, "AA3", "reps_at_quota(s, %r) = %r, %d ratios are at it" % (t, a[key], count))
        if previous is not None:
            expect(g[key] <= previous, "AA3", "reps_at_quota not decreasing at %r" % t)
        previous = g[key]
        pct = g["pct_at_%r" % t]
        if pct is not UNKNOWN:
            if R == 0:
                expect(pct is None, "AA4", "pct_at_quota(s, %r) = %r without reps" % (t, a["pct_at_%r" % t]))
            else:
                expect(a["pct_at_%r" % t] == float(count) / float(R) and 0 <= pct <= 1, "AA4",
                       "pct_at_quota(s, %r) = %r, %d / %d" % (t, a["pct_at_%r" % t], count, R))
    expect(g["reps_at_quota"] in (UNKNOWN, g["reps_at_1.0"]) and
           (a["pct_at_quota"] == a["pct_at_1.0"] or g["pct_at_quota"] is UNKNOWN or
            (g["pct_at_quota"] is None and g["pct_at_1.0"] is None)),
           "AA3", "the default threshold is not 1.0: %r, %r" % (a["reps_at_quota"], a["pct_at_quota"]))
    m = g["median_attainment"]
    if m is not UNKNOWN:
        expect((m is None) == (R == 0), "AA5", "median_attainment = %r with reps = %d" % (a["median_attainment"], R))
        if R > 0 and m is not None:
            value = median(ratios)
            expect(near(m, value, rel=Fraction(1, 10**12)), "AA5",
                   lambda: "median_attainment = %r, the ratios give %s" % (a["median_attainment"], fmt(value)))
            if finite(m) and finite_ratios and kinds == {"finite"}:
                lo, hi = min(ratios), max(ratios)
                expect(within(m, lo, hi), "AA5",
                       "median_attainment = %r not in [%s, %s]" % (a["median_attainment"], fmt(lo), fmt(hi)))
    q = g["quota_attainment"]
    if q is not UNKNOWN and finite(TQ):
        if isnan(TA):
            expect(isnan(q), "AA6", "quota_attainment = %r with total_achieved NaN" % a["quota_attainment"])
        elif TQ == 0:
            expect(q is None, "AA6", "quota_attainment = %r with total_quota = 0" % a["quota_attainment"])
        else:
            value = TA / TQ if finite(TA) else TA
            expect(q is not None and near(q, value, den=TQ), "AA6",
                   lambda: "quota_attainment = %r, total_achieved / total_quota = %s" % (a["quota_attainment"], fmt(value)))
            if Z == 0 and kinds == {"finite"} and finite(q):
                lo, hi = min(ratios), max(ratios)
                expect(within(q, lo, hi, den=TQ), "AA6",
                       "every row has a ratio, but quota_attainment = %r not in [%s, %s]"
                       % (a["quota_attainment"], fmt(lo), fmt(hi)))


def double_attainment(v, r, out):
    for key in ("reps", "zero_quotas"):
        out.expect(r[key] == 2 * v[key], "R1", "%s: %d, twice %d" % (key, r[key], v[key]))
    for key in ("total_achieved", "total_quota"):
        out.expect(same(r[key], v[key] * 2), "R1", "%s: %s, twice %s" % (key, fmt(r[key]), fmt(v[key])))
    twice = sorted(v["ratios"] * 2, key=ratio_key)
    out.expect(len(r["ratios"]) == len(twice) and all(same(x, y) for x, y in zip(r["ratios"], twice)),
               "R1", "the ratios are not each twice")


# ---------------------------------------------------------------- rep_attainment

RA_KEY = {"bigint": r"-?\d+", "uuid": r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
          "text": r'"(?:[^"\\]|\\["\\])*"'}


def parse_rep_attainment(text):
    """rep_attainment's text form: the key type and the reps as written, each
    {"key": as rep_attainment_table writes it, "order": the stored form's sort key,
     "achieved": text, "quota": text or None}."""
    m = re.fullmatch(r"v(\d+) key=(bigint|text|uuid) reps=\{(.*)\}", text, re.S)
    assert m, "not a rep_attainment text form: %r" % text[:200]
    key_type, body = m.group(2), m.group(3)
    item = re.compile(r"(%s):([^/,}]+)(?:/([^,}]+))?(,|$)" % RA_KEY[key_type], re.S)
    reps, pos = [], 0
    while pos < len(body):
        r = item.match(body, pos)
        assert r and (r.group(4) == "," or r.end() == len(body)), \
            "not a rep at %d of %r" % (pos, body[pos:pos + 100])
        key = r.group(1)
        if key_type == "text":
            key = re.sub(r'\\(["\\])', r"\1", key[1:-1])
            order = key.encode("utf-8", "surrogateescape")
        elif key_type == "uuid":
            order = bytes.fromhex(key.replace("-", ""))
        else:
            order = int(key)
        reps.append({"key": key, "order": order, "achieved": r.group(2), "quota": r.group(3)})
        pos = r.end()
        assert r.group(4) == "" or pos < len(body), "a comma ends the reps: %r" % body[-100:]
    return {"version": int(m.group(1)), "key_type": key_type, "reps": reps}


def rep_expected_attainment(v):
    """What attainment(rep_attainment) must be: one attainment() row (achieved, quota) per rep with a
    quota; None when no rep has one."""
    rated = [(number(r["achieved"]), number(r["quota"])) for r in v["reps"] if r["quota"] is not None]
    if not rated:
        return None
    achieved = [a for a, _ in rated]
    ratios = [a / q if finite(a) else a for a, q in rated if q > 0]
    return {"reps": sum(1 for _, q in rated if q > 0), "zero_quotas": sum(1 for _, q in rated if q == 0),
            "total_achieved": special_sum(achieved) if special_sum(achieved) is not None else sum(achieved),
            "total_quota": sum(q for _, q in rated), "ratios": sorted(ratios, key=ratio_key)}


ATTAINMENT_ACCESSOR_NAMES = None    # set below, once ACCESSORS["attainment"] exists


def check_rep_attainment(v, a, out):
    """rep_attainment (attainment_by_rep's per-rep sums; doc/summary-invariants.md):
      RA1   one rep at least (an aggregate over no rows is NULL)
      RA2   the reps in strictly increasing key order (bigint as numbers, text and uuid keys as bytes,
            a shorter text before a longer one it starts): no rep twice
      RA3   every quota written is finite and zero or more (a rep without one has none written)
      RAA1  rep_attainment_table: the reps, in that order, with the same key and sums as written
      RAA2  attainment(): NULL without a rep with a quota; else one attainment() row (achieved, quota)
            per rep with a quota: its reps, zero_quotas, total_achieved, total_quota and ratios, exactly;
            and the attainment accessors over it hold the attainment invariants (A*, AA*)
      RAA3  s = s, s::text::rep_attainment = s
      R1    rollup(v, v): the same reps, each sum doubled"""
    reps = v["reps"]
    expect = out.expect
    fields_held = len(out.found)

    # what the input functions check
    expect(len(reps) >= 1, "RA1", "no rep")
    expect(all(x["order"] < y["order"] for x, y in zip(reps, reps[1:])), "RA2",
           lambda: "the reps are not in strictly increasing key order: %r" % [r["key"] for r in reps][:20])
    if v["key_type"] == "bigint":
        expect(all(-2 ** 63 <= r["order"] < 2 ** 63 for r in reps), "RA2", "a bigint key out of range")
    for r in reps:
        if r["quota"] is not None:
            q = number(r["quota"])
            expect(finite(q) and q >= 0, "RA3", "rep %r has quota %s" % (r["key"][:50], r["quota"][:50]))

    if a is None or len(out.found) > fields_held:     # the accessors would only echo a broken field
        return
    # rep_attainment_table: the reps, in order, as written
    if a["table"] is not UNKNOWN:
        rows = json.loads(a["table"]) if a["table"] is not None else []
        want = [[r["key"], r["achieved"], r["quota"]] for r in reps]
        expect(rows == want, "RAA1", lambda: "rep_attainment_table gives %r, the value says %r"
               % (rows[:5], want[:5]))
    expect(a["table_rows"] in (UNKNOWN, len(reps)), "RAA1",
           "rep_attainment_table has %r rows, the value %d reps" % (a["table_rows"], len(reps)))
    # attainment(): the per-rep rows of the rated reps
    want = rep_expected_attainment(v)
    text = a["attainment_text"]
    if text is not UNKNOWN:
        if want is None:
            expect(text is None, "RAA2", "attainment() = %r without a rep with a quota" % (text or "")[:200])
            for key in ATTAINMENT_ACCESSOR_NAMES:
                expect(a[key] is None or a[key] is UNKNOWN, "RAA2", "%s = %r without a rated rep" % (key, a[key]))
        elif text is None:
            expect(False, "RAA2", "attainment() is NULL, but %d reps have a quota"
                   % (want["reps"] + want["zero_quotas"]))
        else:
            got = parse_attainment(text)
            for key in ("reps", "zero_quotas"):
                expect(got[key] == want[key], "RAA2", "attainment() has %s = %d, the reps give %d"
                       % (key, got[key], want[key]))
            for key in ("total_achieved", "total_quota"):
                expect(same(got[key], want[key]), "RAA2", lambda key=key: "attainment() has %s = %s, the reps give %s"
                       % (key, fmt(got[key]), fmt(want[key])))
            expect(len(got["ratios"]) == len(want["ratios"]) and
                   all(same(x, y) for x, y in zip(got["ratios"], want["ratios"])), "RAA2",
                   lambda: "attainment() has ratios %s, the reps give %s"
                   % ([fmt(x) for x in got["ratios"][:5]], [fmt(x) for x in want["ratios"][:5]]))
            # the attainment accessors over rep_attainment (SQL functions over attainment()) hold
            # what they hold over the attainment summary itself
            check_attainment(got, {key: a[key] for key in ATTAINMENT_ACCESSOR_NAMES}, out)
    for key in ("equal_to_itself", "text_round_trip"):
        expect(a[key] in (True, UNKNOWN), "RAA3", "%s: %r" % (key, a[key]))


def double_rep_attainment(v, r, out):
    ok = len(r["reps"]) == len(v["reps"])
    for x, y in zip(v["reps"], r["reps"]):
        ok = ok and x["key"] == y["key"] and (x["quota"] is None) == (y["quota"] is None) and \
            same(number(y["achieved"]), number(x["achieved"]) * 2)
        if ok and x["quota"] is not None:
            ok = same(number(y["quota"]), number(x["quota"]) * 2)
    out.expect(ok, "R1", "rep_attainment: the reps are not the same with their sums each doubled")


# ---------------------------------------------------------------- pipeline_flow

def finite_day(day):
    """A range bound's day number that is a date, not -infinity / infinity."""
    return not isinstance(day, float)


def check_flow(v, a, out):
    n, memos, amounts = v["deals"], v["memos"], v["amounts"]
    expect = out.expect
    fields_held = len(out.found)

    # what the input functions check
    p_lower, p_upper, p_canonical = v["period"]
    expect(p_canonical and p_lower is not None and p_upper is not None and finite_day(p_lower) and
           finite_day(p_upper) and p_lower < p_upper, "W1", "period %s: not two finite bounds, lower < upper"
           % v["period_text"])
    t_lower, t_upper, t_canonical = v["target"]
    expect(t_canonical and (t_lower is None or t_upper is None or t_lower < t_upper), "W1",
           "target %s is empty" % v["target_text"])
    for bar in FLOW_BARS:
        expect(n[bar] >= 0, "W2", "%s has %d deals" % (bar, n[bar]))
    for memo in FLOW_MEMOS:
        expect(memos[memo] >= 0, "W2", "%s = %d" % (memo, memos[memo]))
    for bar in FLOW_BARS:
        expect((n[bar] == 0) == (amounts[bar] is None), "W3", "%s has %d deals and %s" % (
            bar, n[bar], "no amount" if amounts[bar] is None else "the amount " + v["amount_texts"][bar]))
    for bar in ("increased", "decreased"):
        x = amounts[bar]
        expect(x is None or not (klass(x) == "-inf" or (finite(x) and x < 0)), "W4",
               "%s = %s is negative" % (bar, fmt(x)))
    expect(n["increased"] + n["decreased"] + memos["unchanged"] + n["pushed_out"] + n["removed"] <= n["start"], "W5",
           "increased %d + decreased %d + unchanged %d + pushed_out %d + removed %d deals > start %d"
           % (n["increased"], n["decreased"], memos["unchanged"], n["pushed_out"], n["removed"], n["start"]))
    expect(memos["unchanged"] <= n["end"], "W6", "unchanged %d > end %d deals" % (memos["unchanged"], n["end"]))
    balance = sum(FLOW_BALANCE[bar] * n[bar] for bar in FLOW_BARS if bar not in ("increased", "decreased"))
    expect(balance == 0, "W7", "the deals do not balance: start + inflows - outflows - end = %d" % balance)
    given = [amounts[bar] for bar in FLOW_BARS if amounts[bar] is not None]
    if all(finite(x) for x in given):
        balance = sum(FLOW_BALANCE[bar] * amounts[bar] for bar in FLOW_BARS if amounts[bar] is not None)
        expect(balance == 0, "W8", lambda: "the amounts do not balance: start + inflows - outflows - end = %s"
               % fmt(balance))

    if a is None or len(out.found) > fields_held:     # the accessors would only echo a broken field
        return
    for name in FLOW_BARS + FLOW_MEMOS:
        got, want = a["deals_" + name], n.get(name, memos.get(name))
        expect(got is not UNKNOWN and got == want, "WA1", "flow_deals(s, '%s') = %r, the value says %d" % (name, got, want))
    for bar in FLOW_BARS:
        got, want = a["amount_" + bar], v["amount_texts"][bar]
        expect(got is not UNKNOWN and got == want, "WA2", "flow_amount(s, '%s') = %r, the value says %s"
               % (bar, got, "NULL" if want is None else want))
    want = " ".join("%d:%s:%d:%s:%s" % (i + 1, bar, FLOW_SIGNS[bar], a["deals_" + bar],
                                         "NULL" if a["amount_" + bar] is None else a["amount_" + bar])
                    for i, bar in enumerate(FLOW_BARS))
    expect(a["change_rows"] == len(FLOW_BARS) and a["changes"] == want, "WA3",
           lambda: "pipeline_changes gives %r rows %r, not %r" % (a["change_rows"], a["changes"], want))
    for key in ("period", "target"):
        # daterange output quotes a BC bound (it has a space); the text form does not
        got = None if a[key] is None else a[key].replace('"', '')
        expect(got == v[key + "_text"], "WA4", "flow_%s(s) = %r, the value says %s" % (key, a[key], v[key + "_text"]))
    for key in ("equal_to_itself", "text_round_trip"):
        expect(a[key] is True, "WA5", "%s: %r" % (key, a[key]))


def double_flow(v, r, out):
    out.expect(r["period_text"] == v["period_text"] and r["target_text"] == v["target_text"], "WA6",
               "period %s target %s, was period %s target %s"
               % (r["period_text"], r["target_text"], v["period_text"], v["target_text"]))
    for bar in FLOW_BARS:
        out.expect(r["deals"][bar] == 2 * v["deals"][bar], "R1",
                   "%s: %d deals, twice %d" % (bar, r["deals"][bar], v["deals"][bar]))
        x, y = v["amounts"][bar], r["amounts"][bar]
        out.expect((x is None) == (y is None) and (x is None or same(y, x * 2)), "R1",
                   "%s: amount %s, twice %s" % (bar, fmt(y), fmt(x)))
    for memo in FLOW_MEMOS:
        out.expect(r["memos"][memo] == 2 * v["memos"][memo], "R1",
                   "%s: %d, twice %d" % (memo, r["memos"][memo], v["memos"][memo]))


# ---------------------------------------------------------------- stage_funnel

INT64_MAX = 2 ** 63 - 1
MAX_STAGES = 255


def stage_list(text, kind):
    """A per_stage() result as a list: int, float or None (NULL)."""
    if text is None:
        return None
    return [None if x == "NULL" else kind(x) for x in text.split(",")]


def ratio(numerator, denominator):
    """count_ratio_result: numerator / denominator rounded once (exact past 2^53), NULL when <= 0."""
    return None if denominator <= 0 else float(Fraction(numerator, denominator))


def funnel_counts(v, k):
    """(reached, advanced, dropped, open) of stage k (1-based), as kpi-definitions.md section 14 has them."""
    above = v["won"] + sum(v["open"][k:]) + sum(v["lost"][k:])
    return above + v["open"][k - 1] + v["lost"][k - 1], above, v["lost"][k - 1], v["open"][k - 1]


def check_funnel(v, a, out):
    n, won, open_, lost = v["stages"], v["won"], v["open"], v["lost"]
    expect = out.expect
    fields_held = len(out.found)

    # what the input functions check
    expect(1 <= n <= MAX_STAGES and len(open_) == n and len(lost) == n, "SF1",
           "stages = %d, %d open and %d lost counts" % (n, len(open_), len(lost)))
    expect(won >= 0 and all(c >= 0 for c in open_ + lost), "SF2",
           lambda: "a negative count: won = %d, open = %r, lost = %r" % (won, open_[:20], lost[:20]))
    total = won + sum(open_) + sum(lost)
    expect(total <= INT64_MAX, "SF3", "won + open + lost = %d deals > 2^63 - 1" % total)

    if a is None or len(out.found) > fields_held:     # the accessors would only echo a broken field
        return
    expect(a["funnel_stages"] == n, "SFA1", "funnel_stages(f) = %r, the value has %d stages" % (a["funnel_stages"], n))
    lists = {f: stage_list(a[f], float if f in ("stage_conversion", "stage_pass_rate") else int)
             for f in FUNNEL_STAGE_ACCESSORS}
    for k in range(1, n + 1):
        reached, advanced, dropped, open_k = funnel_counts(v, k)
        want = {"stage_reached": reached, "stage_advanced": advanced, "stage_dropped": dropped, "stage_open": open_k,
                "stage_conversion": ratio(advanced, advanced + dropped), "stage_pass_rate": ratio(advanced, reached)}
        for f in FUNNEL_STAGE_ACCESSORS:
            got = lists[f][k - 1] if lists[f] is not None and len(lists[f]) == n else "missing"
            ident = "SFA2" if f in ("stage_reached", "stage_advanced", "stage_dropped", "stage_open") else "SFA3"
            expect(got == want[f], ident, "%s(f, %d) = %r, the value gives %r" % (f, k, got, want[f]))
    expect(lists["stage_reached"] is None or lists["stage_reached"][0] == total, "SFA2",
           "stage_reached(f, 1) = %r, not all %d deals" % (lists["stage_reached"] and lists["stage_reached"][0], total))
    # stage_funnel_table: the same numbers, one row per stage (floats as float8 text, compared as floats)
    table = (a["funnel_table"] or "").split(" ") if a["funnel_table"] else []
    ok = a["funnel_table_rows"] == n and len(table) == n
    for k, row in enumerate(table if ok else [], start=1):
        fields = row.split(":")
        want = list(funnel_counts(v, k))
        got_ints = [int(x) for x in fields[1:5]]
        floats = [None if x == "NULL" else float(x) for x in fields[5:7]]
        ok = ok and int(fields[0]) == k and got_ints == want and \
            floats == [ratio(want[1], want[1] + want[2]), ratio(want[1], want[0])]
    expect(ok, "SFA4", lambda: "stage_funnel_table(f) has %r rows %r" % (a["funnel_table_rows"], (a["funnel_table"] or "")[:300]))
    for key in ("equal_to_itself", "text_round_trip"):
        expect(a[key] is True, "SFA5", "%s: %r" % (key, a[key]))


def double_funnel(v, r, out):
    out.expect(r["stages"] == v["stages"], "SFA6", "rollup(f, f) has %d stages, f %d" % (r["stages"], v["stages"]))
    out.expect(r["won"] == 2 * v["won"] and r["open"] == [2 * c for c in v["open"]] and
               r["lost"] == [2 * c for c in v["lost"]], "R1", "stage_funnel: the counts are not each doubled")


# ---------------------------------------------------------------- stage_time

def time_stage_bins(v, k):
    """The (days, count) bins of stage k, in order."""
    return [(d, c) for s, d, c in v["bins"] if s == k]


def time_percentile(bins, fraction):
    """percentile_cont(fraction) of the days of bins (sorted, counts >= 1), exactly, as a Fraction."""
    count = sum(c for _, c in bins)
    rank = Fraction(fraction) * (count - 1)
    lower_rank = rank.numerator // rank.denominator

    def at(r):
        seen = 0
        for d, c in bins:
            seen += c
            if seen > r:
                return d
        return bins[-1][0]
    lower = at(lower_rank)
    if rank == lower_rank:
        return Fraction(lower)
    return lower + (at(lower_rank + 1) - lower) * (rank - lower_rank)


def check_time(v, a, out):
    n, in_progress, bins = v["stages"], v["in_progress"], v["bins"]
    expect = out.expect
    fields_held = len(out.found)

    # what the input functions check
    expect(1 <= n <= MAX_STAGES and len(in_progress) == n, "ST1",
           "stages = %d, %d in_progress counts" % (n, len(in_progress)))
    expect(all(c >= 0 for c in in_progress), "ST2", lambda: "a negative in_progress count: %r" % in_progress[:20])
    keys = [(s, d) for s, d, _ in bins]
    expect(all(x < y for x, y in zip(keys, keys[1:])), "ST3",
           lambda: "the bins are not in ascending (stage, days) order without repeats: %r" % keys[:20])
    expect(all(1 <= s <= n for s, _, _ in bins), "ST3", lambda: "a bin's stage is outside 1..%d: %r" % (n, keys[:20]))
    expect(all(0 <= d <= MAX_CYCLE_DAYS for _, d, _ in bins), "ST4",
           lambda: "a bin's days are outside 0..%d: %r" % (MAX_CYCLE_DAYS, keys[:20]))
    expect(all(c >= 1 for _, _, c in bins), "ST5", lambda: "a bin with no stay: %r" % bins[:20])
    stays = {}
    for s, _, c in bins:
        stays[s] = stays.get(s, 0) + c
    expect(all(x <= INT64_MAX for x in stays.values()), "ST6",
           lambda: "a stage's finished stays exceed 2^63 - 1: %r" % {s: x for s, x in stays.items() if x > INT64_MAX})

    if a is None or len(out.found) > fields_held:     # the accessors would only echo a broken field
        return
    expect(a["time_stages"] == n, "STA1", "time_stages(t) = %r, the value has %d stages" % (a["time_stages"], n))
    got = {f: stage_list(a[f], int if f in ("stage_stays", "stage_in_progress") else float)
           for f in TIME_STAGE_ACCESSORS}
    for p in PERCENTILES:
        got["p%r" % p] = stage_list(a["time_p%r" % p], float)
    if any(x is None or len(x) != n for x in got.values()):
        expect(False, "STA1", "an accessor did not give one result per stage: %r" % {k: (x or [])[:5] for k, x in got.items()})
        return
    rows = []
    for k in range(1, n + 1):
        kb = time_stage_bins(v, k)
        count = sum(c for _, c in kb)
        days = sum(d * c for d, c in kb)
        expect(got["stage_stays"][k - 1] == count and got["stage_in_progress"][k - 1] == in_progress[k - 1], "STA1",
               "stage %d: stage_stays %r, stage_in_progress %r; the value says %d and %d"
               % (k, got["stage_stays"][k - 1], got["stage_in_progress"][k - 1], count, in_progress[k - 1]))
        avg, median = got["time_in_stage_avg"][k - 1], got["time_in_stage_median"][k - 1]
        percentiles = [got["p%r" % p][k - 1] for p in PERCENTILES]
        if count == 0:
            expect(avg is None and median is None and all(x is None for x in percentiles), "STA2",
                   "stage %d has no finished stay, but avg %r, median %r, percentiles %r" % (k, avg, median, percentiles))
            rows.append("%d:0:%d:NULL:NULL:NULL" % (k, in_progress[k - 1]))
            continue
        want_avg = Fraction(days, count)
        expect(avg is not None and near(exact(avg), want_avg, rel=Fraction(1, 10**12)), "STA2",
               "time_in_stage_avg(t, %d) = %r, the bins give %s" % (k, avg, fmt(want_avg)))
        wanted = [float(time_percentile(kb, p)) for p in PERCENTILES]
        expect(percentiles == wanted, "STA3",
               "time_in_stage_percentile(t, %d, %r) = %r, the bins give %r" % (k, PERCENTILES, percentiles, wanted))
        expect(median == got["p0.5"][k - 1], "STA3", "time_in_stage_median(t, %d) = %r, percentile 0.5 %r"
               % (k, median, got["p0.5"][k - 1]))
        expect(percentiles[0] == kb[0][0] and percentiles[-1] == kb[-1][0] and
               all(x <= y for x, y in zip(percentiles, percentiles[1:])) and
               avg is not None and kb[0][0] <= avg <= kb[-1][0], "STA3",
               "stage %d: percentiles %r, mean %r not within [%d, %d] in order" % (k, percentiles, avg, kb[0][0], kb[-1][0]))
        rows.append((k, count, in_progress[k - 1], avg, wanted[PERCENTILES.index(0.5)], float(time_percentile(kb, 0.9))))
    table = a["time_table"].split(" ") if a["time_table"] else []
    ok = a["time_table_rows"] == n and len(table) == n
    for row, want in zip(table if ok else [], rows):
        fields = row.split(":")
        if isinstance(want, str):
            ok = ok and row == want
        else:
            ok = ok and [int(x) for x in fields[:3]] == list(want[:3]) and \
                [None if x == "NULL" else float(x) for x in fields[3:]] == list(want[3:])
    expect(ok, "STA4", lambda: "stage_time_table(t) has %r rows %r" % (a["time_table_rows"], (a["time_table"] or "")[:300]))
    for key in ("equal_to_itself", "text_round_trip"):
        expect(a[key] is True, "STA5", "%s: %r" % (key, a[key]))


def double_time(v, r, out):
    out.expect(r["stages"] == v["stages"], "STA6", "rollup(t, t) has %d stages, t %d" % (r["stages"], v["stages"]))
    out.expect(r["in_progress"] == [2 * c for c in v["in_progress"]] and
               r["bins"] == [(s, d, 2 * c) for s, d, c in v["bins"]], "R1",
               "stage_time: the running counts and bins are not each doubled")


# ---------------------------------------------------------------- lead_summary

MAX_RESPONSE_SECONDS = 2 ** 31 - 1


def check_lead(v, a, out):
    n = {k: v[k] for k in LEAD_KEYS}
    bins = v["bins"]
    expect = out.expect
    fields_held = len(out.found)

    # what the input functions check (lead_impossible)
    expect(all(x >= 0 for x in n.values()), "LS1", lambda: "a negative count: %r" % {k: x for k, x in n.items() if x < 0})
    expect(n["opportunities"] <= n["opportunity_known"] <= n["leads"] and
           n["customers"] <= n["customer_known"] <= n["leads"], "LS2",
           "opportunities %d, opportunity_known %d, customers %d, customer_known %d, leads %d"
           % (n["opportunities"], n["opportunity_known"], n["customers"], n["customer_known"], n["leads"]))
    expect(n["opportunity_customer_known"] <= min(n["opportunities"], n["customer_known"]) and
           n["opportunity_customers"] <= min(n["opportunity_customer_known"], n["customers"]), "LS3",
           "opportunity_customer_known %d, opportunity_customers %d; opportunities %d, customer_known %d, customers %d"
           % (n["opportunity_customer_known"], n["opportunity_customers"], n["opportunities"], n["customer_known"],
              n["customers"]))
    expect(n["marketing"] + n["sales"] <= n["leads"], "LS4",
           "marketing %d + sales %d > leads %d" % (n["marketing"], n["sales"], n["leads"]))
    seconds = [sec for sec, _ in bins]
    expect(all(x < y for x, y in zip(seconds, seconds[1:])), "LS5",
           lambda: "the response times are not ascending without repeats: %r" % seconds[:20])
    expect(all(0 <= sec <= MAX_RESPONSE_SECONDS for sec in seconds), "LS6",
           lambda: "a response time outside 0..2^31 - 1 seconds: %r" % seconds[:20])
    expect(all(c >= 1 for _, c in bins), "LS6", lambda: "a response time without a lead: %r" % bins[:20])
    responded = sum(c for _, c in bins)
    expect(n["untouched"] + n["pretouched"] + responded == n["leads"], "LS7",
           "untouched %d + pretouched %d + responded %d != leads %d"
           % (n["untouched"], n["pretouched"], responded, n["leads"]))

    if a is None or len(out.found) > fields_held:     # the accessors would only echo a broken field
        return
    got = (a["lead_count"], a["leads_untouched"], a["leads_pretouched"])
    expect(got == (n["leads"], n["untouched"], n["pretouched"]), "LSA1",
           "lead_count, leads_untouched, leads_pretouched = %r; the value says %d, %d, %d"
           % (got, n["leads"], n["untouched"], n["pretouched"]))
    for f, num, den in LEAD_RATIOS:
        numerator = n["leads"] - n["marketing"] - n["sales"] if num is None else n[num]
        want = ratio(numerator, n[den])
        expect(a[f] is UNKNOWN or a[f] == want, "LSA2", "%s(s) = %r, the counts give %r" % (f, a[f], want))
    avg, median = a["response_time_avg"], a["response_time_median"]
    percentiles = [a["response_p%r" % p] for p in PERCENTILES]
    if responded == 0:
        expect(avg is None and median is None and all(x is None for x in percentiles), "LSA3",
               "no response time, but avg %r, median %r, percentiles %r" % (avg, median, percentiles))
    else:
        want_avg = Fraction(sum(sec * c for sec, c in bins), responded * 3600)
        expect(avg is not None and avg is not UNKNOWN and near(exact(avg), want_avg, rel=Fraction(1, 10**12)), "LSA3",
               "response_time_avg(s) = %r, the bins give %s hours" % (avg, fmt(want_avg)))
        wanted = [float(time_percentile(bins, p) / 3600) for p in PERCENTILES]
        expect(percentiles == wanted, "LSA4",
               "response_time_percentile(s, %r) = %r, the bins give %r" % (PERCENTILES, percentiles, wanted))
        expect(median == a["response_p0.5"], "LSA4", "response_time_median(s) = %r, percentile 0.5 %r"
               % (median, a["response_p0.5"]))
        lo, hi = Fraction(bins[0][0], 3600), Fraction(bins[-1][0], 3600)
        expect(percentiles[0] == float(lo) and percentiles[-1] == float(hi) and
               all(x <= y for x, y in zip(percentiles, percentiles[1:])) and
               (avg is UNKNOWN or float(lo) <= avg <= float(hi)), "LSA4",
               "percentiles %r, mean %r not within [%r, %r] hours in order" % (percentiles, avg, float(lo), float(hi)))
    # responded_within: the responses whose float8 hours are at most h, over responded + untouched
    for h in LEAD_HOURS:
        within = sum(c for sec, c in bins if sec / 3600 <= h)
        want = ratio(within, responded + n["untouched"])
        got = a["within_%r" % h]
        expect(got == want, "LSA5", "responded_within(s, %r) = %r, the bins give %d / %d = %r"
               % (h, got, within, responded + n["untouched"], want))
    for key in ("equal_to_itself", "text_round_trip"):
        expect(a[key] is True, "LSA6", "%s: %r" % (key, a[key]))


def double_lead(v, r, out):
    out.expect(all(r[k] == 2 * v[k] for k in LEAD_KEYS) and r["bins"] == [(sec, 2 * c) for sec, c in v["bins"]],
               "R1", "lead_summary: the counts and response bins are not each doubled")


# ---------------------------------------------------------------- float_ratio_state

FR_SPECIALS = ("NaN", "Infinity", "-Infinity")      # the order the text form writes them in, after the finite terms


def parse_float_ratio(text):
    """float_ratio_state's text form: {"version", "rows", "sums": [numerator, denominator]}, each sum
    {"texts": the terms as written, "finite": [float], "specials": [the special terms, as written],
     "exact": the exact sum of the finite terms (Fraction)}."""
    m = re.fullmatch(r"v(\d+) rows=(\d+) numerator=(\S+) denominator=(\S+)", text)
    assert m, "not a float_ratio_state text form: %r" % text[:200]
    sums = []
    for i in (3, 4):
        texts = m.group(i).split(",")
        finite = [float(t) for t in texts if t not in FR_SPECIALS]
        sums.append({"texts": texts, "finite": finite, "specials": [t for t in texts if t in FR_SPECIALS],
                     "exact": sum((Fraction(x) for x in finite), Fraction(0))})
    return {"version": int(m.group(1)), "rows": int(m.group(2)), "sums": sums}


def float_canonical_terms(exact):
    """The canonical terms of an exact sum: its rounding to float8, then the rounding of what is left,
    until nothing is (float(Fraction) rounds to nearest, ties to even); None past float8's range."""
    terms = []
    while exact != 0:
        try:
            t = float(exact)
        except OverflowError:
            return None
        if math.isinf(t):
            return None
        terms.append(t)
        exact -= Fraction(t)
    return terms


def float_sum_value(s):
    """The float8 a sum rounds to (float_sum_result): NaN with a NaN or both infinities, else an
    infinity, else the exact finite sum rounded once; None past float8's range (an overflow error)."""
    special = special_terms_value(s["specials"])
    if special is not None:
        return special
    terms = float_canonical_terms(s["exact"])
    return None if terms is None else (terms[0] if terms else 0.0)


def float_bits(x):
    """A float8 for comparison: every NaN alike, -0.0 apart from 0.0."""
    return "NaN" if isinstance(x, float) and math.isnan(x) else struct.pack(">d", x)


def float8_div(n, d):
    """float8_div(n, d) for d > 0 (float8_sum_ratio has taken out NaN and d <= 0): the IEEE quotient,
    None for its overflow and underflow errors (22003)."""
    if math.isinf(n) and math.isinf(d):
        return NAN
    if math.isinf(n):
        return n
    if math.isinf(d):
        return math.copysign(0.0, n)
    if n == 0:
        return 0.0
    try:
        q = float(Fraction(n) / Fraction(d))
    except OverflowError:
        return None
    return None if q == 0 or math.isinf(q) else q


def check_float_ratio(v, a, out):
    """float_ratio_state (the state of weighted_pipeline(float8, float8) and value_win_rate(boolean, float8);
    doc/summary-invariants.md):
      FR1   the text form is canonical: per sum, the finite terms are the exact sum rounded, then the
            rounding of what is left, ... (so each after the first at most half an ulp of the one before,
            none zero), each as float8out writes it (shortest); then NaN, Infinity, -Infinity, each at most
            once; "0" alone for a sum with no term; the exact finite sum within float8's range
      FR4   rows >= 0; rows = 0 => both sums are 0
      FR2   weighted_pipeline_final(s): NULL exactly when rows = 0, else the numerator rounded once
            (NaN with a NaN term or both infinities, else an infinity, else the exact sum rounded)
      FR3   value_win_rate_final(s) = num / den, each sum rounded once: NaN if either is NaN, else NULL
            when den <= 0, else float8_div (Infinity / Infinity NaN; overflow and underflow 22003)
      FR5   float_ratio_state_send(s): the version byte, rows, per sum a uint16 count and the same terms
      R1    rollup(v, v) (weighted_pipeline_combine(v, v)): rows doubled, each exact sum doubled, the same
            special terms; or 22003 (rows past 2^63 - 1, a sum past float8's range)"""
    expect = out.expect
    fields_held = len(out.found)
    expect(v["version"] == 1, "FR1", "version %d" % v["version"])
    for name, s in zip(("numerator", "denominator"), v["sums"]):
        texts, finite, specials = s["texts"], s["finite"], s["specials"]
        if texts == ["0"]:
            continue
        expect(all(t not in FR_SPECIALS for t in texts[:len(finite)]) and
               specials == [t for t in FR_SPECIALS if t in specials], "FR1",
               lambda: "%s: the special terms are not last, each once, in the order NaN, Infinity, -Infinity: %r"
               % (name, texts[:20]))
        expect(all(x != 0.0 for x in finite), "FR1", lambda: "%s: a zero term beside others: %r" % (name, texts[:20]))
        want = float_canonical_terms(s["exact"])
        if want is None:
            expect(False, "FR1", lambda: "%s: the exact sum %s is past float8's range" % (name, fmt(s["exact"])))
            continue
        expect(finite == want and all(float_bits(x) == float_bits(y) for x, y in zip(finite, want)), "FR1",
               lambda: "%s: terms %r, the canonical terms of their exact sum are %r" % (name, texts[:10], want[:10]))
        expect(all(abs(y) <= math.ulp(x) / 2 for x, y in zip(finite, finite[1:])), "FR1",
               lambda: "%s: a term above half an ulp of the one before: %r" % (name, texts[:10]))
    expect(v["rows"] >= 0, "FR4", "rows = %d" % v["rows"])
    if v["rows"] == 0:
        expect(all(s["texts"] == ["0"] for s in v["sums"]), "FR4",
               lambda: "rows = 0 with the sums %r, %r" % tuple(",".join(s["texts"])[:100] for s in v["sums"]))

    if a is None or len(out.found) > fields_held:     # the accessors would only echo a broken field
        return
    # FR1: every term as float8out writes it (Python's repr, though as short, picks another of two
    # shortest digit strings now and then: 1.900719925474099e+16 where float8out has ...0992e+16)
    written = " ".join(",".join(s["texts"]) for s in v["sums"])
    expect(a["fr_float8out"] in (UNKNOWN, written), "FR1",
           lambda: "the terms %r, as float8out writes them %r" % (written[:200], (a["fr_float8out"] or "")[:200]))
    num, den = (float_sum_value(s) for s in v["sums"])
    # FR2: weighted_pipeline_final
    got = a["fr_weighted_pipeline"]
    want = None if v["rows"] == 0 else num
    expect(got is not UNKNOWN and (got is None) == (want is None) and
           (got is None or float_bits(got) == float_bits(want)), "FR2",
           lambda: "weighted_pipeline_final(s) = %r, rows %d and the numerator give %r" % (got, v["rows"], want))
    # FR3: value_win_rate_final
    got = a["fr_value_win_rate"]
    error = False
    if math.isnan(num) or math.isnan(den):
        want = NAN
    elif den <= 0:
        want = None
    else:
        want = float8_div(num, den)
        error = want is None            # overflow or underflow: 22003, never a number
    if error:
        expect(got is UNKNOWN, "FR3", lambda: "value_win_rate_final(s) = %r, but %r / %r is past float8's range"
               % (got, num, den))
    else:
        expect(got is not UNKNOWN and (got is None) == (want is None) and
               (got is None or float_bits(got) == float_bits(want)), "FR3",
               lambda: "value_win_rate_final(s) = %r, the sums %r / %r give %r" % (got, num, den, want))
    # FR5: the binary form
    sent = a["fr_send"]
    if sent is not UNKNOWN:
        ok, data = True, bytes.fromhex(sent)
        try:
            ok = data[0] == 1 and struct.unpack_from(">q", data, 1)[0] == v["rows"]
            pos = 9
            for s in v["sums"]:
                n, = struct.unpack_from(">H", data, pos)
                terms = struct.unpack_from(">%dd" % n, data, pos + 2)
                pos += 2 + 8 * n
                want = [] if s["texts"] == ["0"] else [float(t) for t in s["texts"]]
                ok = ok and [float_bits(x) for x in terms] == [float_bits(x) for x in want]
            ok = ok and pos == len(data)
        except struct.error:
            ok = False
        expect(ok, "FR5", lambda: "float_ratio_state_send(s) = %s, not the text form's rows and terms" % sent[:200])


def double_float_ratio(v, r, out):
    ok = r["rows"] == 2 * v["rows"]
    for x, y in zip(v["sums"], r["sums"]):
        ok = ok and y["exact"] == 2 * x["exact"] and y["specials"] == x["specials"]
    out.expect(ok, "R1", "float_ratio_state: rows and the exact sums are not each doubled, or the specials differ")


CHECKS = {"forecast_error": check_forecast, "deal_summary": check_deal, "attainment": check_attainment,
          "pipeline_flow": check_flow, "stage_funnel": check_funnel, "stage_time": check_time,
          "lead_summary": check_lead, "rep_attainment": check_rep_attainment,
          "float_ratio_state": check_float_ratio}
DOUBLES = {"forecast_error": double_forecast, "deal_summary": double_deal, "attainment": double_attainment,
           "pipeline_flow": double_flow, "stage_funnel": double_funnel, "stage_time": double_time,
           "lead_summary": double_lead, "rep_attainment": double_rep_attainment,
           "float_ratio_state": double_float_ratio}
PARSERS["rep_attainment"] = parse_rep_attainment
PARSERS["float_ratio_state"] = parse_float_ratio
ATTAINMENT_ACCESSOR_NAMES = [key for key, _ in ACCESSORS["attainment"]]


# ---------------------------------------------------------------- running the accessors

# rollup(v, v) in SQL: the rollup() aggregate over two copies, or, for a type without one, its combine
# function, which may return a value whose text output raises 22003 (float_ratio_state: a sum past
# float8's range; the harness reports that one)
ROLLUP_SQL = {"float_ratio_state": "weighted_pipeline_combine(s, s)"}

BIGINT_ACCESSORS = {"forecast_count", "zero_actuals", "open_deals", "won_deals", "lost_deals",
                    "backdated_deals", "reps", "zero_quotas", "reps_at_quota", "change_rows"} | \
    {"reps_at_%r" % t for t in THRESHOLDS} | {"deals_" + b for b in FLOW_BARS + FLOW_MEMOS} | \
    {"funnel_stages", "funnel_table_rows", "time_stages", "time_table_rows"} | \
    {"lead_count", "leads_untouched", "leads_pretouched", "table_rows"}
TEXT_ACCESSORS = {"period", "target", "changes"} | {"amount_" + b for b in FLOW_BARS} | \
    set(FUNNEL_STAGE_ACCESSORS) | set(TIME_STAGE_ACCESSORS) | {"time_p%r" % p for p in PERCENTILES} | \
    {"funnel_table", "time_table", "attainment_text", "table", "fr_send", "fr_float8out"}
BOOLEAN_ACCESSORS = {"equal_to_itself", "text_round_trip"}
NUMERIC_ACCESSORS = {"open_pipeline", "weighted_pipeline", "won_amount", "lost_amount", "avg_deal_size",
                     "total_achieved", "total_quota", "median_deal_size"}


def from_text(key, text):
    """An accessor result the fallback function returned as text ('error <SQLSTATE>': a data exception)."""
    if text is None:
        return None
    if text.startswith("error "):
        return UNKNOWN
    if key in BIGINT_ACCESSORS:
        return int(text)
    if key in TEXT_ACCESSORS:
        return text
    if key in BOOLEAN_ACCESSORS:
        return text == "true"
    if key in NUMERIC_ACCESSORS:
        return Decimal(text)
    return float(text)


class Checker:
    """Runs the accessors of a value, and of its rollup with itself, over a connection.

    One round trip a value: a prepared query of every accessor of the value and of
    rollup(v, v).  When anything in it raises (a data exception: a float8 result out of
    range, a count overflow in rollup), one call of a PL/pgSQL function made here that
    runs each accessor in its own EXCEPTION block, so that only what raised is UNKNOWN.
    """

    def __init__(self, conn):
        self.conn = conn
        self.cur = conn.cursor()
        for type_name, accessors in ACCESSORS.items():
            columns = ", ".join(expr for _, expr in accessors)
            rollup = (f"SELECT {ROLLUP_SQL[type_name]} AS s FROM v" if type_name in ROLLUP_SQL else
                      "SELECT rollup(s) AS s FROM (SELECT s FROM v UNION ALL SELECT s FROM v) AS u")
            # with a combine function, its value's text output inside the block too
            rollup_into = (f"r := {ROLLUP_SQL[type_name]}; rolled_text := r::text;" if type_name in ROLLUP_SQL
                           else "SELECT rollup(x) INTO r FROM (VALUES (s), (s)) AS u(x);")
            self.cur.execute(
                f"""PREPARE salesops_fuzz_{type_name}(text) AS
                    WITH v AS (SELECT $1::{type_name} AS s),
                         r AS ({rollup})
                    SELECT 0, s::text, {columns} FROM v
                    UNION ALL
                    SELECT 1, s::text, {columns} FROM r""")
            blocks = "\n".join(
                f"""BEGIN results := results || ({expr})::text;
                    EXCEPTION WHEN data_exception OR object_not_in_prerequisite_state THEN
                        results := results || ('error ' || SQLSTATE); END;"""
                for _, expr in accessors)
            self.cur.execute(
                f"""CREATE OR REPLACE FUNCTION salesops_fuzz_accessors(s {type_name}) RETURNS text[]
                    LANGUAGE plpgsql AS $f$
                    DECLARE results text[] := ARRAY[]::text[];
                    BEGIN
                        {blocks}
                        RETURN results;
                    END $f$""")
            self.cur.execute(
                f"""CREATE OR REPLACE FUNCTION salesops_fuzz_accessors_{type_name}(t text,
                        OUT value_text text, OUT value_results text[], OUT rolled_text text, OUT rolled_results text[])
                    LANGUAGE plpgsql AS $f$
                    DECLARE s {type_name} := t::{type_name}; r {type_name};
                    BEGIN
                        value_text := s::text;
                        value_results := salesops_fuzz_accessors(s);
                        BEGIN
                            {rollup_into}
                        EXCEPTION WHEN data_exception THEN
                            rolled_text := 'error ' || SQLSTATE;
                            RETURN;
                        END;
                        rolled_text := r::text;
                        rolled_results := salesops_fuzz_accessors(r);
                    END $f$""")

    def _query(self, sql, args):
        """Rows, or the psycopg2 error with its SQLSTATE; a dropped connection raises CrashError."""
        try:
            self.cur.execute(sql, args)
            return self.cur.fetchall(), None
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as e:
            if self.conn.closed or isinstance(e, psycopg2.InterfaceError) or e.pgcode is None:
                raise CrashError(str(e).strip())
            return None, e
        except psycopg2.Error as e:
            return None, e

    def check(self, type_name, text):
        """The invariant violations of an accepted value (its text form): [(id, detail), ...]."""
        out = Violations(type_name)
        names = [key for key, _ in ACCESSORS[type_name]]
        rows, error = self._query(f"EXECUTE salesops_fuzz_{type_name}(%s)", (text,))
        if error is None:
            by_tag = {row[0]: row for row in rows}
            value_text, rolled_text = by_tag[0][1], by_tag[1][1]
            accessors = dict(zip(names, by_tag[0][2:]))
            rolled_accessors = dict(zip(names, by_tag[1][2:]))
        else:
            rows, error = self._query(f"SELECT * FROM salesops_fuzz_accessors_{type_name}(%s)", (text,))
            if error is not None:
                out.expect(False, "X1", "an accessor or rollup(v, v) raised %s %s" % (error.pgcode, str(error).strip()))
                return out.found
            value_text, value_results, rolled_text, rolled_results = rows[0]
            accessors = {key: from_text(key, x) for key, x in zip(names, value_results)}
            rolled_accessors = None
            if rolled_text.startswith("error "):
                rolled_text = None      # rollup(v, v) raised a data exception (a count overflow)
            else:
                rolled_accessors = {key: from_text(key, x) for key, x in zip(names, rolled_results)}
        out.expect(value_text == text, "X1", "the text form read back as %r" % value_text[:200])
        parse = PARSERS[type_name]
        value = parse(text)
        CHECKS[type_name](value, accessors, out)
        if rolled_text is not None:
            rolled = parse(rolled_text)
            out.where = type_name + " rollup(v, v)"
            DOUBLES[type_name](value, rolled, out)
            CHECKS[type_name](rolled, rolled_accessors, out)
        return out.found
