"""The reader app (minimal first cut: the review list and the reading pane)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.core.importing import import_paths
from tui_reader.core.store import Store
from tui_reader.core.text import visible


class ReaderApp(App[None]):
    """Lists the library; Enter shows the review."""

    TITLE = "tui-reader"
    BINDINGS = [("q", "quit", "Quit")]
    CSS = "OptionList { width: 40%; } #reading { width: 1fr; padding: 0 2; }"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        library = self.store.library
        options = [
            Option(Content(visible(library.summary(i).title, single_line=True)), id=library.summary(i).id)
            for i in range(len(library))
        ]
        yield OptionList(*options)
        yield Static(id="reading")
        yield Footer()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        review = self.store.library.get(event.option.id or "")
        if review is not None:
            self.query_one("#reading", Static).update(Content(visible(review.title + "\n\n" + review.body)))


def run_app(store: Store, paths: list[Path], format_name: str | None) -> int:
    if paths:
        import_paths(store, paths, format_name=format_name)
    ReaderApp(store).run()
    return 0
