"""Quotes worth keeping (#18 item 6): one per passage, who and where, and a Markdown export that
Obsidian, Readwise and Logseq read: one front matter, highlights as block quotes, notes under them."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.core.test_cli import run
from tui_reader.core.content.formatting import MARKDOWN, plain_text
from tui_reader.core.content.markdown_text import block_quoted, plain_markdown
from tui_reader.core.content.models import Comment, Review, Subject
from tui_reader.core.content.user_records import Anchor, Note, Quote, QuoteAbout
from tui_reader.core.personal.export_highlights import highlights
from tui_reader.core.personal.export_markdown import (
    file_name,
    markdown_chunks,
    review_documents,
)
from tui_reader.core.personal.quoting import quote_about
from tui_reader.core.store import Store

REDDIT = Review(
    id="t3_her",
    title="Her (2013): is it weird?",
    source="/home/ann/private/reddit_comments.json",
    paragraphs=("First paragraph. It is long.", "Second paragraph says more."),
    author="op_ann",
    date="2018-11-01T09:30:00+00:00",
    url="https://www.reddit.com/r/TrueFilm/comments/9t2x1k/her_2013/",
    format="reddit",
    subject=Subject("Her", "film", 2013),
    comments=(
        Comment("t1_a", "A reply from bob.\n\nWith a second paragraph.", "bob", date="2018-11-02T10:00:00"),
        Comment("t1_b", "Another from cy.", "cy"),
    ),
)


def front_matters(document: str) -> list[str]:
    """Every front-matter block: a `---` line, YAML, a `---` line, at the very top only."""
    assert document.startswith("---\n"), document[:40]
    head, _, rest = document[4:].partition("\n---\n")
    blocks = [head]
    blocks += re.findall(r"(?:^|\n)---\n(.*?)\n---\n", rest, flags=re.DOTALL)  # any other is a second one
    return blocks


def test_copying_the_same_passage_twice_keeps_one_quote(tmp_path: Path) -> None:
    user = Store(tmp_path).user
    here = Anchor("r1", paragraph=1, offset=0, quoted="Second paragraph says more.")
    first = user.add_quote(here, "Second paragraph says more.", "— ann")
    again = user.add_quote(here._replace(offset=0), "Second  paragraph says more.\n", "— ann")
    elsewhere = user.add_quote(Anchor("r1", comment_id="t1_a"), "Second paragraph says more.")
    assert again.id == first.id and elsewhere.id != first.id
    assert len(user.snapshot().quotes) == 2


def test_a_quote_records_who_wrote_it_where_and_when() -> None:
    from_comment = quote_about(REDDIT, Anchor(REDDIT.id, comment_id="t1_a", quoted="A reply"))
    assert from_comment == QuoteAbout("bob", REDDIT.title, "Her (2013)", "comment", "2018-11-02T10:00:00")
    from_text = quote_about(REDDIT, Anchor(REDDIT.id, paragraph=1))
    assert from_text == QuoteAbout("op_ann", REDDIT.title, "Her (2013)", "paragraph 2", REDDIT.date or "")


def test_quotes_saved_before_these_fields_still_load(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.user.add_note(Anchor("r1"), "makes the file")
    doc = orjson.loads(store.user.path.read_bytes())
    doc["quotes"] = {
        "1": {"id": "q1", "anchor": {"review_id": "r1", "paragraph": 0}, "text": "old words", "created": "2024-01-01"}
    }
    store.user.path.write_bytes(orjson.dumps(doc))
    (quote,) = Store(tmp_path).user.snapshot().quotes
    assert quote.text == "old words" and quote.about == QuoteAbout()
    assert Quote.from_doc(quote.to_doc()) == quote


def _library(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data")
    store.library.add([REDDIT, Review("plain", "Plain one", "/home/ann/x.txt", ("Only text.",))])
    return store


def test_export_is_one_document_with_one_front_matter_and_highlights_in_reading_order(tmp_path: Path) -> None:
    store = _library(tmp_path)
    user = store.user
    reply = Anchor(REDDIT.id, comment_id="t1_a", offset=0, quoted="A reply from bob.")
    user.add_quote(reply, "A reply from bob.\n\nWith a second paragraph.", about=quote_about(REDDIT, reply))
    user.add_note(reply, "bob has a point")
    second = Anchor(REDDIT.id, paragraph=1, offset=0, quoted="Second paragraph says more.")
    user.add_quote(second, "Second paragraph says more.")  # an old-style quote: credit derived at export
    user.add_quote(second, "Second paragraph says more.")
    first = Anchor(REDDIT.id, paragraph=0, offset=0, quoted="First paragraph.")
    user.add_note(first, "a note on a passage nobody copied")
    document = "".join(markdown_chunks(store, exported="2026-12-05"))
    (head,) = front_matters(document)
    assert yaml.safe_load(head) == {"title": "tui-reader export", "exported": "2026-12-05"}
    section = document.split("## Highlights and notes\n\n", 1)[1].split("\n## Text", 1)[0]
    assert section.splitlines() == [
        "> First paragraph.",
        ">",
        "> — op_ann · paragraph 1 · 2018-11-01",  # credited as a copied quote is
        "",
        "**Note:** a note on a passage nobody copied",
        "",
        "> Second paragraph says more.",
        ">",
        "> — op_ann · paragraph 2 · 2018-11-01",
        "",
        "> A reply from bob.",
        ">",
        "> With a second paragraph.",
        ">",
        "> — bob · comment · 2018-11-02",
        "",
        "**Note:** bob has a point\\",
        "*on* “A reply from bob.”",  # the sentence it was made on, within the larger quote
    ]
    assert "/home/ann" not in document and "- source: reddit_comments.json" in document
    assert "- site: Reddit\n" in document  # the site as `Y` cites it
    user.toggle_bookmark(REDDIT.id)
    document = "".join(markdown_chunks(store))
    assert "- bookmarked: yes\n" in document and "bookmarked: True" not in document


def test_export_to_a_folder_writes_one_document_per_review(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = _library(tmp_path)
    store.user.add_quote(Anchor(REDDIT.id, paragraph=0), "First paragraph.")
    out = tmp_path / "vault"
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "data"), "export", "--format", "markdown", "-o", f"{out}/")
    assert code == 0 and err.strip() == f"wrote 2 reviews to {out}/"
    names = sorted(path.name for path in out.iterdir())
    assert names == ["her-2013-is-it-weird-t3-her.md", "plain-one-plain.md"]
    for path in out.iterdir():
        (head,) = front_matters(path.read_text(encoding="utf-8"))
        fields = yaml.safe_load(head)
        assert fields["source"] in ("reddit_comments.json", "x.txt")
    her = yaml.safe_load(front_matters((out / names[0]).read_text(encoding="utf-8"))[0])
    assert her["url"] == REDDIT.url and her["subject"] == "Her (2013)" and her["kind"] == "film"
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "data"), "export", "--format", "json", "-o", str(out))
    assert code == 2 and "one file" in err  # the JSON export into a folder is a usage error
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "data"), "export", "-o", str(out))
    assert code == 0 and err.strip() == f"wrote 2 reviews to {out}"  # a folder, no format said: Markdown


HOSTILE_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=200).filter(
    lambda text: bool(text.strip())
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE_TEXT, title=st.text(max_size=60), author=st.text(max_size=30))
def test_every_line_of_a_hostile_highlight_stays_in_its_block_quote(text: str, title: str, author: str) -> None:
    """A quote its review no longer says is written as it reads: read back by a CommonMark parser,
    its lines are text, none a heading, list, fence, link, emphasis or HTML of the passage's making."""
    from markdown_it import MarkdownIt

    review = Review("r", title or "t", "/x/y.txt", ("p",), author=author or None)
    quote = Quote("q", Anchor("r", paragraph=0), text, "2026-01-01")
    lines = highlights(review, (quote,), ())
    block = lines[2 : lines.index("", 2)]
    assert block and all(line == ">" or line.startswith("> ") for line in block)
    unquoted = "\n".join(line[2:] if line.startswith("> ") else line[1:] for line in block[:-2])  # one > off each
    tokens = MarkdownIt("commonmark").enable(["strikethrough", "table"]).parse(unquoted)
    assert {t.type for t in tokens} <= {"paragraph_open", "inline", "paragraph_close"}
    inline = {child.type for t in tokens for child in t.children or ()}
    assert inline <= {"text", "softbreak", "hardbreak"}
    if not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", text):  # (those are drawn as symbols, or are line ends)
        assert " ".join(plain_text(unquoted, MARKDOWN).split()) == " ".join(text.split())


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=80), subtitle=st.text(max_size=80), text=HOSTILE_TEXT)
def test_hostile_fields_leave_a_single_parseable_front_matter(title: str, subtitle: str, text: str) -> None:
    review = Review("id/../x", title, "/home/ann/f.json", ("p",), subtitle=subtitle or None, author=text)
    from tui_reader.core.personal.export_markdown import _fields, front_matter

    fields = _fields(review, bookmarked=False)
    block = front_matter(fields)
    assert block.count("\n") == len(fields) + 2  # one line per field: none breaks out of its value
    assert yaml.safe_load(block.split("---\n")[1]) == dict(fields)


