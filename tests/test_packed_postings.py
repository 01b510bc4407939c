"""The packed postings (index.postings), the protocol-3 blocks (index.codec) and the term-at-a-time
writer (index.writers) change how the index is written, never what it answers: each is checked
against the Whoosh way it replaced."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from conftest import needs_sample, sample_part
from whoosh.formats import Characters, Positions

from sco_tui.index.postings import OnePassCharacters
from sco_tui.workspace.library import Library


class PickledCharacters(OnePassCharacters):
    """The same analysis, each posting encoded as Whoosh's ``Characters`` encodes it (pickled)."""

    packed = False

    def _pack(self, deltas: list[int], narrow: bool = False) -> bytes:
        return _whoosh_value(deltas)

    encode = Characters.encode
    decode_characters = Characters.decode_characters
    decode_positions = Characters.decode_positions
    decode_frequency = Positions.decode_frequency
    decode_weight = Positions.decode_weight
    decode_position_boosts = Positions.decode_position_boosts


def _articles(seed_copy: Path, tmp_path: Path, n: int = 150) -> list:
    from conftest import SAMPLE

    articles = list(Library([seed_copy]).corpus())
    if SAMPLE.exists():
        articles += list(Library([sample_part(tmp_path, n)]).corpus())
    return articles


def test_packed_values_decode_as_whoosh_characters() -> None:
    """Narrow and wide values (a text past 65,536 characters), one by one and many at once: the
    positions and characters Whoosh's own pickled encoding holds."""
    from sco_tui.index.analyzer import analyzer
    from sco_tui.index.postings import positions, triples

    long_text = "Minsk talks. " + "filler words here and there " * 2600 + "Minsk again, Lukashenko at the end."
    assert len(long_text) > 65536
    texts = ["Belarus and Belarus: the Belarusian talks in Minsk, Minsk and Minsk.", long_text, "a single word"]
    ana = analyzer()
    ours, theirs = OnePassCharacters(), Characters()
    values, expected = [], []
    for text in texts:
        mine = dict((w, v) for w, _n, _wt, v in ours.word_values(text, ana))
        whoosh = dict((w, v) for w, _n, _wt, v in theirs.word_values(text, ana))
        assert mine.keys() == whoosh.keys()
        for w, v in mine.items():
            chars = theirs.decode_characters(whoosh[w])
            assert ours.decode_characters(v) == chars, w
            assert ours.decode_positions(v) == [p for p, _s, _e in chars], w
            assert ours.decode_frequency(v) == len(chars), w
            values.append(v)
            expected.append(chars)
    wide = [v for v in values if len(v) % 2]
    assert wide and len(wide) < len(values)  # the long text's far words are wide, the rest narrow
    for batch in (values, [v for v in values if not len(v) % 2], wide, values[::-1]):
        want = [expected[values.index(v)] for v in batch]
        which, pos = positions(batch)
        assert [pos[which == i].tolist() for i in range(len(batch))] == [[p for p, _s, _e in c] for c in want]
        which, t = triples(batch)
        assert [t[which == i, 2].tolist() for i in range(len(batch))] == [[e - s for _p, s, e in c] for c in want]
    assert positions([])[0].size == 0


def _files(folder: Path) -> dict[str, bytes]:
    """The segment files by name less the segment's random id (compound files off)."""
    out = {}
    for path in folder.iterdir():
        if path.suffix in (".col", ".pst", ".trm", ".vps"):
            out[re.sub(r"^_?MAIN_[a-z0-9]+", "", path.name)] = path.read_bytes()
    return out


def test_term_at_a_time_writer_writes_whoosh_writers_bytes(seed_copy: Path, tmp_path: Path) -> None:
    """ListedLengthsWriter (postings by term, written a block at a time) leaves the very bytes
    Whoosh's SegmentWriter (sorting pool, posting by posting) leaves with the same codec: for new
    documents and for segments merged into one."""
    from whoosh import index as windex
    from whoosh.writing import SegmentWriter

    from sco_tui.index.codec import PackedCodec
    from sco_tui.index.schema import build_schema, document
    from sco_tui.index.writers import ListedLengthsWriter

    articles = _articles(seed_copy, tmp_path)

    def build(folder: Path, make, merge: bool) -> dict[str, bytes]:
        folder.mkdir()
        ix = windex.create_in(str(folder), build_schema())
        half = len(articles) // 2 if merge else len(articles)
        for part in (articles[:half], articles[half:]) if merge else (articles,):
            writer = make(ix)
            for article in part:
                writer.add_document(**document(article))
            writer.commit(merge=False)
        if merge:
            make(ix).commit(optimize=True)
        return _files(folder)

    for merge in (False, True):
        whoosh_way = build(tmp_path / f"whoosh-{merge}", lambda ix: SegmentWriter(ix, codec=PackedCodec(),
                                                                                     compound=False), merge)
        ours = build(tmp_path / f"ours-{merge}", lambda ix: ListedLengthsWriter(ix, compound=False), merge)
        assert any(name.endswith(".pst") for name in ours) and whoosh_way.keys() == ours.keys()
        for name in whoosh_way:
            assert whoosh_way[name] == ours[name], name


