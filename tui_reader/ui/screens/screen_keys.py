"""What every screen besides the main one offers for its keys: `?` / F1 lists them, and the
command palette (Ctrl+P) runs them. Both read the screen's own bindings, so a key listed is a
key that works, and a key added to a screen is listed without more code.

Why its own help rather than the main help scrolled to a section: the main help is generated
from `commands.COMMANDS`, the main screen's; these screens bind other keys (`q` closes, `x`
unfollows and removes), which a section there would have to repeat by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList

from tui_reader.ui.commands import display_of

HELP_KEY = Binding("question_mark,f1", "help", "Help", tooltip="every key of this screen")


# The list's own names for its moves, as the screens name theirs (`g,home` is "Top" everywhere).
LIST_ACTION = "list:"  # a key only the list answers: listed in help, not a command of the palette
LIST_NAMES = {"First": "Top", "Last": "Bottom", "Page Down": "Page down", "Page Up": "Page up"}


def screen_keys(screen: Screen[Any]) -> list[tuple[str, Binding]]:
    """The keys the screen answers, one entry per action in binding order, help last: its keys as
    shown, and its binding. Those it binds itself (not Textual's Tab and Ctrl+C), then those its
    list (`OptionList`) answers that the screen does not bind: ↓ and ↑ join the screen's `j` and
    `k`, Home and End its Top and Bottom, and a move the screen does not name (PgDn) gets a line."""
    keys: dict[str, list[str]] = {}
    first: dict[str, Binding] = {}
    own = [c.__dict__.get("BINDINGS", []) for c in reversed(type(screen).__mro__) if issubclass(c, KeyedScreen)]
    for binding in Binding.make_bindings(binding for listed in own for binding in listed):
        keys.setdefault(binding.action, []).append(binding.key)
        first.setdefault(binding.action, binding)
    bound = {key for listed in keys.values() for key in listed}
    by_name = {binding.description: action for action, binding in first.items()}
    for binding in Binding.make_bindings(OptionList.BINDINGS) if screen.query(OptionList) else ():
        if binding.key in bound:
            continue
        name = LIST_NAMES.get(binding.description, binding.description)
        action = by_name.setdefault(name, LIST_ACTION + binding.action)
        keys.setdefault(action, []).append(binding.key)
        first.setdefault(action, Binding(binding.key, action, name, show=False))
    ordered = sorted(first.items(), key=lambda item: item[0] == HELP_KEY.action)
    return [(display_of(keys[action]), binding) for action, binding in ordered]


def fitting_hint(head: str, hint: str, width: int) -> str:
    """A border's `head · hint`, or `head · ? every key` where the hint would be cut
    (`… u unfollow  x un…` at 80 columns)."""
    whole = f"{head} · {hint}"
    return whole if len(whole) <= width - 6 else f"{head} · ? every key"


def described(binding: Binding) -> str:
    return binding.tooltip or binding.description


def screen_help(screen: Screen[Any], title: str) -> None:
    """Open help listing `screen`'s keys (the help module loads on the first `?`, as the main screen's)."""
    from tui_reader.ui.screens.help import HelpScreen, Row, laid_out

    heading = Content.styled(f"{title}: its keys", "bold $accent")
    rows: list[Row] = [heading]
    rows += [(Content.assemble("  ", (keys, "bold")), Content(described(b))) for keys, b in screen_keys(screen)]
    screen.app.push_screen(HelpScreen(partial(laid_out, rows), title=f"Keys · {title}"))


class ScreenKeys(Provider):
    """The palette's commands for the screen it was opened on: each of its keys' actions
    (Textual's way for a screen to add commands: `Screen.COMMANDS`)."""

    def _commands(self) -> list[tuple[str, str | None, str]]:
        """(title, help: the tooltip when there is more to say, action) for each key."""
        keyed = screen_keys(self.screen)
        return [
            (f"{b.description} ({keys})", b.tooltip or None, b.action)
            for keys, b in keyed
            if not b.action.startswith(LIST_ACTION)
        ]

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=help_text)

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)


ResultT = TypeVar("ResultT")


class KeyedScreen(Screen[ResultT]):
    """A screen whose `?` and F1 list its keys, and whose keys the palette runs. `? Help` comes
    first in its footer: at 80 columns the last keys are cut (`x unfollow and remove` was visible
    nowhere), and help is the way to all of them."""

    BINDINGS: ClassVar[list[BindingType]] = [HELP_KEY]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ScreenKeys}
    HELP_TITLE: ClassVar[str] = "This screen"

    def action_help(self) -> None:
        screen_help(self, self.HELP_TITLE)
