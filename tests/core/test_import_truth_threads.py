"""Threads spread over files (#16 item 4): Reddit comment dumps and Staticman comment folders.

Every file here is written by the test. A thread is one review however many files hold
its comments; each comment once; nesting by the records' own parent ids.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import shape
from tui_reader.cli import main
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Comment, Review, walk_comments
from tui_reader.core.importers import InputError, parse_file
from tui_reader.core.pipeline import parse_pool


def comment(cid: str, parent: str, link: str = "p1", body: str | None = None, **extra: Any) -> dict[str, Any]:
    """A Reddit comment object as the API and Pushshift write it (`parent` with its t1_/t3_ prefix)."""
    record: dict[str, Any] = {
        "name": f"t1_{cid}",
        "id": cid,
        "parent_id": parent,
        "link_id": f"t3_{link}",
        "author": f"user_{cid}",
        "body": f"comment {cid}" if body is None else body,
        "created_utc": 1612345678,
        "ups": 3,
        "score": 3,
        "subreddit": "books",
        "permalink": f"/r/books/comments/{link}/x/{cid}/",
    }
    record.update(extra)
    return record


def submission(link: str = "p1", **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "name": f"t3_{link}",
        "id": link,
        "title": "What are you reading?",
        "selftext": "Tell us &amp; be kind.",
        "url": f"https://www.reddit.com/r/books/comments/{link}/what/",
        "permalink": f"/r/books/comments/{link}/what/",
        "author": "op",
        "created_utc": 1612340000,
        "score": 42,
        "num_comments": 3,
        "subreddit": "books",
    }
    record.update(extra)
    return record


def jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def exported(capsys: pytest.CaptureFixture[str], data: Path) -> tuple[dict[str, Any], str]:
    code, out, _ = run(capsys, "--data-dir", str(data), "export", "--format", "json")
    assert code == 0
    return orjson.loads(out), out


def doc_shape(comments: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """(depth, author) in reading order, from the export's nested comments."""
    out: list[tuple[int, str]] = []
    stack = [(c, 0) for c in reversed(comments)]
    while stack:
        item, depth = stack.pop()
        out.append((depth, item["author"]))
        stack += [(reply, depth + 1) for reply in reversed(item["replies"])]
    return out


