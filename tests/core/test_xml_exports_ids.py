"""The XML exports keep their reviews' ids: what one format needs of a namespace never renames another's tags."""

from __future__ import annotations

from pathlib import Path

from tests.core.formats_support import parse_text
from tui_reader.core.content.ids import stable_id

_ATOM_CHANNEL = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>My blog</title>
<atom:link href="https://blog.example.com/feed/" rel="self" type="application/rss+xml"/>
<link>https://blog.example.com</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Hello post</title><link>https://blog.example.com/hello</link>
<content:encoded><![CDATA[<p>Some post text here.</p>]]></content:encoded>
<wp:post_id>5</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>"""


def test_a_wordpress_channels_atom_self_link_is_not_its_site(tmp_path: Path) -> None:
    """WordPress writes `<atom:link rel="self">` before the channel's `<link>`; read as the site's
    link (empty text), every post got a new id: re-imported, each came in twice, notes on the first."""
    (review,) = parse_text(tmp_path, "blog.wordpress.xml", _ATOM_CHANNEL).reviews
    assert review.id == stable_id("wxr", "https://blog.example.com#5")  # the id the site's <link> always gave


def test_a_broken_xml_export_is_noted_as_repaired_by_each_format(tmp_path: Path) -> None:
    """One reading of an export's XML serves WordPress, Disqus and Blogger alike: a repair is said."""
    wxr = _ATOM_CHANNEL.replace("Hello post", "Tom & Jerry")
    disqus = (
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        '<thread dsq:id="1"><link>https://x.example/a</link><title>A & B</title></thread>'
        '<post dsq:id="2"><id>p2</id><message>Hi</message><createdAt>2020-01-01T00:00:00Z</createdAt>'
        '<thread dsq:id="1"/></post></disqus>'
    )
    blogger = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><id>tag:blogger.com,1999:blog-2</id>"
        "<entry><id>tag:blogger.com,1999:blog-2.post-5</id><title>P & Q</title>"
        "<content type='html'>body</content></entry></feed>"
    )
    for name, text, format_name in (("w.xml", wxr, "wxr"), ("d.xml", disqus, "disqus"), ("b.xml", blogger, "blogger")):
        parsed = parse_text(tmp_path, name, text, format_name)
        assert "repaired (XML was not well-formed)" in {s.reason for s in parsed.skipped}, format_name
        assert parsed.reviews and "&" in parsed.reviews[0].title, format_name
