"""Where the reader was in a review comes back after a restart (the README promises it)."""

from __future__ import annotations

from pathlib import Path

from pytest import MonkeyPatch

from tests.ui.conftest import until
from tui_reader.core.content.models import Review
from tui_reader.core.store import Store
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.controllers.place import PlaceKeeper
from tui_reader.ui.state.remembered import load_state

LONG = Review("long", "A long read", "long.txt", tuple(f"Paragraph {i}. " + "word " * 30 for i in range(40)))
SHORT = Review("short", "Short", "short.txt", ("Only this.",))


async def test_reading_position_is_restored_after_a_restart(tmp_path: Path) -> None:
    Store(tmp_path).library.add([SHORT, LONG])
    app = ReaderApp(Store(tmp_path), [])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("j", "enter", "2", *["space"] * 3)
        await pilot.pause()
        left_at = app.main.reading.scroll_y
        assert app.main.review is not None and app.main.review.id == "long" and left_at > 20
        await pilot.press("q")
    app = ReaderApp(Store(tmp_path), [])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert app.main.review is not None and app.main.review.id == "long"
        assert app.main.reading.scroll_y == left_at
        assert app.main.reading.border_subtitle != "0%"


async def test_the_place_is_written_while_reading_not_only_on_quit(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    """A reader killed without quitting (`kill -9`, power lost) starts again near where it was:
    the place is written every `PlaceKeeper.EVERY` seconds when it changed, and not otherwise."""
    monkeypatch.setattr(PlaceKeeper, "EVERY", 0.05)
    store = Store(tmp_path)
    store.library.add([SHORT, LONG])
    app = ReaderApp(Store(tmp_path), [])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("j", "enter", "2", *["space"] * 3)
        await until(pilot, lambda: load_state(store.state_path).reading_scroll > 20)  # the timer's next turn
        written = load_state(store.state_path)
        assert written.review_id == "long" and written.pane == "reading"
        assert written.reading_scroll == app.main.reading.scroll_y
        file_id = store.state_path.stat().st_ino  # each write replaces the file: a new inode
        await pilot.pause(0.5)  # several turns of the timer, the place unchanged
        assert store.state_path.stat().st_ino == file_id
        app.exit()  # as a kill: no `q`, no quit-time write
    assert load_state(store.state_path).review_id == "long"
