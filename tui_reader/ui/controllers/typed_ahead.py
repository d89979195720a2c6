"""Keys typed right after `/`: every one lands in the search bar, in order, however fast it comes.

Textual sends each key to the widget focused when it reads the key, and runs bindings only
once the key has come back up from there: by the time `/` opened the bar, the keys after it
had gone to the pane, and their bindings ran (`/zz` toggled the comments pane twice). So the
screen hands `/` and every key behind it, on their way up from the panes, to `key_up`, until
a marker sent through each pane after the bar took focus comes back (`KeysCaughtUp`); the bar
holds what reaches it meanwhile, then takes the caught keys and the held ones in the order
they were typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from tui_reader.ui.commands import COMMANDS
from tui_reader.ui.state.search_state import Typed, fresh

if TYPE_CHECKING:
    from tui_reader.ui.widgets.search_bar import SearchInput

SEARCH_KEYS = frozenset(key for command in COMMANDS if command.action == "search" for key in command.keys.split(","))


class KeysCaughtUp(Message):
    """Sent through a pane once the bar has focus: back at the screen, no key sent to that pane is still on its way."""


class TypedAhead:
    """Owns the keys caught between `/` and the bar taking focus, and the bar's line holding the later ones.

    `owner` is the widget it works for (the search controller: its App and screen); `panes` are
    the widgets keys may have gone to meanwhile."""

    def __init__(self, owner: Widget, panes: Sequence[Widget]) -> None:
        self.owner = owner
        self.panes = panes
        self._caught: list[Typed] | None = None  # while the bar opens: the keys that went to a pane after `/`
        self._holder: SearchInput | None = None  # the bar's line, holding the keys that reach it meanwhile
        self._awaited = 0  # markers (`KeysCaughtUp`) not back yet

    def key_up(self, event: Typed, *, on_screen: bool) -> None:
        """A key or paste back up at the screen from a pane: `/` (when the screen is on top) or one behind it."""
        if self._caught is not None:
            self._caught.append(fresh(event))
            event.stop()
            event.prevent_default()
        elif on_screen and getattr(event, "key", None) in SEARCH_KEYS:
            # Not left to the binding: the App would run it only after the keys behind it had gone to
            # the pane. The search runs in the App's turn all the same, after the keys before `/`
            # (`2/` finds in the reading pane), through the same action as the binding and the palette.
            event.stop()
            event.prevent_default()
            self._caught = []
            self.owner.app.call_later(self._search_from_key)

    async def _search_from_key(self) -> None:
        if self.owner.app.screen is self.owner.screen:
            await self.owner.screen.run_action("search")
        if self._holder is None and not self._awaited:  # no bar took the keys (a key before `/` left the screen)
            self._hand_over()

    def take(self, line: SearchInput) -> None:
        """The bar's line has focus: keys read from now on go to it, and it holds them until the keys
        sent to a pane before are caught, known when a marker sent after them through each pane is back."""
        line.hold()
        self._holder = line
        if self._caught is None:
            self._caught = []
        for pane in self.panes:
            if pane.post_message(KeysCaughtUp()):
                self._awaited += 1
        if not self._awaited:
            self._hand_over()

    def caught_up(self) -> None:
        """A `KeysCaughtUp` marker is back at the screen."""
        self._awaited = max(0, self._awaited - 1)
        if not self._awaited:
            self._hand_over()

    def _hand_over(self) -> None:
        """The caught keys to the bar, before the ones it held; with no bar, on as if just typed.

        Sent again from the App's turn: a message bubbles no further than the node that made it,
        and these must reach the App (Enter, Esc and arrows are bindings)."""
        caught, self._caught = self._caught or [], None
        holder, self._holder = self._holder, None
        if holder is not None:
            self.owner.app.call_later(holder.release, caught)
        elif caught:
            self.owner.app.call_later(self._retype, caught)

    def _retype(self, caught: Sequence[Typed]) -> None:
        for event in caught:
            self.owner.app.post_message(fresh(event))
