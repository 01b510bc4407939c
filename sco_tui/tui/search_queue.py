"""Which search the app's search worker runs next, shared between the UI thread and the worker.

Only the newest search asked for waits: one asked for while another waits replaces it, so typing
never queues searches for text already gone from the box. The worker may also wait for a pause in
typing (to search the rest of a first page); a newer search, the user leaving the search box or
the app closing ends that wait early.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable


class SearchQueue:
    """The newest search asked for and whether a worker is taking them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._turn = threading.Condition(self._lock)
        self._wanted: Hashable | None = None
        self._running = False
        self._hurry = False
        self._closed = False

    def ask(self, wanted: Hashable) -> bool:
        """Ask for ``wanted`` (replacing one not yet started); True when no worker is running and
        the caller must start one."""
        with self._lock:
            self._wanted, self._hurry = wanted, False
            self._turn.notify()
            if self._running:
                return False  # the running worker takes it next
            self._running = True
            return True

    def drop(self) -> None:
        """Forget a search not yet started (the box was emptied)."""
        with self._lock:
            self._wanted = None

    def take(self) -> Hashable | None:
        """(The worker) The next search to run, or None: then the worker ends."""
        with self._lock:
            wanted, self._wanted = self._wanted, None
            self._running = wanted is not None
            return wanted

    def failed(self) -> None:
        """(The worker) It ended on an error: the next search asked for starts a new one."""
        with self._lock:
            self._running = False

    def newer_within(self, seconds: float) -> bool:
        """(The worker) Wait up to ``seconds`` for a newer search or the app closing (True), or
        for the user to leave the search box (False: go on now)."""
        with self._lock:
            self._turn.wait_for(lambda: self._wanted is not None or self._hurry or self._closed, seconds)
            return self._wanted is not None or self._closed

    def hurry(self) -> None:
        """The search box was left: a worker waiting for a pause in typing goes on at once."""
        with self._lock:
            self._hurry = True
            self._turn.notify()

    def close(self) -> None:
        """The app is closing: nothing more is searched, and a waiting worker ends."""
        with self._lock:
            self._wanted, self._closed = None, True
            self._turn.notify()
