"""Property: for every format parser, any input either imports or raises InputError, nothing else.

Each parser gets mutated copies of a valid sample (where bugs hide: almost-right
files) and, for the JSON formats, arbitrary JSON in the right outer shape. What
imports must also be storable: printable ids and documents the library can
serialise. Example counts are kept small (EXAMPLES per test) so the suite stays fast.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.importers import InputError
from tui_reader.core.importers.amazon_text import AmazonTextImporter
from tui_reader.core.importers.base import Importer
from tui_reader.core.importers.disqus import DisqusImporter
from tui_reader.core.importers.hackernews import HackerNewsImporter
from tui_reader.core.importers.htmldoc import HTMLImporter
from tui_reader.core.importers.ownjson import OwnJSONImporter
from tui_reader.core.importers.reddit import RedditImporter
from tui_reader.core.importers.tabular import TabularImporter
from tui_reader.core.importers.wxr import WXRImporter

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
PATH = Path("fuzz-input")
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SAMPLES: dict[str, tuple[Importer, str]] = {
    "wxr": (
        WXRImporter(),
        '<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><link>https://b.example</link><item>'
        "<title>T</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
        "<content:encoded><![CDATA[<p>Hi &amp; <a href='u'>x</a></p>]]></content:encoded><wp:comment>"
        "<wp:comment_id>1</wp:comment_id><wp:comment_content>a</wp:comment_content><wp:comment_approved>1"
        "</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment><wp:comment><wp:comment_id>2"
        "</wp:comment_id><wp:comment_content>b</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
        "<wp:comment_parent>1</wp:comment_parent></wp:comment></item></channel></rss>",
    ),
    "disqus": (
        DisqusImporter(),
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="1">'
        '<link>http://a.example/x/</link><title>T</title></thread><post dsq:id="2"><id>n</id><message>m</message>'
        '<isDeleted>false</isDeleted><author><name>a</name></author><thread dsq:id="1"/></post><post dsq:id="3">'
        '<message>r</message><thread dsq:id="1"/><parent dsq:id="2"/></post></disqus>',
    ),
    "reddit": (
        RedditImporter(),
        '{"p1": {"title": "T", "body": "b", "author": "a", "url": "u", "comments": {"c1": {"author": "x", '
        '"body": "y", "replies": {"c2": {"author": "z", "body": "w", "replies": {}}}}}}}',
    ),
    "hackernews": (
        HackerNewsImporter(),
        '{"post": {"by": "a", "id": 1, "kids": [2, 9], "title": "T", "type": "story"}, "comments": [{"by": "b", '
        '"id": 2, "kids": [3], "parent": 1, "text": "x<p>y", "type": "comment"}, {"by": "c", "id": 3, "parent": 2, '
        '"text": "z", "type": "comment"}, {"deleted": true, "id": 4, "parent": 2}]}',
    ),
    "table": (TabularImporter(), 'id,title,review,rating\n1,A,"good, ""very""",5\n2,B,bad\n3,,x,y\n'),
    "tui-reader": (
        OwnJSONImporter(),
        '{"version":1,"reviews":[{"id":"r1","title":"T","paragraphs":["p"],"comments":[{"id":"c","body":"b",'
        '"replies":[{"id":"d","body":"e","parent":"c","replies":[]}]}]}],"bookmarks":[{"id":"b","review_id":"r1",'
        '"created":"x"}],"notes":[{"id":"n","text":"t","anchor":{"review_id":"r1","paragraph":0}}],"quotes":[],'
        '"read":["r1"]}',
    ),
    "html": (HTMLImporter(), "<!doctype html><html><title>T</title><body><p>a<br>b<a href=x>l</a></p></body></html>"),
    "amazon-text": (
        AmazonTextImporter(),
        "product/productId: B001E4KFG0\nproduct/title: T &amp; U\nproduct/price: 1.5\nreview/userId: A3\n"
        "review/profileName: d\nreview/helpfulness: 1/2\nreview/score: 5.0\nreview/time: 1303862400\n"
        "review/summary: G\nreview/text: x<br /><br />y &quot;z&quot;\n\nproduct/productId: B2\n"
        "review/userId: unknown\nreview/helpfulness: 0/0\nreview/score: 9\nreview/time: -1\nreview/text: w\nmore\n",
    ),
}


def check(importer: Importer, text: str) -> None:
    """The property: sniff never raises; parse imports storable reviews or raises InputError."""
    importer.sniff(text[:4096], PATH)
    try:
        parsed = importer.parse(text, PATH)
    except InputError:
        return
    for review in parsed.reviews:
        assert review.id and review.id.isprintable()
        orjson.dumps(review.to_doc())  # the library serialises exactly this
        assert not [text for text in _texts(review.to_doc()) if CONTROL.search(text)], review


# A control character in stored text (C0 but tab and newline, DEL, C1): our JSON import repairs it
# away, so a backup holding one would not restore as it was (a WordPress comment's ESC did that).
CONTROL = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]")


def _texts(value: Any) -> list[str]:
    """Every string in a review's document (fields, paragraphs, comments, replies)."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else ()
    return [text for item in items for text in _texts(item)]


@st.composite
def mutated(draw: st.DrawFn, sample: str) -> str:
    """The sample with a few slices deleted, duplicated or replaced by odd characters."""
    text = sample
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        action = draw(st.sampled_from(["delete", "duplicate", "replace", "insert"]))
        odd = draw(st.text(st.sampled_from("<>&;\"'{}[],:\x00\x1b\x07\x85\r\n\t\\ é\u202e0-9a]]>"), max_size=8))
        if action == "delete":
            text = text[:start] + text[end:]
        elif action == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif action == "replace":
            text = text[:start] + odd + text[end:]
        else:
            text = text[:start] + odd + text[start:]
    return text


def _fuzz(name: str) -> Any:
    importer, sample = SAMPLES[name]

    @FUZZ
    @given(mutated(sample))
    def test(text: str) -> None:
        check(importer, text)

    test.__name__ = f"test_mutated_{name}_imports_or_raises_input_error"
    return test


test_mutated_wxr = _fuzz("wxr")
test_mutated_disqus = _fuzz("disqus")
test_mutated_reddit = _fuzz("reddit")
test_mutated_hackernews = _fuzz("hackernews")
test_mutated_table = _fuzz("table")
test_mutated_ownjson = _fuzz("tui-reader")
test_mutated_html = _fuzz("html")
test_mutated_amazon_text = _fuzz("amazon-text")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)
KEYS = [
    "id",
    "by",
    "kids",
    "parent",
    "text",
    "title",
    "children",
    "author",
    "body",
    "replies",
    "comments",
    "deleted",
    "dead",
    "kind",
    "data",
    "reviews",
    "version",
    "paragraphs",
    "anchor",
    "review_id",
    "notes",
    "read",
    "url",
    "selftext",
    "post",
]
shaped = st.recursive(
    json_values,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    max_leaves=30,
)


@FUZZ
@given(shaped, st.sampled_from(["reddit", "hackernews", "tui-reader", "table"]))
def test_arbitrary_json_imports_or_raises_input_error(value: Any, name: str) -> None:
    importer, _ = SAMPLES[name]
    if name == "tui-reader" and isinstance(value, dict):
        value = {"version": 1, **value}
    try:
        text = json.dumps(value)
    except ValueError:  # NaN is not JSON
        return
    check(importer, text)
    check(importer, text.replace("[", "[\n"))  # JSON Lines-looking variants for the table importer


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text_imports_or_raises_input_error_everywhere(text: str) -> None:
    for importer, _ in SAMPLES.values():
        check(importer, text)
