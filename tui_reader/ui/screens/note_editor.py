"""The note editor (a modal TextArea) and a yes/no question, both small modal screens.

The editor dismisses with the text to save, or None when cancelled; Esc asks before
throwing away typed text. Titles quote library text, so they are built as Content.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tui_reader.core.text import visible


class Confirm(ModalScreen[bool]):
    """A question answered with y (or Enter) and n (or Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape,q", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-body"):
            yield Static(Content(visible(self.question)), id="confirm-question")
            yield Static(Content("y  yes      n / Esc  no"), id="confirm-keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class NoteEditor(ModalScreen[str | None]):
    """Write or edit a note: Ctrl+S saves, Esc cancels (asking first if the text changed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, target: str, text: str = "") -> None:
        super().__init__()
        self.target = target
        self.initial = text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-body") as body:
            body.border_title = "Note"
            body.border_subtitle = "Ctrl+S save · Esc cancel"
            yield Static(Content(visible(self.target, single_line=True)), id="note-target")
            yield TextArea(self.initial, id="note-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        text = self.text.strip()
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        if self.text.strip() == self.initial.strip():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(Confirm("Discard the text you typed?"), answered)
