"""The search bar: one line at the bottom with the query and what it found.

It only edits text and reports it: the screen decides what a query means in the
pane it was opened from (filter the list, or find in the reading or comments pane).
Its status is built as `Content` (never markup): an error may quote the query.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label

from tui_reader.core.text import visible


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar { height: 1; background: $boost; padding: 0 1; }
    SearchBar > #search-prompt { width: auto; color: $accent; text-style: bold; }
    SearchBar > Input { width: 1fr; height: 1; border: none; padding: 0; background: $boost; }
    SearchBar > Input:focus { border: none; background: $boost; }
    SearchBar > #search-status { width: auto; max-width: 60%; margin-left: 1; color: $text-muted; }
    SearchBar > #search-status.-error { color: $error; }
    """

    @dataclass
    class Changed(Message):
        bar: SearchBar
        text: str

    @dataclass
    class Submitted(Message):
        bar: SearchBar
        text: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = "list"  # the pane the search belongs to: "list", "reading" or "thread"

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt")
        yield Input(placeholder="search", id="search-input", compact=True, select_on_focus=False)
        yield Label("", id="search-status")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def text(self) -> str:
        return self.input.value

    def begin(self, mode: str, text: str = "", *, focus: bool = True) -> None:
        """Show the bar for `mode`'s pane and (unless `focus` is False) put the cursor in it."""
        self.mode = mode
        self.display = True
        placeholder = (
            'filter reviews: words, "a phrase", -word, has:comments, stars:>=4, subject:her'
            if mode == "list"
            else "find"
        )
        self.input.placeholder = placeholder
        with self.input.prevent(Input.Changed):
            self.input.value = text
        self.input.cursor_position = len(text)
        if focus:
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
