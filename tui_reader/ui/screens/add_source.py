"""The line to follow a new source from the app (`a` in the sources view).

What is typed is read by the parser the command line uses (`names.parse_target`): a name
that is not a source says why on one line, and the modal stays open to correct it. The
typed text is the user's and the parser's message quotes it: both are shown as plain
text (an Input's value and a Content line), never parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui_reader.core.content.text import visible
from tui_reader.core.sources.names import ACCEPTED, parse_target


class AddSourceScreen(ModalScreen[str | None]):
    """Asks for a source; dismisses with the text when it names one, None when cancelled."""

    DEFAULT_CSS = """
    AddSourceScreen { align: center middle; }
    #add-source { width: 80%; max-width: 100; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    #add-source-error { height: auto; color: $error; }
    #add-source-hint { height: auto; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="add-source") as box:
            box.border_title = "Follow a source"
            yield Input(placeholder=ACCEPTED, id="add-source-input")
            yield Static("", id="add-source-error")
            yield Static(Content("Enter follows and fetches it · Esc cancels"), id="add-source-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        try:
            parse_target(text)
        except ValueError as error:
            self.query_one("#add-source-error", Static).update(Content(visible(str(error), single_line=True)))
            return
        self.dismiss(text)

    @on(Input.Changed)
    def _changed(self) -> None:
        self.query_one("#add-source-error", Static).update(Content(""))

    def action_cancel(self) -> None:
        self.dismiss(None)
