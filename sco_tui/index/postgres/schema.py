"""The tables sco-tui keeps in a PostgreSQL database, created and migrated by sco-tui itself.

Several corpora share one database (rows carry their corpus key). Slashes are read as spaces
(``translate``, which keeps every offset), so that the words of URLs and of "pro-life/pro-choice"
are words, as Whoosh reads them, rather than one path token. ``sco_schema`` holds the version;
a database made by a newer sco-tui is refused rather than guessed at.
"""

from __future__ import annotations

import psycopg

from sco_tui.index.api import BackendError

SCHEMA_VERSION = 1

#: version -> the statements that bring the previous version to it (each version in one transaction)
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE sco_corpora (
            corpus text PRIMARY KEY,
            fingerprint jsonb,
            complete boolean NOT NULL DEFAULT false,
            updated timestamptz NOT NULL DEFAULT now())""",
        """CREATE TABLE sco_articles (
            corpus text NOT NULL,
            id text NOT NULL,
            outlet text NOT NULL,
            title text NOT NULL,
            date text,
            url text,
            body text NOT NULL,
            hash text NOT NULL,
            doc tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english'::regconfig, translate(title, '/', ' ')), 'A')
                || setweight(to_tsvector('english'::regconfig, translate(body, '/', ' ')), 'B')) STORED,
            plain tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, translate(body, '/', ' '))) STORED,
            PRIMARY KEY (corpus, id))""",
        "CREATE INDEX sco_articles_doc ON sco_articles USING gin (doc)",
        "CREATE INDEX sco_articles_plain ON sco_articles USING gin (plain)",
        "CREATE INDEX sco_articles_outlet ON sco_articles USING gin (to_tsvector('simple'::regconfig, outlet))",
        # the words of the bodies (unstemmed), for fuzzy terms and "did you mean"
        """CREATE TABLE sco_terms (
            corpus text NOT NULL,
            word text NOT NULL,
            PRIMARY KEY (corpus, word))""",
        "CREATE INDEX sco_terms_prefix ON sco_terms (corpus, word text_pattern_ops)",
    ),
}
TRIGRAM_INDEX = "CREATE INDEX IF NOT EXISTS sco_terms_trgm ON sco_terms USING gin (word gin_trgm_ops)"
EXTENSIONS = ("pg_trgm", "fuzzystrmatch")
_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('sco-tui schema', 0))"


def migrate(conn: psycopg.Connection) -> set[str]:
    """Create or upgrade the tables; the extensions for fuzzy terms that could be had."""
    with conn.transaction():
        conn.execute(_LOCK)
        conn.execute("CREATE TABLE IF NOT EXISTS sco_schema (version integer NOT NULL)")
        row = conn.execute("SELECT max(version) FROM sco_schema").fetchone()
        current = row[0] if row and row[0] is not None else 0
        if current > SCHEMA_VERSION:
            raise BackendError(f"the database holds sco-tui schema version {current}, newer than this sco-tui "
                               f"understands ({SCHEMA_VERSION}): upgrade sco-tui")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
        if current < SCHEMA_VERSION:
            conn.execute("DELETE FROM sco_schema")
            conn.execute("INSERT INTO sco_schema (version) VALUES (%s)", (SCHEMA_VERSION,))
    return _extensions(conn)


def _extensions(conn: psycopg.Connection) -> set[str]:
    have = set()
    for name in EXTENSIONS:
        try:
            with conn.transaction():
                conn.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")
            have.add(name)
        except psycopg.errors.Error:
            continue  # not installed on the server, or not allowed for this role: said where it matters
    if "pg_trgm" in have:
        try:
            with conn.transaction():
                conn.execute(_LOCK)
                conn.execute(TRIGRAM_INDEX)
        except psycopg.errors.Error:
            have.discard("pg_trgm")
    return have
