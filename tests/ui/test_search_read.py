"""Read state, sort and per-review memory (issue 5): read when the end is shown, sort and places kept across runs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.ui.conftest import AppFactory, synthetic, threaded, until, until_open
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.store import Store
from tui_reader.ui.state.remembered import load_state

SIZE = (140, 40)


def long_review(review_id: str = "long") -> Review:
    paragraphs = tuple(f"Paragraph {i} of a review long enough to scroll at any size." for i in range(80))
    return Review(review_id, "A long review", "synthetic", paragraphs)


async def test_a_review_is_read_once_its_end_has_been_shown(make_app: AppFactory) -> None:
    short = synthetic(2)
    app = make_app([long_review(), *short])
    async with app.run_test(size=SIZE) as pilot:
        read = lambda: app.store.user.snapshot().read  # noqa: E731
        await pilot.press("enter")  # the long one: its start is shown, not its end
        await pilot.pause()
        assert "long" not in read()
        await pilot.press("space")
        await pilot.pause()
        assert "long" not in read()
        await pilot.press("G")
        await pilot.pause()
        assert "long" in read()
        await pilot.press("m")  # m still toggles, and scrolling at the end does not undo it
        assert "long" not in read()
        await pilot.press("k", "j")
        await pilot.pause()
        assert "long" not in read()
        await pilot.press("1", "j", "enter")  # a short review fits whole: read on opening
        await pilot.pause()
        assert short[0].id in read()


async def test_a_hidden_reading_pane_shows_nothing_so_marks_nothing(make_app: AppFactory) -> None:
    reviews = synthetic(3)
    app = make_app(reviews)
    async with app.run_test(size=(80, 24)) as pilot:  # one pane at a time: the list alone
        await pilot.press("j", "j")
        await until_open(pilot, app, reviews[2].id)  # the preview loads the review into the hidden pane
        await pilot.pause(0.4)  # a read mark from the load would be written by now (a slow machine can only pass this)
        assert not app.store.user.snapshot().read
        await pilot.press("tab")  # now the text is on screen
        await until(pilot, lambda: reviews[2].id in app.store.user.snapshot().read)


async def test_sort_is_remembered_across_a_restart(make_app: AppFactory, tmp_path: Path) -> None:
    folder = tmp_path / "kept"
    reviews = [replace(r, rating=float(i % 4)) for i, r in enumerate(synthetic(8))]
    app = make_app(reviews, folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "s", "s")  # title, date, rating
        await pilot.press("q")
    assert load_state(Store(folder).state_path).sort == "rating"
    again = make_app([], folder=folder)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = again.main.review_list
        ratings = [again.store.library.summary(lst.order[i]).id for i in range(len(lst.order))]
        by_rating = sorted(reviews, key=lambda r: -(r.rating or 0))  # stable: ties keep import order
        assert ratings == [r.id for r in by_rating]
        assert "stars, highest first" in str(lst.border_subtitle)  # the rating sort, as the list shows ratings


async def test_reopening_restores_scroll_and_comment_and_marks_new_comments(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "places"
    thread = threaded("t", (4, 2))
    app = make_app([long_review(), thread], folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "space")  # a page into the long review
        left_at = app.main.reading.scroll_y
        assert left_at > 5
        await pilot.press("J", "3", "j", "j")  # the thread: third comment
        assert app.main.thread.current is not None and app.main.thread.current.id == "c.0.1"
        await pilot.press("2", "K")  # back to the long review: where it was left
        await pilot.pause()
        assert app.main.review is not None and app.main.review.id == "long" and app.main.reading.scroll_y == left_at
        await pilot.press("J")
        await pilot.pause()
        assert app.main.thread.current is not None and app.main.thread.current.id == "c.0.1"
        assert not app.main.thread.new_ids  # nothing is new on the first visits
        await pilot.press("q")
    added = Comment("c.new", "A reply added since", author="late")
    Store(folder).library.add([replace(thread, comments=(*thread.comments, added))])  # a re-import
    again = make_app([], folder=folder)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        thread_view = again.main.thread
        assert again.main.review is not None and again.main.review.id == "t"
        assert thread_view.new_ids == {"c.new"}
        node = thread_view.model.index_of("c.new")
        assert node is not None
        header = "".join(text for text, _ in thread_view._header(node))
        assert "late" in header and "new" in header
        old_header = "".join(text for text, _ in thread_view._header(0))
        assert "new" not in old_header
        await pilot.press("1", "K", "J")  # leave and reopen it: seen now, no longer new
        await pilot.pause()
        assert not again.main.thread.new_ids


async def test_a_restart_finds_the_remembered_review_on_its_row_or_wherever_it_moved(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "rows"
    reviews = [replace(r, rating=float(i % 4)) for i, r in enumerate(synthetic(12))]
    app = make_app(reviews, folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "k", "k", "k", "enter")  # title order, a row up from where the cursor was
        chosen, row = app.main.review, app.main.review_list.cursor
        await pilot.press("q")
    state = load_state(Store(folder).state_path)
    assert chosen is not None and state.review_id == chosen.id and state.list_row == row > 0
    for moved_by_another_import in (False, True):
        if moved_by_another_import:  # a review sorting first now: the remembered row holds another
            Store(folder).library.add([Review("new", "AAA first by title", "synthetic", ("text",))])
        again = make_app([], folder=folder)
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            lst = again.main.review_list
            assert lst.order[lst.cursor] == again.store.library.position(chosen.id)
            assert lst.cursor == (row + 1 if moved_by_another_import else row)
