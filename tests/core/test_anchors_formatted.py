"""A quote taken from a formatted body is its plain text: re-imports still find it."""

from __future__ import annotations

from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.personal.anchors import locate


def reddit(paragraphs: tuple[str, ...], body: str = "**Top** comment with [a link](https://x.example)") -> Review:
    return Review("r", "Post", "r.json", paragraphs, format="reddit", comments=(Comment("c1", body, author="a"),))


def test_a_quote_of_formatted_text_follows_its_paragraph() -> None:
    anchor = Anchor("r", paragraph=0, offset=0, quoted="Bold claim with emphasis")
    moved = reddit(("A new first paragraph.", "**Bold claim** with *emphasis* here."))
    found = locate(moved, anchor)
    assert found is not None and found.paragraph == 1


def test_a_quote_of_a_formatted_comment_is_found() -> None:
    anchor = Anchor("r", comment_id="c1", quoted="Top comment with a link")
    assert locate(reddit(("p",)), anchor) == anchor._replace(offset=0)
    gone = reddit(("p",), body="Something else entirely")
    assert locate(gone, anchor) is None


def test_raw_text_is_still_found_first() -> None:
    anchor = Anchor("r", paragraph=0, quoted="*emphasis*")
    found = locate(reddit(("**Bold claim** with *emphasis* here.",)), anchor)
    assert found is not None and found.offset == "**Bold claim** with *emphasis* here.".index("*emphasis*")
