"""The datasets' own conventions read as what they mean (a tester's findings on realistic variants of
real dumps): IMDb's unrated `_0` files, the older Yelp rounds' nested votes, Kaggle's Steam placeholder
text, a Reddit post whose text was removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.formats_support import parse_text, write
from tui_reader.cli import main
from tui_reader.core.content.formatting import EMPHASIS, blocks, body_kind, plain_text
from tui_reader.core.importers import parse_file


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def imdb_unsup(root: Path) -> Path:
    """The dataset's unlabelled half: `train/unsup/<id>_0.txt` beside `train/urls_unsup.txt`."""
    (root / "train" / "unsup").mkdir(parents=True)
    (root / "train" / "urls_unsup.txt").write_text("http://www.imdb.com/title/tt0018515/usercomments\n" * 2)
    for number in (0, 1):
        write(root / "train" / "unsup", f"{number}_0.txt", f"Review {number} of the film.<br /><br />More words.")
    return root


def test_an_imdb_file_rated_0_is_unrated_and_averages_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`_0` is how the dataset names its 50,000 reviews without a rating: it was shown `☆☆☆☆☆ 0/10`
    and `subjects` averaged the film at 0.0."""
    root = imdb_unsup(tmp_path / "aclImdb")
    review = parse_file(root / "train" / "unsup" / "0_0.txt").reviews[0]
    assert (review.rating, review.rating_max) == (None, None)
    assert review.subject is not None and review.subject.ref == "imdb:tt0018515"  # still about its film
    data = str(tmp_path / "lib")
    assert run(capsys, "--data-dir", data, "import", str(root))[0] == 0
    _, listed = run(capsys, "--data-dir", data, "list")
    assert "0/10" not in listed and "☆☆☆☆☆" not in listed
    _, subjects = run(capsys, "--data-dir", data, "subjects", "--json")
    (film,) = [json.loads(line) for line in subjects.splitlines()]
    assert (film["count"], film["average"]) == (2, None)


def test_an_imdb_file_rated_10_keeps_its_rating(tmp_path: Path) -> None:
    review = parse_text(tmp_path, "3_10.txt", "A fine film.").reviews[0]
    assert (review.rating, review.rating_max) == (10, 10)


YELP_2013 = {
    "votes": {"funny": 0, "useful": 5, "cool": 2},
    "user_id": "Xqd0DzHaiyRqVH3WRG7hzg",
    "review_id": "15SdjuK7DmYqUAj6rjGowg",
    "stars": 5,
    "date": "2007-05-17",
    "text": "Everything I look for in a doctor.",
    "type": "review",
    "business_id": "vcNAWiLM4dR7D2nwwJ7nCA",
}


def test_an_older_yelp_round_keeps_its_useful_votes(tmp_path: Path) -> None:
    """The 2013-2014 rounds nest the votes (`"votes": {"useful": 5, ...}`): they were lost."""
    unvoted = {**YELP_2013, "review_id": "r2", "votes": {"funny": 3, "useful": 0, "cool": 1}}
    parsed = parse_text(tmp_path, "review.json", "\n".join(json.dumps(r) for r in (YELP_2013, unvoted)))
    assert parsed.format == "yelp"
    assert [(r.votes, r.voters) for r in parsed.reviews] == [(5, None), (0, None)]  # funny and cool are no votes


@pytest.mark.parametrize(
    ("name", "record", "reason"),
    [
        ("yelp_academic_dataset_tip.json", {"user_id": "u", "text": "Try the tacos", "business_id": "b", "likes": 0,
                                            "date": "2012-07-15", "type": "tip"}, "Yelp tips: not reviews"),
        ("yelp_academic_dataset_checkin.json", {"checkin_info": {"9-5": 1}, "type": "checkin", "business_id": "b"},
         "Yelp check-ins: not reviews"),
    ],
)  # fmt: skip
def test_an_older_yelp_rounds_other_files_are_skipped_not_read_as_reviews(
    tmp_path: Path, name: str, record: dict[str, object], reason: str
) -> None:
    parsed = parse_text(tmp_path, name, json.dumps(record) + "\n")
    assert parsed.reviews == [] and [s.reason for s in parsed.skipped] == [reason]


KAGGLE_STEAM = (
    "app_id,app_name,review_text,review_score,review_votes\n"
    "10,Counter-Strike,Ruined my life.,1,0\n"
    "20,Team Fortress Classic,Early Access Review,1,0\n"
    "20,Team Fortress Classic, Early Access Review ,-1,0\n"
    '70,Half-Life,"An Early Access Review of mine: it was fine.",1,1\n'
)


def test_kaggles_steam_placeholder_is_skipped_and_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Kaggle's dataset holds "Early Access Review" where a review was written in early access: the
    page's label, not a review. Skipped as "(Review text hidden)" is, and said."""
    path = write(tmp_path, "steam_reviews.csv", KAGGLE_STEAM)
    parsed = parse_file(path)
    assert [r.paragraphs[0] for r in parsed.reviews] == [
        "Ruined my life.",
        "An Early Access Review of mine: it was fine.",
    ]
    assert [(s.reason, s.count) for s in parsed.skipped] == [("Steam reviews without text", 2)]
    _, out = run(capsys, "--data-dir", str(tmp_path / "lib"), "import", str(path))
    assert out.startswith("imported 2 new") and "skipped 2 (Steam reviews without text: 2)" in out