@needs_sample
def test_packed_index_answers_like_whoosh_encoding(tmp_path: Path, monkeypatch) -> None:
    """An index in Whoosh's own encoding (pickled positions, protocol-2 blocks, Whoosh's writer),
    searched by walking the matches, and the packed index searched with numpy give the same
    results: hits, scores, totals, counts per outlet, snippets and spans."""
    from whoosh import index as windex

    from sco_tui.index import union, vocabulary
    from sco_tui.index.mapped import open_mapped
    from sco_tui.index.schema import build_schema, document
    from sco_tui.index.search import QueryError, search
    from sco_tui.index.writers import ListedLengthsWriter

    articles = list(Library([sample_part(tmp_path, 500)]).corpus())

    def build(folder: Path, schema, make):
        ix = windex.create_in(str(folder), schema)
        writer = make(ix)
        for article in articles:
            writer.add_document(**document(article))
        writer.commit()
        forms: dict[str, str] = {}
        documents: dict[str, int] = {}
        vocabulary.collect(writer.schema, forms, documents)
        vocabulary.write(ix.storage, forms, documents)
        return open_mapped(str(folder)).searcher()

    schema = build_schema()
    for name in ("title", "body"):
        schema[name].format = PickledCharacters(field_boost=schema[name].format.field_boost)
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "packed").mkdir()
    reference = build(tmp_path / "whoosh", schema, lambda ix: ix.writer())
    packed = build(tmp_path / "packed", build_schema(), ListedLengthsWriter)
    assert type(packed.schema["body"].format) is OnePassCharacters

    queries = ["biden", "immigr*", "w*", "climat~", "oper?tion", '"health care"', '"the president said"',
               '"white house press secretary"', '"united states"', '"said that he said"',
               'title:"trump administration"',
               '"supreme court" justice', '"health care" OR "medical care"', "trump NOT biden", "exact:said",
               "exact:presidents", 'outlet:"fox news"', "tax OR taxes", "Kashmr"]
    used = []
    real = union.search
    monkeypatch.setattr(union, "search", lambda *a, **k: used.append(r := real(*a, **k)) or r)
    answers = {}
    for text in queries:
        for live in (False, True):
            try:
                answers[(text, live)] = search(packed, text, live=live)
            except QueryError as exc:
                answers[(text, live)] = str(exc)
    assert sum(r is not None for r in used) >= 20  # the numpy way, packed positions included
    assert any(r is not None and r[1] for r in used[12:14])  # '"the president said"' found, the numpy way
    monkeypatch.setattr(union, "ENABLED", False)
    for (text, live), answer in answers.items():
        try:
            assert search(reference, text, live=live) == answer, (text, live)
        except QueryError as exc:
            assert str(exc) == answer, (text, live)
    assert any(not isinstance(a, str) and a.total and any(h.spans for h in a.hits) for a in answers.values())
    reference.close()
    packed.close()


def _whoosh_value(deltas: list[int]) -> bytes:
    """Whoosh's ``Characters`` value of flat (position, start, length) deltas."""
    from pickle import dumps

    from whoosh.system import pack_uint

    codes = [tuple(deltas[i:i + 3]) for i in range(0, len(deltas), 3)]
    return pack_uint(len(codes)) + dumps(codes, 2)


@pytest.mark.parametrize("protocol", [2, 3])
def test_blocks_read_either_protocol(seed_copy: Path, tmp_path: Path, protocol: int, monkeypatch) -> None:
    """index.blocks reads blocks pickled by Whoosh (protocol 2) and by index.codec (3) alike."""
    from whoosh import index as windex

    from sco_tui.index import blocks, codec
    from sco_tui.index.schema import build_schema, document
    from sco_tui.index.writers import ListedLengthsWriter

    monkeypatch.setattr(codec, "PROTOCOL", protocol)
    ix = windex.create_in(str(tmp_path), build_schema())
    writer = ListedLengthsWriter(ix)
    for article in Library([seed_copy]).corpus():
        writer.add_document(**document(article))
    writer.commit()
    from sco_tui.index.mapped import open_mapped

    with open_mapped(str(tmp_path)).reader() as reader:
        checked = 0
        for term in reader.lexicon("body"):
            text = term.decode("utf-8")
            m = reader.postings("body", text)
            ids, values = [], []
            while m.is_active():
                ids.append(m.id())
                values.append(m.value())
                m.next()
            p = blocks.read(reader, "body", text)
            assert p is not None and p.ids.tolist() == ids, text
            assert p.values(np.arange(len(ids))) == values, text
            checked += 1
        assert checked > 400
