#!/usr/bin/env python3
"""The KPI report of test/clients/queries.sql through psycopg2 (Debian's
python3-psycopg2), as a Python script or notebook would run it.

psycopg2 reads results in PostgreSQL's text format only (libpq's PQexec and
PQexecParams with text results): there is no binary mode to test.  It also
does not prepare statements on the server: it quotes the parameters into the
SQL text on the client (cursor.execute(sql, params)).  So the parameterized
queries run twice here: as psycopg2 usually sends them, and as a server-side
PREPARE / EXECUTE (what a prepared statement in another client does).

Values are printed as psycopg2 hands them over (float for float8, Decimal for
numeric, int, datetime.date, and str for the salesops summary types, which
psycopg2 does not know), one per line:
    query <TAB> mode <TAB> row <TAB> column <TAB> name <TAB> format <TAB> kind <TAB> value
test/clients/compare.py checks them against psql.
Connection: libpq's environment (PGHOST, PGPORT, PGUSER, PGDATABASE).
"""
import datetime
import decimal
import sys
from pathlib import Path

import psycopg2

QUERIES = Path(__file__).resolve().parent.parent / "queries.sql"


def read_queries(path):
    """[(name, sql, [(type, value), ...])] from the shared query file."""
    queries, name, params, lines = [], None, [], []
    for line in path.read_text().splitlines() + ["-- query: <end>"]:
        if line.startswith("-- query: "):
            if name:
                queries.append((name, "\n".join(lines).strip().rstrip(";"), params))
            name, params, lines = line[len("-- query: "):].strip(), [], []
        elif line.startswith("-- params: "):
            for item in line[len("-- params: "):].split(" | "):
                typ, _, value = item.strip().partition(" ")
                params.append((typ, value))
        elif line.startswith("--") or name is None:
            continue
        else:
            lines.append(line)
    return queries


def py_value(typ, value):
    """The Python object a script would pass for a parameter of this SQL type."""
    if typ == "float8":
        return float(value)
    if typ == "int4":
        return int(value)
    if typ == "date":
        return datetime.date.fromisoformat(value)
    return value


def render(value):
    """(kind, text) for a value as psycopg2 returned it."""
    if value is None:
        return "value", "\\N"
    if isinstance(value, float):
        return "value", repr(value)
    if isinstance(value, decimal.Decimal):
        return "value", str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "value", value.isoformat()
    return "value", str(value)


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") if text != "\\N" else text


def emit(out, query, mode, cursor):
    names = [d.name for d in cursor.description]
    for r, row in enumerate(cursor.fetchall(), 1):
        for c, value in enumerate(row, 1):
            kind, text = render(value)
            out.write("\t".join([query, mode, str(r), str(c), names[c - 1], "text", kind, escape(text)]) + "\n")


def main():
    out = sys.stdout
    conn = psycopg2.connect("")          # libpq environment: PGHOST, PGPORT, ...
    conn.autocommit = True
    cur = conn.cursor()
    for name, sql, params in read_queries(QUERIES):
        values = {f"p{i}": py_value(t, v) for i, (t, v) in enumerate(params, 1)}
        # psycopg2's placeholders: %(p1)s for $1 (highest numbers first, so
        # that $1 does not eat the start of $12)
        client_sql = sql
        for i in range(len(params), 0, -1):
            client_sql = client_sql.replace(f"${i}", f"%(p{i})s")
        cur.execute(client_sql, values if params else None)
        emit(out, name, "text", cur)
        if params:
            # the same statement prepared on the server, then executed
            types = ", ".join(t for t, _ in params)
            cur.execute(f"PREPARE kpi_{name}({types}) AS {sql}")
            placeholders = ", ".join(f"%(p{i})s" for i in range(1, len(params) + 1))
            cur.execute(f"EXECUTE kpi_{name}({placeholders})", values)
            emit(out, name, "text-prepared", cur)
            cur.execute(f"DEALLOCATE kpi_{name}")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
