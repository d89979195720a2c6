"""What the format importers share: detection by content, the HTML cleaner, the thread builder, safe XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.formats_support import parse_text
from tui_reader.core.content.models import walk_comments
from tui_reader.core.importers import InputError
from tui_reader.core.importers.html import html_paragraphs
from tui_reader.core.importers.threads import MAX_DEPTH, Record, build_threads
from tui_reader.core.importers.xmlsafe import XMLRefused, parse_xml


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("reviews.json", '{"text": "one"}\n{"text": "two"}\n', "table"),
        ("page.txt", "<!DOCTYPE html><html><body><p>Hello there.</p></body></html>", "html"),
        ("export.csv", '{"version":1,"reviews":[]}', "tui-reader"),
        ("notes.xml", "Just a plain review.\n\nWith two paragraphs.", "text"),
        ("thread.txt", '{"post": {"by": "a", "id": 1, "title": "T"}, "comments": []}', "hackernews"),
    ],
)
def test_format_is_detected_from_content_not_name(tmp_path: Path, name: str, content: str, expected: str) -> None:
    assert parse_text(tmp_path, name, content).format == expected


def test_format_flag_overrides_detection(tmp_path: Path) -> None:
    html = "<!DOCTYPE html><html><body><p>Hello there.</p></body></html>"
    assert parse_text(tmp_path, "page.html", html, "text").format == "text"
    with pytest.raises(InputError):
        parse_text(tmp_path, "page.html", html, "wxr")


def test_html_becomes_readable_paragraphs() -> None:
    fragment = (
        "<p>Fish &amp; chips &lt;3 &#8212; <b>bold</b></p><script>alert(1)</script><style>p{}</style>"
        '<p>See <a href="https://a.example/x">the docs</a> or <a href="https://a.example/long">https://a.example/lo...</a>'
        '<ul><li>one</li><li>two</li></ul><pre>  code\n    kept</pre><p>line<br>break <a href="javascript:x">js</a>'
    )
    assert html_paragraphs(fragment) == [
        "Fish & chips <3 — bold",
        "See the docs (https://a.example/x) or https://a.example/long",
        "• one",
        "• two",
        "  code\n    kept",
        "line\nbreak js",
    ]


def test_wordpress_style_newlines() -> None:
    assert html_paragraphs("one\ntwo\n\n  three  \r\n\r\nfour", newlines=True) == ["one\ntwo", "three", "four"]


def test_thread_builder_keeps_order_and_handles_cycles_duplicates_and_depth() -> None:
    records = [
        Record("b", "a", "b"),  # reply listed before its parent
        Record("a", None, "a"),
        Record("c", "a", "c"),
        Record("a", None, "duplicate"),
        Record("x", "y", "x"),  # x <-> y: a cycle is cut at top level
        Record("y", "x", "y"),
        Record("s", "gone", "s"),  # parent dropped: moves up to the dropped one's parent
    ]
    result = build_threads("r", records, {"gone": "c"})
    walked = [(d, c.body) for d, c in walk_comments(result.comments)]
    # The cycle is cut at the record met first in file order: x becomes top level, y its reply.
    assert walked == [(0, "a"), (1, "b"), (1, "c"), (2, "s"), (0, "x"), (1, "y")]
    assert result.duplicates == 1
    chain = [Record(str(n), str(n - 1) if n else None, str(n)) for n in range(MAX_DEPTH + 20)]
    deep = build_threads("r", chain)
    assert max(d for d, _ in walk_comments(deep.comments)) == MAX_DEPTH
    assert deep.flattened == 19
    assert sum(1 for _ in walk_comments(deep.comments)) == MAX_DEPTH + 20


@pytest.mark.parametrize(
    "text",
    [
        '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><r>&b;</r>',
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
        '<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd"><r/>',
    ],
)
def test_xml_with_dtds_or_entities_is_refused(text: str) -> None:
    with pytest.raises(XMLRefused, match="unsafe"):
        parse_xml(text)


def test_xml_repairs_prefixes_nuls_and_html_entities() -> None:
    root, repaired = parse_xml("<rss><wp:a x:y='1'>caf&eacute; &amp; AT&T<![CDATA[\x00ok]]></wp:a></rss>")
    assert repaired
    (child,) = list(root)
    assert child.tag == "wp:a" and child.get("x:y") == "1"
    assert child.text == "café & AT&Tok"
