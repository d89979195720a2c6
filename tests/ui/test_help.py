"""The help screen (issue 18): it documents every search filter and scrolls as the panes do."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from tests.ui.conftest import AppFactory
from tui_reader.core.search.query import FACETS, HAS_VALUES, IS_VALUES, parse_query
from tui_reader.ui.screens.help import FILTER_HELP, SEARCH_FORMS, HelpScreen


def test_every_filter_of_the_query_parser_is_documented_with_an_example_it_accepts() -> None:
    assert set(FILTER_HELP) == set(FACETS)
    for facet, (example, _) in FILTER_HELP.items():
        if "VALUE" not in example and "NAME" not in example:
            (parsed,) = parse_query(example).facets
            assert parsed.name == facet
    for example, _ in SEARCH_FORMS:
        parse_query(example)  # never a QueryError: what help shows, search takes


async def test_help_shows_the_filters_and_scrolls_with_j_k_space_b_G_g(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Static").render())
        section = text.split("Search: what to type")[1].split("Bringing your reviews in")[0]
        for facet in FACETS:
            assert f"\n  {facet}:" in section
        for value in (*IS_VALUES.values(), *HAS_VALUES.values()):
            assert value in section
        body = app.screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y > body.size.height  # more than two pages: every key has something to do
        positions = []
        for key in ("j", "j", "k", "space", "b", "space", "G", "g"):
            await pilot.press(key)
            await pilot.pause()
            positions.append(body.scroll_y)
        page = positions[3] - positions[2]
        assert positions[:3] == [1, 2, 1] and page >= body.size.height - 2
        assert positions[4] == positions[2] and positions[5] == positions[3]
        assert positions[6] == body.max_scroll_y and positions[7] == 0


async def test_a_long_description_goes_on_under_its_column_at_80x24(make_app: AppFactory) -> None:
    """`toggle the subtree (comments)` wrapped to column 0, under the keys: it hangs under the descriptions."""
    from textual.geometry import Region
    from textual.widgets import Static

    from tui_reader.ui.screens.help import KEY_COLUMN

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        static = app.screen.query_one(Static)
        await pilot.pause()
        lines = [strip.text.rstrip() for strip in static.render_lines(Region(0, 0, *static.outer_size))]
        assert max(map(len, lines)) <= static.size.width
        (enter,) = [i for i, line in enumerate(lines) if line.lstrip().startswith("Enter ")]
        assert lines[enter].index("open the review") == KEY_COLUMN + 2
        assert lines[enter + 1].startswith(" " * (KEY_COLUMN + 2)) and "(comments)" in lines[enter + 1]
        for before, line in zip(["", *lines], lines, strict=False):  # a key's line, or hanging under one
            assert not line or line.startswith("  ") or not before  # or a group's title, after a blank line
        assert str(static.render()).count("toggle the subtree (comments)") == 1  # the whole text, unwrapped


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_a_key_as_wide_as_its_column_stands_apart_from_its_description(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """`TripAdvisor, any table a CSV/TSV/JSON Lines file…`: one space after a long key read as one
    phrase. The key gets its own line, the description goes under the column."""
    from textual.geometry import Region
    from textual.widgets import Static

    from tui_reader.ui.screens.help import KEY_COLUMN

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark", "G")
        static = app.screen.query_one(Static)
        await pilot.pause()
        lines = [strip.text.rstrip() for strip in static.render_lines(Region(0, 0, *static.outer_size))]
        (key,) = [i for i, line in enumerate(lines) if "TripAdvisor, any table" in line]
        assert lines[key].strip() == "TripAdvisor, any table"
        assert lines[key + 1].startswith(" " * (KEY_COLUMN + 2) + "a CSV/TSV/JSON Lines file")
        for line in lines:  # every key is two spaces or more from what it does
            assert "table a CSV" not in line
