"""The comparison as people read it: columns named by outlet, sections of rows, each cell an
outlet's own finding with the sentences behind it, and each row the reason it was found.

The screen, the Markdown and the HTML brief render this one model, so they never disagree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sco_tui.analysis.comparison import Comparison
from sco_tui.analysis.evidence import Evidence
from sco_tui.corpus.model import Article
from sco_tui.view.labels import clip as _clip
from sco_tui.view.labels import column_labels, date_range, event_title

TOP_ACTORS = 14
TOP_TERMS = 6
UNATTRIBUTED_SPEAKER = "(unattributed)"


@dataclass(frozen=True, slots=True)
class ColumnView:
    """One article's head."""

    id: str
    label: str  # the outlet, told apart from another column of the same outlet by site or headline
    outlet: str
    headline: str
    date: str | None
    lede: str


@dataclass(frozen=True, slots=True)
class Cell:
    """What one outlet's column says in a row, and the sentences behind it."""

    text: str
    evidence: tuple[Evidence, ...] = ()
    highlight: tuple[str, ...] = ()  # words to mark in the sentences
    state: str = "carries"  # carries | leaves-out | odd (a value the others do not give)


@dataclass(frozen=True, slots=True)
class Row:
    """One finding across the columns."""

    key: str
    label: str
    cells: dict[str, Cell]
    why: str = ""  # how it was found, in words
    diff: bool = False  # the cells are sentences of one fact: mark the words each alone uses
    tags: frozenset[str] = frozenset()  # for filtering: unique, omitted, contested

    def carriers(self) -> list[str]:
        return [aid for aid, c in self.cells.items() if c.state != "leaves-out"]

    def others(self, article_id: str) -> list[str]:
        """The sentences the other carrying outlets give in this row (to mark what one says alone)."""
        return [e.text for aid, c in self.cells.items() if aid != article_id and c.state != "leaves-out"
                for e in c.evidence]


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    rows: tuple[Row, ...]
    note: str = ""  # what the section's rows mean


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence an outlet alone carries, or one most carry that an outlet leaves out."""

    text: str
    evidence: tuple[Evidence, ...]
    sources: tuple[str, ...] = ()  # the columns carrying it (for what an outlet leaves out)


@dataclass(slots=True)
class ComparisonView:
    title: str
    dates: tuple[str, str] | None
    columns: list[ColumnView]
    sections: list[Section]
    only: dict[str, list[Passage]] = field(default_factory=dict)
    leaves_out: dict[str, list[Passage]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def label(self, article_id: str) -> str:
        return next((c.label for c in self.columns if c.id == article_id), article_id)

    def date_text(self) -> str:
        if self.dates is None:
            return "undated"
        first, last = self.dates
        span = first if first == last else f"{first} to {last}"
        undated = sum(1 for c in self.columns if not c.date)
        return f"{span} ({undated} undated)" if undated else span


def claim_sentences(claim) -> dict[str, tuple[Evidence, ...]]:
    """Each article's sentences carrying ``claim`` (one sentence or several)."""
    out: dict[str, tuple[Evidence, ...]] = {}
    for aid, ev in (getattr(claim, "carried", None) or claim.sentences).items():
        out[aid] = tuple(ev) if isinstance(ev, list | tuple) else (ev,)
    return out




def heads_only(articles: Sequence[Article], story_label: str | None = None) -> ComparisonView:
    """The view before the analysis is in: the columns and the title, no findings yet."""
    labels = column_labels(articles)
    columns = [ColumnView(a.id, labels[a.id], a.outlet_name, a.title, a.date.value, "") for a in articles]
    return ComparisonView(event_title(articles, story_label), date_range(articles), columns, [])


def build_view(c: Comparison, articles: Sequence[Article], story_label: str | None = None) -> ComparisonView:
    """The presentation of ``c``, a comparison of ``articles``."""
    view = heads_only(articles, story_label)
    ledes = {col.id: " ".join(col.lede) for col in c.articles}
    view.columns = [replace(col, lede=ledes.get(col.id, "")) for col in view.columns]
    view.notes = list(c.notes)
    label = view.label
    sections = [_claims(c, view), _discrepancies(c, label), _cues(c, articles), _actors(c), _voices(c), _scare(c),
                _wording(c), _distinctive(c), _reuse(c, label)]
    view.sections = [s for s in sections if s.rows]
    return view


def _claim_label(cl) -> str:
    """A shared claim's name: the clause its most central sentence was aligned through, when that is part of the
    sentence (two rows on one sentence, "Belarus a close ally of Russia" and "Belarus … is set to formally join
    the SCO", then read as the two facts they are), else that sentence."""
    for aid, ev in cl.sentences.items():
        if ev.text == cl.text:
            clause = (getattr(cl, "clauses", None) or {}).get(aid, "")
            if clause and " | " not in clause and len(clause) < len(ev.text):
                return clause
            break
    return cl.text


