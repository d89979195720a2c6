"""The app over damaged files in its data folder: each said in one line, nothing else lost."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.ui.conftest import AppFactory, seed_reviews, synthetic, until
from tests.ui.test_search import filter_list, listed_ids
from tui_reader.core.store import Store
from tui_reader.core.store.library_read import SHARD_SIZE
from tui_reader.ui import app as app_module
from tui_reader.ui.app import ReaderApp, run_app

SIZE = (140, 40)


def warnings(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "warning"]


@pytest.mark.parametrize("kind", ["a folder", "a named pipe (FIFO)"])
async def test_no_file_where_state_json_goes_is_said_and_left_alone(
    make_app: AppFactory, tmp_path: Path, kind: str
) -> None:
    """A folder there: it started and quit with exit 0, the place never saved, without a word.
    A FIFO: refused on reading, then replaced by the first save."""
    folder = tmp_path / "d"
    state = Store(folder).state_path
    folder.mkdir()
    if kind == "a folder":
        state.mkdir()
    else:
        os.mkfifo(state)
    app = make_app(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j")
        app.main.remember()
        await pilot.pause()
        said = [message for message in warnings(app) if "state.json" in message]
        assert len(said) == 1 and f"is {kind}, not a file" in said[0] and "\n" not in said[0]
    assert app.main.place.problem == said[0]
    assert state.is_dir() if kind == "a folder" else stat.S_ISFIFO(state.stat().st_mode)


def test_the_place_not_remembered_is_said_at_exit_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A notice is gone in seconds: the line is said where the reader's shell is, as it quits."""
    store = Store(tmp_path / "d")
    store.library.add(seed_reviews())
    store.state_path.mkdir()

    def run(self: ReaderApp, **_: object) -> None:  # the app as it ends: its importer made, nothing imported
        self.main.importer = SimpleNamespace(stopped_notice=None)  # type: ignore[assignment]

    monkeypatch.setattr(app_module.ReaderApp, "run", run)
    assert run_app(Store(tmp_path / "d"), [], None) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"tui-reader: {store.state_path}: is a folder")


async def test_a_damaged_shard_met_while_reading_is_said_and_the_pane_says_why(make_app: AppFactory) -> None:
    """The notice said "re-import to restore it" at start only, and the pane "No review open"."""
    app = make_app(synthetic(SHARD_SIZE + 1))
    shard = app.store.library.shard_folder / "000001.json"
    shard.write_bytes(b"garbage\n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not warnings(app)
        await pilot.press("1", "G", "enter")
        await pilot.pause()
        app.check_library()  # the app's once-a-second look, now
        await pilot.pause()
        (said,) = [message for message in warnings(app) if "000001.json" in message]
        assert "moved to 000001.json.corrupt-" in said
        assert "text is missing" in app.main.reading.empty
        app.check_library()
        await pilot.pause()
        assert len([message for message in warnings(app) if "000001.json" in message]) == 1  # said once
    assert not shard.exists()


async def test_a_file_where_the_index_folder_goes_is_said_and_the_filter_works(make_app: AppFactory) -> None:
    """`/film` showed "search index: [Errno 20] Not a directory: …" and left the list unfiltered."""
    app = make_app(synthetic(3) + seed_reviews())
    index = app.store.library.folder / "index"  # not made yet: an import makes it, not `Library.add`
    index.write_bytes(b"not a folder")
    async with app.run_test(size=SIZE) as pilot:
        await filter_list(app, pilot, "film")
        await until(pilot, lambda: len(listed_ids(app)) == 2)
        (said,) = [message for message in warnings(app) if "search index" in message]
        assert "was a file, not a folder; moved to index.corrupt-" in said
    assert index.is_dir() and len(list(index.parent.glob("index.corrupt-*"))) == 1
