"""PostgreSQL backend against a real, throwaway server: schema and migration, incremental loading,
several corpora, searching while loading, and every fault as one line with nothing half-written."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from sco_tui.corpus.load import fingerprint, load_corpus
from sco_tui.index.api import BackendError
from sco_tui.index.backends import open_backend
from sco_tui.index.postgres.schema import SCHEMA_VERSION

psycopg = pytest.importorskip("psycopg")


def loaded(url: str, paths: list[Path]):
    corpus = load_corpus(paths)
    key, fp = fingerprint(paths, {})
    backend = open_backend(url, key)
    return backend, corpus, fp


def test_schema_is_created_versioned_and_a_newer_one_refused(pg_url: str) -> None:
    backend, corpus, fp = loaded(pg_url, [])
    backend.sync(corpus, fp)
    backend.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT version FROM sco_schema").fetchall() == [(SCHEMA_VERSION,)]
        assert {r[0] for r in conn.execute("SELECT extname FROM pg_extension")} >= {"pg_trgm", "fuzzystrmatch",
                                                                                   "unaccent"}
        kinds = dict(conn.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'sco_articles'"))
        assert "gin (doc)" in kinds["sco_articles_doc"]
        conn.execute("UPDATE sco_schema SET version = 99")
    again, _c, _f = loaded(pg_url, [])
    newer = rf"schema version 99, newer than this sco-tui understands \({SCHEMA_VERSION}\)"
    with pytest.raises(BackendError, match=newer):
        again.search("Belarus")


def test_rows_without_a_stored_search_text_highlight_the_same(pg_url: str, seed_copy: Path) -> None:
    """Rows loaded before schema 3 kept no search text: their spans are made from the body, and are the same."""
    backend, corpus, fp = loaded(pg_url, [seed_copy])
    backend.sync(corpus, fp)
    queries = ["Belarus", '"special military operation"', "Erdoğan", "US", "terror*"]
    stored = [backend.search(q).hits for q in queries]
    assert all(stored) and any(h.spans for hits in stored for h in hits)
    backend.connection().execute("UPDATE sco_articles SET body_search = NULL")
    backend.connection().commit()
    assert [backend.search(q).hits for q in queries] == stored
    one = stored[0][0]
    assert backend.spans(one.id, "Belarus") == one.spans
    backend.close()


def test_refresh_is_incremental_by_content_hash(pg_url: str, seed_copy: Path) -> None:
    backend, corpus, fp = loaded(pg_url, [seed_copy])
    assert backend.sync(corpus, fp).added == 5 and backend.is_current(fp)
    (seed_copy / "extra.txt").write_text("Extra headline\n\nThe Kashmir question came up again in Astana.\n",
                                         encoding="utf-8")
    (seed_copy / "000_6f0f72e896a6eae1.txt").unlink()
    text = (seed_copy / "004_c8b71dc69254530b.txt").read_text(encoding="utf-8")
    (seed_copy / "004_c8b71dc69254530b.txt").write_text(text.replace("Belarus", "Belarus and Kashmir", 1),
                                                        encoding="utf-8")
    second, corpus2, fp2 = loaded(pg_url, [seed_copy])
    assert not second.is_current(fp2)
    report = second.sync(corpus2, fp2)
    assert (report.added, report.removed) == (2, 1)  # extra, and 004 replaced; 000 removed
    assert {h.id for h in second.search("Kashmir").hits} == {"001_a947daa3add8d49a", "003_625b4c25c277fb8f",
                                                              "004_c8b71dc69254530b", "extra"}
    assert second.search("Guterres").total == 1
    assert second.sync(corpus2, fp2).added == 0 and second.is_current(fp2)
    backend.close()
    second.close()


def test_several_corpora_share_one_database(pg_url: str, seed_copy: Path) -> None:
    seeds, corpus, fp = loaded(pg_url, [])
    seeds.sync(corpus, fp)
    (seed_copy / "extra.txt").write_text("Extra\n\nKashmir talks in Astana.\n", encoding="utf-8")
    other, corpus2, fp2 = loaded(pg_url, [seed_copy / "extra.txt"])
    other.sync(corpus2, fp2)
    assert seeds.search("Kashmir").total == 2 and other.search("Kashmir").total == 1
    other.drop()
    assert not other.is_current(fp2) and seeds.search("Kashmir").total == 2
    seeds.close()
    other.close()


def test_search_works_while_loading_and_sees_whole_batches(pg_url: str) -> None:
    writer, corpus, fp = loaded(pg_url, [])
    reader, _c, _f = loaded(pg_url, [])
    seen = []
    writer.sync(corpus, fp, batch=2, progress=lambda done, _total: seen.append(
        (done, reader.search("Putin").total, writer.search("Putin").total)))
    assert seen == [(2, 2, 2), (4, 4, 4), (5, 5, 5)]  # each committed batch, whole, to every reader
    stopped, corpus2, fp2 = loaded(pg_url, [])
    stopped.drop()
    report = stopped.sync(corpus2, fp2, batch=2, should_stop=lambda: True)
    assert report.added == 2 and not stopped.is_current(fp2)
    assert reader.search("Putin").total == 2
    resumed = stopped.sync(corpus2, fp2, batch=2)
    assert resumed.added == 3 and stopped.is_current(fp2) and reader.search("Putin").total == 5
    for b in (writer, reader, stopped):
        b.close()


def test_unreachable_server_is_one_line(tmp_path: Path) -> None:
    backend = open_backend(f"postgresql://postgres@/db?host={tmp_path}&port=5999", "k")
    with pytest.raises(BackendError, match=r"^cannot connect to PostgreSQL \(postgres@.*:5999/db\): .*") as err:
        backend.search("Belarus")
    assert "\n" not in str(err.value)


def test_wrong_password_is_one_line_without_the_password(pg_cluster, pg_url: str) -> None:
    pg_cluster.sql("DO $$ BEGIN CREATE ROLE reader LOGIN PASSWORD 'right'; "
                   "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    url = pg_url.replace("postgresql://postgres@", "postgresql://reader:Xq7-not-it@")
    with pytest.raises(BackendError, match='password authentication failed for user "reader"') as err:
        open_backend(url, "k").search("Belarus")
    assert "Xq7-not-it" not in str(err.value) and "\n" not in str(err.value)


def _blocked(pg_url: str, backend, then) -> BaseException | None:
    """Run a search while another session locks the articles; ``then(pid)`` acts on the waiting search."""
    caught: list[BaseException] = []

    def run() -> None:
        try:
            backend.search("Belarus")
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            caught.append(exc)

    with psycopg.connect(pg_url) as locker, psycopg.connect(pg_url, autocommit=True) as watcher:
        locker.execute("LOCK TABLE sco_articles IN ACCESS EXCLUSIVE MODE")
        thread = threading.Thread(target=run)
        thread.start()
        pid = None
        for _ in range(400):  # polled outside the locking transaction, whose statistics snapshot stands still
            row = watcher.execute("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                  "AND datname = current_database()").fetchone()
            if row:
                pid = row[0]
                break
            time.sleep(0.05)
        then(pid)
        thread.join(20)
        locker.rollback()
    return caught[0] if caught else None


def test_statement_timeout_is_one_line(pg_url: str) -> None:
    backend, corpus, fp = loaded(pg_url, [])
    backend.sync(corpus, fp)
    slow, _c, _f = loaded(pg_url + "&options=-c%20statement_timeout%3D300", [])
    error = _blocked(pg_url, slow, lambda _pid: None)
    assert isinstance(error, BackendError)
    assert str(error).startswith("PostgreSQL cancelled the search: canceling statement due to statement timeout")
    assert slow.search("Belarus").total == 5  # the next search works
    backend.close()
    slow.close()


def test_server_going_away_mid_search_is_one_line_then_reconnects(pg_url: str) -> None:
    backend, corpus, fp = loaded(pg_url, [])
    backend.sync(corpus, fp)
    with psycopg.connect(pg_url, autocommit=True) as admin:
        error = _blocked(pg_url, backend, lambda pid: admin.execute("SELECT pg_terminate_backend(%s)", (pid,)))
    assert isinstance(error, BackendError) and str(error).startswith("lost PostgreSQL during the search:")
    assert "\n" not in str(error)
    assert backend.search("Belarus").total == 5  # a new connection next time
    backend.close()


def test_connection_lost_while_loading_leaves_whole_batches(pg_url: str) -> None:
    backend, corpus, fp = loaded(pg_url, [])
    admin = psycopg.connect(pg_url, autocommit=True)

    def kill(done: int, _total: int) -> None:
        if done == 2:  # the loading session is the one holding the corpus's advisory lock
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                          "AND pid <> pg_backend_pid()")

    with pytest.raises(BackendError, match=r"^lost PostgreSQL during loading articles"):
        backend.sync(corpus, fp, batch=2, progress=kill)
    assert admin.execute("SELECT count(*) FROM sco_articles").fetchone()[0] == 2
    assert not backend.is_current(fp)
    assert backend.sync(corpus, fp).added == 3 and backend.is_current(fp)
    admin.close()
    backend.close()


# -- through the real entry points -------------------------------------------------------------------
def test_every_command_takes_a_database(cli, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rc, out, err = cli("index", "--database", pg_url)
    assert rc == 0 and "5 indexed" in out and "PostgreSQL" in out, err
    rc, out, _err = cli("index", "--database", pg_url)
    assert rc == 0 and "up to date" in out
    result = cli.json("search", "Kashmir", "--database", pg_url)
    assert [h["id"][:3] for h in sorted(result["hits"], key=lambda h: h["id"])] == ["001", "003"]
    assert result["by_outlet"] == {"Asian Lite News": 1, "Unattributed": 1}
    monkeypatch.setenv("SCO_TUI_DATABASE_URL", pg_url)  # the default for --database
    assert cli.json("search", "Erdogn~")["total"] == 4
    rc, _out, err = cli("search", "xx:yy")
    assert rc == 2 and err.startswith("sco-tui: bad query: unknown field 'xx:'")
    rc, out, err = cli("search", "oper?tion", "--json")  # what the engine cannot honour, said in one line
    assert rc == 0 and "no wildcards inside words: oper?tion is searched as oper*" in err and '"total": 1' in out
    assert len(cli.json("list")) == 5
    assert cli.json("show", "004_c8b71dc69254530b")["outlet"] == "Press TV"
    stories = cli.json("stories")
    assert stories and sum(len(s["articles"]) for s in stories) == 5
    comparison = cli.json("compare", "--articles", "001_a947daa3add8d49a,003_625b4c25c277fb8f")
    assert len(comparison["articles"]) == 2


@pytest.mark.parametrize("url", ["postgresql://nobody:pw@/x?host=/nonexistent&port=1", "not a url"])
def test_bad_database_is_one_line_and_exit_2(cli, url: str) -> None:
    rc, out, err = cli("search", "Kashmir", "--database", url)
    assert rc == 2 and not out
    assert err.startswith("sco-tui: cannot connect to PostgreSQL") and err.count("\n") == 1
    assert "Traceback" not in err and "pw@" not in err


def test_missing_database_is_one_line(cli, pg_cluster) -> None:
    rc, _out, err = cli("index", "--database", pg_cluster.url("no_such_db"))
    assert rc == 2 and 'database "no_such_db" does not exist' in err and err.count("\n") == 1


async def test_the_app_searches_the_database(pg_url: str) -> None:
    from test_app import hit_ids, settle, text_of

    from sco_tui.tui.app import create_app
    from sco_tui.tui.widgets.reader import Reader
    from sco_tui.workspace.database import make_library

    library = make_library([], {}, pg_url)
    app = create_app([], {}, library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "index ready" in text_of(app, "#status")
        assert library.is_current()  # the indexing child loaded the database
        await pilot.press("slash", *"Kas")
        await settle(app, pilot)
        assert hit_ids(app) == ["001", "003"]
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        reader = app.query_one(Reader)
        assert [reader.article.body[s:e] for s, e in reader.spans] == ["Kashmir"]
    library.close()


def test_psycopg_only_under_its_backend() -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1] / "sco_tui"
    for path in root.rglob("*.py"):
        if "postgres" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "import psycopg" not in text and "from psycopg" not in text, path
    code = ("import sys, sco_tui.cli, sco_tui.index.backends, sco_tui.index.query; "
            "print('psycopg' in sys.modules, 'whoosh' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_a_c_locale_database_is_named_in_a_notice(pg_cluster) -> None:
    pg_cluster.sql("CREATE DATABASE c_locale TEMPLATE template0 LC_CTYPE 'C' LC_COLLATE 'C'")
    backend, corpus, fp = loaded(pg_cluster.url("c_locale"), [])
    backend.sync(corpus, fp)
    assert any("C locale" in n and "UTF-8" in n for n in backend.notices)
    backend.close()


@pytest.mark.skipif(not __import__("conftest").SAMPLE.exists(), reason="the AllSides sample is not beside the repo")
def test_sample_loads_and_searches_like_whoosh(pg_url: str) -> None:
    from conftest import SAMPLE

    backend, corpus, fp = loaded(pg_url, [SAMPLE])
    report = backend.sync(corpus, fp, batch=1000)
    assert report.added == 2000 and backend.is_current(fp)
    result = backend.search("immigration reform", limit=20)
    assert result.total == 110 and len(result.hits) == 20  # the count the Whoosh index gives (test_index)
    assert sum(result.by_outlet.values()) == result.total
    assert all(h.snippets and h.spans for h in result.hits)
    assert backend.search("w*").total > 1000
    assert backend.search("immigrasion").suggestion == "immigration"  # one edit, the most common
    assert backend.search("immigratoin~2").total >= backend.search("immigration").total > 0
    backend.close()
