"""The Whoosh schema, and the version that says when an old index must be rebuilt."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from whoosh.fields import Schema

#: Bump when the schema, the analyzers or the cleaning rules change: older indexes are rebuilt.
SCHEMA_VERSION = 3

#: Fields a user may name in a query (``outlet:press``), with what they search.
QUERY_FIELDS = {"title": "headline", "body": "article text", "outlet": "outlet name", "date": "ISO date (2024-07-03)",
                "id": "article id", "exact": "article text, unstemmed"}


def build_schema() -> Schema:
    """Title and body stemmed (Snowball English) with character offsets for fast highlights; an
    unstemmed copy of the body for prefixes, fuzzy terms and spelling; outlet as text and facet."""
    from whoosh import analysis, fields

    stemmed = analysis.LanguageAnalyzer("en")
    plain = analysis.StandardAnalyzer(stoplist=None)
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        hash=fields.ID(stored=True),
        title=fields.TEXT(analyzer=stemmed, stored=True, chars=True, field_boost=2.0),
        body=fields.TEXT(analyzer=stemmed, stored=True, chars=True),
        exact=fields.TEXT(analyzer=plain, chars=True),
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
        "exact": article.body,
        "outlet": article.outlet_name,
        "outlet_key": article.outlet_name,
        "date": article.date.value or "",
        "url": article.url or "",
    }
