"""The HTML brief as a reader gets it: rendered by a real browser (headless Chromium), printed to
PDF, and read back as text. Skips with the reason where Chromium or pdftotext is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
# As Chromium runs in a closed sandbox: no background traffic, and every host name unresolvable,
# so that a page which tried to fetch anything would render without it.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--no-pdf-header-footer"]

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed (apt-get install poppler-utils)"),
]


def render(html: Path, tmp_path: Path) -> str:
    pdf = tmp_path / "brief.pdf"
    done = subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                           f"--print-to-pdf={pdf}", html.as_uri()], capture_output=True, text=True, timeout=120)
    assert pdf.exists() and pdf.stat().st_size > 10_000, done.stderr[-2000:]
    return subprocess.run([str(PDFTOTEXT), str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_html_brief_renders_in_a_real_browser(cli, tmp_path: Path) -> None:
    html = tmp_path / "brief.html"
    rc, _, err = cli("compare", "-o", html)
    assert rc == 0, err
    source = html.read_text(encoding="utf-8")
    assert "<script" not in source and "src=" not in source and "@import" not in source and "url(" not in source
    assert "\u00a0" not in source  # 002 sets sentences with no-break spaces: the browser broke words to fit
    text = " ".join(render(html, tmp_path).split())
    assert "Putin and Xi to meet in Astana SCO summit" in text  # the event, named
    assert "5 articles · 2024-07-03 to 2024-07-15 (3 undated)" in text
    for outlet in ("Press TV", "Asian Lite News", "Unattributed · Russia and"):
        assert outlet in text
    for heading in ("The articles", "What the outlets report", "What only one outlet reports",
                    "What each outlet leaves out", "Voices", "How this was computed"):
        assert heading in text, heading
    assert "leaves it out" in text
    assert "special military operation" in text  # Press TV's own words, in its own sentence
    assert "001_a947" not in text  # people's names for columns, never ids


def test_the_markdown_brief_says_the_same(cli) -> None:
    rc, md, _ = cli("compare", "--format", "md")
    rc2, html, _ = cli("compare", "--format", "html")
    assert rc == rc2 == 0
    for heading in ("What the outlets report", "What only one outlet reports", "What each outlet leaves out",
                    "How this was computed"):
        assert f"## {heading}" in md and f"<h2>{heading}</h2>" in html
    assert md.count("*leaves it out*") == html.count(">leaves it out<")
    more = [line for line in md.splitlines() if line.startswith("… and ")]  # lists cut at 8 say so
    assert more and len(more) == html.count("list them all") and all(line[6].isdigit() for line in more)
