"""A table read as what its site says it is: the scale its ratings are on (from the file when it
says it, guessed from the values only when it does not, and said), the thing reviewed referred to
and named as that site's importer does, known datasets' columns, StoryGraph's export, and the
exports that hold no review text said to be no reviews."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text, write
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Subject
from tui_reader.core.content.ratings import rating_text
from tui_reader.core.importers import parse_file
from tui_reader.core.search.subjects import subject_group


def ratings(tmp_path: Path, name: str, text: str) -> list[tuple[float | None, float | None]]:
    return [(review.rating, review.rating_max) for review in parse_text(tmp_path, name, text).reviews]


def notes(tmp_path: Path, name: str, text: str) -> list[str]:
    return [skipped.label for skipped in parse_text(tmp_path, name, text).skipped if skipped.is_note]


def test_tripadvisor_bubbles_written_10_to_50_are_out_of_5(tmp_path: Path) -> None:
    """Were `50/100`: a scraper writes the bubble value, 50 for five bubbles."""
    text = "hotelName,title,content,rating\nH,Great,Clean.,50\nH,Okay,Average.,30\nK,Fine,Near.,40\n"
    assert ratings(tmp_path, "hotels.csv", text) == [(5, 5), (3, 5), (4, 5)]
    classes = "hotelName,content,rating\nH,Clean.,ui_bubble_rating bubble_50\nK,Near.,bubble_20\n"
    assert ratings(tmp_path, "classes.csv", classes) == [(5, 5), (2, 5)]
    assert ratings(tmp_path, "scores.csv", "review,score\nA.,50\nB.,85\n") == [(50, 100), (85, 100)]
    said = "review,Rating (out of 100)\nA.,50\nB.,30\n"  # the file says its scale: no bubbles
    assert ratings(tmp_path, "said.csv", said) == [(50, 100), (30, 100)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(1, 5), min_size=1, max_size=15))
def test_any_bubbles_read_as_the_same_stars_as_the_same_ratings_out_of_5(tmp_path: Path, stars: list[int]) -> None:
    written = "".join(f"Review {n}.,{s * 10}\n" for n, s in enumerate(stars))
    plain = "".join(f"Review {n}.,{s}\n" for n, s in enumerate(stars))
    as_bubbles = ratings(tmp_path, "bubbles.csv", "review,rating\n" + written)
    assert as_bubbles == [(float(s), 5.0) for s in stars]
    assert [rating for rating, _ in ratings(tmp_path, "plain.csv", "review,rating\n" + plain)] == [
        r for r, _ in as_bubbles
    ]


FINE_FOODS = (
    "Id,ProductId,UserId,ProfileName,HelpfulnessNumerator,HelpfulnessDenominator,Score,Time,Summary,Text\n"
    "1,B001E4KFG0,A3SGXH7AUHU8GW,delmartian,1,1,5,1303862400,Good Quality Dog Food,I have bought several.\n"
    '2,B00813GRG4,A1D87F6ZCVE5NK,dll pa,0,0,1,1346976000,Not as Advertised,"Small, unsalted."\n'
)


def test_kaggles_amazon_fine_food_reviews_are_amazon_reviews(tmp_path: Path) -> None:
    """Lost its author and helpful votes, and named the product `ProductId B001E4KFG0`, ref
    `productid:…`: never one subject with the same product from Amazon's JSON."""
    food, peanuts = parse_text(tmp_path, "Reviews.csv", FINE_FOODS).reviews
    assert (food.author, food.votes, food.voters, food.rating, food.rating_max) == ("delmartian", 1, 1, 5, 5)
    assert (food.title, food.date) == ("Good Quality Dog Food", "2011-04-27T00:00:00Z")
    assert (peanuts.votes, peanuts.voters) == (0, None)  # 0 of 0: nobody voted
    dump = json.dumps({"reviewerID": "X", "asin": "B001E4KFG0", "reviewText": "Same food.", "overall": 4})
    (from_json,) = parse_text(tmp_path, "Grocery_5.json", dump + "\n").reviews
    assert food.subject == from_json.subject == ("Amazon product B001E4KFG0", "product", None, None, "asin:B001E4KFG0")


def test_amazons_own_columns_as_a_csv(tmp_path: Path) -> None:
    text = (
        "reviewerID,asin,reviewerName,helpful,reviewText,overall,summary,unixReviewTime\n"
        'A2IBPI,1384719342,cassandra tu,"[13, 14]","Not much to write about here.",5,good,1393545600\n'
    )
    (review,) = parse_text(tmp_path, "Musical_Instruments.csv", text).reviews
    assert (review.author, review.votes, review.voters, review.rating_max) == ("cassandra tu", 13, 14, 5)
    assert review.subject == ("Amazon product 1384719342", "product", None, None, "asin:1384719342")


