"""Shapes met in real exports and scrapes of review sites (other years, other scrapers, other
languages), each in a small fixture of its own: what the file says is what is imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.formats_support import parse_text
from tui_reader.core.importers.content_ids import row_id, row_parts
from tui_reader.core.importers.sites import date_of


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("Reviewed in the United States on March 3, 2021", "2021-03-03"),  # Amazon page scrapes
        ("Reviewed in India on 3 March 2021", "2021-03-03"),
        ("Written December 27, 2024", "2024-12-27"),  # TripAdvisor, English
        ("Avis écrit le 22 juin 2015", "2015-06-22"),  # TripAdvisor, French
        ("Escrita el 5 de marzo de 2019", "2019-03-05"),
        ("Avaliou em 12 de março de 2020", "2020-03-12"),
        ("Bewertet am 3. Mai 2021", "2021-05-03"),
        ("recensito il 9 febbraio 2018", "2018-02-09"),
        ("31/10/2018", "2018-10-31"),  # a part over 12 is the day
        ("10/31/2018", "2018-10-31"),
        ("22.06.2015", "2015-06-22"),  # dots: day first
    ],
)
def test_the_date_inside_a_scrapers_words(written: str, day: str) -> None:
    assert date_of(written) == day


@pytest.mark.parametrize(
    "written", ["03/04/2015", "Date of stay: June 2019", "2 weeks ago", "from 3 May 2020 to 9 May 2020"]
)
def test_a_line_without_one_sure_day_is_kept_as_written(written: str) -> None:
    assert date_of(written) == written


def test_a_french_tripadvisor_scrape_has_its_dates(tmp_path: Path) -> None:
    text = "Title;Content;Rating;Date\n“Belle vue”;Très belle vue sur le port.;5;Avis écrit le 19 février 2015\n"
    (review,) = parse_text(tmp_path, "tripadvisor_reviews.csv", text).reviews
    assert (review.title, review.rating, review.date) == ("“Belle vue”", 5, "2015-02-19")


def test_a_row_keeps_the_id_it_had_before_its_date_was_read(tmp_path: Path) -> None:
    """A table without ids names each row by its words, date as written included: reading the
    date now must not rename the row, or a re-import adds it again and the notes stay behind."""
    text = "Title;Content;Date\nBelle vue;Très belle vue.;Avis écrit le 19 février 2015\nBof;Rien.;31/10/2018\n"
    first, second = parse_text(tmp_path, "avis.csv", text).reviews
    assert (first.date, second.date) == ("2015-02-19", "2018-10-31")
    before = row_id({}, "", row_parts("Belle vue", None, "Avis écrit le 19 février 2015", None, "Très belle vue."))
    assert first.id == before
    assert second.id == row_id({}, "", row_parts("Bof", None, "31/10/2018", None, "Rien."))


@pytest.mark.parametrize(
    ("column", "value", "scale"),
    [("Rating out of 5", "2", 5), ("Rating (out of 10)", "7", 10), ("Stars (1-5)", "4", 5), ("Note /20", "15", 20)],
)
def test_a_rating_column_named_with_its_scale(tmp_path: Path, column: str, value: str, scale: int) -> None:
    text = f'Reviewer Name,Date,Review Text,"{column}"\nAnn N,"December 27, 2024",Loved the food.,{value}\n'
    (review,) = parse_text(tmp_path, "tripadvisor_reviews.csv", text).reviews
    assert (review.author, review.date, review.rating, review.rating_max) == (
        "Ann N",
        "2024-12-27",
        float(value),
        scale,
    )


def test_a_subject_known_only_by_its_id_is_named_by_it(tmp_path: Path) -> None:
    """A dump with the product's or game's id and no name: the id names it, under the column's name."""
    text = "asin,reviewText,overall\nB00004Y2UT,Great cable.,5\n"
    (review,) = parse_text(tmp_path, "reviews.csv", text).reviews
    assert review.subject == ("asin B00004Y2UT", "product", None, None, "asin:B00004Y2UT")
