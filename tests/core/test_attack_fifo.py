"""A FIFO (or a folder, or a device) where the store keeps a file (issue #14, item 10).

Reading a FIFO waits for a writer that never comes, so every command hung. The
store now looks before it reads (a non-blocking open, then fstat) and refuses in
one line naming the file and what it found.

How a test tells "never opened the FIFO for reading" without a clock: a helper
thread opens the FIFO for writing, which waits until someone opens it for reading.
Each time the code under test does (the old behaviour), the helper records it and
closes at once, so the old code reads an empty file and goes on instead of hanging.
At the end the test opens the FIFO itself to release the helper.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui_reader.cli import main
from tui_reader.core.content.models import Review
from tui_reader.core.search import SearchIndex
from tui_reader.core.store import Store
from tui_reader.core.store.atomic import NotAFileError, read_json

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


class FifoWatch:
    """A FIFO at `path`; `opened_by_code` says whether anything but the test opened it to read.

    The helper reaches the FIFO by a second name (a hard link in a folder of its own), so
    it can be released even after the code under test renamed or replaced `path`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.code_done = False
        self.opened_by_code = False
        self._own = Path(tempfile.mkdtemp(dir=path.parent.parent)) / "fifo"
        os.mkfifo(self._own)
        path.unlink(missing_ok=True)
        os.link(self._own, path)
        self._thread = threading.Thread(target=self._serve_readers, daemon=True)
        self._thread.start()

    def _serve_readers(self) -> None:
        while True:
            fd = os.open(self._own, os.O_WRONLY)  # returns once a reader has opened the FIFO
            done = self.code_done  # read while the code under test, if it is the reader, waits on us
            os.close(fd)  # the reader sees an empty file instead of waiting forever
            if done:
                return
            self.opened_by_code = True

    def finish(self) -> None:
        self.code_done = True
        fd = os.open(self._own, os.O_RDONLY | os.O_NONBLOCK)  # releases the helper if it still waits
        self._thread.join()
        os.close(fd)
        shutil.rmtree(self._own.parent)


@contextlib.contextmanager
def fifo_at(path: Path) -> Iterator[FifoWatch]:
    watch = FifoWatch(path)
    try:
        yield watch
    finally:
        watch.finish()
    assert watch.opened_by_code is False, f"{path.name} was opened for reading: it would block"


def _library(data: Path, count: int = 3) -> Store:
    store = Store(data)
    store.library.add([Review(f"r{i}", f"Title {i}", f"x/{i}", (f"A film, number {i}.",)) for i in range(count)])
    SearchIndex.open(store)
    return store


def _refused(run: Callable[[], object], path: Path, kind: str = "named pipe (FIFO)") -> None:
    with fifo_at(path), pytest.raises(NotAFileError) as caught:
        run()
    message = str(caught.value)
    assert str(path) in message and kind in message and "\n" not in message


def test_userdata_fifo_is_refused_when_the_store_opens(tmp_path: Path) -> None:
    _library(tmp_path)
    _refused(lambda: Store(tmp_path), tmp_path / "userdata.json")


def test_catalog_fifo_is_refused(tmp_path: Path) -> None:
    _library(tmp_path)
    _refused(lambda: Store(tmp_path), tmp_path / "library" / "catalog.bin")


def test_shard_fifo_is_refused_when_a_review_is_read(tmp_path: Path) -> None:
    _library(tmp_path)
    store = Store(tmp_path)
    (shard,) = (tmp_path / "library" / "shards").glob("*.json")
    _refused(lambda: store.library.get_at(0), shard)


def test_index_manifest_fifo_is_refused(tmp_path: Path) -> None:
    _library(tmp_path)
    store = Store(tmp_path)
    _refused(lambda: SearchIndex.open(store), tmp_path / "library" / "index" / "manifest.json")


def test_index_segment_fifo_is_refused(tmp_path: Path) -> None:
    _library(tmp_path)
    store = Store(tmp_path)
    (segment,) = (tmp_path / "library" / "index").glob("seg-*.bin")
    _refused(lambda: SearchIndex.open(store).search("film"), segment)


def test_any_json_file_of_ours_is_read_without_blocking(tmp_path: Path) -> None:
    _refused(lambda: read_json(tmp_path / "state.json"), tmp_path / "state.json")


def test_the_reader_state_fifo_is_ignored_not_waited_on(tmp_path: Path) -> None:
    """state.json is a convenience: the reader starts where it would with none (ui/state/remembered.py)."""
    from tui_reader.ui.state.remembered import UiState, load_state

    with fifo_at(tmp_path / "state.json"):
        assert load_state(tmp_path / "state.json") == UiState()


def test_a_folder_in_place_of_userdata_is_refused_by_name(tmp_path: Path) -> None:
    _library(tmp_path)
    (tmp_path / "userdata.json").mkdir()
    with pytest.raises(NotAFileError, match=r"userdata\.json: is a folder, not a regular file"):
        Store(tmp_path)


@pytest.mark.parametrize("command", [["list"], ["notes"], ["search", "film"]])
def test_the_cli_says_one_line_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    _library(tmp_path)
    capsys.readouterr()
    with fifo_at(tmp_path / "userdata.json"):
        code = main(["--data-dir", str(tmp_path), *command])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"tui-reader: {tmp_path / 'userdata.json'}: is a named pipe (FIFO)")
    assert "not a regular file" in lines[0]
