#!/usr/bin/env python3
"""Summarize the memcheck logs of one test/valgrind.sh run.

    summarize.py LOG_DIR SOURCE_DIR [--lax]

LOG_DIR holds one vg.<pid>.log per traced process (valgrind --log-file with
%p, --error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END).  SOURCE_DIR is
the extension's src/: a stack frame is "in salesops" when it is in
salesops.so or names one of the *.c files there.

Every error is put in one class:
  salesops  a salesops frame is on the stack where the error happened;
  origin    salesops frames appear only in the auxiliary stack (where the
            block was allocated or the uninitialised value created).  Those
            stacks are reliable only for malloc'd memory: a Debian
            PostgreSQL is not built with USE_VALGRIND, so palloc chunks are
            invisible and the allocation stack is whoever malloc'd the
            memory context block.  Listed for review;
  other     no salesops frame at all (PostgreSQL or libc noise that the
            suppressions file does not cover).  Listed for review with a
            ready-made suppression in LOG_DIR/unsuppressed.supp.

Valgrind prints each distinct error context of a process once (repeats
only raise the count in its ERROR SUMMARY line), so the classes count
contexts.  Prints a report and a machine-readable line
    VGSUMMARY processes=N errors=N contexts=N salesops=N origin=N other=N suppressed=N
(errors = occurrences, from the ERROR SUMMARY lines; salesops, origin and
other count contexts).
Exit status 1 when any error was found, or with --lax only when a salesops
error was found; else 0.  Why "other" errors count by default: an
uninitialised value computed in salesops code is reported where it is
first used, and at -O2 that is often inside PostgreSQL (returned through a
Datum and printed by an output function), with no salesops frame on the
stack.  Known PostgreSQL noise is suppressed, so what remains needs a look.
"""
import collections
import glob
import os
import re
import sys

FRAME = re.compile(r"^\s+(?:at|by) 0x[0-9A-Fa-f]+: (.*)$")
SUMMARY = re.compile(r"ERROR SUMMARY: (\d+) errors from (\d+) contexts \(suppressed: (\d+) from (\d+)\)")


def log_lines(path):
    """(pid, lines without the ==pid== prefix, trailing text after markers)."""
    pid = None
    body = []
    with open(path, errors="replace") as f:
        for raw in f:
            m = re.match(r"^==(\d+)== ?(.*)$", raw.rstrip("\n"))
            if m:
                pid = pid or m.group(1)
                body.append(m.group(2))
            else:
                body.append("\x00" + raw.rstrip("\n"))  # suppression text
    return pid, body


def parse(path):
    pid, body = log_lines(path)
    errors = []
    supps = []
    summary = None
    i = 0
    while i < len(body):
        line = body[i]
        if line == "VALGRINDERROR-BEGIN":
            block = []
            i += 1
            while i < len(body) and body[i] != "VALGRINDERROR-END":
                block.append(body[i])
                i += 1
            errors.append(block)
        elif line == "\x00{":
            supp = ["{"]
            i += 1
            while i < len(body) and body[i] != "\x00}":
                supp.append(body[i][1:] if body[i].startswith("\x00") else body[i])
                i += 1
            supp.append("}")
            supps.append("\n".join(supp))
        else:
            m = SUMMARY.search(line)
            if m:
                summary = tuple(int(x) for x in m.groups())
        i += 1
    return pid, errors, supps, summary


def stacks(block):
    """Split an error block into its main stack and its auxiliary stacks."""
    main, aux = [], []
    current = main
    seen_frames = False
    for line in block[1:]:
        m = FRAME.match(line)
        if m:
            current.append(m.group(1))
            seen_frames = True
        elif line.strip() and seen_frames:
            # " Address ... alloc'd", " Uninitialised value was created by ..."
            current = aux
    return main, aux


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    lax = "--lax" in sys.argv
    log_dir, src_dir = args
    sources = sorted(os.path.basename(p) for p in glob.glob(os.path.join(src_dir, "*.c")))
    ours = re.compile(r"salesops\.so|\((?:[^()]*/)?(?:%s):\d+\)" % "|".join(map(re.escape, sources)))

    classes = collections.OrderedDict((c, collections.Counter()) for c in ("salesops", "origin", "other"))
    examples = {}
    new_supps = []
    processes = 0
    suppressed = 0
    reported = 0
    unfinished = []
    for path in sorted(glob.glob(os.path.join(log_dir, "*.log"))):
        pid, errors, supps, summary = parse(path)
        processes += 1
        if summary:
            reported += summary[0]
            suppressed += summary[2]
        else:
            unfinished.append(os.path.basename(path))
        for n, block in enumerate(errors):
            main_stack, aux_stack = stacks(block)
            if any(ours.search(f) for f in main_stack):
                cls = "salesops"
            elif any(ours.search(f) for f in aux_stack):
                cls = "origin"
            else:
                cls = "other"
            key = (block[0],) + tuple(main_stack[:12])
            classes[cls][key] += 1
            examples.setdefault((cls, key), (os.path.basename(path), block))
            if cls == "other" and n < len(supps):
                new_supps.append(supps[n])

    if new_supps:
        with open(os.path.join(log_dir, "unsuppressed.supp"), "w") as f:
            f.write("\n".join(dict.fromkeys(new_supps)) + "\n")

    counts = {c: sum(v.values()) for c, v in classes.items()}
    total = sum(counts.values())
    print(f"valgrind: {processes} processes traced; {reported} errors in {total} distinct contexts; "
          f"{suppressed} suppressed as known PostgreSQL noise")
    for cls, title in (("salesops", "ERRORS IN SALESOPS FRAMES"),
                       ("origin", "errors whose allocation/origin stack has a salesops frame"),
                       ("other", "errors outside salesops frames, not suppressed "
                                 "(a salesops value used by PostgreSQL, or new noise: "
                                 "see unsuppressed.supp)")):
        if not classes[cls]:
            continue
        print(f"\n{title}: {counts[cls]} contexts, {len(classes[cls])} distinct stacks")
        for key, count in classes[cls].most_common(10):
            log, block = examples[(cls, key)]
            print(f"--- {count}x, first in {log}:")
            for line in block[:60]:
                print("    " + line)
    if unfinished:
        print(f"\nnote: no ERROR SUMMARY in {', '.join(unfinished[:5])}"
              f"{' ...' if len(unfinished) > 5 else ''} (process killed or still running)")
    print(f"VGSUMMARY processes={processes} errors={reported} contexts={total} "
          f"salesops={counts['salesops']} origin={counts['origin']} other={counts['other']} "
          f"suppressed={suppressed}")
    failed = counts["salesops"] > 0 or (not lax and total > 0)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
