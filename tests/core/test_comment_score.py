"""A comment's score (Reddit's points) from the file to the store, the JSON output and back.

HN (the API gives comments no score), WordPress and Disqus exports (no likes in the XML)
have none: their comments keep None, and a library stored before scores reads the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.core.formats_support import parse_text
from tests.core.test_formats_reddit import api, t1
from tests.core.test_import_truth_threads import comment, jsonl, run, submission
from tui_reader.core.content.models import Comment, Review, walk_comments
from tui_reader.core.store import Store


def scored(cid: str, score: Any, body: str = "x") -> dict[str, Any]:
    thing = t1(cid, body)
    thing["data"]["score"] = score
    return thing


def test_an_api_listing_keeps_each_comments_score(tmp_path: Path) -> None:
    listing = api([scored("a", 17), scored("b", -4), t1("c", "no score field"), scored("d", "12")])
    (review,) = parse_text(tmp_path, "thread.json", listing).reviews
    assert [c.score for c in review.comments] == [17, -4, None, 12]


def test_the_scrape_has_no_scores(corpora: Path) -> None:
    from tui_reader.core.importers import parse_file

    parsed = parse_file(corpora / "reddit" / "reddit_comments_past.json")
    assert all(c.score is None for r in parsed.reviews for _, c in walk_comments(r.comments))


def test_a_dump_s_scores_reach_the_store_the_json_output_and_a_reimport(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = jsonl(
        tmp_path / "dump.jsonl",
        [submission(), comment("c1", "t3_p1", score=25), comment("c2", "t1_c1", score=-2), comment("c3", "t3_p1")],
    )
    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "import", str(dump))[0] == 0
    stored = _only(data)
    assert {c.author: c.score for _, c in walk_comments(stored.comments)} == {
        "user_c1": 25,
        "user_c2": -2,
        "user_c3": 3,  # the helper's default
    }
    code, out, _ = run(capsys, "--data-dir", str(data), "export", "--format", "json")
    assert code == 0
    (doc,) = orjson.loads(out)["reviews"]
    assert doc["comments"][0]["score"] == 25 and doc["comments"][0]["replies"][0]["score"] == -2
    code, out, _ = run(capsys, "--data-dir", str(data), "show", stored.id, "--json")
    assert code == 0 and json.loads(out)["comments"][0]["score"] == 25
    # Our own export read back keeps them.
    exported = tmp_path / "library.json"
    exported.write_text(json.dumps(orjson.loads(run(capsys, "--data-dir", str(data), "export")[1])))
    again = tmp_path / "again"
    assert run(capsys, "--data-dir", str(again), "import", str(exported))[0] == 0
    assert [c.score for _, c in walk_comments(_only(again).comments)] == [25, -2, 3]


def _only(data: Path) -> Review:
    (review,) = Store(data).library.iter_reviews()
    return review


def test_a_comment_stored_before_scores_reads_as_it_did() -> None:
    old = {"id": "c1", "author": "a", "body": "b", "date": "2020-01-01", "replies": []}
    read = Comment.from_doc(old)
    assert read.score is None
    assert read.to_doc() == old  # no `score` key: the stored digest of an unchanged review is unchanged
    assert Comment.from_doc({**old, "score": 7}).to_doc()["score"] == 7
    assert Comment.from_doc({**old, "score": "7"}).score is None  # a hand-edited string is not a score
    assert Comment.from_doc({**old, "score": True}).score is None
