"""`13 of 14 found this helpful` in the reading pane's head and `13/14 helpful` in the list row,
at 80x24: the voters Amazon's 2014 schema counts were dropped, and 0 of 14 read as nobody voting."""

from __future__ import annotations

from tests.ui.conftest import AppFactory
from tests.ui.test_subjects_rows import by_kind, row
from tui_reader.core.content.models import Review, Subject
from tui_reader.ui.widgets.reading_layout import VERDICT, layout


async def test_a_row_and_the_head_say_how_many_voted(make_app: AppFactory) -> None:
    trusted = Review("a", "Great", "t", ("Good.",), votes=13, voters=14, format="amazon", rating=5, rating_max=5)
    doubted = Review("b", "Cheap strings", "t", ("Bad.",), votes=0, voters=14, format="amazon")
    unvoted = Review("c", "New strings", "t", ("New.",), votes=0, voters=0, format="amazon")
    app = make_app([trusted, doubted, unvoted])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "13/14 helpful" in row(app, 0)[1] and "0/14 helpful" in row(app, 1)[1]
        assert "helpful" not in row(app, 2)[1]
        assert by_kind(app.main.reading.lines)[VERDICT] == "★★★★★ 5/5 · 13 of 14 found this helpful"
    assert by_kind(layout(doubted, 40))[VERDICT] == "0 of 14 found this helpful"  # the head of another review
    assert VERDICT not in by_kind(layout(unvoted, 40))


async def test_a_long_subject_leaves_room_for_the_votes_in_a_narrow_list(make_app: AppFactory) -> None:
    """At 140x40 the list is a third of the screen: Amazon's `Amazon product 1384719342` filled the
    row and its votes were never shown, even sorted by most votes."""
    product = Subject("Amazon product 1384719342 Pop Filter with Gooseneck Clip", "product", ref="asin:1384719342")
    review = Review("a", "Jake", "t", ("Good.",), votes=13, voters=14, format="amazon", subject=product)
    app = make_app([review])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        second = row(app, 0)[1]
        assert "13/14 helpful" in second and "Amazon prod" in second
