"""PostgreSQL full-text search: the only package that imports psycopg."""

from sco_tui.index.postgres.backend import PostgresBackend

__all__ = ["PostgresBackend"]
