"""Our own JSON export read back: original ids, threads and personal data; export -> import -> export is stable."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from tests.core.formats_support import max_depth, parse_text, write
from tui_reader.core.content.models import walk_comments
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.importers import InputError, parse_file
from tui_reader.core.importers.threads import MAX_DEPTH
from tui_reader.core.personal.export import json_chunks
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store

WXR = """<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><link>https://b.example</link>
<item><title>Post</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content>top</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_content>reply</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>1</wp:comment_parent></wp:comment></item></channel></rss>"""


def export(store: Store) -> bytes:
    return b"".join(json_chunks(store))


@pytest.fixture
def filled(tmp_path: Path, seeds: Path) -> Store:
    """A library with seeds and a threaded WXR post, plus one of each personal record."""
    store = Store(tmp_path / "first")
    import_paths(store, [seeds, write(tmp_path, "blog.xml", WXR)])
    review = next(r for r in store.library.iter_reviews() if r.comments and r.comments[0].replies)
    reply = review.comments[0].replies[0]
    store.user.toggle_bookmark(review.id)
    store.user.toggle_bookmark(review.id, reply.id)
    store.user.add_note(Anchor(review.id, paragraph=0, offset=0, quoted="x"), "a note")
    store.user.add_quote(Anchor(review.id, comment_id=reply.id), reply.body, "someone", ("clipboard",))
    store.user.set_read(review.id)
    return store


def test_round_trip_export_import_export_is_identical(filled: Store, tmp_path: Path) -> None:
    first = export(filled)
    path = write(tmp_path, "backup.json", first)
    fresh = Store(tmp_path / "second")
    report = import_paths(fresh, [path])
    assert report.failed_files == 0
    second = export(fresh)
    assert json.loads(second) == json.loads(first)  # nothing in version 1 is volatile
    assert second == first


POST_NBSP = "<content:encoded><![CDATA[<p>Block category:&nbsp;Common and&nbsp;&nbsp;aligned</p>]]></content:encoded>"
NBSP_WXR = (
    WXR.replace("<title>Post</title>", f"<title>Post</title>{POST_NBSP}")
    .replace(">top</wp:comment_content>", "><![CDATA[top&nbsp;comment]]></wp:comment_content>")
    .replace("<rss ", '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" ')
)


def test_no_break_spaces_of_a_wordpress_post_survive_the_round_trip(tmp_path: Path) -> None:
    """WordPress's `&nbsp;` is read as U+00A0 and kept; our own export read it back as a space."""
    store = Store(tmp_path / "first")
    import_paths(store, [write(tmp_path, "blog.xml", NBSP_WXR)], index=False)
    (post,) = store.library.iter_reviews()
    assert post.paragraphs == ("Block category:\u00a0Common and\u00a0\u00a0aligned",)
    assert post.comments[0].body == "top\u00a0comment"
    first = export(store)
    fresh = Store(tmp_path / "second")
    import_paths(fresh, [write(tmp_path, "backup.json", first)], index=False)
    assert next(fresh.library.iter_reviews()) == post
    assert export(fresh) == first


def test_import_keeps_original_ids_and_personal_records(filled: Store, tmp_path: Path) -> None:
    document = json.loads(export(filled))
    parsed = parse_file(write(tmp_path, "backup.txt", export(filled)))
    assert parsed.format == "tui-reader"
    assert [r.id for r in parsed.reviews] == [r["id"] for r in document["reviews"]]
    assert parsed.personal is not None
    assert [b.id for b in parsed.personal.bookmarks] == [b["id"] for b in document["bookmarks"]]
    assert [n.text for n in parsed.personal.notes] == ["a note"]
    assert parsed.personal.read == document["read"]


def test_importing_twice_adds_nothing(filled: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "backup.json", export(filled))
    store = Store(tmp_path / "again")
    import_paths(store, [path])
    again = import_paths(store, [path])
    assert (again.new, again.updated) == (0, 0)
    snapshot = store.user.snapshot()
    assert (len(snapshot.bookmarks), len(snapshot.notes), len(snapshot.quotes)) == (2, 1, 1)


def test_pretty_printed_exports_are_recognised(filled: Store, tmp_path: Path) -> None:
    pretty = orjson.dumps(json.loads(export(filled)), option=orjson.OPT_INDENT_2)
    assert parse_text(tmp_path, "pretty.json", pretty).format == "tui-reader"


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ({"version": 2, "reviews": []}, "newer tui-reader"),
        ({"version": 1, "reviews": [{"title": "no id"}]}, r"reviews\[0\] has no 'id'"),
        ({"version": 1, "reviews": [{"id": "a\x1b"}]}, "unprintable"),
        ({"version": 1, "reviews": [{"id": "a", "title": 3}]}, "wrong type"),
        ({"version": 1, "reviews": [{"id": "a", "comments": [{"id": "c"}]}]}, "has no 'body'"),
        ({"version": 1, "reviews": [], "notes": [{"id": "n", "text": "t", "anchor": []}]}, "anchor"),
        ({"version": 1, "reviews": [], "read": [1]}, "read"),
        ({"version": 1, "reviews": [{"id": "a", "subject": {"kind": "film"}}]}, r"reviews\[0\]\.subject has no 'name'"),
        ({"version": 1, "reviews": [{"id": "a", "subject": {"name": "X", "year": "1999"}}]}, r"subject\.year"),
        ({"version": 1, "reviews": [{"id": "a", "recommended": "yes"}]}, r"recommended has the wrong type"),
        ({"version": 1, "reviews": [{"id": "a", "spoiler": 1}]}, r"spoiler has the wrong type"),
        ({"version": 1, "reviews": [{"id": "a", "tags": ["ok", 2]}]}, r"tags is not a list of text"),
        ({"version": 1, "reviews": [{"id": "a", "votes": 1.5}]}, r"votes has the wrong type"),
        ({"version": 1, "reviews": [], "subjects": {}}, r"subjects is not a list"),
        ({"version": 1, "reviews": [], "subjects": [{"review_id": "a", "subject": {"name": " "}}]}, r"name is empty"),
        ({"version": 1, "reviews": [], "removed": {}}, r"removed is not a list"),
        (
            {"version": 1, "reviews": [], "removed": [{"review_id": "a"}]},
            r"removed\[0\] is not a review id and a title",
        ),
        ({"version": 1, "reviews": [], "removed": [{"review_id": "a\x1b", "title": "t"}]}, r"removed\[0\]"),
    ],
)
def test_hand_edited_exports_fail_with_one_clear_line(tmp_path: Path, document: object, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_text(tmp_path, "bad.json", json.dumps(document), "tui-reader")


def test_threads_nested_too_deep_to_store_are_capped_not_refused(tmp_path: Path) -> None:
    """An older tui-reader could store text threads deeper than MAX_DEPTH: its backup must restore."""
    comment: dict[str, object] = {"id": "leaf", "body": "x", "replies": []}
    for level in range(80):
        comment = {"id": f"c{level}", "body": "x", "replies": [comment]}
    document = {"version": 1, "reviews": [{"id": "r", "comments": [comment]}]}
    (review,) = parse_text(tmp_path, "deep.json", json.dumps(document)).reviews
    assert max_depth(review) == MAX_DEPTH
    assert sum(1 for _ in walk_comments(review.comments)) == 81