SCRAPED = (
    "Username,Rating,Helpful,Total Votes,Date,Title,Review,Movie{extra}\n"
    "moviebuff,3,10,15,12 March 2015,Disappointing,Not what I hoped for.,Tenet (2020){one}\n"
    "critic77,4,2,5,3 May 2016,Meh,The plot made no sense.,Tenet (2020){two}\n"
)


@pytest.mark.parametrize(
    ("name", "extra", "one", "two"),
    [
        ("imdb_user_reviews.csv", "", "", ""),  # the file's name says it
        ("reviews.csv", ",tconst", ",tt6723592", ",tt6723592"),  # an IMDb id says it
        ("reviews.csv", ",Link", ",https://www.imdb.com/title/tt6723592/reviews", ",https://m.imdb.com/review/rw1/"),
    ],
)
def test_an_imdb_table_is_rated_out_of_10_whatever_its_highest(
    tmp_path: Path, name: str, extra: str, one: str, two: str
) -> None:
    """Ratings 3 and 4 of an IMDb scrape were read `3/5`."""
    parsed = parse_text(tmp_path, name, SCRAPED.format(extra=extra, one=one, two=two))
    assert [(r.rating, r.rating_max) for r in parsed.reviews] == [(3, 10), (4, 10)]
    assert not [s for s in parsed.skipped if s.is_note]
    if extra:
        assert parsed.reviews[0].subject is not None and parsed.reviews[0].subject.ref == "imdb:tt6723592"


@pytest.mark.parametrize("column", ["Rating (out of 10)", "rating_10", "Score/10", "stars out of 10"])
def test_a_rating_column_named_for_its_scale(tmp_path: Path, column: str) -> None:
    text = f"Review,{column}\nSlow.,3\nLong.,4\nFine.,2\n"
    assert ratings(tmp_path, "reviews.csv", text) == [(3, 10), (4, 10), (2, 10)]
    assert not notes(tmp_path, "reviews.csv", text)


def test_a_scale_guessed_from_values_that_may_be_out_of_10_is_said(tmp_path: Path) -> None:
    """Nothing says the scale and no rating is above 4: read out of 5, and the summary says so and
    how to read them out of 10; a file that reaches 5, or says `8/10` in its cells, is not doubted."""
    text = SCRAPED.format(extra="", one="", two="").replace("Tenet (2020)", "Some Film")
    assert ratings(tmp_path, "film_reviews.csv", text) == [(3, 5), (4, 5)]
    assert notes(tmp_path, "film_reviews.csv", text) == [
        "ratings read as out of 5: none is above 4 and the file does not say its scale; "
        "--map rating_max=10 reads them out of 10"
    ]
    path = write(tmp_path, "film_reviews.csv", text)
    assert [r.rating_max for r in parse_file(path, field_map={"rating_max": "10"}).reviews] == [10, 10]
    assert not notes(tmp_path, "five.csv", "review,rating\nA.,5\nB.,3\n")
    assert not notes(tmp_path, "own.csv", "review,rating\nA.,3/10\nB.,4/10\n")


def test_a_subject_named_with_its_year_is_that_film_of_that_year(tmp_path: Path) -> None:
    """`Tenet (2020)` had no year, and stayed apart from Letterboxd's Tenet (2020)."""
    review = parse_text(tmp_path, "imdb.csv", SCRAPED.format(extra="", one="", two="")).reviews[0]
    assert review.subject == ("Tenet", "film", 2020, None, None)
    letterboxd = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
    letterboxd += "2023-01-03,Tenet,2020,https://boxd.it/a2,0.5,,Half a star.,,2023-01-03\n"
    (other,) = parse_text(tmp_path, "reviews.csv", letterboxd).reviews
    assert other.subject is not None and review.subject is not None

    def group(subject: Subject) -> str | None:
        return subject_group(subject.key, subject.label, subject.kind)

    assert group(review.subject) == group(other.subject) is not None
    assert review.id == parse_text(tmp_path, "imdb.csv", SCRAPED.format(extra="", one="", two="")).reviews[0].id


STORYGRAPH = (
    "Title,Authors,Contributors,ISBN/UID,Format,Read Status,Date Added,Last Date Read,Dates Read,Read Count,"
    "Moods,Pace,Character- or Plot-Driven?,Strong Character Development?,Loveable Characters?,Diverse Characters?,"
    "Flawed Characters?,Star Rating,Review,Content Warnings,Content Warning Description,Tags,Owned?\n"
    "Piranesi,Susanna Clarke,,9781635575637,hardcover,read,2023/01/02,2023/01/20,2023/01/10-2023/01/20,1,"
    'mysterious,medium,Character,Yes,Yes,No,Yes,4.25,"A dreamy, strange book.",,,"fantasy, favourites",Yes\n'
    "Hand-bound Zine,Ann Zine,,a1b2c3d4-uid,paperback,read,2022/05/01,2022/06/01,,1,,,,,,,,3.75,Odd.,,,,No\n"
    "The Road,Cormac McCarthy,,9780307387899,paperback,to-read,2022/05/01,,,0,,,,,,,,,,,,,No\n"
)


