"""The Whoosh schema, and the version that says when an old index must be rebuilt."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from whoosh.fields import Schema

#: Bump when the schema, the analyzers or the cleaning rules change: older indexes are rebuilt.
# 6: positions and characters packed (index.postings), blocks pickled with protocol 3 (index.codec);
# 5: accents folded, US/WHO/U.S. kept (index.analysis); 4: one analysed copy of the body
SCHEMA_VERSION = 6

#: Fields a user may name in a query (``outlet:press``), with what they search.
QUERY_FIELDS = {"title": "headline", "body": "article text", "outlet": "outlet name", "date": "ISO date (2024-07-03)",
                "id": "article id", "exact": "article text (as body:)"}


def build_schema() -> Schema:
    """Title and body analysed by ``index.analysis`` (accents folded, abbreviations such as US kept,
    stemmed Snowball English) with character offsets for fast highlights, each
    analysed once (``OnePassCharacters``, which also records the vocabulary of surface forms that
    prefixes, fuzzy terms and spelling expand from); outlet as text and facet.

    ``exact:`` searches the body as well: the index keeps no unstemmed copy of it (that copy cost
    twice the build time and disk), so ``exact:running`` finds the forms of ``run`` like ``running``."""
    from whoosh import analysis, fields

    from sco_tui.index.analyzer import analyzer
    from sco_tui.index.postings import OnePassCharacters

    def stemmed_text(boost: float = 1.0) -> fields.TEXT:
        field = fields.TEXT(analyzer=analyzer(), stored=True, chars=True, field_boost=boost)
        field.format = OnePassCharacters(field_boost=boost)
        return field

    plain = analysis.StandardAnalyzer(stoplist=None)
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        hash=fields.ID(stored=True),
        title=stemmed_text(2.0),
        body=stemmed_text(),
        outlet=fields.TEXT(analyzer=plain, stored=True),
        outlet_key=fields.ID(sortable=True),
        date=fields.ID(stored=True, sortable=True),
        url=fields.STORED(),
    )


def document(article) -> dict[str, object]:
    """The fields Whoosh stores and indexes for one article."""
    return {
        "id": article.id,
        "hash": article.content_hash,
        "title": article.title,
        "body": article.body,
        "outlet": article.outlet_name,
        "outlet_key": article.outlet_name,
        "date": article.date.value or "",
        "url": article.url or "",
    }
