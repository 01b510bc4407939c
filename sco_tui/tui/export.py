"""Writing a comparison's reports from the app: the full path said, never over an existing file."""

from __future__ import annotations

from pathlib import Path

from sco_tui.view.comparison import ComparisonView

SUFFIXES = (".md", ".html")


def free_stem(folder: Path, stem: str, suffixes: tuple[str, ...] = SUFFIXES) -> str:
    """``stem``, or ``stem-2``, ``stem-3``…: the first for which no file of any of ``suffixes`` exists,
    so a pair of reports keeps one name and never overwrites a file."""
    n, candidate = 2, stem
    while any((folder / f"{candidate}{s}").exists() for s in suffixes):
        candidate = f"{stem}-{n}"
        n += 1
    return candidate


def export(app, view: ComparisonView, folder: Path | None = None) -> list[Path]:
    """Write ``view`` as Markdown and HTML in ``folder`` (the current one by default); notify with
    the full paths, or with the reason a file could not be written."""
    from sco_tui.report.html import to_html
    from sco_tui.report.markdown import to_markdown

    folder = (folder or Path.cwd()).resolve()
    written = []
    stem = free_stem(folder, "sco-tui-comparison")
    for suffix, render in zip(SUFFIXES, (to_markdown, to_html), strict=True):
        path = folder / f"{stem}{suffix}"
        try:
            with path.open("x", encoding="utf-8") as out:  # "x": a file made meanwhile is not overwritten
                out.write(render(view))
            written.append(path)
        except OSError as exc:
            app.notify(f"Could not write {path}: {exc.strerror or exc}", severity="error")
    if written:
        app.notify("Wrote " + " and ".join(str(p) for p in written), timeout=8)
    return written
