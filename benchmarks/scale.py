"""The rows of issue #13 on any corpus: index build, warm search, one-shot CLI search, relaunch,
memory; and a growth table over corpus sizes.

    python benchmarks/scale.py index    CORPUS [--cache DIR] [--single] [--early N [--growth G]]
                                                                 build from scratch (the CLI's `sco-tui index`: two
                                                                 processes clean and index at once; --early 150: each
                                                                 commits 150, 600, 2,400... articles as it goes, as
                                                                 the app from cold does; --single: read, then index
                                                                 in one process)
    python benchmarks/scale.py search   CORPUS --cache DIR       first query after open, then ~60 mixed queries
                                                                 (p50/p95 per kind, wall and CPU; the 3 slowest)
    python benchmarks/scale.py oneshot  CORPUS --cache DIR       `sco-tui search Q CORPUS --json`, a process each
    python benchmarks/scale.py relaunch CORPUS --cache DIR       fresh process: articles + index -> hits for a word
    python benchmarks/scale.py growth   CORPUS [--sizes 2000,10000,37554,150000]
                                                                 every row on the first N articles; sizes past the
                                                                 corpus repeat it with new ids (a synthetic corpus)

Every row runs in a fresh interpreter of the code on PYTHONPATH (so two checkouts can be compared
on one index of the same schema; ``-P``, so a checkout in the current folder does not shadow it),
prints wall and CPU seconds (CPU is what a noisy, shared machine distorts least) and peak memory
(VmHWM of the process itself: ``ru_maxrss`` carries what a child inherited at fork over ``exec``),
and quotes the load average. Corpora are JSONL; copies go to a temp dir.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def child(code: str, cache: Path, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON line last. Adds wall time and max RSS."""
    env = {**os.environ, "SCO_TUI_CACHE_DIR": str(cache)}
    t = time.perf_counter()
    # -P: the current folder is not put first on sys.path (run from a checkout, its code would shadow PYTHONPATH)
    proc = subprocess.run([sys.executable, "-P", "-c", code, *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{proc.stderr[-2000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"wall": wall, "max_rss_children_mb": rss, **out}


INDEX = """
import json, sys, time, resource
from pathlib import Path
from sco_tui.workspace.library import Library
t = time.perf_counter(); c0 = time.process_time()
lib = Library([Path(sys.argv[1])])
commits = []  # (seconds, articles search sees) at each commit of a streamed build
if sys.argv[2] == "parallel":  # as `sco-tui index` builds: cleaning and indexing at once in two processes
    early, growth = int(sys.argv[3]), int(sys.argv[4])  # the app's indexing child: early 150, growth 4
    report = lib.build(early=early, growth=growth,
                       on_indexed=lambda n: commits.append((round(time.perf_counter() - t, 2), n)))
    corpus = lib.corpus()
    read = None
else:  # as the app's indexing child did: read, then index in one process
    corpus = lib.corpus()
    read = time.perf_counter() - t
    report = lib.ensure_index()
wall = time.perf_counter() - t
children = resource.getrusage(resource.RUSAGE_CHILDREN)
gen = lib.store.current_dir()
with lib.store.open().reader() as r:
    sizes = [sub.doc_count_all() for sub, _ in r.leaf_readers()]
segments = len(sizes)
size = sum(p.stat().st_size for p in gen.iterdir())
cpu_parent = time.process_time() - c0
cpu_children = children.ru_utime + children.ru_stime
print(json.dumps({"articles": len(corpus), "read_s": read, "index_s": report.seconds, "wall_s": wall,
                  "cpu_parent_s": cpu_parent, "cpu_writer_processes_s": cpu_children,
                  "cpu_s": cpu_parent + cpu_children, "segments": segments, "segment_sizes": sizes,
                  "commits": commits, "disk_mb": size / 2**20,
                  "rss_mb": int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024,
                  "rss_children_mb": children.ru_maxrss / 1024}))
"""

SEARCH = """
import json, sys, time, random, resource, statistics
from pathlib import Path
from sco_tui.workspace.library import Library
from sco_tui.index.search import QueryError
lib = Library([Path(sys.argv[1])])
queries = json.loads(sys.argv[2])
t = time.perf_counter(); c = time.process_time()
lib.search(queries["word"][0], limit=20)
first = (time.perf_counter() - t, time.process_time() - c)
rss_open = int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024
out = {"first_s": first[0], "first_cpu_s": first[1], "rss_after_first_mb": rss_open}
for kind, qs in queries.items():
    for q in qs:
        try: lib.search(q, limit=20)
        except QueryError: pass
    wall, cpu = [], []
    least = {}  # the least CPU each query took: the slowest queries of a kind, noise aside
    for _ in range(int(sys.argv[3])):
        for q in qs:
            t = time.perf_counter(); c = time.process_time()
            try: lib.search(q, limit=20)
            except QueryError: pass
            wall.append(time.perf_counter() - t); cpu.append(time.process_time() - c)
            least[q] = min(least.get(q, 1e9), cpu[-1])
    wall.sort(); cpu.sort()
    out[kind] = {"n": len(wall), "p50_ms": 1000 * wall[len(wall) // 2], "p95_ms": 1000 * wall[int(0.95 * len(wall))],
                 "cpu_p50_ms": 1000 * cpu[len(cpu) // 2], "cpu_p95_ms": 1000 * cpu[int(0.95 * len(cpu))],
                 "slowest_cpu_ms": {q: round(1000 * s, 1) for q, s in sorted(least.items(), key=lambda qs: -qs[1])[:3]}}
out["rss_mb"] = int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024
print(json.dumps(out))
"""

RELAUNCH = """
import json, sys, time, resource
t = time.perf_counter()
from pathlib import Path
from sco_tui.workspace.library import Library
lib = Library([Path(sys.argv[1])])
corpus = lib.corpus()
listed = time.perf_counter() - t
assert lib.is_current(), "build the index first (benchmarks/scale.py index)"
result = lib.search(sys.argv[2], live=True)
hwm = int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024
print(json.dumps({"list_s": listed, "hits_s": time.perf_counter() - t, "total": result.total,
                  "cpu_s": time.process_time(), "rss_mb": hwm}))
"""


def mixed_queries(corpus: Path, n: int = 15, seed: int = 7) -> dict[str, list[str]]:
    """Words, phrases, prefixes and fuzzy terms drawn from the corpus's own bodies."""
    rng = random.Random(seed)
    words: list[str] = []
    with open(corpus, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i > 3000:
                break
            if rng.random() < 0.1:
                rec = json.loads(line)
                body = str(next((rec[k] for k in ("text", "content", "content_original", "body") if rec.get(k)), ""))
                words += [w.strip(".,;:!?()\"'“”’") for w in body.split()[:400]]
    words = [w for w in words if len(w) > 4 and w.isalpha()]
    pick = rng.sample(words, min(len(words), 4 * n + 1))
    pairs = zip(pick[n:2 * n], pick[n + 1:2 * n + 1], strict=False)
    return {"word": pick[:n], "phrase": [f'"{a} {b}"' for a, b in pairs],
            "prefix": [w[:4] + "*" for w in pick[2 * n:3 * n]], "fuzzy": [w + "~" for w in pick[3 * n:4 * n]]}


def row_index(corpus: Path, cache: Path, single: bool = False, early: int = 0, growth: int = 4) -> dict:
    """``sco-tui index`` (two writer processes; with ``early``, each commits its first ``early``
    articles, then ``growth`` times its last commit, as the app's indexing child does from cold:
    ``--early 150``), or with ``single`` read first, then index in one process."""
    return child(INDEX, cache, str(corpus), "single" if single else "parallel", str(early), str(growth))


def row_search(corpus: Path, cache: Path, runs: int = 3) -> dict:
    return child(SEARCH, cache, str(corpus), json.dumps(mixed_queries(corpus)), str(runs))


def row_oneshot(corpus: Path, cache: Path, query: str = "immigration", runs: int = 5) -> dict:
    env = {**os.environ, "SCO_TUI_CACHE_DIR": str(cache)}
    code = ("import resource, runpy, sys, atexit\n"
            "hwm = lambda: int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024\n"
            "atexit.register(lambda: print('RSS', hwm(), file=sys.stderr))\n"
            "sys.argv = ['sco-tui'] + sys.argv[1:]\n"
            "from sco_tui.cli import main\nraise SystemExit(main())\n")
    walls, rss = [], []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-P", "-c", code, "search", query, str(corpus), "--json"], env=env,
                              capture_output=True, text=True, check=True)
        walls.append(time.perf_counter() - t)
        rss.append(float(proc.stderr.strip().splitlines()[-1].split()[-1]))
    return {"median_s": statistics.median(walls), "min_s": min(walls), "max_rss_mb": max(rss)}


def row_relaunch(corpus: Path, cache: Path, word: str = "immigration") -> dict:
    return child(RELAUNCH, cache, str(corpus), word)


def synthetic(corpus: Path, size: int, folder: Path) -> Path:
    """The first ``size`` articles, or the corpus repeated with new ids (and a marker so that no
    copy is dropped as a duplicate) until there are ``size``. Read line by line: the benchmark's
    own memory stays small (a child's peak counts what it inherited at fork)."""
    out = folder / f"corpus-{size}.jsonl"
    written = round_ = 0
    with open(out, "w", encoding="utf-8") as f:
        while written < size:
            with open(corpus, encoding="utf-8") as source:
                for line in source:
                    if written == size:
                        break
                    if not line.strip():
                        continue
                    if round_:
                        rec = json.loads(line)
                        for key in ("id", "ID", "_id", "uuid"):
                            if key in rec:
                                rec[key] = f"{rec[key]}-r{round_}"
                        for key in ("text", "content", "content_original", "body"):
                            if key in rec:
                                rec[key] = f"{rec[key]}\n\nCopy {round_}."
                        line = json.dumps(rec, ensure_ascii=False) + "\n"
                    f.write(line)
                    written += 1
            round_ += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("row", choices=["index", "search", "oneshot", "relaunch", "growth"])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--cache", type=Path, help="cache dir (default: a new temp dir)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="2000,10000,37554,150000")
    ap.add_argument("--single", action="store_true", help="index: read first, then one writer process")
    ap.add_argument("--early", type=int, default=0,
                    help="index: each process commits its first N articles, then GROWTH times its last commit "
                         "(the app from cold: 150; 0: one commit at the end, as `sco-tui index`)")
    ap.add_argument("--growth", type=int, default=4, help="index, with --early: how each commit grows")
    args = ap.parse_args()
    cache = args.cache or Path(tempfile.mkdtemp(prefix="sco-scale-"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {load()}, cache {cache}", flush=True)
    if args.row == "growth":
        import shutil

        folder = Path(tempfile.mkdtemp(prefix="sco-growth-"))  # under the temp dir, never in the repo
        print("| articles | index wall s / CPU s | disk MB | segments | relaunch -> hits s / MB "
              "| one-shot s / MB | first query s | warm word p50/p95 ms | phrase p95 | prefix p95 | fuzzy p95 "
              "| search RSS MB | load |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        try:
            for size in (int(s) for s in args.sizes.split(",")):
                path = synthetic(args.corpus, size, folder)
                c = folder / f"cache-{size}"
                ix = row_index(path, c)
                rel = row_relaunch(path, c)
                one = row_oneshot(path, c, runs=3)
                se = row_search(path, c, runs=1)
                print(f"| {ix['articles']:,} | {ix['wall_s']:.0f} / {ix['cpu_s']:.0f} | {ix['disk_mb']:.0f} "
                      f"| {ix['segments']} | {rel['hits_s']:.2f} / {rel['rss_mb']:.0f} "
                      f"| {one['median_s']:.2f} / {one['max_rss_mb']:.0f} | {se['first_s']:.2f} "
                      f"| {se['word']['p50_ms']:.0f}/{se['word']['p95_ms']:.0f} | {se['phrase']['p95_ms']:.0f} "
                      f"| {se['prefix']['p95_ms']:.0f} | {se['fuzzy']['p95_ms']:.0f} | {se['rss_mb']:.0f} "
                      f"| {load()} |", flush=True)
                print(json.dumps({"size": size, "index": ix, "relaunch": rel, "oneshot": one, "search": se}),
                      file=sys.stderr, flush=True)
                path.unlink()
                shutil.rmtree(c, ignore_errors=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    if args.row == "index":
        print(json.dumps(row_index(args.corpus, cache, args.single, args.early, args.growth), indent=1))
        print(load())
        return
    result = {"index": row_index, "search": row_search, "oneshot": row_oneshot, "relaunch": row_relaunch}[args.row](
        args.corpus, cache)
    print(json.dumps(result, indent=1))
    print(load())


if __name__ == "__main__":
    main()
