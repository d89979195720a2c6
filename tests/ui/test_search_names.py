"""Enter on a list filtered by a commenter's name opens the thread at their comment (a tester's finding:
`author:NAME` opened the post at its top, and the name as a word found nothing)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import AppFactory, until
from tests.ui.test_search import filter_list, listed_ids
from tui_reader.core.content.models import Comment, Review

THREAD = Review(
    "t1",
    "The Hegel Myth",
    "r/1",
    ("A post about Kaufmann.",),
    author="Poster",
    comments=(
        Comment("c1", "I read it twice.", author="someone"),
        Comment(
            "c2", "It is a polemic.", author="other", replies=(Comment("c3", "I know.", author="PresidentCleveland"),)
        ),
        Comment("c4", "Late.", author="last"),
    ),
)
OTHER = Review("t2", "Unrelated", "r/2", ("Nothing here.",), author="Nobody")


@pytest.mark.parametrize("query", ["presidentcleveland", "author:PresidentCleveland"])
async def test_enter_opens_the_thread_at_the_commenters_comment(make_app: AppFactory, query: str) -> None:
    app = make_app([OTHER, THREAD])
    async with app.run_test(size=(140, 40)) as pilot:
        await filter_list(app, pilot, query)
        assert listed_ids(app) == ["t1"]
        await pilot.press("enter")
        screen = app.main
        await until(pilot, lambda: screen.thread.current is not None and screen.thread.current.id == "c3")
        assert screen.review is not None and screen.review.id == "t1"
        assert screen.focused is screen.thread
