"""PostgreSQL full-text search behind sco-tui's backend protocol.

One connection per backend, used by one thread at a time. Loading copies each batch of articles
with ``COPY`` in a transaction of its own, so searches (in any process) see every committed batch
and never half of one. Every failure of the server or the connection becomes one BackendError line.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb

from sco_tui.corpus.model import Article, Corpus
from sco_tui.index.analysis import fold, nothing_left, search_text
from sco_tui.index.api import BackendError, Hit, Progress, QueryError, SearchResult, Span, SyncReport
from sco_tui.index.postgres.render import Plan, Test, all_terms, render, tests
from sco_tui.index.postgres.schema import ENGLISH, FOLDED, FROM_INCOMING, INCOMING, migrate
from sco_tui.index.query import finished_words, parse, replace_word, suggestable_words
from sco_tui.index.snippets import snippets

START, STOP = "\ue000", "\ue001"  # private-use marks around highlighted words (never in cleaned text)
_HEADLINE = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"
_UNSAFE = re.compile("[\x00\ud800-\udfff]")  # what PostgreSQL text cannot hold: replaced, length kept
#: ``search_text`` of bodies loaded before it was stored (schema 2): the ones highlighted last (~10 ms a long body)
_read = lru_cache(maxsize=64)(search_text)
_CONFIGS = {"english": ENGLISH, "simple": FOLDED}  # a test's highlight -> the configuration that marks it
COLUMNS = ("corpus", "id", "outlet", "title", "date", "url", "body", "hash")


class PostgresBackend:
    """The articles of one corpus (``key``) in a PostgreSQL database shared with other corpora."""

    name = "postgres"

    def __init__(self, url: str, key: str) -> None:
        self.url = url
        self.key = key
        self.notices: list[str] = []
        self._conn: psycopg.Connection | None = None
        self._lock = threading.RLock()
        self.extensions: set[str] = set()
        self.where = describe(url)

    # -- connection --------------------------------------------------------------------
    def connection(self) -> psycopg.Connection:
        """The searching connection (a new one after the old one broke), with the schema in place."""
        with self._lock:
            if self._conn is not None and not self._conn.closed and not self._conn.broken:
                return self._conn
            if self._conn is not None:
                self._conn.close()
            self._conn = None
            self._conn = self._open()
            return self._conn

    def _open(self) -> psycopg.Connection:
        """A new connection, the schema created or migrated, the extensions in place."""
        info = conninfo_to_dict(self.url) if "://" in self.url or "=" in self.url else {}
        extra = {} if "connect_timeout" in info else {"connect_timeout": 10}
        try:
            conn = psycopg.connect(self.url, autocommit=True, **extra)
        except psycopg.Error as exc:
            raise BackendError(f"cannot connect to PostgreSQL ({self.where}): {_reason(exc)}") from None
        conn.add_notice_handler(lambda _diag: None)  # "only stop words" notices: handled ourselves
        try:
            with self._guard("setting up the database"):
                self.extensions = migrate(conn)
                ctype = conn.execute("SELECT datctype FROM pg_database WHERE datname = current_database()").fetchone()
        except BackendError:
            conn.close()
            raise
        notice = (f"database {conn.info.dbname} has the C locale: PostgreSQL then reads curly quotes and accents "
                  "as letters; create it with a UTF-8 locale (e.g. C.UTF-8)")
        if ctype and ctype[0] in ("C", "POSIX") and notice not in self.notices:
            self.notices.append(notice)
        return conn

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Any psycopg failure in the block as one BackendError line (the transaction is rolled back)."""
        try:
            yield
        except BackendError:
            raise
        except psycopg.errors.QueryCanceled as exc:
            raise BackendError(f"PostgreSQL cancelled {action}: {_reason(exc)} ({self.where})") from None
        except psycopg.OperationalError as exc:
            raise BackendError(f"lost PostgreSQL during {action}: {_reason(exc)} ({self.where})") from None
        except psycopg.Error as exc:
            raise BackendError(f"PostgreSQL failed during {action}: {_reason(exc)} ({self.where})") from None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- loading -----------------------------------------------------------------------
    def is_current(self, fingerprint: dict[str, Any]) -> bool:
        with self._lock, self._guard("checking the index"):
            row = self.connection().execute(
                "SELECT complete AND fingerprint = %s FROM sco_corpora WHERE corpus = %s",
                (Jsonb(fingerprint), self.key)).fetchone()
            return bool(row and row[0])

    def sync(self, corpus: Corpus, fingerprint: dict[str, Any], progress: Progress | None = None, *,
             batch: int = 500, should_stop: Callable[[], bool] | None = None) -> SyncReport:
        """Add, replace and delete articles by content hash, a committed batch at a time. Another
        connection loading the same corpus is waited for (then little is left to do)."""
        start = time.perf_counter()
        report = SyncReport(total=len(corpus), notices=list(self.notices))
        conn = self._open()  # a connection of its own: searches go on while it loads
        try:
            with self._guard("loading articles"):
                conn.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (f"sco-tui corpus {self.key}",))
                self._sync(conn, corpus, fingerprint, report, progress, batch, should_stop)
        finally:
            conn.close()  # which also releases the advisory lock
        report.seconds = time.perf_counter() - start
        return report

    def _sync(self, conn: psycopg.Connection, corpus: Corpus, fingerprint: dict[str, Any], report: SyncReport,
              progress: Progress | None, batch: int, should_stop: Callable[[], bool] | None) -> None:
        old = dict(conn.execute("SELECT id, hash FROM sco_articles WHERE corpus = %s", (self.key,)).fetchall())
        latest = {a.id: a for a in corpus}
        gone = [i for i in old if i not in latest]
        fresh = [a for a in latest.values() if old.get(a.id) != a.content_hash]
        with conn.transaction():
            conn.execute("INSERT INTO sco_corpora (corpus, fingerprint, complete) VALUES (%s, %s, false) "
                         "ON CONFLICT (corpus) DO UPDATE SET complete = false, updated = now()",
                         (self.key, Jsonb(fingerprint)))
            if gone:
                conn.execute("DELETE FROM sco_articles WHERE corpus = %s AND id = ANY(%s)", (self.key, gone))
            if not fresh:
                self._mark(conn, fingerprint, True)
        report.removed = len(gone)
        done = 0
        for chunk in _chunks(fresh, batch):
            done += len(chunk)
            last = done == len(fresh)
            with conn.transaction():
                replaced = [a.id for a in chunk if a.id in old]
                if replaced:
                    conn.execute("DELETE FROM sco_articles WHERE corpus = %s AND id = ANY(%s)", (self.key, replaced))
                conn.execute(INCOMING)
                with conn.cursor() as cur, cur.copy(f"COPY sco_incoming ({', '.join(COLUMNS)}, title_search, "
                                                    "body_search) FROM STDIN") as copy:
                    for article in chunk:
                        row = self._row(article)
                        copy.write_row((*row, search_text(row[3]), search_text(row[6])))
                conn.execute(FROM_INCOMING)
                conn.execute("INSERT INTO sco_terms (corpus, word) SELECT DISTINCT %s, w FROM sco_articles a, "
                             "unnest(tsvector_to_array(a.plain)) w WHERE a.corpus = %s AND a.id = ANY(%s) "
                             "ON CONFLICT DO NOTHING", (self.key, self.key, [a.id for a in chunk]))
                self._mark(conn, fingerprint, last)
            report.added += len(chunk)
            if progress is not None:
                progress(done, len(fresh))
            if not last and should_stop is not None and should_stop():
                return

    def _mark(self, conn: psycopg.Connection, fingerprint: dict[str, Any], complete: bool) -> None:
        conn.execute("UPDATE sco_corpora SET fingerprint = %s, complete = %s, updated = now() WHERE corpus = %s",
                     (Jsonb(fingerprint), complete, self.key))

    def _row(self, a: Article) -> tuple[str | None, ...]:
        return (self.key, _safe(a.id), _safe(a.outlet_name), _safe(a.title), a.date.value or None,
                _safe(a.url) if a.url else None, _safe(a.body), a.content_hash)

    def drop(self) -> None:
        """Forget this corpus (its articles, words and state); other corpora are untouched."""
        with self._lock, self._guard("dropping the corpus"):
            conn = self.connection()
            with conn.transaction():
                for table in ("sco_articles", "sco_terms", "sco_corpora"):
                    conn.execute(f"DELETE FROM {table} WHERE corpus = %s", (self.key,))

    # -- searching ---------------------------------------------------------------------
    def search(self, text: str, *, limit: int = 20, live: bool = False,
               only_ids: Collection[str] | None = None, outlet: str | None = None) -> SearchResult:
        tree, norm = parse(text, live=live)
        with self._lock, self._guard("the search"):
            conn = self.connection()
            with conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                plan = self._plan(conn, tree, text)
                where, params = f"a.corpus = %s AND {plan.where}", [self.key, *plan.params]
                if only_ids is not None:
                    where, params = f"{where} AND a.id = ANY(%s)", [*params, list(only_ids)]
                if outlet:
                    where, params = f"{where} AND a.outlet = %s", [*params, outlet]
                counts = conn.execute(f"SELECT a.outlet, count(*) FROM sco_articles a WHERE {where} GROUP BY a.outlet",
                                      params).fetchall()
                rank = f"ts_rank(a.doc, {plan.rank})" if plan.rank else "0.0"
                rows = conn.execute(
                    f"SELECT a.id, a.outlet, a.title, a.date, {rank} AS score, a.body, a.body_search "
                    f"FROM sco_articles a WHERE {where} ORDER BY score DESC, a.id LIMIT %s",
                    [*plan.rank_params, *params, limit]).fetchall()
                spans = self._spans(conn, plan.highlights, [_searched(r[5], r[6]) for r in rows])
                by_outlet = dict(sorted(((o, int(n)) for o, n in counts), key=lambda kv: (-kv[1], kv[0].lower())))
                total = sum(by_outlet.values())
                finished = finished_words(text) if live else norm
                suggestion = None
                if finished and (total == 0 or self._unknown(conn, finished)):
                    suggestion = self._suggest(conn, finished)
                    if suggestion and live and finished != norm:
                        suggestion = suggestion + norm[len(finished):]
        hits = tuple(Hit(id=i, outlet=o, title=t, date=d or None, score=float(s), snippets=snippets(body, sp),
                         spans=tuple(sp)) for (i, o, t, d, s, body, _stored), sp in zip(rows, spans, strict=True))
        return SearchResult(query=norm, total=total, hits=hits, by_outlet=by_outlet, suggestion=suggestion,
                            notices=tuple(dict.fromkeys(plan.notices)))

    def spans(self, article_id: str, text: str) -> tuple[Span, ...]:
        """Where the query's terms match in one article's body (empty when it is not in the index)."""
        tree, _norm = parse(text)
        with self._lock, self._guard("highlighting"):
            conn = self.connection()
            with conn.transaction():
                plan = self._plan(conn, tree, text)
                row = conn.execute("SELECT body, body_search FROM sco_articles WHERE corpus = %s AND id = %s",
                                   (self.key, article_id)).fetchone()
                return tuple(self._spans(conn, plan.highlights, [_searched(*row)])[0]) if row else ()

    def _plan(self, conn: psycopg.Connection, tree, text: str) -> Plan:
        """The SQL of a query tree, with fuzzy terms expanded and stop-word-only terms dropped."""
        notices: list[str] = []
        terms = all_terms(tree)
        fuzzy = self._fuzzy(conn, [t for t in terms if t.kind == "fuzzy"], notices)
        checks = [t for term in terms for t in tests(term, fuzzy, notices) if t.vector != "sql"]
        alive: dict[Test, bool] = {}
        if checks:
            sql = ", ".join(f"numnode({t.tsquery}) > 0" for t in checks)
            row = conn.execute(f"SELECT {sql}", [p for t in checks for p in t.params]).fetchone()
            alive = dict(zip(checks, row, strict=True))
        plan = render(tree, alive, fuzzy, notices)
        if plan is None:
            raise QueryError(nothing_left(text))
        return plan

    def _fuzzy(self, conn: psycopg.Connection, terms: list, notices: list[str]) -> dict:
        """The body's words within each fuzzy term's edits (its first letters fixed), as Whoosh finds them."""
        if not terms:
            return {}
        if "fuzzystrmatch" not in self.extensions:
            notices.append("fuzzy terms need the fuzzystrmatch extension, which this PostgreSQL lacks: "
                           + ", ".join(t.syntax() for t in terms) + " searched as typed")
            return {}
        out = {}
        for term in terms:
            word = fold(term.text)
            head = word[:max(1, term.prefixlength)]
            trgm = "pg_trgm" in self.extensions and len(word) > 3
            if trgm:
                conn.execute("SET LOCAL pg_trgm.similarity_threshold = 0.2")
            rows = conn.execute(
                "SELECT word FROM (SELECT word, levenshtein_less_equal(word, %s, %s) AS d FROM sco_terms "
                "WHERE corpus = %s AND word LIKE %s AND word <> %s" + (" AND word %% %s" if trgm else "")
                + ") w WHERE d <= %s ORDER BY word",
                [word, term.maxdist, self.key, _like(head), word, *([word] if trgm else []), term.maxdist]).fetchall()
            out[term] = [word, *(r[0] for r in rows)]
        return out

    def _spans(self, conn: psycopg.Connection, highlights: list[Test], read: list[str]) -> list[list[Span]]:
        """The body spans of every highlighted word, from ts_headline over each body as its vectors were made
        (``read``: ``search_text``, the same offsets); a phrase marks its occurrences only, each as one span
        (as on Whoosh), unless its words are asked for alone."""
        if not read:
            return []
        out: list[set[Span]] = [set() for _ in read]
        for config in ("english", "simple"):
            chosen = [t for t in highlights if t.highlight == config]
            words = [t for t in chosen if not t.phrase]
            if words:
                for found, (marks, _shape) in zip(out, self._headline(conn, config, words, read), strict=True):
                    found.update(marks)
            for phrase in (t for t in chosen if t.phrase):
                for found, text, (marks, shape) in zip(out, read, self._headline(conn, config, [phrase], read),
                                                       strict=True):
                    found.update(_phrase_spans(text, marks, shape))
        return [sorted(s) for s in out]

    def _headline(self, conn: psycopg.Connection, config: str, chosen: list[Test],
                  read: list[str]) -> list[tuple[list[Span], str]]:
        """Per body (``read``: as ``search_text`` gives it): the spans ts_headline marks for the words of
        ``chosen``, and the query's shape."""
        words = " || ".join(t.tsquery for t in chosen)
        rows = conn.execute(
            f"SELECT ts_headline('{_CONFIGS[config]}'::regconfig, b, q, %s), shape "
            "FROM unnest(%s::text[]) WITH ORDINALITY u(b, n), "
            f"(SELECT to_tsquery('simple'::regconfig, regexp_replace(({words})::text, "
            f"'<[0-9-]+>|&', '|', 'g')) AS q, ({words})::text AS shape) h ORDER BY n",
            [_HEADLINE, read, *(p for t in chosen for p in t.params),
             *(p for t in chosen for p in t.params)]).fetchall()
        return [(list(_marks(marked)), shape) for marked, shape in rows]

    def _unknown(self, conn: psycopg.Connection, text: str) -> bool:
        words = [fold(w) for w in suggestable_words(text)]
        if not words:
            return False
        row = conn.execute("SELECT count(DISTINCT word) FROM sco_terms WHERE corpus = %s AND word = ANY(%s)",
                           (self.key, words)).fetchone()
        return bool(row and row[0] < len(set(words)))

    def _suggest(self, conn: psycopg.Connection, text: str) -> str | None:
        """'Did you mean': each word unknown to the bodies replaced by its likeliest known spelling
        (closest first, then most common; same first letters; 1 edit for short words, 2 for long)."""
        if "fuzzystrmatch" not in self.extensions:
            return None
        out, changed = text, False
        for word in suggestable_words(text):
            low = fold(word)
            if conn.execute("SELECT 1 FROM sco_terms WHERE corpus = %s AND word = %s", (self.key, low)).fetchone():
                continue
            maxdist, fixed = (1, 1) if len(low) < 6 else (2, 2)
            pattern = _like(low[:fixed])
            trgm = " AND word %% %s" if "pg_trgm" in self.extensions else ""
            if trgm:
                conn.execute("SET LOCAL pg_trgm.similarity_threshold = 0.2")
            rows = conn.execute(
                "SELECT word, d, (SELECT count(*) FROM sco_articles a WHERE a.corpus = %s "
                "AND a.plain @@ plainto_tsquery('simple'::regconfig, word)) AS n FROM ("
                "SELECT word, levenshtein_less_equal(word, %s, 3) AS d FROM sco_terms "
                f"WHERE corpus = %s AND word LIKE %s AND length(word) >= 3{trgm}) c WHERE d <= %s",
                [self.key, low, self.key, pattern, *([low] if trgm else []), maxdist]).fetchall()
            best = min(((d, -n, w) for w, d, n in rows if n > 0), default=None)
            if best:
                out, changed = replace_word(out, word, best[2]), True
        return out if changed else None


