"""The bundled default corpus: five articles on the July 2024 SCO summit in Astana."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

METADATA = "metadata.toml"


@cache
def seeds_dir() -> Path:
    """Where the seed files are: inside the installed package, or the source tree's ``seeds/``."""
    packaged = Path(str(resources.files("sco_tui"))) / "seeds"
    if packaged.is_dir():
        return packaged
    source_tree = Path(__file__).resolve().parents[2] / "seeds"
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError("the bundled seed articles are missing from this installation")


@cache
def seed_metadata() -> dict[str, dict[str, tuple[str, str]]]:
    """``{article id: {field: (value, how)}}`` from the seeds' metadata file ('' means unknown)."""
    import tomllib  # here: listing the cached seeds needs only ``seeds_dir``

    with (seeds_dir() / METADATA).open("rb") as fh:
        data = tomllib.load(fh)
    return {aid: {k: (v.get("value", ""), v.get("how", "")) for k, v in fields.items()}
            for aid, fields in data.items()}
