"""ComparisonView -> a one-page HTML brief: inline CSS, no scripts, nothing from the network;
readable on screen and in print."""

from __future__ import annotations

import html

from sco_tui.report.brief import (
    MATRIX_COLUMNS,
    Marked,
    cell_sentences,
    cell_state,
    passages,
    shared_claims,
    table_sections,
    title_line,
)
from sco_tui.view.comparison import ComparisonView, Section

#: spaces that forbid a line break (some sources set whole sentences with them): plain spaces on the page,
#: or a browser breaks the words themselves to fit a table cell
_NO_BREAK = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})


def escape(text: str) -> str:
    """``text`` for HTML, its no-break spaces plain ones."""
    return html.escape(text.translate(_NO_BREAK))


CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem;
       color: #1d1d1f; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta, .intro { color: #555; } .intro { margin: .2rem 0 .6rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #d0d0d5; padding: .4rem .5rem; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #f2f2f5; } th.row { width: 14%; font-weight: 600; background: #fafafc; }
u { text-decoration-color: #c0392b; text-decoration-thickness: 2px; }
.out { color: #777; font-style: italic; } .odd { font-weight: 700; } .src { color: #555; font-size: .9em; }
.lede { color: #333; font-size: .93em; }
ul.passages li { margin-bottom: .3rem; } .finding { margin: .5rem 0 1rem; }
footer { margin-top: 2.5rem; border-top: 1px solid #d0d0d5; color: #555; font-size: .9em; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-after: avoid; }
  tr, li { break-inside: avoid; } }
@media (prefers-color-scheme: dark) { @media screen {
  body { background: #161618; color: #e8e8ea; } th { background: #26262a; } th.row { background: #1f1f22; }
  th, td { border-color: #3a3a40; } .meta, .intro, footer, .src, .lede { color: #b8b8bc; } } }
"""


def _marked(m: Marked) -> str:
    out, pos = [], 0
    for s, e in m.marks:
        out.append(escape(m.text[pos:s]))
        out.append(f"<u>{escape(m.text[s:e])}</u>")
        pos = e
    out.append(escape(m.text[pos:]))
    return "".join(out)


def _cell(section: Section, row, aid: str) -> str:
    state = cell_state(row, aid)
    if state == "leaves-out":
        return '<span class="out">leaves it out</span>'
    if state == "absent":
        return ""
    text = "<br>".join(_marked(m) for m in cell_sentences(row, aid))
    return f'<span class="odd">{text} ⚠</span>' if state == "odd" else text


def _section(view: ComparisonView, s: Section) -> str:
    head = f"<h2>{escape(s.title)}</h2>" + (f'<p class="intro">{escape(s.note)}</p>' if s.note else "")
    if len(view.columns) > MATRIX_COLUMNS:  # too many outlets for a row: a list under each finding
        blocks = []
        for row in s.rows:
            items = "".join(f"<li><b>{escape(c.label)}</b>: {_cell(s, row, c.id)}</li>"
                            for c in view.columns if c.id in row.cells)
            blocks.append(f'<div class="finding"><b>{escape(row.label)}</b><ul>{items}</ul></div>')
        return head + "".join(blocks)
    cols = "".join(f"<th>{escape(c.label)}</th>" for c in view.columns)
    body = "".join(f'<tr><th class="row">{escape(row.label)}</th>'
                   + "".join(f"<td>{_cell(s, row, c.id)}</td>" for c in view.columns) + "</tr>" for row in s.rows)
    return f"{head}<table><thead><tr><th class=\"row\"></th>{cols}</tr></thead><tbody>{body}</tbody></table>"


def _outlets(view: ComparisonView) -> str:
    if len(view.columns) > MATRIX_COLUMNS:
        items = "".join(f"<li><b>{escape(c.label)}</b>: {escape(c.headline)} <span class=\"src\">"
                        f"{escape(c.date or 'undated')}</span></li>" for c in view.columns)
        return f"<h2>The articles</h2><ul>{items}</ul>"
    cols = "".join(f"<th>{escape(c.label)}</th>" for c in view.columns)
    heads = "".join(f"<td><b>{escape(c.headline)}</b><br><span class=\"src\">{escape(c.date or 'undated')}"
                    f"</span><p class=\"lede\">{escape(c.lede)}</p></td>" for c in view.columns)
    return f"<h2>The articles</h2><table><thead><tr>{cols}</tr></thead><tbody><tr>{heads}</tr></tbody></table>"


def _passages(view: ComparisonView, which: str, title: str, intro: str) -> str:
    groups = passages(view, which)
    if not groups:
        return ""
    out = [f"<h2>{escape(title)}</h2><p class=\"intro\">{escape(intro)}</p>"]
    for label, items, more in groups:
        lis = "".join(
            f"<li>{escape(p.text)}" + (f' <span class="src">({escape(", ".join(view.label(a) for a in p.sources))})'
                                       "</span>" if p.sources else "") + "</li>" for p in items)
        note = f"<p class=\"intro\">{escape(more.replace('`', ''))}</p>" if more else ""
        out.append(f"<h3>{escape(label)}</h3><ul class=\"passages\">{lis}</ul>{note}")
    return "".join(out)


def to_html(view: ComparisonView) -> str:
    parts = [f"<h1>{escape(view.title)}</h1>", f'<p class="meta">{escape(title_line(view))}</p>', _outlets(view)]
    if (shared := shared_claims(view)) is not None:
        parts.append(_section(view, shared))
    parts.append(_passages(view, "only", "What only one outlet reports", "Facts no other outlet here carries."))
    parts.append(_passages(view, "leaves_out", "What each outlet leaves out",
                           "Facts most outlets report that this one does not (with who reports them)."))
    parts.extend(_section(view, s) for s in table_sections(view))
    notes = "".join(f"<li>{escape(n)}</li>" for n in view.notes)
    parts.append(f"<footer><h2>How this was computed</h2><ul>{notes}</ul>"
                 "<p>Every finding rests on the sentences shown; nothing was fetched from the network.</p></footer>")
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(view.title)}</title><style>{CSS}</style></head>\n<body>\n"
            + "\n".join(p for p in parts if p) + "\n</body></html>\n")
