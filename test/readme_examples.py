#!/usr/bin/env python3
"""Run every README example that shows its output, and compare.

An example is a ```sql block whose query is followed by the psql output as
comment lines ("-- " prefix, with the "----+----" separator).  The output in
the README was checked by hand (see the regression tests for the same
values); this test keeps it from drifting from the code.
Needs PGHOST/PGPORT/PGUSER; uses a scratch database.
"""
import re
import subprocess
import sys
from pathlib import Path

DB = "salesops_readme"


def psql(sql, db):
    return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-P", "footer=off"],
                          input=sql, capture_output=True, text=True)


def main():
    readme = Path(__file__).resolve().parent.parent / "README.md"
    blocks = re.findall(r"```sql\n(.*?)```", readme.read_text(), re.S)
    examples = []
    for block in blocks:
        lines = block.splitlines()
        if not any(re.match(r"^-- -+(\+-+)*$", line) for line in lines):
            continue
        first_output = next(i for i, line in enumerate(lines) if line.startswith("-- ") and
                            i + 1 < len(lines) and re.match(r"^-- -+(\+-+)*$", lines[i + 1]))
        query = "\n".join(lines[:first_output])
        expected = [line[3:].rstrip() for line in lines[first_output:]]
        examples.append((query, expected))

    for db_sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
        psql(db_sql, "postgres")
    psql("CREATE EXTENSION salesops", DB)
    failures = 0
    for query, expected in examples:
        out = psql(query, DB)
        got = [line.rstrip() for line in out.stdout.splitlines() if line.strip()]
        if out.returncode != 0 or got != expected:
            failures += 1
            print("README example differs:\n" + query + "\n--- README:\n" + "\n".join(expected) +
                  "\n--- psql:\n" + "\n".join(got) + out.stderr)
    psql(f"DROP DATABASE {DB}", "postgres")
    print(f"README examples: {len(examples)} run, {failures} differ")
    return 1 if failures or not examples else 0


if __name__ == "__main__":
    sys.exit(main())
