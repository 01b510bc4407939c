"""sco-tui's query tree as SQL over ``sco_articles``: each leaf one or more ``tsvector @@ tsquery`` tests.

The same meaning as on Whoosh: a plain word or phrase searches title and body (stemmed, Snowball
English); ``title:`` / ``body:`` keep only that part of the weighted vector (A: title, B: body);
a prefix searches the title's stems and the body's words as typed (the ``plain`` vector), as
Whoosh's unstemmed ``exact`` field does; ``exact:`` is the body unstemmed; ``outlet:`` the outlet's
words; ``date:`` and ``id:`` compare the values themselves. User text only ever reaches the server
as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sco_tui.index.analysis import search_text
from sco_tui.index.postgres.schema import ENGLISH as _ENGLISH
from sco_tui.index.postgres.schema import FOLDED as _FOLDED
from sco_tui.index.query import And, Node, Not, Or, Term

# title and body: sco-tui's configurations (accents folded, no stop list of their own: the words
# ``search_text`` blanks are the stop words); outlet names: PostgreSQL's simple one
ENGLISH, FOLDED, SIMPLE = f"'{_ENGLISH}'::regconfig", f"'{_FOLDED}'::regconfig", "'simple'::regconfig"


@dataclass(frozen=True, slots=True)
class Test:
    """One way a leaf can match: ``vector @@ tsquery`` (optionally one weight only), or plain SQL."""

    vector: str  # doc | plain | outlet | sql
    tsquery: str  # SQL of a tsquery (or the predicate itself, for vector "sql")
    params: tuple[object, ...]
    weight: str | None = None  # 'a' title, 'b' body
    highlight: str | None = None  # "english" or "simple": the body matches it marks for the reader
    phrase: bool = False  # marks the phrase's occurrences only, as one span each

    def sql(self) -> tuple[str, list[object]]:
        if self.vector == "sql":
            return self.tsquery, list(self.params)
        column = {"doc": "a.doc", "plain": "a.plain", "outlet": "to_tsvector('simple'::regconfig, a.outlet)"}[
            self.vector]
        if self.weight:  # the index finds candidates; ts_filter keeps the title's (or body's) lexemes only
            return (f"({column} @@ {self.tsquery} AND ts_filter({column}, '{{{self.weight}}}') @@ {self.tsquery})",
                    [*self.params, *self.params])
        return f"{column} @@ {self.tsquery}", list(self.params)


@dataclass(slots=True)
class Plan:
    where: str
    params: list[object]
    rank: str  # a tsquery over ``doc`` for ts_rank, or "" when nothing ranks
    rank_params: list[object]
    highlights: list[Test]  # the positive tests that mark words in the body
    notices: list[str] = field(default_factory=list)


def quoted(text: str, suffix: str = "") -> str:
    """``text`` as one tsquery operand (to_tsquery still splits it into the words it holds)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'" + suffix