def _phrase_spans(read: str, marks: list[Span], shape: str) -> set[Span]:
    """One span per occurrence of a phrase: its words' marks one after another, with as many words
    between them as the phrase's distances allow (``'special' <-> 'militari'``, ``'state' <2> 'california'``)."""
    if re.search(r"[&|()!]", shape):  # not a plain phrase (a hyphenated word in it): every word marked
        return set(marks)
    gaps = [1 if d == "-" else int(d) for d in re.findall(r"<(\d+|-)>", shape)]
    if not gaps:
        return set(marks)
    spans = set()
    marks = sorted(marks)  # the words between two of a phrase's counted in ``read``, as PostgreSQL counted them
    for i in range(len(marks) - len(gaps)):
        if all(len(re.findall(r"\w+", read[marks[i + k][1]:marks[i + k + 1][0]])) == gaps[k] - 1
               for k in range(len(gaps))):
            spans.add((marks[i][0], marks[i + len(gaps)][1]))
    return spans


def _marks(marked: str) -> Iterable[Span]:
    """The spans between START and STOP in a ts_headline text, as offsets in the unmarked text."""
    pos = 0
    start = None
    for piece in re.split(f"([{START}{STOP}])", marked):
        if piece == START:
            start = pos
        elif piece == STOP:
            if start is not None and pos > start:
                yield (start, pos)
            start = None
        else:
            pos += len(piece)


