"""Every screen's keys can be found: `?` and F1 list them in the notes (`A`), subjects (`S`),
sources (`W`) and links (`o`) screens too, the command palette runs them, and at 80x24 none is out of reach.

Found by a tester: there `?` did nothing, the sources' hint was cut to `… u unfollow  x un…` and
its footer ended at `u Unfollow`, so `x unfollow and remove` was visible nowhere; Ctrl+P listed
only Textual's own commands."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.ui.conftest import AppFactory, seed_reviews, until
from tests.ui.test_formatted_reading import OPEN, markdown_review
from tests.ui.test_sources_rows import sources
from tui_reader.core.sources.record import SourceBook
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.help import KEY_COLUMN, HelpScreen
from tui_reader.ui.screens.links import LinksScreen
from tui_reader.ui.screens.notes import NotesScreen
from tui_reader.ui.screens.screen_keys import ScreenKeys
from tui_reader.ui.screens.sources import SourcesScreen
from tui_reader.ui.screens.subjects import SubjectsScreen
from tui_reader.ui.widgets.footer import Footer

SCREENS = {"A": NotesScreen, "S": SubjectsScreen, "W": SourcesScreen, "o": LinksScreen}
# What each screen's help must say, written here from the screen as the reader meets it.
SAID = {
    "A": [("/", "filter"), ("s", "sort"), ("e", "edit"), ("d", "delete"), ("Enter", "open its review"), ("q", "")],
    "S": [("/", "filter"), ("Enter", "filter the review list by this subject"), ("q", "")],
    "o": [("Enter", "open the link"), ("c", "copy the link's address"), ("q", "")],
    "W": [("a", "follow"), ("r", "highlighted"), ("R", "every"), ("m", "seen"), ("u", "stays"), ("x", "remove")],
}
SAID["W"] += [("Enter", "highlighted")]
# The keys each screen's list answers, named as everywhere: `A` said `j Down`, `S` and `W` `j ↓ Down`.
MOVES = [(key, "Down") for key in ("j", "↓")] + [(key, "Up") for key in ("k", "↑")]
MOVES += [(key, "Top") for key in ("g", "Home")] + [(key, "Bottom") for key in ("G", "End")]
MOVES += [("PgDn", "Page down"), ("PgUp", "Page up")]


def with_sources(make_app: AppFactory) -> ReaderApp:
    """The seeds and a review with links, open in the reading pane (for `o`), and followed sources."""
    app = make_app([*seed_reviews(), markdown_review()], state=OPEN)
    SourceBook(app.store.data_dir).save(sources())
    return app


async def press_for(app: ReaderApp, pilot: Pilot[None], keys: tuple[str, ...], screen: type) -> None:
    """Press `keys` and wait for `screen` to be on top."""
    await pilot.press(*keys)
    await until(pilot, lambda: isinstance(app.screen, screen))


def says(lines: list[str], key: str, words: str) -> bool:
    """A help line lists `key` among its keys (before the description) and says `words`."""
    return any(key in line[: KEY_COLUMN + 2].split() and words in line for line in lines)


def help_lines(app: ReaderApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return screen.help_text(200).plain.splitlines()


@pytest.mark.parametrize("help_key", ["question_mark", "f1"])
@pytest.mark.parametrize("opener", list(SCREENS))
async def test_help_in_each_screen_lists_its_keys(make_app: AppFactory, opener: str, help_key: str) -> None:
    app = with_sources(make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await press_for(app, pilot, ("2", opener), SCREENS[opener])
        await press_for(app, pilot, (help_key,), HelpScreen)
        lines = help_lines(app)
        for key, words in SAID[opener] + MOVES:
            assert says(lines, key, words), (key, words, lines)
        assert not any("Copy selected text" in line or "Focus Next" in line for line in lines)  # Textual's own
        await press_for(app, pilot, ("q",), SCREENS[opener])  # closes the help, not the screen under it


async def test_at_80x24_every_sources_key_is_in_reach(make_app: AppFactory) -> None:
    app = with_sources(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_for(app, pilot, ("W",), SourcesScreen)
        screen = app.screen
        footer = screen.query_one(Footer).render().plain
        assert footer.startswith(" ? Help ")  # the way to the keys the line has no room for
        subtitle = str(screen.query_one("#sources-box").border_subtitle)
        assert "…" not in subtitle and subtitle.endswith("? every key")  # said whole, not cut mid-key
        await press_for(app, pilot, ("question_mark",), HelpScreen)
        assert says(help_lines(app), "x", "unfollow and remove")


async def palette_run(app: ReaderApp, pilot: Pilot[None], words: str, title: str) -> None:
    await press_for(app, pilot, ("ctrl+p",), CommandPalette)
    await pilot.press(*words)

    def at() -> int | None:
        commands = app.screen.query_one(CommandList)
        prompts = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        return next((i for i, prompt in enumerate(prompts) if title in prompt), None)

    await until(pilot, lambda: at() is not None)
    app.screen.query_one(CommandList).highlighted = at()
    await pilot.press("enter")


async def test_the_palette_offers_and_runs_the_screens_own_commands(make_app: AppFactory) -> None:
    app = with_sources(make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await press_for(app, pilot, ("A",), NotesScreen)
        notes = app.screen
        assert isinstance(notes, NotesScreen) and not notes.by_review
        await palette_run(app, pilot, "sort", "Sort (s)")
        await until(pilot, lambda: notes.by_review)
        assert app.screen is notes
        await palette_run(app, pilot, "close", "Close (q Esc)")
        await until(pilot, lambda: app.screen is app.main)


@pytest.mark.parametrize("opener", ["W", "o"])
async def test_g_and_G_go_to_the_top_and_bottom_as_listed(make_app: AppFactory, opener: str) -> None:
    """Listed as everywhere (`g Home Top`), and answered: `W` and `o` had only the list's Home and End."""
    app = with_sources(make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await press_for(app, pilot, ("2", opener), SCREENS[opener])
        options = app.screen.query_one(OptionList)
        assert options.option_count > 1
        await pilot.press("G")
        await until(pilot, lambda: options.highlighted == options.option_count - 1)
        await pilot.press("g")
        await until(pilot, lambda: options.highlighted == 0)


async def test_the_palette_offers_no_move_only_the_list_answers(make_app: AppFactory) -> None:
    app = with_sources(make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await press_for(app, pilot, ("2", "o"), LinksScreen)
        titles = [title for title, _, _ in ScreenKeys(app.screen, None)._commands()]
        assert "Open (Enter)" in titles and not any("Page" in title for title in titles)
