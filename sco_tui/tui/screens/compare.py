"""The comparison screen: one column per article, the same kind of finding lined up across columns.

Each cell is a finding with its sentences: moving onto it shows them below; enter opens the
article in the reader at that sentence. Headlines and ledes paint at once; the analysis runs in a
thread worker and fills in the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, LoadingIndicator, Static

from sco_tui.analysis.comparison import Comparison, cached_compare, lede
from sco_tui.analysis.evidence import Evidence
from sco_tui.corpus.model import Article

COLUMN_WIDTH = 34
LABEL_WIDTH = 24
TOP_ACTORS = 14
TOP_TERMS = 6


@dataclass(frozen=True, slots=True)
class Finding:
    """What a cell says and the sentences behind it."""

    summary: str
    evidence: tuple[Evidence, ...]
    highlight: str = ""  # words to mark in the sentences
    against: str = ""  # a text to diff the sentences against (words it lacks are marked)


class CompareScreen(Screen[None]):
    """Side-by-side framing of a set of articles."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="compare.back", tooltip="Back to the articles"),
        Binding("t", "focus_term", "Term", id="compare.term", tooltip="Type a term to see how each outlet words it"),
        Binding("e", "export", "Export", id="compare.export",
                tooltip="Write this comparison as Markdown and HTML to the current folder"),
        Binding("u", "claims('unique')", "Unique", id="compare.unique",
                tooltip="Claims: show only those one outlet alone carries"),
        Binding("o", "claims('omitted')", "Omitted", id="compare.omitted",
                tooltip="Claims: show only those most carry and some leave out"),
        Binding("x", "claims('contested')", "Contested", id="compare.contested",
                tooltip="Claims: show only those with a discrepancy"),
        Binding("a", "claims('all')", "All claims", id="compare.all", tooltip="Claims: show them all"),
    ]

    @dataclass
    class OpenEvidence(Message):
        """The user asked to read a finding's sentence in its article."""

        evidence: Evidence

    def __init__(self, articles: list[Article], terms: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.articles = articles
        self.terms = terms
        self.comparison: Comparison | None = None
        self.findings: dict[tuple[str, str], Finding] = {}
        self.claim_filter = "all"
        self.labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-top"):
            yield Static(Text.assemble(("Compare ", "bold"), f"{len(self.articles)} articles",
                                       ("  ·  arrows move · enter reads the sentence · t term · e export", "dim")),
                         id="compare-title")
            yield Input(placeholder="Word choice for a term, e.g. Ukraine (enter)", id="term")
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=False)
        yield LoadingIndicator(id="compare-loading")
        yield Static(id="evidence")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#matrix", DataTable)
        table.add_column("", key="label", width=LABEL_WIDTH)
        outlets = [a.outlet_name for a in self.articles]
        for a in self.articles:
            label = a.outlet_name if outlets.count(a.outlet_name) == 1 else f"{a.outlet_name} · {a.id[:8]}"
            self.labels[a.id] = label
            table.add_column(label, key=a.id, width=COLUMN_WIDTH)
        self._row("headline", "Headline", {a.id: Finding(a.title, (Evidence(a.id, -1, -1, -1, a.title),))
                                           for a in self.articles}, height=None)
        self._row("lede", "Lede", {a.id: Finding(_clip(" ".join(lede(a)), 240), ()) for a in self.articles},
                  height=None)
        table.move_cursor(column=1)
        table.focus()
        self.analyse(self.terms)

    # -- rows ----------------------------------------------------------------------------------
    def _row(self, key: str, label: str, cells: dict[str, Finding], height: int | None = 1,
             style: str = "") -> None:
        table = self.query_one("#matrix", DataTable)
        values = [Text(label, style=style or "bold")]
        for a in self.articles:
            finding = cells.get(a.id)
            values.append(Text(finding.summary if finding else "—", style="" if finding else "dim"))
            if finding:
                self.findings[(key, a.id)] = finding
        table.add_row(*values, key=key, height=height)

    def _section(self, key: str, title: str) -> None:
        table = self.query_one("#matrix", DataTable)
        table.add_row(Text(title, style="bold"), *[Text("") for _ in self.articles], key=key)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def analyse(self, terms: tuple[str, ...]) -> None:
        result = cached_compare(self.articles, terms)
        self.app.call_from_thread(self.fill, result)

    def fill(self, c: Comparison) -> None:
        """Add the analysis rows (again, after a new term)."""
        self.comparison = c
        table = self.query_one("#matrix", DataTable)
        for key in [k for k in table.rows if str(k.value) not in ("headline", "lede")]:
            table.remove_row(key)
        self.findings = {k: v for k, v in self.findings.items() if k[0] in ("headline", "lede")}
        self.query_one("#compare-loading").display = False
        ids = [a.id for a in self.articles]
        self._section("s-actors", "Actors  ★ in headline/lede")
        for actor in c.actors[:TOP_ACTORS]:
            cells = {}
            for aid in ids:
                n = actor.mentions.get(aid)
                if n:
                    star = " ★" if actor.prominent.get(aid) else ""
                    ev = tuple(e for e in actor.evidence if e.article == aid)
                    cells[aid] = Finding(f"{n}{star}", ev, actor.name)
            self._row(f"actor:{actor.name}", f"{actor.name} ({actor.kind})", cells, style="")
        self._section("s-voices", "Voices  quotes · words")
        speakers = sorted({q.speaker or "(unattributed)" for q in c.quotes},
                          key=lambda s: -sum(q.words for q in c.quotes if (q.speaker or "(unattributed)") == s))
        for speaker in speakers:
            cells = {}
            for aid in ids:
                qs = [q for q in c.quotes if q.article == aid and (q.speaker or "(unattributed)") == speaker]
                if qs:
                    direct = sum(q.words for q in qs if q.kind == "direct")
                    kinds = "direct" if all(q.kind == "direct" for q in qs) else (
                        "reported" if all(q.kind == "reported" for q in qs) else "direct+reported")
                    cells[aid] = Finding(f"{len(qs)} {kinds} · {direct} w: “{_clip(qs[0].text, 60)}”",
                                         tuple(q.evidence for q in qs), qs[0].text)
            self._row(f"voice:{speaker}", speaker, cells, height=None)
        self._section("s-scare", "Scare quotes")
        for text in dict.fromkeys(s.text for s in c.scare_quotes):
            cells = {s.article: Finding(f"“{text}”", (s.evidence,), text) for s in c.scare_quotes if s.text == text}
            self._row(f"scare:{text}", f"“{text}”", cells)
        self._section("s-terms", "Word choice")
        for t in c.terms:
            cells = {}
            for aid, uses in t.uses.items():
                omits = t.omits(aid)
                note = f"  [leaves out: {', '.join(omits[:3])}]" if omits else ""
                cells[aid] = Finding(f"…{uses[0].phrase}…{note}" + (f" (+{len(uses) - 1})" if len(uses) > 1 else ""),
                                     tuple(u.evidence for u in uses), t.term)
            self._row(f"term:{t.term}", t.term, cells, height=None)
        self._section("s-distinctive", "Distinctive  z (*≥1.96)")
        for rank in range(TOP_TERMS):
            cells = {}
            for aid in ids:
                terms = c.distinctive.get(aid, [])
                if rank < len(terms):
                    term = terms[rank]
                    mark = " *" if term.significant else ""
                    cells[aid] = Finding(f"{term.term}  {term.z:.2f}{mark}", term.evidence, term.term)
            self._row(f"distinctive:{rank}", f"#{rank + 1}", cells)
        self._claims(c)
        self._show_evidence()

    def _claims(self, c: Comparison) -> None:
        ids = [a.id for a in self.articles]
        flagged = {cl.id for cl in c.claims for d in c.discrepancies
                   if any(cl.sentences.get(a) == e for a, e in d.evidence.items())}
        self._section("s-discrepancies", f"Discrepancies  {len(c.discrepancies)}")
        for k, d in enumerate(c.discrepancies):
            cells = {}
            for value, arts in d.values.items():
                for aid in arts:
                    odd = "" if value == d.majority else " ⚠"
                    cells[aid] = Finding(f"{value}{odd}  ({d.kind})", (d.evidence[aid],), value,
                                         against=" ".join(e.text for e in d.evidence.values()))
            self._row(f"discrepancy:{k}", _clip(d.claim or d.kind, LABEL_WIDTH), cells)
        omitted = {cid for ids_ in c.omitted.values() for cid in ids_}
        unique = {cid for ids_ in c.unique.values() for cid in ids_}
        keep = {"all": lambda cl: True, "unique": lambda cl: cl.id in unique,
                "omitted": lambda cl: cl.id in omitted, "contested": lambda cl: cl.id in flagged}[self.claim_filter]
        shown = [cl for cl in c.claims if keep(cl)]
        self._section("s-claims", f"Claims  {self.claim_filter} ({len(shown)})  u o x a")
        for cl in shown[:80]:
            cells = {}
            for aid in ids:
                ev = cl.sentences.get(aid)
                if ev is not None:
                    cells[aid] = Finding("● " + _clip(ev.text, COLUMN_WIDTH - 3), (ev,),
                                         against=" ".join(e.text for a, e in cl.sentences.items() if a != aid))
                elif cl.id in omitted:
                    cells[aid] = Finding("○ leaves it out", tuple(cl.sentences.values()))
            mark = " ⚠" if cl.id in flagged else ""
            self._row(f"claim:{cl.id}", f"{cl.id}{mark} · {len(cl.sentences)} outlets", cells)

    # -- evidence ----------------------------------------------------------------------------------
    def _current(self) -> tuple[Finding | None, str | None]:
        table = self.query_one("#matrix", DataTable)
        if not table.row_count:
            return None, None
        keys = table.coordinate_to_cell_key(table.cursor_coordinate)
        row, col = str(keys.row_key.value), str(keys.column_key.value)
        return self.findings.get((row, col)), col

    @on(DataTable.CellHighlighted, "#matrix")
    def _show_evidence(self, _event: DataTable.CellHighlighted | None = None) -> None:
        finding, col = self._current()
        panel = self.query_one("#evidence", Static)
        if finding is None:
            panel.update(Text("Move onto a finding to see the sentences behind it.", style="dim"))
            return
        text = Text.assemble((f"{self.labels.get(col or '', col)}  ", "bold"), finding.summary[:200], "\n")
        for ev in finding.evidence[:4]:
            line = Text("  " + ev.text + "\n")
            if finding.highlight:
                line.highlight_words([finding.highlight], style="bold reverse", case_sensitive=False)
            if finding.against:
                _mark_differences(line, finding.against)
            text.append_text(line)
        if finding.against and len(finding.evidence) == 1:
            text.append("  words no other outlet uses here are underlined\n", style="dim")
        if not finding.evidence:
            text.append("  (the lede itself)", style="dim")
        panel.update(text)

    @on(DataTable.CellSelected, "#matrix")
    def _open(self, _event: DataTable.CellSelected) -> None:
        finding, _ = self._current()
        if finding and finding.evidence:
            self.post_message(self.OpenEvidence(finding.evidence[0]))

    # -- actions -------------------------------------------------------------------------------------
    def action_focus_term(self) -> None:
        self.query_one("#term", Input).focus()

    @on(Input.Submitted, "#term")
    def _term(self, event: Input.Submitted) -> None:
        term = event.value.strip()
        if term:
            self.terms = (term, *(t for t in self.terms if t != term))
            self.query_one("#compare-loading").display = True
            self.analyse(self.terms)
        self.query_one("#matrix", DataTable).focus()

    def action_claims(self, which: str) -> None:
        self.claim_filter = which
        if self.comparison is not None:
            self.fill(self.comparison)

    def action_export(self) -> None:
        if self.comparison is None:
            self.notify("The comparison is still being computed", timeout=3)
            return
        export(self.app, self.comparison)


