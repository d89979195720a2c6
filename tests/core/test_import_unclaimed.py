"""What no format reads is refused in one line saying what it is, not imported as a text "review".

Plain text is the fallback and matches anything: `broken.json` holding `not json {` became a
review whose text was its own syntax.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text, write
from tui_reader.core.importers import InputError, parse_file

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def refused(tmp_path: Path, name: str, text: str) -> str:
    with pytest.raises(InputError) as raised:
        parse_text(tmp_path, name, text)
    assert raised.value.path.endswith(name)
    return raised.value.reason


def never_a_text_review(tmp_path: Path, name: str, text: str) -> None:
    """What the properties below ask of a file: refused in one line, or read by the format its
    content is; never taken as plain text."""
    try:
        parsed = parse_text(tmp_path, name, text)
    except InputError as error:
        assert "\n" not in error.reason
    else:
        assert parsed.format != "text"


def test_a_json_file_that_is_not_json_is_refused_with_the_parsers_reason(tmp_path: Path) -> None:
    assert refused(tmp_path, "broken.json", "not json {").startswith("not valid JSON (")
    assert refused(tmp_path, "cut.JSON", '{"a": [1, 2').startswith("not valid JSON (unexpected end of data")
    assert refused(tmp_path, "s.json", '"only a string"') == "JSON without review or comment text (a string)"
    assert refused(tmp_path, "bad.jsonl", '{"a": 1}\nnope\n').startswith("not valid JSON Lines (line 2, column 1: ")


def test_json_nested_past_the_parsers_depth_is_said_so_not_called_invalid(tmp_path: Path) -> None:
    """50,000 nested arrays are valid JSON: "not valid JSON (depth limit exceeded…)" said otherwise."""
    reason = refused(tmp_path, "deep.json", "[" * 50_000 + "]" * 50_000)
    assert reason.startswith("JSON nested too deeply") and "not valid" not in reason


def test_plain_text_that_looks_like_json_still_imports_as_text(tmp_path: Path) -> None:
    for name, text in (("brace.txt", "not json {"), ("note.txt", "{not json} but a review.\n\nIts body.")):
        parsed = parse_text(tmp_path, name, text)
        assert parsed.format == "text" and parsed.reviews
    assert parse_text(tmp_path, "forced.json", "not json {", "text").reviews  # --format text reads it


def _not_json(text: str) -> bool:
    try:
        orjson.loads(text.lstrip("\ufeff").strip())
    except orjson.JSONDecodeError:
        return True
    return False


@FUZZ
@given(st.text(max_size=200).filter(_not_json))
def test_no_file_named_json_becomes_a_text_review(tmp_path: Path, text: str) -> None:
    """Named .json and not JSON: refused, or read by the format its content is (a table), never as
    plain text; the same text named .txt is never refused as JSON."""
    never_a_text_review(tmp_path, "x.json", text)
    try:
        parse_text(tmp_path, "x.txt", text)
    except InputError as error:
        assert "JSON" not in error.reason


def test_a_table_without_a_text_column_is_refused_naming_its_columns(tmp_path: Path) -> None:
    assert refused(tmp_path, "nocol.csv", "a,b\n1,2\n") == "no text column (a, b): --text-column NAME picks one"
    assert refused(tmp_path, "nocol.tsv", "a\tb\n1\t2\n") == "no text column (a, b): --text-column NAME picks one"
    assert refused(tmp_path, "semi.csv", "a;b\n1;2\n") == "no text column (a, b): --text-column NAME picks one"
    assert refused(tmp_path, "header.csv", "review,rating\n") == "no rows under the header (review, rating)"
    ragged = refused(tmp_path, "ragged.csv", "review,rating\nGood,4,x,y\nBad\n")
    assert ragged == "rows are not as wide as the header (2 columns: review, rating)"
    assert refused(tmp_path, "one.csv", "film\nGood film\n").startswith("one column (film), not a table")
    wide = refused(tmp_path, "wide.csv", ",".join(f"c{n}" for n in range(12)) + "\n" + "1," * 11 + "1\n")
    assert wide == "no text column (c0, c1, c2, c3, c4, c5, c6, c7, …): --text-column NAME picks one"


def test_text_column_names_the_column_it_did_not_find_or_reads_the_one_it_did(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no column 'zz' \(2 columns: a, b\)"):
        parse_file(write(tmp_path, "nocol.csv", "a,b\n1,2\n"), text_column="zz")
    (review,) = parse_file(tmp_path / "nocol.csv", text_column="b").reviews
    assert review.paragraphs == ("2",)


def test_the_same_lines_not_named_as_a_table_are_still_text(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, "note.txt", "a,b\n1,2\n")
    assert parsed.format == "text" and parsed.reviews


cells = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=',"\r\n\x00'), max_size=8)


@FUZZ
@given(st.lists(cells, min_size=2, max_size=6))
def test_no_file_named_csv_becomes_a_text_review(tmp_path: Path, header: list[str]) -> None:
    """A header and a row, whatever their names: read as a table (or a site's file), or refused in one
    line; never plain text."""
    text = ",".join(header) + "\n" + ",".join("x" for _ in header) + "\n"
    never_a_text_review(tmp_path, "x.csv", text)


RSS = '<?xml version="1.0"?><rss><channel><item><title>x</title></item></channel></rss>'


def test_a_feed_saved_to_a_file_is_refused_saying_how_to_follow_it(tmp_path: Path) -> None:
    follow = "follow its URL with `tui-reader follow URL` to read it"
    assert refused(tmp_path, "rss.xml", RSS) == f"an RSS feed ({follow})"
    assert refused(tmp_path, "feed.txt", RSS) == f"an RSS feed ({follow})"  # declared XML: the name does not matter
    atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>'
    assert refused(tmp_path, "atom.xml", atom) == f"an Atom feed ({follow})"
    own = RSS.replace(
        "<channel>", '<channel><atom:link rel="self" href="https://letterboxd.com/ann/rss/?a=1&amp;b=2"/>'
    )
    assert refused(tmp_path, "own.rss", own) == (
        "an RSS feed (follow it with `tui-reader follow https://letterboxd.com/ann/rss/?a=1&b=2` to read it)"
    )
    hostile = own.replace("https://letterboxd.com/ann/rss/", "https://x.example/\x1b]52;c;QQ==\x07")
    assert "\x1b" not in refused(tmp_path, "hostile.rss", hostile)  # an address that is no URL is not repeated


def test_other_xml_is_refused_naming_its_root_and_xhtml_is_a_page(tmp_path: Path) -> None:
    note = '<?xml version="1.0"?><!-- c --><!DOCTYPE note [<!ENTITY a "b">]>\n<note><to>x</to></note>'
    assert refused(tmp_path, "note.txt", note) == "XML (root <note>) that is no known export"
    assert refused(tmp_path, "data.xml", "<data a='1'/>") == "XML (root <data>) that is no known export"
    assert refused(tmp_path, "empty.xml", '<?xml version="1.0"?> text') == "XML without a root element"
    xhtml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>A page</title></head><body><p>Words.</p></body></html>'
    )
    page = parse_text(tmp_path, "page.xhtml", xhtml)
    assert page.format == "html" and page.reviews[0].title == "A page"
    fragment = parse_text(tmp_path, "fragment.txt", "<p>Great film, <b>really</b>.</p>")  # text with tags
    assert fragment.format == "text" and fragment.reviews


@FUZZ
@given(st.from_regex(r"[A-Za-z_][A-Za-z0-9_.:-]{0,20}", fullmatch=True), st.text(max_size=40))
def test_no_declared_xml_document_becomes_a_text_review(tmp_path: Path, root: str, inner: str) -> None:
    never_a_text_review(tmp_path, "x.txt", f'<?xml version="1.0"?>\n<{root}>{inner}</{root}>')


def test_our_own_markdown_export_is_refused_saying_to_import_the_json(tmp_path: Path) -> None:
    """`export --notes-only -o notes.md` imported back made one junk review titled with its front
    matter (`--- title: "tui-reader export" exported: ... ---`); a review's file of `-o DIR/` too."""
    from tui_reader.core.content.models import Review
    from tui_reader.core.content.user_records import Anchor
    from tui_reader.core.importers.unclaimed import OUR_MARKDOWN_EXPORT
    from tui_reader.core.personal.export_markdown import markdown_chunks, review_documents, review_file
    from tui_reader.core.store import Store

    store = Store(tmp_path / "data")
    empty = "".join(markdown_chunks(store, notes_only=True, exported="2026-12-07"))
    assert refused(tmp_path, "empty.md", empty) == OUR_MARKDOWN_EXPORT
    store.library.add([Review("r1", "Her", "x.txt", ("Some words.",), author="ann")])
    store.user.add_note(Anchor("r1", paragraph=0), "mine")
    whole = "".join(markdown_chunks(store, exported="2026-12-07"))
    (document,) = review_documents(store)
    crlf = whole.replace("\n", "\r\n")
    for name, text in (("notes.md", whole), ("her-r1.md", review_file(document)), ("crlf.md", crlf)):
        assert refused(tmp_path, name, text) == OUR_MARKDOWN_EXPORT
    # Someone's own note with a front matter is still text.
    own = '---\ntitle: "My notes"\n---\n\n# Her\n\nI liked it.\n'
    assert parse_text(tmp_path, "mine.md", own).format == "text"


def test_a_table_saved_without_its_header_row_is_said_so(tmp_path: Path) -> None:
    """A Goodreads export without its header: `no text column (27428442, Village Christmas, …)` took
    its first row for names, and `--format goodreads` called it plain text."""
    rows = [
        '27428442,Village Christmas,Laurie Lee,0,3.96,2021/11/30,currently-reading,"",0',
        '54975371,A Poem for Every Autumn Day,Allie Esiri,2,3.7,2022/09/16,read,"This was fine. There were a few'
        ' really good ones, but oddly a ton of them were about war, which I was not a fan of.",1',
    ]
    text = "\n".join(rows) + "\n"
    said = refused(tmp_path, "goodreads_library_export.csv", text)
    assert said.startswith("no header row: its first row is data (27428442, Village Christmas,")
    assert said.endswith("--map text=N reads column N as the text (column 8 holds the longest)")
    with pytest.raises(InputError) as forced:
        parse_file(write(tmp_path, "export.csv", text), format_name="goodreads")
    assert forced.value.reason == "not a Goodreads export (it looks like a table without its header row)"
    named = "id,title,writer,stars,average,added,shelf,words,count\n" + "1,A,B,0,3.9,2021/11/30,read,Some words,0\n"
    assert refused(tmp_path, "with_names.csv", named).startswith("no text column")  # (a header: not said so)


def test_a_table_saved_as_text_is_a_table_without_text_not_a_review(tmp_path: Path) -> None:
    """An IMDb ratings table saved as `.txt` was imported as one "review" titled `,Id,User,Rating,…`."""
    text = ",Id,User,Rating,Date Posted\n0,tt0018600_0,imdb-5664,10/10,23 October 2005\n"
    text += "1,tt0018600_1,gmwhite,10/10,31 August 2005\n2,tt0018600_2,ann,8/10,1 May 2006\n"
    assert refused(tmp_path, "User_ratings_dataframe.txt", text).startswith("no text column (, Id, User, Rating,")
    prose = "Apples, pears, plums.\nWe ate, we slept, we left.\nIt rained, it poured, it stopped.\n"
    (review,) = parse_text(tmp_path, "notes.txt", prose).reviews  # commas in prose: still a text
    assert review.paragraphs


def test_a_git_lfs_pointer_is_said_to_be_one(tmp_path: Path) -> None:
    """A dataset repository cloned without `git lfs pull`: `not valid JSON (unexpected character…)`."""
    pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:83d6896a27de1eb\nsize 361783296\n"
    for name in ("yelp_academic_dataset_review.json", "reviews.csv", "notes.txt"):
        assert refused(tmp_path, name, pointer) == (
            "a Git LFS pointer to a 362 MB file, not the file itself (`git lfs pull` in its repository fetches it)"
        )