@given(titles=st.lists(st.text(max_size=80), min_size=1, max_size=8), ids=st.text(max_size=30))
def test_file_names_are_portable_and_distinct(titles: list[str], ids: str) -> None:
    from tui_reader.core.personal.export_markdown import ReviewDocument

    taken: set[str] = set()
    names = [file_name(ReviewDocument(ids, title, [], ""), taken) for title in titles]
    for name in names:
        stem = name.removesuffix(".md")
        assert stem[:1].isalnum() and all(char.isalnum() or char == "-" for char in stem)  # no separator, no dot
        assert stem == stem.lower() and len(name.encode()) <= 255
    assert len(set(names)) == len(names)


def test_a_file_name_keeps_the_titles_own_letters_and_folds_accents() -> None:
    """A Chinese title was exported as `11-14-….md`: only its digits were kept."""
    from tui_reader.core.personal.export_markdown import ReviewDocument

    def name(title: str) -> str:
        return file_name(ReviewDocument("cefbfa2e", title, [], ""), set())

    assert name("腾讯实习工作周报-11.14") == "腾讯实习工作周报-11-14-cefbfa2e.md"
    assert name("Café Straße, Ünïcode!") == "cafe-strasse-unicode-cefbfa2e.md"
    assert name("한국 영화") == "한국-영화-cefbfa2e.md"
    assert len(name("长" * 200).encode()) <= 255


