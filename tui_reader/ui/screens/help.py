"""Help: every key, generated from the same definitions as the bindings, the search filters
(checked against the query parser's own list), then how to import from each review site."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_reader.core.importers.guide import SITE_GUIDES
from tui_reader.core.search.query import FACETS, HAS_VALUES, IS_VALUES
from tui_reader.ui.commands import THREAD, groups
from tui_reader.ui.widgets.fitted import WIDE, Fitted, hanging
from tui_reader.ui.widgets.thread import ThreadView

KEY_COLUMN = 22
# The keys the comments pane binds itself, listed under its group (the reading pane's are all commands).
PANE_KEYS = {THREAD: ThreadView.BINDINGS}

# What to type after / in the list, and to `tui-reader search`: the plain forms first,
# then one line per facet of the query parser (a test checks none is missing).
SEARCH_FORMS: tuple[tuple[str, str], ...] = (
    ("rain storm", "reviews with every word (accents and case ignored)"),
    ("cleveland", "a name is a word too: the reviews its person wrote, or commented on (at their comment)"),
    ('"exact phrase"', "these words in this order"),
    ("-word", "reviews without it (also -author:NAME, -is:read ...)"),
    ("rai*", "any word starting with rai"),
    ("C# C++", "a word with the signs written after it"),
)
FILTER_HELP: dict[str, tuple[str, str]] = {
    "author": ("author:NAME", 'written or commented on by NAME, their own first (author:"ann lee" for a full name)'),
    "title": ('title:"dark side"', "these words in the review's title"),
    "tag": ("tag:rewatch", "tagged so (a tag or shelf, whole, case ignored)"),
    "date": ("date:2020", "written then: 2020-03, 2020-03-14, >=2019-06, <2020, or a range 2018..2020"),
    "is": ("is:VALUE", "one of: " + ", ".join(dict.fromkeys(IS_VALUES.values()))),
    "has": ("has:VALUE", "one of: " + ", ".join(dict.fromkeys(HAS_VALUES.values()))),
    "rating": ("rating:>=7", "on the source's own scale: =, <, >, <=, >= or a range 5..8"),
    "stars": ("stars:>=4", "the rating on a 5-star scale (8/10 is 4 stars), 0 to 5, or 3..4"),
    "votes": ("votes:>=10", "found helpful by at least 10 people (whole numbers)"),
    "subject": ("subject:her", "reviews of what is named so (whole name, year or not; else words of names) or its ref"),
    "kind": ("kind:film", "reviews of this kind of thing: film, book, game, product, app, place (hotel, restaurant…)"),
}


Row = Content | tuple[Content, Content]  # a line as it is, or keys (an example) and what they do


def help_rows() -> list[Row]:
    """Every line of help: the group titles, and each key with its description."""
    rows: list[Row] = []

    def key(keys: str, *what: str | tuple[str, str], style: str = "bold") -> None:
        rows.append((Content.assemble("  ", (keys, style)), Content.assemble(*what)))

    def title(text: str) -> None:
        rows.extend(
            [Content(""), Content.styled(text, "bold $accent")] if rows else [Content.styled(text, "bold $accent")]
        )

    for group, commands in groups().items():
        title(group)
        for command in commands:
            key(command.display_keys, command.help or command.description)
        for binding in PANE_KEYS.get(group, ()):  # keys a pane binds itself
            if isinstance(binding, Binding):
                key(binding.key_display or binding.key, binding.tooltip or binding.description)
    title("Search: what to type after / in the list (and to tui-reader search)")
    for example, meaning in (*SEARCH_FORMS, *(FILTER_HELP[facet] for facet in FACETS)):
        key(example, meaning)
    key("combined:", ("rain -sequel author:jonze is:unread stars:>=4", "$text-muted"), style="$text-muted")
    title("Bringing your reviews in")
    for guide in SITE_GUIDES:
        key(guide.site, guide.download)
        key("", (guide.command, "$text-muted"))
    return rows


def help_content(width: int = WIDE) -> Content:
    return laid_out(help_rows(), width)


def laid_out(rows: list[Row], width: int) -> Content:
    """Help laid out `width` cells wide: a description too long for a line goes on under its
    column (it wrapped to column 0, under the keys)."""
    lines: list[Content] = []
    for row in rows:
        lines += [row] if isinstance(row, Content) else hanging(*row, KEY_COLUMN + 2, width)
    return Content("\n").join(lines)


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

    def __init__(self, content: Callable[[int], Content] = help_content, title: str = "Keys") -> None:
        """`content`: the help laid out for a width (every key of the reader; or one screen's, `screen_keys`)."""
        super().__init__()
        self.help_text = content
        self.title_text = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = self.title_text
            body.border_subtitle = "j/k line · space/b page · g/G top/bottom · q or Esc to close"
            yield Static(Fitted(self.help_text))

    def action_scroll(self, direction: str) -> None:
        """Each key moves from where the last one left the help, at once: a held key's repeats all
        count (Textual's own scroll_down defers to the next frame, so a burst moved one line)."""
        body = self.query_one("#help-body", VerticalScroll)
        page = body.scrollable_content_region.height
        targets = {
            "down": body.scroll_y + 1,
            "up": body.scroll_y - 1,
            "page_down": body.scroll_y + page,
            "page_up": body.scroll_y - page,
            "end": body.max_scroll_y,
            "home": 0,
        }
        body.scroll_to(y=targets[direction], animate=False, immediate=True)
