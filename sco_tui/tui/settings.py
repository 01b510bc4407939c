"""What the app remembers between runs: the theme and the search history (XDG user dirs)."""

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


def load_settings() -> dict[str, object]:
    try:
        data = json.loads(_config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(key: str, value: object) -> str | None:
    data = load_settings()
    data[key] = value
    return _write(_config_file(), json.dumps(data, indent=2))


def load_history() -> list[str]:
    try:
        lines = _history_file().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [line for line in lines if line.strip()][-HISTORY_MAX:]


def add_to_history(history: list[str], query: str) -> str | None:
    """Append ``query`` (moved to the end if already there) and save."""
    query = query.strip()
    if not query:
        return None
    if query in history:
        history.remove(query)
    history.append(query)
    del history[:-HISTORY_MAX]
    return _write(_history_file(), "\n".join(history) + "\n")
