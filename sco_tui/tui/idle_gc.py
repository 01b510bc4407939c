"""Python's full garbage collections, moved from keystrokes to the pauses between them.

Textual leaves cyclic garbage on every frame (a ``Strip`` keeps itself in its own crop cache),
about 1,600 objects a keystroke on the hits pane, so the collector runs often. Its young passes
take a millisecond; a full pass walks every object the app holds that ``gc.freeze`` has not set
aside (the search's vocabulary, the widgets' line caches) and took 10-50 ms of the main thread,
on whichever keystroke it fell: 4-5 of 68 keystrokes of the keystroke benchmark, its p95.

While the user types, full passes wait (the third threshold is raised; young passes run as
usual); once typing pauses for ``PAUSE`` seconds, or after ``MOST_KEYS`` keystrokes without a
pause, one full pass runs and the thresholds are restored.
"""

from __future__ import annotations

import gc

PAUSE = 0.6  # seconds without a keystroke: the user reads the hits
MOST_KEYS = 100  # keystrokes without a pause (a held key) before a full pass runs anyway
HELD = 1 << 30  # the third threshold while typing: no full pass starts by itself


class IdleCollector:
    """Holds full collections from the first keystroke of a burst until typing pauses."""

    def __init__(self, app, pause: float | None = None, most_keys: int | None = None) -> None:
        self._app = app
        self._pause = PAUSE if pause is None else pause
        self._most_keys = MOST_KEYS if most_keys is None else most_keys
        self._saved: tuple[int, int, int] | None = None  # the thresholds before the burst
        self._keys = 0
        self._timer = None

    @property
    def holding(self) -> bool:
        """Full collections wait for a pause (a burst of typing is on)."""
        return self._saved is not None

    def typed(self) -> None:
        """A keystroke: hold full collections until typing pauses."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.set_threshold(self._saved[0], self._saved[1], HELD)
            self._keys = 0
        self._keys += 1
        if self._keys >= self._most_keys:
            self.collect()
            return
        if self._timer is None:
            self._timer = self._app.set_timer(self._pause, self._paused, name="idle collection")
        else:
            self._timer.reset()

    def _paused(self) -> None:
        self._timer = None  # it has fired
        self.collect()

    def collect(self) -> None:
        """The pause: one full pass, then collections as they were."""
        self.stop()
        gc.collect()

    def stop(self) -> None:
        """Restore the thresholds (the app is closing, or typing paused)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None


_imports_set_aside = False
#: The collector's first threshold while the app starts: the imports and the first frame allocate
#: ~150k container objects, and at the usual 700 the young passes ran ~130 times (with ~12 of the
#: middle generation) before the list was drawn, ~25 ms all told, for almost no garbage.
STARTING = 100_000
_held_from: tuple[int, int, int] | None = None


def hold_young_collections() -> None:
    """Collect less often while the app starts (see ``STARTING``) until ``release_young_collections``."""
    global _held_from
    if _held_from is None:
        _held_from = gc.get_threshold()
        gc.set_threshold(STARTING, *_held_from[1:])


def release_young_collections() -> None:
    """The thresholds as they were before ``hold_young_collections`` (the first frame is drawn)."""
    global _held_from
    if _held_from is not None:
        gc.set_threshold(*_held_from)
        _held_from = None


def set_aside_imports() -> None:
    """Keep what the imports made (modules, classes, Textual's styles: ~55k objects) out of every
    later collection, once per process. Without it the first full pass came while the first
    frame was being built and walked all of them: ~30 ms of a ~430 ms start."""
    global _imports_set_aside
    if not _imports_set_aside:
        _imports_set_aside = True
        gc.freeze()
