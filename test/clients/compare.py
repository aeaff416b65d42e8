#!/usr/bin/env python3
"""Check what each client read against the same queries run in psql.

    compare.py CLIENT=FILE [CLIENT=FILE ...]

Each FILE holds the lines a client printed (see python/kpi_report.py):
    query  mode  row  column  name  format  kind  value
format is the wire format the value arrived in (text or binary); kind says
how the client printed it:
    text   the text form as received            -> equal to psql's text
    value  a value the driver decoded            -> equal to psql's value for
           the column type: float8 bit for bit (parsed), numeric equal and at
           the same scale, integers, dates, and text forms (summary types)
           character for character
    hex    the raw bytes of a binary-format value -> equal to the column
           type's send function applied in psql (deal_summary_send, ...),
           which is what the server puts on the wire
The reference is psql: each query PREPAREd with the declared parameter types
and EXECUTEd, in unaligned output.  Every (query, row, column) of the
reference must be read by every client in every mode it runs, and in a mode
whose name starts with "binary" every summary value must have arrived in
binary format (so a driver that silently fell back to text cannot pass).

Known client bug, checked rather than ignored: node-postgres (pg 8.x) reads
every field as a UTF-8 string and turns binary ones back into bytes, which
replaces each byte that is not valid UTF-8 (brianc/node-postgres#3495).  A
client line may say so with the mode "binary-known-utf8-bug": its hex is then
expected to equal the reference bytes after that same UTF-8 round trip, and
the summary prints how many values came back intact.  If the driver is fixed
the bytes equal the reference and the summary says so.
Needs PGHOST, PGPORT, PGUSER and PGDATABASE for psql.
"""
import decimal
import math
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "python"))
from kpi_report import read_queries  # noqa: E402  (the one parser of queries.sql)

SUMMARY_TYPES = {"deal_summary", "forecast_error"}


def psql(sql):
    out = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-A", "-F", "\t", "-P", "null=\\N",
                          "-P", "footer=off"], input=sql, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("psql failed:\n" + sql + "\n" + out.stderr)
    return out.stdout


def literal(typ, value):
    if typ in ("float8", "int4"):
        return value
    return "'" + value.replace("'", "''") + "'::" + typ


def strip_type(t):
    """'salesops.deal_summary' and 'deal_summary' alike."""
    return t.split(".")[-1].strip('"')


def reference(queries):
    """{query: {"names": [...], "types": [...], "rows": [[text...]], "hex": [[hex...]]}}"""
    ref = {}
    for name, sql, params in queries:
        types = ", ".join(t for t, _ in params)
        args = ", ".join(literal(t, v) for t, v in params)
        prep = f"PREPARE ref_{name}" + (f"({types})" if params else "") + f" AS {sql};\n"
        execute = f"EXECUTE ref_{name}" + (f"({args})" if params else "") + ";\n"
        # the result, then its column types (\gdesc describes the EXECUTE)
        out = psql(prep + execute + "\\pset tuples_only on\n" + execute.rstrip(";\n") + " \\gdesc\n")
        lines = out.splitlines()
        names = lines[0].split("\t")
        rows = [line.split("\t") for line in lines[1:len(lines) - len(names)]]
        types = [line.split("\t")[1] for line in lines[len(lines) - len(names):]]
        # the wire bytes: each column through its type's send function
        sends = psql("\\pset tuples_only on\n" + "".join(
            f"SELECT typsend::regproc::text FROM pg_type WHERE oid = {psql_quote(t)}::regtype;\n"
            for t in types)).splitlines()
        cols = ", ".join(f'encode({send}(x."{col}"), \'hex\')' for send, col in zip(sends, names))
        hex_out = psql(f"PREPARE hex_{name}" + (f"({types_list(params)})" if params else "") +
                       f" AS SELECT {cols} FROM ({sql}) AS x;\n\\pset tuples_only on\n"
                       f"EXECUTE hex_{name}" + (f"({args})" if params else "") + ";\n")
        hexes = [line.split("\t") for line in hex_out.splitlines()]
        ref[name] = {"names": names, "types": [strip_type(t) for t in types], "rows": rows, "hex": hexes}
    return ref


def types_list(params):
    return ", ".join(t for t, _ in params)


def psql_quote(text):
    return "'" + text.replace("'", "''") + "'"


