"""A finding in full: why it was found, and each outlet's own sentences side by side."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sco_tui.view.comparison import ComparisonView, Row
from sco_tui.view.diff import own_words

SIDE_BY_SIDE_MIN = 24  # columns of text per outlet below which the outlets are stacked instead
MOST_SENTENCES = 3


def sentence_text(row: Row, article_id: str, view: ComparisonView) -> Text:
    """One column's sentences for ``row``: its highlight words reversed and, for a shared fact, the
    words no other outlet uses underlined."""
    cell = row.cells.get(article_id)
    if cell is None:
        return Text("not in this article", style="dim italic")
    if cell.state == "leaves-out":
        return Text("leaves it out", style="dim italic")
    if not cell.evidence:
        return Text(cell.text)
    out = Text()
    others = row.others(article_id)
    for k, ev in enumerate(cell.evidence[:MOST_SENTENCES]):
        line = Text(ev.text)
        if row.diff:
            for s, e in own_words(ev.text, others):
                line.stylize("underline", s, e)
        if cell.highlight:
            line.highlight_words([h for h in cell.highlight if h], style="bold reverse", case_sensitive=False)
        if cell.state == "odd":
            line.stylize("bold")
        out.append_text(line)
        if k < min(len(cell.evidence), MOST_SENTENCES) - 1:
            out.append("\n")
    if len(cell.evidence) > MOST_SENTENCES:
        out.append(f"\n(+{len(cell.evidence) - MOST_SENTENCES} more)", style="dim")
    return out


def render_finding(view: ComparisonView, row: Row, focus: str | None, width: int) -> RenderableType:
    """The whole row: its label and reason, then every outlet's sentences (side by side when the
    width allows, else one under another), the column under the cursor in bold."""
    head = Text.assemble((row.label, "bold"), "  ", (row.why, "dim"))
    columns = [c for c in view.columns if c.id in row.cells] or view.columns
    legend = Text("underlined: words no other outlet uses in this finding", style="dim") if row.diff else Text("")
    if len(columns) > 1 and width // len(columns) >= SIDE_BY_SIDE_MIN:
        table = Table(expand=True, show_edge=False, box=None, padding=(0, 1))
        for col in columns:
            table.add_column(Text(col.label, style="bold reverse" if col.id == focus else "bold"), ratio=1)
        table.add_row(*(sentence_text(row, col.id, view) for col in columns))
        return Group(head, table, legend)
    parts: list[RenderableType] = [head]
    for col in columns:
        style = "bold reverse" if col.id == focus else "bold"
        parts.append(Text.assemble((col.label, style), "  ").append_text(sentence_text(row, col.id, view)))
    parts.append(legend)
    return Group(*parts)
