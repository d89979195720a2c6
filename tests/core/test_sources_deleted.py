"""A comment deleted upstream keeps its place, its replies and its text, marked: one merge rule for every source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.core.sources_support import (
    HN,
    STORY_ID,
    Site,
    hn_comment,
    hn_story,
    json_reply,
    reddit_api,
    reddit_comment,
    reddit_thread,
    serve_hn_thread,
)
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Comment, Review, walk_comments
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.importers import parse_file
from tui_reader.core.importers.thread_merge import with_stored
from tui_reader.core.personal.export import review_to_export
from tui_reader.core.sources.fetch import Fetcher
from tui_reader.core.sources.record import SourceBook
from tui_reader.core.sources.refresh import follow, refresh
from tui_reader.core.store import Store

THREAD = reddit_api("1abc23")  # a thread of its own
POST = stable_id("reddit", "1abc23")


def deleted(comment: dict[str, Any], said: str = "[deleted]") -> dict[str, Any]:
    """The comment as Reddit sends it once deleted (`[deleted]`) or removed (`[removed]`): replies kept."""
    return {**comment, "data": {**comment["data"], "body": said, "author": "[deleted]"}}


def thread_of(store: Store, review_id: str = POST) -> list[tuple[int, str, str, str]]:
    review = store.library.get(review_id)
    assert review is not None
    return [(depth, c.author, c.body, c.gone_said) for depth, c in walk_comments(review.comments)]


def test_a_reddit_comment_deleted_upstream_keeps_its_place_its_replies_and_its_text(site: Site, store: Store) -> None:
    """u2 turned `[deleted]`: it kept its old text unmarked and its reply u3 fell to the top level."""
    u3 = reddit_comment("c3", "Arcade Fire!")
    u2 = reddit_comment("c2", "The score is **great**.", [u3])
    site.routes[THREAD] = json_reply(reddit_thread("1abc23", [reddit_comment("c1", "Loved it."), u2]))
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "r/movies/comments/1abc23", fetcher)
        review = store.library.get(POST)
        assert review is not None
        two, three = review.comments[1], review.comments[1].replies[0]
        store.user.add_note(Anchor(POST, comment_id=three.id, offset=0, quoted="Arcade"), "on u3")
        store.user.add_note(Anchor(POST, comment_id=two.id, offset=4, quoted="score"), "on u2")
        store.user.toggle_bookmark(POST, three.id)
        edited = reddit_comment("c1", "Loved it. EDIT: rewatched.")
        site.routes[THREAD] = json_reply(reddit_thread("1abc23", [edited, deleted(u2), reddit_comment("c4", "New")]))
        [outcome] = refresh(store, fetcher)
    assert outcome.line == "r/movies/comments/1abc23: 0 new reviews, 1 updated, 1 new comment"
    assert thread_of(store) == [
        (0, "u_c1", "Loved it. EDIT: rewatched.", ""),
        (0, "u_c2", "The score is **great**.", "deleted on the site, kept here"),
        (1, "u_c3", "Arcade Fire!", ""),
        (0, "u_c4", "New", ""),
    ]
    snapshot = store.user.snapshot()
    assert [note.text for note in snapshot.notes if not note.detached] == ["on u3", "on u2"]
    assert snapshot.bookmarked_comments == {three.id}
    exported = review_to_export(store.library.get(POST))  # type: ignore[arg-type]
    assert exported["comments"][1]["gone"] == "deleted" and exported["comments"][1]["replies"][0]["id"] == three.id


def test_a_deleted_comment_without_replies_is_marked_even_where_reddit_lists_more_comments(
    site: Site, store: Store
) -> None:
    """Left out of the answer, it was kept as it was, unmarked; Reddit says `[removed]` of it."""
    more = {"kind": "more", "data": {"count": 40, "children": ["x1"], "id": "x1"}}
    first = reddit_comment("c1", "Spoilers ahead")
    site.routes[THREAD] = json_reply(reddit_thread("1abc23", [first, reddit_comment("c2", "Fine"), more]))
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "r/movies/comments/1abc23", fetcher)
        site.routes[THREAD] = json_reply(reddit_thread("1abc23", [deleted(first, "[removed]"), more]))
        refresh(store, fetcher)
    assert thread_of(store) == [
        (0, "u_c1", "Spoilers ahead", "removed by the site, kept here"),
        (0, "u_c2", "Fine", ""),  # not in this answer: behind the "more", still there
    ]


def test_a_comment_missing_from_a_whole_thread_is_no_longer_on_the_site(site: Site, store: Store) -> None:
    site.routes[THREAD] = json_reply(
        reddit_thread("1abc23", [reddit_comment("c1", "One"), reddit_comment("c2", "Two")])
    )
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "r/movies/comments/1abc23", fetcher)
        site.routes[THREAD] = json_reply(reddit_thread("1abc23", [reddit_comment("c2", "Two")]))  # no "more": whole
        refresh(store, fetcher)
    assert thread_of(store) == [(0, "u_c1", "One", "no longer on the site, kept here"), (0, "u_c2", "Two", "")]


def test_hn_a_comment_killed_then_vouched_is_shown_again_and_a_placeholder_is_not_new(site: Site, store: Store) -> None:
    review_id = stable_id("hackernews", str(STORY_ID))
    serve_hn_thread(site, [hn_story([101], 1), hn_comment(101, STORY_ID, "Hot take")])
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, f"hn:{STORY_ID}", fetcher)
        serve_hn_thread(site, [hn_story([101, 102], 1), {**hn_comment(101, STORY_ID, "Hot take"), "dead": True}])
        site.routes[f"{HN}/item/102.json"] = json_reply(
            {"id": 102, "deleted": True, "parent": STORY_ID, "kids": [103], "time": 1, "type": "comment"}
        )
        site.routes[f"{HN}/item/103.json"] = json_reply(hn_comment(103, 102, "Replying to a deleted one"))
        [outcome] = refresh(store, fetcher)
        assert thread_of(store, review_id) == [
            (0, "user101", "Hot take", "removed by the site, kept here"),
            (0, "", "", "deleted on the site"),  # deleted before it was fetched: a place for its reply
            (1, "user103", "Replying to a deleted one", ""),
        ]
        assert outcome.new_comments == 1  # the reply; nothing to read in the placeholder
        serve_hn_thread(site, [hn_story([101], 1), hn_comment(101, STORY_ID, "Hot take")])  # vouched
        refresh(store, fetcher)
    assert thread_of(store, review_id)[0] == (0, "user101", "Hot take", "")
    [saved] = SourceBook(store.data_dir).load()
    assert saved.error is None


def test_the_merge_keeps_the_sites_order_with_what_only_the_library_has_where_it_was() -> None:
    def c(cid: str, *replies: Comment, parent: str | None = None) -> Comment:
        return Comment(cid, f"text {cid}", "someone", parent, "2024-01-01T00:00:00Z", replies)

    stored = Review("r", "T", "s", (), comments=(c("a", c("a1", parent="a"), c("a2", parent="a")), c("b"), c("z")))
    new = Review("r", "T", "s", (), comments=(c("b"), c("a", c("a2", parent="a")), c("n")))  # ranked anew; a1 gone
    merged = with_stored(new, stored, True, gone={"a1": "deleted"}, site_order=True)
    assert [(d, x.id, x.gone) for d, x in walk_comments(merged.comments)] == [
        (0, "b", None),
        (0, "z", None),  # after b, as it was: not listed, but this answer is not said to be whole
        (0, "a", None),
        (1, "a1", "deleted"),
        (1, "a2", None),
        (0, "n", None),
    ]


def test_a_gone_comment_reads_back_from_a_backup_and_shows_in_show(
    tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui_reader import cli

    reply = Comment("r", "A reply", "u3", "g")
    gone = Comment("g", "Old words", "u2", None, "2024-08-01T10:00:00Z", (reply,), None, "deleted")
    placeholder = Comment("p", "", "", None, "2024-08-01T11:00:00Z", (Comment("q", "Hi", "u4", "p"),), None, "removed")
    store.library.add([Review("rid", "Thread", "src", ("Post.",), format="reddit", comments=(gone, placeholder))])
    assert cli.main(["show", "rid", "--data-dir", str(store.data_dir)]) == 0
    text = capsys.readouterr().out
    assert "\n• u2 · 2024-08-01 10:00 · deleted on the site, kept here: Old words\n  • u3: A reply\n" in text
    assert "\n• 2024-08-01 11:00 · removed by the site\n  • u4: Hi\n" in text  # no text, no colon
    backup, again = tmp_path / "backup.json", tmp_path / "again.json"
    assert cli.main(["export", "-o", str(backup), "--data-dir", str(store.data_dir)]) == 0
    second = tmp_path / "second"
    assert cli.main(["import", str(backup), "--data-dir", str(second)]) == 0
    back = Store(second).library.get("rid")
    assert back is not None and [c.gone for _, c in walk_comments(back.comments)] == ["deleted", None, "removed", None]
    assert cli.main(["export", "-o", str(again), "--data-dir", str(second)]) == 0
    assert again.read_bytes() == backup.read_bytes()


@pytest.mark.parametrize("said", ["[deleted]", "[removed]"])
def test_a_file_import_keeps_a_deleted_reddit_comments_place(tmp_path: Path, said: str) -> None:
    u3 = reddit_comment("c3", "Arcade Fire!")
    path = tmp_path / "thread.json"
    path.write_bytes(orjson.dumps(reddit_thread("1abc23", [deleted(reddit_comment("c2", "x", [u3]), said)])))
    [review] = parse_file(path).reviews
    [placeholder] = review.comments
    assert (
        placeholder.gone == said.strip("[]")
        and placeholder.body == ""
        and placeholder.replies[0].body == "Arcade Fire!"
    )
