"""Which database, if any, the user asked for: light, so the app can decide before heavy imports."""

from __future__ import annotations

import os

ENV = "SCO_TUI_DATABASE_URL"


def database_url(given: str | None = None) -> str | None:
    """The database to use: ``given`` (``--database``), else the environment's, else None (Whoosh)."""
    return given or os.environ.get(ENV) or None
