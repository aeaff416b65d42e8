#!/usr/bin/env python3
"""bench/check_equal.py: the plain SQL gives the figures ours gives.

bench/run.sh runs this on the loaded cluster (PGHOST/PGPORT/... set) before
timing, for the selected shapes over the tables named with --tables (the
customer, roster, funnel and lead shapes: their plain SQL is written to give
exactly the aggregates' figures; the other families' plain SQL need not, as
weighted_pipeline(numeric, float8) beside a numeric product).  For each such
shape and each ours line of bench/queries.tsv, every plain line of the same
name, or named "<that name>, <variant>", is run exactly as the benchmark
builds it, and the two results are compared as multisets of rows: sorted,
row against row, column against column as text (a composite column, as a
set-returning function over a summary gives, split into its fields).
float8 prints the shortest exact form, so equal text is an equal value.
With --rel-tol, two numbers that differ by at most that much relatively
pass too, and the columns where that was needed are named (percentile_cont
interpolates in float8, the stage-time and lead percentiles exactly).
Exits non-zero, printing the first differences, if any figure differs: a
faster plain SQL that computes something else would make the comparison
meaningless.  A shape without a clause ("-") runs each line's whole query.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (read_tsv, Psql)


def fields(line):
    """The columns of one output row, composite columns split into their fields."""
    out = []
    for col in line.split("\t"):
        if len(col) >= 2 and col[0] == "(" and col[-1] == ")" and '"' not in col:
            out.extend(col[1:-1].split(","))
        else:
            out.append(col)
    return tuple(out)


def close(a, b, tol):
    try:
        x, y = float(a), float(b)
    except ValueError:
        return None
    if x == y:
        return 0.0
    rel = abs(x - y) / max(abs(x), abs(y))
    return rel if rel <= tol else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--psql", default="psql")
    ap.add_argument("--queries", required=True)
    ap.add_argument("--shapes", required=True)
    ap.add_argument("--tables", required=True, help="comma-separated tables whose shapes to check")
    ap.add_argument("--only", default="", help="comma-separated shapes (default: every shape of --tables)")
    ap.add_argument("--rel-tol", type=float, default=0.0,
                    help="numbers may differ by this much, relatively (default 0: bit for bit)")
    args = ap.parse_args()
    psql = bench.Psql(args.psql)
    tables = {t.strip() for t in args.tables.split(",") if t.strip()}
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    shapes = {row[0]: row for row in bench.read_tsv(args.shapes, 5)}
    ours_lines = {}             # (shape, name) -> expression
    plain_lines = []            # (shape, name, expression)
    for name, kind, shape_list, _, _, expr in bench.read_tsv(args.queries, 6):
        for shape in shape_list.split(","):
            if kind == "ours":
                ours_lines[(shape.strip(), name)] = expr
            elif kind == "plain":
                plain_lines.append((shape.strip(), name, expr))
    checked = 0
    failed = False
    for shape, (_, table, key, clause, _) in shapes.items():
        if table not in tables or (only and shape not in only):
            continue
        key = None if key == "-" else key
        prefix = key + ", " if key else ""

        def run(expr):
            sql = expr if clause == "-" else f"SELECT {prefix}{expr} {clause}"
            return sorted(fields(line) for line in psql.run(sql + ";\n"))

        for (s, name), ours_expr in ours_lines.items():
            if s != shape:
                continue
            plains = [(n, e) for s2, n, e in plain_lines
                      if s2 == shape and (n == name or n.startswith(name + ", "))]
            if not plains:
                continue
            ours = run(ours_expr)
            for pname, pexpr in plains:
                plain = run(pexpr)
                diffs = []
                near = {}               # column -> (values not bit-equal, largest relative difference)
                if len(plain) != len(ours):
                    diffs.append(f"{len(plain)} rows from plain SQL, {len(ours)} from ours")
                for p, o in zip(plain, ours):
                    if len(p) != len(o):
                        diffs.append(f"plain SQL {p}, ours {o}: not as many columns")
                        continue
                    for i, (a, b) in enumerate(zip(p, o)):
                        if a == b:
                            continue
                        rel = close(a, b, args.rel_tol) if args.rel_tol else None
                        if rel is None:
                            diffs.append(f"column {i + 1}: plain SQL {p}, ours {o}")
                            break
                        n, m = near.get(i + 1, (0, 0.0))
                        near[i + 1] = (n + 1, max(m, rel))
                if diffs:
                    failed = True
                    print(f"{shape} {pname}: plain SQL and ours differ ({len(diffs)}):", file=sys.stderr)
                    for d in diffs[:10]:
                        print("  " + d, file=sys.stderr)
                else:
                    how = "bit for bit" if not near else "bit for bit but " + "; ".join(
                        f"column {c}: {n} of {len(ours)} within {m:.1e} relative" for c, (n, m) in sorted(near.items()))
                    print(f"==> {shape} {pname}: {len(ours)} row(s), plain SQL = ours {how} "
                          f"(first row: {', '.join(ours[0]) if ours else '-'})", file=sys.stderr, flush=True)
                checked += 1
    if checked == 0:
        sys.exit(f"no selected shape over {', '.join(sorted(tables))} has a plain and an ours line")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
