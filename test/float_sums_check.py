#!/usr/bin/env python3
"""Independent reference for test/sql/float_sums.sql (run: python3 test/float_sums_check.py).

Builds the same float8 values as the SQL test, with the same IEEE operations
(integer to float, division by 13, multiplication by a float literal, the
product x * p), and prints every literal the test compares with: math.fsum
(the exact sum rounded once), each checked against the exact sum in
fractions.Fraction rounded by float(), and the plain left-to-right float sums
that show the data are order-sensitive.  Every literal must also appear in
the SQL test or its expected output, so the two cannot drift apart.  Exits non-zero on a
disagreement.
"""
import math
import pathlib
import sys
from fractions import Fraction

TEST_DIR = pathlib.Path(__file__).resolve().parent
SQL_FILES = [TEST_DIR / "sql" / "float_sums.sql", TEST_DIR / "expected" / "float_sums.out"]
literals = []


def show(label, *values):
    """Prints a label and its float values; the SQL test must spell each one."""
    texts = [repr(v) for v in values]
    literals.extend(texts)
    print(label, " ".join(texts))

N = 200000
SCALES = [1e-3, 1.0, 1e6, 1e-12, 1e15]  # by i % 5, as the SQL CASE


def exact(values):
    """The exact sum rounded once, two independent ways that must agree."""
    fsum = math.fsum(values)
    rounded = float(sum(Fraction(v) for v in values))
    assert fsum == rounded, (fsum, rounded)
    return fsum


def canonical_terms(values):
    """The text form's terms: the rounded sum, then the rounding of the rest."""
    left = sum(Fraction(v) for v in values)
    terms = []
    while left != 0:
        term = float(left)
        terms.append(term)
        left -= Fraction(term)
    return terms


rows = []
for i in range(1, N + 1):
    x = (float((i * 7919) % 10007 - 5003) / 13.0) * SCALES[i % 5]
    p = float(i % 11) / 10.0
    rows.append((i, x, p))
products = [x * p for _, x, p in rows]

ascending = 0.0
for v in products:
    ascending += v
descending = 0.0
for v in reversed(products):
    descending += v
assert ascending != descending
show("plain sum ascending, descending:", ascending, descending)
show("weighted_pipeline total:", exact(products))
won = [abs(x) for i, x, _ in rows if i % 3 == 0]
closed = [abs(x) for _, x, _ in rows]
show("value_win_rate total:", exact(won) / exact(closed))
for g in range(7):
    wp = exact([x * p for i, x, p in rows if i % 7 == g])
    vwr = (exact([abs(x) for i, x, _ in rows if i % 7 == g and i % 3 == 0])
           / exact([abs(x) for i, x, _ in rows if i % 7 == g]))
    show("group %d weighted_pipeline, value_win_rate:" % g, wp, vwr)
for end in (50, 1000, 2000):
    show("frame of 50 rows ending at %d:" % end, exact(products[end - 50:end]))
show("terms of 0.1 + 0.2 + 0.3:", *canonical_terms([0.1, 0.2, 0.3]))
show("terms of the 200,000 products:", *canonical_terms(products))
show("2^-53, 2^-105:", 2.0 ** -53, 2.0 ** -105)
show("1 + 2^-53 (a tie, to even), with 2^-105 more:",
     exact([1.0, 2.0 ** -53]), exact([1.0, 2.0 ** -53, 2.0 ** -105]))
show("3 x 5e-324:", exact([5e-324] * 3))
show("ten 0.1, exact and plain:", exact([0.1] * 10), sum([0.1] * 10))
show("1e20 + 1 - 1e20:", exact([1e20, 1.0, -1e20]))
show("(0.1 + 0.2) / (0.1 + 0.2 + 0.3):", exact([0.1, 0.2]) / exact([0.1, 0.2, 0.3]))

# forecast_error(x, x * q), q = (i % 101) / 37: forecasts x, actuals x * q
# (a zero actual every 101st row), each row's terms in float8 arithmetic as
# the C transition computes them, then summed exactly
abs_d, ds, squares, abs_a, apes, sapes = [], [], [], [], [], []
for i, x, _ in rows:
    f, a = x, x * (float(i % 101) / 37.0)
    d = f - a
    abs_d.append(abs(d))
    ds.append(d)
    squares.append(d * d)
    abs_a.append(abs(a))
    if a != 0.0:
        apes.append(abs(d) / abs(a))
    if abs(a) + abs(f) != 0.0:
        sapes.append(2.0 * abs(d) / (abs(a) + abs(f)))
plain_ape_up, plain_ape_down = 0.0, 0.0
for v in apes:
    plain_ape_up += v
for v in reversed(apes):
    plain_ape_down += v
assert plain_ape_up != plain_ape_down
n = len(rows)
show("forecast_error rows, zero actuals:", float(n), float(n - len(apes)))
show("forecast_error mae, rmse, bias:", exact(abs_d) / n, math.sqrt(exact(squares) / n), exact(ds) / n)
show("forecast_error mape, smape, wape:", exact(apes) / len(apes), exact(sapes) / n,
     exact(abs_d) / exact(abs_a))
show("forecast_error plain mape ascending, descending:", plain_ape_up / len(apes),
     plain_ape_down / len(apes))
show("forecast_error terms of sum_ape:", *canonical_terms(apes))
show("mae of 1 and 2^-53 (a tie: the sum rounds to 1), of 1, 2^-53 and 2^-105 (past it):",
     exact([1.0, 2.0 ** -53]) / 2, exact([1.0, 2.0 ** -53, 2.0 ** -105]) / 3)
wide = [1e150, 1.0, 1e-150, -1e150]  # forecasts of zero actuals: past the compact core
show("forecast_error of 1e150, 1, 1e-150, -1e150 against 0, terms of sum_abs_error:",
     *canonical_terms([abs(v) for v in wide]))
show("... of sum_error, of sum_sq_error:", *(canonical_terms(wide) + canonical_terms([v * v for v in wide])))

# deal_summary(won, |x|, p) of float8 amounts: won every third row (i % 3 =
# 0), lost (1), open (2); the four sums exact, value_win_rate their
# roundings' won / (won + lost) in float8
sums = {"open": [], "weighted": [], "won": [], "lost": []}
for i, x, p in rows:
    amount = abs(x)
    if i % 3 == 2:
        sums["open"].append(amount)
        sums["weighted"].append(amount * p)
    else:
        sums["won" if i % 3 == 0 else "lost"].append(amount)
plain_won_up, plain_won_down = 0.0, 0.0
for v in sums["won"]:
    plain_won_up += v
for v in reversed(sums["won"]):
    plain_won_down += v
assert plain_won_up != plain_won_down
won, lost = exact(sums["won"]), exact(sums["lost"])
show("deal_summary open_pipeline, weighted_pipeline, won_amount, lost_amount:",
     *(exact(sums[k]) for k in ("open", "weighted", "won", "lost")))
show("deal_summary value_win_rate:", won / (won + lost))
show("deal_summary plain won amount ascending, descending:", plain_won_up, plain_won_down)

# PostgreSQL prints 1.0 as 1
sql = "".join(f.read_text() for f in SQL_FILES)
missing = [t for t in literals if (t[:-2] if t.endswith(".0") else t) not in sql]
if missing:
    print("float_sums_check: not in float_sums.sql or .out: " + ", ".join(missing))
    sys.exit(1)
print("float_sums_check: %d literals, all in float_sums.sql or .out" % len(literals))
