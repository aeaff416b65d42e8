#!/usr/bin/env python3
"""Break each summary invariant on purpose and print what the input functions say.

For every invariant of doc/summary-invariants.md (ids as there), one value that
breaks it, given to the text input (a cast) and to the binary input (a binary
COPY of one row): the SQLSTATE raised (22P02 text, 22P03 binary) or "accepted".
A check, not a test: it prints the outcomes, which the SQLSTATE column of
doc/summary-invariants.md records.  The "valid" rows must say accepted.

Usage (PGHOST/PGPORT/PGUSER of a running cluster with the extension installed
in the database named by --dbname, default salesops_fuzz; test/fuzz.sh's
cluster has it):
  python3 test/fuzz/invariant_sqlstates.py [--dbname DB]
"""
import argparse
import io
import struct
from datetime import date

import psycopg2

TYPES = ("forecast_error", "deal_summary", "attainment", "pipeline_flow", "stage_funnel", "stage_time",
         "lead_summary", "rep_attainment", "float_ratio_state")


def be64(v):
    return struct.pack(">q", v)


def copy_binary(cur, type_name, payload):
    """One row of a binary COPY file holding payload: 'accepted' or the SQLSTATE."""
    data = (b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0) + struct.pack(">hi", 1, len(payload)) + payload +
            struct.pack(">h", -1))
    try:
        cur.copy_expert(f"COPY fuzz_{type_name} FROM STDIN (FORMAT binary)", io.BytesIO(data))
        return "accepted"
    except psycopg2.Error as e:
        return e.pgcode


def text_in(cur, type_name, text):
    """The text cast: 'accepted' or the SQLSTATE."""
    try:
        cur.execute(f"SELECT %s::{type_name}", (text,))
        return "accepted"
    except psycopg2.Error as e:
        return e.pgcode


# values in text and binary form: valid unless an argument breaks an invariant

def fe(count=1, zero=0, ae="1", e="1", se="1", aa="1", ape=1.0, sape=1.0, kind="numeric"):
    text = f"v1 {kind} count={count} zero_actuals={zero} sum_abs_error={ae} sum_error={e} sum_sq_error={se} sum_abs_actual={aa} sum_ape={ape!r} sum_sape={sape!r}"
    text = text.replace("=nan", "=NaN").replace("=inf", "=Infinity")
    b = b"\x01" + bytes([1 if kind == "numeric" else 2]) + be64(count) + be64(zero) + struct.pack(">dd", ape, sape)
    for x in (ae, e, se, aa):
        b += x.encode() + b"\0" if kind == "numeric" else struct.pack(">d", float(x))
    return text, b

def ds(o=1, w=1, l=1, bd=0, sums=(("0", 1), ("0", 1), ("0", 1), ("0", 1)), bins=((5, 1),)):
    names = ["open_pipeline", "weighted_pipeline", "won_amount", "lost_amount"]
    text = f"v2 numeric open_deals={o} won_deals={w} lost_deals={l} backdated_deals={bd} " + \
        " ".join(f"{n}={s} {n}_deals={c}" for n, (s, c) in zip(names, sums)) + \
        " cycle_days={" + ",".join(f"{d}:{c}" for d, c in bins) + "}"
    b = b"\x02\x01" + be64(o) + be64(w) + be64(l) + be64(bd)
    for s, c in sums:
        b += s.encode() + b"\0" + be64(c)
    b += struct.pack(">i", len(bins))
    for d, c in bins:
        b += struct.pack(">i", d) + be64(c)
    return text, b

def at(reps=None, z=0, ta="1", tq="2", ratios=((1, 2),), wide=(), text_ratios=None):
    allr = [f"{n}/{d}" for n, d in ratios] + list(wide)
    reps = len(allr) if reps is None else reps
    text = f"v1 reps={reps} zero_quotas={z} total_achieved={ta} total_quota={tq} ratios={{{','.join(text_ratios or allr)}}}"
    b = b"\x01" + be64(z) + ta.encode() + b"\0" + tq.encode() + b"\0" + be64(len(ratios))
    for n, d in ratios:
        b += be64(n) + be64(d)
    b += be64(len(wide)) + b"".join(w.encode() + b"\0" for w in wide)
    return text, b

