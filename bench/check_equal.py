#!/usr/bin/env python3
"""bench/check_equal.py: the plain SQL gives the figures ours gives, bit for bit.

bench/run.sh runs this on the loaded cluster (PGHOST/PGPORT/... set) before
timing, for the selected shapes over the tables named with --tables (the
customer and roster shapes: their plain SQL is written to give exactly the
aggregates' figures; the other families' plain SQL need not, as
weighted_pipeline(numeric, float8) beside a numeric product).  For each such
shape and each name with both a plain and an ours line in bench/queries.tsv,
it runs the two queries exactly as the benchmark builds them and compares
every group's columns as text: float8 prints the shortest exact form, so
equal text is an equal value.  Exits non-zero, printing the first
differences, if any figure differs: a faster plain SQL that computes
something else would make the comparison meaningless.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (read_tsv, Psql)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--psql", default="psql")
    ap.add_argument("--queries", required=True)
    ap.add_argument("--shapes", required=True)
    ap.add_argument("--tables", required=True, help="comma-separated tables whose shapes to check")
    ap.add_argument("--only", default="", help="comma-separated shapes (default: every shape of --tables)")
    args = ap.parse_args()
    psql = bench.Psql(args.psql)
    tables = {t.strip() for t in args.tables.split(",") if t.strip()}
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    shapes = {row[0]: row for row in bench.read_tsv(args.shapes, 5)}
    lines = {}                  # (shape, name) -> {kind: expression}
    for name, kind, shape_list, _, _, expr in bench.read_tsv(args.queries, 6):
        if kind in ("plain", "ours"):
            for shape in shape_list.split(","):
                lines.setdefault((shape.strip(), name), {})[kind] = expr
    checked = 0
    failed = False
    for shape, (_, table, key, clause, _) in shapes.items():
        if table not in tables or (only and shape not in only) or clause == "-":
            continue
        key = None if key == "-" else key
        prefix = key + ", " if key else ""
        for (s, name), exprs in lines.items():
            if s != shape or "ours" not in exprs or "plain" not in exprs:
                continue
            results = []
            for kind in ("plain", "ours"):
                sql = f"SELECT {prefix}{exprs[kind]} {clause}"
                rows = {}
                for line in psql.run(sql + ";\n"):
                    cols = line.split("\t")
                    group = cols[0] if key else ""
                    rows[group] = cols[1:] if key else cols
                results.append(rows)
            plain, ours = results
            diffs = []
            for group in sorted(set(plain) | set(ours), key=lambda g: (len(g), g)):
                p, o = plain.get(group), ours.get(group)
                if p is None or o is None:
                    diffs.append(f"group {group!r}: only in {'ours' if p is None else 'plain SQL'}")
                elif p != o:
                    diffs.append(f"group {group!r}: plain SQL {p}, ours {o}")
            if diffs:
                failed = True
                print(f"{shape} {name}: plain SQL and ours differ in {len(diffs)} group(s):", file=sys.stderr)
                for d in diffs[:10]:
                    print("  " + d, file=sys.stderr)
            else:
                sample = ours[min(ours, key=lambda g: (len(g), g))] if ours else []
                print(f"==> {shape} {name}: {len(ours)} group(s), plain SQL = ours "
                      f"(first group: {', '.join(sample)})", file=sys.stderr, flush=True)
            checked += 1
    if checked == 0:
        sys.exit(f"no selected shape over {', '.join(sorted(tables))} has a plain and an ours line")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