def test_block_quote_keeps_blank_lines_quoted() -> None:
    assert block_quoted(plain_markdown("one\n\n  \ntwo\r\nthree")) == ["> one", ">", ">", "> two\\", "> three"]


def test_review_documents_skip_unannotated_reviews_when_notes_only(tmp_path: Path) -> None:
    store = _library(tmp_path)
    store.user.add_note(Anchor("plain"), "mine")
    (only,) = review_documents(store, notes_only=True)
    assert only.review_id == "plain" and "Only text." not in only.body


MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            "text",
            "",
            "> quoted",
            "```",
            "~~~",
            "- item",
            "1. item",
            "# head",
            "    code",
            "***",
            "<div>",
            "\\",
            "---",
            "===",
        ]
    )
    | st.text(max_size=20),
    max_size=8,
).map("\n".join)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(body=MARKDOWNISH | HOSTILE_TEXT, author=st.text(max_size=20), bookmarked=st.booleans())
@example(body=" 0\n- item", author="", bookmarked=False)  # a first line indented: the list under it left the item
def test_a_comment_stays_one_list_item_at_its_depth_whatever_its_text(body: str, author: str, bookmarked: bool) -> None:
    """Read back by a CommonMark parser: the comment is the one reply of its parent and the next
    comment is still the parent's sibling, whatever the comment's text opens (quotes, fences, lists)."""
    from markdown_it import MarkdownIt

    from tui_reader.core.personal.export_markdown import _comment_lines

    lines = ["- parent", *_comment_lines(1, Comment("c", body, author), bookmarked), "- after"]
    tokens = MarkdownIt("commonmark").parse("\n".join(lines) + "\n")
    top = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    replies = [t for t in tokens if t.type == "list_item_open" and t.level == 3]
    assert len(top) == 2 and len(replies) == 1
    last = [t for t in tokens if t.type == "inline"][-1]
    assert last.content == "after" and last.level == 3  # the sibling's own paragraph, not the comment's
    assert not [t for t in tokens if t.type == "heading_open" and t.markup in ("-", "=")]  # no line underlined


