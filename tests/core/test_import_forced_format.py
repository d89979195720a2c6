"""A format forced on a file that is not one says so, naming what the file looks like: `--format steam`
on a Goodreads export said `skipped 1,197 (Steam reviews without text: 1,197)`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_sites_fuzz import SAMPLES
from tui_reader.core.importers import InputError, parse_file
from tui_reader.core.importers.labels import FORMAT_LABELS

SITES = ("goodreads", "letterboxd", "steam", "amazon", "yelp")
NAMES = {"goodreads": "goodreads_library_export.csv", "letterboxd": "reviews.csv", "steam": "review_646570.json"}


def _file(folder: Path, site: str) -> Path:
    path = folder / NAMES.get(site, f"{site}.json")
    path.write_text(SAMPLES[site][1], encoding="utf-8")
    return path


@pytest.mark.parametrize("forced", SITES)
@pytest.mark.parametrize("site", SITES)
def test_a_site_format_forced_on_another_sites_file_names_both(tmp_path: Path, site: str, forced: str) -> None:
    path = _file(tmp_path, site)
    assert parse_file(path).format == site  # detected as itself
    try:
        parsed = parse_file(path, forced)
    except InputError as error:
        assert forced != site
        assert str(error) == f"{path}: not {FORMAT_LABELS[forced]} (it looks like {FORMAT_LABELS[site]})"
    else:  # read as asked (Steam's reader takes a Letterboxd CSV's Review column): what --format is for
        assert parsed.reviews


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(TEXT, TEXT, st.one_of(st.just(""), TEXT)), min_size=1, max_size=6))
def test_steam_forced_on_any_goodreads_export_is_refused_in_one_line(
    tmp_path: Path, rows: list[tuple[str, str, str]]
) -> None:
    out = io.StringIO()
    table = csv.writer(out)
    table.writerow(["Book Id", "Title", "Author", "My Rating", "Date Added", "Bookshelves", "My Review"])
    for number, (title, author, review) in enumerate(rows, 1):
        table.writerow([number, title, author, 0, "2020/01/01", "read", review])
    path = tmp_path / "goodreads_library_export.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(InputError) as error:
        parse_file(path, "steam")
    assert "not a Steam export (it looks like a Goodreads export)" in str(error.value)
    assert "\n" not in str(error.value)


def test_a_forced_format_its_sniff_misses_but_that_reads_the_file_still_imports(tmp_path: Path) -> None:
    """`--format steam` on a Letterboxd CSV: Steam's reader takes its Review column, as asked."""
    assert parse_file(_file(tmp_path, "letterboxd"), "steam").reviews


def test_a_table_forced_keeps_its_own_reason(tmp_path: Path) -> None:
    """It says which columns it looked for and `--text-column`: more use than what the file looks like."""
    with pytest.raises(InputError, match="--text-column"):
        parse_file(_file(tmp_path, "goodreads"), "table")
