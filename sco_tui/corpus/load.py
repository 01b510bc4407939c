"""Inputs -> Corpus: read, clean, attribute, date, de-duplicate. The one entry point to the corpus."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from sco_tui.corpus.clean import clean
from sco_tui.corpus.dates import normalise_date
from sco_tui.corpus.inputs import fingerprint, input_files, reader_version  # noqa: F401 (also read from here)
from sco_tui.corpus.model import Article, Corpus, Known, Problem
from sco_tui.corpus.mojibake import repaired
from sco_tui.corpus.outlets import attribute
from sco_tui.corpus.readers import SUSPECT, RawRecord, read_file, scrub
from sco_tui.corpus.seeds import seed_metadata, seeds_dir

Progress = Callable[[int, str], None]
_SURROGATE = re.compile("[\ud800-\udfff]")


#: Inputs this large are cleaned by several processes when the caller allows it (below, forking
#: costs more than it saves).
PARALLEL_BYTES = 32 << 20
BATCH = 64  # records a cleaning process takes at a time


def load_corpus(paths: Sequence[Path] | None = None, fields: Mapping[str, str] | None = None,
                progress: Progress | None = None, workers: int = 1) -> Corpus:
    """Read every article under ``paths`` (the bundled seeds when empty). Never raises on bad input.

    ``workers`` > 1: clean the records in that many forked processes when the inputs hold at least
    ``PARALLEL_BYTES`` and this process runs no other thread (else here); the articles, their order
    and ids, and the problems (perhaps in another order) are those one process gives."""
    source = Source(paths, fields)
    if workers > 1 and source.size() >= PARALLEL_BYTES and _can_fork():
        built = _built_in_processes(source.records, source.metadata, workers)
    else:
        built = (build_article(record, source.metadata.get(record.id)) for record in source.records)
    for article in built:
        if source.take(article) is not None and progress is not None:
            progress(len(source.articles), source.articles[-1].id)
    return source.corpus()


class Source:
    """The inputs of a corpus as raw records, and the gate their cleaned articles pass in input
    order: a text its outlet gave before is skipped as a duplicate (the same text from another outlet is
    kept: a wire story each outlet ran under its own headline), an id used before gets a free one.

    ``records`` yields each readable record once (lazily; what cannot be read joins ``problems``);
    whoever cleans them (``build_article``, with ``metadata.get(record.id)``) hands the articles
    to ``take`` in the records' order; ``corpus`` is the result. ``load_corpus`` is the plain use."""

    def __init__(self, paths: Sequence[Path] | None = None, fields: Mapping[str, str] | None = None) -> None:
        self.paths = paths
        self.files, self.problems = input_files(paths)
        self.metadata = seed_metadata() if not paths else {}
        self.records = _records(self.files, fields or {}, self.problems)
        self.articles: list[Article] = []
        self._by_text: dict[tuple[str, str], str] = {}
        self._ids: set[str] = set()

    def size(self) -> int:
        """Bytes of input."""
        return _input_bytes(self.files)

    def take(self, article: Article) -> Article | None:
        """The article as the corpus holds it (perhaps with a new id), or None for a duplicate."""
        key = (article.outlet_name, article.text_hash)
        if (first := self._by_text.get(key)) is not None:
            self.problems.append(Problem(article.source, f"same text as {first} (a duplicate)"))
            return None
        if article.id in self._ids:
            new_id = _free_id(article.id, self._ids)
            self.problems.append(Problem.renamed(article.source, article.id, new_id))
            article = _with_id(article, new_id)
        self._ids.add(article.id)
        self._by_text[key] = article.id
        self.articles.append(article)
        return article

    def corpus(self) -> Corpus:
        inputs = tuple(str(p) for p in (self.paths or [seeds_dir()]))
        return Corpus(articles=tuple(self.articles), problems=tuple(self.problems), inputs=inputs)


def _input_bytes(files: Iterable[Path]) -> int:
    total = 0
    for f in files:
        with contextlib.suppress(OSError):
            total += f.stat().st_size
    return total


def _built_in_processes(records: Iterable[RawRecord], metadata: Mapping, workers: int) -> Iterable[Article]:
    """``build_article`` of each record, in order, by ``workers`` forked processes fed in batches."""
    import itertools
    import multiprocessing

    def batches():
        it = iter(records)
        while batch := list(itertools.islice(it, BATCH)):
            yield [(r, metadata.get(r.id)) for r in batch]

    with multiprocessing.get_context("fork").Pool(workers, initializer=_default_sigterm) as pool:
        for done in pool.imap(_build_batch, batches()):
            yield from done


