"""Tables as review scrapers and dataset makers write them: what their columns say, read as such."""

from __future__ import annotations

from pathlib import Path

from tests.core.formats_support import parse_text


def test_an_id_column_holding_the_films_imdb_id_is_the_subject(tmp_path: Path) -> None:
    """An IMDb scrape's `id` is the film's (`tt…`, every row the same): ten reviews, not one."""
    rows = "".join(f'tt7737786,,{n},"Review number {n} of the film."\n' for n in range(1, 8))
    parsed = parse_text(tmp_path, "imdb_reviews.csv", "id,title,rating,review\n" + rows)
    assert len({review.id for review in parsed.reviews}) == 7
    subject = parsed.reviews[0].subject
    assert subject is not None
    assert (subject.name, subject.kind, subject.ref) == ("IMDb tt7737786", "film", "imdb:tt7737786")


def test_ids_repeating_with_other_text_merge_no_rows_and_are_said(tmp_path: Path) -> None:
    """Two exports glued together, each counting from 1: no row is lost to another's id."""
    text = "id,review\n1,First file's first.\n2,First file's second.\n1,Second file's first.\n2,Second's second.\n"
    parsed = parse_text(tmp_path, "glued.csv", text)
    assert len({review.id for review in parsed.reviews}) == 4
    assert any("'id'" in skipped.reason and skipped.count == 2 for skipped in parsed.skipped)


def test_ids_unique_or_repeating_with_the_same_text_still_name_the_rows(tmp_path: Path) -> None:
    """A scrape that wrote each review twice (TripAdvisor's `id_review`): one review each."""
    rows = "".join(
        f'{700 + n},Title {n},"The words of review {n}, long enough to be the text.",4.0,2019-12-2{n},user{n},1\n'
        for n in range(1, 4)
    )
    header = "id_review,title,caption,rating,timestamp,username,n_votes_review\n"
    parsed = parse_text(tmp_path, "ta_reviews.csv", header + rows + rows + rows)
    assert len({review.id for review in parsed.reviews}) == 3
    assert not [skipped for skipped in parsed.skipped if "id" in skipped.reason]
    assert {review.votes for review in parsed.reviews} == {1}


YELP_JOINED = (
    '"business_id","date","review_id","stars_review","text","type","user_id","votes_cool","votes_funny",'
    '"votes_useful","name","review_count","stars_business","state","full_address"\n'
    '"_JGhQ6BkMqdiDrDIIO4bVg","2013-10-21","0NDg3XSPFEjrE95nZox0hw",4,"Drive up tellers!","review",'
    '"u1",0,1,3,"Wells Fargo Bank",11,2.5,"AZ","15704 W Waddell Rd\nSurprise, AZ 85374"\n'
)


def test_yelp_reviews_joined_to_their_businesses(tmp_path: Path) -> None:
    """`name` is the business, `stars_review` the rating (not `stars_business`), `votes_useful` the votes."""
    (review,) = parse_text(tmp_path, "yelp_review.csv", YELP_JOINED).reviews
    assert review.author is None
    assert review.subject is not None
    assert (review.subject.name, review.subject.ref) == ("Wells Fargo Bank", "yelp:_JGhQ6BkMqdiDrDIIO4bVg")
    assert (review.rating, review.rating_max, review.votes) == (4, 5, 3)
    assert review.subtitle == "Surprise, AZ"


def test_yelp_categories_in_a_table_say_the_kind_of_place(tmp_path: Path) -> None:
    text = (
        "business_categories,business_id,business_name,business_stars,stars,text,user_id\n"
        "Food; Coffee & Tea,IoFggnoj1P4EcmNEP2K6Ng,Xtreme Bean,3.5,4,Greatest hours.,u1\n"
        "Mexican; Restaurants,AoFggnoj1P4EcmNEP2K6Ng,Taco Place,3.5,2,Bland.,u2\n"
    )
    kinds = [r.subject.kind for r in parse_text(tmp_path, "yelp.csv", text).reviews if r.subject]
    assert kinds == ["cafe", "restaurant"]


def test_a_sentiment_of_those_words_is_the_verdict(tmp_path: Path) -> None:
    text = 'review,sentiment\n"Loved it.",positive\n"Hated it.",negative\n"Meh.",0.4\n'
    parsed = parse_text(tmp_path, "IMDB Dataset.csv", text)
    assert [review.recommended for review in parsed.reviews] == [True, False, None]


def test_a_steam_csv_timestamp_is_the_date(tmp_path: Path) -> None:
    text = (
        "review_id,app_id,text,voted_up,playtime_minutes,timestamp,sentiment_score,label\n"
        '192840331,240,"Headshots all day.",True,9000,1744173259,0.9,1\n'
    )
    (review,) = parse_text(tmp_path, "filtered_240.csv", text).reviews
    assert review.date == "2025-04-09T04:34:19Z"


def test_film_ids_once_each_keep_the_ids_older_versions_gave_their_rows(tmp_path: Path) -> None:
    """One review per film under `id`: named as before where a library holds it (`older_ids`)."""
    from tui_reader.core.content.ids import source_key, stable_id

    text = 'id,review\ntt0000001,"The first film."\ntt0000002,"The second film."\n'
    parsed = parse_text(tmp_path, "films.csv", text)
    key = source_key(tmp_path / "films.csv")
    assert sorted(parsed.older_ids.values()) == sorted(stable_id("table", key, f"tt000000{n}") for n in (1, 2))
    assert set(parsed.older_ids) == {review.id for review in parsed.reviews}
