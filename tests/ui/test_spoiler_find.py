"""`/` and Enter in the reading pane of a review whose text is hidden (all spoiler), and of one not.

`/Ophelia` in a hidden review said "no match" (the words are there, hidden); it says the text is
hidden and that Enter shows it, and after Enter `n` finds them. Enter in a review with nothing
hidden said `Enter shows a spoiler review's text here; nothing is hidden in this one` every time:
it says nothing now (a review flagged a spoiler, its spoilers set apart in the text, says so).
"""

from __future__ import annotations

from tests.ui.conftest import AppFactory, until, until_open
from tests.ui.test_hostile_ui import painted_text
from tests.ui.test_search_pane import counter
from tui_reader.core.content.models import Review
from tui_reader.ui.app import ReaderApp

HIDDEN = Review(
    "w", "Hamlet", "x", ("Everyone dies and Ophelia drowns.",), author="ann", format="goodreads", spoiler=True
)
PLAIN = Review("p", "A film", "x", ("Nothing to hide here.",), author="bob", format="goodreads")
MARKED = Review("m", "Great", "x", ("Great game. >!The king dies!<.",), author="cy", format="steam", spoiler=True)


def notices(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_find_in_hidden_text_says_it_is_hidden_and_finds_it_once_shown(make_app: AppFactory) -> None:
    app = make_app([HIDDEN])
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "w")
        await pilot.press("2", "slash", *"Ophelia")
        await until(pilot, lambda: counter(app) != "")
        said = counter(app)
        assert "hidden" in said and "Enter" in said and "no match" not in said
        await pilot.press("enter")  # back to the pane
        await pilot.press("enter")  # shows the text
        await until(pilot, lambda: "Ophelia" in painted_text(app))
        await pilot.press("n")
        await until(pilot, lambda: counter(app) == "1/1")


async def test_a_find_matching_nothing_in_shown_text_says_no_match(make_app: AppFactory) -> None:
    app = make_app([PLAIN])
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "p")
        await pilot.press("2", "slash", *"zzqx")
        await until(pilot, lambda: counter(app) != "")
        assert counter(app) == "no match"


async def test_enter_in_a_review_with_nothing_hidden_says_nothing(make_app: AppFactory) -> None:
    app = make_app([PLAIN, MARKED])
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "p")
        app.clear_notifications()
        await pilot.press("2", "enter")
        await pilot.pause()
        assert notices(app) == []
        position = app.store.library.position("m")
        assert position is not None
        app.main.review_list.move_to(position)
        await until_open(pilot, app, "m")
        await pilot.press("2", "enter")
        await until(pilot, lambda: bool(notices(app)))
        assert any("set apart" in said for said in notices(app))
