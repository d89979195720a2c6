"""SNAP's plain-text Amazon dumps (`finefoods.txt`, `movies.txt`, the 2013 dumps by category): blocks
of `product/…:` and `review/…:` lines read as the same reviews the JSON dumps are, never as one
plain-text review titled `product/productId: …`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text, write
from tui_reader.cli import main
from tui_reader.core.content.ids import stable_id
from tui_reader.core.importers import InputError, amazon_text, parse_file
from tui_reader.core.importers.amazon_text import AmazonTextImporter
from tui_reader.core.importers.registry import parse_stream


def block(asin: str, user: str, text: str, **more: str) -> str:
    """One review as the dumps write it, its fields in their order."""
    fields = {"product/productId": asin, **{f"product/{k}": v for k, v in more.items() if k in ("title", "price")}}
    fields |= {"review/userId": user, "review/profileName": more.get("name", "delmartian")}
    fields |= {"review/helpfulness": more.get("helpful", "1/1"), "review/score": more.get("score", "5.0")}
    fields |= {"review/time": more.get("time", "1303862400"), "review/summary": more.get("summary", "Good Quality")}
    fields |= {"review/text": text}
    return "".join(f"{name}: {value}\n" for name, value in fields.items()) + "\n"


FINEFOODS = block("B001E4KFG0", "A3SGXH7AUHU8GW", "I have bought several.<br /><br />All &quot;good&quot; quality.")
FINEFOODS += block("B00813GRG4", "A1D87F6ZCVE5NK", "Arrived small.", name="dll pa", helpful="0/0", score="1.0")


def test_the_finefoods_blocks_are_amazon_reviews(tmp_path: Path) -> None:
    """The tester's case: two blocks became one plain-text review titled `product/productId: B001E4KFG0 …`."""
    parsed = parse_text(tmp_path, "finefoods.txt", FINEFOODS)
    assert parsed.format == "amazon-text"
    good, small = parsed.reviews
    assert good.id == stable_id("amazon", "A3SGXH7AUHU8GW", "B001E4KFG0")  # the JSON dumps' id for it
    assert good.paragraphs == ("I have bought several.", 'All "good" quality.')
    assert (good.title, good.author, good.date) == ("Good Quality", "delmartian", "2011-04-27T00:00:00Z")
    assert (good.rating, good.rating_max, good.votes, good.voters) == (5, 5, 1, 1)
    assert good.subject is not None and good.subject == (
        "Amazon product B001E4KFG0",
        "product",
        None,
        None,
        "asin:B001E4KFG0",
    )
    assert good.format == "amazon" and good.subtitle is None
    assert (small.author, small.rating, small.votes, small.voters) == ("dll pa", 1, 0, None)  # 0 of 0: nobody voted


def test_the_same_review_in_a_json_dump_and_a_text_dump_is_one_review(tmp_path: Path) -> None:
    record = {
        "reviewerID": "A3SGXH7AUHU8GW",
        "asin": "B001E4KFG0",
        "reviewText": "I have bought several.",
        "overall": 5,
    }
    from_json = parse_text(tmp_path, "Grocery.json", json.dumps(record) + "\n").reviews[0]
    from_text = parse_text(tmp_path, "finefoods.txt", FINEFOODS).reviews[0]
    assert (from_json.id, from_json.subject) == (from_text.id, from_text.subject)


