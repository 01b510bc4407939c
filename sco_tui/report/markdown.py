"""Comparison -> Markdown, pasteable into a newsroom doc."""

from __future__ import annotations

from sco_tui.analysis.comparison import Comparison
from sco_tui.report.tables import Table, all_tables


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(t: Table) -> str:
    lines = [f"## {t.title}", "", "| " + " | ".join(_cell(h) for h in t.header) + " |",
             "|" + "---|" * len(t.header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in t.rows]
    return "\n".join(lines)


def to_markdown(c: Comparison) -> str:
    head = [f"# How {len(c.articles)} articles framed the same event", "",
            "Articles: " + "; ".join(f"{col.outlet}: *{col.title}* (`{col.id}`)" for col in c.articles), ""]
    body = [_table(t) for t in all_tables(c)]
    notes = ["## Method", "", *(f"- {n}" for n in c.notes)]
    return "\n".join(head) + "\n" + "\n\n".join(body) + "\n\n" + "\n".join(notes) + "\n"
