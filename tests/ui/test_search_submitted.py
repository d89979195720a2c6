"""A list filter submitted (Enter) matches as `tui-reader search` does: its last word is a
word, no longer a prefix being typed. `/"great film` Enter kept listing "what a great
filmmaker", which the CLI leaves out."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.ui.conftest import AppFactory, until
from tests.ui.test_search import SIZE, filter_list, listed_ids
from tui_reader.cli import main as cli_main
from tui_reader.core.content.models import Review

REVIEWS = [
    Review("film", "One", "x/1", ("What a great film, all told.",)),
    Review("maker", "Two", "x/2", ("What a great filmmaker she is.",)),
    Review("other", "Three", "x/3", ("Nothing to see.",)),
]


def cli_ids(folder: Path, query: str, capsys: pytest.CaptureFixture[str]) -> set[str]:
    capsys.readouterr()
    cli_main(["search", "--data-dir", str(folder), "--json", "--", query])
    return {orjson.loads(line)["id"] for line in capsys.readouterr().out.splitlines()}


@pytest.mark.parametrize("query", ['"great film', "great film"])
async def test_enter_finishes_the_query_and_the_list_agrees_with_the_cli(
    make_app: AppFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    folder = tmp_path / "shared"
    app = make_app(REVIEWS, folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await filter_list(app, pilot, query)
        assert sorted(listed_ids(app)) == ["film", "maker"]  # while typing: `film` may be `filmmaker`
        await pilot.press("enter")
        await until(pilot, lambda: app.main.review is not None)
        await pilot.pause()
        assert listed_ids(app) == ["film"]
        assert app.main.review is not None and app.main.review.id == "film"
        await pilot.press("1", "slash", "end", "backspace")  # typed again (`great fil`): a prefix again
        await pilot.pause()
        assert sorted(listed_ids(app)) == ["film", "maker"]
    assert cli_ids(folder, query, capsys) == {"film"}


async def test_a_phrase_submitted_gets_the_phrase_index_and_the_whole_answer(make_app: AppFactory) -> None:
    """`"operating sys` typed needs no phrase index (its last word a prefix, checked on the text for
    a moment); Enter made it a phrase the index answers, but nothing indexed the phrases: over
    IMDb's 25,000 reviews `"great film` Enter said "at least 54 reviews" for good, the CLI 294."""
    from tui_reader.core.search.index import PHRASES_INLINE

    many = [
        Review(f"r{n}", f"title {n}", f"x/{n}", ("an operating system" if n % 3 == 0 else "operating on a system",))
        for n in range(PHRASES_INLINE * 2)
    ]
    expected = {f"r{n}" for n in range(0, PHRASES_INLINE * 2, 3)}
    app = make_app(many)
    async with app.run_test(size=SIZE) as pilot:
        await filter_list(app, pilot, '"operating system')
        await pilot.press("enter")

        def whole() -> bool:
            index, listed = app.main.search.index, app.main.search.list_filter
            caught_up = index is not None and index.phrases.caught_up()  # the worker indexed the phrases
            return caught_up and listed is not None and listed.result.unchecked == 0

        await until(pilot, whole)
        await pilot.pause()
        assert set(listed_ids(app)) == expected
