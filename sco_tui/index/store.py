"""Where an index lives and how it stays true to its corpus.

The index is a cache in the user cache dir, one folder per corpus (keyed by its inputs). Each
build goes into a new generation folder; a small ``current`` file names the live one and is
swapped atomically. Refreshes are incremental (content hashes), commit in batches (search sees
what is committed) and recover on their own from a corrupt, locked or outdated index.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sco_tui.corpus.model import Article, Corpus
from sco_tui.index import verify, vocabulary
from sco_tui.index.api import SyncReport
from sco_tui.index.cache_dir import APP_NAME, cache_root, corpus_folder  # noqa: F401 (also read from here)
from sco_tui.index.schema import SCHEMA_VERSION, build_schema, document

if TYPE_CHECKING:
    from whoosh.index import Index

CURRENT = "current"
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 256 * 1024 * 1024  # a manifest lists an id and a hash per article
Progress = Callable[[int, int], None]
MAX_SEGMENTS = 3  # a finished build with more is merged into one


class IndexStore:
    """The index of one corpus."""

    def __init__(self, root: Path, notices: Sequence[str] = (), writable: bool = True) -> None:
        self.root = root
        self.notices = list(notices)
        self.parallel = False  # set per sync: may a full build use a second process
        self.writable = writable  # False: nothing can be saved; the index is built in memory
        self.memory: Index | None = None  # the in-memory index when the disk said no
        self.on_wait: Callable[[], None] | None = None  # called once when another process is indexing
        self._forms: dict[str, str] = {}  # the vocabulary of the index being written (see index.vocabulary)
        self._documents: dict[str, int] = {}

    @classmethod
    def for_key(cls, key: str) -> IndexStore:
        base, notice, writable = cache_root()
        root = corpus_folder(base, key)
        notices = [notice] if notice else []
        if writable:
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                writable = False
                notices.append(f"cannot make the index folder {root} ({exc.strerror or exc}); "
                               "the index is kept in memory and not saved")
        return cls(root, notices, writable)

    # -- generations -------------------------------------------------------------------
    def current_dir(self) -> Path | None:
        """The live generation, or None when there is none (or the ``current`` pointer is not sane)."""
        pointer = self.root / CURRENT
        try:
            if not pointer.is_file():
                return None
            with pointer.open("rb") as fh:
                name = fh.read(256).decode("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if not name.startswith("gen-") or "/" in name or "\\" in name or name != Path(name).name:
            return None
        path = self.root / name
        return path if path.is_dir() else None

    def pointer_problem(self) -> str | None:
        """Why the ``current`` pointer cannot be followed, or None (also when there is none yet)."""
        pointer = self.root / CURRENT
        if not os.path.lexists(pointer):
            return None
        if not pointer.is_file():
            return f"its '{CURRENT}' pointer is not a file"
        try:
            with pointer.open("rb") as fh:
                name = fh.read(256).decode("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return f"its '{CURRENT}' pointer cannot be read"
        if not name.startswith("gen-") or name != Path(name).name:
            return f"its '{CURRENT}' pointer is garbage"
        return None  # it names a folder that was removed: built again as if new (``dangling_pointer`` says so)

    def dangling_pointer(self) -> bool:
        """A ``current`` pointer naming a generation that is not there (cut short, or removed by hand)."""
        pointer = self.root / CURRENT
        return pointer.is_file() and self.pointer_problem() is None and self.current_dir() is None

    def _swap_to(self, gen: Path) -> None:
        pointer = self.root / CURRENT
        if os.path.lexists(pointer) and not pointer.is_file():  # e.g. a folder in its place
            if pointer.is_dir() and not pointer.is_symlink():
                shutil.rmtree(pointer, ignore_errors=True)
            else:
                pointer.unlink(missing_ok=True)
        tmp = self.root / f".{CURRENT}.{os.getpid()}"
        tmp.write_text(gen.name, encoding="utf-8")
        os.replace(tmp, pointer)
        for old in self.root.glob("gen-*"):
            if old != gen and not _is_locked(old):
                shutil.rmtree(old, ignore_errors=True)

    def _read_manifest(self) -> tuple[dict[str, Any] | None, str]:
        gen = self.current_dir()
        if gen is None:
            return None, self.pointer_problem() or "no index yet"
        try:
            with (gen / MANIFEST).open("rb") as fh:
                raw = fh.read(MAX_MANIFEST_BYTES + 1)
            if len(raw) > MAX_MANIFEST_BYTES:
                return None, "its manifest is too large to be one"
            data = json.loads(raw.decode("utf-8"))
        except FileNotFoundError:
            return None, "its manifest is missing"
        except OSError as exc:
            return None, f"its manifest cannot be read ({exc.strerror or type(exc).__name__})"
        except (ValueError, RecursionError):
            return None, "its manifest is not valid JSON"
        problem = verify.manifest_problem(data)
        return (None, problem) if problem else (data, "")

    def manifest(self) -> dict[str, Any] | None:
        """The live generation's manifest, when it is there and has the right shape."""
        return self._read_manifest()[0]

    @staticmethod
    def _write_manifest(gen: Path, data: dict[str, Any], leave_out: Callable[[str], bool] | None = None) -> None:
        """Record the manifest with the size and checksum of every index file as this commit left them
        (``leave_out``: files still being written, which this commit does not use)."""
        data = {**data, "files": verify.snapshot_files(gen, leave_out)}
        tmp = gen / f".{MANIFEST}.tmp"
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, gen / MANIFEST)

    def is_current(self, fingerprint: dict[str, Any]) -> bool:
        """True when the live index holds exactly this corpus, with its files as they were written:
        nothing to read, nothing to write."""
        if self.memory is not None:
            return False
        m = self.manifest()
        gen = self.current_dir()
        return bool(m and gen is not None and m.get("schema") == SCHEMA_VERSION and m.get("complete")
                    and m.get("fingerprint") == fingerprint and isinstance(m.get("files"), dict)
                    and verify.check_files(gen, m["files"]) is None)

    def check(self) -> tuple[str | None, dict[str, Any]]:
        """Verify the live index fully (pointer, manifest, files, document count): why it cannot be
        used (None when it can) and what was found."""
        gen = self.current_dir()
        m = self.manifest()
        info: dict[str, Any] = {"folder": str(self.root), "generation": str(gen) if gen else None,
                                "articles": len(m["articles"]) if m else None,
                                "complete": m.get("complete") if m else None,
                                "files": len(m.get("files") or {}) if m else None}
        ix, why_not = self._open()
        if ix is not None:
            ix.close()
        return (why_not or None), info

    def open(self) -> Index | None:
        """The live index, or None when there is none that can be used."""
        if self.memory is not None:
            return self.memory
        return self._open()[0]

    def _open(self) -> tuple[Index | None, str]:
        """The live index after verifying it, or None and why it cannot be trusted."""
        m, why_not = self._read_manifest()
        if m is None:
            return None, why_not
        gen = self.current_dir()
        assert gen is not None
        if m.get("schema") != SCHEMA_VERSION:
            return None, f"it was built by an older version (schema {m.get('schema')}, now {SCHEMA_VERSION})"
        if isinstance(m.get("files"), dict) and (problem := verify.check_files(gen, m["files"])):
            return None, f"it was corrupt: {problem}"
        from sco_tui.index.mapped import open_mapped

        try:
            ix = open_mapped(str(gen))
            with ix.reader() as reader:
                count = reader.doc_count()
        except Exception as exc:  # noqa: BLE001 - a damaged index fails in any of a dozen ways
            return None, f"it was corrupt ({type(exc).__name__})"
        if count != len(m["articles"]):
            ix.close()
            return None, f"it was corrupt: it holds {count} articles, its manifest lists {len(m['articles'])}"
        return ix, ""

    # -- refresh -----------------------------------------------------------------------
    def sync(self, corpus: Corpus, fingerprint: dict[str, Any], progress: Progress | None = None,
             batch: int = 500, should_stop: Callable[[], bool] | None = None, parallel: bool = False) -> SyncReport:
        """Bring the index up to date with ``corpus``: add, replace and delete by content hash.

        ``parallel`` lets a full build of a large corpus use two processes (Whoosh's MpWriter, one
        segment per process): only for a caller with no other threads, and only where
        processes start by fork."""
        start = time.perf_counter()
        self.parallel = parallel and _can_fork() and len(corpus) >= PARALLEL_FROM
        report = SyncReport(total=len(corpus), notices=list(self.notices))
        if not self.writable:
            self._build_in_memory(corpus, report, progress, None)
            report.seconds = time.perf_counter() - start
            return report
        try:
            with self._sync_lock(report):
                ix, why_not = self._open()
                m = self.manifest() if ix is not None else None
                if ix is None or m is None:
                    self._build(corpus, fingerprint, report, progress, batch, should_stop,
                                None if why_not == "no index yet" else why_not)
                else:
                    self._update(ix, m, corpus, fingerprint, report, progress, batch, should_stop)
        except OSError as exc:  # a full disk, a read-only folder: search still works, from memory
            self.free_partial()
            self._build_in_memory(corpus, report, progress, exc)
        report.seconds = time.perf_counter() - start
        return report

    def free_partial(self) -> None:
        """After a write failed (a full disk): remove what the live generation's last commit does not
        list (half-written segment files, the writers' scratch folders), so the failed build does not
        keep the disk full; every committed file stays, and the index stays what it was."""
        gen = self.current_dir()
        m = self.manifest()
        if gen is None or m is None or not isinstance(m.get("files"), dict):
            return
        listed = set(m["files"])
        with contextlib.suppress(OSError):
            for p in gen.iterdir():
                if p.is_dir() and p.name.endswith(".tmp") and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                elif p.is_file() and p.name.startswith("MAIN_") and p.name not in listed \
                        and p.name != "MAIN_WRITELOCK":
                    p.unlink(missing_ok=True)

    def build_streamed(self, source, fingerprint: dict[str, Any], progress: Progress | None = None,
                       early: int = 0, nice: int = 0, read_all: Callable[[], None] | None = None,
                       growth: int | None = None, on_commit: Callable[[int], None] | None = None) -> SyncReport:
        """A new index of ``source`` (a ``corpus.load.Source`` not yet read), its records cleaned and
        indexed at once by two forked processes (``index.parallel.index_while_cleaning``), each
        segment committed as soon as a process finishes it: with ``early``, after each process's
        first ``early`` articles, so search works long before the end, then after ``growth`` times
        as many as its last segment held (``index.parallel.GROWTH``; 0: none until the end), so
        search covers a growing share while the build goes on. ``progress(done, 0)``: the total is
        not known until the inputs are read; ``on_commit(n)``: search now sees ``n`` articles.
        ``read_all()`` is called once every article is read (``source.corpus()`` is complete), while
        the processes finish their segments. Only for a caller with no other threads (``_can_fork``)."""
        from whoosh import index as windex

        from sco_tui.index.parallel import GROWTH, StreamedSegments, index_while_cleaning

        start = time.perf_counter()
        report = SyncReport(total=0, notices=list(self.notices))
        with self._sync_lock(report):
            if self.is_current(fingerprint):  # built by the process this one waited for
                report.total = -1
                return report
            gen = Path(tempfile.mkdtemp(prefix="gen-", dir=self.root))
            ix = windex.create_in(str(gen), build_schema())
            lock = ix.storage.lock("MAIN_WRITELOCK")
            if not lock.acquire(False):
                raise OSError(f"the new index in {gen} is locked by another process")
            segment_file = f"{ix.indexname}_"

            found = StreamedSegments()

            def commit(found) -> None:
                """A TOC listing the finished segments, their vocabulary and a manifest of their files."""
                names = {name for segment in found.segments for name in segment.list_files(ix.storage)}
                windex.TOC(ix.schema, list(found.segments), ix.latest_generation() + 1).write(ix.storage,
                                                                                            ix.indexname)
                vocabulary.write(ix.storage, found.forms, found.documents)
                self._write_manifest(gen, {"schema": SCHEMA_VERSION, "fingerprint": fingerprint,
                                           "complete": False, "articles": found.articles},
                                     leave_out=lambda name: name.startswith(segment_file) and name not in names)
                if self.current_dir() != gen:  # live from its first segment on (never empty: search works)
                    self._swap_to(gen)
                if on_commit is not None:
                    on_commit(len(found.articles))

            try:
                try:
                    index_while_cleaning(ix, source, commit, progress, early=early, nice=nice, found=found,
                                         read_all=read_all, growth=GROWTH if growth is None else growth)
                except OSError:  # a full disk: nothing half-written is kept (a build never made live goes)
                    if self.current_dir() == gen:
                        self.free_partial()
                    else:
                        shutil.rmtree(gen, ignore_errors=True)
                    raise
                toc = ix.storage  # every worker is done: no file is being written any more
                segments = ix._segments()
                windex.clean_files(toc, ix.indexname, ix.latest_generation(), segments)
                articles = {a.id: a.content_hash for a in source.articles}
                if articles != found.articles:
                    raise RuntimeError("the indexing processes indexed other articles than were read")
                self._write_manifest(gen, {"schema": SCHEMA_VERSION, "fingerprint": fingerprint,
                                           "complete": True, "articles": articles})
                if self.current_dir() != gen:
                    self._swap_to(gen)
            finally:
                lock.release()
        report.added = report.total = len(source.articles)
        report.seconds = time.perf_counter() - start
        return report

    def _build_in_memory(self, corpus: Corpus, report: SyncReport, progress: Progress | None,
                         exc: OSError | None) -> None:
        """The fallback when nothing can be written: the whole index in memory, for this session."""
        if exc is not None:
            where = f" ({exc.filename})" if exc.filename else ""
            reason = (f"cannot write the index in {self.root}: {exc.strerror or type(exc).__name__}{where}; "
                      "it is kept in memory and not saved")
            report.notices.append(reason)
            self.notices.append(reason)
            self.writable = False
        from sco_tui.index.writers import ListedLengthsWriter

        ix = _memory_storage().create_index(build_schema())
        writer = ListedLengthsWriter(ix)
        for n, article in enumerate(corpus, 1):
            writer.add_document(**document(article))
            if progress is not None and n % 500 == 0:
                progress(n, len(corpus))
        writer.commit()
        forms: dict[str, str] = {}
        documents: dict[str, int] = {}
        vocabulary.collect(writer.schema, forms, documents)
        vocabulary.write(ix.storage, forms, documents)
        if progress is not None:
            progress(len(corpus), len(corpus))
        report.added, report.removed = len(corpus), 0
        self.memory = ix

    @contextlib.contextmanager
    def _sync_lock(self, report: SyncReport) -> Iterator[None]:
        """One refresh of this corpus's index at a time, across processes: a second one waits, then
        finds the index current. The lock is the kernel's (``flock``): it dies with its holder."""
        try:
            import fcntl
        except ImportError:  # not on POSIX: Whoosh's own write lock is all there is
            yield
            return
        with (self.root / ".sync.lock").open("a+b") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waited = time.perf_counter()
                if self.on_wait is not None:
                    self.on_wait()
                fcntl.flock(fh, fcntl.LOCK_EX)
                report.notices.append(f"waited {time.perf_counter() - waited:.1f} s for another sco-tui "
                                      "indexing the same articles")
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _update(self, ix: Index, m: dict[str, Any], corpus: Corpus, fingerprint: dict[str, Any],
                report: SyncReport, progress: Progress | None, batch: int,
                should_stop: Callable[[], bool] | None) -> None:
        old: dict[str, str] = m.get("articles", {})
        new = {a.id: a.content_hash for a in corpus}
        stale = [i for i, h in old.items() if new.get(i) != h]
        fresh = [a for a in corpus if old.get(a.id) != a.content_hash]
        gen = self.current_dir()
        assert gen is not None
        if not stale and not fresh:
            if m.get("fingerprint") != fingerprint or not m.get("complete"):
                self._write_manifest(gen, {**m, "fingerprint": fingerprint, "complete": True})
            return
        from whoosh.index import LockError

        from sco_tui.index.writers import ListedLengthsWriter, share_forms

        try:
            writer = ListedLengthsWriter(ix, timeout=1.0)
        except LockError:
            self._build(corpus, fingerprint, report, progress, batch, should_stop,
                        "another process holds its write lock")
            return
        stale_ids = set(stale)
        committed = {i: h for i, h in old.items() if i not in stale_ids}
        self._forms, self._documents = vocabulary.read(ix.storage)
        share_forms(writer.schema, self._forms)
        for i in stale:
            writer.delete_by_term("id", i)
        report.removed = sum(1 for i in stale if i not in new)
        self._add(ix, writer, gen, fresh, committed, fingerprint, report, progress, batch, should_stop)

    def _build(self, corpus: Corpus, fingerprint: dict[str, Any], report: SyncReport,
               progress: Progress | None, batch: int, should_stop: Callable[[], bool] | None,
               reason: str | None) -> None:
        from whoosh import index as windex

        if reason:
            report.rebuilt = reason
            report.notices.append(f"index rebuilt: {reason}")
        gen = Path(tempfile.mkdtemp(prefix="gen-", dir=self.root))
        ix = windex.create_in(str(gen), build_schema())
        self._forms, self._documents = {}, {}
        self._write_manifest(gen, {"schema": SCHEMA_VERSION, "fingerprint": fingerprint,
                                   "complete": False, "articles": {}})
        self._swap_to(gen)  # an empty, valid index is live at once; batches fill it
        self._add(ix, self._writer(ix), gen, list(corpus), {}, fingerprint, report, progress, batch, should_stop)
        if report.added == len(corpus):
            self._merge_segments(ix, gen, report)

    def _writer(self, ix: Index, done: int = 0):
        if self.parallel and done > 0:  # the small first batch stays single: it is quick
            from sco_tui.index.parallel import VocabularyMpWriter

            return VocabularyMpWriter(ix, procs=2, limitmb=256)
        from sco_tui.index.writers import ListedLengthsWriter

        return ListedLengthsWriter(ix, forms=self._forms, limitmb=256)  # the forms stemmed so far, not again

    def _commit_vocabulary(self, ix: Index, writer) -> None:
        """Add what the writer saw to the index's vocabulary file (before the manifest records it)."""
        if hasattr(writer, "collect_vocabulary"):
            writer.collect_vocabulary(self._forms, self._documents)
        else:
            vocabulary.collect(writer.schema, self._forms, self._documents)
        vocabulary.write(ix.storage, self._forms, self._documents)

    def _add(self, ix: Index, writer, gen: Path, articles: list[Article], committed: dict[str, str],
             fingerprint: dict[str, Any], report: SyncReport, progress: Progress | None, batch: int,
             should_stop: Callable[[], bool] | None) -> None:
        done = 0
        # one process: batches that grow (search sees the first articles at once, and a build ends in few
        # segments); two processes: everything after the first batch in one pass, one segment each
        sizes = _sizes(len(articles), batch, parallel=self.parallel)
        for chunk in (c for c in _chunks(articles, sizes) if c):
            for n, article in enumerate(chunk, 1):
                writer.add_document(**document(article))
                committed[article.id] = article.content_hash
                if n % 500 == 0 and len(chunk) > batch:
                    if progress is not None:  # a long batch: say how far it got (committed at its end)
                        progress(done + n, len(articles))
                    if should_stop is not None and should_stop():
                        chunk = chunk[:n]  # what was added so far is committed below
                        break
            done += len(chunk)
            last = done == len(articles)
            stop = should_stop is not None and should_stop()
            writer.commit(merge=last or stop)
            self._commit_vocabulary(ix, writer)
            report.added += len(chunk)
            self._write_manifest(gen, {"schema": SCHEMA_VERSION, "fingerprint": fingerprint,
                                       "complete": last, "articles": committed})
            if progress is not None:
                progress(done, len(articles))
            if last or stop:
                return
            writer = self._writer(ix, done)
        if not articles:  # only deletions
            writer.commit()
            self._write_manifest(gen, {"schema": SCHEMA_VERSION, "fingerprint": fingerprint,
                                       "complete": True, "articles": committed})


    def _merge_segments(self, ix: Index, gen: Path, report: SyncReport) -> None:
        """Merge a finished index into one segment when it has more than ``MAX_SEGMENTS``.

        Matcher set-up per segment was ~44% of query time on a 62-segment build; one segment took
        p50 70 -> 39 ms and fuzzy 580 -> 78 ms. Searchers open meanwhile keep reading the old
        segments (Whoosh never rewrites a committed file) until they refresh."""
        from whoosh.index import LockError

        from sco_tui.index.writers import ListedLengthsWriter

        with ix.reader() as reader:
            segments = len(reader.leaf_readers())
        if segments <= MAX_SEGMENTS:
            return
        try:
            writer = ListedLengthsWriter(ix, timeout=1.0, limitmb=256)
        except LockError:
            report.notices.append(f"index left in {segments} segments: another process holds its write lock")
            return
        writer.commit(optimize=True)
        if (m := self.manifest()) is not None:  # record the merged files, or the next open calls it damaged
            self._write_manifest(gen, {k: v for k, v in m.items() if k != "files"})