def _default_sigterm() -> None:
    """A forked cleaner dies of SIGTERM quietly; its parent says what stopped."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _can_fork() -> bool:
    """Forking is safe only where this process runs no other thread (forking a threaded process,
    like the app, can deadlock the child). Spawning instead failed inside the app (Textual's
    process: "bad value(s) in fds_to_keep"), so a threaded caller cleans in its own process."""
    import multiprocessing
    import threading

    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _build_batch(batch: list[tuple[RawRecord, Mapping | None]]) -> list[Article]:
    return [build_article(record, meta) for record, meta in batch]


def _records(files: Iterable[Path], fields: Mapping[str, str], problems: list[Problem]):
    for path in files:
        for item in read_file(path, fields):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                yield _scrubbed(item)


def _scrubbed(rec: RawRecord) -> RawRecord:
    """The record with lone surrogates (which no file can hold and no encoder writes) replaced by U+FFFD,
    and control characters out of its text (the file's name, ``source``, keeps them: it names the file)."""
    texts = (rec.id, rec.text, rec.source, rec.title or "", rec.outlet or "", rec.date or "", rec.url or "",
             *rec.authors, *rec.extra.values())
    if not any(SUSPECT.search(t) for t in texts):
        return rec
    found = "".join(m[0] for t in texts if t is not rec.source for m in SUSPECT.finditer(t))
    rec.id, rec.text, rec.source = scrub(rec.id), scrub(rec.text), scrub(rec.source, controls=False)
    rec.title = scrub(rec.title) if rec.title is not None else None
    rec.outlet = scrub(rec.outlet) if rec.outlet is not None else None
    rec.date = scrub(rec.date) if rec.date is not None else None
    rec.url = scrub(rec.url) if rec.url is not None else None
    rec.authors = tuple(scrub(a) for a in rec.authors)
    rec.extra = {k: scrub(v) for k, v in rec.extra.items()}
    if _SURROGATE.search(found):
        rec.notes.append("invalid characters (lone UTF-16 surrogates) replaced by U+FFFD")
    if _SURROGATE.sub("", found):
        rec.notes.append("control characters (terminal escape codes among them) taken out of the text")
    return rec


def build_article(rec: RawRecord, meta: Mapping[str, tuple[str, str]] | None = None) -> Article:
    """Clean one record and settle its title, outlet and date, each with how it is known."""
    meta = meta or {}
    text, text_fixed = repaired(rec.text)
    title, title_fixed = repaired(rec.title) if rec.title is not None else (None, False)
    cleaned = clean(text, title=title, markdown=rec.markdown)
    notes = list(rec.notes)
    if text_fixed or title_fixed:
        notes.append("repaired text that had been decoded twice (UTF-8 read as Windows-1252: 'â€™' for '’')")

    outlet_value, outlet_how = meta.get("outlet", (rec.outlet, rec.outlet_how))
    if "outlet" in meta and not outlet_value:
        outlet = Known(None, f"unattributed: {outlet_how}")
    else:
        outlet = attribute(outlet_value, outlet_how, rec.text, Path(rec.source.split("#")[0]).name)

    raw_date, date_how = meta.get("date", (rec.date, rec.date_how))
    if not raw_date and "date" not in meta and cleaned.date_line:
        raw_date, date_how = cleaned.date_line, f"page text: date line '{cleaned.date_line}' above the headline"
    iso, problem = normalise_date(raw_date)
    if problem:
        notes.append(problem)
    date = Known(iso, date_how if iso else (date_how or "no date in metadata or text"))

    title = meta.get("headline", (None, ""))[0] or cleaned.title or rec.id
    url = meta.get("url", (rec.url, ""))[0] or None
    return Article(
        id=rec.id, title=title, body=cleaned.body, outlet=outlet, date=date, url=url,
        authors=rec.authors, source=rec.source, removed=cleaned.removed, notes=tuple(notes),
        extra=tuple(sorted(rec.extra.items())), lines=cleaned.lines,
    )


def _free_id(base: str, taken: set[str]) -> str:
    n = 2
    while f"{base}~{n}" in taken:
        n += 1
    return f"{base}~{n}"


def _with_id(article: Article, new_id: str) -> Article:
    from dataclasses import replace

    return replace(article, id=new_id)
