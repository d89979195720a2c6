"""An import started from the command line, seen in the app (issue 18): its progress shows above the
footer, and quitting mid-import keeps what was stored and says how much.

The import itself is replaced by a stand-in that reports files as the real one does and waits
for the test between them, so what the screen shows is checked at a known point.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Label

from tests.ui.conftest import AppFactory, synthetic, until
from tui_reader.core.pipeline import importing
from tui_reader.core.pipeline.importing import ImportReport
from tui_reader.core.store import Store
from tui_reader.ui.widgets.footer import Footer

TOTAL = 25_000


class SlowImport:
    """Reports file after file; stores two reviews after the third; waits for `go` before each next file."""

    def __init__(self) -> None:
        self.go = threading.Semaphore(0)
        self.reached = 0
        self.finished = threading.Event()

    def __call__(self, store: Store, paths: Any, *, progress: Any, **_options: Any) -> ImportReport:
        try:
            for done in range(1, TOTAL + 1):
                progress(done, TOTAL, f"file{done}.txt")
                self.reached = done
                if done == 3:
                    store.library.add(synthetic(2, prefix="new"))
                if not self.go.acquire(timeout=30):
                    break
            return ImportReport(files=TOTAL, new=2)
        finally:
            self.finished.set()


@pytest.fixture
def slow_import(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlowImport]:
    fake = SlowImport()
    monkeypatch.setattr(importing, "import_paths", fake)
    yield fake
    for _ in range(5):
        fake.go.release()  # never leave the worker waiting


async def test_progress_shows_above_the_footer_during_an_import(
    make_app: AppFactory, tmp_path: Path, slow_import: SlowImport
) -> None:
    app = make_app(synthetic(3), paths=[tmp_path / "many"])
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: slow_import.reached == 1)
        label = app.main.query_one("#import-label", Label)
        await until(pilot, lambda: "Importing 1 of 25,000 files" in str(label.render()))
        slow_import.go.release()
        await until(pilot, lambda: "Importing 2 of 25,000 files" in str(label.render()))
        bar, footer = app.main.query_one("#import-bar").region, app.main.query_one(Footer).region
        assert bar.height == 1 and bar.width > 0
        assert bar.bottom <= footer.y  # on its own row, not under the footer
        assert app.main.reading.region.bottom <= bar.y  # nor over the panes
        await pilot.press("q")
        slow_import.go.release()
    assert slow_import.finished.wait(30)  # stopped at the next file (the real app waits for it as it exits)


async def test_quitting_mid_import_keeps_the_stored_reviews_and_says_so(
    make_app: AppFactory, tmp_path: Path, slow_import: SlowImport
) -> None:
    app = make_app(synthetic(3), paths=[tmp_path / "many"])
    async with app.run_test(size=(140, 40)) as pilot:
        for _ in range(3):
            slow_import.go.release()
        await until(pilot, lambda: slow_import.reached == 4)
        await pilot.press("q")
        slow_import.go.release()  # the next file's report is where the import stops
    assert slow_import.finished.wait(30) and slow_import.reached == 4
    notice = app.main.importer.stopped_notice
    assert notice.startswith("Import stopped: 4 of 25,000 files read, 2 new reviews kept.")
    assert len(Store(app.store.data_dir).library) == 5  # the three there before and the two stored


async def test_a_finished_import_leaves_no_notice(make_app: AppFactory, tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_text("A title\n\nOne paragraph of a review.\n", encoding="utf-8")
    app = make_app(synthetic(1), paths=[source])
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: len(app.store.library) == 2 and not app.main.query("#import-bar"))
        await pilot.press("q")
    assert app.main.importer.stopped_notice == ""


def reading_text(app: Any) -> str:
    """What the reading pane says with no review open (before it is wrapped to the pane)."""
    return str(app.main.reading.empty) if app.main.reading.review is None else ""


async def test_an_empty_library_says_what_is_being_imported(
    make_app: AppFactory, tmp_path: Path, slow_import: SlowImport
) -> None:
    """It said "Nothing to read yet: import a file" above a bar importing 12,500 files."""
    folder = tmp_path / "neg"
    app = make_app([], paths=[folder])
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: slow_import.reached == 1)
        await pilot.pause()
        assert reading_text(app).startswith(f"Importing {folder}: the reviews appear here once the import is done")
        assert "Nothing to read yet" not in reading_text(app)
        slow_import.go.release(TOTAL)
        await until(pilot, lambda: app.main.review is not None)  # the first of them opens
        assert not app.main.importer.under_way()


async def test_a_failed_import_says_nothing_is_coming(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_args: Any, **_options: Any) -> ImportReport:
        raise OSError("the disk went away")

    monkeypatch.setattr(importing, "import_paths", failing)
    app = make_app([], paths=[tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"])
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: any(n.title == "Import failed" for n in app._notifications))
        await until(pilot, lambda: reading_text(app).startswith("Nothing to read yet"))
        assert app.main.importer.under_way() == ""
