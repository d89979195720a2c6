"""Keys typed faster than a frame (a held key's auto-repeat) each count, and g/G move the paragraph cursor.

Found by a new-user pass: ten `j` sent at once scrolled the help one line, because each scroll was
computed from a position not yet moved (Textual defers a scroll to the next refresh). The reading
pane's page keys now scroll at once too; its burst test passed before that change as well, and holds
that it stays so. `G` in a review that fits left the cursor on paragraph 1, so `G y` copied the first
paragraph.
"""

from __future__ import annotations

from textual.containers import VerticalScroll

from tests.ui.conftest import AppFactory
from tests.ui.test_paragraph_cursor import LONG, SHORT
from tests.ui.test_search_keys import burst, settled
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.state.remembered import UiState


async def test_ten_j_at_once_scroll_the_help_ten_lines(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body", VerticalScroll)
        burst(app, "j" * 10)
        await settled(pilot, lambda: body.scroll_y >= 10)
        assert body.scroll_y == 10
        burst(app, "k" * 4)
        await settled(pilot, lambda: body.scroll_y <= 6)
        assert body.scroll_y == 6


async def test_three_spaces_at_once_page_the_reading_pane_three_times(make_app: AppFactory) -> None:
    app = make_app([LONG], state=UiState(review_id="long"))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        reading = app.main.reading
        page = reading.scrollable_content_region.height - 1
        assert reading.max_scroll_y > 3 * page
        burst(app, "   ")
        await settled(pilot, lambda: reading.scroll_y >= 3 * page)
        assert reading.scroll_y == 3 * page
        burst(app, "bb")
        await settled(pilot, lambda: reading.scroll_y <= page)
        assert reading.scroll_y == page


async def test_G_and_g_put_the_paragraph_cursor_on_the_last_and_first_paragraph(make_app: AppFactory) -> None:
    app = make_app([SHORT], state=UiState(review_id="short"))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        reading = app.main.reading
        assert reading.max_scroll_y == 0 and reading.cursor == 0
        await pilot.press("G")
        assert reading.cursor == len(SHORT.paragraphs) - 1
        await pilot.press("g")
        assert reading.cursor == 0
