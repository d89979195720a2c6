"""Keys typed right after a key that opens something to type in: every one lands there, in order,
however fast it comes. `/` opens the search bar (the main screen) or the filter (`S`'s screen);
`S` opens the subjects screen, whose `/` then filters.

Textual sends each key to the widget focused when it reads the key, and runs bindings only
once the key has come back up from there: by the time `/` opened the bar, the keys after it
had gone to the pane, and their bindings ran (`/zz` toggled the comments pane twice); `S/hotel`
left the subjects' filter empty. So the screen hands such a key and every key behind it, on
their way up from the panes, to `key_up`, until a marker sent through each pane after the
taker (the bar's line, a screen the key opened) has the keys' way comes back (`KeysCaughtUp`);
the taker holds what reaches it meanwhile, then takes the caught keys and the held ones in the
order they were typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from textual.message import Message
from textual.widget import Widget

from tui_reader.ui.commands import COMMANDS
from tui_reader.ui.state.search_state import Typed, fresh

# The main screen's keys whose bar or screen takes the keys typed behind them: key -> action.
MAIN_KEYS = {key: c.action for c in COMMANDS if c.action in ("search", "subjects") for key in c.keys.split(",")}


@runtime_checkable
class Holder(Protocol):
    """What takes the keys: it holds those that reach it until `release` hands it the ones caught before."""

    def hold(self) -> None: ...

    def release(self, earlier: Sequence[Typed] = ()) -> None: ...


class KeysCaughtUp(Message):
    """Sent through a pane once the taker has the keys' way: back at the screen, no key sent to that
    pane is still on its way."""


class TypedAhead:
    """Owns the keys caught between a key in `keys` and its taker having the keys' way, and the
    taker holding the later ones.

    `owner` is the widget it works for (its App and screen: the search controller, the subjects
    screen); `panes` are the widgets keys may have gone to meanwhile; `keys` maps each key that
    opens a taker to the action that opens it."""

    def __init__(self, owner: Widget, panes: Sequence[Widget], keys: Mapping[str, str] = MAIN_KEYS) -> None:
        self.owner = owner
        self.panes = panes
        self.keys = keys
        self._caught: list[Typed] | None = None  # while the taker opens: the keys that went to a pane after its key
        self._holder: Holder | None = None  # the taker, holding the keys that reach it meanwhile
        self._awaited = 0  # markers (`KeysCaughtUp`) not back yet

    def key_up(self, event: Typed, *, on_screen: bool) -> None:
        """A key or paste back up at the screen from a pane: one in `keys` (when the screen is on top),
        or one behind it."""
        if self._caught is not None:
            self._caught.append(fresh(event))
            event.stop()
            event.prevent_default()
        elif on_screen and (action := self.keys.get(getattr(event, "key", ""))) is not None:
            # Not left to the binding: the App would run it only after the keys behind it had gone to
            # the pane. The action runs in the App's turn all the same, after the keys before it
            # (`2/` finds in the reading pane), through the same action as the binding and the palette.
            event.stop()
            event.prevent_default()
            self._caught = []
            self.owner.app.call_later(self._run_from_key, action)

    async def _run_from_key(self, action: str) -> None:
        screen = self.owner.screen
        if self.owner.app.screen is screen:
            await screen.run_action(action)
        opened = self.owner.app.screen
        if opened is not screen and self._holder is None and isinstance(opened, Holder):
            self.take(opened)  # a screen the key opened (`S`) takes the keys typed behind it
        if self._holder is None and not self._awaited:  # nothing took the keys (a key before it left the screen)
            self._hand_over()

    def take(self, holder: Holder) -> None:
        """`holder` has the keys' way (the bar's line has focus, a screen is on top): keys read from now
        on go to it, and it holds them until the keys sent to a pane before are caught, known when a
        marker sent after them through each pane is back."""
        holder.hold()
        self._holder = holder
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
        """The caught keys to the taker, before the ones it held; with no taker, on as if just typed.

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