def _shown_once(evs) -> str:
    """An outlet's sentences in a cell, each shown once: a sentence that holds another of them whole (a subtitle
    repeating the body's sentence with "…reports Asian Lite News" after it) is not printed beside it."""
    def plain(text: str) -> str:
        return " ".join(text.replace("…", " ").split()).lower().rstrip(".")

    kept = [e for k, e in enumerate(evs) if not any(
        j != k and plain(o.text) in plain(e.text) and (len(o.text) < len(e.text) or j < k) for j, o in enumerate(evs))]
    return " ".join(e.text for e in kept)


def _unit_text(cl, aid: str, evs) -> str:
    """What ``aid`` states in a claim: the clause it rests on when that is part of a sentence (the rest of
    the sentence may be a fact other outlets share: "The meeting holds significance for Putin" alone is
    this outlet's), else its sentences."""
    full = " ".join(e.text for e in evs)
    clause = (getattr(cl, "clauses", None) or {}).get(aid)
    parts = clause if isinstance(clause, list | tuple) else [clause] if clause else []
    text = " ".join(str(p) for p in parts if p)
    return text if text and len(text) < len(full) else full


def _claims(c: Comparison, view: ComparisonView) -> Section:
    ids = [col.id for col in view.columns]
    unique = {cid for v in c.unique.values() for cid in v}
    omitted = {cid for v in c.omitted.values() for cid in v}
    contested = {cl.id for cl in c.claims for d in c.discrepancies
                 if any(e in claim_sentences(cl).get(a, ()) for a, e in d.evidence.items())}
    differing = {cl.id: [d for d in c.discrepancies
                         if any(e in claim_sentences(cl).get(a, ()) for a, e in d.evidence.items())]
                 for cl in c.claims if cl.id in contested}
    shared = {(aid, e.sentence) for cl in c.claims if len(cl.sentences) > 1
              for aid, evs in claim_sentences(cl).items() for e in evs}
    rows = []
    seen: set[frozenset] = set()
    for cl in sorted(c.claims, key=lambda cl: -len(cl.sentences)):
        sentences = claim_sentences(cl)
        same = frozenset((aid, e.sentence) for aid, evs in sentences.items() for e in evs)
        if same in seen:  # two claims resting on the very same sentences are one row to a reader
            continue
        seen.add(same)
        cells = {aid: Cell(_shown_once(evs), evs) for aid, evs in sentences.items()}
        if cl.id in omitted:
            others = tuple(e for evs in sentences.values() for e in evs)
            for aid in ids:
                if aid not in cells and cl.id in c.omitted.get(aid, ()):
                    cells[aid] = Cell("leaves it out", others, state="leaves-out")
        tags = frozenset(t for t, s in (("unique", unique), ("omitted", omitted), ("contested", contested))
                         if cl.id in s)
        n = len(sentences)
        why = cl.reason(view.label) or (
            f"{n} outlets state it; aligned on their shared words, names and numbers" if n > 1
            else "only this outlet states it")
        for d in differing.get(cl.id, ()):
            values = "; ".join(f"{v} ({', '.join(view.label(a) for a in arts)})" for v, arts in d.values.items())
            why = f"Values differ: {values}. {why}"
        label = _unit_text(cl, *next(iter(sentences.items()))) if n == 1 else _claim_label(cl)
        rows.append(Row(f"claim:{cl.id}", _clip(label, 80), cells, why, diff=n > 1, tags=tags))
        for aid, evs in sentences.items():
            text = _unit_text(cl, aid, evs)
            whole = text == " ".join(e.text for e in evs)
            if cl.id in unique and not (whole and all((aid, e.sentence) in shared for e in evs)):
                view.only.setdefault(aid, []).append(Passage(text, evs))  # never a sentence a shared row holds
    for aid in ids:
        for cid in c.omitted.get(aid, ()):
            cl = c.claim(cid)
            sentences = claim_sentences(cl)
            view.leaves_out.setdefault(aid, []).append(
                Passage(cl.text, tuple(e for evs in sentences.values() for e in evs), tuple(sentences)))
    note = ("A row is one fact; a cell is the outlet's own sentence. Unique: one outlet alone carries it. "
            "Leaves it out: most outlets carry it, this one does not.")
    return Section("claims", "Claims", tuple(rows), note)


