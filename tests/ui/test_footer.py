"""The footer: the focused place's keys on one line; a click on a key presses it."""

from __future__ import annotations

from tests.ui.conftest import AppFactory
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.widgets.footer import Footer


def _line(footer: Footer) -> str:
    return footer.render().plain


async def test_the_footer_shows_each_action_once_and_follows_the_focus(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        footer = app.main.query_one(Footer)
        line = _line(footer)
        assert "? Help" in line and "q Quit" in line and line.rstrip().endswith("^p palette")
        assert len(line) == footer.size.width  # the palette's key sits at the right edge
        actions = [binding.action for _, binding, _, _ in app.screen.active_bindings.values() if binding.show]
        assert sum(line.count(f" {key.shown} ") for key in footer._keys) == len(set(actions))
        before = line
        await pilot.press("slash")  # the search bar: its own keys
        await pilot.pause()
        assert _line(footer) != before and "q Quit" not in _line(footer)
        await pilot.press("escape")
        await pilot.pause()
        assert _line(footer) == before


async def test_a_click_on_a_key_presses_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        footer = app.main.query_one(Footer)
        at = _line(footer).index("? Help")
        await pilot.click(Footer, offset=(at + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_keys_that_do_not_fit_are_left_out_whole_at_80_columns(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        footer = app.main.query_one(Footer)
        line = _line(footer)
        assert len(line) == 60 and line.rstrip().endswith("^p palette")
        shown = [key for key in footer._keys if f" {key.shown} {key.description} " in line]
        assert 0 < len(shown) < len(footer._keys)  # some left out, none cut in half
