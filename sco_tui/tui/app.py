"""The Textual app: article list, search-as-you-type hits and a reader, all from the keyboard.

Everything slow (reading the corpus, importing Whoosh, indexing, searching) runs in thread
workers that post messages back; the first paint waits for none of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.events import DescendantFocus, Event, InputEvent, Paste, Resize
from textual.screen import Screen
from textual.widgets import Header, Input, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from sco_tui.corpus.model import Article, Corpus
from sco_tui.tui import settings
from sco_tui.tui.comparing import CompareActions
from sco_tui.tui.frame_hold import FrameHold
from sco_tui.tui.idle_gc import IdleCollector, release_young_collections, set_aside_imports
from sco_tui.tui.messages import ArticleSpans, CorpusLoaded, IndexCovered, IndexProgress, IndexReady, SearchDone
from sco_tui.tui.search_queue import SearchQueue
from sco_tui.tui.widgets.article_list import ArticleList
from sco_tui.tui.widgets.hit_list import HitList, HitOptions
from sco_tui.tui.widgets.key_footer import KeyFooter
from sco_tui.tui.widgets.outlet_facet import OutletFacet
from sco_tui.tui.widgets.reader import Reader
from sco_tui.tui.widgets.search_bar import SearchBar
from sco_tui.view.hints import search_hint
from sco_tui.view.plural import counted

NARROW = 110  # below this many columns the panes take turns
PARTS_AFTER = 0.3  # seconds: the hits and the reader when the list is not in the first frame (see _mount_parts)
MIN_SIZE = (50, 14)
STOPPED = 143  # the exit status after SIGTERM (128 + 15), as a shell reports a process the signal ended
PANES = ("articles", "hits", "reader")
HIT_LIMIT = 20  # hits shown at first; "more" adds as many again
#: From cold, the list is shown when this many articles are read, then each time the number doubles
#: up to ``LISTED_MOST`` (showing 8k rows holds the screen ~0.15 s), then once they are all cached.
LISTED_FIRST, LISTED_MOST = 500, 8_192
PROGRESS_EVERY = 0.25  # seconds: a build that reads and indexes at once reports every 64 articles
# While typing, the hits that fill the list come first; the rest of the HIT_LIMIT (below the list's
# end, and the "more" line) when typing pauses this long, or at once when the search box is left.
REST_AFTER = 0.25


def pane_tabs(pane: str) -> Text:
    """The line above the panes when they take turns: which one is shown."""
    tabs = Text("  ")
    for name in PANES:
        tabs.append(f" {name.capitalize()} ", style="bold reverse" if name == pane else "dim")
        tabs.append(" ")
    tabs.append("  tab: next pane", style="dim")
    return tabs


class Explorer(Screen):
    """The explorer's screen: the article list has the focus from the start (one footer, not two)."""

    AUTO_FOCUS = "#articles"


