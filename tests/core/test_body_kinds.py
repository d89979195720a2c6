"""Every importer that stores Markdown has its bodies formatted as Markdown, never shown raw."""

from __future__ import annotations

import re
from importlib import import_module
from inspect import getsource
from pathlib import Path

import pytest

from tests.core.formats_support import parse_text
from tui_reader.core.content.formatting import (
    MARKDOWN,
    PLAIN,
    REDDIT_MARKDOWN,
    SPOILER_MARKDOWN,
    Link,
    blocks,
    body_kind,
    links,
    plain_text,
)
from tui_reader.core.importers import FORMATS

_STORES_MARKDOWN = re.compile(r"\bmarkdown=True\b")


@pytest.mark.parametrize(("name", "where"), FORMATS, ids=[name for name, _ in FORMATS])
def test_an_importer_storing_markdown_is_formatted_as_markdown(name: str, where: str) -> None:
    """Blogger stored Markdown that the reader showed raw (`*Her* is **gentle**`): its name was
    missing from formatting's list of the formats that store Markdown."""
    source = getsource(import_module(f"tui_reader.core.importers.{where.split('.')[0]}"))
    if _STORES_MARKDOWN.search(source):  # it converts what it reads to Markdown
        assert body_kind(name) in (MARKDOWN, REDDIT_MARKDOWN, SPOILER_MARKDOWN), name


def test_formats_storing_plain_text_stay_plain() -> None:
    assert [body_kind(name) for name in ("amazon", "yelp", "table", "text")] == [PLAIN] * 4


def test_a_blogger_post_reads_as_formatted_text(tmp_path: Path) -> None:
    content = (
        "&lt;p&gt;&lt;em&gt;Her&lt;/em&gt; is &lt;strong&gt;gentle&lt;/strong&gt;, "
        "see &lt;a href='https://letterboxd.com/x'&gt;Letterboxd&lt;/a&gt;&lt;/p&gt;"
    )
    feed = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><id>tag:blogger.com,1999:blog-2</id>"
        f"<entry><id>tag:blogger.com,1999:blog-2.post-5</id><title>P</title><content type='html'>{content}"
        "</content></entry></feed>"
    )
    (review,) = parse_text(tmp_path, "blog.xml", feed).reviews
    kind = body_kind(review.format)
    assert plain_text(review.paragraphs[0], kind) == "Her is gentle, see Letterboxd"
    assert links(blocks(review.paragraphs[0], kind)) == [Link("Letterboxd", "https://letterboxd.com/x")]
