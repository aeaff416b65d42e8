#!/usr/bin/env python3
"""Coverage-guided mutation fuzzer for salesops' parsers, run in a real backend.

Drives salesops_fuzz_one(target, input) (test/fuzz/harness.c, in the
sanitizer build only) over one connection to a cluster whose postgres runs
with the UBSan runtime preloaded (test/fuzz.sh sets that up).  Each call
returns the status of the input (ok / rejected / wrong / skipped), the
library's coverage counters and, for an accepted summary, its text form; an
input that reaches a new (counter, bucket) pair joins the corpus, as in
libFuzzer and AFL.  Every accepted summary then goes through the invariant
oracle (test/fuzz/invariants.py, doc/summary-invariants.md): what the
aggregates guarantee, asserted on its fields, through the SQL accessors and
on rollup() of the value with itself.

Findings:
  crash   the connection dropped (UBSan abort, segfault): the input
          is saved under the findings directory and the server, which
          restarts its backends after a crash, is reconnected to.
  wrong   the parser accepted the input but an oracle failed (round trip,
          rollup, an accessor raising something other than a data error).
  invariant  the parser accepted a value that breaks an invariant of its
          summary type (no aggregate could have made it), or an accessor
          contradicts it: reported once per invariant id, each input saved
          (up to SAVE_PER_FINDING per id).
  odd     the parser rejected the input with an SQLSTATE outside the
          expected classes (22 data exception, XX001 data corrupted,
          08P01 "insufficient data left in message"): worth a look.

Usage (PGHOST/PGPORT/PGUSER set; test/fuzz.sh does all of it):
  fuzz.py --seconds 600 [--targets a,b] [--corpus DIR] [--findings DIR]
  fuzz.py --replay DIR...   run every file (corpus, regressions) once; exit 1 on
                            a crash, a wrong result or a broken invariant
Files are named <target>/<sha1>; the corpus grows in place (--corpus).
"""
import argparse
import decimal
import hashlib
import math
import os
import random
import re
import struct
import sys
import time
from pathlib import Path

import psycopg2

import invariants

TARGETS = ["forecast_error_in", "deal_summary_in", "attainment_in", "pipeline_flow_in", "exact_ratio_state_in",
           "forecast_error_recv", "deal_summary_recv", "attainment_recv", "pipeline_flow_recv",
           "exact_ratio_state_recv",
           "stage_funnel_in", "stage_funnel_recv", "stage_time_in", "stage_time_recv",
           "lead_summary_in", "lead_summary_recv", "rep_attainment_in", "rep_attainment_recv",
           "float_ratio_state_in", "float_ratio_state_recv"]
TEXT_TARGETS = {"forecast_error_in", "deal_summary_in", "attainment_in", "pipeline_flow_in",
                "exact_ratio_state_in", "stage_funnel_in", "stage_time_in", "lead_summary_in",
                "rep_attainment_in", "float_ratio_state_in"}
# the summary type of each summary target: its accepted values go through the invariant oracle
SUMMARY_TYPES = {"forecast_error_in": "forecast_error", "forecast_error_recv": "forecast_error",
                 "deal_summary_in": "deal_summary", "deal_summary_recv": "deal_summary",
                 "attainment_in": "attainment", "attainment_recv": "attainment",
                 "pipeline_flow_in": "pipeline_flow", "pipeline_flow_recv": "pipeline_flow",
                 "stage_funnel_in": "stage_funnel", "stage_funnel_recv": "stage_funnel",
                 "stage_time_in": "stage_time", "stage_time_recv": "stage_time",
                 "lead_summary_in": "lead_summary", "lead_summary_recv": "lead_summary",
                 "rep_attainment_in": "rep_attainment", "rep_attainment_recv": "rep_attainment",
                 "float_ratio_state_in": "float_ratio_state", "float_ratio_state_recv": "float_ratio_state"}
FINDINGS = ("crash", "wrong", "invariant")
SAVE_PER_FINDING = 20   # inputs saved per finding (kind, target, invariant or message)
DB = "salesops_fuzz"
EXPECTED_REJECT = re.compile(r"^(22...|XX001|08P01) ")

INTERESTING_NUMBERS = [
    b"0", b"1", b"-1", b"2", b"-0", b"0.0", b"00", b"9223372036854775807", b"9223372036854775808",
    b"-9223372036854775808", b"-9223372036854775809", b"4611686018427387904", b"2147483647",
    b"2147483648", b"-2147483648", b"4294967296", b"1e308", b"1e309", b"-1e308", b"1e-320",
    b"4.9e-324", b"NaN", b"Infinity", b"-Infinity", b"inf", b"nan", b"0.5", b"1.5",
    b"99999999999999999999999999999999999999", b"0.000000000000000000000000000000000000001",
    b"1" + b"0" * 40, b"9" * 18, b"9" * 19, b"0." + b"9" * 40, b"1.000000000000000000",
    b"10000000000000000000000000000000000000", b"9" * 200, b"-" + b"9" * 37,
    b"12345678901234567.123456789012345678", b"0.1", b"2.0000000001", b"1e-5", b"+1",
]
TEXT_TOKENS = [b"v1", b"v2", b"v0", b"numeric", b"float8", b"count=", b"zero_actuals=",
               b"sum_abs_error=", b"sum_error=", b"sum_sq_error=", b"sum_abs_actual=",
               b"sum_ape=", b"sum_sape=", b"open_deals=", b"won_deals=", b"lost_deals=",
               b"open_pipeline=", b"open_pipeline_deals=", b"weighted_pipeline=",
               b"weighted_pipeline_deals=", b"won_amount=", b"won_amount_deals=",
               b"lost_amount=", b"lost_amount_deals=", b"cycle_days=", b"reps=", b"zero_quotas=",
               b"total_achieved=", b"total_quota=", b"ratios=", b"/", b"{1/2}", b"{-1/3,7/5}",
               b"{", b"}", b":", b",",
               b" ", b"=", b"-", b".", b"e", b"{0:1}", b"{1:1,2:1}", b"\t", b"  ",
               # pipeline_flow: keys, ranges, bars
               b"period=", b"target=", b"[", b"]", b"(", b")", b"(,)", b"[2024-04-01,2024-04-08)",
               b"start=", b"new=", b"pulled_in=", b"added=", b"increased=", b"decreased=",
               b"pushed_out=", b"removed=", b"won=", b"lost=", b"end=", b"unchanged=",
               b"unvalued_start=", b"unvalued_end=", b"=0", b"=1:0", b"=1:NaN", b"=2:-1",
               # stage_funnel and stage_time: keys, lists, day histograms, the largest day
               b"stages=", b"stages=255", b"stages=256", b"stages=0", b"open=", b"lost=", b"in_progress=",
               b"days=", b"{0}", b"{1,0}", b"{}", b"{1:{0:1}}", b"1:{", b"255:{", b"256:{", b":{", b"},",
               b"}}", b"2147483493", b"2147483494", b"4294967297:",
               # lead_summary: its eleven keys, response histograms, the longest response and past it
               b"leads=", b"opportunity_known=", b"opportunities=", b"customer_known=", b"customers=",
               b"opportunity_customer_known=", b"opportunity_customers=", b"marketing=", b"sales=",
               b"untouched=", b"pretouched=", b"response_seconds=", b"response_seconds={}", b"{0:1}",
               b"{300:1,1200:1}", b"2147483647:", b"2147483648:", b":9223372036854775807",
               # rep_attainment: key types, quoted text keys and their escapes, uuid keys, a rep without quota
               b"key=", b"key=bigint ", b"key=text ", b"key=uuid ", b"reps={", b'"', b'\\"', b'\\\\', b'\\',
               b'"":', b'"a\\"b":', b"00000000-0000-0000-0000-000000000000:", b"018f3c1e-7b2a-7c3d-8e4f-0123456789ab",
               b"{018F3C1E7B2A7C3D8E4F0123456789AB}", b":1200.50/1000", b":300,", b"/0", b"/-1", b"/NaN",
               b"/Infinity", b":NaN", b":-Infinity", b"\xc3\xa9", b"\xff",
               # float_ratio_state: keys, term lists, float8's edges and spellings
               b"rows=", b"rows=0", b"numerator=", b"denominator=", b"=0", b",-", b",NaN", b",Infinity",
               b",-Infinity", b"1.7976931348623157e308", b"-1.7976931348623157e308", b"5e-324",
               b"2.2250738585072014e-308", b"2.225073858507201e-308", b"1e-323", b"9007199254740993",
               b"1.1102230246251565e-16", b"0x1p-1074", b"inf", b"-nan", b" 1", b"1 "]
# dates for a pipeline_flow's period and target window: text, and int32 days
# since 2000-01-01 (binary): the worked example's, the ends of the date range
# (4714-11-24 BC and 5874897-12-31) and one past them, the last day whose
# Julian day number fits an int32 and the next, the infinities (2^31 - 1 and
# -2^31) and their neighbours
DATE_TEXTS = [b"2024-04-01", b"2024-02-29", b"2023-02-29", b"2000-01-01", b"1999-12-31", b"0001-01-01",
              b"4713-11-24 BC", b"0044-03-15 BC", b"5874897-12-31", b"5874898-01-01", b"infinity",
              b"-infinity", b"epoch", b"\"2024-04-08\"", b"20240401", b"04/01/2024", b"2024-13-01", b""]
INT32_DATES = [0, 1, -1, 8857, 8864, 8948, -2451545, -2451546, 2145031948, 2145031949,
               2147483647 - 2451545, 2147483647 - 2451544, 2147483646, 2147483647, -2147483648,
               -2147483647]
INT64_SPECIAL = [0, 1, -1, 2, 0x7f, 0x80, 0xff, 0x7fffffff, -0x80000000, 0xffffffff,
                 0x7fffffffffffffff, -0x8000000000000000, 10 ** 18, 10 ** 17, 36, 37, 18, 19]