def reddit_listing(selftext: str, title: str = "Removed post title") -> str:
    post = {"id": "rm1", "name": "t3_rm1", "title": title, "selftext": selftext, "author": "[deleted]", "score": 5}
    post |= {"created_utc": 1699999999.0, "subreddit": "books", "permalink": "/r/books/comments/rm1/x/"}
    comment = {"id": "k1", "parent_id": "t3_rm1", "author": "zed", "body": "What did it say?", "replies": ""}
    return json.dumps(
        [
            {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": post}]}},
            {"kind": "Listing", "data": {"children": [{"kind": "t1", "data": comment}]}},
        ]
    )


@pytest.mark.parametrize(
    ("selftext", "said"),
    [("[removed]", "(the post's text was removed)"), ("[deleted]", "(the post's text was deleted by its author)")],
)
def test_a_removed_reddit_post_stays_with_its_text_said_as_a_notice(tmp_path: Path, selftext: str, said: str) -> None:
    """The post body read `[removed]`, as if its author had written it. The post stays (its comments
    are the point); its text says what happened in words, set apart in italics."""
    (review,) = parse_text(tmp_path, "thread.json", reddit_listing(selftext)).reviews
    assert review.title == "Removed post title" and [c.body for c in review.comments] == ["What did it say?"]
    (paragraph,) = review.paragraphs
    kind = body_kind(review.format)
    assert plain_text(paragraph, kind) == said and "[" not in paragraph
    (block,) = blocks(paragraph, kind)
    assert [(span.start, span.end, span.style) for span in block.spans] == [(0, len(said), EMPHASIS)]


def test_a_removed_post_in_a_dump_is_said_as_removed_and_titled_by_its_title(tmp_path: Path) -> None:
    submission = {"id": "p1", "title": "", "selftext": "[removed]", "subreddit": "books", "num_comments": 1}
    comment = {"id": "c1", "link_id": "t3_p1", "parent_id": "t3_p1", "body": "It said hi.", "author": "a"}
    text = "\n".join(json.dumps(record) for record in (submission, comment))
    (review,) = parse_text(tmp_path, "dump.jsonl", text).reviews
    assert review.paragraphs == ("*(the post's text was removed)*",)
    assert review.title == "reddit p1"  # no title, and a notice names nothing


def test_yelps_api_reviews_keep_their_place_author_date_and_page(tmp_path: Path) -> None:
    """A `/v3/businesses/{id}/reviews` response was read as a table: no author (`user.name` is
    nested), no date (`time_created`), no place, and the page kept the API's tracking."""
    url = (
        "https://www.yelp.com/biz/eazylife-restaurant-and-lounge-the-bronx?adjust_creative=J&hrid=KWa3&utm_campaign=api"
    )
    user = {"id": "Uq", "profile_url": "u", "name": "Dana F."}
    review = {"id": "KWa3", "url": url, "text": "My first time ordering. It tasted like party jollof...", "rating": 2,
              "time_created": "2021-04-19 20:45:40", "user": user}  # fmt: skip
    for data in ({"reviews": [review], "total": 8, "possible_languages": ["en"]}, [review]):
        parsed = parse_text(tmp_path, "reviews.json", json.dumps(data))
        assert parsed.format == "yelp"
        (got,) = parsed.reviews
        assert (got.author, got.date, got.rating, got.rating_max) == ("Dana F.", "2021-04-19T20:45:40", 2, 5)
        assert got.url == "https://www.yelp.com/biz/eazylife-restaurant-and-lounge-the-bronx?hrid=KWa3"
        assert got.subject is not None and got.subject.name == "Eazylife Restaurant And Lounge The Bronx"
        assert got.subject.ref == "yelp:eazylife-restaurant-and-lounge-the-bronx"
        assert [s.reason for s in parsed.skipped if s.is_note] == [
            "Yelp's API gives each review's first 160 characters only"
        ]


def test_an_amazon_reviews_photos_are_lines_after_its_text(tmp_path: Path) -> None:
    """2023's `images` were dropped without a word; each is now a `photo: URL` line (`o` opens it),
    the largest size; 2018's `image` lists addresses; the title still comes from the words."""
    sizes = {"small_image_url": "https://i.example/a_SL256.jpg", "large_image_url": "https://i.example/a_SL1600.jpg"}
    video = {"url": "https://i.example/v.mp4", "attachment_type": "VIDEO"}
    new = {"rating": 5.0, "title": "", "text": "Great box.", "asin": "B07R7WVRGL", "parent_asin": "B08N5QKX1Y",
           "user_id": "AED", "timestamp": 1563230263551, "helpful_vote": 3,
           "images": [dict(sizes, attachment_type="IMAGE"), video]}  # fmt: skip
    old = {
        "overall": 4.0,
        "reviewText": "Fine.",
        "asin": "B01",
        "reviewerID": "A1",
        "image": ["https://i.example/b.jpg"],
    }
    lines = "\n".join(json.dumps(record) for record in (new, old))
    first, second = parse_text(tmp_path, "Subscription_Boxes.jsonl", lines).reviews
    assert first.paragraphs == ("Great box.", "photo: https://i.example/a_SL1600.jpg", "video: https://i.example/v.mp4")
    assert first.title == "Great box."
    assert second.paragraphs == ("Fine.", "photo: https://i.example/b.jpg")


def test_a_reviewers_reviews_of_one_product_are_each_kept_and_named_as_the_text_dump_names_them(
    tmp_path: Path,
) -> None:
    """Three reviews by one reviewer of one pair of insoles (2018's dumps) were stored as the last
    one alone. Each is kept now, a record the file holds twice once, and each has the id SNAP's
    plain-text dump of the same reviews gives it."""
    said = [(1483574400, 2.0, "This is my 6th pair."), (1471824000, 5.0, "Great inserts."), (1435104000, 5.0, "Fine.")]
    records = [
        {"overall": rating, "reviewerID": "A1", "asin": "B000KPIHQ4", "reviewText": text, "unixReviewTime": time}
        for time, rating, text in said
    ]
    lines = "\n".join(json.dumps(record) for record in [*records, records[1]])
    *from_json, again = parse_text(tmp_path, "AMAZON_FASHION_5.json", lines).reviews
    assert [review.paragraphs[0] for review in from_json] == [text for _, _, text in said]
    assert again.id == from_json[1].id  # the record held twice: one review
    blocks = "".join(
        f"product/productId: B000KPIHQ4\nreview/userId: A1\nreview/profileName: A\nreview/helpfulness: 0/0\n"
        f"review/score: {rating}\nreview/time: {time}\nreview/summary: s\nreview/text: {text}\n\n"
        for time, rating, text in said
    )
    from_text = parse_text(tmp_path, "finefoods.txt", blocks).reviews
    assert [review.id for review in from_json] == [review.id for review in from_text]
    assert len({review.id for review in from_json}) == 3
