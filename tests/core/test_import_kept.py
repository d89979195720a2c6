"""A review read again from a file that does not say who wrote it keeps the writer the library knows.

Letterboxd's `reviews.csv` names no reviewer (`profile.csv` beside it does) and no film page
(`watched.csv` does). Imported on its own it wiped the author from every review
(`search -c author:NAME` 28 -> 0) and the film's page from every subject, and counted each
review as updated though nothing in it had changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.core.formats_support import write
from tests.core.test_sites_formats import letterboxd_folder
from tui_reader.cli import main
from tui_reader.core.content.models import Review
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store


def reviews(store: Store) -> dict[str, Review]:
    return {review.title: review for review in store.library.iter_reviews()}


def test_reviews_csv_alone_keeps_the_reviewer_and_the_film_page(tmp_path: Path) -> None:
    store = Store(tmp_path / "lib")
    export = letterboxd_folder(tmp_path / "export")
    import_paths(store, [export], index=False)
    before = reviews(store)
    assert {review.author for review in before.values()} == {"ann"}
    alone = tmp_path / "x" / "reviews.csv"  # copied out of the export: no profile.csv, no watched.csv beside it
    alone.parent.mkdir()
    shutil.copy(export / "reviews.csv", alone)
    report = import_paths(store, [alone], index=False)
    assert (report.new, report.failed_files) == (0, 0)
    after = reviews(store)
    assert {review.author for review in after.values()} == {"ann"}
    assert after["Her"].subject == before["Her"].subject
    assert after["Her"].subject is not None and after["Her"].subject.ref == "letterboxd:https://boxd.it/film1"
    assert {title: review.source for title, review in after.items()} == dict.fromkeys(after, str(alone.resolve()))


def test_unchanged_rows_are_unchanged_when_only_the_profile_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "lib")
    export = letterboxd_folder(tmp_path / "export")
    assert main(["--data-dir", data, "import", str(export / "reviews.csv")]) == 0
    assert main(["--data-dir", data, "search", "-c", "author:ann"]) == 0
    assert capsys.readouterr().out.split()[-1] == "2"
    (export / "profile.csv").unlink()
    (export / "watched.csv").unlink()
    main(["--data-dir", data, "import", "--dry-run", str(export / "reviews.csv")])
    assert "would import 0 new, 0 updated, 2 unchanged reviews" in capsys.readouterr().out
    main(["--data-dir", data, "import", str(export / "reviews.csv")])
    assert "imported 0 new, 0 updated, 2 unchanged reviews" in capsys.readouterr().out
    assert main(["--data-dir", data, "search", "-c", "author:ann"]) == 0
    assert capsys.readouterr().out.split()[-1] == "2"


def test_what_a_file_says_still_wins_and_only_the_writer_is_kept(tmp_path: Path) -> None:
    """A named writer replaces the stored one; a rating, a date or a subject's other fields the
    file drops are dropped (edited at the source): only a missing author and a same thing's ref
    are kept."""
    store = Store(tmp_path / "lib")
    table = tmp_path / "t.csv"
    first = "id,review,author,rating,movie,year\n1,Good film.,ann,4,Her,2013\n2,Bad film.,bob,2,Jaws,1975\n"
    write(tmp_path, "t.csv", first)
    import_paths(store, [table], index=False)
    write(tmp_path, "t.csv", "id,review,author,rating\n1,Good film.,,4\n2,Bad film.,cyd,\n")
    report = import_paths(store, [table], index=False)
    assert (report.new, report.updated) == (0, 2)
    after = {review.paragraphs[0]: review for review in store.library.iter_reviews()}
    assert after["Good film."].author == "ann"  # the file says nobody: the stored writer stays
    assert after["Good film."].subject is None  # the file says about nothing: nothing is made up
    assert (after["Bad film."].author, after["Bad film."].rating) == ("cyd", None)