MAX_LEN = 8192          # inputs are cut to this after every mutation step
SAVE_MAX_LEN = 4096     # the committed corpus keeps short inputs only
FLOAT_SPECIAL = [0.0, -0.0, 1.0, -1.0, float("inf"), float("-inf"), float("nan"), 1e308,
                 5e-324, 2.0, 1e-300]


def be64(v):
    return struct.pack(">q", v)


def builtin_seeds():
    """Hand-made valid inputs of every target (the committed corpus adds more)."""
    fe_num = (b"v1 numeric count=6 zero_actuals=2 sum_abs_error=45 sum_error=5 sum_sq_error=625 "
              b"sum_abs_actual=500 sum_ape=0.4 sum_sape=2.3823194349510137")
    fe_flt = (b"v1 float8 count=3 zero_actuals=0 sum_abs_error=1.5 sum_error=-0.5 "
              b"sum_sq_error=1.25 sum_abs_actual=30 sum_ape=0.1 sum_sape=0.2")
    fe_wide = (b"v1 numeric count=2 zero_actuals=0 sum_abs_error=123456789012345678901234567890.5 "
               b"sum_error=NaN sum_sq_error=Infinity sum_abs_actual=0.000000000000000000001 "
               b"sum_ape=1 sum_sape=1")
    # format 2 / 3 (0.7.0): float8 sums as their exact value's terms
    fe_terms = (b"v2 float8 count=3 zero_actuals=0 sum_abs_error=2.7,-1.942890293094024e-16 "
                b"sum_error=-1.7,-2.7755575615628914e-17 sum_sq_error=4.29,-4.163336342344337e-17 "
                b"sum_abs_actual=3.3,1.6653345369377348e-16 sum_ape=2.1666666666666665,1.1102230246251565e-16 "
                b"sum_sape=3.4")
    ds_terms = (b"v3 float8 open_deals=2 won_deals=2 lost_deals=0 backdated_deals=0 open_pipeline=10.5,1e-300 "
                b"open_pipeline_deals=2 weighted_pipeline=1.05 weighted_pipeline_deals=2 won_amount=-3 "
                b"won_amount_deals=2 lost_amount=0 lost_amount_deals=0 cycle_days={0:2} won_amounts={-1.5:2}")
    ds_num = (b"v1 numeric open_deals=3 won_deals=3 lost_deals=2 open_pipeline=36234.56 "
              b"open_pipeline_deals=3 weighted_pipeline=11407.4048 weighted_pipeline_deals=3 "
              b"won_amount=50000 won_amount_deals=3 lost_amount=60000 lost_amount_deals=2 "
              b"cycle_days={29:1,30:1,100:1}")
    ds_flt = (b"v1 float8 open_deals=1 won_deals=2 lost_deals=0 open_pipeline=10.5 "
              b"open_pipeline_deals=1 weighted_pipeline=1.05 weighted_pipeline_deals=1 "
              b"won_amount=-3 won_amount_deals=2 lost_amount=0 lost_amount_deals=0 "
              b"cycle_days={0:2}")
    ds_empty = (b"v1 numeric open_deals=1 won_deals=0 lost_deals=0 open_pipeline=0 "
                b"open_pipeline_deals=0 weighted_pipeline=0 weighted_pipeline_deals=0 "
                b"won_amount=0 won_amount_deals=0 lost_amount=0 lost_amount_deals=0 cycle_days={}")

    def fe_bin(kind, count, zero, ape, sape, sums):
        out = b"\x01" + bytes([kind]) + be64(count) + be64(zero) + struct.pack(">dd", ape, sape)
        for s in sums:
            out += struct.pack(">d", s) if kind == 2 else s + b"\x00"
        return out

    def ds_bin(kind, open_, won, lost, sums, bins):
        out = b"\x01" + bytes([kind]) + be64(open_) + be64(won) + be64(lost)
        for value, deals in sums:
            out += (struct.pack(">d", value) if kind == 2 else value + b"\x00") + be64(deals)
        out += struct.pack(">i", len(bins))
        for days, deals in bins:
            out += struct.pack(">i", days) + be64(deals)
        return out

    def pf_bin(period, target, bars, memos):
        """period = (lower, upper) days since 2000-01-01; target = (lower or None, upper or None);
        bars = 11 (deals, amount text or None); memos = 3 counts (pipeline_flow_send's layout)"""
        bounds = (1 if target[0] is not None else 0) | (2 if target[1] is not None else 0)
        out = b"\x01" + struct.pack(">iiBii", period[0], period[1], bounds, target[0] or 0, target[1] or 0)
        for deals, amount in bars:
            out += be64(deals) + (amount + b"\x00" if deals > 0 else b"")
        return out + b"".join(be64(m) for m in memos)

    def at_bin(zero_quotas, achieved, quota, ratios, wide):
        out = b"\x01" + be64(zero_quotas) + achieved + b"\x00" + quota + b"\x00" + be64(len(ratios))
        for n, d in ratios:
            out += be64(n) + be64(d)
        out += be64(len(wide))
        for w in wide:
            out += w + b"\x00"
        return out

    pf_worked = (b"v1 period=[2024-04-01,2024-04-08) target=[2024-04-01,2024-07-01) start=8:145000 "
                 b"new=2:13000 pulled_in=2:17000 added=2:20000 increased=2:7000 decreased=2:12500 "
                 b"pushed_out=1:15000 removed=1:7000 won=2:47000 lost=2:28000 end=8:92500 unchanged=1 "
                 b"unvalued_start=2 unvalued_end=1")
    pf_rolling = (b"v1 period=[2024-04-01,2024-04-08) target=(,) start=1:5.0 new=0 pulled_in=0 added=0 "
                  b"increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=1:5.00 unchanged=1 "
                  b"unvalued_start=0 unvalued_end=0")
    pf_nan = (b"v1 period=[2024-04-01,2024-04-08) target=[2024-04-01,) start=2:NaN new=1:Infinity "
              b"pulled_in=0 added=0 increased=1:Infinity decreased=0 pushed_out=0 removed=0 won=1:-Infinity "
              b"lost=0 end=2:NaN unchanged=0 unvalued_start=0 unvalued_end=0")
    pf_zero = (b"v1 period=[2024-04-01,2024-04-02) target=(,2024-07-01) start=0 new=0 pulled_in=0 added=0 "
               b"increased=0 decreased=0 pushed_out=0 removed=0 won=0 lost=0 end=0 unchanged=0 "
               b"unvalued_start=3 unvalued_end=2")
    april, april8, july = 8857, 8864, 8948        # 2024-04-01, 2024-04-08, 2024-07-01
    pf_bars = [(8, b"145000"), (2, b"13000"), (2, b"17000"), (2, b"20000"), (2, b"7000"), (2, b"12500"),
               (1, b"15000"), (1, b"7000"), (2, b"47000"), (2, b"28000"), (8, b"92500")]
    return {
        # the worked examples of doc/funnel-and-leads.md (the committed corpus has more, from aggregates)
        "stage_funnel_in": [b"v1 stages=4 won=3 open={1,0,1,0} lost={1,1,2,1}",
                            b"v1 stages=1 won=1 open={0} lost={0}"],
        "stage_funnel_recv": [funnel_encode(4, 3, [1, 0, 1, 0], [1, 1, 2, 1]), funnel_encode(1, 1, [0], [0])],
        # the worked example of doc/funnel-and-leads.md (section 15), no lead, untouched leads only
        "lead_summary_in": [lead_text(LEAD_WORKED, LEAD_WORKED_BINS), lead_text([0] * 11, []),
                            lead_text([3, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0], []),
                            lead_text([2, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0], [(0, 1), (2147483647, 1)])],
        "lead_summary_recv": [lead_encode(LEAD_WORKED, LEAD_WORKED_BINS), lead_encode([0] * 11, []),
                              lead_encode([3, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0], []),
                              lead_encode([2, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0], [(0, 1), (2147483647, 1)])],
        "stage_time_in": [b"v1 stages=4 in_progress={1,1,0,0} days={1:{1:1,2:1},3:{3:1}}",
                          b"v1 stages=2 in_progress={0,3} days={}",
                          b"v1 stages=1 in_progress={0} days={1:{0:2,2147483493:1}}"],
        "stage_time_recv": [time_encode(4, [1, 1, 0, 0], [(1, 1, 1), (1, 2, 1), (3, 3, 1)]),
                            time_encode(2, [0, 3], []), time_encode(1, [0], [(1, 0, 2), (1, 2147483493, 1)])],
        "pipeline_flow_in": [pf_worked, pf_rolling, pf_nan, pf_zero],
        "pipeline_flow_recv": [
            pf_bin((april, april8), (april, july), pf_bars, [1, 2, 1]),
            pf_bin((april, april8), (None, None), [(1, b"5.0")] + [(0, None)] * 9 + [(1, b"5.00")], [1, 0, 0]),
            pf_bin((april, april + 1), (None, july), [(0, None)] * 11, [0, 3, 2]),
        ],
        "attainment_in": [
            b"v1 reps=4 zero_quotas=1 total_achieved=394999.99 total_quota=390000 "
            b"ratios={1/2,9999999/10000000,1,6/5}",
            b"v1 reps=3 zero_quotas=0 total_achieved=1000000000000000000000000000005.00000000000000000001 "
            b"total_quota=3.0000000000000000000300001 "
            b"ratios={1/3,50000000000000000000000000,1000000000000000000000000000000/3}",
            b"v1 reps=0 zero_quotas=2 total_achieved=29500 total_quota=0.00 ratios={}",
            b"v1 reps=3 zero_quotas=0 total_achieved=12500 total_quota=30000 ratios={-1/2,1/4,3/2}",
        ],
        "attainment_recv": [
            at_bin(1, b"394999.99", b"390000", [(1, 2), (9999999, 10000000), (1, 1), (6, 5)], []),
            at_bin(0, b"1000000000000000000000000000005.00000000000000000001",
                   b"3.0000000000000000000300001", [(1, 3)],
                   [b"50000000000000000000000000", b"1000000000000000000000000000000/3"]),
            at_bin(2, b"29500", b"0.00", [], []),
        ],
        "forecast_error_in": [fe_num, fe_flt, fe_wide, fe_terms],
        "deal_summary_in": [ds_num, ds_flt, ds_empty, ds_terms],
        "forecast_error_recv": [
            fe_bin(1, 6, 2, 0.4, 2.38, [b"45", b"5", b"625", b"500"]),
            fe_bin(2, 3, 0, 0.1, 0.2, [1.5, -0.5, 1.25, 30.0]),
            fe_bin(1, 1, 0, 0.0, 0.0, [b"1" * 30 + b".5", b"NaN", b"-Infinity", b"0.001"]),
            # format 2: forecast_error_send of the three float8 pairs of fe_terms
            bytes.fromhex("020200000000000000030000000000000000000240015555555555553ca00000000000000001400b33333333"
                          "33330002400599999999999abcac0000000000000002bffb333333333333bc800000000000000002401128f5c2"
                          "8f5c29bc880000000000000002400a6666666666663ca8000000000000"),
        ],
        "deal_summary_recv": [
            ds_bin(1, 3, 3, 2, [(b"36234.56", 3), (b"11407.4048", 3), (b"50000", 3), (b"60000", 2)],
                   [(29, 1), (30, 1), (100, 1)]),
            ds_bin(2, 1, 2, 0, [(10.5, 1), (1.05, 1), (-3.0, 2), (0.0, 0)], [(0, 2)]),
        ],
        # rep_attainment: every key type, reps without a quota, quotas of 0, slow sums (past int64 units
        # or scale 18, NaN, infinite), the empty text key, quotes and backslashes, non-ASCII keys
        "rep_attainment_in": [ra_text(*v) for v in RA_SEEDS],
        "rep_attainment_recv": [ra_encode(*v) for v in RA_SEEDS] + [ra_encode(*RA_SEEDS[1], slow=True),
                                                                    ra_encode(*RA_SEEDS[4], slow=True)],
        "exact_ratio_state_in": [
            b"v1 numerator=50000 denominator=110000",
            b"v1 numerator=1.5 denominator=4.625",
            b"v1 numerator=123456789012345678901234567890.5 denominator=-Infinity",
            b"v1 numerator=NaN denominator=0.000000000000000000001",
        ],
        "exact_ratio_state_recv": [
            b"\x0150000\x00110000\x00",
            b"\x011.5\x004.625\x00",
            b"\x01123456789012345678901234567890.5\x00-Infinity\x00",
            b"\x01NaN\x000.000000000000000000001\x00",
        ],
        # float_ratio_state: canonical and non-canonical term lists, NaN and the infinities, float8's
        # edges, a frame without rows (the committed corpus has more)
        "float_ratio_state_in": [fr_text(*v) for v in FR_SEEDS] + [
            b"v1 rows=0 numerator=0 denominator=0",
            b"v1 rows=3 numerator=1e+20,1,-1e+20 denominator=0x1p-1074,-0,inf",
            b"v1 rows=2 numerator=NaN denominator=-Infinity,Infinity,nan"],
        "float_ratio_state_recv": [fr_encode(*v) for v in FR_SEEDS],
    }


