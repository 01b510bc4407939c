"""Files and folders -> raw records: .txt/.md/.html/.json/.jsonl, never writing to them."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sco_tui.corpus.model import Problem

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson"}
#: A single-article file larger than this is not an article; JSON Lines are streamed instead.
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
MAX_JSON_BYTES = 512 * 1024 * 1024
#: Fewer words than this from a page is navigation or a stub, not an article.
MIN_HTML_WORDS = 20

#: Common names for each field, checked in order, case-insensitively.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "_id", "uuid", "article_id", "guid"),
    "title": ("title", "headline", "heading", "name"),
    "text": ("text", "body", "content", "content_original", "article", "full_text",
             "fulltext", "maintext", "story", "description"),
    "outlet": ("outlet", "source", "publisher", "site_name", "sitename", "source_name",
               "publication", "domain", "source_url"),
    "date": ("date", "published", "published_at", "publishedat", "pubdate", "publish_date",
             "date_publish", "datetime", "timestamp", "created_at"),
    "url": ("url", "link", "href", "permalink"),
    "authors": ("authors", "author", "byline", "creator"),
}


@dataclass(slots=True)
class RawRecord:
    """An article as found, before cleaning. ``title`` is None when the text must supply it."""

    id: str
    text: str
    source: str
    title: str | None = None
    outlet: str | None = None
    outlet_how: str = ""
    date: str | None = None
    date_how: str = ""
    url: str | None = None
    authors: tuple[str, ...] = ()
    markdown: bool = False
    notes: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


class ReadError(Exception):
    """A file that cannot be read as an article; the message is one line for the user."""


def find_files(paths: Iterable[Path]) -> Iterator[Path | Problem]:
    """Yield readable article files under ``paths`` (recursively, sorted), or a Problem."""
    for path in paths:
        if not path.exists():
            yield Problem(str(path), "no such file or folder")
        elif path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    p = Path(root, name)
                    if p.suffix.lower() in SUFFIXES and not name.startswith("."):
                        found = True
                        yield p
            if not found:
                yield Problem(str(path), f"no article files ({', '.join(sorted(SUFFIXES))}) in this folder")
        elif path.suffix.lower() in SUFFIXES:
            yield path
        else:
            yield Problem(str(path), f"not an article file (expected one of {', '.join(sorted(SUFFIXES))})")


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes -> text. UTF-8 first; otherwise the detected encoding, with a note saying so."""
    if b"\x00" in data[:8192]:
        raise ReadError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "latin-1"
        text = data.decode(encoding)
    return text, f"not valid UTF-8: decoded as {encoding}"


def read_bytes(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file")
    if size > limit:
        raise ReadError(f"too large to be one article ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)")
    return path.read_bytes()


def read_file(path: Path, fields: Mapping[str, str]) -> Iterator[RawRecord | Problem]:
    """Read one file into records; a failure becomes a Problem, never an exception."""
    suffix = path.suffix.lower()
    try:
        if suffix in {".jsonl", ".ndjson"}:
            yield from _read_jsonl(path, fields)
        elif suffix == ".json":
            yield from _read_json(path, fields)
        elif suffix in {".html", ".htm"}:
            yield _read_html(path)
        else:
            yield _read_text(path)
    except ReadError as exc:
        yield Problem(str(path), str(exc))
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")


def _read_text(path: Path) -> RawRecord:
    text, note = decode(read_bytes(path, MAX_ARTICLE_BYTES))
    rec = RawRecord(id=path.stem, text=text, source=str(path), markdown=path.suffix.lower() != ".txt")
    if note:
        rec.notes.append(note)
    if text.startswith("---"):
        _apply_front_matter(rec)
    if not rec.text.strip():
        raise ReadError("no text (only white space)")
    return rec


def _apply_front_matter(rec: RawRecord) -> None:
    import frontmatter

    try:
        post = frontmatter.loads(rec.text)
    except Exception as exc:  # noqa: BLE001 - YAML errors come in many classes
        rec.notes.append(f"front matter not read ({type(exc).__name__}); kept as text")
        return
    if not post.metadata:
        return
    rec.text = post.content
    rec.markdown = True
    _apply_fields(rec, {str(k): v for k, v in post.metadata.items()}, {}, "front matter")


def _read_html(path: Path) -> RawRecord:
    html, note = decode(read_bytes(path, MAX_ARTICLE_BYTES))
    from sco_tui.corpus.html import extract

    doc = extract(html)
    words = len(doc.text.split()) if doc is not None else 0
    if words < MIN_HTML_WORDS:
        raise ReadError(f"no article text found in this HTML page ({words} words of text)")
    rec = RawRecord(id=path.stem, text=doc.text, source=str(path), title=doc.title)
    if note:
        rec.notes.append(note)
    if doc.sitename:
        rec.outlet, rec.outlet_how = doc.sitename, "HTML metadata (site name)"
    if doc.date:
        rec.date, rec.date_how = doc.date, "HTML metadata"
    rec.url = doc.url
    if doc.author:
        rec.authors = tuple(a.strip() for a in doc.author.split(";") if a.strip())
    return rec


def _read_json(path: Path, fields: Mapping[str, str]) -> Iterator[RawRecord | Problem]:
    text, note = decode(read_bytes(path, MAX_JSON_BYTES))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if isinstance(data, dict):
        items = next((data[k] for k in ("articles", "items", "data", "results", "records")
                      if isinstance(data.get(k), list)), [data])
    elif isinstance(data, list):
        items = data
    else:
        raise ReadError("JSON holds neither an object nor an array of objects")
    for n, item in enumerate(items, 1):
        yield _record_from_object(item, path, n, fields, note, f"record {n}")


def _read_jsonl(path: Path, fields: Mapping[str, str]) -> Iterator[RawRecord | Problem]:
    if path.stat().st_size == 0:
        raise ReadError("empty file")
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                line, note = decode(raw)
                item = json.loads(line)
            except (json.JSONDecodeError, ReadError) as exc:
                yield Problem(f"{path}:{lineno}", f"malformed JSON line: {getattr(exc, 'msg', exc)}")
                continue
            yield _record_from_object(item, path, lineno, fields, note, f"line {lineno}")


def _record_from_object(item: object, path: Path, n: int, fields: Mapping[str, str],
                        note: str | None, where: str) -> RawRecord | Problem:
    if not isinstance(item, dict):
        return Problem(f"{path}:{where}", "not a JSON object")
    rec = RawRecord(id=f"{path.stem}#{n}", text="", source=f"{path}#{n}")
    if note:
        rec.notes.append(note)
    _apply_fields(rec, item, fields, "record field")
    if not rec.text.strip():
        wanted = fields.get("text") or "/".join(FIELD_NAMES["text"][:4])
        return Problem(f"{path}:{where}", f"record has no article text (looked for {wanted})")
    return rec


def _pick(item: Mapping[str, object], role: str, fields: Mapping[str, str]) -> tuple[str | None, object]:
    lowered = {str(k).lower(): k for k in item}
    names = (fields[role],) if role in fields else FIELD_NAMES[role]
    for name in names:
        key = lowered.get(name.lower())
        if key is not None and item[key] not in (None, "", [], {}):
            return str(key), item[key]
    return None, None


def _as_text(value: object) -> str:
    if isinstance(value, dict):  # e.g. NewsAPI's {"id": ..., "name": ...}
        value = value.get("name") or value.get("title") or ""
    if isinstance(value, list):
        return ", ".join(_as_text(v) for v in value if v)
    return str(value).strip()


def _apply_fields(rec: RawRecord, item: Mapping[str, object], fields: Mapping[str, str], how: str) -> None:
    used: set[str] = set()
    for role in FIELD_NAMES:
        key, value = _pick(item, role, fields)
        if key is None:
            continue
        used.add(key)
        text = _as_text(value)
        if role == "id":
            rec.id = text
        elif role == "title":
            rec.title = text
        elif role == "text":
            rec.text = text
        elif role == "outlet":
            rec.outlet, rec.outlet_how = text, f"{how} '{key}'"
        elif role == "date":
            rec.date, rec.date_how = text, f"{how} '{key}'"
        elif role == "url":
            rec.url = text
        elif role == "authors":
            names = value if isinstance(value, list) else re.split(r"\s*(?:;|\||\band\b)\s*", str(value))
            rec.authors = tuple(n for n in (_as_text(v) for v in names) if n)
    for key, value in item.items():
        if key not in used and isinstance(value, str | int | float) and len(str(value)) < 200:
            rec.extra[str(key)] = str(value)
