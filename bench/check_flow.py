#!/usr/bin/env python3
"""bench/check_flow.py: the plain SQL of the flow shapes gives pipeline_flow's bars.

bench/run.sh runs this on the loaded cluster (PGHOST/PGPORT/... set) before
timing, whenever a flow shape is selected.  For each shape with a plain and
an ours line named "pipeline_flow" in bench/queries.tsv, it runs both
queries exactly as the benchmark builds them and compares every group's 11
bars: the plain SQL's 22 columns (deals, amount per bar, in waterfall order)
against flow_deals() and flow_amount() of the pipeline_flow value, deals as
integers and amounts as exact decimals (a bar without deals is NULL on both
sides).  Exits non-zero, printing the first differences, if any bar differs.
"""
import argparse
import decimal
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (read_tsv, Psql)

NAME = "pipeline_flow"
BARS = ["start", "new", "pulled_in", "added", "increased", "decreased",
        "pushed_out", "removed", "won", "lost", "end"]


def value(text, integer):
    if text == "":
        return None
    return int(text) if integer else decimal.Decimal(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--psql", default="psql")
    ap.add_argument("--queries", required=True)
    ap.add_argument("--shapes", required=True)
    ap.add_argument("--only", default="", help="comma-separated shapes (default: every flow shape)")
    args = ap.parse_args()
    psql = bench.Psql(args.psql)
    shapes = {row[0]: row for row in bench.read_tsv(args.shapes, 5)}
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    lines = {}
    for name, kind, shape_list, _, _, expr in bench.read_tsv(args.queries, 6):
        if name == NAME and kind in ("plain", "ours"):
            for shape in shape_list.split(","):
                lines[(shape.strip(), kind)] = expr
    checked = 0
    failed = False
    for shape, (_, _, key, clause, _) in shapes.items():
        if (shape, "ours") not in lines or (only and shape not in only):
            continue
        if (shape, "plain") not in lines:
            sys.exit(f"{args.queries}: shape {shape} has an ours {NAME} line and no plain one")
        key = None if key == "-" else key
        prefix = key + ", " if key else ""
        plain_sql = f"SELECT {prefix}{lines[(shape, 'plain')]} {clause}"
        ours_sql = f"SELECT {prefix}{lines[(shape, 'ours')]} {clause}"
        accessors = ", ".join(f"flow_deals(f, '{b}'), flow_amount(f, '{b}')" for b in BARS)
        alias = "x(k, f)" if key else "x(f)"
        ours_read = f"SELECT {'k, ' if key else ''}{accessors} FROM ({ours_sql}) AS {alias}"
        nkey = 1 if key else 0
        results = []
        for sql in (plain_sql, ours_read):
            rows = {}
            for line in psql.run(sql + ";\n"):
                cols = line.split("\t")
                if len(cols) != nkey + 2 * len(BARS):
                    sys.exit(f"{shape}: expected {nkey + 2 * len(BARS)} columns, got {len(cols)}:\n{sql}")
                rows[tuple(cols[:nkey])] = [value(c, i % 2 == 0) for i, c in enumerate(cols[nkey:])]
            results.append(rows)
        plain, ours = results
        diffs = []
        for group in sorted(set(plain) | set(ours)):
            p, o = plain.get(group), ours.get(group)
            if p is None or o is None:
                diffs.append(f"group {group}: only in {'ours' if p is None else 'plain SQL'}")
                continue
            for i, bar in enumerate(BARS):
                for j, what in ((0, "deals"), (1, "amount")):
                    if p[2 * i + j] != o[2 * i + j]:
                        diffs.append(f"group {group} {bar} {what}: plain SQL {p[2 * i + j]}, "
                                     f"pipeline_flow {o[2 * i + j]}")
        if diffs:
            failed = True
            print(f"{shape}: plain SQL and pipeline_flow differ in {len(diffs)} places:", file=sys.stderr)
            for d in diffs[:20]:
                print("  " + d, file=sys.stderr)
        else:
            total = {bar: sum(r[2 * i] for r in ours.values()) for i, bar in enumerate(BARS)}
            print(f"==> {shape}: {len(ours)} group(s), every bar's deals and amount equal "
                  f"(deals: " + ", ".join(f"{b} {total[b]:,}" for b in BARS) + ")",
                  file=sys.stderr, flush=True)
        checked += 1
    if checked == 0:
        sys.exit(f"no shape with plain and ours lines named {NAME} to check")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
