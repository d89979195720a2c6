"""An IMDb review of the dataset shows where it is read on the site, as other sources' reviews
do: its film's user-comments page, in the reading pane's head, where the file's name
(`2178_3.txt`) was shown."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_imdb_fragments import ADDRESSES, dataset
from tests.ui.conftest import AppFactory, until
from tests.ui.test_subjects_rows import by_kind
from tui_reader.core.content.pages import short_address
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store
from tui_reader.ui.widgets.reading_layout import META


async def test_the_reading_pane_shows_the_film_page(tmp_path: Path, make_app: AppFactory) -> None:
    path = dataset(tmp_path, "3_3.txt", "Alt&#305;oklar was promised by the tag line.<br /><br />It was not there.")
    folder = tmp_path / "library"
    assert import_paths(Store(folder), [path]).new == 1
    app = make_app([], folder=folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: app.main.review is not None)
        review = app.main.review
        assert review is not None and review.url == ADDRESSES[3]
        head = by_kind(app.main.reading.lines)[META].replace(" ", "")  # wrapped in a narrow pane
        assert short_address(ADDRESSES[3]) in head and "3_3.txt" not in head
        shown = [line.text for line in app.main.reading.lines]
        assert any("Altıoklar" in text for text in shown) and not any("&#305;" in text for text in shown)
