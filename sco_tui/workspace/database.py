"""The corpus and its index together, on the chosen backend: ``Library`` (Whoosh in the user cache)
without a database, else its PostgreSQL twin."""

from __future__ import annotations

from sco_tui.index.api import SyncReport
from sco_tui.index.backends import open_backend


def make_library(paths=None, fields=None, database: str | None = None):
    """The corpus and its index: ``Library`` (Whoosh) without a database, else its PostgreSQL twin."""
    from sco_tui.workspace.library import Library

    if not database:
        return Library(paths, fields)
    return _database_library()(paths, fields, database)


def _database_library():
    from sco_tui.workspace.library import Library

    class DatabaseLibrary(Library):
        """A ``Library`` whose index is a PostgreSQL database (stories stay cached in the user cache)."""

        def __init__(self, paths, fields, database: str) -> None:
            super().__init__(paths, fields)
            self.database = database
            self.backend = open_backend(database, self.key)

        @property
        def notices(self) -> list[str]:
            return self.store.notices + self.backend.notices

        def location(self) -> str:
            return f"PostgreSQL {getattr(self.backend, 'where', '')}"

        def is_current(self) -> bool:
            return self.backend.is_current(self.fingerprint)

        def _streams(self) -> bool:
            return False  # the streamed build writes Whoosh segments

        def ensure_index(self, progress=None, should_stop=None, parallel: bool = False) -> SyncReport:
            if self.is_current():
                return SyncReport(total=-1, notices=list(self.notices))
            return self.backend.sync(self.corpus(), self.fingerprint, progress, should_stop=should_stop)

        def searcher(self):
            return None

        def refresh(self) -> None:
            return None

        def search(self, text: str, *, limit: int = 20, live: bool = False, only_ids=None, outlet=None):
            return self.backend.search(text, limit=limit, live=live, only_ids=only_ids, outlet=outlet)

        def close(self) -> None:
            self.backend.close()

    return DatabaseLibrary
