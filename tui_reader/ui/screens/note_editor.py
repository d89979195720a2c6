"""The note editor (a modal TextArea) and a yes/no question, both small modal screens.

The editor dismisses with the text to save, or None when cancelled; Esc asks before
throwing away typed text. Titles quote library text, so they are built as Content.

A TextArea draws its document as it is, so the note's text is cleaned with `editable()`
on the way in, and so is every edit (typed, pasted, inserted): no control character or
bidi override reaches the terminal, whatever a stored note or the clipboard holds.

Ctrl+S is an ordinary (not priority) binding. A priority binding runs when the App reads
the key, before the TextArea has handled the keys the App forwarded to it just before:
text typed or pasted in one burst with Ctrl+S was saved cut short. Not a priority, Ctrl+S
goes to the TextArea behind those keys, which ignores it, and bubbles back up to the App
behind them and behind the keys the TextArea's own bindings handle (Backspace, arrows),
so the save sees everything typed before it. The keys after Ctrl+S in the same burst were
forwarded to the TextArea too: it no longer inserts them (`NoteArea.closing`), so they are not
saved into the note; they bubble on and reach the screen below as its keys (a paste is dropped).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Edit, EditResult

from tui_reader.core.content.text import editable, visible


class Confirm(ModalScreen[bool]):
    """A question answered with y (or Enter) and n (or Esc)."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    #confirm-body {
        width: 60;
        max-width: 100%;
        height: auto;
        border: round $warning;
        background: $surface;
        padding: 0 1;
    }
    #confirm-keys { color: $text-muted; margin-top: 1; }
    """

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


class NoteArea(TextArea):
    """A TextArea that takes no control character or bidi override, however text arrives,
    and no text after the Ctrl+S that saves it."""

    closing = False
    """Ctrl+S went through: what follows in the same burst is not the note's."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "ctrl+s":
            self.closing = True  # and let it bubble up to the screen's binding
        elif self.closing:
            event.prevent_default()  # not inserted here; bubbles on to the next screen's bindings

    async def _on_paste(self, event: events.Paste) -> None:
        if self.closing:
            event.prevent_default()

    def edit(self, edit: Edit) -> EditResult:
        # Every change goes through here: keys, paste, Ctrl+V, insert() and replace().
        cleaned = editable(edit.text)
        if cleaned != edit.text:
            edit = Edit(cleaned, edit.from_location, edit.to_location, edit.maintain_selection_offset)
        return super().edit(edit)


class NoteEditor(ModalScreen[str | None]):
    """Write or edit a note: Ctrl+S saves, Esc cancels (asking first if the text changed)."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    #note-body { width: 80; max-width: 100%; height: 16; border: round $accent; background: $surface; padding: 0 1; }
    #note-target { color: $text-muted; height: auto; max-height: 2; }
    #note-text { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),  # not priority: see the module's docstring
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, target: str, text: str = "", *, draft: str = "", keep: Callable[[str], None] | None = None
    ) -> None:
        """`text`: the note as saved (editing one); `draft`: typed before and kept, not saved (the
        editor opens with it, and Esc asks before it goes); `keep`: where a draft goes when the
        reader closes with this editor open (`keep_draft`)."""
        super().__init__()
        self.target = target
        self.initial = editable(text)
        self.draft = editable(draft)
        self.keep = keep

    def compose(self) -> ComposeResult:
        with Vertical(id="note-body") as body:
            body.border_title = "Note"
            body.border_subtitle = "Ctrl+S save · Esc cancel"
            yield Static(Content(visible(self.target, single_line=True)), id="note-target")
            yield NoteArea(self.draft or self.initial, id="note-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_screen_resume(self) -> None:
        # Back from a question (Esc, then Ctrl+S landed on the question): take typing again.
        self.query_one(NoteArea).closing = False

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def keep_draft(self) -> None:
        """The reader is closing (`q`, a signal) with this editor open: what was typed is kept as a
        draft (`keep`), never saved as a note; nothing when nothing was typed."""
        text = self.text.strip()
        if self.keep is not None and text and text != self.initial.strip():
            self.keep(text)

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