def export(app, comparison: Comparison) -> None:
    """Write ``comparison`` as Markdown and HTML in the current folder (never over an existing file)."""
    from pathlib import Path

    from sco_tui.report.html import to_html
    from sco_tui.report.markdown import to_markdown

    written = []
    for suffix, render in ((".md", to_markdown), (".html", to_html)):
        path = _free_path(Path.cwd() / f"sco-tui-comparison{suffix}")
        try:
            path.write_text(render(comparison), encoding="utf-8")
            written.append(path.name)
        except OSError as exc:
            app.notify(f"Could not write {path}: {exc.strerror or exc}", severity="error")
    if written:
        app.notify(f"Wrote {' and '.join(written)} in {Path.cwd()}", timeout=6)


def _mark_differences(line: Text, against: str) -> None:
    """Underline the words of ``line`` that ``against`` lacks (compared by stem): a word-level diff."""
    import re

    from sco_tui.analysis.text import stem

    theirs = {stem(w.lower()) for w in re.findall(r"[\w'’-]+", against)}
    for m in re.finditer(r"[\w'’-]+", line.plain):
        if stem(m.group(0).lower()) not in theirs:
            line.stylize("underline", m.start(), m.end())


def _clip(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rsplit(" ", 1)[0] + "…"


def _free_path(path):
    """``path``, or ``name-2.ext``, ``name-3.ext``…: never overwrite a file."""
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate
