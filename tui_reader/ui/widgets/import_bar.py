"""The line above the footer while the reader imports: what is being imported, and a bar.

Loaded when an import starts (`ui/controllers/importing.py`): the first paint need not load the progress bar.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


def files_label(done: int, total: int) -> str:
    return f"Importing {done:,} of {total:,} {'file' if total == 1 else 'files'}"


class ImportBar(Horizontal):
    """One line: what is being imported, and a bar."""

    def compose(self) -> ComposeResult:
        yield Label("Importing: finding files…", id="import-label")
        yield ProgressBar(id="import-progress", show_eta=False)

    def show(self, done: int, total: int) -> None:
        self.query_one("#import-label", Label).update(files_label(done, total))
        self.query_one("#import-progress", ProgressBar).update(total=total, progress=done)
