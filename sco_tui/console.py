"""Rich output of the command line for people (``--json`` output is built from the same objects)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sco_tui.analysis.text import Sentence
from sco_tui.corpus.model import Article, Corpus, Problem
from sco_tui.view.plural import counted

if TYPE_CHECKING:
    from sco_tui.index.api import SearchResult, Snippet, SyncReport
    from sco_tui.workspace.library import Library



class _Console(Console):
    """Rich's console, with a reader that went away (``| head``) handed to the CLI as the
    BrokenPipeError it is (which ends with exit 0) rather than rich's own exit 1."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


out = _Console(highlight=False, markup=False, emoji=False)  # article text is never markup: "[/]", ":x:"
err = _Console(stderr=True, highlight=False, markup=False, emoji=False)


def one_line(text: str) -> str:
    """``text`` on one line: control characters (a newline in a file name) shown escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def warn(message: str) -> None:
    err.print(Text(f"sco-tui: {one_line(message)}", style="yellow"), soft_wrap=True)


def warn_new_notices(report: SyncReport, shown: Iterable[str]) -> None:
    """The notices of an index refresh (rebuilt, waited, kept in memory) not already shown, once each."""
    seen = set(shown)
    for notice in report.notices:
        if notice not in seen:
            seen.add(notice)
            warn(notice)


def warn_problems(problems: Iterable[Problem], most: int = 20) -> None:
    problems = list(problems)
    for p in problems[:most]:
        warn(f"skipped {p}" if p.skipped else str(p))
    if len(problems) > most:
        warn(f"… and {len(problems) - most} more problems")


def index_with_progress(library: Library, quiet: bool = False) -> SyncReport:
    """Refresh the index with a progress bar on stderr (none when not a terminal or ``quiet``);
    Ctrl-C ends it with one line and status 130."""
    if library.is_current():
        return library.ensure_index()  # nothing to read, nothing to write
    from sco_tui.workspace.worker import interrupt_ends_at_once

    with interrupt_ends_at_once():
        return _index_with_bar(library, quiet)


class PlainProgress:
    """Progress for a stderr that is not a terminal (a pipe, a log file): a plain line at most every
    ``every`` seconds, never a bar's control characters; nothing for a run shorter than that."""

    EVERY = 5.0

    def __init__(self, write, every: float | None = None, clock=None) -> None:
        import time

        self.write, self.clock = write, clock or time.monotonic
        self.every = self.EVERY if every is None else every
        self.start = self.last = self.clock()

    def __call__(self, what: str, done: int, total: int | None = None) -> None:
        now = self.clock()
        if now - self.last < self.every:
            return
        self.last = now
        of = f" of {total} ({100 * done // total}%)" if total else ""
        self.write(f"sco-tui: {what} {done}{of} after {now - self.start:.0f} s\n")


def _index_with_bar(library: Library, quiet: bool) -> SyncReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    show = err.is_terminal and not quiet
    if not err.is_terminal and not quiet:
        lines = PlainProgress(lambda line: (sys.stderr.write(line), sys.stderr.flush()))
        return library.build(lambda done, total: lines("indexed", done, total or None),
                             read=lambda n, _id: lines("read", n))
    # no refresh thread: the bar is redrawn from the callbacks, so indexing may fork a second process
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True, disable=not show, auto_refresh=False) as bar:
        task = bar.add_task("indexing", total=None)

        def read(n: int, _id: str) -> None:
            if n % 50 == 0:
                bar.update(task, description="reading articles", completed=n, refresh=True)

        def indexed(done: int, total: int) -> None:
            bar.update(task, description="indexing", completed=done, total=total or None, refresh=True)

        # large inputs: two processes clean and index at once, the total known only at the end (0 meanwhile)
        return library.build(indexed, read=read)


def index_summary(report: SyncReport, library: Library) -> None:
    where = library.location() if hasattr(library, "location") else library.store.current_dir()
    if report.total < 0:
        out.print(f"Index is up to date ({where}).")
        return
    rate = report.added / report.seconds if report.seconds and report.added else 0
    out.print(f"{counted(report.total, 'article')}: {report.added} indexed, {report.removed} removed in "
              f"{report.seconds:.2f} s" + (f" ({rate:.0f} articles/s)" if rate else "") + f" → {where}")


def article_table(corpus: Corpus) -> None:
    table = Table(title=counted(len(corpus), "article"), expand=False)
    for col in ("id", "outlet", "title", "date", "words"):
        table.add_column(col, overflow="fold", justify="right" if col == "words" else "left")
    for a in corpus:
        table.add_row(a.id, a.outlet_name, a.title, a.date.value or "—", str(a.words))
    out.print(table)


def highlighted(snippet: Snippet, style: str = "bold reverse") -> Text:
    text = Text(snippet.text)
    for s, e in snippet.highlights:
        text.stylize(style, s, e)
    return text


