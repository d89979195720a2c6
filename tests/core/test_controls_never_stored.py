"""No importer stores a control character, so a JSON backup restores exactly.

A WordPress REST comment holding an ESC was stored with it (the HTML reader kept it where every
other path `repair()`s text); our own JSON import drops controls, so restoring the backup changed
the comment and detached the quote on it. One cleaning now: `html_paragraphs` repairs its input.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import HOSTILE
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.text import repair
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.importers.html import html_paragraphs
from tui_reader.core.personal.export import json_chunks
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.sources.feeds import parse_feed
from tui_reader.core.sources.wordpress import parse_comments
from tui_reader.core.store import Store

CONTROL = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]")
HOSTILE_TEXT = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=8), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(fragment=HOSTILE_TEXT, markdown=st.booleans(), newlines=st.booleans())
def test_html_paragraphs_never_give_a_control_character(fragment: str, markdown: bool, newlines: bool) -> None:
    for html in (fragment, f"<p>{fragment}</p><p><em>{fragment}</em></p>"):
        for paragraph in html_paragraphs(html, markdown=markdown, newlines=newlines):
            assert CONTROL.search(paragraph) is None, paragraph


def test_a_wordpress_rest_comment_is_stored_without_its_escape() -> None:
    comments = [{"id": 3, "post": 1, "content": {"rendered": "<p>Third \x1b[31m comment</p>"}, "author_name": "C"}]
    parsed = parse_comments(comments, [], "http://127.0.0.1", "wp")
    bodies = [record.body for fragment in parsed.fragments for record in fragment.records]
    assert bodies == ["Third comment"]  # the colour sequence whole, not only its ESC: `[31m` is no one's words


def test_a_feed_entry_is_stored_without_its_escape() -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>A \x1b[2Jtitle</title>'
        b"<link>http://x/1</link><guid>1</guid><description>Body \x1b[31mred\x07 here</description></item>"
        b"</channel></rss>"
    )
    review = parse_feed(feed, "http://x/feed").reviews[0]
    assert CONTROL.search(review.title + "".join(review.paragraphs)) is None
    assert review.paragraphs == ("Body red here",)
    assert review.title == "A title"


def _review(comment_body: str) -> Review:
    comment = Comment(id="c1", body=comment_body, author="Carol")
    return Review(id="r1", title="Hello", source="wp", paragraphs=("Body.",), comments=(comment,), format="wxr")


def test_a_quote_taken_on_an_escape_stays_attached_when_the_text_loses_it(tmp_path: Path) -> None:
    """A library an older version filled holds the ESC; the quote was taken as shown (`␛`). Restoring
    the backup (or a re-import) stores the text without it: the quote follows."""
    store = Store(tmp_path / "d")
    store.library.add([_review("Third \x1b\\[31m comment")])
    store.user.add_quote(Anchor("r1", comment_id="c1", offset=0, quoted="Third \u241b[31m comment"), "Third")
    backup = tmp_path / "all.json"
    backup.write_bytes(b"".join(json_chunks(store)))
    report = import_paths(store, [backup])
    assert report.updated == 1
    stored = store.library.get("r1")
    assert stored is not None and stored.comments[0].body == "Third [31m comment"  # `ESC \\` is a sequence (ST)
    assert [quote.detached for quote in store.user.snapshot().quotes] == [False]


def _stored_text(text: str) -> str:
    return repair(text).strip() or "x"  # as every importer stores text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(HOSTILE_TEXT, min_size=4, max_size=4))
def test_a_backup_of_hostile_text_restores_byte_identical(texts: list[str]) -> None:
    title, paragraph, body, note = texts
    review = Review(
        id="r1",
        title=_stored_text(title),
        source="site",
        paragraphs=(_stored_text(paragraph),),
        comments=(Comment(id="c1", body=_stored_text(body), author=_stored_text(note)),),
    )
    with tempfile.TemporaryDirectory(prefix="controls-") as folder:
        first = Store(Path(folder) / "first")
        first.library.add([review])
        first.user.add_note(Anchor("r1", paragraph=0), note)
        first.user.add_note(Anchor("r1", comment_id="c1"), body)
        first.user.add_quote(Anchor("r1", comment_id="c1", offset=0, quoted=body), body, attribution=title)
        backup = Path(folder) / "all.json"
        backup.write_bytes(b"".join(json_chunks(first)))
        second = Store(Path(folder) / "second")
        import_paths(second, [backup])
        again = b"".join(json_chunks(second))
        assert orjson.loads(again) == orjson.loads(backup.read_bytes())
        assert again == backup.read_bytes()
        assert import_paths(first, [backup]).updated == 0


PRINTABLE = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=12)


@given(
    before=PRINTABLE,
    params=st.lists(st.integers(0, 255).map(str), max_size=4),
    final=st.sampled_from("mHJKABCDsu"),
    after=PRINTABLE,
)
def test_a_terminal_sequence_leaves_nothing_of_itself_behind(
    before: str, params: list[str], final: str, after: str
) -> None:
    """A fetched comment with `ESC[31mred ESC[0m` showed `[31mred[0m`: the ESC went, the rest stayed
    as if the author had written it. Imported text loses the whole sequence (CSI, OSC, two-character)."""
    for sequence in (f"\x1b[{';'.join(params)}{final}", f"\x1b]0;{';'.join(params)}\x07", "\x1bc", "\x1b]8;;x\x1b\\"):
        assert repair(before + sequence + after) == repair(before + after)
