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

# PostgreSQL prints 1.0 as 1
sql = "".join(f.read_text() for f in SQL_FILES)
missing = [t for t in literals if (t[:-2] if t.endswith(".0") else t) not in sql]
if missing:
    print("float_sums_check: not in float_sums.sql or .out: " + ", ".join(missing))
    sys.exit(1)
print("float_sums_check: %d literals, all in float_sums.sql or .out" % len(literals))
