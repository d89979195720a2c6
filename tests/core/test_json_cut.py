"""A JSON file that ends early (a download stopped, a disk filled) keeps its whole records before the
cut and says so in one line; a record cut off is never kept in part; nothing whole before the cut is
refused with the parser's words. One mechanism (`jsoncut`) for every whole-JSON format."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text, write
from tests.core.test_sites_fuzz import PATH, SAMPLES, SIBLINGS
from tui_reader.cli import main
from tui_reader.core.content.models import walk_comments
from tui_reader.core.importers import InputError, parse_file
from tui_reader.core.importers.jsoncut import records_before_the_cut

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CUT = "cut off where the file ends early"


def joined(head: str, records: list[str], tail: str, keyed: bool = False) -> tuple[str, list[int]]:
    """A document of records and where each record ends in it."""
    text, ends = head, []
    for number, record in enumerate(records):
        text += (", " if number else "") + (f'"{number}": ' if keyed else "") + record
        ends.append(len(text))
    return text + tail, ends


def _records(name: str) -> list[str]:
    if name == "steam":
        one = json.loads(SAMPLES["steam"][1])["reviews"]["1"]
        return [json.dumps({**one, "recommendationid": str(n), "review": f"text {n}, [b]{n}[/b]"}) for n in range(3)]
    return [line for line in SAMPLES[name][1].splitlines() if line]


DOCUMENTS = {  # (site, the document, where each record ends)
    "steam": ("Steam", *joined('{"query_summary": {"num_reviews": 3}, "reviews": {', _records("steam"), "}}", True)),
    "steam-api": ("Steam", *joined('{"success": 1, "reviews": [', _records("steam"), '], "cursor": "AoJ"}')),
    "amazon": ("Amazon", *joined("[", _records("amazon"), "]")),
    "yelp": ("Yelp", *joined("[\n", _records("yelp"), "\n]")),
}


@FUZZ
@given(st.sampled_from(sorted(DOCUMENTS)), st.data())
def test_a_document_cut_anywhere_keeps_exactly_its_whole_records(name: str, data: st.DataObject) -> None:
    """Cut anywhere after its first record begins: the records whole before the cut are imported, the
    one cut off is skipped and said; with none whole it is refused with the parser's words."""
    site, document, ends = DOCUMENTS[name]
    importer, _ = SAMPLES[name.removesuffix("-api")]
    cut = data.draw(st.integers(document.index('"', 2) + 1, len(document) - 1), label="cut")
    whole = importer.parse_in(document, PATH, SIBLINGS, "fuzz").reviews
    kept = sum(end <= cut for end in ends)
    try:
        parsed = importer.parse_in(document[:cut], PATH, SIBLINGS, "fuzz")
    except InputError as error:
        assert kept == 0, (document[:cut], error)
        assert error.reason.startswith(f"not valid {site} JSON (") and "line " in error.reason, error.reason
        return
    assert [r.to_doc() for r in parsed.reviews] == [r.to_doc() for r in whole[:kept]]
    said = f"{CUT} ({kept} {site} review{'s' * (kept != 1)} read before it)"
    assert [s.reason for s in parsed.skipped if s.reason.startswith(CUT)] == [said]


scalars = st.none() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=8) | st.lists(st.text(max_size=4))
objects = st.dictionaries(st.text(max_size=6), scalars)  # records of fields, none an object


@FUZZ
@given(st.lists(objects, min_size=1, max_size=5), st.data())
def test_what_is_kept_of_a_cut_document_is_its_records_before_the_cut(items: list[Any], data: st.DataObject) -> None:
    document = orjson.dumps({"version": 3, "items": items, "after": "x"}).decode()
    cut = data.draw(st.integers(1, len(document) - 1), label="cut")
    try:
        orjson.loads(document[:cut])
    except orjson.JSONDecodeError as error:
        kept = records_before_the_cut(document[:cut], error)
    else:
        return  # a cut that leaves a document whole (none here: every prefix is open)
    if kept is not None:
        assert kept["version"] == 3 and kept["items"] and kept["items"] == items[: len(kept["items"])], kept
        assert set(kept) == {"version", "items"}  # closed at the cut: nothing after it made up


