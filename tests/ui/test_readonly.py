"""A data folder that refuses writes (read-only, full disk): reading goes on, every write says so."""

from __future__ import annotations

import pytest

from tests.ui.conftest import AppFactory
from tui_reader.core.store import StoreError, atomic


def refuse(path: object, data: bytes) -> None:
    raise StoreError(f"{path}: cannot write (the disk is full)")


async def test_writes_fail_with_a_message_and_reading_goes_on(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    monkeypatch.setattr(atomic, "atomic_write", refuse)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        for keys in (["f"], ["m"], ["3", "f"], ["2", "j", "J"]):
            await pilot.press(*keys)
            await pilot.pause()
        assert app.is_running
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors and all("disk is full" in message for message in errors)
        await pilot.press("1", "j", "enter")
        await pilot.pause()
        assert app.is_running


async def test_a_note_that_cannot_be_saved_keeps_its_text(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import TextArea

    from tui_reader.ui.screens.note_editor import NoteEditor

    app = make_app()
    monkeypatch.setattr(atomic, "atomic_write", refuse)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2", "a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"keep me", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "keep me"
        assert any(n.severity == "error" for n in app._notifications)
