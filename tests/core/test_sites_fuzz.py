"""Property: every review-site parser, fed almost-right files, imports storable reviews or raises InputError."""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_fuzz_importers import mutated
from tui_reader.core.importers import InputError
from tui_reader.core.importers.amazon import AmazonImporter
from tui_reader.core.importers.goodreads import GoodreadsImporter
from tui_reader.core.importers.letterboxd import LetterboxdImporter
from tui_reader.core.importers.sites import MemorySiblings, paragraphs_of
from tui_reader.core.importers.steam import SteamImporter
from tui_reader.core.importers.yelp import YelpImporter

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = Path("fuzz") / "review_646570.json"
SIBLINGS = MemorySiblings(
    "fuzz",
    {
        "profile.csv": "Date Joined,Username\n2020,ann\n",
        "meta_x.json": "{'asin': 'A1', 'title': 'T &amp; U'}\n",
        "business.json": '{"business_id": "b1", "name": "N", "city": "C"}\n',
    },
)
SAMPLES = {
    "goodreads": (
        GoodreadsImporter(),
        'Book Id,Title,Author,ISBN13,My Rating,Date Read,Date Added,Bookshelves,My Review,Spoiler\n1,T,A,"=""97805'
        '25509288""",4,2020/01/02,2020/01/01,"read, x","a<br/>b &amp; <i>c</i>",true\n2,U,B,,0,,2020/13/45,,,\n',
    ),
    "letterboxd": (
        LetterboxdImporter(),
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n2020-06-07,Her,2013,https://boxd.it/a"
        ',4.5,Yes,"So <b>good</b>.<br />x","a, b",2020-06-06\n2020-06-08,X,,https://boxd.it/b,,,y,,\n',
    ),
    "steam": (
        SteamImporter(),
        json.dumps(
            {
                "query_summary": {"num_reviews": 1},
                "reviews": {
                    "1": {
                        "recommendationid": "1",
                        "author": {"steamid": "7", "playtime_at_review": 60},
                        "review": "[b]x[/b] [url=u]l[/url]",
                        "timestamp_created": 1514361632,
                        "voted_up": True,
                        "votes_up": 1,
                    },
                },
            }
        ),
    ),
    "amazon": (
        AmazonImporter(),
        '{"reviewerID": "R", "asin": "A1", "helpful": [1, 2], "reviewText": "t", "overall": 5.0, "summary": "s",'
        ' "unixReviewTime": 1393545600}\n{"user_id": "U", "asin": "A2", "parent_asin": "P", "rating": 4, "text":'
        ' "x<br />y", "title": "t", "timestamp": 1588687728923, "helpful_vote": 3}\n',
    ),
    "yelp": (
        YelpImporter(),
        '{"review_id": "r", "user_id": "u", "business_id": "b1", "stars": 4, "useful": 1, "text": "t\\n\\nu",'
        ' "date": "2018-07-07 22:09:11"}\n{"review_id": "s", "business_id": "b2", "stars": 9, "text": "&amp;"}\n',
    ),
}


def check(name: str, text: str) -> None:
    importer, _ = SAMPLES[name]
    importer.sniff(text, PATH)
    try:
        parsed = importer.parse_in(text, PATH, SIBLINGS, "fuzz")
    except InputError:
        return
    for review in parsed.reviews:
        assert review.id and review.id.isprintable()
        assert review.subject is not None and review.subject.name
        assert all(p.strip() for p in review.paragraphs)
        orjson.dumps(review.to_doc())


def _fuzz(name: str):  # type: ignore[no-untyped-def]
    @FUZZ
    @given(mutated(SAMPLES[name][1]))
    def test(text: str) -> None:
        check(name, text)

    test.__name__ = f"test_mutated_{name}_imports_or_raises_input_error"
    return test


def test_the_samples_import() -> None:
    for name, (importer, text) in SAMPLES.items():
        assert importer.sniff(text, PATH), name
        assert importer.parse_in(text, PATH, SIBLINGS, "fuzz").reviews, name


test_mutated_goodreads = _fuzz("goodreads")
test_mutated_letterboxd = _fuzz("letterboxd")
test_mutated_steam = _fuzz("steam")
test_mutated_amazon = _fuzz("amazon")
test_mutated_yelp = _fuzz("yelp")


@FUZZ
@given(st.text(st.sampled_from("<>/&#;ibrquoteamplg \n\"'x1"), max_size=80))
def test_markup_never_survives_as_tags_or_entities(text: str) -> None:
    """Whatever the markup, paragraphs hold no tag of the kinds review sites use, and no entity."""
    for paragraph in paragraphs_of(text):
        for leftover in ("<i>", "<b>", "<br>", "<br/>", "<blockquote>", "&amp;", "&quot;", "&#3"):
            assert leftover not in paragraph.lower(), (text, paragraph)


# A file cut short (a document or JSON Lines): `test_json_cut.py`.
