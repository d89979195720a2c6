"""A theme picked while reading repaints the panes' text in its colours, not only their borders
(each pane works out its base style once a frame, `LinePane.frame_style`)."""

from __future__ import annotations

from textual.theme import Theme
from textual.widget import Widget

from tests.ui.conftest import AppFactory, seed_reviews
from tui_reader.ui.app import ReaderApp

PROBE = Theme(name="probe", primary="#88c0d0", background="#0a1b2c", surface="#123456", dark=True)


def text_background(app: ReaderApp, pane: Widget, row: int) -> str | None:
    """The background colour of a cell of text in `pane`, as painted."""
    region = pane.content_region
    style = app.screen.get_style_at(region.x + 4, region.y + row)
    return style.bgcolor.triplet.hex if style.bgcolor and style.bgcolor.triplet else None


async def test_a_theme_change_repaints_the_panes_text_in_its_colours(make_app: AppFactory) -> None:
    app = make_app(seed_reviews())
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.main
        assert text_background(app, screen.review_list, 2) != "#123456"  # row 2: not the cursor's
        app.register_theme(PROBE)
        app.theme = "probe"
        await pilot.pause()
        assert text_background(app, screen.review_list, 2) == "#123456"
        assert text_background(app, screen.reading, 0) == "#0a1b2c"
