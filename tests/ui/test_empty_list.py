"""A list with no row says why, and what to press, in the list pane itself.

`F` with no bookmarks was a blank pane (only its border said `0 bookmarked · imported order`), and
a filter matching nothing said why in a notice that went, leaving the pane blank, at 140x40 and
at 80x24 (where the list is the one pane shown).
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import AppFactory, synthetic, until
from tests.ui.test_search import filter_list
from tui_reader.ui.app import ReaderApp

Size = tuple[int, int]
SIZES = ((140, 40), (80, 24))


def list_text(app: ReaderApp) -> str:
    """What the list pane draws, its lines joined (a message wraps in a narrow pane)."""
    lst = app.main.review_list
    lines = [lst.render_line(y).text.strip() for y in range(lst.scrollable_content_region.height)]
    return " ".join(line for line in lines if line)


async def shown_list(app: ReaderApp, pilot: Pilot[None]) -> None:
    await pilot.press("1")  # at 80x24 one pane at a time: the list
    await until(pilot, lambda: app.main.review_list.scrollable_content_region.height > 0)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_the_bookmarked_view_with_no_bookmarks_says_f_bookmarks(make_app: AppFactory, size: Size) -> None:
    app = make_app(synthetic(3))
    async with app.run_test(size=size) as pilot:
        await shown_list(app, pilot)
        await pilot.press("F")
        await pilot.pause()
        assert not app.main.review_list.order
        said = list_text(app)
        assert said.startswith("No bookmarks yet: f bookmarks the open review"), said
        assert "Esc shows every review" in said
        await pilot.press("f")  # as it says: the review still open is bookmarked and listed
        await until(pilot, lambda: len(app.main.review_list.order) == 1)
        assert "No bookmarks" not in list_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_a_filter_with_no_match_says_so_in_the_list_after_its_notice_has_gone(
    make_app: AppFactory, size: Size
) -> None:
    app = make_app(synthetic(3))
    async with app.run_test(size=size) as pilot:
        await shown_list(app, pilot)
        await filter_list(app, pilot, "zzzqx")
        await pilot.press("enter")
        await until(pilot, lambda: not app.main.review_list.order)
        app.clear_notifications()
        await shown_list(app, pilot)
        said = list_text(app)
        assert said.startswith("No review matches the filter") and said.endswith("Esc clears it"), said
        await pilot.press("escape")
        await until(pilot, lambda: len(app.main.review_list.order) == 3)
        assert "No review" not in list_text(app)


async def test_a_filter_word_read_as_no_filter_gives_its_hint_in_the_list(make_app: AppFactory) -> None:
    """The no-match hint `no_match_hint` makes (a word read as no filter) is said there too; a query
    refused (a misspelled filter) says why, once the bar that said it is closed."""
    from tui_reader.core.search.query import no_match_hint

    app = make_app(synthetic(3))
    async with app.run_test(size=(140, 40)) as pilot:
        await filter_list(app, pilot, "genre:zzqx")
        await until(pilot, lambda: app.main.search.list_filter is not None and not app.main.review_list.order)
        assert list_text(app) == f"No review matches the filter ({no_match_hint('genre:zzqx')}): Esc clears it"
        await pilot.press("escape", "escape")
        await until(pilot, lambda: len(app.main.review_list.order) == 3)
        await filter_list(app, pilot, "autor:zz")
        await pilot.press("enter")
        await until(pilot, lambda: app.main.search.rejected is not None)
        said = list_text(app)
        assert said.startswith("Not a query: ") and "author:" in said and said.endswith("Esc clears it"), said
