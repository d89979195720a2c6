"""The search bar: one line at the bottom with the query and what it found.

It only edits text and reports it: the screen decides what a query means in the
pane it was opened from (filter the list, or find in the reading or comments pane).
Its status is built as `Content` (never markup): an error may quote the query.
Reopened, it selects the last query: typing replaces it, an arrow key keeps it;
Ctrl+U clears the line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label
from textual.widgets.input import Selection

from tui_reader.core.content.text import visible
from tui_reader.ui.state.search_state import Typed, fresh


class SearchInput(Input):
    """The bar's line. While held (`hold`), what reaches it waits: keys typed right after `/`
    went to the pane first, and `release` puts those in before the ones held here."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+u", "clear_line", "Clear the line", show=False)]

    _held: list[Typed] | None = None

    def hold(self) -> None:
        if self._held is None:
            self._held = []

    def release(self, earlier: Sequence[Typed] = ()) -> None:
        """Take `earlier` (keys and pastes caught on their way to the pane), then what was held, in order."""
        held, self._held = self._held or [], None
        for event in (*earlier, *held):
            if self.is_attached:
                self._forward_event(fresh(event))  # as the App sends a key to the focused widget
            else:  # the bar was closed meanwhile: to whatever has focus now, as if just typed
                self.app.post_message(fresh(event))

    def _keep(self, event: Typed) -> bool:
        """Held while the keys typed before are caught: True when `event` waits."""
        if self._held is None:
            return False
        self._held.append(fresh(event))
        event.stop()
        event.prevent_default()  # nor Input's own handler
        return True

    async def _on_key(self, event: events.Key) -> None:
        if not self._keep(event) and not event.is_printable:
            await self._bound_now(event)

    async def _bound_now(self, event: events.Key) -> None:
        """Run the key's binding now, in its turn among the typed characters.

        Textual inserts a character as the line reads its key, but runs a binding (Backspace,
        Ctrl+U, the arrows, Enter, Esc) only once the key is back up at the App: behind a busy
        filter the characters typed after it went in first (`toy story`, 5 Backspaces, `coco`
        left `toy soco`; Ctrl+U then `stars:1` left the line empty). Stopped here, the App does
        not run it again; a key no binding takes goes on up as before."""
        if await self.app._check_bindings(event.key):
            event.stop()
            event.prevent_default()

    def _on_paste(self, event: events.Paste) -> None:
        self._keep(event)

    def action_clear_line(self) -> None:
        self.value = ""


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar { height: 1; background: $boost; padding: 0 1; }
    SearchBar > #search-prompt { width: auto; color: $accent; text-style: bold; }
    SearchBar > Input { width: 1fr; height: 1; border: none; padding: 0; background: $boost; }
    SearchBar > Input:focus { border: none; background: $boost; }
    SearchBar > #search-status { width: auto; max-width: 60%; margin-left: 1; color: $text-muted; }
    SearchBar > #search-status.-error { color: $error; }
    """

    class Changed(Message):
        def __init__(self, bar: SearchBar, text: str) -> None:
            self.bar = bar
            self.text = text
            super().__init__()

    class Submitted(Message):
        def __init__(self, bar: SearchBar, text: str) -> None:
            self.bar = bar
            self.text = text
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = "list"  # the pane the search belongs to: "list", "reading" or "thread"

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt")
        yield SearchInput(placeholder="search", id="search-input", compact=True, select_on_focus=False)
        yield Label("", id="search-status")

    @property
    def input(self) -> SearchInput:
        return self.query_one("#search-input", SearchInput)

    @property
    def text(self) -> str:
        return self.input.value

    def begin(self, mode: str, text: str = "", *, focus: bool = True) -> None:
        """Show the bar for `mode`'s pane with `text` selected and (unless `focus` is False) the cursor in it.

        Focus is given at once: `Widget.focus()` waits for a refresh, and a key read meanwhile
        went to the pane (its binding ran: `/zz` toggled the comments pane twice)."""
        self.mode = mode
        self.display = True
        placeholder = (
            'filter reviews: words, "a phrase", -word, has:comments, stars:>=4, subject:her'
            if mode == "list"
            else "find the words as typed, a phrase (any case, accents, line breaks)"
        )
        self.input.placeholder = placeholder
        with self.input.prevent(Input.Changed):
            self.input.value = text
        # As a browser's find bar: the last query selected, typing replaces it.
        self.input.selection = Selection(0, len(text)) if focus else Selection.cursor(len(text))
        if focus:
            self.screen.set_focus(self.input)
            if not self.input.has_focus:
                self.input.focus()

    def status(self, message: str, *, error: bool = False) -> None:
        label = self.query_one("#search-status", Label)
        label.update(Content(visible(message, single_line=True)))
        label.set_class(error, "-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, event.value))
