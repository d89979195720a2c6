"""Hacker News: saved Firebase threads checked against the raw items, and Algolia trees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.core.formats_support import parse_text, shape
from tui_reader.core.content.ids import stable_id
from tui_reader.core.importers import parse_file


@pytest.mark.corpora
@pytest.mark.parametrize("name", ["hn_comments_202407.json", "202408_raw.json"])
def test_saved_threads_match_the_raw_items(corpora: Path, name: str) -> None:
    path = corpora / "hackernews" / name
    data = json.loads(path.read_text(encoding="utf-8"))
    items = {item["id"]: item for item in data["comments"]}
    alive = {i for i, item in items.items() if not item.get("deleted") and not item.get("dead")}

    def walk(kids: list[int], depth: int) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for kid in kids:
            if kid not in items:
                continue
            if kid in alive:
                out.append((depth, items[kid]["by"]))
                out += walk(items[kid].get("kids", []), depth + 1)
            else:  # a gone item's replies take its place
                out += walk(items[kid].get("kids", []), depth)
        return out

    parsed = parse_file(path)
    (review,) = parsed.reviews
    assert parsed.format == "hackernews"
    assert review.title == data["post"]["title"]
    assert shape(review.comments) == walk(data["post"]["kids"], 0)
    assert review.comment_count == len(alive)
    bodies = " ".join(comment.body for comment in review.comments)
    assert "<p>" not in bodies and "&#x2F;" not in bodies and "&quot;" not in bodies
    assert review.votes == data["post"]["score"]  # the story's points, as the saved page's import has them


def item(iid: int, parent: int, kids: list[int] | None = None, **extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": iid, "parent": parent, "by": f"u{iid}", "time": 1720000000, "type": "comment"}
    doc["text"] = f'Text {iid} &amp; <a href="https:&#x2F;&#x2F;x.example&#x2F;" rel="nofollow">site</a><p>two'
    if kids:
        doc["kids"] = kids
    return doc | extra


def test_firebase_order_dead_deleted_and_missing_kids(tmp_path: Path) -> None:
    post = {"id": 1, "by": "op", "title": "Ask HN", "kids": [3, 2, 99], "type": "story", "time": 1720000000}
    comments = [
        item(2, 1, [4]),
        item(3, 1, [5, 6], dead=True),  # dead with replies: a placeholder keeps them under it, as HN does
        item(4, 2),
        item(5, 3),
        {"id": 6, "parent": 3, "deleted": True, "time": 1},  # deleted without replies: left out
        item(7, 42),  # parent not in the file: top level, after the ranked ones
    ]
    parsed = parse_text(tmp_path, "hn.txt", json.dumps({"post": post, "comments": comments}))
    (review,) = parsed.reviews
    assert shape(review.comments) == [(0, ""), (1, "u5"), (0, "u2"), (1, "u4"), (0, "u7")]
    dead = review.comments[0]
    assert (dead.body, dead.gone, dead.gone_said) == ("", "removed", "removed by the site")  # its text is not shown
    assert parsed.gone == {dead.id: "removed", stable_id(review.id, "6"): "deleted"}
    assert review.comments[1].body == "Text 2 & [site](https://x.example/)\n\ntwo"
    reasons = " ".join(s.label for s in parsed.skipped)
    assert "dead items skipped (1)" in reasons and "deleted items skipped (1)" in reasons
    assert "not in the file (1)" in reasons


def test_algolia_nested_children_with_depth_fourteen(tmp_path: Path) -> None:
    node: dict[str, Any] = {"id": 100, "author": "leaf", "text": "<p>leaf", "children": [], "created_at_i": 1}
    for level in range(13, -1, -1):
        node = {"id": 10 + level, "author": f"a{level}", "text": f"level {level}", "children": [node],
                "created_at": "2024-07-01T00:00:00.000Z"}  # fmt: skip
    deleted = {"id": 8, "author": None, "text": None, "children": []}  # how Algolia shows a deleted item
    story = {"id": 9, "title": "Show HN", "author": "op", "story_id": 9, "children": [node, deleted]}
    story |= {"created_at": "2024-07-01T00:00:00.000Z", "url": "https://x.example"}
    parsed = parse_text(tmp_path, "algolia.json", json.dumps(story))
    (review,) = parsed.reviews
    depths = [depth for depth, _ in shape(review.comments)]
    assert depths == list(range(15))
    assert "deleted items skipped (1)" in {s.label for s in parsed.skipped}
    assert review.paragraphs == ("https://x.example",)
    assert review.date == "2024-07-01T00:00:00Z"


def test_a_saved_threads_comments_without_type_or_parent_are_the_posts(tmp_path: Path) -> None:
    """`{"post": …, "comments": [{id, by, text}]}` (no type, no parent) made each comment a story:
    the post lost its comments and the notes on them."""
    saved = {
        "post": {"id": 100, "title": "Ask HN: something", "by": "pg", "time": 1700000000, "text": "What?"},
        "comments": [{"id": 101, "by": "a", "text": "First"}, {"id": 102, "by": "b", "text": "Second"}],
    }
    (review,) = parse_text(tmp_path, "saved.json", json.dumps(saved)).reviews
    assert review.title == "Ask HN: something"
    assert shape(review.comments) == [(0, "a"), (0, "b")]


def test_a_polls_option_listed_twice_is_listed_once(tmp_path: Path) -> None:
    items = [
        {"id": 5, "type": "poll", "title": "P", "by": "x", "parts": [6, 6, 7]},
        {"id": 6, "type": "pollopt", "poll": 5, "text": "Yes", "score": 3},
        {"id": 7, "type": "pollopt", "poll": 5, "text": "No", "score": 1},
    ]
    (review,) = parse_text(tmp_path, "poll.json", json.dumps(items), "hackernews").reviews
    assert review.paragraphs[-1] == "- Yes (3 points)\n- No (1 points)"


def test_json_lines_that_are_not_items_are_counted(tmp_path: Path) -> None:
    """A line of JSON that is no object (`[1,2]`, `"str"`) was dropped without a word."""
    lines = [
        '{"id":1,"type":"story","title":"S1","by":"x","time":1700000000,"kids":[2]}',
        '{"id":2,"type":"comment","parent":1,"by":"y","text":"hi"}',
        "[1,2]",
        '"str"',
        '{"type":"story","title":"no id"}',
    ]
    parsed = parse_text(tmp_path, "dump.jsonl", "\n".join(lines), "hackernews")
    assert [r.title for r in parsed.reviews] == ["S1"]
    counted = {s.reason: s.count for s in parsed.skipped}
    assert counted["items that are not JSON objects"] == 2
    assert counted["items without an id"] == 1


def test_one_item_as_the_api_serves_it_is_a_story(tmp_path: Path) -> None:
    """`/v0/item/<id>.json` is one object, no list around it: the story, its replies said missing."""
    story = {"by": "dhouston", "descendants": 71, "id": 8863, "kids": [9224, 8917], "score": 104, "time": 1175714200,
             "title": "My YC app: Dropbox", "type": "story", "url": "http://www.getdropbox.com/"}  # fmt: skip
    parsed = parse_text(tmp_path, "8863.json", json.dumps(story))
    (review,) = parsed.reviews
    assert (review.title, review.author, review.votes) == ("My YC app: Dropbox", "dhouston", 104)
    assert review.paragraphs == ("http://www.getdropbox.com/",)
    assert [(s.reason, s.count) for s in parsed.skipped] == [("replies listed in kids but not in the file", 2)]