RA_SEEDS = [
    ("bigint", [(1, "1200.50", "1000"), (2, "300", None)]),
    ("bigint", [(-3, "700", None), (2, "0", "500.00"), (5, "80", "100"), (6, "50", "0"), (10, "300.75", "250"),
                (40, "500.50", "500.5")]),
    ("bigint", [(-2 ** 63, "1" + "0" * 30, "3"), (0, "NaN", "5"), (1, "Infinity", "2"), (2, "-Infinity", None),
                (2 ** 63 - 1, "9223372036854775808", "0.0000000000000000001")]),
    ("bigint", [(7, "1.000000000000000001", "3.0000000000000000000000000000000000001")]),
    ("text", [("", "5", "0"), ("A", "10", "20"), ("Zoë", "44", "40"), ("a", "30", "30"), ("a ", "1", "1"),
              ("a\"b\\c", "7.5", None), ("日本", "3", "4")]),
    ("text", [("", "0", None)]),
    ("text", [("0051U00000ABcdE", "123456789012345678901234567890.5", "1000"), ("x" * 200, "NaN", None)]),
    ("uuid", [(bytes(16), "3", None), (bytes.fromhex("018f3c1e7b2a7c3d8e4f0123456789ab"), "0", "8"),
              (b"\xff" * 16, "-1", "1")]),
    ("uuid", [(bytes(15) + b"\x01", "1" + "0" * 200, "0." + "0" * 40 + "1")]),
]


# float_ratio_state seeds: (rows, numerator terms, denominator terms), the terms float8 values
FR_SEEDS = [
    (0, [], []),
    (3, [50000.0], [110000.0]),
    (4, [0.30000000000000004, -2.7755575615628914e-17], [1.0, 1e-30]),
    (2, [1e20, 1.0, -1e20], [1e20, 1.0]),
    (5, [1.7976931348623157e308, -1.7976931348623157e308, 5e-324], [2.2250738585072014e-308, -5e-324]),
    (1, [float("nan")], [float("inf"), 12.5]),
    (3, [float("inf"), float("-inf")], [float("-inf"), 1.0]),
    (9223372036854775807, [1.0, 2 ** -53], [1.0, -(2 ** -54)]),
    (7, [0.1] * 10 + [-0.1] * 3, [0.1 * k for k in range(1, 30)]),
]


def fr_term_text(x, rng=None):
    """A float8 term as float8in reads it: shortest, or (rng given) now and then another spelling."""
    if math.isnan(x):
        return "NaN" if rng is None or rng.random() < 0.8 else rng.choice(["nan", "NaN", "-NaN", "NAN"])
    if math.isinf(x):
        return ("Infinity" if x > 0 else "-Infinity") if rng is None or rng.random() < 0.8 else \
            ("inf" if x > 0 else "-inf")
    if rng is None or rng.random() < 0.7:
        return repr(x)
    return rng.choice(["%.17g", "%.25e", "%.40g", "%a"]) % x if rng.random() < 0.9 else "%.3g" % x


def fr_text(rows, numerator, denominator, rng=None):
    """float_ratio_state's text form of the terms as given (canonical or not)."""
    def terms(ts):
        return ",".join(fr_term_text(x, rng) for x in ts) if ts else "0"
    return ("v1 rows=%d numerator=%s denominator=%s" % (rows, terms(numerator), terms(denominator))).encode()


def fr_encode(rows, numerator, denominator, version=1, counts=None):
    """float_ratio_state_send's layout: the version byte, rows (int64), per sum a uint16 count and
    its float8 terms (counts: the counts written, which may lie)."""
    out = bytes([version & 0xff]) + struct.pack(">q", clamp64(rows))
    for i, ts in enumerate((numerator, denominator)):
        n = len(ts) if counts is None else counts[i]
        out += struct.pack(">H", n & 0xffff) + b"".join(struct.pack(">d", x) for x in ts)
    return out


def load_dir(root, target):
    d = Path(root) / target
    if not d.is_dir():
        return []
    return [p.read_bytes() for p in sorted(d.iterdir()) if p.is_file()]


def save(root, target, data):
    d = Path(root) / target
    d.mkdir(parents=True, exist_ok=True)
    path = d / hashlib.sha1(data).hexdigest()
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- mutations

