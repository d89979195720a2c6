"""The filter bar holds exactly what was typed, however fast (found by a tester in a 36,040-review library).

Textual inserts a typed character in the line as the line reads the key, but runs a key's binding
(Backspace, Ctrl+U, the arrows) only once the key is back up at the App. While a slow filter kept the
App busy, the characters typed after a Backspace reached the line before the Backspace ran: `toy story`,
5 Backspaces and `coco` left `/toy soco`; Ctrl+U then `stars:1` left the filter empty. These tests post
each burst the way the driver does (all keys before any is handled), behind a filter made slow.
"""

from __future__ import annotations

import threading

import pytest

from tests.ui.conftest import AppFactory, synthetic, until
from tests.ui.test_search_keys import bar_of, burst, settled, typed
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.controllers.search import SearchController

SIZE = (140, 40)


@pytest.fixture
def slow_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each search holds the App for a moment, as one over a big library does (no clock is asserted)."""
    pause = threading.Event()
    original = SearchController._filter

    def slow(self: SearchController, text: str) -> None:
        pause.wait(0.02)
        original(self, text)

    monkeypatch.setattr(SearchController, "_filter", slow)


def handled(app: ReaderApp) -> bool:
    """Every message posted has been handled: no node has one waiting (the burst's keys included)."""
    return all(node._message_queue.empty() for node in (app, *app.screen.walk_children(with_self=True)))


@pytest.mark.usefixtures("slow_filter")
@pytest.mark.parametrize(
    ("first", "keys", "expected"),
    [
        ("toy story", [*["backspace"] * 5, *"coco"], "toy coco"),
        ("toy story", ["ctrl+u", *"kind:product"], "kind:product"),
        ("toy story", ["ctrl+u", *"stars:1"], "stars:1"),
        ("toy story", ["left", "left", "left", "backspace", "x"], "toy sxory"),  # the cursor before `ory`: the `t` goes
    ],
)
async def test_the_bar_holds_what_was_typed_in_one_burst(
    make_app: AppFactory, first: str, keys: list[str], expected: str
) -> None:
    app = make_app(synthetic(40))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "slash")
        await settled(pilot, lambda: app.main.search.bar is not None)
        burst(app, [*first, *keys])
        await until(pilot, lambda: typed(app, expected)() or handled(app))
        assert bar_of(app).text == expected
        await until(pilot, lambda: app.main.search.list_filter is not None)
        assert app.main.search.list_filter.text == expected  # the list shows the latest text's results


async def test_a_burst_searches_only_what_the_line_holds_when_it_gets_to_it(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each text a burst passed was searched in turn (172 ms each for one letter over 36k reviews):
    a change the line has moved on from is skipped, and the latest is searched."""
    app = make_app(synthetic(40))
    searched: list[tuple[str, str]] = []
    original = SearchController._filter

    def recording(self: SearchController, text: str) -> None:
        bar = self.bar
        searched.append((text, bar.input.value if bar is not None else text))
        threading.Event().wait(0.02)  # as one over a big library: the keys after it queue meanwhile
        original(self, text)

    monkeypatch.setattr(SearchController, "_filter", recording)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "slash")
        await settled(pilot, lambda: app.main.search.bar is not None)
        burst(app, [*"body 1"])
        await until(pilot, lambda: typed(app, "body 1")() and handled(app))
        await until(pilot, lambda: app.main.search.list_filter is not None)
        assert app.main.search.list_filter.text == "body 1"
        assert searched and searched[-1][0] == "body 1"
        assert all(text == holding for text, holding in searched), searched  # none the line had left
