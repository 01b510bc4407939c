"""Findings before/after a speed change: the whole comparison's JSON for the seeds, sample topic groups
(50 articles of three topics and the 145-article group), the sample's three largest stories of 3+ outlets
and the topic groups of any extra JSONL files, saved to a folder and later checked byte for byte against it.

    python benchmarks/compare_findings.py --save DIR [--sample PATH] [--extra GROUPS.jsonl ...] [--code SRC]
    python benchmarks/compare_findings.py --check DIR [--sample PATH] [--extra GROUPS.jsonl ...] [--parallel on]

Each group is compared from cold caches (sentences, claims, actors), as a fresh process would, under one string
hash seed (``PYTHONHASHSEED=0``, set by re-running itself): some sums run over sets of words, whose order follows
the process's hash seed, so a last-bit difference can flip a close call between two runs of the same code. The stories'
article ids are saved with the reference (``stories.json``) and reused by ``--check``, so a change to story
grouping cannot change what is compared. ``--code SRC`` runs another checkout's ``sco_tui`` (say an export of
``main``: ``git archive main | tar -x -C SRC``) to make the reference that this checkout must then match.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from compare import DEFAULT_SAMPLE  # noqa: E402

HASH_SEED = "0"
STORIES = 3  # the sample's largest stories of 3+ outlets, compared whole


def story_ids(corpus: list, saved: Path | None) -> list[list[str]]:
    """The article ids of the sample's ``STORIES`` largest stories of 3+ outlets: those saved with the reference
    when there is one, else grouped now."""
    if saved is not None and saved.exists():
        return json.loads(saved.read_text(encoding="utf-8"))
    from sco_tui.analysis.stories import group_stories

    stories, _ = group_stories(corpus)
    return [list(s.articles) for s in stories if len(s.outlets) >= 3][:STORIES]


def groups(sample: Path, extra: list[Path], ids_file: Path | None = None, save_ids: bool = False):
    """(name, articles) of every group to compare."""
    from sco_tui.corpus.load import load_corpus

    yield "seeds", list(load_corpus())
    if sample.exists():
        corpus = list(load_corpus([sample]))
        by_topic: dict[str, list] = {}
        for a in corpus:
            by_topic.setdefault(str(dict(a.extra).get("topic")), []).append(a)
        for topic in ("immigration", "elections", "healthcare"):
            yield f"sample-{topic}-50", by_topic.get(topic, [])[:50]
        largest = max(by_topic, key=lambda t: len(by_topic[t]))
        yield f"sample-{largest}-145", by_topic[largest][:145]
        ids = story_ids(corpus, None if save_ids else ids_file)
        if save_ids and ids_file is not None:
            ids_file.parent.mkdir(parents=True, exist_ok=True)
            ids_file.write_text(json.dumps(ids), encoding="utf-8")
        by_id = {a.id: a for a in corpus}
        for k, members in enumerate(ids, 1):
            yield f"sample-story{k}-{len(members)}", [by_id[i] for i in members]
    for path in extra:
        by_topic = {}
        for a in load_corpus([path]):
            by_topic.setdefault(str(dict(a.extra).get("topic")), []).append(a)
        for topic, arts in sorted(by_topic.items()):
            yield f"{path.stem}-{topic}", arts


def findings(articles, parallel: bool | None = None) -> str:
    from sco_tui.analysis import actors, claims
    from sco_tui.analysis.comparison import compare
    from sco_tui.analysis.text import sentences

    sentences.cache_clear()
    claims.clear_caches()
    for f in (actors.fold, actors._sentence_runs):
        f.cache_clear()
    return json.dumps(compare(articles, parallel=parallel).as_dict(), sort_keys=True, ensure_ascii=False, indent=1)


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != HASH_SEED:  # one set order for the reference and every check
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": HASH_SEED})
    ap = argparse.ArgumentParser()
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path)
    mode.add_argument("--check", type=Path)
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    ap.add_argument("--extra", type=Path, nargs="*", default=[])
    ap.add_argument("--parallel", choices=("auto", "on", "off"), default="auto",
                    help="the lexical findings in a second process: by size (auto), always, never")
    ap.add_argument("--code", type=Path, help="a checkout whose sco_tui makes the findings (default: this one)")
    args = ap.parse_args()
    if args.code:
        sys.path.insert(0, str(args.code.resolve()))
    import sco_tui

    print(f"code: {Path(sco_tui.__file__).parent}")
    differ = 0
    folder = args.save or args.check
    for name, arts in groups(args.sample, args.extra, folder / "stories.json", save_ids=bool(args.save)):
        text = findings(arts, {"auto": None, "on": True, "off": False}[args.parallel])
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{name}.json").write_text(text, encoding="utf-8")
            print(f"{name}: {len(arts)} articles saved")
            continue
        before = (args.check / f"{name}.json").read_text(encoding="utf-8")
        same = before == text
        differ += not same
        print(f"{name}: {len(arts)} articles, {'identical' if same else 'DIFFERENT'}")
        if not same:
            import difflib

            diff = difflib.unified_diff(before.splitlines(), text.splitlines(), "before", "after", lineterm="", n=1)
            print("\n".join(list(diff)[:40]))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