class ScoApp(CompareActions, App[None]):
    """sco-tui's explorer over one corpus."""

    CSS_PATH = "app.tcss"
    TITLE = "sco-tui"
    SUB_TITLE = "how outlets framed the same event"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="app.help", tooltip="All keys"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave sco-tui"),
        Binding("ctrl+z", "suspend_process", "Suspend", show=False, id="app.suspend",
                tooltip="Back to the shell (fg returns), as in other terminal programs"),
        Binding("slash", "focus_search", "Search", id="app.search", priority=True,
                tooltip="Type a query; hits update as you type"),
        # enter in the search box, handled as the key arrives (a priority binding) rather than by the
        # box's Submitted message: a second fast enter, already queued, then reaches the hits
        Binding("enter", "submit_search", "Search", show=False, priority=True, id="app.submit_search",
                tooltip="In the search box: save the query to the history and go to the hits"),
        Binding("escape", "back", "Back", id="app.back", tooltip="Leave the search box, the reader or a dialog"),
        Binding("n", "match(1)", "Next match", id="app.next_match", tooltip="Next match of the query in the reader"),
        Binding("N", "match(-1)", "Prev match", key_display="N", id="app.previous_match",
                tooltip="Previous match of the query in the reader"),
        Binding("tab", "pane(1)", "Next pane", show=False, id="app.next_pane",
                tooltip="Search, outlet filter, articles, hits, reader in turn"),
        Binding("shift+tab", "pane(-1)", "Previous pane", show=False, id="app.previous_pane",
                tooltip="The same, backwards"),
        Binding("g", "stories", "Stories", id="app.stories",
                tooltip="The events in the corpus: pick one to filter the list and the search"),
        Binding("c", "compare", "Compare", id="app.compare",
                tooltip="Compare the marked articles, else the hits' articles, else all listed"),
        Binding("r", "toggle_removed", "Removed", id="app.toggle_removed",
                tooltip="Show or hide, in the reader, the lines cleaning removed"),
    ]

    def __init__(self, paths: Sequence[Path] = (), fields: Mapping[str, str] | None = None,
                 library=None) -> None:
        set_aside_imports()  # before anything of this app is made: only what the imports left
        super().__init__()
        self.paths = list(paths)
        self.fields = dict(fields or {})
        self.library = library
        self.corpus: Corpus | None = None
        self.outlet: str | None = None
        self.story = None  # the chosen story (analysis.stories.Story), or None for all articles
        self.query_text = ""
        self.hit_limit = HIT_LIMIT
        self.shown_query = ""  # the query whose hits (or error) are on screen
        self.result_spans: dict[str, tuple[tuple[int, int], ...]] = {}
        self.history = settings.load_history()
        self.index_ready = False
        self.last_pane = "articles"
        self._indexer = None  # the child process that indexes, while it runs
        self._noticed: set[str] = set()
        self._listed = threading.Event()  # the article list's first frame is drawn
        self._parts_mounted = threading.Event()  # the hits, the reader, the progress bar (for the load worker)
        self._parts_ready = asyncio.Event()  # the same, for the screen's thread
        self._parts_started = False
        self._searches = SearchQueue()  # the newest search asked for, taken by the search worker
        self._hold = FrameHold(self)  # a key in the search box and its hits in one frame
        self._scope: tuple | None = None  # ((corpus, outlet, story), (articles, outlets)) searched
        self._collector = IdleCollector(self)  # full garbage collections wait for a pause in typing
        # the article list is read while Textual starts (styles, widgets): when it is there by the
        # time the screen is mounted, the list is in the first frame (no second pass over the screen)
        self._preloaded: Corpus | None = None
        self._preload_error: Exception | None = None
        self._cached_list = None  # the list as a relaunch reads it before the library (workspace.listing)
        self._cold = False  # nothing cached and large inputs: the indexing child reads them, the app lists after
        self.partial = False  # the list holds the articles read so far (from cold), without their bodies
        self._read = self._covered = 0  # from cold: articles read so far, and how many of them search sees
        self._outlets: tuple[Corpus | None, int] = (None, 0)  # a list and its number of outlets
        self._preload = threading.Thread(target=self._read_list, name="sco-tui list", daemon=True)
        self._preload.start()

    def _read_list(self) -> None:
        """Open the library and read its article list (a thread; nothing here touches the screen)."""
        try:
            if self.library is None and self._list_from_cache():
                return
            if self.library is None:
                from sco_tui.workspace.library import Library

                self.library = Library(self.paths, self.fields)
            library = self.library
            if library.cached() is None and library.read_elsewhere() and not library.is_current():
                # from cold: reading here would hold the screen for minutes and then index after; the
                # indexing child starts at once instead, cleans and indexes at once, and caches the list
                self._cold = True
                return
            self._preloaded = library.corpus()
        except Exception as exc:  # noqa: BLE001 -- raised again in the load worker, which reports it
            self._preload_error = exc

    def _list_from_cache(self) -> bool:
        """A relaunch: the list from the article cache with light imports (``workspace.listing``);
        the library (its index, the readers and cleaners) is made once the list is drawn."""
        from sco_tui.workspace.listing import cached_list

        try:
            self._cached_list = cached_list(self.paths, self.fields)
        except Exception:  # noqa: BLE001 -- the library reads the same cache next, and says what is wrong
            return False
        if self._cached_list is not None:
            self._preloaded = self._cached_list.corpus
        return self._cached_list is not None

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBar(self.history, hold=self._hold, id="search",
                        placeholder=search_hint(self.paths, placeholder=True))
        yield Static(pane_tabs(self.last_pane), id="pane-tabs")
        with Horizontal(id="main"):
            with Vertical(id="articles-pane", classes="pane"):
                yield Static("Articles", classes="pane-title")
                yield OutletFacet(id="facet")
                yield ArticleList(id="articles")
            with Vertical(id="hits-pane", classes="pane"):  # its hits and the reader: see _mount_parts
                yield Static("Hits", classes="pane-title")
            with Vertical(id="reader-pane", classes="pane"):
                yield Static("Reader", classes="pane-title")
        yield Static("The terminal is too small for sco-tui: make it at least 50×14.", id="too-small")
        with Horizontal(id="status-bar"):
            yield Static("Reading articles…", id="status")
        yield KeyFooter(compact=True)  # FooterKeys start compact: a wide footer restyled each key twice per change

    def get_default_screen(self) -> Screen:
        # the classes the first resize would set, set now: each class change on the screen restyles
        # every widget in it, and the first frame waited for three such passes
        width, height = self.size
        classes = {"-show-articles", *(["-narrow"] if width < NARROW else []),
                   *(["-too-small"] if width < MIN_SIZE[0] or height < MIN_SIZE[1] else [])}
        return Explorer(id="_default", classes=" ".join(sorted(classes)))

    def on_mount(self) -> None:
        theme = settings.load_settings().get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # back from ctrl+z (fg): Textual re-enters the screen but draws nothing until the next event
        self.app_resume_signal.subscribe(self, lambda _app: self.refresh(layout=True, repaint=True))
        if not self._preload.is_alive() and self._preloaded is not None:
            self.on_corpus_loaded(CorpusLoaded(self._preloaded))  # in time for the first frame
        else:  # the list comes later (from cold, or a slow disk): the panes need not wait for it
            self.set_timer(PARTS_AFTER, self._mount_parts)
        self.load_library()  # a thread: notices, then the index
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # no signals (not the main thread)
            # ``kill`` or a closing session: leave as ``q`` does (settings kept, the terminal given back), not by
            # dying in the middle of a frame with the terminal left in the app's modes
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.exit, None, STOPPED)

    async def _mount_parts(self) -> None:
        """Mount what the first frame does not show: the hits list, the reader, the progress bar.
        They come right after the list's first frame (nine widgets fewer to make, style and lay
        out before it), or at once when something needs them sooner: a key, a click, a paste
        (``on_event``). The load worker waits for them before anything it posts can touch them."""
        if self._parts_started:
            await self._parts_ready.wait()
            return
        self._parts_started = True
        bar = ProgressBar(id="progress", show_eta=False)
        bar.display = False
        mounted = [self.query_one("#hits-pane").mount(HitList(id="hit-list")),
                   self.query_one("#reader-pane").mount(Reader(id="reader")), self.query_one("#status-bar").mount(bar)]
        for done in mounted:
            await done
        self._parts_ready.set()
        self._parts_mounted.set()
        release_young_collections()  # before any key: the idle collector starts from the usual thresholds
        if self.corpus is not None and not self.corpus.articles and not self.partial:
            self._say_nothing_to_read()
        elif self.query_text.strip():
            self._research()

    async def on_event(self, event: Event) -> None:
        if isinstance(event, InputEvent | Paste) and not self._parts_ready.is_set():
            await self._mount_parts()  # a key, a click or a paste before them: it reaches them, in order
        await super().on_event(event)

    def _remember_theme(self, theme) -> None:
        if problem := settings.save_setting("theme", theme.name):
            self.notify(problem, severity="warning")

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        screen = self.screen
        screen.set_class(width < NARROW, "-narrow")
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        if small and not screen.has_class("-too-small"):
            self._focus_before_small = screen.focused  # keys must not reach a hidden search box
            screen.set_focus(None)
        elif not small and screen.has_class("-too-small") and screen.focused is None:
            widget = getattr(self, "_focus_before_small", None)
            if widget is not None and widget.is_attached:
                self.call_after_refresh(widget.focus)
        screen.set_class(small, "-too-small")

    def _focus(self, widget) -> None:
        """Focus ``widget``, first showing its pane when the panes take turns (nothing takes focus
        while the terminal is too small to show it)."""
        if self.screen.has_class("-too-small"):
            return
        for ancestor in widget.ancestors_with_self:
            if ancestor.id and ancestor.id.endswith("-pane"):
                pane = ancestor.id.removesuffix("-pane")
                if self.screen.has_class("-narrow") and pane != self.last_pane:
                    self._set_pane(pane)
                    self.call_after_refresh(widget.focus)  # it can take focus once it is shown
                    return
        self.screen.set_focus(widget)  # at once: keys typed right after "/" must reach the search box

    def _set_pane(self, pane: str) -> None:
        self.last_pane = pane
        screen = self.screen
        if screen.has_class(f"-show-{pane}") and not any(screen.has_class(f"-show-{n}") for n in PANES if n != pane):
            return  # each class change restyles the whole screen
        screen.remove_class(*(f"-show-{n}" for n in PANES if n != pane))
        screen.add_class(f"-show-{pane}")
        self.query_one("#pane-tabs", Static).update(pane_tabs(pane))

    @on(DescendantFocus)
    def _follow_focus(self, event: DescendantFocus) -> None:
        if not isinstance(event.widget, SearchBar):
            self._searches.hurry()  # the rest of a first page of hits at once
        for ancestor in event.widget.ancestors_with_self:
            if ancestor.id and ancestor.id.endswith("-pane"):
                self._set_pane(ancestor.id.removesuffix("-pane"))
                return
        if isinstance(event.widget, SearchBar) and self.query_text.strip():
            self._set_pane("hits")

    # -- loading and indexing (thread workers) ---------------------------------------------
    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_library(self) -> None:
        worker = get_current_worker()
        self._preload.join()
        if self._preload_error is not None:
            raise self._preload_error
        if self.library is None:  # the list came from its cache: the library once the list is drawn
            self.post_message(CorpusLoaded(self._preloaded))
            self._listed.wait(timeout=3)
            self.library = self._cached_list.library()
            if self.library.cached() is not self._preloaded:  # the inputs changed meanwhile: read again
                self._preloaded = self.library.corpus()
        for notice in list(self.library.notices):
            self.call_from_thread(self.notice_once, notice)
        if self._cold:
            self._load_cold(worker)
            return
        corpus = self._preloaded
        self.post_message(CorpusLoaded(corpus))  # shown already when it was read in time
        if not corpus.articles:
            return
        # the list's first frame goes before the index work (imports, checks) competes for the interpreter
        self._listed.wait(timeout=3)
        self._parts_mounted.wait(timeout=5)  # what follows posts progress and hits: they go there
        current = self.library.is_current()
        report = self.library.ensure_index() if current else self._index_elsewhere(worker)
        self.library.warm()  # the first keystroke should not pay for opening the index
        self.post_message(IndexReady(report))
        self.library.warm_vocabulary()  # nor the first prefix for reading the word forms

    def _load_cold(self, worker) -> None:
        """From cold (see ``_read_list``): the indexing child starts first; search works from its
        first commit (hits come with what the index stores), and the list arrives once the child
        has cached the cleaned articles. Nothing per article runs on the screen's thread."""
        from sco_tui.workspace.listing import ListedArticle

        self._parts_mounted.wait(timeout=5)  # what follows posts progress and hits: they go there
        self.call_from_thread(self._status, "Reading and indexing the articles…")
        read: list[Article] = []
        next_at = LISTED_FIRST

        def on_read(rows: list[list]) -> None:  # in this thread: the screen's gets whole lists, a few times
            nonlocal next_at
            if next_at > LISTED_MOST or self._preloaded is not None:
                return  # the rest is listed from the cache
            try:
                read.extend([ListedArticle.of(row) for row in rows])
            except ValueError:  # not what this version's child sends: list them from the cache only
                next_at = LISTED_MOST + 1
                return
            if len(read) >= next_at:
                next_at *= 2
                self.post_message(CorpusLoaded(Corpus(tuple(read)), partial=True))

        report = self._index_elsewhere(worker, on_cached=self._post_cached, on_read=on_read,
                                       on_indexed=lambda n: self.post_message(IndexCovered(n)))
        if worker.is_cancelled:
            return
        if (corpus := self.library.corpus()) is not self._preloaded:  # the child did not cache them: read here
            self.post_message(CorpusLoaded(corpus))
        self.library.warm()
        self.post_message(IndexReady(report))
        self.library.warm_vocabulary()

    def _post_cached(self) -> None:
        """The child has cached the articles: list them (read and verified here, in the load thread)."""
        if (corpus := self.library.cached()) is not None:
            self._preloaded = corpus
            self.post_message(CorpusLoaded(corpus))

    def _index_elsewhere(self, worker, on_cached=None, on_read=None, on_indexed=None):
        """Index in a child process (the second core; no lock contention with the screen), relaying
        its progress; index here if the child cannot run."""
        from sco_tui.index.api import SyncReport
        from sco_tui.workspace.worker import ChildIndexer

        self._indexer = ChildIndexer(self.paths, self.fields, self.library.key, getattr(self.library, "database", None))
        store = self.library.store

        said = [0.0, False]  # when progress was last posted, and whether search worked then

        def progress(done: int, total: int) -> None:  # a streamed build counts before its first commit
            searchable = said[1] or total > 0 or store.current_dir() is not None
            now = time.monotonic()
            if now - said[0] >= PROGRESS_EVERY or searchable != said[1] or done == total:
                said[:] = [now, searchable]
                self.post_message(IndexProgress(done, total, searchable))

        report = self._indexer.run(progress, lambda: worker.is_cancelled, on_cached, on_read, on_indexed)
        if self._indexer.error:
            self.call_from_thread(self.notify, self._indexer.error, severity="warning", timeout=8)
        if report is None and not worker.is_cancelled:
            report = self.library.ensure_index(progress, should_stop=lambda: worker.is_cancelled)
        self.library.refresh()
        return report or SyncReport()

    def on_unmount(self) -> None:
        self._listed.set()
        self._parts_mounted.set()
        release_young_collections()
        self._hold.release()
        self._collector.stop()
        self._searches.close()
        if self._indexer is not None:
            self._indexer.stop()

    def on_corpus_loaded(self, message: CorpusLoaded) -> None:
        if self.corpus is message.corpus:
            return  # shown at mount
        self.corpus = message.corpus
        self.partial = message.partial
        self.query_one(OutletFacet).show(message.corpus.outlets())
        self._show_articles()
        self.call_after_refresh(self._listed.set)
        # once the list's first frame is drawn, after whatever else waited for that frame
        self.call_after_refresh(self.call_later, self._mount_parts)
        problems = message.corpus.problems
        if message.partial:
            self._status(self._summary(self._reading()))
            return
        if problems:
            first = next((p for p in problems if p.skipped), problems[0])  # what was lost comes first
            more = f" and {len(problems) - 1} more (command palette: Problems)" if len(problems) > 1 else ""
            self.notify(f"{'Skipped ' if first.skipped else ''}{first}{more}", severity="warning", timeout=10)
        if not message.corpus.articles:
            where = ", ".join(map(str, self.paths)) or "the seeds"
            reason = f": {problems[0].message}" if len(problems) == 1 else ""
            self._status(f"No readable articles in {where}{reason}")
            if self._parts_ready.is_set():
                self._say_nothing_to_read()
            return
        self._status(self._summary(self._reading() if self._cold else "indexing…"))

    def _say_nothing_to_read(self) -> None:
        problems = self.corpus.problems if self.corpus is not None else ()
        where = ", ".join(map(str, self.paths)) or "the seeds"
        reason = f": {problems[0].message}" if len(problems) == 1 else ""
        self.query_one(HitList).show_message(f"No readable articles in {where}{reason}.", style="bold")

    def _summary(self, state: str) -> str:
        c = self.corpus
        if c is None:
            return state
        left_out = sum(p.skipped for p in c.problems)
        skipped = f" · {left_out:,} skipped" if left_out else ""
        so_far = " listed so far" if self.partial else ""  # the list grows apart from indexing
        if self._outlets[0] is not c:  # counted once per list: the status changes with every progress report
            self._outlets = (c, len(c.outlets()))
        return f"{counted(len(c), 'article')}{so_far} · {counted(self._outlets[1], 'outlet')}{skipped} · {state}"

    def on_index_progress(self, message: IndexProgress) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.display = message.done < message.total  # no bar while the total is not known: it would animate
        if bar.display:
            bar.update(total=message.total, progress=message.done)
        self._read = max(self._read, message.done)  # a commit counts fewer than were read so far
        self._status(self._summary(f"indexed {message.done:,} of {message.total:,}" if message.total
                                   else self._reading()))
        if not self.index_ready and message.searchable:
            self.index_ready = True  # the first batch is committed: search works on it
            self._research()

    def _reading(self) -> str:
        """The state of a build that reads and indexes at once (from cold): how many articles search
        covers so far, of how many (of those read so far, while reading goes on)."""
        if self.corpus is not None and not self.partial:  # every article is read
            if not self._covered:
                return "indexing…"
            return f"searching {self._covered:,} of {len(self.corpus):,} articles — indexing…"
        if not self._covered:
            return f"reading and indexing: {self._read:,} read"
        return f"searching {self._covered:,} of {max(self._read, self._covered):,} read — reading and indexing…"

    def on_index_covered(self, message: IndexCovered) -> None:
        """A commit of the build (from cold): search covers ``message.count`` articles now. The hits
        on screen are searched again, so they cover them too (the searcher refreshes on the commit)."""
        self._covered = max(self._covered, message.count)
        self._status(self._summary(self._reading()))
        if not self.index_ready or self.query_text.strip():
            self.index_ready = True
            self._research()

    def on_index_ready(self, message: IndexReady) -> None:
        import gc

        gc.freeze()  # the corpus and the index are here to stay: keep them out of every GC pass
        self.query_one("#progress").display = False
        self.index_ready = True
        for notice in message.report.notices:
            self.notice_once(notice)
        self._status(self._summary("index ready"))
        self._research()

    def notice_once(self, notice: str) -> None:
        """A warning about the corpus or its caches, shown once however many reports repeat it."""
        if notice not in self._noticed:
            self._noticed.add(notice)
            self.notify(notice, severity="warning", timeout=8)

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(text, layout=False)  # one line, whatever it says

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """One place for worker failures: a notice, never a traceback."""
        if event.state == WorkerState.ERROR:
            from sco_tui.index.api import BackendError

            error = event.worker.error
            # a failure the user can act on is its message; anything else names its kind too
            said = str(error) if isinstance(error, BackendError | OSError) else f"{type(error).__name__}: {error}"
            self.notify(f"{event.worker.group} failed: {said}", severity="error", timeout=10)
            if event.worker.group == "load":
                self._status(f"Could not open this corpus: {said}")

    # -- articles ----------------------------------------------------------------------------
    def _visible_articles(self) -> list[Article]:
        if self.corpus is None:
            return []
        in_story = set(self.story.articles) if self.story is not None else None
        return [a for a in self.corpus if (self.outlet is None or a.outlet_name == self.outlet)
                and (in_story is None or a.id in in_story)]

    def _show_articles(self) -> None:
        self.query_one(ArticleList).show(self._visible_articles())

    @on(OutletFacet.Changed)
    def _filter_outlet(self, message: OutletFacet.Changed) -> None:
        self.outlet = message.outlet
        self._show_articles()
        self._research()
        self._focus(self.query_one(ArticleList))

    @on(ArticleList.Opened)
    @on(HitList.Opened)
    def _open(self, message: ArticleList.Opened | HitList.Opened) -> None:
        self.open_article(message.article_id)

    def open_article(self, article_id: str, focus: bool = True) -> None:
        article = self.corpus.get(article_id) if self.corpus else None
        if (self.corpus is None or self.partial) and (article is None or not article.body):
            if self.index_ready:  # from cold, before the articles are cached: as the index holds it, if it does
                self._open_indexed(article_id, focus)
            return
        if article is None:
            return
        reader = self.query_one(Reader)
        reader.show(article, self.result_spans.get(article_id, ()))  # at the first match, as a pager opens
        reader.spans_query = self.query_text
        if self.query_text.strip() and article_id not in self.result_spans and self.index_ready:
            self.find_spans(article_id, self.query_text)
        if focus:
            self._focus(reader)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open_indexed(self, article_id: str, focus: bool) -> None:
        article = self.library.indexed_article(article_id)
        if article is not None:
            self.call_from_thread(self._show_indexed, article, focus)
        else:
            self.call_from_thread(self.notify, "That article is not indexed yet: it opens once it is "
                                  "(the status line says how far indexing got)", timeout=4)

    def _show_indexed(self, article: Article, focus: bool) -> None:
        reader = self.query_one(Reader)
        reader.show(article, self.result_spans.get(article.id, ()))
        if focus:
            self._focus(reader)

    @work(thread=True, exclusive=True, group="spans", exit_on_error=False)
    def find_spans(self, article_id: str, text: str) -> None:
        from sco_tui.index.api import BackendError, QueryError

        try:
            result = self.library.search(text, live=True, limit=1, only_ids=[article_id])
        except (QueryError, BackendError):
            return
        spans = result.hits[0].spans if result.hits else ()
        self.post_message(ArticleSpans(article_id, text, spans))

    def on_article_spans(self, message: ArticleSpans) -> None:
        reader = self.query_one(Reader)
        if reader.article is not None and reader.article.id == message.article_id and message.query == self.query_text:
            reader.set_spans(message.spans, message.query)

    # -- search --------------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self.query_text = event.value  # unstripped: a trailing space says the last word is finished
        self.hit_limit = HIT_LIMIT
        self._collector.typed()
        if not self._research(first_page=True):
            self._hold.release()  # nothing to wait for: the text (and any message) now

    @on(HitList.MoreWanted)
    def _more_hits(self, _message: HitList.MoreWanted) -> None:
        self.hit_limit += HIT_LIMIT
        self._research()

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        if problem := settings.add_to_history(self.history, event.value):
            self.notify(problem, severity="warning")
        self.query_one(SearchBar).reset_history_position()

    def action_submit_search(self) -> None:
        bar = self.query_one(SearchBar)
        bar.post_message(Input.Submitted(bar, bar.value))
        hits = self.query_one(HitOptions)
        if hits.option_count:
            self._focus(hits)  # at once: the next key, even one already queued, goes to the hits

    def _search_key(self) -> tuple:
        """What the hits on screen must answer: the text, the outlet, the story's articles, the limit."""
        return (self.query_text, self.outlet, self.story.articles if self.story is not None else None,
                self.hit_limit)

    def _scope_size(self) -> tuple[int, int]:
        """(articles, outlets) a search can find now: the corpus, the chosen outlet's or the story's."""
        key = (id(self.corpus), self.outlet, id(self.story))
        if self._scope is None or self._scope[0] != key:
            articles = self._visible_articles()
            self._scope = (key, (len(articles), len({a.outlet_name for a in articles})))
        return self._scope[1]

    def _first_page(self) -> int:
        """How many hits fill the hits list: each takes two lines at least (its headline, a gap).
        A hidden list (narrow terminals show one pane at a time) is counted as the screen's height."""
        rows = self.query_one(HitOptions).scrollable_content_region.height
        return (rows if rows > 0 else self.size.height) // 2 + 1

    def _research(self, first_page: bool = False) -> bool:
        """Search again for what the box, the outlet and the story ask; ``first_page``: a keystroke,
        which needs the hits that fill the list first (see ``run_searches``). Whether an answer is
        to come (else what the hits pane says instead is shown already)."""
        hit_list = self.query_one(HitList)
        if self.corpus is not None:
            hit_list.hold(*self._scope_size(), self.hit_limit)
        if not self.query_text.strip():
            self._searches.drop()
            self.result_spans = {}
            hit_list.on_mount()
            return False
        if self.corpus is not None and not self.partial and not self.corpus.articles:
            where = ", ".join(map(str, self.paths)) or "the seeds"
            hit_list.show_message(f"No readable articles in {where}: nothing to search.", style="bold")
            return False  # never "Indexing…": there is nothing to index
        if not self.index_ready:
            hit_list.show_message("Indexing… hits will appear as soon as the first articles are indexed.")
            return False
        asked = self._search_key()
        wanted = (asked, min(self._first_page(), self.hit_limit) if first_page else self.hit_limit)
        if self._searches.ask(wanted):  # else the running worker takes it next
            self.run_searches()
        return True

    @work(thread=True, group="search", exit_on_error=False)
    def run_searches(self) -> None:
        """Search for the newest query asked for, until none is waiting. Keystrokes that come while a
        search runs replace one another: only the newest is searched next, so typing never queues
        searches for text that is already gone from the box.

        A keystroke's search asks first for the hits that fill the list (snippets for 10 hits, not
        20: a fifth of a search's time); the full page (the same hits, then the rest) follows when
        typing pauses for ``REST_AFTER`` seconds, or at once when the box is left. A keystroke in
        the pause is searched instead: its first page comes before the rest of an older one."""
        worker, searches = get_current_worker(), self._searches
        try:
            while (wanted := searches.take()) is not None and not worker.is_cancelled:
                asked, first = wanted
                if first < asked[3]:
                    result = self._search_once(asked, first)
                    if result is None or len(result.hits) >= result.total or searches.newer_within(REST_AFTER):
                        continue
                self._search_once(asked, asked[3])
        except BaseException:
            searches.failed()
            raise

    def _search_once(self, asked: tuple, limit: int):
        """Search (in the worker's thread) and post the answer; the result, or None for an error."""
        from sco_tui.index.api import BackendError, QueryError

        text, outlet, only, _limit = asked
        try:
            result = self.library.search(text, live=True, limit=limit, outlet=outlet, only_ids=only)
        except (QueryError, BackendError) as exc:
            self.post_message(SearchDone(text, None, str(exc), asked=asked))
            return None
        self.post_message(SearchDone(text, result, asked=asked))
        return result

    def on_search_done(self, message: SearchDone) -> None:
        if message.text != self.query_text or (message.asked is not None and message.asked != self._search_key()):
            return  # a stale answer: to an older keystroke, another outlet or story, fewer hits
        hit_list = self.query_one(HitList)
        self.shown_query = message.text
        if message.result is None:
            hit_list.show_error(message.text, message.error or "")
            self._hold.release()
            return
        self.result_spans = {h.id: h.spans for h in message.result.hits}
        hit_list.show_result(message.result, limit=message.asked[3] if message.asked else None)
        self._hold.release()  # the text and its hits in one frame
        if self.screen.has_class("-narrow") and self.focused is self.query_one(SearchBar):
            self._set_pane("hits")
        reader = self.query_one(Reader)
        if reader.article is not None:
            reader.set_spans(self.result_spans.get(reader.article.id, ()), self.query_text)
            if reader.article.id not in self.result_spans:
                self.find_spans(reader.article.id, self.query_text)

    # -- actions -------------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        # A priority binding, so that keys typed right after "/" reach the search box; in the
        # box itself "/" is just a character.
        bar = self.query_one(SearchBar)
        if self.focused is bar:
            bar.insert_text_at_cursor("/")
        else:
            self._focus(bar)

    def action_back(self) -> None:
        focused = self.focused
        hits = self.query_one(HitOptions)
        if isinstance(focused, SearchBar | Reader):
            self._focus(hits if self.query_text.strip() and hits.option_count else self.query_one(ArticleList))
        elif isinstance(focused, HitOptions):
            self._focus(self.query_one(ArticleList))
        elif self.story is not None:  # nothing left to leave but the chosen story
            self.clear_story()

    def action_pane(self, step: int) -> None:
        order = [self.query_one(SearchBar), self.query_one(OutletFacet), self.query_one(ArticleList),
                 self.query_one(HitOptions), self.query_one(Reader)]
        focused = self.focused
        index = next((i for i, w in enumerate(order) if focused is w or (focused and w in focused.ancestors)), 0)
        self._focus(order[(index + step) % len(order)])

    def action_match(self, step: int) -> None:
        reader = self.query_one(Reader)
        if reader.article is None:
            self.notify("Open an article first (enter on a hit or an article)", timeout=3)
            return
        self.notify(reader.jump(step), timeout=2)

    MAIN_SCREEN_ONLY = frozenset({"submit_search", "focus_search", "back", "match", "pane", "toggle_removed",
                                  "compare", "stories"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The explorer's keys work on the explorer only, not under the comparison or a dialog;
        n and N show once an article is open."""
        if action in self.MAIN_SCREEN_ONLY and len(self.screen_stack) > 1:
            return False
        if action == "submit_search":  # elsewhere enter is the focused widget's own
            return self.is_mounted and isinstance(self.focused, SearchBar)
        if action == "match" and self.is_mounted:
            try:
                return self.query_one(Reader).article is not None
            except NoMatches:  # not mounted yet (see _mount_parts): no article is open
                return False
        return True

    def _all_read(self, what: str) -> bool:
        """Whether every article is read (from cold they are read while indexing); says so if not."""
        if self.partial:
            self.notify(f"{what} once every article is read (the status line says how far it got)", timeout=4)
        return not self.partial

    def action_stories(self) -> None:
        if self._all_read("Stories work"):
            super().action_stories()

    def action_compare(self) -> None:
        if self._all_read("Comparing works"):
            super().action_compare()

    def export_comparison(self) -> None:
        if self._all_read("Export works"):
            super().export_comparison()

    def action_toggle_removed(self) -> None:
        shown = self.query_one(Reader).toggle_removed()
        self.notify("Showing what cleaning removed" if shown else "Hiding what cleaning removed", timeout=2)

    def action_help(self) -> None:
        from sco_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.key_sections()))

    def key_sections(self) -> list[tuple[str, list[Binding]]]:
        from sco_tui.tui.screens.compare import CompareScreen
        from sco_tui.tui.screens.stories import StoriesScreen
        from sco_tui.tui.widgets.search_bar import SearchBar as Bar

        palette = Binding("ctrl+p", "command_palette", "Command palette", id="app.palette",
                          tooltip="Every action, by name: open an article, sort, toggle, theme…")
        enter = Binding("enter", "open", "Open", id="app.open",
                        tooltip="Open the highlighted article or hit in the reader, at its first match; "
                                "on the last line of the hits, show more hits")
        return [
            ("Everywhere", [enter, *self.BINDINGS, palette]),  # type: ignore[list-item]
            ("Article list", ArticleList.BINDINGS),  # type: ignore[list-item]
            ("Search box", Bar.BINDINGS),  # type: ignore[list-item]
            ("Hits and reader", [*HitOptions.BINDINGS, *Reader.BINDINGS]),  # type: ignore[list-item]
            ("Comparison (c)", CompareScreen.BINDINGS),  # type: ignore[list-item]
            ("Stories (g)", StoriesScreen.BINDINGS),  # type: ignore[list-item]
        ]

    def action_show_problems(self) -> None:
        from sco_tui.tui.screens.problems import ProblemsScreen

        if self.corpus and self.corpus.problems:
            self.push_screen(ProblemsScreen(list(self.corpus.problems)))
        else:
            self.notify("Every input was read", timeout=3)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from sco_tui.tui.commands import explorer_commands

        yield from super().get_system_commands(screen)
        yield from explorer_commands(self)


def create_app(paths: Sequence[Path] = (), fields: Mapping[str, str] | None = None, library=None) -> ScoApp:
    """The one factory for the app, used by the CLI and the tests."""
    return ScoApp(paths, fields, library)
