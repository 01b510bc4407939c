"""The tables sco-tui keeps in a PostgreSQL database, created and migrated by sco-tui itself.

Several corpora share one database (rows carry their corpus key). The vectors are made from
``analysis.search_text`` of each title and body (the same length, so offsets hold): slashes read as
spaces, so that the words of URLs and of "pro-life/pro-choice" are words, as Whoosh reads them,
rather than one path token; sco-tui's stop words blanked; accents folded by ``unaccent``.
``sco_schema`` holds the version; a database made by a newer sco-tui is refused rather than guessed at.
"""

from __future__ import annotations

import psycopg

from sco_tui.index.api import BackendError

SCHEMA_VERSION = 3
#: The text search configurations of version 2: PostgreSQL's own parser and Snowball English stemmer,
#: after ``unaccent``, with no stop list of their own; the text they read is ``analysis.search_text``'s
#: (sco-tui's stop words blanked, initialisms joined), so they index what the Whoosh index does.
ENGLISH, FOLDED = "sco_english", "sco_simple"
_WORD_TYPES = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"

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
    # accents folded, US / U.S. / WHO kept and the pronoun "us" dropped, as on Whoosh: the vectors are
    # made by the loader from analysis.search_text, so every article is loaded again
    2: (
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE TEXT SEARCH DICTIONARY sco_english_stem (TEMPLATE = snowball, Language = english)",
        f"CREATE TEXT SEARCH CONFIGURATION {ENGLISH} (COPY = english)",
        f"ALTER TEXT SEARCH CONFIGURATION {ENGLISH} ALTER MAPPING FOR {_WORD_TYPES} WITH unaccent, sco_english_stem",
        f"CREATE TEXT SEARCH CONFIGURATION {FOLDED} (COPY = simple)",
        f"ALTER TEXT SEARCH CONFIGURATION {FOLDED} ALTER MAPPING FOR {_WORD_TYPES} WITH unaccent, simple",
        "DELETE FROM sco_terms",
        "DELETE FROM sco_articles",
        "UPDATE sco_corpora SET complete = false, fingerprint = NULL",
        "ALTER TABLE sco_articles DROP COLUMN doc, DROP COLUMN plain",
        "ALTER TABLE sco_articles ADD COLUMN doc tsvector NOT NULL, ADD COLUMN plain tsvector NOT NULL",
        "CREATE INDEX sco_articles_doc ON sco_articles USING gin (doc)",
        "CREATE INDEX sco_articles_plain ON sco_articles USING gin (plain)",
    ),
    # the body as ``search_text`` gives it, kept beside the body so highlighting does not remake it per
    # hit (about 10 ms a long body); rows loaded before it have none and have it made when highlighted
    3: ("ALTER TABLE sco_articles ADD COLUMN body_search text",),
}
#: Where the loader puts a batch before the vectors are made from its search texts (per session).
INCOMING = """CREATE TEMP TABLE IF NOT EXISTS sco_incoming (
    corpus text, id text, outlet text, title text, date text, url text, body text, hash text,
    title_search text, body_search text) ON COMMIT DELETE ROWS"""
FROM_INCOMING = f"""INSERT INTO sco_articles (corpus, id, outlet, title, date, url, body, hash, doc, plain,
    body_search)
    SELECT corpus, id, outlet, title, date, url, body, hash,
        setweight(to_tsvector('{ENGLISH}'::regconfig, title_search), 'A')
        || setweight(to_tsvector('{ENGLISH}'::regconfig, body_search), 'B'),
        to_tsvector('{FOLDED}'::regconfig, body_search), body_search FROM sco_incoming"""
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
                try:
                    conn.execute(statement)
                except psycopg.errors.Error as exc:
                    if "unaccent" not in statement:
                        raise
                    raise BackendError("PostgreSQL's unaccent extension is needed (accents are folded with it) and "
                                       f"could not be created: {' '.join(str(exc).split())}; install the server's "
                                       "contrib modules (Debian: part of postgresql-15) or have a superuser run "
                                       "CREATE EXTENSION unaccent") from None
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
