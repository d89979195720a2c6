"""A hit's document read with its comments left as JSON (`split_comments`) gives the same text
as the document decoded whole, for any text in the fields and any document shape."""

from __future__ import annotations

from typing import Any

import orjson
from hypothesis import event, given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Comment, Review, Subject
from tui_reader.core.content.review_text import LazyComments, ReviewText
from tui_reader.core.store.catalog_rows import with_seq
from tui_reader.core.store.shards import split_comments

# Text that looks like the cut's keys, escapes and brackets, accents and CJK.
TEXT = st.lists(st.sampled_from([*'ab É"\\,:{}[]电é\n', ',"comments":[', ',"subject":', '"}']), max_size=12).map(
    "".join
)
COMMENT = st.recursive(
    st.builds(lambda i, body: Comment(f"c{i}", body, "a"), st.integers(0, 99), TEXT),
    lambda inner: st.builds(
        lambda i, body, replies: Comment(f"c{i}", body, "a", replies=tuple(replies)),
        st.integers(0, 99),
        TEXT,
        st.lists(inner, max_size=3),
    ),
    max_leaves=8,
)


def _whole(data: bytes) -> ReviewText:
    return ReviewText.from_doc(orjson.loads(data))


@settings(max_examples=300, deadline=None)
@given(
    title=TEXT,
    paragraphs=st.lists(TEXT, max_size=4),
    comments=st.lists(COMMENT, max_size=4),
    subject=st.none() | st.builds(lambda name: Subject(name), TEXT),
    tags=st.lists(TEXT, max_size=2),
)
def test_a_stored_document_cut_reads_as_the_whole(
    title: str, paragraphs: list[str], comments: list[Comment], subject: Subject | None, tags: list[str]
) -> None:
    review = Review("r1", title, "x", tuple(paragraphs), comments=tuple(comments), subject=subject, tags=tuple(tags))
    data = with_seq(orjson.dumps(review.to_doc()), 7)
    doc = split_comments(data)
    assert doc is not None and isinstance(doc["comments"], LazyComments)  # the layout we write is always cut
    assert ReviewText.from_doc(doc) == _whole(data)
    assert doc["seq"] == 7 and doc["id"] == "r1"


JSON_VALUE = st.recursive(
    st.none() | st.integers(-5, 5) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["comments", "subject", "x"]), inner),
    max_leaves=10,
)
COMMENT_DOCS = st.lists(COMMENT.map(Comment.to_doc), max_size=3)
FIELDS = {  # in the order a review is written (`Review.to_doc`, the seq last)
    "id": TEXT,
    "title": TEXT | st.none(),
    "subtitle": TEXT | st.none(),
    "format": st.sampled_from(["text", "markdown"]),
    "paragraphs": st.lists(TEXT, max_size=3),
    "comments": COMMENT_DOCS | JSON_VALUE,
    "subject": st.none() | st.fixed_dictionaries({"name": TEXT, "comments": JSON_VALUE}),
    "tags": st.lists(TEXT, max_size=2),
    "x": JSON_VALUE,
    "seq": st.integers(0, 9),
}
KEYS = list(FIELDS)


@settings(max_examples=1000, deadline=None)
@given(
    keys=st.permutations(KEYS),
    dropped=st.lists(st.sampled_from(KEYS), max_size=1),
    values=st.fixed_dictionaries(FIELDS),
    usual=st.integers(0, 3),
)
def test_any_document_is_cut_only_where_the_cut_reads_as_the_whole(
    keys: list[str], dropped: list[str], values: dict[str, Any], usual: int
) -> None:
    """Keys in any order or missing, nested "comments" and "subject" keys, values of several
    shapes: where the cut is made, the review's text read from it is the whole document's.
    (`usual`: mostly the keys in the order a review is written, so that cuts are made.)"""
    if usual:
        keys = sorted(keys, key=KEYS.index)
    doc = {key: values[key] for key in keys if key not in dropped}
    data = orjson.dumps(doc)
    cut = split_comments(data)
    if cut is None:
        return
    assert cut["seq"] == doc["seq"] and cut["id"] == doc["id"]
    try:
        whole = _whole(data)
    except (KeyError, TypeError, AttributeError, ValueError):
        return  # a document of a shape no version reads: refused whole, by `decoded`
    assert ReviewText.from_doc(cut) == whole
    event("cut and compared")