def unescape(text):
    if text == "\\N":
        return None
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"t": "\t", "n": "\n", "\\": "\\"}.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def same_value(typ, got, want):
    """A decoded value against psql's text for the column type."""
    if got is None or want is None:
        return got is None and want is None
    if typ in ("double precision", "real"):
        g, w = float(got.replace("Infinity", "inf")), float(want.replace("Infinity", "inf"))
        return (math.isnan(g) and math.isnan(w)) or g == w
    if typ == "numeric":
        try:
            g, w = decimal.Decimal(got), decimal.Decimal(want)
        except decimal.InvalidOperation:
            return False
        return g == w and g.as_tuple().exponent == w.as_tuple().exponent
    if typ in ("bigint", "integer", "smallint"):
        return int(got) == int(want)
    return got == want


def utf8_round_trip(hex_bytes):
    """What node-postgres's string detour makes of a binary value."""
    return bytes.fromhex(hex_bytes).decode("utf-8", errors="replace").encode("utf-8").hex()


def main(args):
    queries = read_queries(HERE / "queries.sql")
    ref = reference(queries)
    failures = 0
    report = []
    for arg in args:
        client, _, path = arg.partition("=")
        seen = defaultdict(set)          # mode -> {(query, row, col)}
        binary_summaries = defaultdict(int)
        intact = mangled = 0
        n = 0
        for line in Path(path).read_text().splitlines():
            query, mode, row, col, cname, fmt, kind, value = line.split("\t")
            r, c = int(row), int(col)
            n += 1
            q = ref.get(query)
            if q is None or r > len(q["rows"]) or c > len(q["names"]):
                failures += 1
                print(f"{client}: {query} row {r} column {c}: not in psql's result")
                continue
            typ, want, want_hex = q["types"][c - 1], q["rows"][r - 1][c - 1], q["hex"][r - 1][c - 1]
            want = unescape(want)
            got = unescape(value)
            seen[mode].add((query, r, c))
            if fmt == "binary" and typ in SUMMARY_TYPES:
                binary_summaries[mode] += 1
            elif mode.startswith("binary") and typ in SUMMARY_TYPES:
                failures += 1
                print(f"{client} [{mode}] {query} row {r} {cname}: a {typ} arrived in {fmt} format, not binary")
            if kind == "text":
                ok = got == want
            elif kind == "value":
                ok = same_value(typ, got, want)
            elif kind == "hex":
                if got is None or want is None:
                    ok = got is None and want is None
                elif mode == "binary-known-utf8-bug":
                    if got == want_hex:
                        intact += 1
                        ok = True
                    else:
                        mangled += 1
                        ok = got == utf8_round_trip(want_hex)
                        want_hex = utf8_round_trip(want_hex) + " (psql's bytes after a UTF-8 round trip)"
                else:
                    ok = got == want_hex
                want = want_hex
            else:
                ok = False
            if not ok:
                failures += 1
                print(f"{client} [{mode}, {fmt}, {kind}] {query} row {r} {cname} ({typ}):\n"
                      f"    client: {got}\n    psql:   {want}")
        every = {(name, r, c) for name, q in ref.items()
                 for r in range(1, len(q["rows"]) + 1) for c in range(1, len(q["names"]) + 1)}
        for mode, cells in sorted(seen.items()):
            parameterized = {name for name, _, p in queries if p}
            expected = every if mode in ("text", "binary", "binary-known-utf8-bug") else \
                {cell for cell in every if cell[0] in parameterized}
            missing = expected - cells
            if missing:
                failures += 1
                print(f"{client} [{mode}]: {len(missing)} values of psql's result never read, e.g. "
                      f"{sorted(missing)[:3]}")
            if mode.startswith("binary") and binary_summaries[mode] == 0:
                failures += 1
                print(f"{client} [{mode}]: no summary value arrived in binary format")
        note = ""
        if "binary-known-utf8-bug" in seen:
            note = (f"; binary: {intact} values intact, {mangled} mangled exactly as "
                    f"brianc/node-postgres#3495 predicts" if mangled else
                    "; binary: every value intact (brianc/node-postgres#3495 looks fixed: "
                    "drop the workaround)")
        report.append(f"{client}: {n} values in modes {', '.join(sorted(seen))}"
                      f" ({sum(binary_summaries.values())} summaries in binary format){note}")
        if not seen:
            failures += 1
            print(f"{client}: printed nothing")
    for line in report:
        print(line)
    print(f"client comparison: {len(args)} clients, {failures} differences from psql")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
