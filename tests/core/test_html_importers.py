"""Every HTML importer keeps its bodies' formatting (as the Markdown subset) and its words findable."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.core.formats_support import parse_text
from tests.core.test_formats_wxr import comment, item, wxr
from tui_reader.cli import main
from tui_reader.core.content.excerpts import excerpt_of
from tui_reader.core.content.formatting import LINK, MARKDOWN, STRONG, blocks, body_kind, plain_text
from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.importers import parse_file
from tui_reader.core.importers.html import html_paragraphs
from tui_reader.core.personal.anchors import locate

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
POST = (
    "<p>The <strong>zanzibarish</strong> claim, in <em>italics</em>, with <code>code_here</code> and "
    '<a href="https://x.example/spec">the spec</a>.</p>\n\n<blockquote>The W3C defines it</blockquote>'
)


def styled(text: str) -> set[str]:
    return {span.style for block in blocks(text, MARKDOWN) for span in block.spans}


def test_a_wordpress_post_and_comment_keep_their_formatting(tmp_path: Path) -> None:
    text = wxr(item(1, comment(1, text="I <b>agree</b> with <a href='https://y.example'>this</a>"), body=POST))
    (review,) = parse_text(tmp_path, "blog.xml", text).reviews
    assert body_kind(review.format) == MARKDOWN
    assert styled(review.paragraphs[0]) == {"strong", "em", "code", "link"}
    assert plain_text(review.paragraphs[1], MARKDOWN) == "The W3C defines it"
    assert styled(review.comments[0].body) == {STRONG, LINK}
    excerpt = excerpt_of(review.title, review.paragraphs, review.format)
    assert excerpt == "The zanzibarish claim, in italics, with code_here and the spec."


def test_a_word_in_bold_in_a_wordpress_post_is_found_by_search(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "blog.xml"
    path.write_text(wxr(item(1, body=POST) + item(2, body="<p>other words</p>")), encoding="utf-8")
    assert main(["import", str(path)]) == 0
    capsys.readouterr()
    for word in ("zanzibarish", "italics", "code_here"):
        assert main(["search", "--json", word]) == 0
        [doc] = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert doc["id"]


def test_hacker_news_comments_keep_italics_code_and_links(tmp_path: Path) -> None:
    items = [
        {"id": 1, "type": "story", "title": "Story", "by": "op", "time": 1, "kids": [2], "text": "Ask <i>why</i>"},
        {"id": 2, "type": "comment", "by": "u", "time": 2, "parent": 1,
         "text": "See <a href=\"https://x.example/a\">docs</a><p><code>x = 1</code> and <i>so</i>"},
    ]  # fmt: skip
    (review,) = parse_text(tmp_path, "hn.json", orjson.dumps(items)).reviews
    assert review.format == "hackernews" and body_kind(review.format) == MARKDOWN
    assert styled(review.comments[0].body) == {"link", "code", "em"}
    assert plain_text(review.comments[0].body, MARKDOWN) == "See docs\n\nx = 1 and so"


def test_an_html_page_keeps_headings_and_lists(tmp_path: Path) -> None:
    body = "<h1>Page</h1><h2>Part</h2><ul><li>a</li><li>b</li></ul>"
    page = f"<html><head><title>Page</title></head><body>{body}</body></html>"
    (review,) = parse_text(tmp_path, "page.html", page).reviews
    assert review.title == "Page" and review.paragraphs == ("## Part", "- a\n- b")


def test_a_note_on_a_paragraph_imported_flat_still_attaches_after_reimport() -> None:
    """Notes made on the old flattening (`text (url)`, no emphasis) are found in the new plain text."""
    html = POST + "\n\n<p>A <b>bold claim</b> about <a href='https://x.example'>the site</a> here.</p>"
    old = Review("w", "Post", "b.xml", tuple(html_paragraphs(html, newlines=True)), format="wxr")
    new = old.__class__("w", "Post", "b.xml", tuple(html_paragraphs(html, newlines=True, markdown=True)), format="wxr")
    assert old.paragraphs != new.paragraphs
    for quoted in ("zanzibarish claim, in italics", "The W3C defines", "A bold claim about the site"):
        index = next(i for i, p in enumerate(old.paragraphs) if quoted in p)
        anchor = Anchor("w", paragraph=index, offset=old.paragraphs[index].index(quoted), quoted=quoted)
        found = locate(new, anchor)
        assert found is not None and found.paragraph == index, quoted


@pytest.mark.corpora
def test_real_wordpress_exports_are_formatted(corpora: Path) -> None:
    path = CORPORA / "wxr" / "ServiceStackV3+mythz_blog__wordpress-export.xml"
    if not path.exists():
        pytest.skip("corpus file absent")
    reviews = parse_file(path).reviews
    styles = {span.style for r in reviews for p in r.paragraphs for b in blocks(p, MARKDOWN) for span in b.spans}
    assert {"strong", "em", "code", "link", "heading"} <= styles
    excerpts = [excerpt_of(r.title, r.paragraphs, r.format) or "" for r in reviews]
    nosql = next(e for e in excerpts if e.startswith("[nosql_thumb]"))
    assert "(http" not in nosql and "**" not in nosql
    assert not any(e.startswith("> ") for e in excerpts)


@pytest.mark.corpora
@pytest.mark.parametrize("folder", ["hackernews", "disqus"])
def test_real_comment_exports_read_as_their_words(corpora: Path, folder: str) -> None:
    files = sorted((CORPORA / folder).glob("*"))
    if not files:
        pytest.skip("corpus absent")
    for path in files:
        for review in parse_file(path).reviews:
            assert body_kind(review.format) == MARKDOWN
            for _, found in walk_comments(review.comments):
                read = plain_text(found.body, MARKDOWN)
                assert "<p>" not in read and "&#x2F;" not in read and "\\\\" not in read


def test_a_wordpress_table_keeps_its_cells_apart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """WordPress's test data: "table celltable cell two" was stored, shown and searched so. A table
    is a paragraph, a row a line, its cells apart as the reader draws a Markdown table's, header
    cells strong."""
    table = (  # as WordPress stores one: a newline between tags, a blank line between rows
        "<table>\n<caption>Ratings</caption>\n<thead>\n<tr>\n<th>Film</th>\n<th>Stars</th>\n</tr>\n</thead>\n<tbody>\n"
        "<tr>\n<td>Her</td>\n<td><em>4.5</em></td>\n</tr>\n\n<tr><td></td><td>3</td></tr>\n</tbody>\n</table>"
    )
    path = tmp_path / "blog.xml"
    path.write_text(wxr(item(1, body=f"<p>Scores:</p>{table}")), encoding="utf-8")
    (review,) = parse_file(path).reviews
    shown = [plain_text(paragraph, MARKDOWN) for paragraph in review.paragraphs]
    assert shown == ["Scores:", "Ratings", "Film │ Stars\nHer │ 4.5\n│ 3"]  # (a caption ran into the first row)
    assert styled(review.paragraphs[2]) == {STRONG, "em"}
    assert html_paragraphs(table) == ["Ratings", "Film │ Stars\nHer │ 4.5\n│ 3"]  # plain text too (titles, fields)
    assert main(["--data-dir", str(tmp_path / "data"), "import", str(path)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "data"), "search", "film"]) == 0
    assert "Film │ Stars" in capsys.readouterr().out
