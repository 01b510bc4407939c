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


def claim_matrix(c: Comparison, most: int = 40) -> Table:
    """Claims carried by two articles or more (then unique ones), a mark where an article carries it."""
    shared = [cl for cl in c.claims if len(cl.sentences) > 1]
    rows = []
    for cl in (shared + [cl for cl in c.claims if len(cl.sentences) == 1])[:most]:
        flagged = any(set(d.evidence) & set(cl.sentences) and _same_sentence(d, cl) for d in c.discrepancies)
        rows.append([f"{cl.id}{' ⚠' if flagged else ''}", cl.text,
                     *("●" if col.id in cl.sentences else "" for col in c.articles)])
    return Table("Claims (● carries it; ⚠ a discrepancy)", ["Claim", "Text", *(col.label for col in c.articles)], rows)


def _same_sentence(d, cl) -> bool:
    return any(cl.sentences.get(a) == e for a, e in d.evidence.items())


def discrepancy_table(c: Comparison) -> Table:
    label = {col.id: col.label for col in c.articles}
    rows = []
    for d in c.discrepancies:
        values = "; ".join(f"{v}: {', '.join(label[a] for a in ids)}{' (majority)' if v == d.majority else ''}"
                           for v, ids in d.values.items())
        rows.append([d.kind, d.claim, values])
    return Table("Discrepancies", ["Kind", "About", "Values"], rows)


def coverage_table(c: Comparison) -> Table:
    rows = [[col.label, ", ".join(c.unique.get(col.id, [])) or "—", ", ".join(c.omitted.get(col.id, [])) or "—"]
            for col in c.articles]
    return Table("Unique and omitted claims", ["Article", "Only it carries", "Most carry, it leaves out"], rows)


def reuse_table(c: Comparison) -> Table:
    label = {col.id: col.label for col in c.articles}
    rows = [[label[r.a], label[r.b], f"{r.share_a:.0%} / {r.share_b:.0%}", r.passages[0][:300]] for r in c.reuse]
    return Table("Text reuse", ["Article", "Article", "Share reused", "First shared passage"], rows)


def all_tables(c: Comparison) -> list[Table]:
    return [side_by_side(c), *word_choice(c), claim_matrix(c), discrepancy_table(c), coverage_table(c),
            reuse_table(c), actor_table(c), quote_table(c)]
