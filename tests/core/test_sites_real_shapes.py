"""Shapes met in real exports and scrapes of review sites (other years, other scrapers, other
languages), each in a small fixture of its own: what the file says is what is imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.formats_support import parse_text
from tui_reader.core.importers import InputError
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
    """A dump with the product's or game's id and no name: the id names it, as its site's importer
    names it (an ASIN: `Amazon product …`, the Amazon JSON's subject), else under the column's name."""
    text = "asin,reviewText,overall\nB00004Y2UT,Great cable.,5\n"
    (review,) = parse_text(tmp_path, "reviews.csv", text).reviews
    assert review.subject == ("Amazon product B00004Y2UT", "product", None, None, "asin:B00004Y2UT")
    (game,) = parse_text(tmp_path, "games.csv", "game id,review\n10,Fine game.\n").reviews
    assert game.subject == ("game id 10", "game", None, None, "gameid:10")


STEAM_DESCRIBED = (
    "game id,number of people that found the review to be useful,number of people that found the review to be funny,"
    "username of the reviewer,number of games owned by the reviewer,number of reviews written by the reviewer,"
    '"1=recommended, -1=not recommended",hours played by the reviewer on the game,date of creation of the review,'
    "text of the review\n"
    '111,3,0,7.65612E+16,5,1,-1,0.5,"2 March, 2019",Crashes on start.\n'
    '111,0,1,gamer42,40,2,1,12.5,"1 March, 2019","Fun, [b]really[/b] fun."\n'
)


def test_a_steam_dump_with_its_columns_described_in_words(tmp_path: Path) -> None:
    """Kaggle's Steam reviews whose header describes each column: the game, the verdict, the
    helpful votes, the reviewer, the hours and the date are all the review's."""
    parsed = parse_text(tmp_path, "reviews.csv", STEAM_DESCRIBED, "steam")
    crash, fun = parsed.reviews
    assert (fun.author, fun.recommended, fun.votes, fun.date, fun.body) == (
        "gamer42",
        True,
        0,
        "2019-03-01",
        "Fun, **really** fun.",
    )
    assert (fun.subtitle, fun.subject) == ("12.5 hrs on record", ("Steam app 111", "game", None, None, "steam:111"))
    # a Steam id a spreadsheet rounded names no one: two reviewers would be one
    assert (crash.author, crash.recommended, crash.votes, crash.date) == (None, False, 3, "2019-03-02")


STEAM_SCRAPED = (
    '{"text": "Great RPG.", "appid": "435150", "steamid": "profiles/76561198247474798", "voted_up": true,'
    ' "votes_up": "17", "votes_funny": 0, "early_access": false, "tstamp_created": 1561809600.0}\n'
    '{"text": "Meh.", "appid": "35000", "steamid": "id/somebody", "voted_up": false, "votes_up": 0,'
    ' "tstamp_created": 1599998400.0}\n'
)


def test_a_scraped_steam_dump_without_recommendation_ids(tmp_path: Path) -> None:
    great, meh = parse_text(tmp_path, "steam_reviews.json", STEAM_SCRAPED, "steam").reviews
    assert (great.author, great.date, great.votes, great.recommended) == (
        "76561198247474798",
        "2019-06-29T12:00:00Z",
        17,
        True,
    )
    assert great.subject == ("Steam app 435150", "game", None, None, "steam:435150")
    assert great.url == "https://steamcommunity.com/profiles/76561198247474798/recommended/435150/"
    assert (meh.author, meh.recommended, meh.url) == ("somebody", False, None)


@pytest.mark.parametrize(
    ("name", "text"),
    [("reviews.csv", STEAM_DESCRIBED), ("steam_reviews.json", STEAM_SCRAPED)],
    ids=["kaggle", "scraped"],
)
def test_those_steam_dumps_are_known_as_steam(tmp_path: Path, name: str, text: str) -> None:
    assert parse_text(tmp_path, name, text).format == "steam"


def test_a_steam_review_whose_text_was_hidden_is_skipped_as_without_text(tmp_path: Path) -> None:
    hidden = '{"text": "(Review text hidden)", "appid": "567170", "steamid": "profiles/7656", "voted_up": true}\n'
    parsed = parse_text(tmp_path, "steam_reviews.json", STEAM_SCRAPED + hidden)
    assert [r.body for r in parsed.reviews] == ["Great RPG.", "Meh."]
    assert [(s.reason, s.count) for s in parsed.skipped] == [("Steam reviews without text", 1)]


def test_a_csv_of_one_review_column_is_a_review_a_row(tmp_path: Path) -> None:
    """A scraper's IMDb reviews of a film: one column, `Review`; a row's unquoted comma is its text's."""
    text = 'Review\n"A great story.\nGo see it."\nToo long, and too loud.\nFine.\n'
    parsed = parse_text(tmp_path, "imdb_reviews.csv", text)
    assert parsed.format == "table"
    assert [r.body for r in parsed.reviews] == ["A great story.\nGo see it.", "Too long, and too loud.", "Fine."]


def test_a_text_file_headed_review_stays_one_review(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, "notes.txt", "Review\nA great story.\nToo long, and too loud.\n")
    assert len(parsed.reviews) == 1


def test_a_json_list_of_review_texts_is_a_review_each(tmp_path: Path) -> None:
    """A scraper's `{"reviews": ["…", "…"]}`: the texts alone, refused before as JSON without text."""
    text = '{\n    "reviews": [\n        "Le jeu est sympa.",\n        "One of the best.\\r\\r Buy it"\n    ]\n}'
    parsed = parse_text(tmp_path, "steam_reviews.json", text)
    assert [r.paragraphs for r in parsed.reviews] == [("Le jeu est sympa.",), ("One of the best.", "Buy it")]


def test_a_json_object_of_two_lists_of_texts_is_not_guessed_at(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="JSON without review or comment text"):
        parse_text(tmp_path, "x.json", '{\n  "reviews": ["a", "b"],\n  "text": ["c"]\n}')


def test_an_amazon_page_scrape_has_its_stars_and_dates(tmp_path: Path) -> None:
    """A scraper of Amazon's pages keeps what the page shows: "5.0 out of 5 stars", "Reviewed in …"."""
    text = (
        "reviewer,rating,title,date,body\n"
        'Ann,4.0 out of 5 stars,Good size,"Reviewed in the United States on April 30, 2019",Works well.\n'
        'Bea,"4,5 sur 5 étoiles",Très bien,"Commenté en France le 3 mai 2021",Parfait.\n'
    )
    ann, bea = parse_text(tmp_path, "amazon_reviews.csv", text).reviews
    assert (ann.author, ann.rating, ann.rating_max, ann.date) == ("Ann", 4, 5, "2019-04-30")
    assert (bea.rating, bea.rating_max, bea.date) == (4.5, 5, "2021-05-03")


def test_a_review_grade_column_is_the_rating(tmp_path: Path) -> None:
    text = ",review Text,review Grade\n0,Package arrived on time.,1\n4,Quite impressed with the phone.,5\n"
    parsed = parse_text(tmp_path, "amazon_reviews.csv", text)
    assert [(r.body, r.rating, r.rating_max) for r in parsed.reviews] == [
        ("Package arrived on time.", 1, 5),
        ("Quite impressed with the phone.", 5, 5),
    ]


GOODREADS_ALIGNED = (
    "Book Id  , Title          , Author      , Author l-f       , ISBN13              , My Rating, Date Read ,"
    " Date Added, Bookshelves           , Exclusive Shelf, My Review\n"
    '   257233, Raintree County, Ross L. Jr. , "Jr., Ross L."   , "=""9780140236668""",         3, 2026/06/23,'
    ' 2024/06/28,                       , read           , "Long, but worth it."\n'
    '    43035, White Fang     , Jack London , "London, Jack"   , "="""""             ,         0,           ,'
    ' 2023/10/29, "kidz, did-not-finish", did-not-finish , Gave up.\n'
)


def test_a_goodreads_export_with_its_columns_aligned_by_spaces(tmp_path: Path) -> None:
    """An editor's "align columns" pads every cell: the reviews were all "books without a review"."""
    raintree, fang = parse_text(tmp_path, "goodreads_library_export.csv", GOODREADS_ALIGNED).reviews
    assert (raintree.body, raintree.rating, raintree.date) == ("Long, but worth it.", 3, "2026-06-23")
    assert raintree.subject == ("Raintree County", "book", None, "Ross L. Jr.", "isbn:9780140236668")
    assert (fang.body, fang.rating, fang.tags) == ("Gave up.", None, ("kidz", "did-not-finish"))