def test_a_comment_that_is_code_keeps_its_indentation() -> None:
    from tui_reader.core.personal.export_markdown import _comment_lines

    lines = _comment_lines(0, Comment("c", "    int x = 1;\n    int y;\n", "ann"), False)
    assert lines == ["- **ann**:", "      int x = 1;", "      int y;"]


def test_a_comment_keeps_its_paragraphs_quotes_and_code() -> None:
    """They were joined on one line with ` ¶ `: a fence ran inline, a quote sat mid-line."""
    from tui_reader.core.personal.export_markdown import _comment_lines

    body = "> mondain\n\nYou meant mundane.\n\n```\nx = 1\n\ny = 2\n```"
    assert _comment_lines(1, Comment("c", body, "ann"), False) == [
        "  - **ann**:",
        "    > mondain",
        "",
        "    You meant mundane.",
        "",
        "    ```",
        "    x = 1",
        "",
        "    y = 2",
        "    ```",
    ]


def test_a_note_on_a_comment_or_paragraph_says_on_what_and_a_bookmarked_comment_is_kept(
    tmp_path: Path,
) -> None:
    """`**Note:** agreed` did not say on what, and a bookmarked comment was in no Markdown export
    (`--notes-only` left it out with its review). Said as context, not quoted: nothing was copied."""
    store = Store(tmp_path / "data")
    store.library.add([REDDIT])
    store.user.add_note(Anchor(REDDIT.id, comment_id="t1_a"), "agreed")
    store.user.add_note(Anchor(REDDIT.id, paragraph=1), "says what?")
    store.user.toggle_bookmark(REDDIT.id, "t1_b")
    (document,) = review_documents(store, notes_only=True)
    lines = document.body.splitlines()
    paragraph = lines.index("*On paragraph 2:* “Second paragraph says more.”\\")
    assert lines[paragraph + 1] == "**Note:** says what?"  # one paragraph: the context, then its note
    comment = lines.index("*On the comment by bob, 2018-11-02:* “A reply from bob. With a second paragraph.”\\")
    assert lines[comment + 1] == "**Note:** agreed"
    marked = lines.index("★ *Bookmarked: the comment by cy:* “Another from cy.”")
    assert paragraph < comment < marked  # reading order
    assert not [line for line in lines if line.startswith(">")]  # nothing was copied: no highlight


def test_a_note_on_a_paragraph_whose_opening_was_copied_goes_under_that_quote_not_beside_it() -> None:
    """A copied opening and a note on its paragraph printed the same sentences twice, one after the other."""
    start = Anchor(REDDIT.id, paragraph=0, offset=0, quoted="First paragraph. It is long.")
    copied = Quote("q1", start, "First paragraph. It is long.", "2024-01-01", about=quote_about(REDDIT, start))
    note = Note("n1", Anchor(REDDIT.id, paragraph=0), "on the whole paragraph", "2024-01-02", "2024-01-02")
    other = Note("n2", Anchor(REDDIT.id, paragraph=1), "on the second", "2024-01-02", "2024-01-02")
    lines = highlights(REDDIT, (copied,), (note, other))
    assert lines.count("> First paragraph. It is long.") == 1
    assert lines.index("**Note:** on the whole paragraph") > lines.index("> First paragraph. It is long.")
    assert "*On paragraph 2:* “Second paragraph says more.”\\" in lines  # a paragraph nobody copied: its opening
    later = Quote("q2", start._replace(offset=17, quoted="It is long."), "It is long.", "2024-01-01")
    apart = highlights(REDDIT, (later,), (note,))  # not its opening: the note says its paragraph
    assert "*On paragraph 1:* “First paragraph. It is long.”\\" in apart and "> It is long." in apart


def test_a_notes_lines_stay_lines_and_your_own_review_is_credited_without_a_name(tmp_path: Path) -> None:
    """Markdown joins consecutive lines: a two-line note read as one (`from stdin two lines`); a
    line before another now ends in a hard break, a blank line between paragraphs is kept. A
    review with no author (your own Goodreads export) was credited "unknown author"."""
    store = Store(tmp_path / "data")
    own = Review("own", "My review", "goodreads_library_export.csv", ("I liked it.",), date="2020-06-13")
    store.library.add([own])
    store.user.add_note(Anchor(own.id, paragraph=0), "first line\nsecond line  \n\nA new paragraph.")
    (document,) = review_documents(store, notes_only=True)
    lines = document.body.splitlines()
    start = lines.index("**Note:** first line\\")
    assert lines[start : start + 4] == ["**Note:** first line\\", "second line", "", "A new paragraph."]
    assert "*On paragraph 1:* “I liked it.”\\" in lines
    store.user.add_quote(Anchor(own.id, paragraph=0, offset=0, quoted="I liked it."), "I liked it.")
    (document,) = review_documents(store, notes_only=True)
    assert "> — paragraph 1 · 2020-06-13" in document.body.splitlines()


