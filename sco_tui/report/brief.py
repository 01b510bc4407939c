"""What a one-page brief holds, chosen once from the view, so HTML and Markdown say the same."""

from __future__ import annotations

from dataclasses import dataclass

from sco_tui.view.comparison import ComparisonView, Passage, Row, Section
from sco_tui.view.diff import own_words
from sco_tui.view.plural import counted

MOST_SHARED = 25
MOST_PASSAGES = 8
MATRIX_COLUMNS = 6  # more outlets than this: a finding is a list of outlets, not a table row


@dataclass(frozen=True, slots=True)
class Marked:
    """A sentence with spans to mark (the words no other outlet uses in this finding)."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()


def cell_sentences(row: Row, article_id: str) -> list[Marked]:
    """One outlet's own sentences for a row that is one fact (a claim, a discrepancy), the words
    no other outlet uses marked; for any other row, the cell's summary (its sentences are in the app)."""
    cell = row.cells.get(article_id)
    if cell is None or cell.state == "leaves-out":
        return []
    if not cell.evidence or not row.diff:
        return [Marked(cell.text)]
    others = row.others(article_id)
    return [Marked(e.text, tuple(own_words(e.text, others)) if row.diff else ()) for e in cell.evidence]


def cell_state(row: Row, article_id: str) -> str:
    cell = row.cells.get(article_id)
    return "absent" if cell is None else cell.state


def shared_claims(view: ComparisonView) -> Section | None:
    section = view.section("claims")
    if section is None:
        return None
    rows = tuple(r for r in section.rows if len(r.carriers()) > 1)[:MOST_SHARED]
    return Section("shared", "What the outlets report", rows,
                   "One fact a row; each cell is that outlet's own sentence. Underlined: words no other "
                   "outlet uses for it. “Leaves it out”: most outlets report it, this one does not; an empty "
                   "cell: this outlet does not report it, nor do most others.") if rows else None


def passages(view: ComparisonView, which: str) -> list[tuple[str, list[Passage], str]]:
    """``(column label, passages, what was left out)`` for what each outlet alone reports (``only``) or
    leaves out: the first ``MOST_PASSAGES``, and a line saying how many more there are, and where."""
    source = view.only if which == "only" else view.leaves_out
    out = []
    for col in view.columns:
        items = source.get(col.id) or []
        if items:
            more = len(items) - MOST_PASSAGES
            note = f"… and {more} more (the app and `sco-tui compare --format json` list them all)" if more > 0 else ""
            out.append((col.label, items[:MOST_PASSAGES], note))
    return out


def table_sections(view: ComparisonView) -> list[Section]:
    """The brief's other findings, in reading order (empty ones left out)."""
    keys = ("discrepancies", "cues", "terms", "voices", "scare", "reuse")
    return [s for k in keys if (s := view.section(k)) is not None and s.rows]


def title_line(view: ComparisonView) -> str:
    return f"{counted(len(view.columns), 'article')} · {view.date_text()} · compared by sco-tui"
