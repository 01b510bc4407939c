"""Files and folders -> raw records: .txt/.md/.html/.json/.jsonl, never writing to them."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sco_tui.corpus.inputs import COMPRESSED, SUFFIXES, find_files, kind  # noqa: F401 (also read from here)
from sco_tui.corpus.model import Problem

_MAGIC = ((b"\x1f\x8b", "gzip"), (b"\xfd7zXZ\x00", "xz"), (b"BZh", "bz2"))
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))
#: A JSON value nested deeper than this is not an article (the parser would run out of stack).
MAX_JSON_DEPTH = 200
#: YAML front matter larger than this is not metadata.
MAX_FRONT_MATTER_BYTES = 64 * 1024
#: JSON Lines whose first lines are all malformed are not JSON Lines: one message for the file.
GIVE_UP_BINARY = 3  # JSONL lines, all binary, before the file is taken for a binary one
GIVE_UP_AFTER = 20
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, decompressed when it is gzip, xz or bzip2 (told by its first bytes, not its name)."""
    fh: BinaryIO = path.open("rb")
    head = fh.read(6)
    fh.seek(0)
    for magic, codec in _MAGIC:
        if head.startswith(magic):
            if codec == "gzip":
                import gzip

                return gzip.GzipFile(fileobj=fh, mode="rb")  # type: ignore[return-value]
            if codec == "xz":
                import lzma

                return lzma.LZMAFile(fh, mode="rb")  # type: ignore[return-value]
            import bz2

            return bz2.BZ2File(fh, mode="rb")  # type: ignore[return-value]
    return fh


def _compression_errors() -> tuple[type[BaseException], ...]:
    import lzma
    import zlib

    return (EOFError, lzma.LZMAError, zlib.error)


#: What no article text holds: lone surrogates, and control characters other than tabs and line breaks
#: (terminal escape sequences among them, which would reach the user's terminal).
SUSPECT = re.compile("[\ud800-\udfff\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_C1 = re.compile("[\x80-\x9f]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def scrub(text: str, *, controls: bool = True) -> str:
    """``text`` without lone surrogates (from JSON escapes like ``\\ud800`` or undecodable file names:
    U+FFFD instead) and, with ``controls``, without control characters: escape sequences go whole, and
    C1 codes become the Windows-1252 punctuation they stand for in text decoded as Latin-1 (0x85 "…")."""
    if not SUSPECT.search(text):
        return text
    text = _LONE_SURROGATE.sub("\ufffd", text)
    if controls:
        text = _ESCAPE_SEQUENCE.sub("", text)
        text = _C1.sub(lambda m: bytes([ord(m[0])]).decode("cp1252", "ignore"), text)
        text = _CONTROL.sub("", text)
    return text


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes -> text. A byte-order mark first (UTF-16/32), then UTF-8, then the detected encoding with
    a note saying so; bytes that are no text in any encoding raise ReadError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                raise ReadError(f"not valid {encoding.upper()} despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        return _decode_with_nuls(data)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("binary file, not text (no text encoding fits its bytes)")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReadError("binary file, not text (no text encoding fits its bytes)") from None
    if _looks_binary(text):
        raise ReadError("binary file, not text (control characters throughout)")
    return text, f"not valid UTF-8: decoded as {best.encoding}"


def _decode_with_nuls(data: bytes) -> tuple[str, str | None]:
    """Bytes holding NULs: UTF-16 without a byte-order mark (a NUL beside every ASCII letter), or text
    with a few stray NULs (dropped, and said); anything else is binary."""
    sample = data[:8192]
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if len(zeros) >= 8 and zeros.count(0) >= 0.9 * len(zeros):
            try:
                text = data[: len(data) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                break
            if not _looks_binary(text):
                return text, f"no byte-order mark: decoded as {encoding.upper()}"
            break
    nuls = data.count(0)
    if nuls * 500 <= len(data):  # a few stray NULs (one in 500 bytes at most) in otherwise clean text
        try:
            text = data.replace(b"\x00", b"").decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ReadError("binary file, not text") from None
        if not _looks_binary(text):
            return text, f"{nuls} NUL byte{'s' if nuls != 1 else ''} removed"
    raise ReadError("binary file, not text")


def _looks_binary(text: str) -> bool:
    """Text decoded from random bytes: control characters or unassigned code points in every few lines."""
    sample = text[:65536]
    odd = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f") or "\x7f" <= c <= "\x9f")
    return odd > max(2, len(sample) // 200)


def regular_size(path: Path) -> int:
    """The file's size; a pipe, socket or device (never read: it may block or never end) is refused."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("not a regular file (a pipe, socket or device): not read")
    return st.st_size


def read_bytes(path: Path, limit: int) -> bytes:
    """The whole (decompressed) file, refused when empty or larger than ``limit``."""
    size = regular_size(path)
    if size == 0:
        raise ReadError("empty file")
    too_large = f"too large to be one article ({{:.1f}} MB; the limit is {limit / 1e6:.0f} MB)"
    if size > limit:
        raise ReadError(too_large.format(size / 1e6))
    with open_binary(path) as fh:
        try:
            data = fh.read(limit + 1)
        except _compression_errors() as exc:
            raise ReadError(f"damaged compressed file ({type(exc).__name__})") from None
    if len(data) > limit:
        raise ReadError(too_large.format(len(data) / 1e6) + " once decompressed")
    if not data:
        raise ReadError("empty file")
    return data


def read_file(path: Path, fields: Mapping[str, str]) -> Iterator[RawRecord | Problem]:
    """Read one file into records; a failure becomes a Problem, never an exception."""
    suffix = kind(path)
    records = 0
    try:
        if suffix in {".jsonl", ".ndjson", ".json"}:
            for item in (_read_jsonl if suffix != ".json" else _read_json)(path, fields):
                records += isinstance(item, RawRecord)
                yield item
        elif suffix in {".html", ".htm"}:
            yield _read_html(path)
        else:
            yield _read_text(path)
    except ReadError as exc:
        yield Problem(str(path), str(exc))
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")
    except RecursionError:
        yield Problem(str(path), f"nested more than {MAX_JSON_DEPTH} levels deep; not an article")
    except _compression_errors() as exc:
        lost = f": the {records} records before the damage were read, the rest is lost" if records else ""
        yield Problem(str(path), f"damaged compressed file ({type(exc).__name__}){lost}")


def _read_text(path: Path) -> RawRecord:
    text, note = decode(read_bytes(path, MAX_ARTICLE_BYTES))
    rec = RawRecord(id=_stem(path), text=text, source=str(path), markdown=kind(path) != ".txt")
    if note:
        rec.notes.append(note)
    if text.startswith("---"):
        _apply_front_matter(rec)
    if not rec.text.strip():
        raise ReadError("no text (only white space)")
    return rec


def _stem(path: Path) -> str:
    """The file name without its suffixes (``a.jsonl.gz`` -> ``a``)."""
    name = path.name
    if path.suffix.lower() in COMPRESSED:
        name = name[: -len(path.suffix)]
    return Path(name).stem


def _front_matter_refusal(text: str) -> str | None:
    """Why YAML front matter must not be parsed: too large, or it repeats nodes by alias (the
    "billion laughs": a few hundred bytes that expand to gigabytes). Scanning events is bounded."""
    end = text.find("\n---", 3)
    block = text[3:end] if end > 0 else text[3:]
    if len(block.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
        return f"front matter larger than {MAX_FRONT_MATTER_BYTES // 1024} KB"
    import yaml

    try:
        for event in yaml.parse(block, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                return "front matter uses YAML aliases (refused: they can expand without bound)"
    except yaml.YAMLError:
        return None  # the parser below reports it
    return None


def _apply_front_matter(rec: RawRecord) -> None:
    import frontmatter

    if (refusal := _front_matter_refusal(rec.text)) is not None:
        end = rec.text.find("\n---", 3)
        if end > 0:  # the block is metadata, not story: left out, unread
            rec.text = rec.text[end + 4:].lstrip("-").lstrip("\r\n")
        rec.notes.append(f"{refusal}; its metadata was not read")
        return
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
    rec = RawRecord(id=_stem(path), text=doc.text, source=str(path), title=doc.title)
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


def _int_or_text(digits: str) -> int | str:
    """JSON integers too long for Python's int conversion limit stay text (a record is not lost for them)."""
    try:
        return int(digits)
    except ValueError:
        return digits


def loads(text: str) -> object:
    """``json.loads`` that keeps 5,000-digit integers as text and refuses deep nesting with ReadError."""
    if _too_deep(text):
        raise ReadError(f"nested more than {MAX_JSON_DEPTH} levels deep; not an article")
    try:
        return json.loads(text, parse_int=_int_or_text)
    except RecursionError:
        raise ReadError(f"nested more than {MAX_JSON_DEPTH} levels deep; not an article") from None


_BRACKETS = re.compile(r'[\[\]{}]|"(?:[^"\\]|\\.)*"')


def _too_deep(text: str) -> bool:
    """True when brackets (outside strings) nest deeper than MAX_JSON_DEPTH; cheap for flat text."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    for m in _BRACKETS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif c in "]}":
            depth -= 1
    return False


def _read_json(path: Path, fields: Mapping[str, str]) -> Iterator[RawRecord | Problem]:
    with open_binary(path) as fh:
        head = fh.read(4096)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"["):
        streamed = 0
        try:
            for item in _stream_json_array(path, fields):
                streamed += 1
                yield item
            return
        except _NotUtf8 as exc:
            if streamed:
                raise ReadError(f"not valid UTF-8 after record {streamed}; the records before it were read") \
                    from None
            del exc  # another encoding from the start: read whole, with the encoding detected
    text, note = decode(read_bytes(path, MAX_JSON_BYTES))
    try:
        data = loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    keys: list[str] = []
    if isinstance(data, dict):
        items = next((data[k] for k in ("articles", "items", "data", "results", "records")
                      if isinstance(data.get(k), list)), None)
        if items is None and data and _pick(data, "text", fields)[0] is None \
                and all(isinstance(v, dict) for v in data.values()):
            keys, items = [str(k) for k in data], list(data.values())  # {"id": {...article...}, ...}
        elif items is None:
            items = [data]
    elif isinstance(data, list):
        items = data
    else:
        raise ReadError("JSON holds neither an object nor an array of objects")
    for n, item in enumerate(items, 1):
        rec = _record_from_object(item, path, n, fields, note, f"record {keys[n - 1]!r}" if keys else f"record {n}")
        if keys and isinstance(rec, RawRecord) and _pick(item, "id", fields)[0] is None:
            rec.id = keys[n - 1]
        yield rec


class _NotUtf8(Exception):
    """A streamed JSON array that is not UTF-8."""


#: Bytes read at a time from a JSON array; an element may be up to MAX_ARTICLE_BYTES long.
CHUNK = 1 << 20


def _stream_json_array(path: Path, fields: Mapping[str, str]) -> Iterator[RawRecord | Problem]:
    """The objects of a top-level JSON array, one at a time: memory holds one chunk and one element,
    not the file (a 150 MB array loads like a 150 MB JSON Lines file)."""
    import codecs

    decoder = json.JSONDecoder(parse_int=_int_or_text)
    incremental = codecs.getincrementaldecoder("utf-8-sig")()
    buf, pos, n, eof, started = "", 0, 0, False, False
    with open_binary(path) as fh:
        def more() -> bool:
            nonlocal buf, pos, eof
            data = fh.read(CHUNK)
            try:
                text = incremental.decode(data, final=not data)
            except UnicodeDecodeError:
                raise _NotUtf8 from None
            buf, pos, eof = buf[pos:] + text, 0, not data
            return bool(data)

        more()
        while True:
            while True:  # skip white space, the opening bracket and commas
                while pos < len(buf) and buf[pos] in " \t\r\n,":
                    pos += 1
                if pos < len(buf) or not more():
                    break
            if pos >= len(buf):
                raise ReadError(f"malformed JSON: the array ends early, after record {n}")
            if not started:
                if buf[pos] != "[":
                    raise ReadError("malformed JSON: expected an array")
                started, pos = True, pos + 1
                continue
            if buf[pos] == "]":
                if n == 0:
                    raise ReadError("JSON holds an empty array")
                return
            try:
                item, end = decoder.raw_decode(buf, pos)
            except (json.JSONDecodeError, RecursionError) as exc:
                if not eof and len(buf) - pos <= MAX_ARTICLE_BYTES and more():
                    continue  # the element runs past the chunk: read on and try again
                n += 1
                what = (f"malformed JSON in record {n}: {exc.msg}" if isinstance(exc, json.JSONDecodeError)
                        else f"record {n} is nested too deeply to be an article")
                raise ReadError(what + ("; the records before it were read" if n > 1 else "")) from None
            if end == len(buf) and not eof and more():
                continue  # a number or literal cut at the chunk's end: parse it again whole
            n += 1
            pos = end
            yield _record_from_object(item, path, n, fields, None, f"record {n}")


def _read_jsonl(path: Path, fields: Mapping[str, str]) -> Iterator[RawRecord | Problem]:
    if regular_size(path) == 0:
        raise ReadError("empty file")
    good = bad = binary = 0
    held: list[Problem] = []
    with open_binary(path) as fh:
        for lineno, raw in enumerate(iter(lambda: fh.readline(MAX_ARTICLE_BYTES + 1), b""), 1):
            if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
                size = len(raw) + _skip_line(fh)  # never held whole: a line is one article at most
                yield Problem(f"{path}:{lineno}", f"line too large to be one article ({size / 1e6:.1f} MB; "
                                                  f"the limit is {MAX_ARTICLE_BYTES / 1e6:.0f} MB)")
                continue
            if not raw.strip():
                continue
            try:
                line, note = decode(raw)
                item = loads(line)
            except (json.JSONDecodeError, ReadError) as exc:
                bad += 1
                binary = binary + 1 if isinstance(exc, ReadError) and str(exc).startswith("binary") else 0
                problem = Problem(f"{path}:{lineno}", f"malformed JSON line: {getattr(exc, 'msg', exc)}")
                if not good and binary == bad:  # held back: a binary file is one line, not one per "line"
                    held.append(problem)
                    if bad == GIVE_UP_BINARY:
                        yield Problem(str(path), f"binary file, not text: its first {bad} lines are no text in "
                                                 "any encoding; the rest was not read")
                        return
                    continue
                yield from held
                held.clear()
                if not good and bad >= GIVE_UP_AFTER:
                    yield Problem(str(path), f"not JSON Lines: its first {bad} lines are all malformed; "
                                             "the rest was not read")
                    return
                yield problem
                continue
            yield from held
            held.clear()
            good += 1
            yield _record_from_object(item, path, lineno, fields, note, f"line {lineno}")
    yield from held


def _skip_line(fh) -> int:
    """Read past the rest of a line, a chunk at a time; its length."""
    skipped = 0
    while chunk := fh.readline(CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _record_from_object(item: object, path: Path, n: int, fields: Mapping[str, str],
                        note: str | None, where: str) -> RawRecord | Problem:
    if not isinstance(item, dict):
        return Problem(f"{path}:{where}", "not a JSON object")
    rec = RawRecord(id=f"{_stem(path)}#{n}", text="", source=f"{path}#{n}")
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


def _story_text(value: object, notes: list[str]) -> str:
    """A record's story: paragraphs given as a list joined as paragraphs; HTML markup read as text."""
    from sco_tui.corpus.markup import html_text, looks_like_html

    parts = value if isinstance(value, list) else [value]
    text = "\n\n".join(t for t in (_as_text(v) for v in parts) if t)
    if looks_like_html(text):
        notes.append("the story text was HTML: read as text (scripts and styles left out)")
        text = html_text(text)
    return text


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def _unescape_entities(text: str) -> str:
    """A title or outlet scraped from HTML keeps its character references ("Caf&eacute; &amp; bar"):
    resolved once, as the body's are; text without a complete reference ("Q&A", "AT&T") is left as is."""
    if "&" not in text or not _ENTITY.search(text):
        return text
    import html

    return " ".join(html.unescape(text).split())


def _apply_fields(rec: RawRecord, item: Mapping[str, object], fields: Mapping[str, str], how: str) -> None:
    used: set[str] = set()
    for role in FIELD_NAMES:
        key, value = _pick(item, role, fields)
        if key is None:
            continue
        used.add(key)
        text = _as_text(value)
        if role == "id":
            rec.id = text or rec.id  # an empty id ("", "  ", an object without a name) keeps the file#line one
        elif role == "title":
            rec.title = _unescape_entities(text)
        elif role == "text":
            rec.text = _story_text(value, rec.notes)
        elif role == "outlet":
            rec.outlet, rec.outlet_how = _unescape_entities(text), f"{how} '{key}'"
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