FLOW_BARS = ("start", "new", "pulled_in", "added", "increased", "decreased", "pushed_out", "removed",
             "won", "lost", "end")
DAY_2000 = date(2000, 1, 1)


def pf(period=("2024-04-01", "2024-04-08"), target=("2024-04-01", "2024-07-01"), unchanged=0,
       unvalued_start=0, unvalued_end=0, text_period=None, text_target=None, binary_period=None, **bars):
    """A pipeline_flow: bars as name=(deals, amount text or None), the others 0; target sides may be
    None (unbounded).  The binary form as pipeline_flow_send writes it (dates: days since 2000-01-01,
    binary_period: the period's two int32 as given, ±infinity being ±2^31 - 1 / -2^31)."""
    bars = [bars.get(b, (0, None)) for b in FLOW_BARS]
    side = lambda d: "" if d is None else d
    text = (f"v1 period={text_period or '[%s,%s)' % period} "
            f"target={text_target or ('[' if target[0] else '(') + side(target[0]) + ',' + side(target[1]) + ')'} " +
            " ".join(f"{name}={n}" + (f":{amount}" if amount is not None else "") for name, (n, amount) in zip(FLOW_BARS, bars)) +
            f" unchanged={unchanged} unvalued_start={unvalued_start} unvalued_end={unvalued_end}")
    day = lambda d: (date.fromisoformat(d) - DAY_2000).days
    bounds = (1 if target[0] else 0) | (2 if target[1] else 0)
    b = b"\x01" + struct.pack(">iiBii", *(binary_period or (day(period[0]), day(period[1]))), bounds,
                               day(target[0]) if target[0] else 0, day(target[1]) if target[1] else 0)
    for n, amount in bars:
        b += be64(n) + (amount.encode() + b"\0" if amount is not None else b"")
    b += be64(unchanged) + be64(unvalued_start) + be64(unvalued_end)
    return text, b

def sf(stages=2, won=1, open_=(0, 1), lost=(1, 0)):
    """A stage_funnel: the stages byte as given, the lists as given (their length may lie)."""
    text = f"v1 stages={stages} won={won} open={{{','.join(map(str, open_))}}} lost={{{','.join(map(str, lost))}}}"
    b = bytes([1, stages & 0xff]) + b"".join(be64(x) for x in (won,) + tuple(open_) + tuple(lost))
    return text, b

def st(stages=2, in_progress=(0, 1), bins=((1, 3, 1),)):
    """A stage_time: bins as (stage, days, stays), written in the order given."""
    groups = []
    for stage, days, count in bins:
        if groups and groups[-1][0] == stage:
            groups[-1][1].append(f"{days}:{count}")
        else:
            groups.append((stage, [f"{days}:{count}"]))
    text = (f"v1 stages={stages} in_progress={{{','.join(map(str, in_progress))}}} days={{" +
            ",".join(f"{stage}:{{{','.join(items)}}}" for stage, items in groups) + "}")
    b = bytes([1, stages & 0xff]) + b"".join(be64(x) for x in in_progress) + struct.pack(">i", len(bins))
    for stage, days, count in bins:
        b += struct.pack(">ii", stage, days) + be64(count)
    return text, b

LEAD_KEYS = ("leads", "opportunity_known", "opportunities", "customer_known", "customers",
             "opportunity_customer_known", "opportunity_customers", "marketing", "sales", "untouched",
             "pretouched")


def ls(bins=((300, 1), (1200, 1)), **counts):
    """A lead_summary: 4 leads (2 responded, 1 untouched, 1 pretouched), 3 with a known
    opportunity (2 true), 3 with a known customer (1 true), 2 and 1 among the opportunities,
    2 marketing and 1 sales; counts given by name replace these; bins as (seconds, leads)."""
    n = dict(zip(LEAD_KEYS, (4, 3, 2, 3, 1, 2, 1, 2, 1, 1, 1)))
    n.update(counts)
    text = ("v1 " + " ".join(f"{k}={n[k]}" for k in LEAD_KEYS) + " response_seconds={" +
            ",".join(f"{sec}:{c}" for sec, c in bins) + "}")
    b = bytes([1]) + b"".join(be64(n[k]) for k in LEAD_KEYS) + struct.pack(">i", len(bins))
    for sec, c in bins:
        b += struct.pack(">I", sec & 0xffffffff) + be64(c)     # an int32: 2^31 is -2^31
    return text, b

