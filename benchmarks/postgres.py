"""PostgreSQL full-text search beside Whoosh on the full AllSides set (37.5k articles), in one run.

    python benchmarks/postgres.py [--corpus PATH(.jsonl or .jsonl.xz)] [--database URL] [--runs N] [--no-whoosh]

Without --database a throwaway cluster is started (as tests/pg.py does; needs postgresql-15).
Reports build time, database / index size, and search p50/p95 for the query mix of
benchmarks/search.py (words and two-word phrases drawn from the articles, then hard prefixes).
"""

from __future__ import annotations

import argparse
import contextlib
import lzma
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "allsides-full.jsonl.xz"
HARD = ["w*", "c*", "immigr*", "trump", "health care", "Erdogn~", "immigration AND NOT reform", 'title:"white house"']


def unpacked(path: Path) -> Path:
    if path.suffix != ".xz":
        return path
    out = Path(tempfile.gettempdir()) / path.stem
    if not out.exists() or out.stat().st_size == 0:
        with lzma.open(path, "rb") as src, open(out, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    return out


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--database")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-whoosh", action="store_true")
    args = ap.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]
    os.environ["SCO_TUI_CACHE_DIR"] = tempfile.mkdtemp(prefix="sco-bench-pg-")
    from search import report, sample_queries, timed

    from sco_tui.corpus.load import fingerprint, load_corpus
    from sco_tui.index.api import QueryError
    from sco_tui.index.backends import open_backend

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()}", flush=True)
    path = unpacked(args.corpus)
    t = time.perf_counter()
    corpus = load_corpus([path])
    key, fp = fingerprint([path], {})
    print(f"read+clean {len(corpus)} articles in {time.perf_counter() - t:.1f} s", flush=True)

    cluster = None
    url = args.database
    if url is None:
        from pg import Cluster, server_bin

        cluster = Cluster(server_bin())
        cluster.start()
        url = cluster.create_db("bench")
    try:
        pg = open_backend(url, key)
        r = pg.sync(corpus, fp, batch=2000)
        conn = pg.connection()
        size = conn.execute("SELECT pg_database_size(current_database()), pg_total_relation_size('sco_articles'), "
                            "pg_indexes_size('sco_articles')").fetchone()
        print(f"postgres: loaded {r.added} in {r.seconds:.1f} s ({r.added / r.seconds:.0f} articles/s, COPY, "
              f"batches of 2000); database {size[0] / 2**20:.0f} MB (articles {size[1] / 2**20:.0f} MB, "
              f"of which indexes {size[2] / 2**20:.0f} MB); load {os.getloadavg()}", flush=True)
        queries = []
        for q in sample_queries(corpus, 80):
            with contextlib.suppress(QueryError):
                pg.search(q, limit=1)
                queries.append(q)
        queries = queries[:60]
        backends = [("postgres", pg)]
        if not args.no_whoosh:
            wh = open_backend(None, key)
            from sco_tui.index.store import IndexStore

            t = time.perf_counter()
            rw = IndexStore.for_key(key).sync(corpus, fp, parallel=True)
            print(f"whoosh: built {rw.added} in {time.perf_counter() - t:.1f} s (two processes); index "
                  f"{folder_size(IndexStore.for_key(key).root) / 2**20:.0f} MB; load {os.getloadavg()}", flush=True)
            backends.append(("whoosh", wh))
        for name, b in backends:
            for q in queries + HARD:  # warm
                with contextlib.suppress(QueryError):
                    b.search(q, limit=20)
            report(f"{name}: search top 20 + snippets", [timed(b.search, q, limit=20)
                                                          for _ in range(args.runs) for q in queries])
            report(f"{name}: hard (prefixes, fuzzy, NOT, fields)", [timed(b.search, q, limit=20)
                                                                     for _ in range(args.runs) for q in HARD])
            totals = {q: b.search(q, limit=1).total for q in ["immigration reform", '"health care"', "immigr*"]}
            print(f"{name}: totals {totals}; load {os.getloadavg()}", flush=True)
    finally:
        if cluster is not None:
            cluster.remove()


if __name__ == "__main__":
    main()
