"""A full build on two cores: Whoosh's multiprocess writer, keeping one segment per process, that
also brings back the vocabulary each process saw.

Each writer process analyses its documents with its own copy of the schema, so the surface forms
it records (``OnePassCharacters.vocabulary``) would die with it: each writes them to a file in a
folder of the parent's before it exits, and the parent reads them after the commit.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from whoosh.multiproc import MpWriter, SubWriterTask

from sco_tui.index import vocabulary


class _Task(SubWriterTask):
    def __init__(self, folder: str, *args) -> None:
        super().__init__(*args)
        self.folder = folder

    def run(self) -> None:
        """``SubWriterTask.run`` (multisegment) with a ``ListedLengthsWriter``, then the vocabulary."""
        from sco_tui.index.writers import ListedLengthsWriter

        ix = self.storage.open_index(self.indexname)
        writer = self.writer = ListedLengthsWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            jobinfo = self.jobqueue.get()
            if jobinfo is None:
                break
            self._process_file(*jobinfo)
        if not self.running:
            writer.cancel()
            return
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        forms: dict[str, str] = {}
        documents: dict[str, int] = {}
        vocabulary.collect(writer.schema, forms, documents)
        out = Path(self.folder) / f"{os.getpid()}.json"
        out.write_text(json.dumps([forms, documents], ensure_ascii=False), encoding="utf-8")
        self.resultqueue.put((None, fieldnames, segment), timeout=5)


class VocabularyMpWriter(MpWriter):
    """``MpWriter(procs, multisegment=True)``; ``collect_vocabulary`` adds what its processes saw."""

    def __init__(self, ix, procs: int = 2, **kwargs) -> None:
        from sco_tui.index.codec import PackedCodec

        if kwargs.get("codec") is None:
            kwargs["codec"] = PackedCodec()  # its processes' writers too (their arguments are these)
        super().__init__(ix, procs=procs, multisegment=True, **kwargs)
        self.folder = tempfile.mkdtemp(prefix="sco-tui-vocab-")

    def _new_task(self):
        task = _Task(self.folder, self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                     self.multisegment)
        self.tasks.append(task)
        task.start()
        return task

    def collect_vocabulary(self, forms: dict[str, str], documents: dict[str, int]) -> None:
        """After the commit: the forms and stem counts every writer process saw, then the folder goes."""
        try:
            for path in sorted(Path(self.folder).glob("*.json")):
                child_forms, child_documents = json.loads(path.read_text(encoding="utf-8"))
                forms.update(child_forms)
                for stem, n in child_documents.items():
                    documents[stem] = documents.get(stem, 0) + n
            vocabulary.collect(self.schema, forms, documents)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def cancel(self) -> None:
        try:
            super().cancel()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


# -- cleaning and indexing at once ------------------------------------------------------------
#: Records per batch a worker cleans; batches in flight per worker (bounds memory, keeps it busy).
BATCH = 64
IN_FLIGHT = 3
#: With ``early``, each worker's segments hold ``early``, ``early * GROWTH``, ``early * GROWTH**2``...
#: articles (then the rest): search sees a share of what was indexed at any time, in O(log n)
#: segments per worker, and each article is written once (no segment is rewritten). 16, not 4: the
#: segments stay after the build, and each costs every later search its set-up (on the full set,
#: 10 segments at 4 searched 1.2-1.5x slower than 4 segments at p95); at 16 the full set gets
#: 150, 2,400 and the rest per worker (6 segments), searchable at 300, 4,800 and all.
GROWTH = 16


class StreamedSegments:
    """What ``index_while_cleaning`` reports as it goes: each segment a worker finished, with the
    ids and content hashes of its articles and the vocabulary seen so far."""

    def __init__(self) -> None:
        self.segments: list = []
        self.articles: dict[str, str] = {}
        self.forms: dict[str, str] = {}
        self.documents: dict[str, int] = {}

    def add(self, worker: int, segment, articles: list[tuple[str, str]], forms: dict[str, str],
            documents: dict[str, int]) -> None:
        """A segment with the forms its worker had not sent before and its own stem counts."""
        self.segments.append(segment)
        self.articles.update(articles)
        self.forms.update(forms)
        total = self.documents
        for stem, n in documents.items():
            total[stem] = total.get(stem, 0) + n


def index_while_cleaning(ix, source, on_segment, progress=None, workers: int = 2, early: int = 0,
                         nice: int = 0, found: StreamedSegments | None = None, read_all=None,
                         growth: int = GROWTH) -> None:
    """Clean the records of ``source`` (a ``corpus.load.Source``) and index them, in ``workers``
    forked processes that each clean batches and index what the gate lets through into segments
    of their own; the parent reads the records and passes the cleaned articles through
    ``source.take`` in input order, so the articles, their order, ids and problems are those
    ``load_corpus`` gives, and every article is indexed exactly once, as it would be alone.

    ``on_segment(StreamedSegments)`` is called (in this process) each time a worker finishes a
    segment: when ``early`` > 0, after its first ``early`` articles (search can start), then after
    each ``growth`` times as many as its last segment held (``early * growth``, ``early * growth**2``...:
    search grows with the index), and at the end. ``read_all()``: once every article passed the
    gate, while the workers finish their segments. The caller holds the index's write lock and
    commits. No threads run in this process (workers are forked first); each worker drains its pipe
    with a thread so neither side blocks on a full pipe."""
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    conns, procs = [], []
    for w in range(workers):
        mine, theirs = context.Pipe()
        proc = context.Process(target=_worker, args=(theirs, ix, source.metadata, w, early, nice, growth),
                                  daemon=True)
        proc.start()
        theirs.close()
        conns.append(mine)
        procs.append(proc)
    found = found if found is not None else StreamedSegments()
    try:
        _feed(source, conns, found, on_segment, progress, wait, read_all)
    finally:
        for proc in procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
                proc.join()
        for conn in conns:
            conn.close()


def _feed(source, conns, found: StreamedSegments, on_segment, progress, wait, read_all) -> None:
    import itertools

    records = iter(source.records)
    in_flight = [0] * len(conns)
    owner: dict[int, int] = {}
    cleaned: dict[int, list] = {}
    sent = gated = indexed = 0
    exhausted = ended = False
    running = set(range(len(conns)))
    while running:
        while not exhausted and min(in_flight) < IN_FLIGHT:
            batch = list(itertools.islice(records, BATCH))
            if not batch:
                exhausted = True
                break
            w = in_flight.index(min(in_flight))
            conns[w].send(("clean", sent, batch))
            owner[sent] = w
            in_flight[w] += 1
            sent += 1
        if exhausted and gated == sent and not ended:
            for conn in conns:
                conn.send(("end",))
            ended = True
            if read_all is not None:
                read_all()
        for conn in wait([conns[w] for w in running]):
            w = conns.index(conn)
            try:
                message = conn.recv()
            except EOFError:
                raise RuntimeError(f"indexing process {w} ended unexpectedly") from None
            kind = message[0]
            if kind == "cleaned":
                cleaned[message[1]] = message[2]
                in_flight[w] -= 1
                while gated in cleaned:  # the gate takes batches in input order, whoever cleaned them
                    verdict = []
                    for article in cleaned.pop(gated):
                        kept = source.take(article)
                        verdict.append(None if kept is None else kept.id)
                        indexed += kept is not None
                    conns[owner.pop(gated)].send(("index", gated, verdict))
                    gated += 1
                if progress is not None:
                    progress(indexed, 0)
            elif kind == "segment":
                found.add(w, *message[2:])
                on_segment(found)
            elif kind == "done":
                running.discard(w)
            elif kind == "error":
                if len(message) > 2 and message[2]:  # the machine said no (a full disk): said as such
                    raise OSError(message[2], message[3], message[4])
                raise RuntimeError(f"indexing process {w} failed: {message[1]}")


def _worker(conn, ix, metadata, number: int, early: int, nice: int, growth: int) -> None:
    """One worker: clean the batches it is sent, index the articles the gate keeps, report its
    segments (``early`` articles, then ``growth`` times the last, until the end). Runs in a forked
    process; ends with ``os._exit``."""
    import itertools
    import queue
    import threading
    import traceback
    from dataclasses import replace

    from sco_tui.corpus.load import _default_sigterm, build_article
    from sco_tui.index.schema import document
    from sco_tui.index.writers import ListedLengthsWriter

    _default_sigterm()  # the parent's "stopped" line is the parent's to print
    if nice:
        os.nice(nice)
    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def drain() -> None:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                inbox.put(None)
                return
            inbox.put(message)
            if message[0] == "end":
                return

    threading.Thread(target=drain, daemon=True).start()
    status = 1
    try:
        storage = ix.storage
        _private_scratch(storage, ix.indexname)
        ix = storage.open_index(ix.indexname)
        pending: dict[int, list] = {}
        in_segment: list[tuple[str, str]] = []
        forms: dict[str, str] = {}  # every form this process stemmed: each writer's memo (see ``share_forms``)
        sent = 0  # how many of them the parent has
        writer = ListedLengthsWriter(ix, forms=forms, _lk=False, limitmb=256)

        def finish(writer) -> None:
            """The segment, with the forms first seen in it (``forms`` only grows, in insertion
            order) and its stem counts: what a commit adds, not all so far (a full set's vocabulary
            is megabytes, and there is a commit per segment)."""
            nonlocal sent
            segment = writer._finalize_segment()
            counts: dict[str, int] = {}
            vocabulary.collect(writer.schema, forms, counts)
            new_forms = dict(itertools.islice(forms.items(), sent, None))
            sent = len(forms)
            conn.send(("segment", number, segment, list(in_segment), new_forms, counts))
            in_segment.clear()

        split = early
        while (message := inbox.get()) is not None:
            kind = message[0]
            if kind == "clean":
                articles = [build_article(r, metadata.get(r.id)) for r in message[2]]
                pending[message[1]] = articles
                conn.send(("cleaned", message[1], articles))
            elif kind == "index":
                for article, kept in zip(pending.pop(message[1]), message[2], strict=True):
                    if kept is None:
                        continue
                    if kept != article.id:
                        article = replace(article, id=kept)
                    writer.add_document(**document(article))
                    in_segment.append((article.id, article.content_hash))
                    if split and len(in_segment) >= split:
                        finish(writer)
                        split *= growth
                        writer = ListedLengthsWriter(ix, forms=forms, _lk=False, limitmb=256)
            elif kind == "end":
                if in_segment:
                    finish(writer)
                else:
                    writer.cancel()
                _drop_scratch(storage)
                conn.send(("done",))
                status = 0
                break
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        # one line, for the one line the user sees: the error and where it happened, never a traceback
        where = traceback.extract_tb(exc.__traceback__)[-1:]
        at = f" (at {Path(where[0].filename).name}:{where[0].lineno})" if where else ""
        os_error = (exc.errno, exc.strerror, exc.filename) if isinstance(exc, OSError) else (None, None, None)
        with contextlib.suppress(OSError, ValueError):
            conn.send(("error", f"{type(exc).__name__}: {exc}{at}", *os_error))
    finally:
        os._exit(status)


def _private_scratch(storage, indexname: str) -> None:
    """Whoosh names every writer's scratch folder ``MAIN.tmp`` and removes it whole when a writer ends:
    two processes writing into one generation removed each other's column files (a 3 MB article beside
    a short one failed the build). Each process gets a scratch folder of its own."""
    make = storage.temp_storage
    storage.temp_storage = lambda name=None: make(f"{indexname}.{os.getpid()}.tmp")


def _drop_scratch(storage) -> None:
    """The process's scratch folder, once its last segment is written (Whoosh leaves it otherwise)."""
    with contextlib.suppress(OSError):
        storage.temp_storage().destroy()