def mutate_text(rng, data, corpus):
    data = bytearray(data)
    for _ in range(rng.choice([1, 1, 1, 2, 3, 4, 8])):
        op = rng.randrange(12)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:                      # replace a number with an interesting one
            spans = [m.span() for m in re.finditer(rb"-?[0-9][0-9.e+-]*|NaN|-?Infinity", bytes(data))]
            if spans:
                a, b = rng.choice(spans)
                data[a:b] = rng.choice(INTERESTING_NUMBERS)
        elif op == 1:                             # insert a token
            data[pos:pos] = rng.choice(TEXT_TOKENS)
        elif op == 2 and data:                    # delete a span
            end = min(len(data), pos + rng.randint(1, 12))
            del data[pos:end]
        elif op == 3 and data:                    # flip a bit
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif op == 4 and data:                    # random byte
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 5:                             # duplicate a space-separated token
            tokens = bytes(data).split(b" ")
            i = rng.randrange(len(tokens))
            tokens.insert(rng.randrange(len(tokens) + 1), tokens[i])
            data = bytearray(b" ".join(tokens))
        elif op == 6:                             # drop or swap tokens
            tokens = bytes(data).split(b" ")
            if len(tokens) > 1:
                i, j = rng.randrange(len(tokens)), rng.randrange(len(tokens))
                if rng.random() < 0.5:
                    tokens[i], tokens[j] = tokens[j], tokens[i]
                else:
                    del tokens[i]
            data = bytearray(b" ".join(tokens))
        elif op == 7:                             # splice with another corpus entry
            other = rng.choice(corpus)
            cut = rng.randrange(len(other) + 1)
            data = data[:pos] + bytearray(other[cut:])
        elif op == 8:                             # a long histogram
            n = rng.choice([2, 10, 100, 1000])
            bins = b",".join(b"%d:%d" % (d, rng.choice([1, 1, 2, 9223372036854775807 // n, 2 ** 62]))
                             for d in sorted(rng.sample(range(0, 100000), n)))
            data = bytearray(re.sub(rb"cycle_days=\{[^ ]*", b"cycle_days={" + bins + b"}", bytes(data)))
        elif op == 9:                             # a number's digits repeated
            spans = [m.span() for m in re.finditer(rb"[0-9]+", bytes(data))]
            if spans:
                a, b = rng.choice(spans)
                data[a:b] = bytes(data[a:b]) * rng.choice([2, 5, 50, 1000])
        elif op == 10:                            # a date (pipeline_flow's ranges) replaced
            spans = [m.span() for m in re.finditer(rb"-?[0-9]+-[0-9]+-[0-9]+(?: BC)?|-?infinity", bytes(data))]
            if spans:
                a, b = rng.choice(spans)
                data[a:b] = rng.choice(DATE_TEXTS)
        else:                                     # truncate
            data = data[:pos]
        del data[MAX_LEN:]
    return bytes(data)


def mutate_binary(rng, data, corpus):
    data = bytearray(data)
    for _ in range(rng.choice([1, 1, 1, 2, 3, 4, 8])):
        op = rng.randrange(10)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif op == 1 and data:
            data[rng.randrange(len(data))] = rng.choice([0, 1, 2, 0x7f, 0x80, 0xff, rng.randrange(256)])
        elif op == 2 and len(data) >= 8:          # an interesting int64 / int32 / float8
            i = rng.randrange(len(data) - 7)
            kind = rng.randrange(3)
            if kind == 0:
                data[i:i + 8] = struct.pack(">q", rng.choice(INT64_SPECIAL) if rng.random() < 0.8
                                            else rng.randrange(-2 ** 63, 2 ** 63))
            elif kind == 1:
                data[i:i + 4] = struct.pack(">i", rng.choice(INT32_DATES) if rng.random() < 0.5 else
                                            max(-2 ** 31, min(2 ** 31 - 1, rng.choice(INT64_SPECIAL))))
            else:
                data[i:i + 8] = struct.pack(">d", rng.choice(FLOAT_SPECIAL))
        elif op == 3:                             # insert bytes or a numeric text
            if rng.random() < 0.5:
                data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
            else:
                data[pos:pos] = rng.choice(INTERESTING_NUMBERS) + b"\x00"
        elif op == 4 and data:
            end = min(len(data), pos + rng.randint(1, 16))
            del data[pos:end]
        elif op == 5:
            data = data[:pos]
        elif op == 6:
            other = rng.choice(corpus)
            cut = rng.randrange(len(other) + 1)
            data = data[:pos] + bytearray(other[cut:])
        elif op == 7 and data:                    # repeat a chunk (histogram bins)
            a = rng.randrange(len(data))
            b = min(len(data), a + rng.choice([12, 13, 16, 24]))
            data[b:b] = bytes(data[a:b]) * rng.choice([1, 2, 10, 100])
        elif op == 8 and data:                    # replace a NUL-terminated string
            nuls = [i for i, c in enumerate(data) if c == 0]
            if nuls:
                end = rng.choice(nuls)
                start = end
                while start > 0 and 0x20 <= data[start - 1] < 0x7f:
                    start -= 1
                data[start:end] = rng.choice(INTERESTING_NUMBERS)
        else:
            data[0:1] = bytes([rng.choice([0, 1, 2, 255])])
        del data[MAX_LEN:]
    return bytes(data)


# ---------------------------------------------------------------- pipeline_flow

FLOW_BARS = ("start", "new", "pulled_in", "added", "increased", "decreased", "pushed_out", "removed",
             "won", "lost", "end")
FLOW_MEMOS = ("unchanged", "unvalued_start", "unvalued_end")
FLOW_INFLOWS = ("start", "new", "pulled_in", "added")
FLOW_OUTFLOWS = ("end", "pushed_out", "removed", "won", "lost")
FLOW_TEXT_BAR = re.compile(rb"(?<![a-z_])(%s)=(-?[0-9]+)(?::([^ ]*))?" % b"|".join(b.encode() for b in FLOW_BARS))
FLOW_TEXT_MEMO = re.compile(rb"(?<![a-z_])(%s)=(-?[0-9]+)" % b"|".join(m.encode() for m in FLOW_MEMOS))
FLOW_DEALS = [1, 1, 1, 2, 3, 10 ** 9, 2 ** 31, 2 ** 62, 2 ** 63 - 1]
DECIMAL = decimal.Context(prec=2000, traps=[])   # exact for every INTERESTING_NUMBERS sum


def decimal_text(x):
    """A Decimal as a numeric literal (no exponent)."""
    if x.is_nan():
        return "NaN"
    if x.is_infinite():
        return "Infinity" if x > 0 else "-Infinity"
    return format(x, "f")


def flow_add(amount, x):
    """amount (text or None: no deal yet) + x (text), as numeric adds them; a literal Decimal
    cannot read is kept (the move then breaks the value, which is fine for a fuzzer)."""
    try:
        a = decimal.Decimal(amount or "0")
        b = decimal.Decimal(x)
    except decimal.InvalidOperation:
        return x
    return decimal_text(DECIMAL.add(a, b))


def flow_move(rng, bars, memos):
    """Change a waterfall the way one more deal (or k deals) would, keeping W5 to W8:
    bars = {bar: [deals, amount text or None]}, memos = {memo: count}, changed in place."""
    k = rng.choice(FLOW_DEALS)
    x = rng.choice(INTERESTING_NUMBERS).decode()

    def add(bar, deals, amount):
        bars[bar][0] += deals
        bars[bar][1] = flow_add(bars[bar][1], amount)

    kind = rng.randrange(4)
    if kind == 0:                 # k deals in by one door and out by another
        add(rng.choice(FLOW_INFLOWS), k, x)
        add(rng.choice(FLOW_OUTFLOWS), k, x)
    elif kind == 1:               # a deal in the pipeline at both ends, re-priced
        d = rng.choice(INTERESTING_NUMBERS).decode().lstrip("-+")
        up = rng.random() < 0.5
        add("start", k, x)
        add(rng.choice(("end", "won")), k, flow_add(x, d if up else "-" + d))
        add("increased" if up else "decreased", k, d)
    elif kind == 2:               # unchanged deals
        add("start", k, x)
        add("end", k, x)
        memos["unchanged"] += k
    else:                         # deals without an amount
        memos[rng.choice(FLOW_MEMOS[1:])] += k


def mutate_flow_text(rng, data):
    """A structured change of a pipeline_flow text form (flow_move), or None if it has no bars."""
    bars = {m.group(1).decode(): [int(m.group(2)), m.group(3).decode(errors="replace") if m.group(3) else None]
            for m in FLOW_TEXT_BAR.finditer(data)}
    memos = {m.group(1).decode(): int(m.group(2)) for m in FLOW_TEXT_MEMO.finditer(data)}
    if len(bars) != len(FLOW_BARS) or len(memos) != len(FLOW_MEMOS):
        return None
    flow_move(rng, bars, memos)

    def bar(m):
        deals, amount = bars[m.group(1).decode()]
        return b"%s=%d" % (m.group(1), deals) + (b":" + amount.encode() if amount is not None and deals != 0 else b"")
    data = FLOW_TEXT_BAR.sub(bar, data)
    return FLOW_TEXT_MEMO.sub(lambda m: b"%s=%d" % (m.group(1), memos[m.group(1).decode()]), data)


def flow_decode(data):
    """pipeline_flow_send's layout as (version, [period and target ints], bounds, bars, memos), or None."""
    try:
        version = data[0]
        p_lower, p_upper, bounds, t_lower, t_upper = struct.unpack_from(">iiBii", data, 1)
        pos = 18
        bars = {}
        for bar in FLOW_BARS:
            deals, = struct.unpack_from(">q", data, pos)
            pos += 8
            amount = None
            if deals > 0:
                end = data.index(b"\x00", pos)
                amount = data[pos:end].decode()
                pos = end + 1
            bars[bar] = [deals, amount]
        memos = dict(zip(FLOW_MEMOS, struct.unpack_from(">qqq", data, pos)))
        if pos + 24 != len(data):
            return None
    except (IndexError, ValueError, struct.error, UnicodeDecodeError):
        return None
    return version, [p_lower, p_upper, t_lower, t_upper], bounds, bars, memos


def flow_encode(version, dates, bounds, bars, memos):
    out = bytes([version & 0xff]) + struct.pack(">iiBii", dates[0], dates[1], bounds & 0xff, dates[2], dates[3])
    for bar in FLOW_BARS:
        deals, amount = bars[bar]
        deals = max(-2 ** 63, min(2 ** 63 - 1, deals))
        out += struct.pack(">q", deals) + ((amount or "0").encode() + b"\x00" if deals > 0 else b"")
    return out + b"".join(struct.pack(">q", max(-2 ** 63, min(2 ** 63 - 1, memos[m]))) for m in FLOW_MEMOS)


def mutate_flow_binary(rng, data):
    """A structured change of a pipeline_flow binary form: flow_move, or its dates and target bounds."""
    decoded = flow_decode(data)
    if decoded is None:
        return None
    version, dates, bounds, bars, memos = decoded
    if rng.random() < 0.6:
        flow_move(rng, bars, memos)
    else:
        i = rng.randrange(4)
        dates[i] = rng.choice(INT32_DATES) if rng.random() < 0.5 else dates[i] + rng.choice([-1, 1, -7, 7, 366])
        dates[i] = max(-2 ** 31, min(2 ** 31 - 1, dates[i]))
        if rng.random() < 0.3:
            bounds = rng.randrange(4)
            dates[2] = dates[2] if bounds & 1 else 0
            dates[3] = dates[3] if bounds & 2 else 0
    return flow_encode(version, dates, bounds, bars, memos)


# ---------------------------------------------------------------- stage_funnel, stage_time

STAGE_COUNTS = [0, 1, 2, 3, 2 ** 31, 2 ** 32 + 1, 2 ** 61, 2 ** 62 - 1, 2 ** 62, 2 ** 63 - 2, 2 ** 63 - 1,
                2 ** 63, -1, -2 ** 63]
STAGE_DAYS = [0, 1, 2, 7, 365, 2147483492, 2147483493, 2147483494, 2 ** 31 - 1, -1, -2 ** 31]
STAGE_NUMBERS = [0, 1, 2, 4, 254, 255, 256, -1]


def funnel_encode(stages, won, open_, lost, version=1):
    """stage_funnel_send's layout (the stages byte as given: a list of another length is a lie)."""
    return bytes([version & 0xff, stages & 0xff]) + b"".join(
        struct.pack(">q", clamp64(x)) for x in [won] + list(open_) + list(lost))


def time_encode(stages, in_progress, bins, version=1, bin_count=None):
    """stage_time_send's layout: bins as (stage, days, count)."""
    out = bytes([version & 0xff, stages & 0xff]) + b"".join(struct.pack(">q", clamp64(x)) for x in in_progress)
    out += struct.pack(">i", clamp32(len(bins) if bin_count is None else bin_count))
    return out + b"".join(struct.pack(">iiq", clamp32(s), clamp32(d), clamp64(c)) for s, d, c in bins)


def clamp64(x):
    return max(-2 ** 63, min(2 ** 63 - 1, x))


def clamp32(x):
    return max(-2 ** 31, min(2 ** 31 - 1, x))


FUNNEL_TEXT = re.compile(rb"v(\d+) stages=(\d+) won=(-?\d+) open=\{([-0-9,]*)\} lost=\{([-0-9,]*)\}")
TIME_TEXT = re.compile(rb"v(\d+) stages=(\d+) in_progress=\{([-0-9,]*)\} days=\{(.*)\}")


def int_list(text):
    return [int(x) for x in text.split(b",") if x != b""]


def funnel_decode(target, data):
    """(stages, won, open, lost) of a stage_funnel's text or binary form, or None."""
    try:
        if target.endswith("_in"):
            m = FUNNEL_TEXT.fullmatch(data)
            return (int(m.group(2)), int(m.group(3)), int_list(m.group(4)), int_list(m.group(5))) if m else None
        n = data[1]
        counts = struct.unpack(">%dq" % (1 + 2 * n), data[2:])
        return n, counts[0], list(counts[1:n + 1]), list(counts[n + 1:])
    except (IndexError, ValueError, struct.error):
        return None


def time_decode(target, data):
    """(stages, in_progress, [(stage, days, count)]) of a stage_time's text or binary form, or None."""
    try:
        if target.endswith("_in"):
            m = TIME_TEXT.fullmatch(data)
            if not m:
                return None
            bins = [(int(s), int(d), int(c)) for s, inner in re.findall(rb"(\d+):\{([^{}]*)\}", m.group(4))
                    for d, c in (item.split(b":") for item in inner.split(b","))]
            return int(m.group(2)), int_list(m.group(3)), bins
        n = data[1]
        in_progress = list(struct.unpack_from(">%dq" % n, data, 2))
        pos = 2 + 8 * n
        count, = struct.unpack_from(">i", data, pos)
        bins = [struct.unpack_from(">iiq", data, pos + 4 + 16 * i) for i in range(count)]
        if pos + 4 + 16 * count != len(data):
            return None
        return n, in_progress, bins
    except (IndexError, ValueError, struct.error):
        return None


def time_text(stages, in_progress, bins):
    """stage_time_out's layout (bins written in the order given)."""
    groups = []
    for s, d, c in bins:
        if groups and groups[-1][0] == s:
            groups[-1][1].append((d, c))
        else:
            groups.append((s, [(d, c)]))
    days = ",".join("%d:{%s}" % (s, ",".join("%d:%d" % dc for dc in items)) for s, items in groups)
    return ("v1 stages=%d in_progress={%s} days={%s}" % (stages, ",".join(map(str, in_progress)), days)).encode()


def pick_count(rng):
    return rng.choice(STAGE_COUNTS) if rng.random() < 0.5 else rng.choice([0, 1, 1, 2, 3, 10])


def mutate_stage_funnel(rng, target, data):
    """A structured change of a stage_funnel: a count (an edge of int64 often), the stage count with
    lists of its length, or one list longer or shorter; None if data is not one."""
    v = funnel_decode(target, data)
    if v is None:
        return None
    stages, won, open_, lost = v
    kind = rng.randrange(4)
    if kind == 0:
        won = pick_count(rng)
    elif kind == 1 and (open_ or lost):
        counts = open_ if open_ and (not lost or rng.random() < 0.5) else lost
        counts[rng.randrange(len(counts))] = pick_count(rng)
    elif kind == 2:
        stages = rng.choice(STAGE_NUMBERS) if rng.random() < 0.5 else rng.randint(1, 255)
        n = max(0, stages)
        open_ = (open_ + [pick_count(rng) for _ in range(n)])[:n]
        lost = (lost + [pick_count(rng) for _ in range(n)])[:n]
    else:
        (open_ if rng.random() < 0.5 else lost).append(pick_count(rng))
    if target.endswith("_in"):
        return b"v1 stages=%d won=%d open={%s} lost={%s}" % (
            stages, won, ",".join(map(str, open_)).encode(), ",".join(map(str, lost)).encode())
    return funnel_encode(stages, won, open_, lost)


def mutate_stage_time(rng, target, data):
    """A structured change of a stage_time: a bin added (kept in order most of the time), removed,
    or given an edge stage, day or count; a running count; the stage count; None if not one."""
    v = time_decode(target, data)
    if v is None:
        return None
    stages, in_progress, bins = v
    bins = list(bins)
    kind = rng.randrange(6)
    if kind == 0 or not bins:
        s = rng.randint(1, max(1, stages)) if rng.random() < 0.8 else rng.choice(STAGE_NUMBERS)
        d = rng.choice(STAGE_DAYS) if rng.random() < 0.5 else rng.randrange(400)
        bins.append((s, d, pick_count(rng)))
        if rng.random() < 0.8:
            bins.sort(key=lambda b: (b[0], b[1]))
    elif kind == 1:
        del bins[rng.randrange(len(bins))]
    elif kind == 2:
        i = rng.randrange(len(bins))
        s, d, c = bins[i]
        field = rng.randrange(3)
        if field == 0:
            s = rng.choice(STAGE_NUMBERS)
        elif field == 1:
            d = rng.choice(STAGE_DAYS)
        else:
            c = pick_count(rng)
        bins[i] = (s, d, c)
    elif kind == 3 and in_progress:
        in_progress[rng.randrange(len(in_progress))] = pick_count(rng)
    elif kind == 4:
        stages = rng.choice(STAGE_NUMBERS) if rng.random() < 0.5 else rng.randint(1, 255)
        n = max(0, stages)
        in_progress = (in_progress + [pick_count(rng) for _ in range(n)])[:n]
    else:                          # a bin repeated, or two swapped
        i = rng.randrange(len(bins))
        if rng.random() < 0.5:
            bins.insert(i, bins[i])
        else:
            j = rng.randrange(len(bins))
            bins[i], bins[j] = bins[j], bins[i]
    if target.endswith("_in"):
        return time_text(stages, in_progress, bins)
    return time_encode(stages, in_progress, bins, bin_count=len(bins) if rng.random() < 0.95 else
                       rng.choice([-1, 0, len(bins) + 1, 2 ** 27, 2 ** 31 - 1]))


# ---------------------------------------------------------------- lead_summary

LEAD_KEYS = ["leads", "opportunity_known", "opportunities", "customer_known", "customers",
             "opportunity_customer_known", "opportunity_customers", "marketing", "sales", "untouched",
             "pretouched"]
# the ten leads of doc/funnel-and-leads.md section 15: counts in LEAD_KEYS order, (seconds, leads) bins
LEAD_WORKED = [10, 10, 5, 10, 3, 5, 3, 7, 2, 1, 1]
LEAD_WORKED_BINS = [(300, 1), (1200, 1), (2700, 1), (3000, 1), (9000, 1), (34200, 1), (172800, 1), (232800, 1)]
LEAD_SECONDS = [0, 1, 59, 60, 299, 300, 301, 3600, 86400, 2147483646, 2147483647, 2 ** 31, -1, -2 ** 31]


def lead_encode(counts, bins, version=1, bin_count=None):
    """lead_summary_send's layout: the version byte, the eleven counts (int64), the bin count (int32),
    then per bin its seconds (int32) and leads (int64)."""
    out = bytes([version & 0xff]) + b"".join(struct.pack(">q", clamp64(x)) for x in counts)
    out += struct.pack(">i", clamp32(len(bins) if bin_count is None else bin_count))
    return out + b"".join(struct.pack(">iq", clamp32(sec), clamp64(c)) for sec, c in bins)


def lead_text(counts, bins):
    """lead_summary_out's layout (bins written in the order given)."""
    return ("v1 " + " ".join("%s=%d" % kv for kv in zip(LEAD_KEYS, counts)) + " response_seconds={" +
            ",".join("%d:%d" % b for b in bins) + "}").encode()


LEAD_TEXT = re.compile(rb"v1 " + rb" ".join(k.encode() + rb"=(-?\d+)" for k in LEAD_KEYS) +
                       rb" response_seconds=\{([-0-9:,]*)\}")


def lead_decode(target, data):
    """(counts, [(seconds, leads)]) of a lead_summary's text or binary form, or None."""
    try:
        if target.endswith("_in"):
            m = LEAD_TEXT.fullmatch(data)
            if not m:
                return None
            bins = [tuple(int(x) for x in item.split(b":")) for item in m.group(12).split(b",") if item]
            if any(len(b) != 2 for b in bins):
                return None
            return [int(m.group(i)) for i in range(1, 12)], bins
        counts = list(struct.unpack_from(">11q", data, 1))
        count, = struct.unpack_from(">i", data, 89)
        if count < 0 or 93 + 12 * count != len(data):
            return None
        return counts, [struct.unpack_from(">iq", data, 93 + 12 * i) for i in range(count)]
    except (IndexError, ValueError, struct.error):
        return None


def mutate_lead(rng, target, data):
    """A structured change of a lead_summary: a response added (its leads added to "leads" most of
    the time, so that the sum still holds), removed, repeated, swapped or given an edge seconds or
    count; a count set to an int64 edge, or moved with "leads" (untouched, pretouched, an outcome's
    known and true counts, a source); None if data is not one."""
    v = lead_decode(target, data)
    if v is None:
        return None
    counts, bins = v
    bins = list(bins)
    kind = rng.randrange(6)
    if kind == 0 or (kind in (1, 2, 5) and not bins):
        sec = rng.choice(LEAD_SECONDS) if rng.random() < 0.5 else rng.randrange(100000)
        c = pick_count(rng)
        bins.append((sec, c))
        if rng.random() < 0.8:
            bins.sort()
        if rng.random() < 0.8:
            counts[0] += c
    elif kind == 1:
        sec, c = bins.pop(rng.randrange(len(bins)))
        if rng.random() < 0.8:
            counts[0] -= c
    elif kind == 2:
        i = rng.randrange(len(bins))
        sec, c = bins[i]
        if rng.random() < 0.5:
            bins[i] = (rng.choice(LEAD_SECONDS), c)
        else:
            new = pick_count(rng)
            bins[i] = (sec, new)
            if rng.random() < 0.8:
                counts[0] += new - c
    elif kind == 3:                # one count at an edge
        counts[rng.randrange(11)] = pick_count(rng)
    elif kind == 4:                # untouched or pretouched leads, with "leads", and maybe outcomes with them
        c = pick_count(rng)
        counts[rng.choice([9, 10])] += c
        counts[0] += c
        if rng.random() < 0.5:
            for i in rng.sample(range(1, 9), rng.randint(1, 8)):
                counts[i] += c
    else:                          # a bin repeated, or two swapped
        i = rng.randrange(len(bins))
        if rng.random() < 0.5:
            bins.insert(i, bins[i])
        else:
            j = rng.randrange(len(bins))
            bins[i], bins[j] = bins[j], bins[i]
    if target.endswith("_in"):
        return lead_text(counts, bins)
    return lead_encode(counts, bins, bin_count=len(bins) if rng.random() < 0.95 else
                       rng.choice([-1, 0, len(bins) + 1, 2 ** 27, 2 ** 31 - 1]))


# ---------------------------------------------------------------- rep_attainment

# reps as (key, achieved text, quota text or None): a bigint key an int, a text key a str, a uuid key
# its 16 bytes; the stored form's order is the order of the keys (bigint as numbers, text and uuid as
# bytes, a shorter text before a longer one it starts)
RA_KEY_BYTES = {"bigint": b"b", "text": b"t", "uuid": b"u"}
RA_BIGINT_KEYS = [0, 1, -1, 2, 127, 128, -129, 255, 256, 2 ** 31 - 1, -2 ** 31, 2 ** 32, 2 ** 55, 2 ** 56 - 1,
                  2 ** 63 - 1, -2 ** 63, 10 ** 18]
RA_TEXT_KEYS = ["", "A", "a", "a ", "a\"b\\c", "\"", "\\", "Zoë", "日本", "0051U00000ABcdE", "x" * 127,
                "x" * 128, "x" * 300, ",", ":", "/", "}", "{", " ", "a,b:c/d}", "\t", "\U0001f600"]
RA_UUID_KEYS = [bytes(16), b"\xff" * 16, bytes.fromhex("018f3c1e7b2a7c3d8e4f0123456789ab"),
                bytes(15) + b"\x01", b"\x80" + bytes(15)]
RA_SUMS = ["0", "1", "-1", "1200.50", "1000", "0.00", "300", "-0.5", "1.000000000000000001",
           "0.000000000000000001", "0.0000000000000000001", "9223372036854775807", "-9223372036854775808",
           "9223372036854775808", "92233720368547758070", "1" + "0" * 30, "123456789012345678901234567890.5",
           "NaN", "Infinity", "-Infinity", "99999999999999999999999999999999999999", "1" + "0" * 200,
           "0." + "0" * 40 + "1", "5.000", "7"]
RA_QUOTAS = [q for q in RA_SUMS if not q.startswith("-") and q not in ("NaN", "Infinity")] + \
    ["-1", "NaN", "Infinity", "-0.000001"]          # the last four are refused (22P02 / 22P03)


def ra_key_text(key_type, key):
    if key_type == "bigint":
        return str(key)
    if key_type == "uuid":
        h = key.hex()
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ra_text(key_type, reps):
    """rep_attainment_out's layout (reps written in the order given)."""
    return ("v1 key=%s reps={" % key_type + ",".join(
        "%s:%s%s" % (ra_key_text(key_type, k), a, "" if q is None else "/" + q) for k, a, q in reps) + "}").encode()


def ra_zigzag(v):
    return ((v << 1) ^ (v >> 63)) & 0xffffffffffffffff


def ra_uint(v):
    """v little-endian without its high zero bytes."""
    out = b""
    while v:
        out += bytes([v & 0xff])
        v >>= 8
    return out


def ra_varint(v):
    out = b""
    while v >= 0x80:
        out += bytes([(v & 0x7f) | 0x80])
        v >>= 7
    return out + bytes([v])


def ra_units(text):
    """(units, scale) of a sum the fast form can hold (int64 units at a scale of 0 to 18), else None."""
    m = re.fullmatch(r"(-?)(\d+)(?:\.(\d*))?", text)
    if not m:
        return None
    frac = m.group(3) or ""
    units = int(m.group(2) + frac) * (-1 if m.group(1) else 1)
    if len(frac) > 18 or not -2 ** 63 <= units < 2 ** 63:
        return None
    return units, len(frac)


def ra_encode(key_type, reps, version=1, count=None, slow=False):
    """rep_attainment_send's layout (the stored form after its length word): the version byte, the key
    type byte, the rep count (uint32, network order), then each rep as REP_STATE_FORMAT's comment in
    src/attainment_by_rep.c describes: flags, the sums' lengths (fast reps), the key, the scales that
    change and the zigzag units (fast), or the sums' texts (slow: a sum the fast form cannot hold, or
    every rep when slow is true)."""
    out = bytes([version & 0xff]) + RA_KEY_BYTES.get(key_type, key_type if isinstance(key_type, bytes) else b"x")
    out += struct.pack(">I", (len(reps) if count is None else count) & 0xffffffff)
    scales = [0, 0]
    for key, achieved, quota in reps:
        flags = 1 if quota is not None else 0
        if key_type == "bigint":
            kb = ra_uint(ra_zigzag(clamp64(key)))
            flags |= len(kb) << 4
        elif key_type == "uuid":
            kb = key
        else:
            raw = key.encode("utf-8", "surrogateescape") if isinstance(key, str) else key
            kb = ra_varint(len(raw)) + raw
        a, q = ra_units(achieved), (ra_units(quota) if quota is not None else (0, 0))
        if slow or a is None or q is None:
            out += bytes([flags | 2]) + kb + achieved.encode() + b"\0"
            if quota is not None:
                out += quota.encode() + b"\0"
            continue
        body = b""
        if a[1] != scales[0]:
            flags |= 4
            body += bytes([a[1]])
            scales[0] = a[1]
        if quota is not None and q[1] != scales[1]:
            flags |= 8
            body += bytes([q[1]])
            scales[1] = q[1]
        ab, qb = ra_uint(ra_zigzag(a[0])), ra_uint(ra_zigzag(q[0])) if quota is not None else b""
        out += bytes([flags, len(ab) | len(qb) << 4]) + kb + body + ab + qb
    return out


def ra_parse_text(data):
    """(key type, [(key, achieved, quota or None)]) of a rep_attainment text form, or None."""
    try:
        text = data.decode()
    except UnicodeDecodeError:
        return None
    m = re.fullmatch(r"v1 key=(bigint|text|uuid) reps=\{(.*)\}", text, re.S)
    if not m:
        return None
    key_type, body, reps, i = m.group(1), m.group(2), [], 0
    while i < len(body):
        if key_type == "text":
            if body[i] != '"':
                return None
            j, key = i + 1, ""
            while j < len(body) and body[j] != '"':
                if body[j] == "\\" and j + 1 < len(body):
                    j += 1
                key += body[j]
                j += 1
            i = j + 1
        else:
            j = body.find(":", i)
            if j < 0:
                return None
            key = body[i:j]
            try:
                key = int(key) if key_type == "bigint" else bytes.fromhex(key.replace("-", ""))
            except ValueError:
                return None
            if key_type == "uuid" and len(key) != 16:
                return None
            i = j
        if body[i:i + 1] != ":":
            return None
        end = body.find(",", i)
        end = len(body) if end < 0 else end
        achieved, _, quota = body[i + 1:end].partition("/")
        reps.append((key, achieved, quota if _ else None))
        i = end + 1
    return key_type, reps


def ra_pick_key(rng, key_type):
    if key_type == "bigint":
        return rng.choice(RA_BIGINT_KEYS) if rng.random() < 0.6 else rng.randrange(-1000, 1000)
    if key_type == "uuid":
        return rng.choice(RA_UUID_KEYS) if rng.random() < 0.3 else bytes(rng.randrange(256) for _ in range(16))
    return rng.choice(RA_TEXT_KEYS) if rng.random() < 0.7 else "".join(rng.choice("aAzZ0\"\\,:/} é")
                                                                         for _ in range(rng.randint(0, 6)))


def ra_sort_key(key_type, key):
    return key.encode() if key_type == "text" else key


def mutate_rep_attainment(rng, target, data):
    """A structured change of a rep_attainment's text form (the binary target has
    mutate_rep_attainment_binary): a rep added,
    removed, repeated or moved; a key or a sum set to an edge; the key type changed; the binary form
    written with every rep slow, a wrong rep count or another version.  None if data is not one."""
    if target.endswith("_recv"):
        return None
    v = ra_parse_text(data)
    if v is None:
        return None
    key_type, reps = v
    reps = list(reps)
    kind = rng.randrange(7)
    if kind == 0 or not reps:
        reps.append((ra_pick_key(rng, key_type), rng.choice(RA_SUMS),
                     None if rng.random() < 0.3 else rng.choice(RA_QUOTAS if rng.random() < 0.2 else RA_QUOTAS[:-4])))
        if rng.random() < 0.8:
            reps.sort(key=lambda r: ra_sort_key(key_type, r[0]))
    elif kind == 1:
        del reps[rng.randrange(len(reps))]
    elif kind == 2:
        i = rng.randrange(len(reps))
        k, a, q = reps[i]
        field = rng.randrange(3)
        if field == 0:
            k = ra_pick_key(rng, key_type)
        elif field == 1:
            a = rng.choice(RA_SUMS)
        else:
            q = None if rng.random() < 0.3 else rng.choice(RA_QUOTAS)
        reps[i] = (k, a, q)
    elif kind == 3:
        i = rng.randrange(len(reps))
        if rng.random() < 0.5:
            reps.insert(i, reps[i])
        else:
            j = rng.randrange(len(reps))
            reps[i], reps[j] = reps[j], reps[i]
    elif kind == 4:                  # the same reps under another key type
        new_type = rng.choice(["bigint", "text", "uuid"])
        conv = {"bigint": lambda k: (int.from_bytes(k[-8:], "big", signed=True) if isinstance(k, bytes) else
                                     (k if isinstance(k, int) else len(k))),
                "text": lambda k: k.hex() if isinstance(k, bytes) else str(k),
                "uuid": lambda k: (k if isinstance(k, bytes) else
                                   hashlib.md5(str(k).encode()).digest())}[new_type]
        reps = [(conv(k), a, q) for k, a, q in reps]
        key_type = new_type
    elif kind == 5:                  # many reps
        n = rng.choice([10, 100, 1000])
        keys = {ra_pick_key(rng, key_type) for _ in range(n)}
        reps = sorted(((k, rng.choice(RA_SUMS[:9]), rng.choice(RA_QUOTAS[:8] + [None])) for k in keys),
                      key=lambda r: ra_sort_key(key_type, r[0]))
    else:                            # a sum's digits repeated
        i = rng.randrange(len(reps))
        k, a, q = reps[i]
        reps[i] = (k, a.replace("1", "1" * rng.choice([2, 20, 100])), q)
    return ra_text(key_type, reps)


def mutate_rep_attainment_binary(rng, data, corpus):
    """For the binary target: a corpus entry that is a text form (the driver keeps none) is not at hand,
    so the structured change works on the binary form's reps as the seeds describe them: a fresh value
    from random reps, written fast or slow, with an edge count or version, now and then."""
    key_type = {0x62: "bigint", 0x74: "text", 0x75: "uuid"}.get(data[1] if len(data) > 1 else 0, "bigint")
    n = rng.choice([1, 1, 2, 3, 5, 20, 200])
    keys = {ra_pick_key(rng, key_type) for _ in range(n)}
    reps = [(k, rng.choice(RA_SUMS), None if rng.random() < 0.3 else
             rng.choice(RA_QUOTAS if rng.random() < 0.1 else RA_QUOTAS[:-4])) for k in keys]
    if rng.random() < 0.8:
        reps.sort(key=lambda r: ra_sort_key(key_type, r[0]))
    count = None
    if rng.random() < 0.05:
        count = rng.choice([0, len(reps) + 1, len(reps) - 1, 2 ** 31, 2 ** 32 - 1])
    return ra_encode(key_type, reps, version=1 if rng.random() < 0.97 else rng.choice([0, 2, 255]), count=count,
                     slow=rng.random() < 0.2)


# ---------------------------------------------------------------- float_ratio_state

FR_FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 3.0, 1e20, -1e20, 1e-20, 2.0 ** 52, 2.0 ** 53, 2.0 ** 53 + 2,
             2.0 ** -53, 2.0 ** -54, 1.7976931348623157e308, -1.7976931348623157e308, 8.98846567431158e307,
             5e-324, -5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 4.4501477170144023e-308,
             float("nan"), float("inf"), float("-inf"), 1.0000000000000002, 0.9999999999999999, 1e308, -1e308,
             123456.789, 1e16, 1e15]
FR_ROWS = [0, 1, 2, 3, 7, 2 ** 31, 2 ** 53 + 1, 2 ** 62, 2 ** 63 - 1, -1, -2 ** 63]


def fr_decode(target, data):
    """(rows, numerator terms, denominator terms) of a float_ratio_state's text or binary form, or None."""
    try:
        if target.endswith("_in"):
            m = re.fullmatch(rb"v1 rows=(-?\d+) numerator=(\S+) denominator=(\S+)", data)
            if not m:
                return None
            sums = [[float(t) for t in m.group(i).split(b",")] for i in (2, 3)]
            return int(m.group(1)), *[[x for x in ts if x != 0.0] for ts in sums]
        rows, = struct.unpack_from(">q", data, 1)
        pos, sums = 9, []
        for _ in range(2):
            n, = struct.unpack_from(">H", data, pos)
            sums.append(list(struct.unpack_from(">%dd" % n, data, pos + 2)))
            pos += 2 + 8 * n
        return (rows, *sums) if pos == len(data) else None
    except (ValueError, struct.error, IndexError):
        return None


def fr_random_float(rng, terms):
    kind = rng.randrange(6)
    finite = [x for x in terms if math.isfinite(x) and x != 0.0]
    if kind == 0 or not finite:
        return rng.choice(FR_FLOATS)
    if kind == 1:                                  # any bit pattern
        return struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]
    x = rng.choice(finite)
    if kind == 2:                                  # half an ulp of a term: a tie, or just off one
        half = math.ulp(x) / 2
        return rng.choice([half, -half, half + math.ulp(half), half - math.ulp(half) / 2 or half, -half * 1.5])
    if kind == 3:                                  # cancels a term, or nearly
        return rng.choice([-x, -math.nextafter(x, 0.0), -math.nextafter(x, math.copysign(math.inf, x))])
    if kind == 4:                                  # a term scaled by a power of two, near the edges
        try:
            return math.ldexp(x, rng.choice([-1100, -1000, -60, -53, -52, -1, 1, 52, 53, 1000]))
        except OverflowError:
            return math.copysign(math.inf, x)
    return x * rng.choice([1.0, 3.0, 0.1, -1.0])


def mutate_float_ratio(rng, target, data):
    """A structured change of a float_ratio_state: a term added (an edge, any bits, a tie at half an ulp
    of another term, a cancellation, a scaling), removed or replaced; a long list; rows at an edge; the
    sums swapped; None if data is not one."""
    v = fr_decode(target, data)
    if v is None:
        return None
    rows, num, den = v
    sums = [list(num), list(den)]
    ts = sums[rng.randrange(2)]
    kind = rng.randrange(8)
    if kind <= 1:
        ts.insert(rng.randrange(len(ts) + 1), fr_random_float(rng, num + den))
    elif kind == 2 and ts:
        del ts[rng.randrange(len(ts))]
    elif kind == 3 and ts:
        ts[rng.randrange(len(ts))] = fr_random_float(rng, num + den)
    elif kind == 4:
        n = rng.choice([10, 100, 400])
        ts.extend([fr_random_float(rng, ts) for _ in range(n)])
    elif kind == 5:
        rows = rng.choice(FR_ROWS) if rng.random() < 0.7 else rows + rng.choice([-1, 1])
    elif kind == 6:
        sums.reverse()
    else:                                          # a term repeated (the same float many times)
        if ts:
            ts.extend([rng.choice(ts)] * rng.choice([1, 2, 3, 1000]))
    rows = clamp64(rows)
    if target.endswith("_in"):
        return fr_text(rows, sums[0], sums[1], rng)
    counts = None
    if rng.random() < 0.03:
        counts = [len(sums[0]) + rng.choice([-1, 1, 65536]), len(sums[1])]
    return fr_encode(rows, sums[0], sums[1], version=1 if rng.random() < 0.98 else rng.choice([0, 2]),
                     counts=counts)


def mutator(target):
    """The mutation of a target's inputs: text or bytes, with structured changes a third of the
    time: pipeline_flow's keep its balance, stage_funnel's, stage_time's and lead_summary's keep
    their shape (lead_summary's its sum of leads, mostly), float_ratio_state's their term lists
    (mutate_float_ratio), so that more mutated values are accepted and the edges of each field
    are tried."""
    plain = mutate_text if target in TEXT_TARGETS else mutate_binary
    if target == "rep_attainment_in" or target == "rep_attainment_recv":
        def mutate_ra(rng, data, corpus):
            if rng.random() < 0.33:
                changed = (mutate_rep_attainment(rng, target, data) if target in TEXT_TARGETS else
                           mutate_rep_attainment_binary(rng, data, corpus))
                if changed is not None:
                    return changed[:MAX_LEN]
            return plain(rng, data, corpus)
        return mutate_ra
    if target.startswith(("stage_funnel_", "stage_time_", "lead_summary_", "float_ratio_state_")):
        change = {"stage_funnel_": mutate_stage_funnel, "stage_time_": mutate_stage_time,
                  "lead_summary_": mutate_lead,
                  "float_ratio_state_": mutate_float_ratio}[target[:target.rindex("_") + 1]]

        def mutate_stage(rng, data, corpus):
            if rng.random() < 0.33:
                changed = change(rng, target, data)
                if changed is not None:
                    return changed[:MAX_LEN]
            return plain(rng, data, corpus)
        return mutate_stage
    if not target.startswith("pipeline_flow_"):
        return plain
    structured = mutate_flow_text if target in TEXT_TARGETS else mutate_flow_binary

    def mutate(rng, data, corpus):
        if rng.random() < 0.33:
            changed = structured(rng, data)
            if changed is not None:
                return changed[:MAX_LEN]
        return plain(rng, data, corpus)
    return mutate


# ---------------------------------------------------------------- driver

class Backend:
    def __init__(self):
        self.conn = None
        self.connect()

    def connect(self):
        deadline = time.time() + 60
        while True:
            try:
                self.conn = psycopg2.connect(dbname=DB)
                self.conn.autocommit = True
                self.cur = self.conn.cursor()
                self.checker = invariants.Checker(self.conn)
                return
            except psycopg2.OperationalError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)

    def reconnect(self):
        try:
            self.conn.close()
        except Exception:
            pass
        time.sleep(1)
        self.connect()

    def run(self, target, data):
        """(status, detail, coverage bytes, text of an accepted summary or None),
        or ('crash', message, b'', None)."""
        try:
            self.cur.execute("SELECT status, detail, coverage, value FROM salesops_fuzz_one(%s, %s)",
                             (target, psycopg2.Binary(data)))
            status, detail, coverage, value = self.cur.fetchone()
            return status, detail, bytes(coverage), value
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as e:
            self.reconnect()
            return "crash", str(e).strip(), b"", None
        except psycopg2.Error as e:
            # an error the harness did not catch: the harness's own fault or a FATAL
            return "wrong", "uncaught %s %s" % (e.pgcode, str(e).strip()), b"", None
        except UnicodeDecodeError as e:
            # the harness checks that a text form is valid in the server encoding; a detail is not
            return "wrong", "a result is not valid UTF-8: %s" % e, b"", None

    def invariants(self, target, value):
        """The invariant oracle of an accepted summary: [(kind, key, detail), ...], empty when it holds."""
        try:
            return [("invariant", ident, detail)
                    for ident, detail in self.checker.check(SUMMARY_TYPES[target], value)]
        except invariants.CrashError as e:
            self.reconnect()
            return [("crash", None, "while the invariant oracle ran the accessors: %s" % e)]
        except Exception as e:      # the oracle's own fault: report it, never hide it
            return [("wrong", None, "invariant oracle failed: %s: %s" % (type(e).__name__, e))]

    def run_checked(self, target, data):
        """run() and, for an accepted summary, the invariant oracle:
        (status, findings [(kind, key, detail), ...], detail, coverage)."""
        status, detail, coverage, value = self.run(target, data)
        findings = []
        if status in FINDINGS:
            findings.append((status, None, detail))
        elif status == "ok" and target in SUMMARY_TYPES and value is not None:
            findings = self.invariants(target, value)
            if findings:
                status = findings[0][0]
        return status, findings, detail, coverage


