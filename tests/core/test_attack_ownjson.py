"""Our own export read back from hostile or old files (issue #14, items 1 and 4).

- notes, quotes and every review text came back with raw escape sequences and C1
  controls (an OSC 52 in a note reached the terminal from the note editor);
- a thread nested deeper than MAX_DEPTH (written by an older tui-reader) made the
  whole backup refused: every review, note and bookmark in it with it.

Text holding a control character is now repaired as every importer repairs it, and deep
threads are capped by the shared thread builder; any other text reads back exactly as it was
exported (repairing it all again turned WordPress's no-break spaces into spaces: issue of the
export -> import -> export round trip).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.formats_support import max_depth, parse_text, write
from tui_reader.core.content.models import walk_comments
from tui_reader.core.content.text import repair
from tui_reader.core.importers.ownjson import OwnJSONImporter
from tui_reader.core.importers.threads import MAX_DEPTH
from tui_reader.core.personal.export import json_chunks
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store

HOSTILE = "note \x1b]0;PWNED-TITLE\x1b\\ \x1b]52;c;UFdORUQ=\x1b\\ \x9b777;778H \u202eevil"
CONTROLS = {chr(code) for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]} - {"\n", "\t"}


def chain(levels: int) -> dict[str, Any]:
    """A thread with one reply per level, as an older tui-reader exported it (parents set)."""
    comment: dict[str, Any] = {"id": f"c{levels - 1}", "body": f"depth {levels - 1}", "replies": []}
    for level in range(levels - 2, -1, -1):
        comment["parent"] = f"c{level}"
        comment = {"id": f"c{level}", "body": f"depth {level}", "replies": [comment]}
    return comment


def document(levels: int) -> dict[str, Any]:
    return {
        "version": 1,
        "reviews": [
            {"id": "deep", "title": "Deep", "paragraphs": ["p"], "comments": [chain(levels)]},
            {"id": "other", "title": "Other", "paragraphs": ["q"], "comments": []},
        ],
        "notes": [{"id": "n", "anchor": {"review_id": "other"}, "text": "kept", "created": "x", "updated": "x"}],
    }


@pytest.mark.parametrize("levels", [MAX_DEPTH + 2, 80, 130, 400])
def test_a_thread_nested_too_deep_is_capped_not_refused(tmp_path: Path, levels: int) -> None:
    parsed = parse_text(tmp_path, "old.json", json.dumps(document(levels)))
    deep, other = parsed.reviews
    assert other.id == "other"
    assert parsed.personal is not None and [n.text for n in parsed.personal.notes] == ["kept"]
    walked = list(walk_comments(deep.comments))
    assert [(c.id, c.body) for _, c in walked] == [(f"c{n}", f"depth {n}") for n in range(levels)]
    assert [d for d, _ in walked] == [min(n, MAX_DEPTH) for n in range(levels)]
    assert max_depth(deep) == MAX_DEPTH
    cap_parent = walked[MAX_DEPTH - 1][1]
    assert all(reply.parent == cap_parent.id for reply in cap_parent.replies)  # parents follow the move
    orjson.dumps(deep.to_doc())


def test_a_deep_backup_restores_and_then_round_trips(tmp_path: Path) -> None:
    path = write(tmp_path, "old.json", json.dumps(document(100)))
    store = Store(tmp_path / "lib")
    report = import_paths(store, [path], index=False)
    assert report.failed_files == 0, report.summary_line()
    assert report.comments == 100
    first = b"".join(json_chunks(store))
    again = Store(tmp_path / "again")
    import_paths(again, [write(tmp_path, "first.json", first)], index=False)
    assert b"".join(json_chunks(again)) == first


def test_notes_quotes_and_review_text_come_back_repaired(tmp_path: Path) -> None:
    anchor = {"review_id": "r", "comment_id": "c", "quoted": HOSTILE}
    doc = {
        "version": 1,
        "reviews": [
            {
                "id": "r",
                "title": HOSTILE,
                "subtitle": HOSTILE,
                "author": HOSTILE,
                "url": HOSTILE,
                "source": HOSTILE,
                "paragraphs": [HOSTILE, "plain"],
                "comments": [
                    {
                        "id": "c",
                        "body": HOSTILE,
                        "author": HOSTILE,
                        "date": HOSTILE,
                        "replies": [{"id": "d", "body": HOSTILE, "parent": "c"}],
                    }
                ],
            }
        ],
        "notes": [{"id": "n", "anchor": anchor, "text": HOSTILE, "created": HOSTILE, "updated": HOSTILE}],
        "quotes": [{"id": "q", "anchor": anchor, "text": HOSTILE, "attribution": HOSTILE, "destinations": [HOSTILE]}],
        "bookmarks": [{"id": "b", "review_id": "r", "created": HOSTILE}],
    }
    parsed = parse_text(tmp_path, "leak.json", json.dumps(doc))
    review = parsed.reviews[0]
    assert parsed.personal is not None
    note, quote, bookmark = parsed.personal.notes[0], parsed.personal.quotes[0], parsed.personal.bookmarks[0]
    texts = [
        review.title,
        review.subtitle,
        review.author,
        review.url,
        review.source,
        *review.paragraphs,
        *(text for _, c in walk_comments(review.comments) for text in (c.body, c.author, c.date or "")),
        note.text,
        note.anchor.quoted,
        note.created,
        quote.text,
        quote.attribution,
        quote.anchor.quoted,
        *quote.destinations,
        bookmark.created,
    ]
    for text in texts:
        assert isinstance(text, str)
        assert not CONTROLS & set(text), repr(text)
    assert note.text == repair(HOSTILE)  # the cleaner every importer uses, not a new one
    assert "\x1b]52;" not in note.text and "\x9b" not in note.text
    assert (review.id, note.anchor.comment_id, quote.anchor.review_id) == ("r", "c", "r")  # ids untouched


def test_a_hostile_note_is_stored_repaired(tmp_path: Path) -> None:
    doc = {
        "version": 1,
        "reviews": [{"id": "leak0001", "title": "Leak demo", "paragraphs": ["Body."], "comments": []}],
        "notes": [{"id": "n1", "anchor": {"review_id": "leak0001"}, "text": HOSTILE, "created": None}],
    }
    store = Store(tmp_path / "lib")
    import_paths(store, [write(tmp_path, "leak.json", json.dumps(doc))], index=False)
    (note,) = store.user.snapshot().notes
    assert not CONTROLS & set(note.text)


# What the library may hold: any text without a control character, not only repair()'s output (the
# HTML reader keeps `&nbsp;` as a no-break space; a post may be in NFD). It must come back unchanged.
UNREPAIRED = "\u00a0\u2009\u202f\u2003e\u0301 \n\t"  # odd spaces and a decomposed é: what repair() would change
uncontrolled = st.characters(exclude_categories=["Cs"], exclude_characters="".join(CONTROLS))
clean_text = st.text(st.one_of(uncontrolled, st.sampled_from(UNREPAIRED)), max_size=40)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(clean_text, clean_text, clean_text), min_size=1, max_size=6), clean_text)
def test_clean_text_reads_back_exactly(texts: list[tuple[str, str, str]], note: str) -> None:
    comments: list[dict[str, Any]] = []
    parent: dict[str, Any] | None = None
    for index, (body, author, _) in enumerate(texts):
        comment: dict[str, Any] = {"id": f"c{index}", "author": author, "body": body, "replies": []}
        if parent is None:
            comments.append(comment)
        else:
            comment["parent"] = parent["id"]
            parent["replies"].append(comment)
        parent = comment
    review = {"id": "r", "title": texts[0][2], "paragraphs": [t[2] for t in texts], "comments": comments}
    doc: dict[str, Any] = {
        "version": 1,
        "reviews": [review],
        "notes": [
            {
                "id": "n",
                "anchor": {"review_id": "r", "comment_id": None, "paragraph": 0, "offset": 1, "quoted": note},
                "text": note,
                "created": "",
                "updated": "",
            }
        ],
    }
    parsed = OwnJSONImporter().parse(json.dumps(doc), Path("x.json"))
    read = parsed.reviews[0].to_doc()
    assert read["paragraphs"] == review["paragraphs"]
    assert read["title"] == review["title"]
    assert read["comments"] == comments
    assert parsed.personal is not None
    assert parsed.personal.notes[0].to_doc() == {**doc["notes"][0], "detached": False}


@settings(max_examples=80, deadline=None)
@given(st.text(st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(UNREPAIRED)), max_size=40))
def test_any_text_reads_back_as_written_unless_it_holds_a_control(text: str) -> None:
    doc = {
        "version": 1,
        "reviews": [{"id": "r", "title": text, "paragraphs": [text], "comments": [{"id": "c", "body": text}]}],
        "quotes": [{"id": "q", "anchor": {"review_id": "r"}, "text": text, "attribution": text, "destinations": []}],
    }
    parsed = OwnJSONImporter().parse(json.dumps(doc), Path("x.json"))
    review = parsed.reviews[0]
    assert parsed.personal is not None
    quote = parsed.personal.quotes[0]
    expected = repair(text) if CONTROLS & set(text) else text
    assert {review.title, review.paragraphs[0], review.comments[0].body, quote.text, quote.attribution} == {expected}
    again = OwnJSONImporter().parse(json.dumps({**doc, "reviews": [review.to_doc()]}), Path("x.json"))
    assert again.reviews[0] == review  # read back again: the same


def test_null_dates_of_personal_records_are_read_as_empty_not_as_none(tmp_path: Path) -> None:
    doc = {
        "version": 1,
        "reviews": [],
        "notes": [{"id": "n", "anchor": {"review_id": "r"}, "text": "t", "created": None, "updated": None}],
        "quotes": [{"id": "q", "anchor": {"review_id": "r"}, "text": "t", "created": None, "attribution": None}],
        "bookmarks": [{"id": "b", "review_id": "r", "created": None}],
    }
    personal = parse_text(tmp_path, "nulls.json", json.dumps(doc), "tui-reader").personal
    assert personal is not None
    note, quote, bookmark = personal.notes[0], personal.quotes[0], personal.bookmarks[0]
    assert (note.created, note.updated, quote.created, quote.attribution, bookmark.created) == ("", "", "", "", "")