def test_a_storygraph_export(tmp_path: Path) -> None:
    """Was `4.2/5` for 4.25 (see `ratings.number`), with no subject and no date."""
    parsed = parse_text(tmp_path, "storygraph.csv", STORYGRAPH)
    piranesi, zine = parsed.reviews
    assert (piranesi.title, piranesi.author, piranesi.date, piranesi.rating, piranesi.rating_max) == (
        "Piranesi", None, "2023-01-20", 4.25, 5
    )  # fmt: skip
    assert piranesi.subject == ("Piranesi", "book", None, "Susanna Clarke", "isbn:9781635575637")
    assert piranesi.tags == ("fantasy", "favourites") and piranesi.body == "A dreamy, strange book."
    assert zine.subject is not None and zine.subject.ref == "storygraph:a1b2c3d4-uid"
    assert [(s.reason, s.count) for s in parsed.skipped] == [("rows without text", 1)]
    assert rating_text(piranesi.rating, piranesi.rating_max) == "★★★★½ 4.25/5"
    # Named by the book, as a Goodreads export's rows are: the export's name and a reread do not rename them.
    assert piranesi.id == stable_id("storygraph", "9781635575637")
    reread = STORYGRAPH.replace("2023/01/20,2023/01/10", "2024/03/01,2023/01/10")
    assert parse_text(tmp_path, "storygraph_2024.csv", reread).reviews[0].id == piranesi.id
    semicolons = STORYGRAPH.replace(",", ";").replace('"A dreamy; strange book."', '"A dreamy, strange book."')
    semicolons = semicolons.replace('"fantasy; favourites"', '"fantasy, favourites"')
    assert parse_text(tmp_path, "storygraph.csv", semicolons).reviews == parsed.reviews


def test_storygraph_and_goodreads_review_one_book(tmp_path: Path) -> None:
    goodreads = "Book Id,Title,Author,ISBN,ISBN13,My Rating,My Review\n1,Piranesi,Susanna Clarke,,"
    goodreads += '"=""9781635575637""",5,Lovely.\n'
    (other,) = parse_text(tmp_path, "goodreads_library_export.csv", goodreads).reviews
    first = parse_text(tmp_path, "storygraph.csv", STORYGRAPH).reviews[0]
    assert other.subject is not None and first.subject is not None and other.subject.key == first.subject.key


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Year", "IMDb ratings: not reviews"),
        ("Position,Const,Created,Modified,Description,Title,URL,Title Type,Year", "IMDb list: not reviews"),
    ],
)
def test_imdbs_own_exports_are_said_to_be_no_reviews(tmp_path: Path, header: str, reason: str) -> None:
    """`ratings.csv` got "no text column … --text-column NAME picks one": it has no review at all."""
    cells = len(header.split(","))
    row = ",".join(["tt0111161", *(["x"] * (cells - 1))])
    for name in ("ratings.csv", "ratings.txt"):
        parsed = parse_text(tmp_path, name, f"{header}\n{row}\n")
        assert (parsed.reviews, [s.reason for s in parsed.skipped]) == ([], [reason])


def test_a_goodreads_export_without_its_reviews_is_said_to_be_no_reviews(tmp_path: Path) -> None:
    text = "Book Id,Title,Author,My Rating,Date Read\n1,Piranesi,Susanna Clarke,5,2023/01/20\n"
    parsed = parse_text(tmp_path, "goodreads_library_export.csv", text)
    assert parsed.format == "goodreads"
    assert [s.reason for s in parsed.skipped] == ["Goodreads export without its My Review column: not reviews"]


def test_yelps_dataset_as_a_csv_names_its_places_as_the_yelp_importer_does(tmp_path: Path) -> None:
    text = "business_id,date,review_id,stars,text,type,user_id,cool,useful,funny\n"
    text += "9yKzy9PApeiPPOUJEtnvkg,2011-01-26,fWKvX83p0-ka4JS3dc6E5A,4,My birthday dinner.,review,rLtl8Z,2,5,0\n"
    (review,) = parse_text(tmp_path, "yelp.csv", text).reviews
    assert (review.rating, review.rating_max, review.votes) == (4, 5, 5)
    assert review.subject == (
        "Yelp business 9yKzy9PApeiPPOUJEtnvkg",
        "place",
        None,
        None,
        "yelp:9yKzy9PApeiPPOUJEtnvkg",
    )


def test_an_isbn_column_refers_to_the_book_by_its_isbn_13(tmp_path: Path) -> None:
    """An ISBN-10 and its ISBN-13 are one book, as Goodreads' importer has them."""
    text = "book,isbn,review\nThe Hobbit,0618260307,Lovely.\nThe Hobbit,978-0618260300,Again.\n"
    assert [r.subject.ref for r in parse_text(tmp_path, "books.csv", text).reviews if r.subject] == [
        "isbn:9780618260300",
        "isbn:9780618260300",
    ]
