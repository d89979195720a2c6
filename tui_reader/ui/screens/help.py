"""Help: every key, generated from the same definitions as the bindings, the search filters
(checked against the query parser's own list), then how to import from each review site."""

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
from tui_reader.core.search.query import FACETS, HAS_VALUES, IS_VALUES
from tui_reader.ui.commands import THREAD, groups
from tui_reader.ui.widgets.thread import ThreadView

KEY_COLUMN = 22
# The keys the comments pane binds itself, listed under its group (the reading pane's are all commands).
PANE_KEYS = {THREAD: ThreadView.BINDINGS}

# What to type after / in the list, and to `tui-reader search`: the plain forms first,
# then one line per facet of the query parser (a test checks none is missing).
SEARCH_FORMS: tuple[tuple[str, str], ...] = (
    ("rain storm", "reviews with every word (accents and case ignored)"),
    ('"exact phrase"', "these words in this order"),
    ("-word", "reviews without it (also -author:NAME, -is:read ...)"),
    ("rai*", "any word starting with rai"),
    ("C# C++", "a word with the signs written after it"),
)
FILTER_HELP: dict[str, tuple[str, str]] = {
    "author": ("author:NAME", 'written by NAME (author:"ann lee" for a full name)'),
    "is": ("is:VALUE", "one of: " + ", ".join(dict.fromkeys(IS_VALUES.values()))),
    "has": ("has:VALUE", "one of: " + ", ".join(dict.fromkeys(HAS_VALUES.values()))),
    "rating": ("rating:>=7", "on the source's own scale: =, <, >, <=, >= or a range 5..8"),
    "stars": ("stars:>=4", "the rating on a 5-star scale (8/10 is 4 stars), 0 to 5, or 3..4"),
    "votes": ("votes:>=10", "found helpful by at least 10 people (whole numbers)"),
    "subject": ('subject:"her"', "reviews of this film, book, product, game, place..."),
    "kind": ("kind:film", "reviews of this kind of thing: film, book, game, product, place, app..."),
}


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
        for binding in PANE_KEYS.get(group, ()):  # keys a pane binds itself
            if isinstance(binding, Binding):
                keys = binding.key_display or binding.key
                parts += ["  ", (keys, "bold"), " " * (KEY_COLUMN - cell_len(keys))]
                parts += [binding.tooltip or binding.description, "\n"]
    parts += ["\n", ("Search: what to type after / in the list (and to tui-reader search)", "bold $accent"), "\n"]
    for example, meaning in (*SEARCH_FORMS, *(FILTER_HELP[facet] for facet in FACETS)):
        parts += ["  ", (example, "bold"), " " * max(1, KEY_COLUMN - cell_len(example)), meaning, "\n"]
    parts += ["  ", ("combined:", "$text-muted"), " " * (KEY_COLUMN - 9)]
    parts += [("rain -sequel author:jonze is:unread stars:>=4", "$text-muted"), "\n"]
    parts += ["\n", ("Bringing your reviews in", "bold $accent"), "\n"]
    for guide in SITE_GUIDES:
        parts += ["  ", (guide.site, "bold"), " " * max(1, KEY_COLUMN - cell_len(guide.site)), guide.download, "\n"]
        parts += [" " * (KEY_COLUMN + 2), (guide.command, "$text-muted"), "\n"]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-body { width: 90; max-width: 100%; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    """

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
            body.border_subtitle = "j/k line · space/b page · g/G top/bottom · q or Esc to close"
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
