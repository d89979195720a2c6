"""What the parsing workers send back is pickled field by field (`parse_pool._sent_as_values`):
what arrives must be the objects sent, whatever a review holds (comments with replies, a subject,
notes on the file, personal data), and for every field the models have now or gain later."""

from __future__ import annotations

from dataclasses import fields
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

from tui_reader.core.content.models import Comment, Review, Subject
from tui_reader.core.importers import Skipped, parse_file
from tui_reader.core.importers.base import Parsed
from tui_reader.core.pipeline import parse_pool
from tui_reader.core.pipeline.parse_pool import ParsedBatch, ParsedFile


def sent(value: object) -> object:
    return ForkingPickler.loads(ForkingPickler.dumps(value))


def full_review() -> Review:
    reply = Comment("c2", "a reply", author="b", parent="c1", date="2024-01-02", score=-3)
    return Review(
        id="r1",
        title="Title",
        source="/data/r1.json",
        paragraphs=("One.", "Two."),
        subtitle="sub",
        author="a",
        date="2024-01-01",
        rating=4.5,
        url="https://example.org/r1",
        format="reddit",
        comments=(Comment("c1", "first", author="x", replies=(reply,), score=7),),
        subject=Subject("A film", "film", year=1999, creator="Someone", ref="imdb:tt1"),
        rating_max=5.0,
        recommended=True,
        votes=12,
        spoiler=True,
        tags=("t1", "t2"),
        voters=14,
    )


def test_a_batch_arrives_as_it_was_sent(tmp_path: Path) -> None:
    (tmp_path / "0_9.txt").write_text("Headline\n\nBody text here.\n\n  1. a comment\n    1.1. a reply\n")
    from_file = parse_file(tmp_path / "0_9.txt")
    parsed = Parsed(
        path="/data/r1.json",
        format="reddit",
        reviews=[full_review()],
        skipped=[Skipped("/data/r1.json", "a note", 0)],
        mapping={"text": "body"},
        threads={"r1": True},
        rows_by_content="key",
        threads_by_content={"r1"},
    )
    batch = ParsedBatch(
        [
            ParsedFile(tmp_path / "0_9.txt", from_file, None),
            ParsedFile(Path("/data/r1.json"), parsed, None, part=1, stream=True),
            ParsedFile(Path("bad.txt"), None, Skipped("bad.txt", "binary file")),
        ],
        None,
    )
    arrived = sent(batch)
    assert arrived == batch
    assert isinstance(arrived, ParsedBatch)
    assert [type(review) for review in arrived.reviews] == [Review, Review]


def test_every_field_of_a_review_arrives() -> None:
    """A field left out, or given to the wrong name, would come back as its default or swapped
    (so the sample sets every field, a new one too, away from its default)."""
    review = full_review()
    assert all(getattr(review, each.name) != each.default for each in fields(Review))
    assert sent(review) == review
    assert sent(review.subject) == review.subject
    assert type(sent(review.subject)) is Subject


def test_the_pool_tells_its_pickler_only() -> None:
    """`pickle` itself (what anything else would use) is left as it is."""
    import copyreg

    assert parse_pool.ParsedFile in ForkingPickler._extra_reducers
    assert Review not in copyreg.dispatch_table


def test_a_path_arrives_as_the_same_path() -> None:
    """Paths cross as their strings (`parse_pool._PATH`): the same path and type back, odd names too."""
    for path in (Path("/data/r1.json"), Path("rel/a b.txt"), Path("/x/ünï cödé/..\\n.txt"), Path(".")):
        arrived = sent(path)
        assert arrived == path and type(arrived) is type(path) and str(arrived) == str(path)