def _discrepancies(c: Comparison, label) -> Section:
    rows = []
    for k, d in enumerate(c.discrepancies):
        cells = {}
        for value, arts in d.values.items():
            for aid in arts:
                if aid in d.evidence:
                    cells[aid] = Cell(value, (d.evidence[aid],), (value,),
                                      "carries" if value == d.majority or not d.majority else "odd")
        given = "; ".join(f"{v}: {', '.join(label(a) for a in arts)}" for v, arts in d.values.items())
        why = (f"The outlets give different {d.kind}s for the same thing ({d.claim or 'the same context'}): "
               f"{given}. Values are paired when they are of one kind and the words around them overlap.")
        rows.append(Row(f"discrepancy:{k}", f"{d.kind}: {' vs '.join(d.values)}", cells, why, diff=True))
    return Section("discrepancies", "Discrepancies", tuple(rows),
                   "Values of one kind (years, counts, weekdays) about the same thing that differ between outlets.")


def _actors(c: Comparison) -> Section:
    rows = []
    for actor in c.actors[:TOP_ACTORS]:
        cells = {}
        for aid, n in actor.mentions.items():
            star = " ★" if actor.prominent.get(aid) else ""
            ev = tuple(e for e in actor.evidence if e.article == aid)
            cells[aid] = Cell(f"{n} mention{'s' if n != 1 else ''}{star}", ev, (actor.name, *actor.aliases))
        also = f" (also written {', '.join(actor.aliases[:4])})" if actor.aliases else ""
        rows.append(Row(f"actor:{actor.name}", f"{actor.name} ({actor.kind})", cells,
                        f"{actor.name}{also}: mentions per outlet; ★ in the headline or lede."))
    return Section("actors", "Actors", tuple(rows), "Who each outlet names, and who it puts first (★).")


def _voices(c: Comparison) -> Section:
    by_speaker: dict[str, list] = {}
    for q in c.quotes:
        by_speaker.setdefault(q.speaker or UNATTRIBUTED_SPEAKER, []).append(q)
    order = sorted(by_speaker, key=lambda s: (-sum(q.words for q in by_speaker[s] if q.kind == "direct"),
                                              -len(by_speaker[s]), s))
    rows = []
    for speaker in order:
        cells = {}
        for aid in dict.fromkeys(q.article for q in by_speaker[speaker]):
            qs = [q for q in by_speaker[speaker] if q.article == aid]
            direct = [q for q in qs if q.kind == "direct"]
            reported = [q for q in qs if q.kind != "direct"]
            counts = ", ".join(f"{len(x)} {k}" for x, k in ((direct, "quoted"), (reported, "reported")) if x)
            first = f"“{_clip(direct[0].text, 90)}”" if direct else f"(paraphrase) {_clip(reported[0].text, 90)}"
            cells[aid] = Cell(f"{counts}: {first}", tuple(q.evidence for q in qs), tuple(q.text for q in direct[:1]))
        how = list(dict.fromkeys(q.how for q in by_speaker[speaker] if getattr(q, "how", "")))
        resolved = f" Speaker found: {'; '.join(how[:3])}{' …' if len(how) > 3 else ''}." if how else ""
        rows.append(Row(f"voice:{speaker}", speaker, cells,
                        "Quotation marks only around the words an outlet quoted; reported speech is shown "
                        "as a paraphrase." + resolved))
    return Section("voices", "Voices", tuple(rows), "Who each outlet lets speak, quoted or reported.")


def _scare(c: Comparison) -> Section:
    rows = []
    for text in dict.fromkeys(s.text for s in c.scare_quotes):
        cells = {s.article: Cell(f"“{text}”", (s.evidence,), (text,)) for s in c.scare_quotes if s.text == text}
        rows.append(Row(f"scare:{text}", f"“{_clip(text, 40)}”", cells,
                        "Words set in quotation marks without a speaker: the outlet marks them as someone else's term "
                        "(to keep its distance, or to use that side's own name for things)."))
    return Section("scare", "Scare quotes", tuple(rows))


def _wording(c: Comparison) -> Section:
    rows = []
    for t in c.terms:
        cells = {}
        for aid, uses in t.uses.items():
            omits = t.omits(aid)
            more = f" (+{len(uses) - 1})" if len(uses) > 1 else ""
            note = f" [leaves out: {', '.join(omits[:3])}]" if omits else ""
            cells[aid] = Cell(f"…{uses[0].phrase}…{more}{note}", tuple(u.evidence for u in uses), (t.term,))
        if not t.uses:  # a term asked for that no article uses: said, not shown as a row of dashes
            rows.append(Row(f"term:{t.term}", f"{t.term} (in no article)", cells,
                            f"“{t.term}” is in none of the {len(c.articles)} articles, in any form."))
            continue
        shared = f"; most use: {', '.join(t.shared_words[:6])}" if t.shared_words else ""
        rows.append(Row(f"term:{t.term}", t.term, cells,
                        f"The words each outlet puts around “{t.term}” (contested {t.contested:.2f}{shared})."))
    return Section("terms", "Word choice", tuple(rows), "How each outlet words the same thing.")