def ra(key_type="bigint", reps=((1, "1200.50", "1000"), (2, "300", None)), version=1, count=None):
    """A rep_attainment: reps as (key, achieved text, quota text or None), written in the order given,
    every rep in the binary form as a slow rep (flags, key, the sums' texts; REP_STATE_FORMAT's
    comment in src/attainment_by_rep.c); a bigint key an int, a text key bytes (the text form quotes
    them as UTF-8), a uuid key its 16 bytes."""
    def key_text(k):
        if key_type == "bigint":
            return str(k)
        if key_type == "uuid":
            h = k.hex()
            return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])
        # a NUL as \0, which the text input refuses (a cstring cannot hold one)
        return '"' + k.decode("utf-8", "replace").replace("\\", "\\\\").replace('"', '\\"').replace("\0", "\\0") + '"'
    text = f"v{version} key={key_type} reps={{" + ",".join(
        f"{key_text(k)}:{a}" + ("" if q is None else f"/{q}") for k, a, q in reps) + "}"
    b = bytes([version]) + {"bigint": b"b", "text": b"t", "uuid": b"u"}[key_type] + \
        struct.pack(">I", len(reps) if count is None else count)
    for k, a, q in reps:
        flags = 0x02 | (0x01 if q is not None else 0)
        if key_type == "bigint":
            z = ((k << 1) ^ (k >> 63)) & 0xffffffffffffffff
            kb = z.to_bytes(8, "little").rstrip(b"\0")
            flags |= len(kb) << 4
        elif key_type == "uuid":
            kb = k
        else:
            kb = bytes([len(k)]) + k          # lengths below 128: a one-byte varint
        b += bytes([flags]) + kb + a.encode() + b"\0" + (q.encode() + b"\0" if q is not None else b"")
    return text, b

def fr(rows=2, num=("1",), den=("3", "1e-30"), version=1, count=None):
    """A float_ratio_state: the terms as float8in spellings (0 alone for no term), the binary form's
    float8 of each; count: the numerator's term count written in the binary form."""
    text = f"v{version} rows={rows} numerator={','.join(num) or '0'} denominator={','.join(den) or '0'}"
    b = bytes([version]) + be64(rows)
    for i, terms in enumerate((num, den)):
        b += struct.pack(">H", len(terms) if count is None or i else count)
        b += b"".join(struct.pack(">d", float(t)) for t in terms)
    return text, b