@pytest.fixture(params=["one process", "worker pool"])
def pool_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Imports parsed here, or by worker processes one file a batch (the main process merges)."""
    if request.param == "worker pool":
        monkeypatch.setattr(parse_pool, "MIN_BYTES", 0)
        monkeypatch.setattr(parse_pool, "BATCH_BYTES", 1)
    return str(request.param)


# Reddit dumps


def test_a_chain_across_three_files_is_one_thread_nested_by_parent_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pool_mode: str
) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    jsonl(folder / "a.jsonl", [comment("c1", "t3_p1"), comment("c2", "t1_c1"), comment("c4", "t3_p1")])
    # b replies to a comment in a, and repeats one of a's comments (overlapping dumps)
    jsonl(folder / "b.jsonl", [comment("c3", "t1_c2"), comment("c1", "t3_p1"), comment("c5", "t1_c4")])
    (folder / "c.json").write_text(json.dumps([submission()]), encoding="utf-8")
    data = tmp_path / "d"
    code, out, _ = run(capsys, "--data-dir", str(data), "import", str(folder))
    assert code == 0
    assert "1 new" in out and "5 comments" in out and "(duplicate comments: 1)" in out
    document, _ = exported(capsys, data)
    [review] = document["reviews"]
    assert review["id"] == stable_id("reddit", "p1")
    assert review["title"] == "What are you reading?"
    assert review["paragraphs"] == ["Tell us & be kind."]
    assert review["author"] == "op" and review["votes"] == 42
    assert review["url"] == "https://www.reddit.com/r/books/comments/p1/what/"
    assert review["date"] == "2021-02-03T08:13:20Z"
    assert doc_shape(review["comments"]) == [
        (0, "user_c1"),
        (1, "user_c2"),
        (2, "user_c3"),
        (0, "user_c4"),
        (1, "user_c5"),
    ]


def test_without_the_submission_the_thread_is_a_placeholder_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = jsonl(tmp_path / "a.jsonl", [comment("c1", "t3_zz9", link="zz9"), comment("c2", "t1_c1", link="zz9")])
    data = tmp_path / "d"
    run(capsys, "--data-dir", str(data), "import", str(a))
    document, _ = exported(capsys, data)
    [review] = document["reviews"]
    assert review["title"] == "r/books thread zz9"
    assert len(review["paragraphs"]) == 1 and "not in the imported files" in review["paragraphs"][0]
    assert review["url"] == "https://www.reddit.com/r/books/comments/zz9/"
    assert doc_shape(review["comments"]) == [(0, "user_c1"), (1, "user_c2")]


def test_a_later_dump_with_the_submission_updates_the_same_thread_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d"
    first = jsonl(tmp_path / "first.jsonl", [comment("c1", "t3_p1"), comment("c2", "t1_c1")])
    run(capsys, "--data-dir", str(data), "import", str(first))
    before, _ = exported(capsys, data)
    later = jsonl(tmp_path / "later.jsonl", [submission(), comment("c1", "t3_p1"), comment("c2", "t1_c1")])
    code, out, _ = run(capsys, "--data-dir", str(data), "import", str(later))
    assert code == 0 and "0 new, 1 updated" in out
    after, _ = exported(capsys, data)
    assert [r["id"] for r in after["reviews"]] == [r["id"] for r in before["reviews"]]
    assert after["reviews"][0]["title"] == "What are you reading?"
    ids = [c["id"] for c in before["reviews"][0]["comments"]]
    assert [c["id"] for c in after["reviews"][0]["comments"]] == ids


def test_epochs_as_floats_and_strings_become_iso_dates(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "d.jsonl",
        [
            submission(created_utc=1612340000.0),
            comment("c1", "t3_p1", created_utc=1612345678.75),
            comment("c2", "t3_p1", created_utc="1612345679.0"),
            comment("c3", "t3_p1", created_utc="1612345680"),
        ],
    )
    [review] = parse_file(path).reviews
    assert review.date == "2021-02-03T08:13:20Z"
    assert [c.date for c in review.comments] == ["2021-02-03T09:47:58Z", "2021-02-03T09:47:59Z", "2021-02-03T09:48:00Z"]


def test_the_author_is_author_or_author_name_never_name(tmp_path: Path) -> None:
    bare = comment("c2", "t3_p1")
    del bare["author"]
    path = jsonl(
        tmp_path / "d.jsonl",
        [comment("c1", "t3_p1"), {**bare, "author_name": "carol"}, {**comment("c3", "t3_p1"), "author": None}],
    )
    [review] = parse_file(path).reviews
    assert [c.author for c in review.comments] == ["user_c1", "carol", ""]
    assert not any(c.author.startswith("t1_") for _, c in walk_comments(review.comments))


def test_a_first_record_longer_than_4096_characters_is_still_a_dump(tmp_path: Path) -> None:
    long_body = "A long first comment. " * 400  # ~8.8 KB before any Reddit key
    first = {"body": long_body.strip(), **comment("c1", "t3_p1")}
    first["body"] = long_body.strip()
    text = json.dumps(first) + "\n" + json.dumps(comment("c2", "t1_c1")) + "\n"
    assert text.index('"parent_id"') > 4096
    path = tmp_path / "RC_2021-02.jsonl"
    path.write_text(text, encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.format == "reddit"
    [review] = parsed.reviews
    assert review.comments[0].body == long_body.strip()
    assert shape(review.comments) == [(0, "user_c1"), (1, "user_c2")]


def test_deleted_and_removed_comments_are_left_out_and_their_replies_kept(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "d.jsonl",
        [
            comment("c1", "t3_p1"),
            comment("c2", "t1_c1", body="[deleted]", author="[deleted]"),
            comment("c3", "t1_c2"),
            comment("c4", "t3_p1", body="[removed]"),
            comment("c5", "t1_c4"),
        ],
    )
    parsed = parse_file(path)
    [review] = parsed.reviews
    assert shape(review.comments) == [(0, "user_c1"), (1, "user_c3"), (0, "user_c5")]
    assert any("deleted" in s.reason and s.count == 2 for s in parsed.skipped)


def test_wrapped_things_in_a_json_array_are_read_too(tmp_path: Path) -> None:
    things = [{"kind": "t3", "data": submission()}, {"kind": "t1", "data": comment("c1", "t3_p1")}]
    path = tmp_path / "things.json"
    path.write_text(json.dumps(things), encoding="utf-8")
    [review] = parse_file(path).reviews
    assert review.title == "What are you reading?" and shape(review.comments) == [(0, "user_c1")]


def _records(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 25))
    ids = [f"c{n}" for n in range(count)]
    records = []
    for cid in ids:
        parent = draw(st.one_of(st.just("t3_p1"), st.sampled_from([f"t1_{other}" for other in ids])))
        body = draw(st.sampled_from(["text", "text", "text", "[deleted]", "[removed]", "x" * 5000]))
        created = draw(st.one_of(st.integers(0, 2_000_000_000), st.floats(0, 2e9), st.just("1612345678.5")))
        records.append(comment(cid, parent, body=f"{body} {cid}" if body in ("text",) else body, created_utc=created))
    duplicates = draw(st.lists(st.sampled_from(records), max_size=5))
    return [*records, *duplicates]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.composite(_records)(), files=st.integers(1, 4), shuffle=st.randoms(use_true_random=False))
def test_any_comment_records_import_every_kept_comment_exactly_once(
    tmp_path_factory: pytest.TempPathFactory, records: list[dict[str, Any]], files: int, shuffle: Any
) -> None:
    folder = tmp_path_factory.mktemp("dump")
    shuffle.shuffle(records)
    paths = [jsonl(folder / f"{n}.jsonl", records[n::files]) for n in range(files) if records[n::files]]
    batches = list(parse_pool.parse_batches(paths, None, None, with_postings=False))
    reviews: list[Review] = [review for batch in batches for review in batch.reviews]
    kept = {r["id"] for r in records if not r["body"].startswith("[")}
    if not kept:
        assert all(not review.comments for review in reviews)
        return
    [review] = reviews
    review_id = stable_id("reddit", "p1")
    seen: list[Comment] = [c for _, c in walk_comments(review.comments)]
    assert sorted(c.id for c in seen) == sorted(stable_id(review_id, cid) for cid in kept)
    assert len({c.id for c in seen}) == len(seen)
    # each reply sits under its parent, or its nearest kept ancestor; top level when none
    parent_of = {r["id"]: r["parent_id"] for r in records}
    by_id = {stable_id(review_id, cid): cid for cid in kept}
    for depth, item in walk_comments(review.comments):
        if item.parent is None or depth >= 64:
            continue
        climb = parent_of[by_id[item.id]]
        steps = 0
        while climb.startswith("t1_") and climb[3:] not in kept and steps < len(records):
            climb, steps = parent_of[climb[3:]], steps + 1
        assert climb == f"t1_{by_id[item.parent]}"


# Staticman

_HASHES = [f"{n}d41402abc4b2a76b9719d911017c59" for n in range(5)]


def _yml(path: Path, **fields: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key}: {json.dumps(value) if isinstance(value, str) else value}" for key, value in fields.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_blog(root: Path) -> Path:
    """Two posts, five comments, nested replies; YAML, YAML with ISO dates, and JSON."""
    comments = root / "blog" / "_data" / "comments"
    first, second = comments / "my-first-post", comments / "2019-05-01-second_post"
    post = {"_parent": "https://example.org/blog/my-first-post/"}
    alice = {"_id": "a1", **post, "replying_to": "", "message": "Great post!\n\nTwo paragraphs.", "name": "Alice"}
    _yml(first / "entry1515583742000.yml", **alice, email=_HASHES[0], url="https://alice.example", date=1515583742)
    bob = {"_id": "a2", **post, "replying_to": "a1", "message": "Thanks, Alice.", "name": "bob@example.com"}
    _yml(first / "entry1515670000000.yml", **bob, email=_HASHES[1], date="2018-01-11T10:00:00Z")
    carol = {"_id": "a3", **post, "replying_to_uid": "a2", "message": "A reply to Bob.", "name": "Carol"}
    _yml(first / "0-first-by-name-last-by-date.yaml", **carol, email=_HASHES[2], date=1515700000)
    dan = {"_id": "s1", "_parent": "2019-05-01-second_post", "message": "On post two", "name": "Dan"}
    _yml(second / "s1.yml", **dan, email=_HASHES[3], date="2019-05-02 10:00:00")
    eve: dict[str, Any] = {
        "_id": "s2",
        "_parent": "2019-05-01-second_post",
        "replying_to": "s1",
        "message": "A JSON reply",
    }
    eve |= {"name": "Eve", "email": _HASHES[4], "date": 1556800000}
    (second / "s2.json").write_text(json.dumps(eve), encoding="utf-8")
    return comments


def test_a_staticman_folder_is_one_thread_per_post_and_no_email_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pool_mode: str
) -> None:
    comments = write_blog(tmp_path)
    data = tmp_path / "d"
    code, out, _ = run(capsys, "--data-dir", str(data), "import", str(comments))
    assert code == 0 and "2 new" in out and "5 comments" in out and "5 files" in out
    document, text = exported(capsys, data)
    by_title = {r["title"]: r for r in document["reviews"]}
    assert set(by_title) == {"My first post", "Second post"}
    first = by_title["My first post"]
    assert first["url"] == "https://example.org/blog/my-first-post/"
    assert doc_shape(first["comments"]) == [(0, "Alice"), (1, ""), (2, "Carol")]  # an email is no name
    assert first["comments"][0]["body"] == "Great post!\n\nTwo paragraphs."
    assert first["comments"][0]["date"] == "2018-01-10T11:29:02Z"
    assert doc_shape(by_title["Second post"]["comments"]) == [(0, "Dan"), (1, "Eve")]
    for secret in [*_HASHES, "bob@example.com", "email", "alice.example"]:
        assert secret not in text
    for stored in data.rglob("*"):
        if stored.is_file():
            raw = stored.read_bytes()
            assert not any(secret.encode() in raw for secret in [*_HASHES, "bob@example.com"]), stored


def test_one_staticman_file_alone_is_its_post_with_one_comment(tmp_path: Path) -> None:
    path = write_blog(tmp_path) / "2019-05-01-second_post" / "s2.json"
    [review] = parse_file(path).reviews
    assert review.title == "Second post" and review.format == "staticman"
    assert shape(review.comments) == [(0, "Eve")]  # its parent is not in this file: top level


def test_yaml_that_is_not_a_staticman_comment_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "_config.yml"
    config.write_text("title: My blog\nbaseurl: /blog\nplugins:\n  - jekyll-feed\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_file(config)
    assert str(caught.value) == f"{config}: YAML without review or comment text"
    data = tmp_path / "d"
    code, out, err = run(capsys, "--data-dir", str(data), "import", str(config))
    assert code == 1 and "0 new" in out
    assert f"{config}: YAML without review or comment text" in err
    _, text = exported(capsys, data)
    assert "jekyll-feed" not in text and str(config) not in text  # (the seeds come in on a first run)


def test_text_that_only_looks_like_yaml_stays_text(tmp_path: Path) -> None:
    review = tmp_path / "review.txt"
    review.write_text("Pros: the acting\nCons: too long\n", encoding="utf-8")
    assert parse_file(review).format == "text"
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: A post\n---\n\nThe post's own text.\n", encoding="utf-8")
    assert parse_file(post).format == "text"


def test_hostile_yaml_is_refused_not_run(tmp_path: Path) -> None:
    path = tmp_path / "evil.yml"
    path.write_text("_id: x\nmessage: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        parse_file(path)
    huge = tmp_path / "huge.yml"
    huge.write_text("_id: x\nmessage: " + "a" * 1_100_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="too long"):
        parse_file(huge)


def test_a_zip_of_a_staticman_folder_and_reddit_dumps_merges_threads_across_members(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pool_mode: str
) -> None:
    import zipfile

    comments = write_blog(tmp_path)
    (tmp_path / "dumps").mkdir()
    jsonl(tmp_path / "dumps" / "a.jsonl", [comment("c1", "t3_p1"), comment("c2", "t1_c1")])
    jsonl(tmp_path / "dumps" / "b.jsonl", [comment("c3", "t1_c2"), submission()])
    archive = tmp_path / "all.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in [*sorted(comments.rglob("*")), *sorted((tmp_path / "dumps").iterdir())]:
            if path.is_file():
                out.write(path, path.relative_to(tmp_path))
        out.writestr("notes.txt", "A plain review\n\nIts body.")  # another format beside them stays
    data = tmp_path / "d"
    code, out_line, _ = run(capsys, "--data-dir", str(data), "import", str(archive))
    assert code == 0 and "4 new" in out_line and "8 comments" in out_line
    document, _ = exported(capsys, data)
    counts = {r["title"]: len(doc_shape(r["comments"])) for r in document["reviews"]}
    assert counts == {"My first post": 3, "Second post": 2, "What are you reading?": 3, "A plain review": 0}
    assert len({r["id"] for r in document["reviews"]}) == 4


def test_a_later_dump_of_replies_only_adds_them_to_the_stored_thread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pool_mode: str
) -> None:
    """Review finding: importing a dump that holds only new replies replaced the stored thread
    (its post became the placeholder, earlier comments were lost)."""
    first = tmp_path / "first"
    first.mkdir()
    jsonl(first / "RS.jsonl", [submission()])
    jsonl(first / "RC1.jsonl", [comment("c1", "t3_p1")])
    data = tmp_path / "d"
    run(capsys, "--data-dir", str(data), "import", str(first))
    later = tmp_path / "later"
    later.mkdir()
    jsonl(later / "RC2.jsonl", [comment("c2", "t1_c1"), comment("c1", "t3_p1", body="comment c1, edited")])
    code, out, _ = run(capsys, "--data-dir", str(data), "import", str(later))
    assert code == 0 and "1 updated" in out
    document, _ = exported(capsys, data)
    (thread,) = document["reviews"]
    assert thread["title"] == "What are you reading?"  # the post, not the placeholder
    assert doc_shape(thread["comments"]) == [(0, "user_c1"), (1, "user_c2")]
    assert thread["comments"][0]["body"] == "comment c1, edited"  # the newer text wins
    code, out, _ = run(capsys, "--data-dir", str(data), "import", str(later))
    assert "1 unchanged" in out  # merging again changes nothing


def test_a_post_reddit_marks_a_spoiler_is_one_here_in_a_dump_and_a_thread(tmp_path: Path) -> None:
    """Pushshift's `"spoiler": true` (Reddit blurs the post) was read as an open post."""
    from tui_reader.core.importers import parse_file

    dumped = jsonl(tmp_path / "submissions.jsonl", [submission(spoiler=True), comment("c1", "t3_p1")])
    (review,) = parse_file(dumped).reviews
    assert review.spoiler
    listing = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": submission(spoiler=True)}]}}
    thread = tmp_path / "thread.json"
    thread.write_text(json.dumps([listing, {"kind": "Listing", "data": {"children": []}}]), encoding="utf-8")
    (review,) = parse_file(thread).reviews
    assert review.spoiler
    jsonl(tmp_path / "submissions.jsonl", [submission(), comment("c1", "t3_p1")])
    assert not parse_file(dumped).reviews[0].spoiler
