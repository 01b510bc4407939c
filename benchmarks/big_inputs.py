"""Large inputs stream: peak memory and time to read a ~200 MB JSON Lines file and a ~150 MB JSON array.

    python benchmarks/big_inputs.py [--sample PATH] [--jsonl-mb 200] [--array-mb 150] [--full PATH.jsonl.xz]

The inputs are the real AllSides sample repeated (each copy's ids and a number in its text changed so
none is a duplicate), written to a temporary folder. Each measurement runs in a fresh process and
reports its peak resident memory (ru_maxrss):
  read   - the readers alone, records counted and dropped: what streaming costs, whatever the file size;
  load   - ``load_corpus``: every article cleaned and kept (memory grows with the articles kept, as it must);
  naive  - for comparison, ``json.load`` of the whole array, as the reader did before it streamed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLE = ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl"

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
mode, path = sys.argv[2], __import__("pathlib").Path(sys.argv[3])
t = time.perf_counter()
problems = 0
if mode == "read":
    from sco_tui.corpus.readers import read_file
    n = problems = 0
    for r in read_file(path, {}):
        if hasattr(r, "message"):
            problems += 1
        else:
            n += 1
elif mode == "load":
    from sco_tui.corpus.load import load_corpus
    c = load_corpus([path])
    n = len(c)
    problems = len(c.problems)
else:
    with path.open("rb") as fh:
        n = len(json.load(fh))
print(json.dumps({"records": n, "problems": problems, "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_inputs(sample: Path, folder: Path, jsonl_mb: int, array_mb: int) -> tuple[Path, Path]:
    records = [json.loads(line) for line in sample.open(encoding="utf-8") if line.strip()]
    jsonl, array = folder / "big.jsonl", folder / "big.json"
    for path, mb, as_array in ((jsonl, jsonl_mb, False), (array, array_mb, True)):
        copy = 0
        with path.open("w", encoding="utf-8") as fh:
            fh.write("[\n" if as_array else "")
            first = True
            while fh.tell() < mb * 1_000_000:
                for r in records:
                    r = {**r, "ID": f"{r.get('ID')}-{copy}",
                         "content_original": f"{r.get('content_original', '')}\n\nCopy {copy}."}
                    line = json.dumps(r, ensure_ascii=False)
                    if as_array:
                        fh.write(("" if first else ",\n") + line)
                        first = False
                    else:
                        fh.write(line + "\n")
                copy += 1
            fh.write("\n]\n" if as_array else "")
    return jsonl, array


def measure(mode: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), mode, str(path)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{mode} {path} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    ap.add_argument("--jsonl-mb", type=int, default=200)
    ap.add_argument("--array-mb", type=int, default=150)
    ap.add_argument("--full", type=Path, help="also read this compressed corpus (e.g. allsides-full.jsonl.xz)")
    ap.add_argument("--modes", default="read,load,naive")
    args = ap.parse_args()
    if not args.sample.exists():
        print(f"no sample at {args.sample}")
        return
    modes = args.modes.split(",")
    with tempfile.TemporaryDirectory(prefix="sco-big-") as tmp:
        jsonl, array = make_inputs(args.sample, Path(tmp), args.jsonl_mb, args.array_mb)
        print(f"{'input':<28} {'mode':<6} {'records':>8} {'problems':>8} {'seconds':>8} {'peak MB':>8}")
        runs = [(jsonl, m) for m in modes if m != "naive"] + [(array, m) for m in modes]
        if args.full and args.full.exists():
            runs += [(args.full, m) for m in modes if m != "naive"]
        for path, mode in runs:
            r = measure(mode, path)
            label = f"{path.name} ({path.stat().st_size / 1e6:.0f} MB)"
            print(f"{label:<28} {mode:<6} {r['records']:>8} {r['problems']:>8} {r['seconds']:>8.1f} "
                  f"{r['peak_mb']:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
