"""What the app remembers between runs: the theme and the search history (XDG user dirs).

A file that cannot be read is never written over: it is set aside as ``….damaged`` when the app
next saves, and the app says so once."""

from __future__ import annotations

import json
import os
from pathlib import Path

APP_NAME = "sco-tui"
HISTORY_MAX = 200


def _config_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.json"


def _history_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME)) / "history.txt"


def _write(path: Path, text: str) -> str | None:
    """Write atomically; return a one-line reason on failure (the app carries on without saving)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        return f"could not save {path}: {exc.strerror or exc}"
    return None


def _save_over_damage(path: Path, damaged: bool, text: str) -> str | None:
    """Write ``text`` to ``path``; a damaged file there is first moved to ``<name>.damaged`` (never
    written over). A one-line notice when something is to be said, else None."""
    if not damaged:
        return _write(path, text)
    kept = path.with_name(path.name + ".damaged")
    try:
        os.replace(path, kept)
    except OSError as exc:
        return f"{path} could not be read nor set aside ({exc.strerror or exc}); not saved"
    return _write(path, text) or f"{path.name} could not be read: kept as {kept}, a new one saved"


def _read_settings() -> tuple[dict[str, object], bool]:
    """The settings, and whether a file is there that cannot be read as them."""
    try:
        data = json.loads(_config_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, False
    except (OSError, ValueError, RecursionError):
        return {}, True
    return (data, False) if isinstance(data, dict) else ({}, True)


def load_settings() -> dict[str, object]:
    return _read_settings()[0]


def save_setting(key: str, value: object) -> str | None:
    data, damaged = _read_settings()
    data[key] = value
    return _save_over_damage(_config_file(), damaged, json.dumps(data, indent=2))


def _read_history() -> tuple[list[str], bool]:
    try:
        lines = _history_file().read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return [], False
    except (OSError, UnicodeDecodeError):
        return [], True
    return [line for line in lines if line.strip()][-HISTORY_MAX:], False


def load_history() -> list[str]:
    return _read_history()[0]


def add_to_history(history: list[str], query: str) -> str | None:
    """Append ``query`` (moved to the end if already there) and save."""
    query = query.strip()
    if not query:
        return None
    if query in history:
        history.remove(query)
    history.append(query)
    del history[:-HISTORY_MAX]
    return _save_over_damage(_history_file(), _read_history()[1], "\n".join(history) + "\n")