def print_search(result: SearchResult) -> None:
    if result.total == 0:
        hint = f" Did you mean: {result.suggestion}" if result.suggestion else ""
        out.print(f"No hits for {result.query}.{hint}")
        return
    out.print(Text(f"{result.total} hit{'s' if result.total != 1 else ''} for {result.query}", style="bold"))
    for outlet, n in result.by_outlet.items():
        out.print(f"  {n:>4}  {'█' * min(n, 40)} {outlet}")
    if result.suggestion:
        out.print(f"Did you mean: {result.suggestion}")
    for hit in result.hits:
        out.print()
        out.print(Text.assemble((hit.outlet, "cyan"), " · ", (hit.title, "bold"), f"  [{hit.id}  {hit.score:.2f}]"))
        for snip in hit.snippets:
            out.print(Text("  ").append(highlighted(snip)))


def article_details(article: Article, sents: tuple[Sentence, ...]) -> dict[str, Any]:
    """Everything ``sco-tui show`` tells about one article."""
    return {
        **article.as_dict(),
        "outlet_how": article.outlet.how,
        "date_how": article.date.how,
        "authors": list(article.authors),
        "text": article.body,
        "sentences": [s.as_dict() for s in sents],
        "removed": [{"text": r.text, "reason": r.reason, "line": r.line} for r in article.removed],
        "notes": list(article.notes),
        "metadata": dict(article.extra),
    }


def print_article(data: dict[str, Any]) -> None:
    out.print(Text(data["title"], style="bold"))
    out.print(Text.assemble(("outlet: ", "dim"), data["outlet"], ("  (" + data["outlet_how"] + ")", "dim")))
    out.print(Text.assemble(("date: ", "dim"), data["date"] or "unknown", ("  (" + data["date_how"] + ")", "dim")))
    if data["url"]:
        out.print(Text.assemble(("url: ", "dim"), data["url"]))
    out.print()
    out.print(data["text"])
    if data["removed"]:
        out.print()
        out.print(Text(f"Removed by cleaning ({counted(len(data['removed']), 'line')}):", style="bold"))
        for r in data["removed"]:
            out.print(Text.assemble(("  line ", "dim"), (str(r["line"]), "dim"), f"  [{r['reason']}] ",
                                    (r["text"], "dim strike")))
    for note in data["notes"]:
        out.print(Text(f"note: {note}", style="yellow"))


def print_comparison(view) -> None:
    """The comparison's tables, side by side, in the terminal (the view the app and reports show)."""
    from rich import box

    from sco_tui.report.tables import view_tables

    out.print(Text(view.title, style="bold"))
    out.print(Text(f"{counted(len(view.columns), 'article')} · {view.date_text()}", style="dim"))
    for t in view_tables(view):
        table = Table(title=t.title, box=box.SIMPLE_HEAVY, expand=True, show_lines=True)
        for h in t.header:
            table.add_column(h, overflow="fold")
        for row in t.rows:
            table.add_row(*row)
        out.print(table)
    for note in view.notes:
        out.print(Text(f"• {note}", style="dim"))


def print_stories(stories, total: int, most: int = 40) -> None:
    """Stories, those covered by most outlets first (``total``: the articles they hold)."""
    table = Table(title=f"{counted(len(stories), 'story')} in {counted(total, 'article')}", expand=True)
    for col, just in (("id", "left"), ("story", "left"), ("dates", "left"), ("outlets", "right"),
                      ("articles", "right")):
        table.add_column(col, justify=just, overflow="fold")
    for s in stories[:most]:
        dates = s.first if s.first == s.last else f"{s.first or '?'} – {s.last or '?'}"
        table.add_row(s.id, s.label, dates or "undated", str(len(s.outlets)), str(len(s.articles)))
    out.print(table)
    if len(stories) > most:
        out.print(Text(f"… and {len(stories) - most} more (--json lists them all)", style="dim"))


def print_doctor(report: dict[str, Any]) -> None:
    """What ``sco-tui doctor`` found, one fact per line."""
    for label, key in (("index folder", "folder"), ("generation", "generation"), ("index", "index"),
                       ("articles", "articles"), ("files checked", "files"), ("article cache", "article_cache"),
                       ("stories cache", "stories_cache")):
        value = report.get(key)
        out.print(Text.assemble((f"{label:>14}: ", "dim"), str(value if value is not None else "—")), soft_wrap=True)
    if not report.get("writable"):
        warn("nothing can be written in the cache folder: the index is kept in memory only")


def print_cues(rows: list[dict[str, Any]], articles: int) -> None:
    """``sco-tui cues``: each sentence with its score and, per cue, the words and why."""
    last = None
    for row in rows:
        if row["article"] != last:
            last = row["article"]
            out.print(Text.assemble(("\n" + row["outlet"], "bold"), ("  " + row["article"], "dim")))
        s = row["sentence"]
        mark = "⚑" if row["flagged"] else " "
        out.print(Text.assemble((f"{mark} {row['score']:.2f} ", "bold"), (f"[{s['index']}] ", "dim"), s["text"]))
        for cue in row["cues"]:
            words = ", ".join(f"“{w}”" for w in cue["words"])
            out.print(Text.assemble(("     " + cue["kind"], "italic"), (f" ({cue['family']}) ", "dim"),
                                    words + (" — " if words else ""), (cue["why"], "dim")))
    flagged = sum(1 for r in rows if r["flagged"])
    out.print(Text(f"\n{counted(flagged, 'flagged sentence')} in {counted(articles, 'article')}", style="dim"))
