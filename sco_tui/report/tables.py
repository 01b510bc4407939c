"""The comparison as tables (rows of plain-text cells), for every report format alike."""

from __future__ import annotations

from dataclasses import dataclass

from sco_tui.analysis.comparison import Comparison


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]


def side_by_side(c: Comparison, actors: int = 8, terms: int = 6) -> Table:
    """One column per article; rows line up the same kind of finding."""
    ids = [col.id for col in c.articles]
    rows: list[list[str]] = [
        ["Headline", *(col.title for col in c.articles)],
        ["Date", *(col.date or "unknown" for col in c.articles)],
        ["Lede", *(" ".join(col.lede) for col in c.articles)],
    ]
    cells = []
    for aid in ids:
        named = sorted((a for a in c.actors if aid in a.mentions), key=lambda a: (-a.mentions[aid], a.name))
        cells.append("; ".join(f"{a.name} {a.mentions[aid]}{'*' if a.prominent.get(aid) else ''}"
                               for a in named[:actors]))
    rows.append(["Actors (mentions; * in headline or lede)", *cells])
    rows.append(["Voices (quotes, words quoted)", *(
        "; ".join(f"{v.speaker} ({v.quotes}, {v.words} w)" for v in c.voices(aid)) or "none" for aid in ids)])
    rows.append(["Scare quotes", *(
        "; ".join(f"“{s.text}”" for s in c.scare_quotes if s.article == aid) or "none" for aid in ids)])
    rows.append(["Distinctive terms (z)", *(
        "; ".join(f"{t.term} {t.z:.1f}{'*' if t.significant else ''}" for t in c.distinctive.get(aid, [])[:terms])
        or "none" for aid in ids)])
    return Table("Side by side", ["", *(col.label for col in c.articles)], rows)


def word_choice(c: Comparison) -> list[Table]:
    """A table per term: each article's phrases around it, and the words most use that it leaves out."""
    out = []
    for t in c.terms:
        rows = []
        for col in c.articles:
            uses = t.uses.get(col.id, [])
            phrases = " | ".join(f"…{u.phrase}…" for u in uses) or "(not mentioned)"
            omits = ", ".join(t.omits(col.id)) if uses else ""
            rows.append([col.label, phrases, omits])
        title = f"Word choice: {t.term}" + (f" (words most use: {', '.join(t.shared_words[:6])})"
                                            if t.shared_words else "")
        out.append(Table(title, ["Outlet", "Phrases", "Leaves out"], rows))
    return out


def actor_table(c: Comparison, most: int = 30) -> Table:
    rows = []
    for a in c.actors[:most]:
        rows.append([a.name, a.kind, *(f"{a.mentions.get(col.id, 0)}{'*' if a.prominent.get(col.id) else ''}"
                                       for col in c.articles)])
    return Table("Actors (mentions per article; * in headline or lede)",
                 ["Actor", "Kind", *(col.label for col in c.articles)], rows)


def quote_table(c: Comparison) -> Table:
    outlet = {col.id: col.label for col in c.articles}
    rows = [[outlet[q.article], q.speaker or "(unattributed)", q.kind, q.text] for q in c.quotes]
    return Table("Quotes", ["Outlet", "Speaker", "Kind", "Words"], rows)


def all_tables(c: Comparison) -> list[Table]:
    return [side_by_side(c), *word_choice(c), actor_table(c), quote_table(c)]
