#!/usr/bin/env python3
"""bench/bench.py: time the queries of bench/queries.tsv on a loaded cluster.

bench/run.sh starts the cluster, loads and prewarms the data, then runs this
with PGHOST/PGPORT/PGUSER/PGDATABASE set.  For each worker setting (serial,
then 2 forced parallel workers) and each scan shape of bench/shapes.tsv, one
psql session:
  - EXPLAIN (ANALYZE, BUFFERS) of every query of the shape: the first
    warm-up, and the plan check (workers planned and launched, pages read
    from outside shared_buffers);
  - bench.time_queries(): a second warm-up of each, then RUNS rounds that
    run every query once, timed in the server.
At the end the sum(float8) floor of every shape is timed again (drift).

Writes a plain-text report on stdout (also saved as .txt), a TSV with one
line per query, shape and worker setting, and a PNG of the ratios, in the
results directory, named <date>-rows<ROWS>.{txt,tsv,png}.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

REFERENCE = "sum(float8)"           # the floor every ratio divides by
SETTINGS = [
    # (key, label, workers, SET commands); the cost settings are the same in
    # both so that only the number of workers differs
    ("serial", "serial", 0, ["max_parallel_workers_per_gather = 0"]),
    ("parallel", "2 workers", 2, ["max_parallel_workers_per_gather = 2"]),
]
COMMON_SETTINGS = ["parallel_setup_cost = 0", "parallel_tuple_cost = 0",
                   "min_parallel_table_scan_size = 0", "min_parallel_index_scan_size = 0"]
QUOTE = "$bench$"


def say(msg):
    print("==> " + msg, file=sys.stderr, flush=True)


def read_tsv(path, ncols):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) != ncols:
                sys.exit(f"{path}:{lineno}: expected {ncols} tab-separated columns, got {len(cols)}")
            rows.append(cols)
    return rows


def opt_float(text):
    return None if text in ("", "-") else float(text)


class CpuMeter:
    """CPU time used on the machine, by our cluster, and by everyone else.

    /proc/stat gives the machine's busy time; the postmaster's own time plus
    its reaped children (backends and parallel workers: cutime/cstime) plus
    its children still alive give the cluster's; os.times() this script's and
    psql's.  The rest is other processes: noise in the timings.
    """
    def __init__(self, postmaster_pid):
        self.pm = postmaster_pid
        self.tck = os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _proc_stat(pid):
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
        # rest[1] = ppid; rest[11..14] = utime, stime, cutime, cstime
        return int(rest[1]), [int(x) for x in rest[11:15]]

    def snapshot(self):
        try:
            with open("/proc/stat") as f:
                v = [int(x) for x in f.readline().split()[1:]]
            busy = v[0] + v[1] + v[2] + v[5] + v[6]
            steal = v[7] if len(v) > 7 else 0
            _, t = self._proc_stat(self.pm)
            ours = sum(t)
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        ppid, t = self._proc_stat(entry)
                    except (OSError, IndexError, ValueError):
                        continue
                    if ppid == self.pm:
                        ours += t[0] + t[1]
            me = os.times()
            mine = (me.user + me.system + me.children_user + me.children_system) * self.tck
            return (time.time(), busy, steal, ours, mine)
        except (OSError, IndexError, ValueError, TypeError):
            return None

    def others(self, a, b):
        """(other processes' CPU in % of the machine, steal %) between two snapshots."""
        if a is None or b is None:
            return None
        wall = (b[0] - a[0]) * self.tck * (os.cpu_count() or 1)
        if wall <= 0:
            return None
        other = max(0.0, (b[1] - a[1]) - (b[3] - a[3]) - (b[4] - a[4]))
        return 100.0 * other / wall, 100.0 * (b[2] - a[2]) / wall


class Psql:
    def __init__(self, binary):
        self.binary = binary

    def run(self, script):
        out = subprocess.run([self.binary, "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1"],
                             input=script, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("psql failed:\n" + out.stderr + "\nscript:\n" + script)
        return out.stdout.splitlines()

    def value(self, sql):
        return self.run(sql + ";\n")[0]


def quote(sql):
    if QUOTE in sql:
        sys.exit(f"query contains {QUOTE}: {sql}")
    return QUOTE + sql + QUOTE


def plan_summary(explained):
    """Workers planned/launched, shared blocks read/hit, and a one-line plan."""
    top = explained[0]["Plan"]
    planned = launched = 0
    steps = []
    node = top
    while node is not None:
        kind = node["Node Type"]
        if kind == "Aggregate":
            mode = {"Partial": "Partial ", "Finalize": "Finalize "}.get(node.get("Partial Mode"), "")
            kind = mode + {"Hashed": "HashAggregate", "Sorted": "GroupAggregate",
                           "Mixed": "MixedAggregate"}.get(node.get("Strategy"), "Aggregate")
        if kind in ("Gather", "Gather Merge"):
            planned += node.get("Workers Planned", 0)
            launched += node.get("Workers Launched", 0)
            kind += f"[{node.get('Workers Planned', 0)}/{node.get('Workers Launched', 0)}]"
        if node.get("Parallel Aware"):
            kind = "Parallel " + kind
        steps.append(kind)
        children = node.get("Plans") or []
        node = children[0] if children else None
    return {
        "workers_planned": planned,
        "workers_launched": launched,
        "shared_read": top.get("Shared Read Blocks", 0),
        "shared_hit": top.get("Shared Hit Blocks", 0),
        "plan": " > ".join(steps),
    }


def time_batch(psql, setting, queries, runs, explain):
    """EXPLAIN (optional) then interleaved timing of queries in one session."""
    _, _, _, sets = setting
    lines = ["SET " + s + ";" for s in COMMON_SETTINGS + sets]
    if explain:
        lines += [f"SELECT bench.explain({quote(q)});" for q in queries]
    # the EXPLAIN ANALYZE runs are the warm-up; without them, one untimed round
    lines.append("SELECT query_no, run_no, ms FROM bench.time_queries(ARRAY[\n  "
                 + ",\n  ".join(quote(q) for q in queries) + f"], {runs}, {0 if explain else 1});")
    out = psql.run("\n".join(lines) + "\n")
    plans = []
    if explain:
        plans = [plan_summary(json.loads(line)) for line in out[:len(queries)]]
        out = out[len(queries):]
    times = [[] for _ in queries]
    for line in out:
        qno, _, ms = line.split("\t")
        times[int(qno) - 1].append(float(ms))
    return plans, times


def fmt_ms(ms):
    return f"{ms:.1f}" if ms < 10000 else f"{ms:.0f}"


def verdict(value, target, higher_is_better=False):
    if target is None or value is None:
        return ""
    value = round(value, 2)                 # judge the figure that is printed
    ok = value >= target if higher_is_better else value <= target
    return "PASS" if ok else "MISS"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", required=True)
    ap.add_argument("--psql", default="psql")
    ap.add_argument("--settings", default="", help="server settings, for the report")
    ap.add_argument("--revision", default="unknown", help="git revision built, for the report")
    ap.add_argument("--queries", required=True)
    ap.add_argument("--shapes", required=True)
    ap.add_argument("--only", default="",
                    help="comma-separated shapes to run (default: every shape); the results "
                         "files are then named <date>-rows<ROWS>-<shape>+<shape>...")
    args = ap.parse_args()
    psql = Psql(args.psql)
    t_start = time.time()

    # ---- the query list ----------------------------------------------------
    shapes = {}
    for name, table, key, clause, desc in read_tsv(args.shapes, 5):
        shapes[name] = {"name": name, "table": table, "key": None if key == "-" else key,
                        "clause": clause, "desc": desc}
    queries = []                # (shape, query dict), in shape order then file order
    by_shape = {s: [] for s in shapes}
    for name, kind, shape_list, max_ratio, min_speedup, expr in read_tsv(args.queries, 6):
        if kind not in ("floor", "plain", "ours"):
            sys.exit(f"{args.queries}: {name}: kind must be floor, plain or ours, not {kind}")
        for shape in shape_list.split(","):
            shape = shape.strip()
            if shape not in shapes:
                sys.exit(f"{args.queries}: {name}: unknown shape {shape}")
            s = shapes[shape]
            select = (s["key"] + ", " if s["key"] else "") + expr
            # a shape without a clause ("-") runs each query's whole SQL as written
            sql = expr if s["clause"] == "-" else f"SELECT {select} {s['clause']}"
            by_shape[shape].append({
                "name": name, "kind": kind, "shape": shape, "expr": expr,
                "sql": sql,
                "max_ratio": opt_float(max_ratio), "min_speedup": opt_float(min_speedup),
            })
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    for s in only:
        if s not in shapes:
            sys.exit(f"--only: unknown shape {s} (the shapes of {args.shapes}: {', '.join(shapes)})")
        if not by_shape[s]:
            sys.exit(f"--only: shape {s} has no query in {args.queries}")
    used_shapes = [s for s in shapes if by_shape[s] and (not only or s in only)]
    for s in used_shapes:
        refs = [q for q in by_shape[s] if q["kind"] == "floor" and q["name"] == REFERENCE]
        if len(refs) != 1:
            sys.exit(f"{args.queries}: shape {s} needs exactly one '{REFERENCE}' floor")
        names = [(q["kind"], q["name"]) for q in by_shape[s]]
        if len(names) != len(set(names)):
            sys.exit(f"{args.queries}: shape {s} has the same kind and name twice")

    # ---- environment ---------------------------------------------------------
    tables = sorted({shapes[s]["table"] for s in used_shapes})
    table_rows = {}
    table_size = {}
    for t in tables:
        row = psql.value(f"SELECT count(*), pg_size_pretty(pg_table_size('{t}')) FROM {t}").split("\t")
        table_rows[t] = int(row[0])
        table_size[t] = row[1]
    version = psql.value("SELECT version()")
    ext_version = psql.value("SELECT extversion FROM pg_extension WHERE extname = 'salesops'")
    show = psql.run("SELECT name || '=' || current_setting(name) FROM pg_settings WHERE name IN "
                    "('shared_buffers', 'work_mem', 'max_worker_processes', 'max_parallel_workers', "
                    "'max_parallel_workers_per_gather', 'parallel_leader_participation', 'jit', "
                    "'autovacuum', 'huge_pages') ORDER BY name;\n")
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
            mem = f"{kb / 1048576:.1f} GiB"
    except (OSError, StopIteration):
        pass
    today = datetime.date.today().isoformat()
    pm = None
    try:
        pm = CpuMeter._proc_stat(int(psql.value(
            "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")))[0]
    except (OSError, ValueError, IndexError):
        pass
    meter = CpuMeter(pm) if pm else None
    snap = (lambda: meter.snapshot()) if meter else (lambda: None)
    others = (lambda a, b: meter.others(a, b)) if meter else (lambda a, b: None)
    fmt_others = lambda o: "n/a" if o is None else f"{o[0]:.0f}%" + (f" (steal {o[1]:.0f}%)" if o[1] >= 0.5 else "")
    with open("/proc/loadavg") as f:
        load_start = " ".join(f.read().split()[:3])
    timing_start = snap()

    # ---- timing --------------------------------------------------------------
    results = {}                # (setting key, shape, kind, name) -> dict
    batch_noise = {}            # (setting key, shape) -> others() of its batch
    for setting in SETTINGS:
        key, label, workers, _ = setting
        for shape in used_shapes:
            qs = by_shape[shape]
            t0 = time.time()
            before = snap()
            plans, times = time_batch(psql, setting, [q["sql"] for q in qs], args.runs, explain=True)
            noise = others(before, snap())
            batch_noise[(key, shape)] = noise
            for q, plan, ts in zip(qs, plans, times):
                results[(key, shape, q["kind"], q["name"])] = {
                    "q": q, "setting": key, "workers": workers, "times": ts,
                    "best": min(ts), "median": statistics.median(ts), "others_cpu": noise, **plan}
            say(f"{label:9} {shape:8} {len(qs):2} queries x (1 warm-up + {args.runs} runs) "
                f"in {time.time() - t0:.1f} s; other processes used {fmt_others(noise)} of the CPU")
    drift = {}
    for setting in SETTINGS:
        key, label, _, _ = setting
        refs = [next(q for q in by_shape[s] if q["kind"] == "floor" and q["name"] == REFERENCE)
                for s in used_shapes]
        t0 = time.time()
        _, times = time_batch(psql, setting, [q["sql"] for q in refs], args.runs, explain=False)
        for q, ts in zip(refs, times):
            drift[(key, q["shape"])] = {"best": min(ts), "median": statistics.median(ts), "times": ts}
        say(f"{label:9} re-timed the {REFERENCE} floors in {time.time() - t0:.1f} s")

    timing_noise = others(timing_start, snap())
    with open("/proc/loadavg") as f:
        load_end = " ".join(f.read().split()[:3])

    # ---- derived figures -----------------------------------------------------
    warnings = []
    notes = []
    for (key, shape, kind, name), r in results.items():
        ref = results[(key, shape, "floor", REFERENCE)]
        table = shapes[shape]["table"]
        r["ns_per_row"] = r["best"] * 1e6 / table_rows[table] if table_rows[table] else float("nan")
        r["ratio"] = r["best"] / ref["best"]
        r["ratio_median"] = r["median"] / ref["median"]
        r["ratio_ok"] = verdict(r["ratio"], r["q"]["max_ratio"])
        want = dict((s[0], s[2]) for s in SETTINGS)[key]
        if r["workers_planned"] != want or r["workers_launched"] != want:
            warnings.append(f"{key} {shape} {kind} {name}: workers planned/launched "
                            f"{r['workers_planned']}/{r['workers_launched']}, expected {want}")
        if r["shared_read"]:
            warnings.append(f"{key} {shape} {kind} {name}: {r['shared_read']} blocks read from "
                            "outside shared_buffers")
        agg = lambda plan: [s for s in plan.split(" > ") if "Aggregate" in s]
        if agg(r["plan"]) != agg(ref["plan"]):
            notes.append(f"{key} {shape} {kind} {name}: plan {r['plan']} "
                            f"(the {REFERENCE} floor: {ref['plan']})")
    for (key, shape, kind, name), r in results.items():
        if key == "parallel":
            s = results[("serial", shape, kind, name)]
            r["speedup"] = s["best"] / r["best"]
            r["speedup_ok"] = verdict(r["speedup"], r["q"]["min_speedup"], higher_is_better=True)
            s["speedup"], s["speedup_ok"] = r["speedup"], r["speedup_ok"]

    # ---- report --------------------------------------------------------------
    out = []
    p = out.append
    p(f"salesops benchmark, {today}: ROWS={args.rows:,} RUNS={args.runs} "
      + (f"SHAPES={','.join(used_shapes)} " if only else "")
      + f"(each query: EXPLAIN ANALYZE as the warm-up and plan check, then {args.runs} timed runs "
      "interleaved with the other queries of its shape)")
    p(f"machine: {os.cpu_count()} cores ({cpu}), {mem}; load average {load_start} before timing, "
      f"{load_end} after; other processes used {fmt_others(timing_noise)} of the CPU while timing")
    p(f"server:  {version.split(' on ')[0]}; salesops {ext_version} built from {args.revision}")
    p(f"         started with: {args.settings}")
    p(f"         in effect:    {' '.join(show)}")
    p("session: " + ", ".join(COMMON_SETTINGS) + "; serial: max_parallel_workers_per_gather = 0;"
      " 2 workers: max_parallel_workers_per_gather = 2 (leader participates)")
    for t in tables:
        p(f"table:   {t}: {table_rows[t]:,} rows, {table_size[t]}, VACUUM (FREEZE, ANALYZE)d, "
          "prewarmed into shared_buffers")
    p("timing:  in the server (clock_timestamp() around EXECUTE in PL/pgSQL), client excluded;"
      " best and median in ms")
    p(f"ratio:   best / best of {REFERENCE} over the same shape at the same worker setting;"
      " ns/row: best / rows of the table")
    p("")
    hdr1 = (f"{'':8} {'':5} {'':34} | {'serial':^29} | {'2 workers':^35} | {'speed':>5} | "
            f"{'ratio target':^16} | {'speed-up':^10}")
    hdr2 = (f"{'shape':8} {'kind':5} {'query':34} | {'best':>7} {'median':>7} {'ns/row':>7} "
            f"{'ratio':>5} | {'best':>7} {'median':>7} {'ns/row':>7} {'ratio':>5} {'W':^5} | "
            f"{'up':>5} | {'max':>4} {'ser.':>5} {'par.':>5} | {'min':>4} {'':>5}")
    width = len(hdr2)
    p(hdr1)
    p(hdr2)
    for shape in used_shapes:
        s = shapes[shape]
        p("-" * width)
        clause = "each query as written" if s["clause"] == "-" else s["clause"]
        p(f"{shape}: {s['desc']}  [{clause}]  other processes' CPU: serial "
          f"{fmt_others(batch_noise[('serial', shape)])}, 2 workers {fmt_others(batch_noise[('parallel', shape)])}")
        for q in by_shape[shape]:
            a = results[("serial", shape, q["kind"], q["name"])]
            b = results[("parallel", shape, q["kind"], q["name"])]
            mr = f"{q['max_ratio']:.1f}" if q["max_ratio"] is not None else ""
            ms = f"{q['min_speedup']:.1f}" if q["min_speedup"] is not None else ""
            p(f"{shape:8} {q['kind']:5} {q['name']:34} | {fmt_ms(a['best']):>7} {fmt_ms(a['median']):>7} "
              f"{a['ns_per_row']:7.1f} {a['ratio']:5.2f} | {fmt_ms(b['best']):>7} {fmt_ms(b['median']):>7} "
              f"{b['ns_per_row']:7.1f} {b['ratio']:5.2f} {b['workers_planned']:>2}/{b['workers_launched']:<2} | "
              f"{b['speedup']:5.2f} | {mr:>4} {a['ratio_ok']:>5} {b['ratio_ok']:>5} | "
              f"{ms:>4} {b['speedup_ok']:>5}")
    p("-" * width)
    p("W: parallel workers planned/launched (EXPLAIN ANALYZE of the same query, same session)")
    p("")

    # targets
    p("Targets: ours against the best plain SQL (ratios to sum(float8), same shape, same setting)")
    thdr = (f"{'KPI':34} {'shape':8} {'max':>4} | {'ours ser.':>9} {'ours par.':>9} | "
            f"{'plain ser.':>10} {'plain par.':>10} | {'speed-up':>8} {'min':>4} | verdict")
    p(thdr)
    p("-" * len(thdr))
    summary = []
    for shape in used_shapes:
        for q in by_shape[shape]:
            if q["kind"] != "ours":
                continue
            a = results[("serial", shape, "ours", q["name"])]
            b = results[("parallel", shape, "ours", q["name"])]
            pa = results.get(("serial", shape, "plain", q["name"]))
            pb = results.get(("parallel", shape, "plain", q["name"]))
            checks = [v for v in (a["ratio_ok"], b["ratio_ok"], b["speedup_ok"]) if v]
            ver = "-" if not checks else ("PASS" if all(c == "PASS" for c in checks) else
                                          "MISS (" + ", ".join(
                                              w for w, c in (("serial ratio", a["ratio_ok"]),
                                                             ("parallel ratio", b["ratio_ok"]),
                                                             ("speed-up", b["speedup_ok"]))
                                              if c == "MISS") + ")")
            summary.append(ver)
            mr = f"{q['max_ratio']:.1f}" if q["max_ratio"] is not None else "-"
            ms = f"{q['min_speedup']:.1f}" if q["min_speedup"] is not None else "-"
            plain_a = f"{pa['ratio']:.2f}x" if pa else "-"
            plain_b = f"{pb['ratio']:.2f}x" if pb else "-"
            p(f"{q['name']:34} {shape:8} {mr:>4} | {a['ratio']:8.2f}x {b['ratio']:8.2f}x | "
              f"{plain_a:>10} {plain_b:>10} | {b['speedup']:7.2f}x {ms:>4} | {ver}")
    p("-" * len(thdr))
    npass = sum(1 for v in summary if v == "PASS")
    nmiss = sum(1 for v in summary if v.startswith("MISS"))
    p(f"{npass} PASS, {nmiss} MISS (a line passes when its serial ratio, parallel ratio and "
      "speed-up all meet their targets, judged on the printed 2-decimal figures)")
    p("")

    # drift
    p(f"Drift: the {REFERENCE} floors timed again at the end (best ms)")
    dhdr = f"{'shape':8} | {'serial start':>12} {'end':>8} {'drift':>7} | {'2w start':>9} {'end':>8} {'drift':>7}"
    p(dhdr)
    p("-" * len(dhdr))
    for shape in used_shapes:
        cells = []
        for key, _, _, _ in SETTINGS:
            start = results[(key, shape, "floor", REFERENCE)]["best"]
            end = drift[(key, shape)]["best"]
            cells.append((start, end, (end / start - 1) * 100))
        (s1, e1, d1), (s2, e2, d2) = cells
        p(f"{shape:8} | {fmt_ms(s1):>12} {fmt_ms(e1):>8} {d1:+6.1f}% | {fmt_ms(s2):>9} {fmt_ms(e2):>8} {d2:+6.1f}%")
    p("")
    if timing_noise is not None and timing_noise[0] + timing_noise[1] >= 5:
        warnings.insert(0, f"other processes used {fmt_others(timing_noise)} of the CPU while timing: "
                        "the timings (above all the parallel ones) are noisy; rerun on a quiet machine")
    if warnings:
        p("Warnings:")
        for w in warnings:
            p("  " + w)
    else:
        p("Plans: every parallel query planned and launched 2 workers, every serial one none; "
          "no block was read from outside shared_buffers.")
    if notes:
        p("Plans that differ from their shape's sum(float8) floor (the planner's choice):")
        for n in notes:
            p("  " + n)
    p(f"Timing took {time.time() - t_start:.0f} s.")

    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    sys.stdout.flush()

    # ---- files ---------------------------------------------------------------
    os.makedirs(args.out, exist_ok=True)
    base = os.path.join(args.out, f"{today}-rows{args.rows}" + ("-" + "+".join(used_shapes) if only else ""))
    with open(base + ".txt", "w", encoding="utf-8") as f:
        f.write(text)
    cols = ["date", "revision", "rows", "runs", "table", "shape", "workers", "kind", "query", "sql",
            "best_ms", "median_ms", "runs_ms", "ns_per_row", "ratio", "ratio_median",
            "max_ratio", "ratio_ok", "speedup", "min_speedup", "speedup_ok",
            "workers_planned", "workers_launched", "shared_read_blocks", "plan", "others_cpu_pct"]
    with open(base + ".tsv", "w", encoding="utf-8") as f:
        f.write("\t".join(cols) + "\n")
        for key, _, workers, _ in SETTINGS:
            for shape in used_shapes:
                for q in by_shape[shape]:
                    r = results[(key, shape, q["kind"], q["name"])]
                    row = [today, args.revision, args.rows, args.runs, shapes[shape]["table"], shape, workers,
                           q["kind"], q["name"], q["sql"], f"{r['best']:.3f}", f"{r['median']:.3f}",
                           ",".join(f"{t:.3f}" for t in r["times"]), f"{r['ns_per_row']:.2f}",
                           f"{r['ratio']:.4f}", f"{r['ratio_median']:.4f}",
                           q["max_ratio"] if q["max_ratio"] is not None else "",
                           r["ratio_ok"], f"{r['speedup']:.4f}",
                           q["min_speedup"] if q["min_speedup"] is not None else "",
                           r["speedup_ok"] if key == "parallel" else "",
                           r["workers_planned"], r["workers_launched"], r["shared_read"], r["plan"],
                           "" if r["others_cpu"] is None else f"{r['others_cpu'][0]:.1f}"]
                    f.write("\t".join(str(c) for c in row) + "\n")
        for key, _, workers, _ in SETTINGS:
            for shape in used_shapes:
                d = drift[(key, shape)]
                start = results[(key, shape, "floor", REFERENCE)]
                ref_sql = start["q"]["sql"]
                row = [today, args.revision, args.rows, args.runs, shapes[shape]["table"], shape, workers,
                       "floor-end", REFERENCE, ref_sql, f"{d['best']:.3f}", f"{d['median']:.3f}",
                       ",".join(f"{t:.3f}" for t in d["times"]),
                       f"{d['best'] * 1e6 / table_rows[shapes[shape]['table']]:.2f}",
                       f"{d['best'] / start['best']:.4f}", f"{d['median'] / start['median']:.4f}",
                       "", "", "", "", "", "", "", "", "", ""]
                f.write("\t".join(str(c) for c in row) + "\n")
    plot(base + ".png", today, args, used_shapes, shapes, by_shape, results)
    say(f"wrote {base}.txt, {base}.tsv and {base}.png")


def plot(png, today, args, used_shapes, shapes, by_shape, results):
    """Horizontal bars: the serial and the 2-worker ratio of every query."""
    rows = []                   # dicts: y, tic, header, serial, parallel, target, texts
    y = 0.0
    for shape in used_shapes:
        rows.append({"y": y, "tic": "", "header": f"{shape}: {shapes[shape]['desc']}"})
        y -= 1
        for q in by_shape[shape]:
            if q["kind"] == "floor" and q["name"] == REFERENCE:
                continue
            a = results[("serial", shape, q["kind"], q["name"])]
            b = results[("parallel", shape, q["kind"], q["name"])]
            ta = f"{a['ratio']:.2f}" + (" MISS" if a["ratio_ok"] == "MISS" else "")
            tb = f"{b['ratio']:.2f}" + (" MISS" if b["ratio_ok"] == "MISS" else "")
            if q["min_speedup"] is not None:
                tb += f"  speed-up {b['speedup']:.2f}" + (" MISS" if b["speedup_ok"] == "MISS" else "")
            rows.append({"y": y, "tic": f"{q['kind']:5} {q['name']}", "header": "",
                         "serial": a["ratio"], "parallel": b["ratio"], "target": q["max_ratio"],
                         "ta": ta, "tb": tb})
            y -= 1
        y -= 0.5
    bars = [r for r in rows if "serial" in r]
    xmax = max(max(r["serial"], r["parallel"], r["target"] or 0) for r in bars) * 1.3
    pad = xmax * 0.006
    nan = "NaN"
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "ratios.dat")
        with open(data, "w") as f:
            for r in rows:
                t = r.get("target")
                sa, sb = r.get("serial"), r.get("parallel")
                cols = [r["y"], f'"{r["tic"]}"', f'"{r["header"]}"',
                        nan if sa is None else sa, nan if sb is None else sb, nan if t is None else t,
                        nan if sa is None else max(sa, t or 0) + pad,
                        nan if sb is None else max(sb, t or 0) + pad,
                        f'"{r.get("ta", "")}"', f'"{r.get("tb", "")}"']
                f.write("\t".join(str(c) for c in cols) + "\n")
        height = int(150 + 24 * (len(rows) + 0.5 * len(used_shapes)))
        script = f"""
set terminal pngcairo size 1400,{height} font "DejaVu Sans,10" noenhanced
set output '{png}'
set title "salesops bench {today}, ROWS={args.rows:,}, RUNS={args.runs}: best time / best time of sum(float8) over the same scan shape at the same worker setting\\n(black tick: target ratio; MISS: above the ratio target or below the speed-up target)"
set datafile separator tab
set key top right box opaque
set xrange [0:{xmax:.3f}]
set yrange [{y + 0.5:.2f}:0.7]
set xtics 0.25 nomirror
set grid xtics
set ytics nomirror scale 0 font "DejaVu Sans Mono,9"
set lmargin 46
set rmargin 3
set xlabel "ratio to sum(float8) (1.0 = dashed line)"
set arrow from 1, graph 0 to 1, graph 1 nohead dashtype 2 lc rgb "#555555" lw 1.5
set style fill solid 0.85 border -1
plot '{data}' using (0):1:ytic(2) with points pt -1 notitle, \\
     '' using ({pad:.4f}):1:3 with labels left font "DejaVu Sans Bold,10" notitle, \\
     '' using ($4/2):($1+0.2):(0):4:($1+0.03):($1+0.37) with boxxyerror lc rgb "#3a6ea5" title "serial", \\
     '' using ($5/2):($1-0.2):(0):5:($1-0.37):($1-0.03) with boxxyerror lc rgb "#e08a1e" title "2 workers", \\
     '' using 6:($1-0.45):(0):(0.9) with vectors nohead lw 3 lc rgb "black" title "target", \\
     '' using 7:($1+0.2):9 with labels left font "DejaVu Sans,8" notitle, \\
     '' using 8:($1-0.2):10 with labels left font "DejaVu Sans,8" notitle
"""
        gp = os.path.join(tmp, "ratios.gp")
        with open(gp, "w") as f:
            f.write(script)
        res = subprocess.run(["gnuplot", gp], capture_output=True, text=True)
        if res.returncode != 0:
            say("gnuplot failed (no PNG):\n" + res.stderr)


if __name__ == "__main__":
    main()
