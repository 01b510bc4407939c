"""Stories cached beside a corpus's index, with the user's corrections to them.

Two files in the corpus's cache folder (the index's root, which outlives index rebuilds):

- ``stories.json``: the machine's stories for one fingerprint of the inputs, and per article what a
  story shows of it (outlet, date, headline), so that a cached answer reads no article;
- ``story-features.json`` + ``story-features.npy``: per-article features by content hash (stems and
  an embedding), so new articles are the only ones analysed again.

The user's merges and moves are their own work, not a cache: they live in the user data folder
(``story-corrections/<corpus key>.json``), so clearing the cache keeps them; they are applied on every
answer and kept across refreshes. A file left in the cache folder by an earlier version is read until
the next correction moves it.

Every file is verified before it is trusted (version, shapes, types); a damaged cache is ignored and
rebuilt, a damaged corrections file is set aside as ``….damaged`` (never written over) with a notice.
Writes go to a temporary file first, then replace.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sco_tui.analysis import story_corrections as corrections_
from sco_tui.analysis.stories import STORIES_VERSION, Features, Story, group_stories
from sco_tui.analysis.story_corrections import ArticleInfo
from sco_tui.corpus.model import Corpus
from sco_tui.index.cache_dir import APP_NAME
from sco_tui.index.verify import stories_cache_problem

STORIES = "stories.json"
FEATURES = "story-features.json"
VECTORS = "story-features.npy"
CORRECTIONS = "story-corrections.json"


def corrections_folder() -> Path:
    """Where the user's story corrections live: the user data folder, not the cache."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME)) / "story-corrections"


class StoryStore:
    """The stories of one corpus (its cache folder ``root``)."""

    def __init__(self, root: Path, notices: list[str] | None = None) -> None:
        self.root = root
        self.notices = notices if notices is not None else []
        self.corrections_path = corrections_folder() / f"{root.name}.json"

    def stories(self, fingerprint: dict[str, Any], corpus: Callable[[], Corpus]) -> list[Story]:
        """The corrected stories: from the cache when the inputs are unchanged (no article is read),
        else regrouped (reusing cached features) and cached."""
        cached = self._cached(fingerprint)
        if cached is None:
            cached = self._regroup(fingerprint, corpus())
        stories, info = cached
        return corrections_.apply(stories, self.corrections(), info)

    def articles(self, fingerprint: dict[str, Any]) -> dict[str, ArticleInfo] | None:
        cached = self._cached(fingerprint)
        return cached[1] if cached else None

    # corrections -----------------------------------------------------------------------------
    def corrections(self) -> list[dict[str, object]]:
        """The user's corrections; a damaged file is set aside (``….damaged``) with a notice, never lost."""
        path = self.corrections_path
        if not path.exists() and (self.root / CORRECTIONS).exists():
            path = self.root / CORRECTIONS  # written by an earlier version: moved by the next correction
        data = _read_json(path, missing=_MISSING)
        if data is _MISSING:
            return []
        items = data.get("corrections") if isinstance(data, dict) else None
        if not isinstance(items, list):
            kept = path.with_name(path.name + ".damaged")
            try:
                os.replace(path, kept)
                self.notices.append(f"ignored damaged story corrections in {path} (kept as {kept.name})")
            except OSError:
                self.notices.append(f"ignored damaged story corrections in {path}")
            return []
        return [c for c in items or [] if corrections_.valid(c)]

    def add_correction(self, correction: dict[str, object]) -> None:
        self._save_corrections([*self.corrections(), correction])

    def forget_corrections(self) -> int:
        n = len(self.corrections())
        self._save_corrections([])
        return n

    def _save_corrections(self, items: list[dict[str, object]]) -> None:
        path = self.corrections_path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps({"version": 1, "corrections": items}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
        (self.root / CORRECTIONS).unlink(missing_ok=True)  # an earlier version's copy, now moved

    # cache -----------------------------------------------------------------------------------
    def _cached(self, fingerprint: dict[str, Any]) -> tuple[list[Story], dict[str, ArticleInfo]] | None:
        data = _read_json(self.root / STORIES)
        if data is None:
            return None
        problem = stories_cache_problem(data, tuple(f.name for f in dataclasses.fields(Story)))
        if problem is not None:  # verified before it is trusted
            self.notices.append(f"{problem}; stories found again")
            return None
        if data.get("version") != STORIES_VERSION:
            return None
        if data.get("fingerprint") != fingerprint:
            return None
        try:
            info = {i: ArticleInfo(str(o), d if isinstance(d, str) else None, str(t))
                    for i, (o, d, t) in data["articles"].items()}
            stories = [Story(**s) for s in data["stories"]]
            if any(a not in info for s in stories for a in s.articles):
                raise ValueError("a story names an unknown article")
        except (KeyError, TypeError, ValueError, AttributeError):
            self.notices.append(f"rebuilt damaged stories cache {self.root / STORIES}")
            return None
        return stories, info

    def _features(self) -> dict[str, Features]:
        import numpy as np

        from sco_tui.analysis.similarity import DIM

        data = _read_json(self.root / FEATURES)
        if not isinstance(data, dict) or data.get("version") != STORIES_VERSION:
            return {}
        try:
            vectors = np.load(self.root / VECTORS, allow_pickle=False)
            hashes, rows = data["hashes"], data["features"]
            if vectors.shape != (len(hashes), DIM) or len(rows) != len(hashes) or not np.isfinite(vectors).all():
                raise ValueError("shapes differ")
            return {h: Features.from_json(r, vectors[k]) for k, (h, r) in enumerate(zip(hashes, rows, strict=True))}
        except (OSError, KeyError, TypeError, ValueError):
            self.notices.append(f"ignored damaged story features in {self.root}")
            return {}

    def _regroup(self, fingerprint: dict[str, Any], corpus: Corpus) -> tuple[list[Story], dict[str, ArticleInfo]]:
        import numpy as np

        articles = list(corpus)
        stories, feats = group_stories(articles, self._features())
        info = {a.id: ArticleInfo(a.outlet_name, a.date.value, a.title) for a in articles}
        hashes = list(feats)
        try:
            if hashes:
                tmp = self.root / f".{VECTORS}.{os.getpid()}.npy"
                np.save(tmp, np.stack([feats[h].vector for h in hashes]).astype(np.float32), allow_pickle=False)
                os.replace(tmp, self.root / VECTORS)
            self._write(FEATURES, {"version": STORIES_VERSION, "hashes": hashes,
                                   "features": [feats[h].as_json() for h in hashes]})
            self._write(STORIES, {"version": STORIES_VERSION, "fingerprint": fingerprint,
                                  "articles": {i: [x.outlet, x.date, x.title] for i, x in info.items()},
                                  "stories": [s.as_dict() for s in stories]})
        except OSError as exc:
            self.notices.append(f"could not cache stories in {self.root}: {exc.strerror or exc}")
        return stories, info

    def _write(self, name: str, data: object) -> None:
        tmp = self.root / f".{name}.{os.getpid()}"
        text = json.dumps(data, ensure_ascii=False, check_circular=False, separators=(",", ":"))  # (~20% less CPU)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.root / name)


_MISSING = object()


def _read_json(path: Path, missing: Any = None) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return missing
    except (OSError, ValueError, RecursionError):
        return "damaged"  # not a JSON object: every check below turns it away
