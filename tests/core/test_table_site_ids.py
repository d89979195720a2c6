"""A table with its site's id column names its rows by that site's ids, not by its file.

The same Yelp rows saved as `.tsv` beside the `.csv`, or the CSV in another folder, were two
copies of every review: the id was the file's name and the id column's value. Now an id that is
a site's (Yelp's `review_id`, Steam's `recommendationid`, a scrape's `reviewId`) names the review
wherever it is saved; an id that counts the file's rows (`1`, `2`, `3`) still names a row of its
file, since two tables both count from 1. A library imported before keeps its ids.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.formats_support import write
from tui_reader.core.content.ids import source_key, stable_id
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.importers import parse_file
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store

YELP = ["review_id", "business_id", "user_id", "stars", "date", "text"]


def table(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def yelp_rows(texts: list[str]) -> list[list[str]]:
    return [
        [f"{n:02d}TunyQ73aT9WBnpR9DZGw", "7ATYjTIgM3jUlt4UM3IypQ", "OyoG", "4", "2018-01-02", t]
        for n, t in enumerate(texts)
    ]


TEXTS = [f"Visit number {n}: the pancakes were good." for n in range(5)]


def counts(store: Store, *paths: Path) -> tuple[int, int, int]:
    report = import_paths(store, list(paths), index=False)
    return report.new, report.updated, report.unchanged


def test_the_same_rows_as_tsv_and_in_another_folder_are_one_review_each(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    rows = yelp_rows(TEXTS)
    first = write(tmp_path / "a", "yelp.csv", table(YELP, rows))
    beside = write(tmp_path / "a", "yelp.tsv", table(YELP, rows, "\t"))
    elsewhere = write(tmp_path / "b", "reviews.csv", table(YELP, rows))
    store = Store(tmp_path / "lib")
    assert counts(store, first) == (5, 0, 0)
    assert counts(store, beside) == (0, 0, 5)
    assert counts(store, elsewhere) == (0, 0, 5)
    assert len(store.library) == 5


def test_a_row_edited_in_another_copy_updates_its_review(tmp_path: Path) -> None:
    rows = yelp_rows(TEXTS)
    store = Store(tmp_path / "lib")
    counts(store, write(tmp_path, "yelp.csv", table(YELP, rows)))
    rows[2][-1] = "Visit number 2: the pancakes were cold this time."
    assert counts(store, write(tmp_path, "yelp-newer.tsv", table(YELP, rows, "\t"))) == (0, 1, 4)
    assert sorted(review.body for review in store.library.iter_reviews()) == sorted(row[-1] for row in rows)


def test_a_yelp_table_names_a_review_as_the_yelp_export_does(tmp_path: Path) -> None:
    """The Yelp dataset's JSON (`yelp.YelpImporter`) and a CSV of it are the same reviews."""
    parsed = parse_file(write(tmp_path, "yelp.csv", table(YELP, yelp_rows(TEXTS[:1]))))
    assert parsed.format == "table"
    assert parsed.reviews[0].id == stable_id("yelp", "00TunyQ73aT9WBnpR9DZGw")


def test_a_scrapes_own_ids_name_its_reviews_wherever_it_is_saved(tmp_path: Path) -> None:
    """No site the columns say (a TripAdvisor scrape): the ids are still not one file's count."""
    header = ["hotelName", "reviewId", "rating", "content"]
    rows = [["Hotel des Patients", str(885624790 + n), "5", text] for n, text in enumerate(TEXTS)]
    one = parse_file(write(tmp_path, "All.csv", table(header, rows))).reviews
    (tmp_path / "copy").mkdir()
    two = parse_file(write(tmp_path / "copy", "All (1).tsv", table(header, rows, "\t"))).reviews
    assert [review.id for review in one] == [review.id for review in two]


def test_a_steam_table_is_named_as_steam_names_its_reviews(tmp_path: Path) -> None:
    header = ["recommendationid", "review", "timestamp_created"]
    path = write(tmp_path, "reviews.csv", table(header, [["38728619", "A fine game.", "1514367285"]]))
    assert parse_file(path, "table").reviews[0].id == stable_id("steam", "38728619")


def test_ids_that_count_the_files_rows_stay_the_files(tmp_path: Path) -> None:
    """Two tables both counting from 1 are other reviews: neither is stored over the other."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    header = ["id", "author", "review"]
    first = write(tmp_path / "a", "t.csv", table(header, [[str(n), "ann", t] for n, t in enumerate(TEXTS, 1)]))
    other = [f"Another site's review {n}." for n in range(5)]
    second = write(tmp_path / "b", "t.csv", table(header, [[str(n), "bob", t] for n, t in enumerate(other, 1)]))
    store = Store(tmp_path / "lib")
    assert counts(store, first, second) == (10, 0, 0)


def test_a_library_imported_before_keeps_its_ids_and_notes(tmp_path: Path) -> None:
    """Stored under the file's name and the id (as older versions did), with a note on each."""
    rows = yelp_rows(TEXTS)
    path = write(tmp_path, "yelp.csv", table(YELP, rows))
    store = Store(tmp_path / "lib")
    older = [
        review.with_id(stable_id("table", source_key(path), row[0]))
        for review, row in zip(parse_file(path).reviews, rows, strict=True)
    ]
    store.library.add(older)
    for review in older:
        store.user.add_note(Anchor(review.id), review.body)
    rows[1][-1] = "Visit number 1: edited since."
    write(tmp_path, "yelp.csv", table(YELP, rows))
    assert counts(store, path) == (0, 1, 4)
    assert sorted(review.id for review in store.library.iter_reviews()) == sorted(review.id for review in older)
    for note in store.user.snapshot().notes:
        assert store.library.get(note.anchor.review_id) is not None and not note.detached


@settings(max_examples=30)
@given(
    ids=st.lists(st.from_regex(r"[A-Za-z0-9_-]{22}", fullmatch=True), min_size=1, max_size=5, unique=True),
    folder=st.from_regex(r"[a-z]{1,8}", fullmatch=True),
    delimiter=st.sampled_from([",", "\t", ";"]),
)
def test_a_site_id_does_not_depend_on_where_or_how_the_table_is_saved(
    tmp_path_factory: pytest.TempPathFactory, ids: list[str], folder: str, delimiter: str
) -> None:
    base = tmp_path_factory.mktemp("t")
    rows = [[rid, "7ATYjTIgM3jUlt4UM3IypQ", "u", "4", "2018-01-02", f"Words {n}."] for n, rid in enumerate(ids)]
    (base / folder).mkdir()
    here = parse_file(write(base, "yelp.csv", table(YELP, rows))).reviews
    there = parse_file(write(base / folder, "export.txt", table(YELP, rows, delimiter))).reviews
    assert [review.id for review in there] == [stable_id("yelp", rid) for rid in ids] == [r.id for r in here]