def test_a_note_or_a_reviews_text_cannot_take_over_the_rest_of_the_export(tmp_path: Path) -> None:
    """A note line of three backticks opened a code block that swallowed every review after it, a
    `# line` in a note was a heading; an unclosed fence in a Reddit post did the same, and a WordPress
    post's `# H1 Heading` sat beside the review titles in an outline. Read by a CommonMark parser
    (markdown-it, what Textual itself uses), each review is still a level-1 heading, the only ones."""
    from markdown_it import MarkdownIt

    first = Review("a", "First review", "x.txt", ("# H1 Heading", "Look:\n```\nunclosed code"), format="reddit")
    second = Review("b", "Second review", "x.txt", ("Plain text.",))
    store = Store(tmp_path / "data")
    store.library.add([first, second])
    hostile = "first line\n# not a heading\n- not a list\n```\n<pre>\n1. not numbered\n> not a quote\n---"
    store.user.add_note(Anchor("a", paragraph=0), hostile)
    text = "".join(markdown_chunks(store)).split("---\n", 2)[2]  # the YAML front matter is no CommonMark
    tokens = MarkdownIt("commonmark").parse(text)
    titles = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    assert titles == ["First review", "Second review"]
    assert [t.tag for t in tokens if t.type == "heading_open" and t.tag != "h1"] == ["h2", "h2", "h3"]
    note = next(t.content for t in tokens if t.type == "inline" and "**Note:**" in t.content)
    note = note[note.index("**Note:**") :]  # under its context line, in one paragraph
    assert note.split("\n") == [
        "**Note:** first line\\",
        "\\# not a heading\\",
        "\\- not a list\\",
        "\\```\\",
        "\\<pre>\\",
        "1\\. not numbered\\",
        "\\> not a quote\\",
        "\\---",
    ]


def test_a_bookmark_on_a_comment_gone_since_is_kept_and_said_detached(tmp_path: Path) -> None:
    """A newer export without the comment: its note said "(detached)" while the "★ *bookmarked*"
    beside it did not, and a bookmark alone on it was in no Markdown export at all."""
    store = Store(tmp_path / "data")
    store.library.add([REDDIT])
    store.user.toggle_bookmark(REDDIT.id, "t1_a")
    store.user.toggle_bookmark(REDDIT.id, "t1_b")
    store.library.add([replace(REDDIT, comments=())])
    (document,) = review_documents(store, notes_only=True)
    lines = document.body.splitlines()
    assert lines.count("★ *bookmarked* (detached: the comment is no longer in the review)") == 2
    assert "★ *bookmarked*" not in lines


