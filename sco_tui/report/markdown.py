"""ComparisonView -> the same brief as the HTML one, in Markdown for a newsroom doc."""

from __future__ import annotations

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

_MARKUP = str.maketrans({**{c: "\\" + c for c in "\\`*_[]|~#"}, "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " "})


def _esc(text: str) -> str:
    """Article text as plain Markdown text: no markup of its own, no raw HTML (a renderer would run it)."""
    return text.translate(_MARKUP)


def _marked(m: Marked) -> str:
    out, pos = [], 0
    for s, e in m.marks:
        out.append(_esc(m.text[pos:s]) + f"**{_esc(m.text[s:e])}**")
        pos = e
    return "".join(out) + _esc(m.text[pos:])


def _cell(row, aid: str) -> str:
    state = cell_state(row, aid)
    if state == "leaves-out":
        return "*leaves it out*"
    if state == "absent":
        return ""
    text = " ".join(_marked(m) for m in cell_sentences(row, aid))
    return f"{text} ⚠" if state == "odd" else text


def _section(view: ComparisonView, s: Section) -> list[str]:
    lines = [f"## {s.title}", ""] + ([s.note, ""] if s.note else [])
    if len(view.columns) > MATRIX_COLUMNS:
        for row in s.rows:
            lines.append(f"**{_esc(row.label)}**")
            lines += [f"- {_esc(c.label)}: {_cell(row, c.id)}" for c in view.columns if c.id in row.cells]
            lines.append("")
        return lines
    lines.append("| | " + " | ".join(_esc(c.label) for c in view.columns) + " |")
    lines.append("|---|" + "---|" * len(view.columns))
    lines += ["| " + _esc(row.label) + " | " + " | ".join(_cell(row, c.id) for c in view.columns) + " |"
              for row in s.rows]
    return [*lines, ""]


def _passages(view: ComparisonView, which: str, title: str, intro: str) -> list[str]:
    groups = passages(view, which)
    if not groups:
        return []
    lines = [f"## {title}", "", intro, ""]
    for label, items, more in groups:
        lines += [f"### {_esc(label)}", ""]
        lines += [f"- {_esc(p.text)}" + (f" ({', '.join(_esc(view.label(a)) for a in p.sources)})" if p.sources else "")
                  for p in items]
        lines += ["", more] if more else []
        lines.append("")
    return lines


def to_markdown(view: ComparisonView) -> str:
    lines = [f"# {_esc(view.title)}", "", _esc(title_line(view)), "", "## The articles", ""]
    for c in view.columns:
        lines += [f"- **{_esc(c.label)}**: *{_esc(c.headline)}* ({c.date or 'undated'})"
                  + (f"  \n  {_esc(c.lede)}" if c.lede else "")]
    lines.append("")
    words = "Bold in a cell: words no other outlet uses for that fact."
    if (shared := shared_claims(view)) is not None:
        lines += [*_section(view, shared), words, ""]
    lines += _passages(view, "only", "What only one outlet reports", "Facts no other outlet here carries.")
    lines += _passages(view, "leaves_out", "What each outlet leaves out",
                       "Facts most outlets report that this one does not (with who reports them).")
    for s in table_sections(view):
        lines += _section(view, s)
    lines += ["## How this was computed", "", *(f"- {n}" for n in view.notes), ""]
    return "\n".join(lines)
