"""Every command of the reader, defined once.

The screen's key bindings, the footer, the help screen and the command palette are
all generated from `COMMANDS`, so a key documented in help is the key that works.
Pane commands (`pane('next')`) go to whichever pane has focus; each pane decides
what "next" means there (review, line or comment).
"""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding, BindingType


class Command(NamedTuple):
    """One command: its keys, its action, and how help, the footer and the palette show it."""

    keys: str  # Textual key names, comma separated: the first one is shown
    action: str  # a Textual action string run on the main screen
    description: str  # short, for the footer and the palette title
    group: str  # help section
    help: str = ""  # one line for the help screen and the palette
    footer: bool = True

    @property
    def display_keys(self) -> str:
        return display_of(self.keys.split(","))


KEY_NAMES = {
    "down": "↓",
    "up": "↑",
    "space": "space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "enter": "Enter",
    "escape": "Esc",
    "question_mark": "?",
    "f1": "F1",
    "slash": "/",
    "ctrl+p": "Ctrl+P",
    "delete": "Delete",
}


def display_of(keys: list[str]) -> str:
    """Textual key names as help and the palette show them (`question_mark` as `?`)."""
    return " ".join(KEY_NAMES.get(key, key) for key in keys)


MOVE, PANES, THREAD, PERSONAL, FIND, APP = "Move", "Panes", "Thread", "Personal", "Search and sort", "App"
SUBJECTS = "Subjects"


MOVE_PREFIX = "pane("  # every pane command: a move, or one the focused pane handles itself


def _pane(verb: str) -> str:
    return f"{MOVE_PREFIX}'{verb}')"


def pane_command_name(verb: str) -> str:
    """What a pane command is called ("Collapse all"), for saying it does nothing in this pane."""
    return next((command.description for command in COMMANDS if command.action == _pane(verb)), verb)


COMMANDS: tuple[Command, ...] = (
    Command("j,down", _pane("next"), "Next", MOVE, "next review, line or comment"),
    Command("k,up", _pane("previous"), "Previous", MOVE, "previous review, line or comment", footer=False),
    Command("g,home", _pane("top"), "Top", MOVE, "go to the top", footer=False),
    Command("G,end", _pane("bottom"), "Bottom", MOVE, "go to the bottom", footer=False),
    Command("space,pagedown", _pane("page_down"), "Page down", MOVE, "one page down", footer=False),
    Command("b,pageup", _pane("page_up"), "Page up", MOVE, "one page up", footer=False),
    Command("tab", "cycle_pane(1)", "Pane", PANES, "focus the next pane"),
    Command("shift+tab", "cycle_pane(-1)", "Previous pane", PANES, "focus the previous pane", footer=False),
    Command("1", "focus_pane('list')", "Reviews", PANES, "focus the review list", footer=False),
    Command("2", "focus_pane('reading')", "Reading", PANES, "focus the reading pane", footer=False),
    Command("3", "focus_pane('thread')", "Comments", PANES, "focus the comments pane", footer=False),
    Command("z", "toggle_thread", "Comments", PANES, "show or hide the comments pane"),
    Command("enter", _pane("activate"), "Open", THREAD, "open the review (list); toggle the subtree (comments)"),
    Command("h", _pane("collapse"), "Collapse", THREAD, "collapse the comment's replies", footer=False),
    Command("l", _pane("expand"), "Expand", THREAD, "expand the comment's replies", footer=False),
    Command("H", _pane("collapse_all"), "Collapse all", THREAD, "collapse every thread", footer=False),
    Command("L", _pane("expand_all"), "Expand all", THREAD, "expand every thread", footer=False),
    Command("p", _pane("parent"), "Parent", THREAD, "go to the parent comment", footer=False),
    Command("J", _pane("next_sibling"), "Next sibling", THREAD, "next sibling comment; next review", footer=False),
    Command("K", _pane("previous_sibling"), "Prev sibling", THREAD, "previous at the same level", footer=False),
    Command(
        "o",
        _pane("links"),
        "Links",
        THREAD,
        "the review's links (a comment's in the comments pane): open or copy one",
        footer=False,
    ),
    Command("O", _pane("open_page"), "Open page", THREAD, "open the review's own page in the browser", footer=False),
    Command("f", "bookmark", "Bookmark", PERSONAL, "bookmark the review or comment (toggle)"),
    Command(
        "F",
        "bookmarked_only",
        "Bookmarked",
        PERSONAL,
        "show only bookmarked reviews, and those with a bookmarked comment (★ and ☆ in the list; toggle)",
        footer=False,
    ),
    Command("a", "add_note", "Note", PERSONAL, "note the review, paragraph, comment or quote selection", footer=False),
    Command("e", "notes_here", "Notes here", PERSONAL, "read, edit or delete the notes here", footer=False),
    Command("A", "notes", "Notes list", PERSONAL, "every note, quote and draft: filter, sort, jump", footer=False),
    Command("v", "quote_mode", "Quote", PERSONAL, "quote mode: j/k by sentence, J/K extend, Esc leaves", footer=False),
    Command("y", "copy", "Copy", PERSONAL, "copy the selection, comment, paragraph or review", footer=False),
    Command(
        "Y",
        "copy(True)",
        "Copy cited",
        PERSONAL,
        "copy as a Markdown quote cited: who, what, site, date, link",
        footer=False,
    ),
    Command(
        "slash",
        "search",
        "Search",
        FIND,
        "filter the list (list); find the words as typed, a phrase, in the text or comments (panes)",
        footer=False,
    ),
    Command("n", "search_next(1)", "Next match", FIND, "next match (wraps)", footer=False),
    Command("N", "search_next(-1)", "Prev match", FIND, "previous match (wraps)", footer=False),
    Command(
        "escape",
        "clear",
        "Clear",
        FIND,
        "clear one at a time: this pane's find, the filter, the bookmarked view",
        footer=False,
    ),
    Command("s", "cycle_sort", "Sort", FIND, "cycle the sort order", footer=False),
    Command(
        "m",
        "toggle_read",
        "Read",
        FIND,
        "mark the review read or unread (it is read once its end has been on screen)",
        footer=False,
    ),
    Command(
        "S",
        "subjects",
        "Subjects",
        SUBJECTS,
        "every subject: count, average stars; Enter lists its reviews",
        footer=False,
    ),
    Command("t", "set_subject", "Set subject", SUBJECTS, "set or correct what the review is about", footer=False),
    Command("W", "sources", "Sources", APP, "followed sources (the web): refresh, what is new, unfollow", footer=False),
    Command(
        "D,delete",
        "remove_review",
        "Remove",
        APP,
        "remove the review from the library (asks first; your notes on it are kept aside)",
        footer=False,
    ),
    Command("question_mark,f1", "help", "Help", APP, "every key"),
    Command("ctrl+p", "app.command_palette", "Commands", APP, "the command palette, themes", footer=False),
    Command("q", "quit", "Quit", APP, "close the current screen; quit from the main one (in quote mode: leave it)"),
)


def bindings() -> list[BindingType]:
    """The main screen's bindings (Ctrl+P is the App's own, listed for help only)."""
    return [
        Binding(command.keys, command.action, command.description, show=command.footer)
        for command in COMMANDS
        if command.action != "app.command_palette"
    ]


def groups() -> dict[str, list[Command]]:
    """Commands by help section, in definition order."""
    grouped: dict[str, list[Command]] = {}
    for command in COMMANDS:
        grouped.setdefault(command.group, []).append(command)
    return grouped