def _memory_storage():
    """Whoosh storage wholly in memory: its writer's scratch files too (Whoosh would put those in the
    temporary folder, which may be just as unwritable as the cache)."""
    from whoosh.filedb.filestore import RamStorage

    class MemoryStorage(RamStorage):
        def temp_storage(self, name: str | None = None) -> RamStorage:
            return RamStorage()

    return MemoryStorage()


PARALLEL_FROM = 1000  # articles: below this a second process costs more than it saves


def _can_fork() -> bool:
    """Two index processes need two cores, the fork start method (Whoosh's MpWriter relies on it)
    and no other thread in this process (forking a threaded process can deadlock the child)."""
    import multiprocessing
    import threading

    return ((os.cpu_count() or 1) >= 2 and multiprocessing.get_start_method(allow_none=False) == "fork"
            and threading.active_count() == 1)


def _is_locked(gen: Path) -> bool:
    """True while some writer (in any process) holds the write lock of a generation."""
    from whoosh.filedb.filestore import FileStorage

    with contextlib.suppress(OSError):  # the folder went away meanwhile, or cannot be written: leave it be
        lock = FileStorage(str(gen)).lock("MAIN_WRITELOCK")
        if lock.acquire(False):
            lock.release()
            return False
    return True


def _sizes(total: int, batch: int, parallel: bool, first: int = 100) -> list[int]:
    """Batch sizes: a small first batch (search works within seconds), then ``batch``, doubling
    each time (one process), or all the rest at once (two processes)."""
    sizes = [min(first, batch)]
    if parallel:
        return [*sizes, total]
    size = batch
    while sum(sizes) < total:
        sizes.append(size)
        size *= 2
    return sizes


def _chunks(items: list[Article], sizes: list[int]) -> Iterable[list[Article]]:
    start = 0
    for size in sizes:
        yield items[start:start + size]
        start += size
