"""Help: every key, generated from the same definitions as the bindings, then how to import
from each review site."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_reader.core.importers.guide import SITE_GUIDES
from tui_reader.ui.commands import THREAD, groups
from tui_reader.ui.widgets.thread import ThreadView

KEY_COLUMN = 22


def help_content() -> Content:
    parts: list[str | tuple[str, str]] = []
    for group, commands in groups().items():
        if parts:
            parts.append("\n")
        parts += [(group, "bold $accent"), "\n"]
        for command in commands:
            keys = command.display_keys
            parts += ["  ", (keys, "bold"), " " * max(1, KEY_COLUMN - cell_len(keys))]
            parts.append(command.help or command.description)
            if command.coming:
                parts.append(("  (coming)", "italic $text-muted"))
            parts.append("\n")
        if group == THREAD:  # the comments pane's own keys, bound on the pane (its footer shows them)
            for binding in ThreadView.BINDINGS:
                if isinstance(binding, Binding) and binding.key_display:
                    keys = binding.key_display
                    parts += ["  ", (keys, "bold"), " " * (KEY_COLUMN - cell_len(keys)), binding.description, "\n"]
    parts += ["\n", ("Bringing your reviews in", "bold $accent"), "\n"]
    for guide in SITE_GUIDES:
        parts += ["  ", (guide.site, "bold"), " " * max(1, KEY_COLUMN - cell_len(guide.site)), guide.download, "\n"]
        parts += [" " * (KEY_COLUMN + 2), (guide.command, "$text-muted"), "\n"]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape,question_mark,f1", "dismiss", "Close"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "q or Esc to close"
            yield Static(help_content())

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        moves = {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "end": body.scroll_end,
            "home": body.scroll_home,
        }
        moves[direction](animate=False)
