"""The view's sections as plain-text tables, for the terminal."""

from __future__ import annotations

from dataclasses import dataclass

from sco_tui.view.comparison import ComparisonView


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]


def view_tables(view: ComparisonView) -> list[Table]:
    """The articles, then one table per section: a row per finding, a column per outlet."""
    labels = [c.label for c in view.columns]
    heads = Table("The articles", ["", *labels],
                  [["Headline", *(c.headline for c in view.columns)], ["Date", *(c.date or "undated"
                                                                              for c in view.columns)],
                   ["Lede", *(c.lede for c in view.columns)]])
    out = [heads]
    for s in view.sections:
        rows = []
        for r in s.rows:
            cells = []
            for c in view.columns:
                cell = r.cells.get(c.id)
                cells.append("" if cell is None else ("(leaves it out)" if cell.state == "leaves-out"
                                                      else cell.text + (" ⚠" if cell.state == "odd" else "")))
            rows.append([r.label, *cells])
        out.append(Table(s.title, ["", *labels], rows))
    return out
