"""Where the reader was in a review comes back after a restart (the README promises it)."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.content.models import Review
from tui_reader.core.store import Store
from tui_reader.ui.app import ReaderApp

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