def test_the_testers_steam_file_keeps_the_reviews_before_the_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The API's answer, its last 60 bytes cut: 0 of 5 imported, where JSON Lines kept its lines."""
    reviews = [{"recommendationid": str(n), "author": {"steamid": "7656"}, "review": f"text {n}", "voted_up": True}
               for n in range(5)]  # fmt: skip
    document = json.dumps({"success": 1, "reviews": reviews})
    path = write(tmp_path, "steam_truncated.json", document[:-60])
    assert main(["--data-dir", str(tmp_path / "lib"), "import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("imported 4 new") and out.rstrip().endswith(f"; skipped 1 ({CUT}: 1)")
    assert err.strip() == f"skipped {path}: {CUT} (4 Steam reviews read before it)"


def test_a_cut_file_read_again_claims_no_review_gone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reviews after the cut are not in the file read, but not gone from it either: the import says
    nothing of them, and `remove --gone` would remove nothing."""
    records = [{"reviewerID": f"R{n}", "asin": "A1", "reviewText": f"words {n}", "overall": 4} for n in range(4)]
    document = json.dumps(records)
    path = write(tmp_path, "Musical_Instruments.json", document)
    data = str(tmp_path / "lib")
    assert main(["--data-dir", data, "import", str(path)]) == 0
    path.write_text(document[: document.index("words 2")])
    os.utime(path, ns=(1, 1))
    assert main(["--data-dir", data, "import", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()[-1]
    assert out.startswith("imported 0 new, 0 updated, 2 unchanged") and "no longer" not in out


def test_json_lines_cut_short_keep_their_whole_lines_and_say_so(tmp_path: Path) -> None:
    lines = [json.dumps({"review_id": f"r{n}", "business_id": "b", "stars": 4, "text": f"Text {n}."}) for n in range(3)]
    cut = parse_text(tmp_path, "review.json", "\n".join(lines)[:-10])
    assert [r.paragraphs for r in cut.reviews] == [("Text 0.",), ("Text 1.",)]
    assert [s.reason for s in cut.skipped] == [f"{CUT} (2 Yelp reviews read before it)"]
    broken = parse_text(tmp_path, "review.json", "\n".join([lines[0], lines[1][:-10], lines[2]]) + "\n")
    assert len(broken.reviews) == 2  # a broken line in the middle is no end of the file
    assert [(s.reason, s.count) for s in broken.skipped] == [("lines that are not JSON objects", 1)]


def reddit_thread(replies: int) -> str:
    def thing(cid: str, parent: str, body: str, children: list[dict[str, Any]]) -> dict[str, Any]:
        replied = {"kind": "Listing", "data": {"children": children}} if children else ""
        data = {"id": cid, "parent_id": parent, "author": cid.upper(), "body": body, "replies": replied}
        return {"kind": "t1", "data": data}

    post = {"kind": "t3", "data": {"id": "p1", "title": "A post", "selftext": "Its text.", "subreddit": "books"}}
    nested = [thing(f"r{n}", "t1_c1", f"Reply {n} to the first.", []) for n in range(replies)]
    comments = [thing("c1", "t3_p1", "The first.", nested), thing("c2", "t3_p1", "The second.", [])]
    listing = [{"kind": "Listing", "data": {"children": children}} for children in ([post], comments)]
    return json.dumps(listing)


def test_a_reddit_thread_cut_in_a_reply_keeps_the_whole_comments(tmp_path: Path) -> None:
    """Cut in the second reply: the post, the first comment and its first reply stay; the reply cut
    off and what came after it (the second comment) are not in the file."""
    text = reddit_thread(2)
    parsed = parse_text(tmp_path, "thread.json", text[: text.index("Reply 1")])
    (review,) = parsed.reviews
    assert review.paragraphs == ("Its text.",)
    assert [(depth, c.body) for depth, c in walk_comments(review.comments)] == [
        (0, "The first."),
        (1, "Reply 0 to the first."),
    ]
    assert [s.reason for s in parsed.skipped] == [f"{CUT} (2 Reddit comments read before it)"]


def test_a_reddit_thread_cut_in_its_first_reply_drops_that_comment_whole(tmp_path: Path) -> None:
    text = reddit_thread(1)
    (review,) = parse_text(tmp_path, "thread.json", text[: text.index("Reply 0")]).reviews
    assert review.title == "A post" and review.comments == ()  # never a comment without its replies' end


def test_a_reddit_thread_cut_in_its_post_is_refused(tmp_path: Path) -> None:
    text = reddit_thread(1)
    with pytest.raises(InputError, match=r"not valid Reddit JSON \(unexpected end of data"):
        parse_text(tmp_path, "thread.json", text[: text.index("Its text")])


def test_a_reddit_dump_array_cut_short_keeps_its_whole_records(tmp_path: Path) -> None:
    from tests.core.test_import_truth_threads import comment

    whole = json.dumps([comment("c1", "t3_p1"), comment("c2", "t1_c1")])
    parsed = parse_text(tmp_path, "cut.json", whole[: whole.index('"c2"') + 10])
    assert [c.id for _, c in walk_comments(parsed.reviews[0].comments)] == [
        c.id
        for _, c in walk_comments(
            parse_text(tmp_path, "one.json", json.dumps([comment("c1", "t3_p1")])).reviews[0].comments
        )
    ]
    assert f"{CUT} (1 Reddit comment or post read before it)" in [s.reason for s in parsed.skipped]


def test_a_hacker_news_item_cut_short_keeps_its_whole_comments(tmp_path: Path) -> None:
    def child(cid: int, text: str, children: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": cid,
            "type": "comment",
            "author": f"u{cid}",
            "text": text,
            "created_at_i": 1,
            "children": children,
        }

    story = {"id": 1, "type": "story", "title": "Show HN", "author": "a", "story_id": 1, "created_at_i": 1}
    story["children"] = [child(2, "First.", [child(3, "Reply.", [])]), child(4, "Second comment.", [])]
    text = json.dumps(story)
    parsed = parse_file(write(tmp_path, "item.json", text[: text.index("Second comment") + 3]))
    (review,) = parsed.reviews
    assert [c.body for _, c in walk_comments(review.comments)] == ["First.", "Reply."]
    assert [s.reason for s in parsed.skipped] == [f"{CUT} (2 Hacker News comments read before it)"]


TABLE_ROWS = [
    json.dumps({"title": f"Title {n}", "review": f"Words of review {n}, with [brackets] and {{braces}}", "stars": n})
    for n in range(1, 5)
]
TABLE, TABLE_ENDS = joined("[\n", TABLE_ROWS, "\n]")


@FUZZ
@given(st.integers(TABLE_ENDS[0], len(TABLE) - 1))
def test_a_tables_json_array_cut_short_keeps_its_whole_rows_and_says_so(cut: int) -> None:
    """It was refused with "no text column found", where every other JSON format kept its records."""
    kept = sum(end <= cut for end in TABLE_ENDS)
    parsed = parse_text_in_memory(TABLE[:cut])
    assert [review.title for review in parsed.reviews] == [f"Title {n}" for n in range(1, kept + 1)]
    said = f"{CUT} ({kept} row{'s' * (kept != 1)} read before it)"
    assert [s.reason for s in parsed.skipped if s.reason.startswith(CUT)] == [said]


def parse_text_in_memory(text: str) -> Any:
    from tui_reader.core.importers.tabular import TabularImporter

    return TabularImporter().parse(text, PATH)
