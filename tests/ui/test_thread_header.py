"""What a comment header tells (who, score, age, replies, OP), `[` / `]` between top-level
comments, and a list that never scrolls sideways or shows half a row at the top."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.ui.conftest import NOW, AppFactory, synthetic, threaded
from tui_reader.core.content.models import Comment, Review
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.help import help_content


def header(app: ReaderApp, comment_id: str) -> str:
    """The header line of a visible comment, as drawn."""
    thread = app.main.thread
    node = thread.model.index_of(comment_id)
    assert node is not None
    index = thread.model.visible.index(node)
    return thread.render_line(thread._starts[index] - int(thread.scroll_y)).text


def iso(hours: float) -> str:
    return (NOW - timedelta(hours=hours)).isoformat()


def discussed() -> Review:
    """A post by `op` with a scored, dated thread; `op` answers once."""
    answer = Comment("c1a", "Thanks!", author="op", date=iso(1), score=1)
    second = Comment("c1b", "Agreed.", author="bob", date=iso(50))
    return Review(
        "post",
        "A post",
        "t",
        ("Body.",),
        author="op",
        comments=(
            Comment("c1", "First.", author="ann", date=iso(3), score=12, replies=(answer, second)),
            Comment("c2", "Second.", author="cy", date="not a date"),
        ),
    )


async def test_a_header_shows_score_age_replies_and_marks_the_original_poster(make_app: AppFactory) -> None:
    app = make_app([discussed()])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "3")
        first = header(app, "c1")
        assert "ann" in first and "12 pts · 3 h · 2 replies" in first and "OP" not in first
        assert "op OP  1 pt · 1 h" in header(app, "c1a")
        assert "bob  2 d" in header(app, "c1b")
        second = header(app, "c2")
        assert second.split() == ["•", "cy"]  # nothing invented: no score, no readable date, no replies
        assert "T" not in "".join(header(app, c) for c in ("c1", "c1a", "c1b"))  # no ISO timestamps


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_the_hidden_count_shows_however_long_the_author(make_app: AppFactory, size: tuple[int, int]) -> None:
    deep = Comment("d8", "leaf", author="x")
    for level in range(7, -1, -1):
        deep = Comment(f"d{level}", f"level {level}", author="a_very_long_user_name_" * 3, replies=(deep,), score=999)
    app = make_app([Review("deep", "Deep", "t", ("Body.",), comments=(deep,))])
    async with app.run_test(size=size) as pilot:  # one pane at a time; three panes, the comments ~45 wide
        await pilot.press("enter", "3", *["j"] * 6, "h")
        line = header(app, "d6")
        assert line.rstrip().endswith("+2 hidden"), line
        assert "a_very_long" in line  # the author cut, not dropped


async def test_brackets_jump_between_top_level_comments(make_app: AppFactory) -> None:
    app = make_app([threaded("t", (3, 2, 2))])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "3")
        thread = app.main.thread

        def at() -> str:
            assert thread.current is not None
            return thread.current.id

        assert at() == "c.0"
        await pilot.press("right_square_bracket")
        assert at() == "c.1"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert at() == "c.2"  # the last stays put
        await pilot.press("j", "j")  # into c.2's replies
        assert at() == "c.2.0.0"
        await pilot.press("left_square_bracket")
        assert at() == "c.2"  # a reply's own top-level comment first
        await pilot.press("left_square_bracket")
        assert at() == "c.1"
        await pilot.press("j", "right_square_bracket")
        assert at() == "c.2"
        shown = {key for key, active in app.screen.active_bindings.items() if active.binding.show}
        assert not {"left_square_bracket", "right_square_bracket"} & shown  # the footer keeps Help and Quit
        assert "previous top-level comment" in help_content().plain  # help lists them


async def test_the_list_never_scrolls_sideways_after_sort_filter_or_bookmarks(make_app: AppFactory) -> None:
    for size in ((140, 40), (80, 24)):
        app = make_app(synthetic(40))
        async with app.run_test(size=size) as pilot:
            review_list = app.main.review_list
            for keys in (["s"], ["slash", *"title", "enter"], ["escape", "F"], ["F"]):
                await pilot.press(*keys)
                await pilot.pause()
                assert review_list.max_scroll_x == 0 and not review_list.show_horizontal_scrollbar, keys


async def test_the_list_shows_whole_rows_from_the_top(make_app: AppFactory) -> None:
    app = make_app(synthetic(40))
    async with app.run_test(size=(80, 24)) as pilot:  # 21 rows of text: an odd height
        review_list = app.main.review_list
        assert review_list.scrollable_content_region.height % 2 == 1
        for _ in range(15):
            await pilot.press("j")
            assert review_list.scroll_y % 2 == 0
        await pilot.press("G")
        assert review_list.scroll_y % 2 == 0 and review_list.scroll_y == review_list.max_scroll_y
        assert review_list.render_line(review_list.scrollable_content_region.height - 2).text.strip()  # last row
        review_list.scroll_to(y=7, animate=False, immediate=True)  # a wheel or a drag
        assert review_list.scroll_y == 6


async def test_comment_bodies_wrap_to_the_pane_with_no_sideways_scroll(make_app: AppFactory) -> None:
    words = " ".join(f"word{i}" for i in range(60))
    comments = tuple(Comment(f"c{i}", words, author="a") for i in range(12))
    app = make_app([Review("long", "Long thread", "t", ("Body.",), comments=comments)])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "3")
        thread = app.main.thread
        assert thread.show_vertical_scrollbar  # it appeared after the first layout
        assert thread.max_scroll_x == 0 and not thread.show_horizontal_scrollbar
        width = thread.scrollable_content_region.width
        assert all(len(line) + 2 <= width for node in thread.model.visible for line in thread.body_lines(node))
        assert max(len(line) for line in thread.body_lines(0)) + 2 > width - 8  # and uses the width
