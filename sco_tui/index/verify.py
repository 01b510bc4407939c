"""Checks that a cache read back from disk is what was written, before anything trusts it.

The index folder is a cache: a disk fills, a run is killed, a file is truncated or replaced. What
each commit left behind (the name, size and a cheap checksum of every index file) goes into the
manifest; opening verifies it. A manifest or stories cache of the wrong shape is refused, not read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Files smaller than this are hashed whole; larger ones by their first and last block and size.
WHOLE_HASH_BYTES = 1 << 20
BLOCK = 1 << 16
_NOT_INDEX_FILES = ("manifest.json",)


def _digest(path: Path, size: int) -> str:
    h = hashlib.blake2b(digest_size=10)
    with path.open("rb") as fh:
        if size <= WHOLE_HASH_BYTES:
            h.update(fh.read())
        else:
            h.update(fh.read(BLOCK))
            fh.seek(size - BLOCK)
            h.update(fh.read(BLOCK))
    return h.hexdigest()


def _is_index_file(name: str) -> bool:
    return not (name.startswith(".") or name.endswith("LOCK") or name in _NOT_INDEX_FILES
                or name.endswith((".tmp", ".pid")))


def snapshot_files(gen: Path, leave_out: Callable[[str], bool] | None = None) -> dict[str, list[Any]]:
    """``{name: [size, checksum]}`` of the index files of a generation, as a commit left them
    (but those ``leave_out`` names: files still being written, which the commit does not list)."""
    files: dict[str, list[Any]] = {}
    for p in sorted(gen.iterdir()):
        if p.is_file() and _is_index_file(p.name) and not (leave_out and leave_out(p.name)):
            size = p.stat().st_size
            files[p.name] = [size, _digest(p, size)]
    return files


def check_files(gen: Path, files: dict[str, list[Any]]) -> str | None:
    """Why the recorded files do not match the folder (missing, resized, rewritten), or None."""
    for name, (size, digest) in files.items():
        path = gen / name
        try:
            st = path.stat()
            if not path.is_file():
                return f"{name} is not a file"
            if st.st_size != size:
                return f"{name} has {st.st_size} bytes, {size} were written"
            if _digest(path, size) != digest:
                return f"{name} was changed after it was written"
        except FileNotFoundError:
            return f"{name} is missing"
        except OSError as exc:
            return f"{name} cannot be read ({exc.strerror or type(exc).__name__})"
    return None


def manifest_problem(data: object) -> str | None:
    """Why a manifest read back from disk cannot be trusted, or None when its shape is right."""
    if not isinstance(data, dict):
        return "its manifest is not a JSON object"
    if not isinstance(data.get("schema"), int) or isinstance(data.get("schema"), bool):
        return "its manifest has no schema version"
    if not isinstance(data.get("fingerprint"), dict):
        return "its manifest has no corpus fingerprint"
    if not isinstance(data.get("complete"), bool):
        return "its manifest does not say whether it is complete"
    articles = data.get("articles")
    if not isinstance(articles, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                 for k, v in articles.items()):
        return "its manifest's article list is damaged"
    files = data.get("files")
    if files is not None and not (isinstance(files, dict) and all(
            isinstance(k, str) and isinstance(v, list) and len(v) == 2 and isinstance(v[0], int)
            and isinstance(v[1], str) for k, v in files.items())):
        return "its manifest's file list is damaged"
    return None


_STORY_TYPES: dict[str, tuple[type, ...]] = {"id": (str,), "label": (str,), "articles": (list,), "outlets": (dict,),
                                             "first": (str, type(None)), "last": (str, type(None)), "terms": (list,)}


def _story_problem(s: object, story_fields: tuple[str, ...]) -> bool:
    """True when a cached story is not a story: not an object, a key ``Story`` does not have, or a
    value of the wrong type (ids and articles must be text: they are looked up in the corpus)."""
    if not isinstance(s, dict) or not {"id", "articles"} <= set(s):
        return True
    if story_fields and not set(s) <= set(story_fields):
        return True
    if any(k in s and not isinstance(s[k], t) for k, t in _STORY_TYPES.items()):
        return True
    return not all(isinstance(a, str) for a in s["articles"])


def stories_cache_problem(data: object, story_fields: tuple[str, ...] = ()) -> str | None:
    """Why a stories cache read back from disk cannot be used, or None when its shape is right.

    ``story_fields``: when given, the only keys a cached story may carry (``Story``'s field names)."""
    if not isinstance(data, dict):
        return "the stories cache is not a JSON object"
    if not isinstance(data.get("version"), int | str):
        return "the stories cache has no version"
    if not isinstance(data.get("fingerprint"), dict):
        return "the stories cache has no corpus fingerprint"
    stories = data.get("stories")
    if not isinstance(stories, list) or any(_story_problem(s, story_fields) for s in stories):
        return "the stories cache's story list is damaged"
    features = data.get("features", {})
    if not isinstance(features, dict) or not all(isinstance(k, str) for k in features):
        return "the stories cache's features are damaged"
    return None