def test_the_2013_dumps_name_the_product_its_price_and_no_one(tmp_path: Path) -> None:
    """`product/title` names what is reviewed, `product/price` is said unless `unknown`, and the
    reviewer the dumps call `unknown` is no one: two of them are two reviews, each named by its words."""
    dump = block("B000JVER7W", "A1RXYH9ROBAKEZ", "Don't buy!", title="Mobile Action MA730 &amp; more", price="12.99")
    anonymous = [block("B000JVER7W", "unknown", f"Review {n}.", name="unknown", price="unknown") for n in (1, 2)]
    parsed = parse_text(tmp_path, "Electronics.txt", dump + "".join(anonymous))
    named, first, second = parsed.reviews
    assert named.subject is not None and named.subject.name == "Mobile Action MA730 & more"
    assert named.subject.ref == "asin:B000JVER7W" and named.subtitle == "price $12.99"
    assert (first.author, first.subtitle, first.subject and first.subject.name) == (
        None,
        None,
        "Amazon product B000JVER7W",
    )
    assert len({named.id, first.id, second.id}) == 3
    again = parse_text(tmp_path, "Electronics.txt", anonymous[1] + dump + anonymous[0]).reviews
    assert {r.paragraphs: r.id for r in again} == {
        r.paragraphs: r.id for r in parsed.reviews
    }  # named by words, not place


def test_a_latin_1_dump_reads_its_accents(tmp_path: Path) -> None:
    text = block("B0001", "A1", "Crème brûlée, très bien.", name="Zoë", summary="Café")
    review = parse_file(write(tmp_path, "movies.txt", text.encode("latin-1"))).reviews[0]
    assert (review.title, review.author, review.paragraphs) == ("Café", "Zoë", ("Crème brûlée, très bien.",))


def test_it_is_never_taken_for_plain_text_and_text_is_still_what_format_text_reads(tmp_path: Path) -> None:
    path = write(tmp_path, "finefoods.txt", FINEFOODS)
    assert [r.format for r in parse_file(path).reviews] == ["amazon", "amazon"]
    (as_text,) = parse_file(path, "text").reviews  # forced, it is what the user asked for
    assert as_text.format == "text"


def test_a_text_that_only_mentions_the_fields_is_plain_text(tmp_path: Path) -> None:
    words = "My notes on the SNAP format.\n\nproduct/productId: B0001\nreview/text: an example.\n"
    assert parse_text(tmp_path, "notes.txt", words).reviews[0].format == "text"


def test_a_big_dump_comes_in_chunks_and_says_what_it_skipped_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(amazon_text, "CHUNK_REVIEWS", 2)
    blocks = [block(f"B{n:04d}", f"A{n}", f"Words {n}.") for n in range(5)]
    blocks.insert(2, block("B9999", "A9", ""))  # a review without text
    chunks = list(parse_stream(write(tmp_path, "Books.txt", "".join(blocks))))
    assert [len(chunk.reviews) for chunk in chunks] == [2, 2, 1]
    assert [[(s.reason, s.count) for s in chunk.skipped] for chunk in chunks] == [
        [],
        [],
        [("Amazon reviews without text or product", 1)],
    ]


def test_a_dump_with_no_review_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "empty.txt", block("B0001", "A1", "   "))
    with pytest.raises(InputError, match="no reviews with text in this Amazon text file"):
        parse_file(path)
    assert main(["--data-dir", str(tmp_path / "lib"), "import", str(write(tmp_path, "finefoods.txt", FINEFOODS))]) == 0
    assert capsys.readouterr().out.startswith("imported 2 new, 0 updated, 0 unchanged reviews")


WORDS = "abcXYZ019 .,;:!?'\"()-/éü中"
one_line = st.text(st.sampled_from(WORDS), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and "  " not in s and s != "unknown"
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(one_line, one_line, one_line, st.integers(0, 9), st.integers(1, 5)), min_size=1, max_size=4))
def test_what_a_dump_says_is_what_each_review_holds(reviews: list[tuple[str, str, str, int, int]]) -> None:
    text = "".join(
        block(f"B{n:09d}", f"A{n}", words, name=name, summary=summary, helpful=f"{votes}/9", score=f"{score}.0")
        for n, (words, name, summary, votes, score) in enumerate(reviews)
    )
    parsed = AmazonTextImporter().parse(text, Path("Books.txt"))
    said = [(r.paragraphs, r.author, r.title, r.votes, r.rating) for r in parsed.reviews]
    assert said == [((words,), name, summary, votes, score) for words, name, summary, votes, score in reviews]
