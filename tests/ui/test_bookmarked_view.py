"""One meaning of "bookmarked" in the list: a review you bookmarked something in, the review or
one of its comments. After `tui-reader bookmark ID --comment CID`, `F` listed 1 review where
`/is:bookmarked` found 2, and the review with the bookmarked comment had no mark in its row."""

from __future__ import annotations

from tests.ui.conftest import AppFactory, synthetic, threaded
from tests.ui.test_search import SIZE, filter_list, listed_ids
from tui_reader.core.store import Store


async def test_F_is_bookmarked_and_the_row_marks_agree(make_app: AppFactory) -> None:
    reviews = [*synthetic(3), threaded("t")]
    app = make_app(reviews)
    user = Store(app.store.data_dir).user  # as the CLI writes it
    user.toggle_bookmark(reviews[1].id)
    user.toggle_bookmark("t", "c.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = app.main.review_list
        marks = [lst.render_line(row * 2).text[:1] for row in range(len(reviews))]
        assert marks == [" ", "★", " ", "☆"]  # the review bookmarked; a comment of it bookmarked
        await pilot.press("F")
        await pilot.pause()
        from_F = [app.store.library.summary(p).id for p in lst.order]
        assert from_F == [reviews[1].id, "t"]
        await pilot.press("escape")
        await filter_list(app, pilot, "is:bookmarked")
        assert sorted(listed_ids(app)) == sorted(from_F)


async def test_f_on_a_comment_marks_its_review_in_the_list_and_F_keeps_it(make_app: AppFactory) -> None:
    app = make_app([*synthetic(2), threaded("t")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "enter", "3", "j", "f")  # a comment bookmarked in the comments pane
        await pilot.pause()
        lst = app.main.review_list
        assert lst.render_line(4).text[:1] == "☆"
        await pilot.press("1", "F")
        await pilot.pause()
        assert [app.store.library.summary(p).id for p in lst.order] == ["t"]
