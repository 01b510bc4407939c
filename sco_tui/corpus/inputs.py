"""What the inputs are: the article files they name, and a fingerprint of their state.

Kept apart from reading and cleaning (``readers``, ``load``) so that a relaunch can tell whether
the article cache is for exactly these inputs with these light imports alone (the app lists the
cached articles before anything heavier is imported)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from sco_tui.corpus.model import Problem
from sco_tui.corpus.seeds import METADATA, seeds_dir

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson"}
#: Compressed files are read transparently (research datasets ship as .jsonl.gz, .json.xz, ...).
COMPRESSED = {".gz": "gzip", ".xz": "xz", ".bz2": "bz2"}


def kind(path: Path) -> str:
    """The article suffix of a file name, looking through a compression suffix (``a.jsonl.gz`` -> .jsonl)."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def find_files(paths: Iterable[Path]) -> Iterator[Path | Problem]:
    """Yield readable article files under ``paths`` (recursively, sorted), or a Problem: a folder
    that cannot be listed is reported, never skipped in silence. Links to folders are not followed."""
    for path in paths:
        try:
            path.stat()
        except OSError as exc:
            reason = "no such file or folder" if isinstance(exc, FileNotFoundError) and not path.is_symlink() \
                else f"cannot open: {exc.strerror or type(exc).__name__}"
            yield Problem(str(path), reason)
            continue
        if path.is_dir():
            found = False
            unreadable: list[Problem] = []

            def report(exc: OSError, unreadable: list[Problem] = unreadable, top: Path = path) -> None:
                unreadable.append(Problem(str(exc.filename or top),
                                          f"cannot read this folder: {exc.strerror or type(exc).__name__}"))

            for root, dirs, files in os.walk(path, onerror=report):
                yield from unreadable
                unreadable.clear()
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    p = Path(root, name)
                    if kind(p) in SUFFIXES and not name.startswith("."):
                        found = True
                        yield p
            yield from unreadable
            if not found:
                yield Problem(str(path), f"no article files ({', '.join(sorted(SUFFIXES))}) in this folder")
        elif kind(path) in SUFFIXES:
            yield path
        else:
            yield Problem(str(path), f"not an article file (expected one of {', '.join(sorted(SUFFIXES))})")


def input_files(paths: Sequence[Path] | None) -> tuple[list[Path], list[Problem]]:
    """The article files the inputs name (the seeds when there are none), and what was wrong."""
    files: list[Path] = []
    problems: list[Problem] = []
    for item in find_files(paths or [seeds_dir()]):
        (problems if isinstance(item, Problem) else files).append(item)  # type: ignore[arg-type]
    return files, problems


@functools.cache
def reader_version() -> str:
    """A digest of the code that turns files into articles (this package's reading and cleaning
    modules, and its version): articles cached by another version are read again, never served."""
    from sco_tui import __version__

    h = hashlib.blake2b(__version__.encode(), digest_size=8)
    for f in sorted(Path(__file__).parent.glob("*.py")):
        with contextlib.suppress(OSError):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def fingerprint(paths: Sequence[Path] | None, fields: Mapping[str, str] | None = None) -> tuple[str, dict]:
    """A key naming this corpus (its inputs and options) and the state of its files (size, mtime),
    with the version of the code that reads them.

    Equal fingerprints mean the same articles, so a cached index can be used without reading them.
    """
    files, _ = input_files(paths)
    if not paths:
        files.append(seeds_dir() / METADATA)
    ident = {"inputs": sorted(str(Path(p).resolve()) for p in (paths or [seeds_dir()])),
             "fields": dict(sorted((fields or {}).items()))}
    stats = {}
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        stats[str(f.resolve())] = [st.st_size, st.st_mtime_ns]
    key = hashlib.blake2b(json.dumps(ident, sort_keys=True).encode(), digest_size=10).hexdigest()
    return key, {**ident, "files": stats, "reader": reader_version()}
