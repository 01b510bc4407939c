"""Comparison -> one self-contained HTML file (inline CSS, no scripts, nothing from the network)."""

from __future__ import annotations

from html import escape

from sco_tui.analysis.comparison import Comparison
from sco_tui.report.tables import Table, all_tables

CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #d0d0d5; padding: .4rem .5rem; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #f2f2f5; } td:first-child { font-weight: 600; }
.notes li { color: #444; }
@media (prefers-color-scheme: dark) {
  body { background: #161618; color: #e8e8ea; } th { background: #26262a; } th, td { border-color: #3a3a40; }
  .notes li { color: #bbb; }
}
"""


def _table(t: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in t.header)
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in t.rows)
    return f"<h2>{escape(t.title)}</h2>\n<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def to_html(c: Comparison) -> str:
    title = f"How {len(c.articles)} articles framed the same event"
    items = "".join(f"<li>{escape(col.outlet)}: <em>{escape(col.title)}</em> <code>{escape(col.id)}</code></li>"
                    for col in c.articles)
    tables = "\n".join(_table(t) for t in all_tables(c))
    notes = "".join(f"<li>{escape(n)}</li>" for n in c.notes)
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{CSS}</style></head>\n<body><h1>{escape(title)}</h1>"
            f"<ul>{items}</ul>\n{tables}\n<h2>Method</h2><ul class=\"notes\">{notes}</ul></body></html>\n")
