"""The cleaned articles of a corpus, cached beside its index so that a relaunch reads no input.

Reading and cleaning 37.5k articles takes ~45 s of CPU; this cache loads them in a few. Two files:
a header (format version, the corpus fingerprint: every input's size and mtime, and a BLAKE2 digest
of the articles file) and the articles file, one JSON line per article. It is trusted only when the fingerprint
matches the inputs as they are now (an unchanged input is only stat-ed) and the digest matches the
bytes read: anything else, a truncated or edited file included, means "read the inputs again".
Plain JSON, never pickle: a cache file can be damaged or replaced, and loading it runs no code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from sco_tui.corpus.model import Article, Corpus, Known, Problem, Removed

ARTICLES_FILE = "articles.jsonl"
HEADER_FILE = "articles.head.json"
FORMAT = 2


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
    """Write the cache atomically, one article per line; a notice (not an error) when the folder
    cannot take it."""
    digest = hashlib.blake2b(digest_size=20)
    path = folder / ARTICLES_FILE
    tmp = folder / f".{ARTICLES_FILE}.{os.getpid()}.tmp"
    head = folder / HEADER_FILE
    head_tmp = folder / f".{HEADER_FILE}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            for line in _lines(corpus):
                digest.update(line)
                f.write(line)
        head_tmp.write_text(json.dumps({"format": FORMAT, "fingerprint": fingerprint, "digest": digest.hexdigest(),
                                        "articles": len(corpus.articles)}), encoding="utf-8")
        os.replace(tmp, path)
        os.replace(head_tmp, head)  # a crash between the two leaves a digest that no longer matches
    except OSError as exc:
        for leftover in (tmp, head_tmp):
            with contextlib.suppress(OSError):  # a read-only folder refuses even this (EROFS)
                leftover.unlink(missing_ok=True)
        return f"could not cache the cleaned articles in {folder}: {exc.strerror or exc}"
    return None


def _lines(corpus: Corpus):
    for a in corpus.articles:
        yield json.dumps(_article_row(a), ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"
    yield json.dumps({"problems": [[p.source, p.message] for p in corpus.problems],
                      "inputs": list(corpus.inputs)}, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"


def load_articles(folder: Path, fingerprint: dict[str, Any]) -> tuple[Corpus | None, str | None]:
    """The cached corpus when it is for exactly these inputs and intact; else None and, when a
    cache was there but could not be trusted, why. Lines are parsed as they are read (parsing JSON
    runs no code) and the result is returned only when the digest of every byte matched."""
    path = folder / ARTICLES_FILE
    try:
        header = json.loads((folder / HEADER_FILE).read_bytes())
        with open(path, "rb") as f:
            if not isinstance(header, dict) or header.get("format") != FORMAT \
                    or header.get("fingerprint") != fingerprint:
                return None, None  # another version or changed inputs: simply out of date
            digest = hashlib.blake2b(digest_size=20)
            articles: list[Article] = []
            tail: dict[str, Any] = {}
            for line in f:
                digest.update(line)
                if len(articles) < header.get("articles", 0):
                    articles.append(_article(json.loads(line)))
                else:
                    tail = json.loads(line)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"article cache unreadable ({exc.strerror or type(exc).__name__}); reading the inputs again"
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        return None, f"article cache damaged ({type(exc).__name__}); reading the inputs again"
    if digest.hexdigest() != header.get("digest") or len(articles) != header.get("articles") or not tail:
        return None, "article cache damaged (checksum mismatch); reading the inputs again"
    try:
        return Corpus(articles=tuple(articles), problems=tuple(Problem(s, m) for s, m in tail["problems"]),
                      inputs=tuple(tail["inputs"])), None
    except (KeyError, TypeError, ValueError) as exc:
        return None, f"article cache damaged ({type(exc).__name__}); reading the inputs again"