def tests(term: Term, fuzzy: dict[Term, list[str]], notices: list[str]) -> list[Test]:
    """Every way ``term`` can match (a match of any one is a match of the term)."""
    f, text, kind = term.field, term.text, term.kind
    if kind == "wildcard":
        head = text.replace("?", "*").split("*")[0]
        notices.append(f"PostgreSQL has no wildcards inside words: {term.syntax()} is searched as {head}*")
        if not head:
            return []
        return tests(Term(head, f, "prefix"), fuzzy, notices)
    if f == "date" and kind.startswith("compare:"):
        op = kind.removeprefix("compare:")  # a partial date stands for its whole span: <= 2024 takes 2024-12-31
        pattern = text + "%"
        sql = {">=": "a.date >= %s", "<": "a.date < %s",
               ">": "(a.date > %s AND a.date NOT LIKE %s)", "<=": "(a.date <= %s OR a.date LIKE %s)"}[op]
        return [Test("sql", sql, (text, pattern) if sql.count("%s") == 2 else (text,))]
    if f in ("date", "id"):
        if kind == "prefix":
            pattern = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            return [Test("sql", f"a.{f} LIKE %s", (pattern,))]
        if kind == "fuzzy":
            notices.append(f"{term.syntax()}: fuzzy {f}: is searched exactly on PostgreSQL")
        return [Test("sql", f"a.{f} = %s", (text,))]
    if f == "outlet":
        return [_words(SIMPLE, "outlet", term, None)]
    if f == "exact":
        return [_words(FOLDED, "plain", term, None, "simple")]
    weight = {"title": "a", "body": "b"}.get(f or "")
    if kind == "fuzzy":
        words = fuzzy.get(term)
        if words is None:  # fuzzy matching is not available here: the term as typed
            return [_words(ENGLISH, "doc", Term(text, f), weight, None if f == "title" else "english")]
        if not words:
            return []
        tsq = f"to_tsquery({ENGLISH}, %s)"
        return [Test("doc", tsq, (" | ".join(quoted(w) for w in words),), weight, None if f == "title" else "english")]
    if kind == "prefix":
        out = []
        if f in (None, "title"):
            out.append(Test("doc", f"to_tsquery({ENGLISH}, %s)", (quoted(text, ":*"),), "a"))
        if f in (None, "body"):
            out.append(Test("plain", f"to_tsquery({FOLDED}, %s)", (quoted(text.lower(), ":*"),), None, "simple"))
        return out
    return [_words(ENGLISH, "doc", term, weight, "english" if f != "title" else None)]


def _words(config: str, vector: str, term: Term, weight: str | None, highlight: str | None = None) -> Test:
    if term.kind == "prefix":
        return Test(vector, f"to_tsquery({config}, %s)", (quoted(term.text.lower(), ":*"),), weight, highlight)
    func = "phraseto_tsquery" if term.kind == "phrase" else "plainto_tsquery"
    text = term.text if config == SIMPLE else search_text(term.text)  # stop words out, U.S. as US, as indexed
    return Test(vector, f"{func}({config}, %s)", (text,), weight, highlight, term.kind == "phrase")


def render(tree: Node, alive: dict[Test, bool], fuzzy: dict[Term, list[str]], notices: list[str]) -> Plan | None:
    """The WHERE clause of ``tree``; tests in ``alive`` marked False (stop words only) are dropped as
    Whoosh drops them. None when nothing is left to search for."""
    highlights: list[Test] = []
    rank: list[Test] = []

    def visit(node: Node, positive: bool) -> tuple[str, list[object]] | None:
        if isinstance(node, Term):
            live = [t for t in tests(node, fuzzy, []) if alive.get(t, True)]
            if not live:
                return None
            if positive:
                highlights.extend(t for t in live if t.highlight)
                rank.extend(t for t in live if t.vector == "doc")
            parts = [t.sql() for t in live]
            return _joined(" OR ", parts)
        if isinstance(node, Not):
            inner = visit(node.child, not positive)
            return None if inner is None else (f"NOT {inner[0]}", inner[1])
        parts = [p for p in (visit(c, positive) for c in node.children) if p is not None]
        if not parts:
            return None
        return _joined(" AND " if isinstance(node, And) else " OR ", parts)

    where = visit(tree, True)
    if where is None:
        return None
    rank_sql = " || ".join(t.tsquery for t in rank)
    rank_params = [p for t in rank for p in t.params]
    return Plan(where[0], where[1], rank_sql, rank_params, highlights, notices)


def _joined(op: str, parts: list[tuple[str, list[object]]]) -> tuple[str, list[object]]:
    if len(parts) == 1:
        return parts[0]
    return "(" + op.join(p[0] for p in parts) + ")", [v for p in parts for v in p[1]]


def all_terms(tree: Node) -> list[Term]:
    if isinstance(tree, Term):
        return [tree]
    if isinstance(tree, Not):
        return all_terms(tree.child)
    assert isinstance(tree, And | Or)
    return [t for c in tree.children for t in all_terms(c)]
