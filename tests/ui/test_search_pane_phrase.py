"""`/` in a pane finds the words typed as a phrase, as a browser's find bar does (a tester's finding:
in WordPress's "Page Markup And Formatting", `2` then `/Two roads diverged` said `1/13` and went to
`Header two`); the list's filter still lights its words anywhere in the review it opened."""

from __future__ import annotations

from tests.ui.conftest import AppFactory, until, until_open
from tests.ui.test_search_pane import counter
from tui_reader.core.content.models import Review

POEM = "Two roads diverged in a yellow wood, And sorry I could not travel both And be one traveler, long I stood"
POST = Review(
    "post",
    "Page Markup And Formatting",
    "synthetic",
    (
        "Header two",
        "List item two",
        POEM,
        "Two more words, and roads elsewhere.",
    ),
    format="wxr",
)


async def test_the_typed_words_are_found_together(make_app: AppFactory) -> None:
    app = make_app([POST])
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "post")
        await pilot.press("2", "slash", *"two ROADS diverged", "enter")
        await pilot.pause()
        assert counter(app) == "1/1"  # was 1/13: each word on its own
        find = app.main.search.finds["reading"]
        line = app.main.reading.lines[find.matches[0].key]
        assert line.text[find.matches[0].start : find.matches[0].end] == "Two roads diverged"
        bar = app.main.search.bar
        assert bar is not None and "phrase" in bar.input.placeholder  # the bar says what find does


async def test_a_phrase_wrapped_over_lines_is_found(make_app: AppFactory) -> None:
    app = make_app([POST])
    async with app.run_test(size=(80, 24)) as pilot:  # one pane at a time: the poem wraps
        await until_open(pilot, app, "post")
        await pilot.press("2", "slash", *POEM.lower(), "enter")
        await pilot.pause()
        assert counter(app) == "1/1"
        lit = app.main.search.finds["reading"]._by_line
        assert len(lit) > 1  # over the lines it wrapped to


async def test_the_list_filter_still_lights_its_words_anywhere(make_app: AppFactory) -> None:
    app = make_app([POST])
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "post")
        await pilot.press("slash", *"yellow sorry", "enter")
        await until(pilot, lambda: "reading" in app.main.search.finds)
        find = app.main.search.finds["reading"]
        await until(pilot, lambda: len(find.refresh()) == 2)  # both words, apart: the query's
