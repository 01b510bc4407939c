"""A full build on two cores: Whoosh's multiprocess writer, keeping one segment per process, that
also brings back the vocabulary each process saw.

Each writer process analyses its documents with its own copy of the schema, so the surface forms
it records (``OnePassCharacters.vocabulary``) would die with it: each writes them to a file in a
folder of the parent's before it exits, and the parent reads them after the commit.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from whoosh.multiproc import MpWriter, SubWriterTask

from sco_tui.index import vocabulary


class _Task(SubWriterTask):
    def __init__(self, folder: str, *args) -> None:
        super().__init__(*args)
        self.folder = folder

    def run(self) -> None:
        """``SubWriterTask.run`` (multisegment) with a ``ListedLengthsWriter``, then the vocabulary."""
        from sco_tui.index.writers import ListedLengthsWriter

        ix = self.storage.open_index(self.indexname)
        writer = self.writer = ListedLengthsWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            jobinfo = self.jobqueue.get()
            if jobinfo is None:
                break
            self._process_file(*jobinfo)
        if not self.running:
            writer.cancel()
            return
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        forms: dict[str, str] = {}
        documents: dict[str, int] = {}
        vocabulary.collect(writer.schema, forms, documents)
        out = Path(self.folder) / f"{os.getpid()}.json"
        out.write_text(json.dumps([forms, documents], ensure_ascii=False), encoding="utf-8")
        self.resultqueue.put((None, fieldnames, segment), timeout=5)


class VocabularyMpWriter(MpWriter):
    """``MpWriter(procs, multisegment=True)``; ``collect_vocabulary`` adds what its processes saw."""

    def __init__(self, ix, procs: int = 2, **kwargs) -> None:
        super().__init__(ix, procs=procs, multisegment=True, **kwargs)
        self.folder = tempfile.mkdtemp(prefix="sco-tui-vocab-")

    def _new_task(self):
        task = _Task(self.folder, self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                     self.multisegment)
        self.tasks.append(task)
        task.start()
        return task

    def collect_vocabulary(self, forms: dict[str, str], documents: dict[str, int]) -> None:
        """After the commit: the forms and stem counts every writer process saw, then the folder goes."""
        try:
            for path in sorted(Path(self.folder).glob("*.json")):
                child_forms, child_documents = json.loads(path.read_text(encoding="utf-8"))
                forms.update(child_forms)
                for stem, n in child_documents.items():
                    documents[stem] = documents.get(stem, 0) + n
            vocabulary.collect(self.schema, forms, documents)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def cancel(self) -> None:
        try:
            super().cancel()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
