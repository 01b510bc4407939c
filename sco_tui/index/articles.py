"""The cleaned articles of a corpus, cached beside its index so that a relaunch reads no input.

Reading and cleaning 37.5k articles takes ~40 s; this file loads them in about a second. It holds
one header line (format version, the corpus fingerprint: every input's size and mtime, and a
BLAKE2 digest of the rest) and then the articles as JSON. It is trusted only when the fingerprint
matches the inputs as they are now (an unchanged input is only stat-ed) and the digest matches the
bytes read: anything else, a truncated or edited file included, means "read the inputs again".
Plain JSON, never pickle: a cache file can be damaged or replaced, and loading it runs no code.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from sco_tui.corpus.model import Article, Corpus, Known, Problem, Removed

ARTICLES_FILE = "articles.json"
FORMAT = 1


def _article_row(a: Article) -> list[Any]:
    return [a.id, a.title, a.body, [a.outlet.value, a.outlet.how], [a.date.value, a.date.how], a.url,
            list(a.authors), a.source, [[r.text, r.reason, r.line] for r in a.removed], list(a.notes),
            [list(kv) for kv in a.extra], list(a.lines)]


def _article(row: list[Any]) -> Article:
    (id_, title, body, outlet, date, url, authors, source, removed, notes, extra, lines) = row
    return Article(id=id_, title=title, body=body, outlet=Known(outlet[0], outlet[1]), date=Known(date[0], date[1]),
                   url=url, authors=tuple(authors), source=source,
                   removed=tuple(Removed(t, r, ln) for t, r, ln in removed), notes=tuple(notes),
                   extra=tuple((k, v) for k, v in extra), lines=tuple(lines))


def save_articles(folder: Path, fingerprint: dict[str, Any], corpus: Corpus) -> str | None:
    """Write the cache atomically; a notice (not an error) when the folder cannot take it."""
    payload = json.dumps({"articles": [_article_row(a) for a in corpus.articles],
                          "problems": [[p.source, p.message] for p in corpus.problems],
                          "inputs": list(corpus.inputs)}, ensure_ascii=False).encode("utf-8", "surrogatepass")
    header = json.dumps({"format": FORMAT, "fingerprint": fingerprint,
                         "digest": hashlib.blake2b(payload, digest_size=20).hexdigest(), "length": len(payload)})
    path = folder / ARTICLES_FILE
    tmp = folder / f".{ARTICLES_FILE}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(header.encode("utf-8") + b"\n")
            f.write(payload)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        return f"could not cache the cleaned articles in {folder}: {exc.strerror or exc}"
    return None


def load_articles(folder: Path, fingerprint: dict[str, Any]) -> tuple[Corpus | None, str | None]:
    """The cached corpus when it is for exactly these inputs and intact; else None and, when a
    cache was there but could not be trusted, why."""
    path = folder / ARTICLES_FILE
    try:
        with open(path, "rb") as f:
            header = json.loads(f.readline())
            if not isinstance(header, dict) or header.get("format") != FORMAT \
                    or header.get("fingerprint") != fingerprint:
                return None, None  # another version or changed inputs: simply out of date
            payload = f.read()
    except FileNotFoundError:
        return None, None
    except (OSError, ValueError) as exc:
        return None, f"article cache unreadable ({type(exc).__name__}); reading the inputs again"
    if len(payload) != header.get("length") or \
            hashlib.blake2b(payload, digest_size=20).hexdigest() != header.get("digest"):
        return None, "article cache damaged (checksum mismatch); reading the inputs again"
    try:
        data = json.loads(payload)
        corpus = Corpus(articles=tuple(_article(r) for r in data["articles"]),
                        problems=tuple(Problem(s, m) for s, m in data["problems"]),
                        inputs=tuple(data["inputs"]))
    except (ValueError, KeyError, TypeError) as exc:
        return None, f"article cache unusable ({type(exc).__name__}); reading the inputs again"
    return corpus, None