CASES = [
 ("forecast_error", "valid", fe()),
 ("forecast_error", "F1 count = 0", fe(count=0, ae="0", e="0", se="0", aa="0", ape=0.0, sape=0.0, zero=0)),
 ("forecast_error", "F2 zero_actuals > count", fe(count=1, zero=2)),
 ("forecast_error", "F2 zero_actuals < 0", fe(count=1, zero=-1)),
 ("forecast_error", "F3 sum_abs_error < 0", fe(ae="-1", e="-1")),
 ("forecast_error", "F3 sum_ape < 0", fe(ape=-1.0)),
 ("forecast_error", "F3 sum_sape > 2 count", fe(sape=3.0)),
 ("forecast_error", "F4 |sum_error| > sum_abs_error", fe(ae="1", e="-2", se="4")),
 ("forecast_error", "F5 count sum_sq_error < sum_abs_error^2", fe(count=2, ae="2", e="2", se="1")),
 ("forecast_error", "F6 sum_abs_actual = 0, zero_actuals < count", fe(aa="0")),
 ("forecast_error", "F6 sum_abs_actual NaN, every actual zero", fe(zero=1, ae="NaN", e="NaN", se="NaN", aa="NaN", ape=0.0, sape=0.0)),
 ("forecast_error", "F6 sum_abs_actual = 0, zero_actuals < count, infinite sums",
  fe(count=2, zero=1, ae="Infinity", e="Infinity", se="Infinity", aa="0", ape=0.0, sape=0.0)),
 ("forecast_error", "F7 every actual zero, sum_ape > 0", fe(zero=1, aa="0", ape=1.0, sape=2.0)),
 ("forecast_error", "F7 every actual zero, sum_ape > 0, infinite sums",
  fe(zero=1, ae="Infinity", e="Infinity", se="Infinity", aa="0", ape=1.0, sape=float("nan"))),
 ("forecast_error", "F8 sum_sq_error > sum_abs_error^2", fe(ae="0", e="0", se="5", ape=0.0, sape=0.0)),
 ("forecast_error", "F9 only sum_sq_error infinite", fe(se="Infinity")),
 ("forecast_error", "F10 sum_abs_error = 0, sum_ape > 0", fe(ae="0", e="0", se="0", ape=1.0, sape=1.0)),
 ("forecast_error", "F11 finite sums, sum_ape infinite", fe(ape=float("inf"))),
 ("forecast_error", "F12 every actual zero, sum_sape odd", fe(zero=1, ae="5", e="5", se="25", aa="0", ape=0.0, sape=1.0)),
 ("forecast_error", "F4 float8 |sum_error| > sum_abs_error", fe(kind="float8", ae="1", e="-2", se="4")),
 ("forecast_error", "F8 float8 sum_sq_error > sum_abs_error^2", fe(kind="float8", ae="0", e="0", se="5", ape=0.0, sape=0.0)),
 ("deal_summary", "valid", ds()),
 ("deal_summary", "D1 no deal", ds(o=0, w=0, l=0, sums=(("0", 0),) * 4, bins=())),
 ("deal_summary", "D1 a negative deal count", ds(l=-1, sums=(("0", 1), ("0", 1), ("0", 1), ("0", 0)))),
 ("deal_summary", "D2 backdated_deals > deals", ds(bd=4, bins=())),
 ("deal_summary", "D3 open_pipeline_deals > open_deals", ds(sums=(("0", 2), ("0", 1), ("0", 1), ("0", 1)))),
 ("deal_summary", "D3 weighted_pipeline_deals > open_pipeline_deals", ds(o=2, sums=(("0", 1), ("0", 2), ("0", 1), ("0", 1)))),
 ("deal_summary", "D4 bins not increasing", ds(w=2, bins=((5, 1), (3, 1)))),
 ("deal_summary", "D4 bin without a deal", ds(bins=((5, 0),))),
 ("deal_summary", "D4 histogram > won_deals", ds(bins=((5, 2),))),
 ("deal_summary", "D5 backdated + cycle deals > deals", ds(o=0, l=0, bd=1, sums=(("0", 0), ("0", 0), ("0", 1), ("0", 0)))),
 ("deal_summary", "D6 sum over no deal", ds(sums=(("5", 0), ("0", 0), ("0", 1), ("0", 1)))),
 ("deal_summary", "D7 weighted NaN, open finite", ds(sums=(("5", 1), ("NaN", 1), ("0", 1), ("0", 1)))),
 ("deal_summary", "D8 cycle beyond the date range", ds(bins=((2147483647, 1),))),
 ("attainment", "valid", at()),
 ("attainment", "A1 reps != ratios (the binary form has no reps)", at(reps=2)),
 ("attainment", "A1 no row", at(z=0, ratios=(), tq="0")),
 ("attainment", "A2 total_quota < 0", at(tq="-2")),
 ("attainment", "A2 total_quota NaN", at(tq="NaN")),
 ("attainment", "A3 total_quota > 0 without ratios", at(z=1, ratios=(), tq="2")),
 ("attainment", "A3 total_quota = 0 with ratios", at(tq="0")),
 ("attainment", "A4 NaN ratio, finite total_achieved", at(ratios=(), wide=("NaN",))),
 ("attainment", "A5 ratio denominator <= 0", at(ratios=((1, 0),))),
 ("attainment", "A6 +Infinity ratio, total_achieved -Infinity", at(ta="-Infinity", ratios=(), wide=("Infinity",))),
 ("attainment", "A7 every row rated, finite ratios, total_achieved NaN", at(ta="NaN")),
 ("attainment", "A8 every row rated, total_achieved > max ratio x total_quota", at(ta="100")),
 ("pipeline_flow", "valid", pf(start=(1, "5"), increased=(1, "2"), end=(1, "7"))),
 ("pipeline_flow", "W1 empty period", pf(period=("2024-04-08", "2024-04-08"))),
 ("pipeline_flow", "W1 period lower > upper", pf(period=("2024-04-08", "2024-04-01"), text_period="[2024-04-08,2024-04-01)")),
 ("pipeline_flow", "W1 empty target", pf(target=("2024-05-01", "2024-05-01"))),
 ("pipeline_flow", "W1 infinite period bound", pf(text_period="[2024-04-01,infinity)", binary_period=(8857, 2 ** 31 - 1))),
 ("pipeline_flow", "W1 unbounded period (binary: as infinite)", pf(text_period="[2024-04-01,)", binary_period=(8857, 2 ** 31 - 1))),
 ("pipeline_flow", "W2 negative deals, balanced", pf(new=(-1, None), added=(1, "0"))),
 ("pipeline_flow", "W2 negative memo", pf(unvalued_start=-1)),
 ("pipeline_flow", "W3 an amount without a deal (binary: read as the next field)", pf(new=(0, "5"))),
 ("pipeline_flow", "W3 a deal without an amount (binary: reads the next field)", pf(start=(1, None), end=(1, "5"))),
 ("pipeline_flow", "W4 negative decreased", pf(start=(1, "5"), decreased=(1, "-1"), end=(1, "6"))),
 ("pipeline_flow", "W4 -Infinity increased", pf(start=(1, "5"), increased=(1, "-Infinity"), end=(1, "5"))),
 ("pipeline_flow", "W5 increased + unchanged > start", pf(start=(1, "5"), increased=(1, "1"), end=(1, "6"), unchanged=1)),
 ("pipeline_flow", "W5 increased + pushed_out + removed > start",
  pf(start=(2, "10"), increased=(1, "1"), pushed_out=(1, "5"), removed=(1, "6"))),
 ("pipeline_flow", "W6 unchanged > end", pf(start=(1, "5"), won=(1, "5"), unchanged=1)),
 ("pipeline_flow", "W7 deals do not balance", pf(start=(1, "5"), end=(2, "5"))),
 ("pipeline_flow", "W8 amounts do not balance", pf(start=(1, "5"), end=(1, "6"))),
 # not an invariant of the fields, but what a date is
 ("pipeline_flow", "period date past 5874897-12-31 (binary: day 2145031949)",
  pf(text_period="[2024-04-01,5874898-01-01)", binary_period=(8857, 2145031949))),
 ("pipeline_flow", "period date 2024-02-30 (binary: a day past infinity, 2^31 - 2)",
  pf(text_period="[2024-02-30,2024-04-08)", binary_period=(2 ** 31 - 2, 8864))),
 ("pipeline_flow", "valid: a BC period (0044-03-15 BC: day -746117)",
  pf(text_period="[0044-03-15 BC,2024-04-08)", binary_period=(-746117, 8864))),
 ("stage_funnel", "valid", sf()),
 ("stage_funnel", "valid: 255 stages", sf(stages=255, open_=(0,) * 255, lost=(1,) + (0,) * 254)),
 ("stage_funnel", "valid: all deals 2^63 - 1", sf(won=2 ** 63 - 3, open_=(1, 0), lost=(0, 1))),
 ("stage_funnel", "SF1 no stage", sf(stages=0, open_=(), lost=())),
 ("stage_funnel", "SF1 256 stages (binary: the byte is 0)", sf(stages=256, open_=(0,) * 256, lost=(0,) * 256)),
 ("stage_funnel", "SF1 a list shorter than the stages (binary: too short)", sf(open_=(1,))),
 ("stage_funnel", "SF2 won < 0", sf(won=-1)),
 ("stage_funnel", "SF2 an open count < 0", sf(open_=(2, -1))),
 ("stage_funnel", "SF3 all deals past 2^63 - 1", sf(won=2 ** 63 - 2, open_=(1, 0), lost=(0, 1))),
 ("stage_time", "valid", st()),
 ("stage_time", "valid: 255 stages, the largest day", st(stages=255, in_progress=(0,) * 255, bins=((255, 2147483493, 1),))),
 ("stage_time", "valid: no finished stay", st(bins=())),
 ("stage_time", "valid: a stage's stays 2^63 - 1", st(bins=((1, 0, 2 ** 62), (1, 1, 2 ** 62 - 1)))),
 ("stage_time", "ST1 no stage", st(stages=0, in_progress=(), bins=())),
 ("stage_time", "ST1 in_progress shorter than the stages (binary: read as the bin count)", st(in_progress=(0,), bins=())),
 ("stage_time", "ST2 in_progress < 0", st(in_progress=(0, -1))),
 ("stage_time", "ST3 bins out of order", st(bins=((1, 5, 1), (1, 3, 1)))),
 ("stage_time", "ST3 a bin repeated", st(bins=((1, 3, 1), (1, 3, 1)))),
 ("stage_time", "ST3 stages out of order", st(bins=((2, 1, 1), (1, 1, 1)))),
 ("stage_time", "ST3 a bin's stage 0", st(bins=((0, 1, 1),))),
 ("stage_time", "ST3 a bin's stage past n", st(bins=((3, 1, 1),))),
 ("stage_time", "ST4 negative days", st(bins=((1, -1, 1),))),
 ("stage_time", "ST4 days past 2147483493", st(bins=((1, 2147483494, 1),))),
 ("stage_time", "ST5 a bin without a stay", st(bins=((1, 3, 0),))),
 ("stage_time", "ST5 a bin with negative stays", st(bins=((1, 3, -1),))),
 ("stage_time", "ST6 a stage's stays past 2^63 - 1", st(bins=((1, 0, 2 ** 62), (1, 1, 2 ** 62)))),
 ("lead_summary", "valid", ls()),
 ("lead_summary", "valid: no lead", ls(bins=(), **{k: 0 for k in LEAD_KEYS})),
 ("lead_summary", "valid: the longest response (2^31 - 1 s), 0 s", ls(bins=((0, 1), (2147483647, 1)))),
 ("lead_summary", "valid: 2^63 - 1 leads, all responded",
  ls(bins=((0, 2 ** 62), (1, 2 ** 62 - 1)), leads=2 ** 63 - 1, untouched=0, pretouched=0)),
 ("lead_summary", "LS1 pretouched < 0", ls(bins=((300, 1), (1200, 1), (1500, 1)), pretouched=-1, untouched=2)),
 ("lead_summary", "LS2 opportunities > opportunity_known", ls(opportunities=4, opportunity_known=3)),
 ("lead_summary", "LS2 customer_known > leads", ls(customer_known=5)),
 ("lead_summary", "LS3 opportunity_customer_known > opportunities", ls(opportunity_customer_known=3)),
 ("lead_summary", "LS3 opportunity_customers > customers", ls(opportunity_customers=2, customers=1)),
 ("lead_summary", "LS4 marketing + sales > leads", ls(marketing=3, sales=2)),
 ("lead_summary", "LS5 response times out of order", ls(bins=((1200, 1), (300, 1)))),
 ("lead_summary", "LS5 a response time repeated", ls(bins=((300, 1), (300, 1)))),
 ("lead_summary", "LS6 a negative response time", ls(bins=((-1, 1), (1200, 1)))),
 ("lead_summary", "LS6 a response time of 2^31 s (binary: the int32 -2^31)", ls(bins=((300, 1), (2147483648, 1)))),
 ("lead_summary", "LS6 a response time without a lead", ls(bins=((300, 2), (1200, 0)))),
 ("lead_summary", "LS7 the leads do not add up", ls(leads=5)),
 ("lead_summary", "LS7 responded 2^64, 0 leads (0 in int64 arithmetic)",
  ls(bins=((0, 2 ** 62), (1, 2 ** 62), (2, 2 ** 62), (3, 2 ** 62)), leads=0, untouched=0,
                                                  pretouched=0, opportunity_known=0, opportunities=0,
                                                  customer_known=0, customers=0, opportunity_customer_known=0,
                                                  opportunity_customers=0, marketing=0, sales=0)),
 ("rep_attainment", "valid", ra()),
 ("rep_attainment", "valid: text keys, the empty one, quotes and backslashes",
  ra("text", ((b"", "5", "0"), (b"a\"b\\c", "7.5", None), (b"Zo\xc3\xab", "1", "2")))),
 ("rep_attainment", "valid: uuid keys, NaN and infinite achieved",
  ra("uuid", ((bytes(16), "NaN", "5"), (b"\xff" * 16, "-Infinity", None)))),
 ("rep_attainment", "valid: keys out of order (stored in key order)", ra(reps=((2, "1", "1"), (1, "1", "1")))),
 ("rep_attainment", "RA1 no rep", ra(reps=())),
 ("rep_attainment", "RA2 a rep twice", ra(reps=((1, "1", "1"), (1, "2", "2")))),
 ("rep_attainment", "RA3 a negative quota", ra(reps=((1, "1", "-1"),))),
 ("rep_attainment", "RA3 a NaN quota", ra(reps=((1, "1", "NaN"),))),
 ("rep_attainment", "RA3 an infinite quota", ra(reps=((1, "1", "Infinity"),))),
 ("rep_attainment", "version 2", ra(version=2)),
 ("rep_attainment", "a rep count past the bytes", ra(count=3)),
 # the binary form takes a text key's bytes as they are: a NUL, or bytes that are not UTF-8
 ("rep_attainment", "a text key with a NUL (text: none can be written)", ra("text", ((b"a\0b", "1", "2"),))),
 ("rep_attainment", "a text key that is not UTF-8 (text: the replacement character)",
  ra("text", ((b"\xff", "1", "2"),))),
 ("float_ratio_state", "valid", fr()),
 ("float_ratio_state", "valid: no row", fr(rows=0, num=(), den=())),
 ("float_ratio_state", "valid: not canonical (terms in any order, NaN twice)",
  fr(num=("1e20", "1", "-1e20", "NaN", "Infinity", "NaN"), den=("0.1", "0.2"))),
 ("float_ratio_state", "valid: float8's edges (the largest, the least subnormal)",
  fr(num=("1.7976931348623157e308", "5e-324"), den=("-5e-324",))),
 ("float_ratio_state", "valid: more special kinds than rows (no aggregate makes it)",
  fr(rows=1, num=("1", "NaN", "Infinity", "-Infinity"))),
 ("float_ratio_state", "FR4 rows = 0 with a sum", fr(rows=0, num=("1",), den=())),
 ("float_ratio_state", "FR4 rows = 0 with a NaN term", fr(rows=0, num=(), den=("NaN",))),
 ("float_ratio_state", "FR4 rows = 0, terms that cancel (valid: the sums are 0)", fr(rows=0, num=("1", "-1"), den=())),
 ("float_ratio_state", "FR4 rows < 0", fr(rows=-1)),
 ("float_ratio_state", "FR1 a sum past float8's range", fr(num=("1.7976931348623157e308", "1e292"))),
 ("float_ratio_state", "FR1 a sum at the rounding to 2^1024 (a tie, to even)",
  fr(num=("1.7976931348623157e308", "9.9792015476736e291"))),
 ("float_ratio_state", "a term below float8's range (binary: none can be written)", fr(num=("1e-400",))),
 ("float_ratio_state", "version 2", fr(version=2)),
 ("float_ratio_state", "a term count past the bytes", fr(count=2)),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dbname", default="salesops_fuzz")
    conn = psycopg2.connect(dbname=ap.parse_args().dbname)
    conn.autocommit = True
    cur = conn.cursor()
    for t in TYPES:
        cur.execute(f"CREATE TEMP TABLE fuzz_{t} (x {t})")
    for type_name, name, (text, binary) in CASES:
        print(f"{type_name:15} {name:66} text {text_in(cur, type_name, text):9} "
              f"binary {copy_binary(cur, type_name, binary)}")


if __name__ == "__main__":
    main()
