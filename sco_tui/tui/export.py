"""Writing a comparison's reports from the app: the full path said, never over an existing file."""

from __future__ import annotations

from pathlib import Path

from sco_tui.view.comparison import ComparisonView


def free_path(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``…: never overwrite a file."""
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def export(app, view: ComparisonView, folder: Path | None = None) -> list[Path]:
    """Write ``view`` as Markdown and HTML in ``folder`` (the current one by default); notify with
    the full paths, or with the reason a file could not be written."""
    from sco_tui.report.html import to_html
    from sco_tui.report.markdown import to_markdown

    folder = (folder or Path.cwd()).resolve()
    written = []
    for suffix, render in ((".md", to_markdown), (".html", to_html)):
        path = free_path(folder / f"sco-tui-comparison{suffix}")
        try:
            path.write_text(render(view), encoding="utf-8")
            written.append(path)
        except OSError as exc:
            app.notify(f"Could not write {path}: {exc.strerror or exc}", severity="error")
    if written:
        app.notify("Wrote " + " and ".join(str(p) for p in written), timeout=8)
    return written
