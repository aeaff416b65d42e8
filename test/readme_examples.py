#!/usr/bin/env python3
"""Run every documentation example that shows its output, and compare.

Documents: README.md and doc/*.md.  An example is a ```sql block whose
statements are followed by what psql prints, as comment lines ("-- "
prefix): a result table (column names, the "----+----" separator, rows) or
an error ("-- ERROR:  ...", with its DETAIL and HINT lines).  Blocks without
such output are shown, not run.  Each example runs in its own psql session
(so TEMP tables do not leak from one to the next) in a scratch database with
the extension; psql's output must equal the documented one line for line.
The outputs in the documents were checked by hand or against the
regression tests' expected files; this test keeps them from drifting.

It also checks that every relative link between these documents points to
a file that exists, and that the function index of doc/README.md lists
every SQL function of the installed extension, and nothing else, as
name(arguments) with PostgreSQL's argument list (float8 for double
precision, int for integer).
Needs PGHOST/PGPORT/PGUSER; uses a scratch database.
"""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "salesops_docs"
SEPARATOR = re.compile(r"^-- -+(\+-+)*$")


def psql(sql, db):
    return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-P", "footer=off"],
                          input=sql, capture_output=True, text=True)


def documents():
    return [ROOT / "README.md"] + sorted((ROOT / "doc").glob("*.md"))


def examples(path):
    """[(line number, query, expected lines, is_error)] of one document."""
    text = path.read_text()
    found = []
    for m in re.finditer(r"```sql\n(.*?)```", text, re.S):
        lines = m.group(1).splitlines()
        start = None
        for i, line in enumerate(lines):
            if line.startswith("-- ") and i + 1 < len(lines) and SEPARATOR.match(lines[i + 1]):
                start, is_error = i, False
                break
            if line.startswith("-- ERROR:  "):
                start, is_error = i, True
                break
        if start is None:
            continue
        query = "\n".join(lines[:start])
        expected = [line[3:].rstrip() for line in lines[start:]]
        found.append((text[:m.start()].count("\n") + 1, query, expected, is_error))
    return found


def broken_links(path):
    bad = []
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text()):
        if re.match(r"^[a-z]+:", target):
            continue                      # http:, https:, mailto:
        if not (path.parent / target).exists():
            bad.append(target)
    return bad


INDEX_HEADING = "## Function index"
EXTENSION_FUNCTIONS = """
SELECT p.proname || '(' || pg_get_function_arguments(p.oid) || ')'
FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'salesops')
ORDER BY 1"""


def index_problems():
    """The function index of doc/README.md against the installed extension."""
    out = subprocess.run(["psql", "-X", "-At", "-d", DB, "-c", EXTENSION_FUNCTIONS],
                         capture_output=True, text=True)
    installed = {line.replace("double precision", "float8").replace("integer", "int")
                 .replace("timestamp with time zone", "timestamptz")
                 for line in out.stdout.splitlines() if line}
    text = (ROOT / "doc/README.md").read_text()
    if out.returncode != 0 or not installed or INDEX_HEADING not in text:
        return [f"doc/README.md: no '{INDEX_HEADING}' section, or no installed function: {out.stderr}"]
    section = text.split(INDEX_HEADING, 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([a-z_0-9]+\([^`]*\))`", section))
    return ([f"doc/README.md: function index lacks {f}" for f in sorted(installed - listed)] +
            [f"doc/README.md: function index lists {f}, which the extension does not have"
             for f in sorted(listed - installed)])


def main():
    for db_sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
        psql(db_sql, "postgres")
    psql("CREATE EXTENSION salesops", DB)
    failures = 0
    total = 0
    counts = []
    for problem in index_problems():
        failures += 1
        print(problem)
    for doc in documents():
        name = doc.relative_to(ROOT)
        for target in broken_links(doc):
            failures += 1
            print(f"{name}: link to {target}, which does not exist")
        found = examples(doc)
        counts.append(f"{name} {len(found)}")
        for line_no, query, expected, is_error in found:
            total += 1
            out = psql(query, DB)
            if is_error:
                got = [re.sub(r"^psql:<stdin>:\d+: ", "", line).rstrip()
                       for line in out.stderr.splitlines() if line.strip()]
                ok = out.returncode != 0 and got == expected
            else:
                got = [line.rstrip() for line in out.stdout.splitlines() if line.strip()]
                ok = out.returncode == 0 and got == expected
            if not ok:
                failures += 1
                print(f"{name}:{line_no}: example differs:\n" + query + "\n--- documented:\n" +
                      "\n".join(expected) + "\n--- psql:\n" + "\n".join(got) +
                      ("" if is_error else "\n" + out.stderr))
    psql(f"DROP DATABASE {DB}", "postgres")
    print(f"documentation examples: {total} run ({', '.join(counts)}), {failures} differ")
    return 1 if failures or not total else 0


if __name__ == "__main__":
    sys.exit(main())