def _distinctive(c: Comparison) -> Section:
    rows = []
    for rank in range(TOP_TERMS):
        cells = {}
        for aid, terms in c.distinctive.items():
            if rank < len(terms):
                term = terms[rank]
                mark = " *" if term.significant else ""
                cells[aid] = Cell(f"{term.term}  z {term.z:.2f}{mark}", term.evidence, (term.term,))
        if cells:
            rows.append(Row(f"distinctive:{rank}", f"#{rank + 1}", cells,
                            "Log-odds with an informative Dirichlet prior (Monroe et al. 2008), one outlet "
                            "against the rest; * z ≥ 1.96."))
    return Section("distinctive", "Distinctive terms", tuple(rows))


def _reuse(c: Comparison, label) -> Section:
    rows = []
    for k, r in enumerate(c.reuse):
        passage = r.passages[0] if r.passages else ""
        cells = {r.a: Cell(f"{r.share_a:.0%} of its words shared: “{_clip(passage, 80)}”"),
                 r.b: Cell(f"{r.share_b:.0%} of its words shared")}
        rows.append(Row(f"reuse:{k}", f"{label(r.a)} ↔ {label(r.b)}", cells,
                        f"Long runs of identical words in both ({len(r.passages)} passages): one outlet copied "
                        "the other, or both used the same wire copy."))
    return Section("reuse", "Text reuse", tuple(rows))


CUE_NAMES = {"loaded": "Loaded words", "label": "Labels", "scare_quote": "Scare quotes", "factive": "Factive verbs",
             "assertive": "Assertive verbs", "intensifier": "Intensifiers", "hedge": "Hedges",
             "unattributed": "Unattributed", "speculation": "Speculation", "background": "Background",
             "unique": "Only this outlet", "one_sided": "One-sided sourcing"}


def _cues(c: Comparison, articles: Sequence[Article]) -> Section:
    """Per outlet: the share of sentences flagged, then per kind of cue how many sentences carry
    it, each cell with its strongest sentences (so the columns show who hedges, who speculates)."""
    cues = c.cues
    if not cues:
        return Section("cues", "Framing cues", ())
    from sco_tui.analysis.cues.summary import cue_summary

    summaries = {s.key: s for s in cue_summary(articles, cues, by="article", strongest=3)}
    flagged = {}
    for aid, s in summaries.items():
        top = tuple(sc.evidence for sc in s.strongest)
        words = tuple(w for sc in s.strongest for cue in sc.cues for w in cue.words)
        flagged[aid] = Cell(f"{s.flagged} of {s.sentences} sentences ({s.share:.0%})", top, words)
    rows = [Row("cues:flagged", "Flagged sentences", flagged,
                "Sentences a reader should look at twice: a cue whose only job is to judge or hide a source, or "
                "two lesser cues that agree (score 1 − ∏(1 − weight) ≥ 0.5). The strongest are shown.")]
    # "only this outlet" is the claims' own finding (and the brief's "what only one outlet reports")
    by_kind: dict[str, dict[str, list]] = {}  # kind -> article -> its sentences with that kind, one pass
    for sc in sorted(cues, key=lambda sc: -sc.score):
        for kind in dict.fromkeys(q.kind for q in sc.cues):
            by_kind.setdefault(kind, {}).setdefault(sc.article, []).append(sc)
    for kind in (k for k in CUE_NAMES if k != "unique" and k in by_kind):
        cells = {}
        for aid, with_kind in by_kind[kind].items():
            words = tuple(w for sc in with_kind for q in sc.cues if q.kind == kind for w in q.words)
            why = next(q.why for q in with_kind[0].cues if q.kind == kind)
            shown = ", ".join(dict.fromkeys(words)) or why
            n = len(with_kind)
            cells[aid] = Cell(f"{n} sentence{'s' if n != 1 else ''}: {_clip(shown, 60)}",
                              tuple(sc.evidence for sc in with_kind), words)
        first = next(q for sc in next(iter(by_kind[kind].values())) for q in sc.cues if q.kind == kind)
        rows.append(Row(f"cues:{kind}", CUE_NAMES[kind], cells, f"{first.family.capitalize()} cue: {first.why}"))
    return Section("cues", "Framing cues", tuple(rows),
                   "How each outlet says it (lexical) and what it chooses to say (informational), sentence by "
                   "sentence; each cue names the words that triggered it.")
