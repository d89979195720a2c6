"""The reading pane's paragraph cursor: j/k move it (scrolling when needed), copies and notes act on it."""

from __future__ import annotations

import pytest

from tests.ui.conftest import AppFactory
from tests.ui.test_personal_quotes import FakeClipboard, attach, copied
from tui_reader.core.content.models import Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.personal import clipboard
from tui_reader.ui.state.remembered import UiState

SHORT = Review("short", "Fits on screen", "short.txt", ("First paragraph.", "Second paragraph.", "Third one."))
LONG = Review("long", "A long read", "long.txt", tuple(f"Paragraph {i}. " + "word " * 40 for i in range(30)))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeClipboard:
    board = FakeClipboard()
    monkeypatch.setattr(clipboard, "system_copy_confirmed", board.copy)
    return board


async def test_j_reaches_paragraph_two_of_a_review_that_fits_and_y_copies_it(
    make_app: AppFactory, fake: FakeClipboard
) -> None:
    app = make_app([SHORT], state=UiState(review_id="short"))
    attach(app, fake)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        reading = app.main.reading
        assert reading.cursor == 0 and reading.max_scroll_y == 0
        await pilot.press("j")
        assert reading.cursor == 1
        first_line = reading.paragraph_lines(1).start
        assert reading.render_line(first_line).text.startswith("▌")  # the cursor is drawn
        assert not reading.render_line(reading.paragraph_lines(0).start).text.startswith("▌")
        await pilot.press("y")
        await copied(pilot, app)
        assert fake.system == ["Second paragraph."]
        await pilot.press("j", "j", "j")
        assert reading.cursor == 2  # stops on the last one
        await pilot.press("k", "k", "k")
        assert reading.cursor == 0


async def test_j_scrolls_to_keep_the_cursor_in_view_and_paging_moves_it(make_app: AppFactory) -> None:
    app = make_app([LONG], state=UiState(review_id="long"))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        reading = app.main.reading
        height = reading.scrollable_content_region.height
        for _ in range(12):
            await pilot.press("j")
            lines = reading.paragraph_lines(reading.cursor)
            assert reading.scroll_y <= lines.start and lines.stop <= reading.scroll_y + height
        assert reading.cursor == 12 and reading.scroll_y > 0
        await pilot.press("g")
        assert reading.scroll_y == 0 and reading.cursor <= 6  # the cursor follows onto the page
        await pilot.press("G")
        lines = reading.paragraph_lines(reading.cursor)
        assert lines.stop > reading.scroll_y


async def test_a_note_targets_the_cursor_paragraph(make_app: AppFactory) -> None:
    app = make_app([SHORT], state=UiState(review_id="short"))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "j", "j", "a")
        await pilot.pause()
        await pilot.press(*"mine", "ctrl+s")
        await pilot.pause()
        (note,) = app.store.user.snapshot().notes
        assert note.anchor == Anchor("short", paragraph=2, paragraph_text="Third one.")  # its words kept
        assert app.main.reading.render_line(app.main.reading.paragraph_lines(2).start).text.startswith("✎")
