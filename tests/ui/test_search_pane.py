"""`/` in the reading and comments panes: incremental find, n / N with a wrapping counter, Esc, folded branches."""

from __future__ import annotations

import re

from tests.ui.conftest import AppFactory, seed_reviews
from tui_reader.core.content.models import Comment, Review
from tui_reader.ui.state.search_state import CURRENT, MATCH

SIZE = (140, 40)


def counter(app) -> str:  # type: ignore[no-untyped-def]
    bar = app.main.search.bar
    assert bar is not None
    return str(bar.query_one("#search-status").render())


def styled(app, pane, style) -> list[str]:  # type: ignore[no-untyped-def]
    """The text drawn in `style` on the pane's visible lines (what the reader sees lit)."""
    found = []
    for y in range(pane.scrollable_content_region.height):
        for segment in pane.render_line(y):
            if segment.style is not None and segment.style.bgcolor == style.bgcolor:
                found.append(segment.text)
    return found


async def test_find_in_the_reading_pane_with_n_and_N_wrapping(make_app: AppFactory) -> None:
    seeds = seed_reviews()
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # open the first seed in the reading pane
        reading = app.main.reading
        await pilot.press("slash", *"the")
        await pilot.pause()
        expected = sum(len(re.findall("the", line.text, re.IGNORECASE)) for line in reading.lines)
        assert expected > 3
        assert counter(app) == f"1/{expected}"
        assert styled(app, reading, CURRENT) and all(t.lower() == "the" for t in styled(app, reading, MATCH))
        await pilot.press("enter")  # back to the pane: n and N step
        assert app.main.focused is reading
        await pilot.press("n", "n")
        assert counter(app) == f"3/{expected}"
        await pilot.press("N", "N", "N")
        assert counter(app) == f"{expected}/{expected}"  # wrapped backwards
        await pilot.press("n")
        assert counter(app) == f"1/{expected}"  # and forwards
        for _ in range(expected - 1):
            await pilot.press("n")
        last = app.main.search.finds["reading"].matches[-1]
        assert reading.scroll_y <= last.key < reading.scroll_y + reading.scrollable_content_region.height
        await pilot.press("escape")
        assert app.main.search.bar is None and not app.main.search.finds
        assert not styled(app, reading, MATCH) and not styled(app, reading, CURRENT)
        assert app.main.focused is reading


async def test_escape_while_typing_closes_the_bar_and_returns_to_the_pane(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "slash", *"zzzz")
        await pilot.pause()
        assert counter(app) == "no match"
        await pilot.press("escape")
        assert app.main.search.bar is None and app.main.focused is app.main.reading
        await pilot.press("n")  # nothing to step through: a hint, never a crash
        assert app.is_running


def folded_review() -> Review:
    deep = Comment("c.0.1.0", "the hidden needleword is here", author="deep")
    replies = (Comment("c.0.0", "a reply"), Comment("c.0.1", "another reply", replies=(deep,)))
    top = (Comment("c.0", "top comment", replies=replies), Comment("c.1", "second top comment"))
    return Review("f", "Folded", "synthetic", ("Body.",), comments=top)


async def test_a_match_inside_a_collapsed_branch_expands_it(make_app: AppFactory) -> None:
    app = make_app([folded_review()])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3", "H")  # every thread collapsed
        thread = app.main.thread
        assert len(thread.model.visible) == 2
        await pilot.press("slash", *"needlew")
        await pilot.pause()
        assert counter(app) == "1/1"
        node = thread.model.index_of("c.0.1.0")
        assert node is not None and node in thread.model.visible  # its branch opened
        assert thread.current is not None and thread.current.id == "c.0.1.0"
        assert thread.model.hidden_count(thread.model.index_of("c.0") or 0) == 0
        assert "needlew" in styled(app, thread, CURRENT)


async def test_n_and_N_in_the_comments_pane(make_app: AppFactory) -> None:
    comments = tuple(Comment(f"c{i}", f"comment {i} says ping" + (" and ping" if i == 2 else "")) for i in range(4))
    app = make_app([Review("p", "Pings", "synthetic", ("Body.",), comments=comments)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3", "slash", *"ping", "enter")
        thread = app.main.thread
        assert counter(app) == "1/5"
        await pilot.press("n", "n", "n")  # c0, c1, c2 (twice): the second match in c2
        assert counter(app) == "4/5" and thread.current is not None and thread.current.id == "c2"
        await pilot.press("n")
        assert counter(app) == "5/5" and thread.current is not None and thread.current.id == "c3"
        await pilot.press("n")
        assert counter(app) == "1/5" and thread.current is not None and thread.current.id == "c0"
        await pilot.press("N")
        assert counter(app) == "5/5" and thread.current is not None and thread.current.id == "c3"


async def test_one_pane_at_a_time_the_searched_pane_stays_on_screen(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "3")  # the comments pane alone on screen
        await pilot.pause()
        assert app.main.has_class("-on-thread")
        await pilot.press("slash", *"sappy")
        await pilot.pause()
        assert app.main.has_class("-on-thread") and app.main.thread.region.area > 0
        assert counter(app) in ("no match", "1/1")
        await pilot.press("down")  # arrows while typing move in the searched pane, not the list
        assert app.main.review_list.cursor == 0


async def test_find_in_the_comments_matches_their_authors_names(make_app: AppFactory) -> None:
    """`/Danny_III` said `no match` in a thread where Danny_III posts five times: the names on the
    headers are found, lit and stepped to, as the words of the bodies are."""
    replies = tuple(Comment(f"r{i}", f"Reply number {i}.", author="Danny_III") for i in range(3))
    comments = (
        Comment("a", "First, by someone else.", author="someone", replies=replies),
        Comment("b", "Danny_III is right about this.", author="Danny_III"),
        Comment("c", "A last word.", author="Danny_III"),
    )
    app = make_app([Review("t", "Thread", "synthetic", ("Body.",), comments=comments)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3", "slash", *"Danny_III")
        await pilot.pause()
        assert counter(app) == "1/6"  # five headers and one body
        thread = app.main.thread
        assert thread.current is not None and thread.current.id == "r0"  # the first from the cursor on
        assert styled(app, thread, CURRENT) == ["Danny_III"]
        assert styled(app, thread, MATCH).count("Danny_III") == 5
        await pilot.press("enter", "n", "n", "n")
        assert thread.current is not None and thread.current.id == "b"  # its header, then its body
        await pilot.press("n")
        assert counter(app) == "5/6" and thread.current.id == "b"
        await pilot.press("n")
        assert counter(app) == "6/6" and thread.current.id == "c"
