"""The import controller: `tui-reader FILES` imports in the background while the reader is open.

It shows a line above the footer while importing ("Importing 812 of 25,000 files" and a
bar), tells the screen `Imported` when done, and says what went wrong in one notice. Quit
mid-import (`stop`) ends the import at the next file: the batches already stored are kept,
and `stopped_notice` says how much (the app prints it once the screen is gone). The
import pipeline loads in the worker: the first paint need not wait for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import work
from textual.containers import Container
from textual.message import Message

from tui_reader.core.content.text import visible
from tui_reader.core.store import Store, StoreError
from tui_reader.ui.safe_write import tell

if TYPE_CHECKING:
    from tui_reader.core.pipeline.importing import ImportReport
    from tui_reader.ui.widgets.import_bar import ImportBar


class ImportStopped(Exception):
    """Raised in the import's progress callback once the reader quits: the import ends at that file."""


def stopped_notice(done: int, total: int, kept: int) -> str:
    """What a stopped import leaves: the batches stored before the stop are kept, the rest is not read."""
    reviews = f"{kept:,} new {'review' if kept == 1 else 'reviews'} kept"
    read = f"{done:,} of {total:,} files read" if total else "no file read yet"
    return f"Import stopped: {read}, {reviews}. Import again to add the rest (reviews already in are not added twice)."


class ImportController(Container):  # a container: no height while it holds nothing
    """Runs one import at a time and shows its progress."""

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            self.done = done
            self.total = total
            super().__init__()

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ImportController.Progress)

    class Imported(Message):
        def __init__(self, report: ImportReport) -> None:
            self.report = report
            super().__init__()

    class Failed(Message):
        def __init__(self, message: str) -> None:
            self.message = message
            super().__init__()

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self.stopped_notice = ""  # set when the reader quit mid-import: what was kept
        self._paths: list[Path] = []

    @property
    def importing(self) -> bool:
        return not self._idle.is_set()

    def under_way(self) -> str:
        """What an empty library's reading pane says while this import runs ("" when none runs):
        it said "Nothing to read yet: import a file" above a bar importing 12,500 files. The
        list takes the reviews in when the import is done, so the pane says so."""
        if not self.importing:
            return ""
        names = [visible(str(path), single_line=True) for path in self._paths]
        what = names[0] if len(names) == 1 else f"{len(names)} paths ({', '.join(names[:2])}{', …' * (len(names) > 2)})"
        return f"Importing {what}: the reviews appear here once the import is done (the bar below counts the files)"

    def start(self, paths: list[Path], format_name: str | None, then: Callable[[], None]) -> None:
        """Import `paths`; `then` runs in the worker once the reviews are stored (the search index catches up)."""
        self._idle.clear()
        self._paths = list(paths)
        from tui_reader.ui.widgets.import_bar import ImportBar  # lazy (tuning kept): ~7 ms at start otherwise

        self.mount(ImportBar(id="import-bar"))
        self._import(paths, format_name, then)

    def stop(self) -> None:
        """The reader quits: end the import at its next file (the app waits for the worker as it exits)."""
        if self.importing:
            self._stop.set()

    @work(thread=True, exclusive=True, group="import", exit_on_error=False, description="importing")
    def _import(self, paths: list[Path], format_name: str | None, then: Callable[[], None]) -> None:
        from tui_reader.core.importers import InputError  # lazy, both: slow to load, after the first paint
        from tui_reader.core.pipeline.importing import import_paths

        seen = [0, 0]  # files done, files in all
        before = len(self.store.library)

        def progress(done: int, total: int, _path: str) -> None:
            if self._stop.is_set():
                raise ImportStopped
            seen[:] = [done, total]
            self.post_message(self.Progress(done, total))  # never waits for the UI: quitting must not block on it

        try:
            report = import_paths(self.store, paths, format_name=format_name, progress=progress)
            then()
        except ImportStopped:
            self.stopped_notice = stopped_notice(seen[0], seen[1], len(self.store.library) - before)
            return
        except (InputError, StoreError, OSError) as error:
            self.post_message(self.Failed(str(error)))
            return
        finally:
            self._idle.set()
        self.post_message(self.Imported(report))

    def on_import_controller_progress(self, event: ImportController.Progress) -> None:
        event.stop()
        for bar in self.query("#import-bar"):
            cast("ImportBar", bar).show(event.done, event.total)

    def on_import_controller_failed(self, event: ImportController.Failed) -> None:
        self.query("#import-bar").remove()
        tell(self, event.message, title="Import failed", severity="error", timeout=10)

    def on_import_controller_imported(self, event: ImportController.Imported) -> None:
        self.query("#import-bar").remove()  # the message bubbles on: the screen shows the new reviews
        report = event.report
        tell(self, report.summary_line(), severity="information" if report.ok else "error", timeout=8)
