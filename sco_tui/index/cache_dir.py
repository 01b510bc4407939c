"""Where the caches live: the user cache folder (``SCO_TUI_CACHE_DIR`` overrides it), else a
temporary one, and each corpus's folder in it.

Apart from ``store`` (the index's code) so that a relaunch can find its article cache with these
light imports alone."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

APP_NAME = "sco-tui"


def _writable(folder: Path) -> str | None:
    """None when ``folder`` exists (or can be made) and a file can be written in it, else why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-").close()  # made and removed: writable
        return None
    except OSError as exc:
        return exc.strerror or type(exc).__name__


def cache_root() -> tuple[Path, str | None, bool]:
    """The cache folder, a notice when the usual one could not be used, and whether anything can be
    written at all (when not, the index lives in memory for this session and nothing is saved)."""
    import platformdirs

    wanted = Path(os.environ.get("SCO_TUI_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME))
    reason = _writable(wanted)
    if reason is None:
        return wanted, None, True
    try:
        temp = Path(tempfile.gettempdir())
    except (OSError, FileNotFoundError):  # no usable temporary folder at all
        temp = Path("/tmp")
    fallback = temp / f"{APP_NAME}-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    why_not = _writable(fallback)
    if why_not is None:
        return fallback, f"cache dir {wanted} is not writable ({reason}); using {fallback} for this session", True
    return wanted, (f"cache dir {wanted} is not writable ({reason}), nor is {fallback} ({why_not}); "
                    "the index is kept in memory and not saved"), False


def corpus_folder(base: Path, key: str) -> Path:
    """The folder of the corpus ``key`` (its index, article cache and stories) under ``base``."""
    return base / "indexes" / key