def _searched(body: str, stored: str | None) -> str:
    """A body as its vectors were made: stored beside it since schema 3, made again for older rows."""
    return stored if stored is not None else _read(_safe(body))


def _like(head: str) -> str:
    """A LIKE pattern for words starting with ``head``."""
    return head.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _safe(text: str) -> str:
    return _UNSAFE.sub("\ufffd", text)


def _reason(exc: BaseException) -> str:
    """The telling part of a psycopg message, on one line."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = text.removeprefix("connection failed: ")
    if " failed: " in text:
        text = text.rsplit(" failed: ", 1)[1]
    text = re.sub(r"^(FATAL|ERROR):\s*", "", text)
    return re.sub(r"\s*Is the server running\b.*$", "; is the server running?", text)


def describe(url: str) -> str:
    """Where a database URL points, without its password."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:
        return "an unreadable database URL"
    host = info.get("host") or "the local socket"
    port = info.get("port") or "5432"
    return f"{info.get('user', '') + '@' if info.get('user') else ''}{host}:{port}/{info.get('dbname', '')}"


def _chunks(items: list[Article], size: int, first: int = 100) -> Iterable[list[Article]]:
    """A small first batch (search works within seconds), then ``size`` at a time."""
    start = min(first, size)
    if items[:start]:
        yield items[:start]
    for i in range(start, len(items), size):
        yield items[i:i + size]

