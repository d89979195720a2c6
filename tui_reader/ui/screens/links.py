"""The links of a review or comment: pick one to open it in the browser, or copy its URL.

Opened with `o` from the reading and comments panes. Every label and URL comes from the
review, so the options are built as `Text`, never as markup, and pass through `visible`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui_reader.core.content.formatting import Link, same_address
from tui_reader.core.content.text import visible
from tui_reader.ui.screens.screen_keys import KeyedScreen

HINT = "Enter opens in the browser · c copies the URL · Esc closes"
COPY_HINT = "To copy the address: o, then c on it"


LAUNCH_THREAD = "open-link"


def open_in_browser(widget: Widget, url: str) -> None:
    """Hand `url` to the system's browser off the UI thread, then say what happened: a launcher
    is waited for (`browser.LAUNCH_WAIT_S`) to learn whether it failed, and the reader must not
    stall meanwhile. A daemon thread, not a worker: a thread worker runs in the event loop's
    executor, which Python joins at exit, so `q` after a slow launcher hung up to the wait's end.
    The app's own notify is called, so a links screen closing does not lose the answer."""
    app = widget.app

    def say(message: str, **how: Any) -> None:
        # `App.notify` only posts a message, which is thread-safe and never waits: `call_from_thread`
        # waited for an answer, forever once the app had stopped (its loop kept, never run again).
        with contextlib.suppress(RuntimeError):  # the reader has quit and its loop is closed: no one to tell
            app.notify(message, markup=False, **how)

    def launch() -> None:
        from tui_reader.core.personal.browser import open_url

        result = open_url(url)
        shown = visible(url, single_line=True)
        if result.opened:
            say(f"Opened {shown}", timeout=3)
            return
        say(
            f"Could not open {shown}: {visible(result.reason, single_line=True)}. {COPY_HINT}",
            severity="error",
            timeout=8,
        )

    threading.Thread(target=launch, name=LAUNCH_THREAD, daemon=True).start()


def show_links(widget: Widget, title: str, links: Sequence[Link]) -> None:
    """Open the links screen over `widget`'s app, or say there is nothing to list."""
    if not links:
        widget.notify("No links here", timeout=2)
        return
    store = getattr(widget.app, "store", None)
    widget.app.push_screen(LinksScreen(title, links, getattr(store, "data_dir", None)))


class LinksScreen(KeyedScreen[None], ModalScreen[None]):
    """The links in reading order, numbered; the option's id is its index in `links`."""

    HELP_TITLE = "Links"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_link", "Open", tooltip="open the link in the browser"),  # the list's Enter, named
        Binding("escape,q,o", "dismiss", "Close"),
        Binding("c,y", "copy_url", "Copy URL", tooltip="copy the link's address"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("g", "edge('first')", "Top", show=False),
        Binding("G", "edge('last')", "Bottom", show=False),
    ]
    DEFAULT_CSS = """
    LinksScreen { align: center middle; }
    LinksScreen > Vertical { width: 90%; max-width: 110; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1; }
    LinksScreen OptionList { height: auto; max-height: 30; }
    LinksScreen .hint { color: $text-muted; }
    LinksScreen .title { width: 100%; }
    """

    def __init__(self, title: str, links: Sequence[Link], data_dir: Path | None) -> None:
        super().__init__()
        self.title_text = visible(title, single_line=True)
        self.links = list(links)
        self.data_dir = data_dir

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content(f"Links in {self.title_text}"), classes="title")  # wrapped, never cut
            options = []
            for number, link in enumerate(self.links, 1):
                words, url = visible(link.text, single_line=True), visible(link.url, single_line=True)
                label = Text(f"{number:>2}. ")
                if same_address(words, url):  # a bare address: its words are the address, said once
                    label.append(url, style="bold")
                else:
                    label.append(words or "(link)", style="bold")
                    label.append("\n    " + url, style="dim")
                options.append(Option(label, id=str(number - 1)))
            yield OptionList(*options)
            yield Label(Content(HINT), classes="hint")

    def _chosen(self) -> Link | None:
        index = self.query_one(OptionList).highlighted
        return self.links[index] if index is not None and 0 <= index < len(self.links) else None

    @on(OptionList.OptionSelected)
    def _open(self) -> None:
        self.action_open_link()

    def action_open_link(self) -> None:
        """Enter (the list's) or the palette: the highlighted link, in the browser."""
        link = self._chosen()
        if link is not None:
            open_in_browser(self, link.url)
            self.dismiss()

    def action_move(self, step: int) -> None:
        """j/k as everywhere else in the reader."""
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_edge(self, where: str) -> None:
        """g/G as everywhere else (Home and End: the list's own)."""
        getattr(self.query_one(OptionList), f"action_{where}")()

    def action_copy_url(self) -> None:
        link = self._chosen()
        if link is not None:
            self._copy(link.url)

    @work(thread=True, exclusive=True, group="links-copy")
    def _copy(self, url: str) -> None:
        """The system clipboard tools can take a moment: off the UI thread, as `y` does."""
        from tui_reader.core.personal import clipboard

        app = self.app

        def osc52(value: str) -> None:
            app.call_from_thread(app.copy_to_clipboard, value)

        folder = self.data_dir or Path.cwd()
        result = clipboard.copy_text(url, folder, osc52=osc52)
        app.call_from_thread(app.notify, visible(result.message), timeout=4, markup=False)