def bucket(n):
    for i, top in enumerate((1, 2, 3, 7, 15, 31, 127)):
        if n <= top:
            return i
    return 7


def features(coverage):
    return {(i, bucket(c)) for i, c in enumerate(coverage) if c}


def setup(args):
    admin = psycopg2.connect(dbname="postgres")
    admin.autocommit = True
    cur = admin.cursor()
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB,))
    if not cur.fetchone():
        cur.execute(f"CREATE DATABASE {DB}")
    admin.close()
    conn = psycopg2.connect(dbname=DB)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DROP EXTENSION IF EXISTS salesops CASCADE")
    cur.execute("CREATE EXTENSION salesops")
    cur.execute("DROP FUNCTION IF EXISTS salesops_fuzz_one(text, bytea)")
    cur.execute("""CREATE FUNCTION salesops_fuzz_one(target text, input bytea,
                       OUT status text, OUT detail text, OUT coverage bytea, OUT value text)
                   AS '$libdir/salesops', 'salesops_fuzz_one' LANGUAGE C STRICT""")
    conn.close()


def report_finding(args, kind, target, data, detail, findings, ident=None):
    """Print a finding the first time (kind, target, invariant id or message) is seen; save
    up to SAVE_PER_FINDING inputs of each."""
    key = (kind, target, ident or (detail or "")[:120])
    seen = findings.setdefault(key, [])
    if len(seen) < SAVE_PER_FINDING:
        seen.append(save(args.findings, target, data))
    else:
        seen.append(None)
    if len(seen) == 1:
        name = f"{kind} {ident}" if ident else kind
        print(f"FINDING {name} {target}: {detail}\n    input {data!r:.300}\n    saved {seen[0]}", flush=True)