def test_a_paragraph_note_is_not_laid_out_as_a_highlight_and_a_comment_is_credited_without_its_id(
    tmp_path: Path,
) -> None:
    """A note on ¶1 beside a copy of its first sentence was exported as a second block quote of the
    paragraph's first sentences, credited like the copy: a highlight the user never made, in a notes
    app. A quote of a comment was credited `— Alice · comment b6e4c424da8f62ea`: a hash is noise."""
    from markdown_it import MarkdownIt

    body = "Wow!!! One chapter in, I knew I was going to love it. 50 pages in, I ordered the rest."
    thread = (
        Comment(
            "b6e4c424da8f62ea",
            "Great post!",
            "Alice",
            date="2024-01-02",
            replies=(
                Comment("a466b648e801347a", "Agreed with Alice.", "Bob", parent="b6e4c424da8f62ea", date="2024-01-03"),
            ),
        ),
    )
    review = Review("r", "A Beautiful Place", "export.csv", (body,), date="2020-04-06", comments=thread)
    store = Store(tmp_path / "data")
    store.library.add([review])
    first = Anchor("r", paragraph=0, offset=0, quoted="Wow!!! One chapter in, I knew I was going to love it.")
    store.user.add_quote(first, first.quoted or "", about=quote_about(review, first))
    store.user.add_note(Anchor("r", paragraph=0), "loved the pace")
    reply = Anchor("r", comment_id="a466b648e801347a", offset=0, quoted="Agreed with Alice.")
    store.user.add_quote(reply, "Agreed with Alice.", about=quote_about(review, reply))
    store.user.add_note(Anchor("r", comment_id="b6e4c424da8f62ea"), "on Alice")
    (document,) = review_documents(store, notes_only=True)
    tokens = MarkdownIt("commonmark").parse(document.body)
    quoted = [tokens[i + 2].content for i, t in enumerate(tokens) if t.type == "blockquote_open"]
    assert quoted == ["Wow!!! One chapter in, I knew I was going to love it.", "Agreed with Alice."]
    lines = document.body.splitlines()
    assert (
        "*On paragraph 1:* “Wow!!! One chapter in, I knew I was going to love it. 50 pages in, I ordered the rest.”\\"
        in lines
    )
    assert "*On the comment by Alice, 2024-01-02:* “Great post!”\\" in lines
    assert "> — Bob · reply to Alice · 2024-01-03" in lines
    assert "b6e4c424" not in document.body and "a466b648" not in document.body
    # A quote kept before: its recorded place named the comment by id; said without it.
    old = QuoteAbout("Carol", "t", "", "comment c0ffee1234567890", "2024-01-04")
    gone = Quote("q", Anchor("r", comment_id="c0ffee1234567890"), "Gone words.", "2024-01-05", about=old, detached=True)
    assert "> — Carol · comment · 2024-01-04" in highlights(review, (gone,), ())


def test_a_comments_author_in_a_notes_context_line_is_text_not_markdown() -> None:
    """The context line names the comment's author (and whom it replies to): their names are the
    source's text, so `[x](https://evil.example)` stays words, not a link."""
    hostile = "[x](https://evil.example) *b*"
    review = replace(REDDIT, comments=(Comment("t1_a", "Words here.", hostile, date="2018-11-02T10:00:00"),))
    note = Note("n1", Anchor(REDDIT.id, comment_id="t1_a"), "mine", "2024-01-02", "2024-01-02")
    (line,) = [line for line in highlights(review, (), (note,)) if line.startswith("*On")]
    assert line == "*On the comment by \\[x\\](https://evil.example) \\*b\\*, 2018-11-02:* “Words here.”\\"


def test_no_control_character_reaches_the_markdown_file(tmp_path: Path) -> None:
    """A note and a review stored before imports and notes dropped control characters (an ESC
    sequence) are exported without them: whoever `cat`s the file gets no terminal codes."""
    store = Store(tmp_path)
    hostile = replace(REDDIT, title="Her \x1b[2J(2013)", paragraphs=("First \x1b[31mred\x1b[0m paragraph.",))
    store.library.add([hostile])
    note = Note(id="n1", anchor=Anchor(hostile.id), text="mine \x1b]52;c;aGk=\x07 too", created="2024", updated="2024")
    with store.user._transaction() as tables:  # as an older version stored it: `add_note` cleans now
        tables.insert("notes", note.to_doc())
    document = "".join(markdown_chunks(store))
    assert "\x1b" not in document and "\x07" not in document
    assert "mine" in document and "red" in document and "(2013)" in document


def test_a_context_line_and_its_note_are_one_paragraph_apart_from_a_review_note() -> None:
    """`**Note:** café note`, then `*On paragraph 1:* “…”` as a paragraph of its own, then `**Note:** note
    from t`: which note did the context line label? It and its note are now one paragraph."""
    on_review = Note("n1", Anchor(REDDIT.id), "on the whole review", "2024-01-01", "2024-01-01")
    on_paragraph = Note("n2", Anchor(REDDIT.id, paragraph=1), "on the second", "2024-01-02", "2024-01-02")
    from markdown_it import MarkdownIt

    text = "\n".join(highlights(REDDIT, (), (on_review, on_paragraph)))
    tokens = MarkdownIt("commonmark").parse(text)
    paragraphs = [t.content for t in tokens if t.type == "inline"][1:]  # after the section's heading
    assert paragraphs == [
        "**Note:** on the whole review",
        "*On paragraph 2:* “Second paragraph says more.”\\\n**Note:** on the second",
    ]