def replay(args):
    backend = Backend()
    bad = 0
    runs = 0
    for root in args.replay:
        for target in TARGETS:
            for data in load_dir(root, target):
                _, findings, _, _ = backend.run_checked(target, data)
                runs += 1
                if findings:
                    bad += 1
                for kind, ident, detail in findings:
                    name = f"{kind} {ident}" if ident else kind
                    print(f"REPLAY {name} {target} {root}: {detail}\n    input {data!r:.300}", flush=True)
    print(f"fuzz replay: {runs} inputs, {bad} with a crash, a wrong result or a broken invariant")
    return 1 if bad else 0


def fuzz(args):
    rng = random.Random(args.seed)
    backend = Backend()
    seeds = builtin_seeds()
    targets = args.targets.split(",") if args.targets else TARGETS
    state = {}
    findings = {}
    for t in targets:
        corpus = seeds[t] + load_dir(args.corpus, t)
        seen = set()
        kept = []
        for data in corpus:
            status, found, detail, cov = backend.run_checked(t, data)
            for kind, ident, finding in found:
                report_finding(args, kind, t, data, finding, findings, ident)
            f = features(cov)
            if args.verbose:
                print(f"seed {t}: {status} {detail or ''} ({len(f)} of {len(cov)} counters)", flush=True)
            if f - seen or not kept:
                seen |= f
                kept.append(data)
        state[t] = {"corpus": kept, "seen": seen, "execs": 0, "status": {}, "new": 0}
    odd = {}
    start = time.time()
    deadline = start + args.seconds
    last_report = start
    turn = 0
    while time.time() < deadline:
        t = targets[turn % len(targets)]
        turn += 1
        st = state[t]
        mutate = mutator(t)
        for _ in range(50):
            # favour recent and short entries a little
            corpus = st["corpus"]
            parent = corpus[min(len(corpus) - 1, int(len(corpus) * (rng.random() ** 0.7)))]
            data = mutate(rng, parent, corpus)
            status, found, detail, cov = backend.run_checked(t, data)
            st["execs"] += 1
            st["status"][status] = st["status"].get(status, 0) + 1
            for kind, ident, finding in found:
                report_finding(args, kind, t, data, finding, findings, ident)
            if status in ("crash", "wrong"):
                continue
            if status == "rejected" and not EXPECTED_REJECT.match(detail or ""):
                key = (t, (detail or "")[:60])
                if key not in odd:
                    odd[key] = data
                    print(f"ODD {t}: {detail}\n    input {data!r:.200}", flush=True)
            f = features(cov)
            new = f - st["seen"]
            if new:
                st["seen"] |= new
                st["corpus"].append(data)
                st["new"] += 1
                if args.save_corpus and len(data) <= SAVE_MAX_LEN:
                    save(args.corpus, t, data)
        now = time.time()
        if now - last_report >= 30 or now >= deadline:
            last_report = now
            total = sum(s["execs"] for s in state.values())
            print(f"[{now - start:6.0f}s] {total} execs ({total / (now - start):.0f}/s); " +
                  "; ".join(f"{t}: corpus {len(s['corpus'])} features {len(s['seen'])}"
                            for t, s in state.items()), flush=True)
    elapsed = time.time() - start
    total = sum(s["execs"] for s in state.values())
    print(f"fuzz: {total} executions in {elapsed:.0f} s ({total / max(elapsed, 1):.0f}/s)")
    for t, s in state.items():
        print(f"  {t}: {s['execs']} execs, corpus {len(s['corpus'])} (+{s['new']}), "
              f"features {len(s['seen'])}, outcomes {s['status']}")
    for (kind, target, ident), seen in sorted(findings.items()):
        print(f"  finding {kind} {target} {ident[:100]}: {len(seen)} inputs")
    print(f"fuzz findings: {len(findings)} (crash, wrong or invariant), {len(odd)} odd rejections")
    return 1 if findings else 0


def main():
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS", "60")))
    ap.add_argument("--targets", default=os.environ.get("FUZZ_TARGETS", ""))
    ap.add_argument("--corpus", default=str(here / "corpus"))
    ap.add_argument("--findings", default=os.environ.get("FUZZ_FINDINGS", "/tmp/salesops-fuzz-findings"))
    ap.add_argument("--save-corpus", action="store_true", help="write new corpus entries to --corpus")
    ap.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", str(int(time.time())))))
    ap.add_argument("--replay", nargs="*")
    ap.add_argument("--verbose", action="store_true", help="show the outcome of every seed")
    args = ap.parse_args()
    setup(args)
    if args.replay is not None:
        return replay(args)
    print(f"fuzz seed {args.seed}, {args.seconds:.0f} s", flush=True)
    return fuzz(args)


if __name__ == "__main__":
    sys.exit(main())
