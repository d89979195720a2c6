"""A deep real thread (Reddit r/science) and a 1,000-comment review in the comments pane.

The Reddit reviews are built here straight from the JSON (not through the importer):
counts and depths come from walking the raw file, an independent route.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import AppFactory, tree
from tui_reader.core.content.models import Comment, Review
from tui_reader.ui.widgets.thread import DEPTH_CAP


def _comments(raw: Any, parent: str | None = None) -> tuple[Comment, ...]:
    if not isinstance(raw, dict):
        return ()
    return tuple(
        Comment(
            id=str(cid),
            body=str(doc.get("body", "")),
            author=str(doc.get("author") or ""),
            parent=parent,
            replies=_comments(doc.get("replies"), str(cid)),
        )
        for cid, doc in raw.items()
        if isinstance(doc, dict)
    )


def _raw_stats(raw: Any, depth: int = 0) -> tuple[int, int]:
    """(comment count, deepest depth) by walking the JSON itself."""
    count, deepest = 0, -1
    if isinstance(raw, dict):
        for doc in raw.values():
            if isinstance(doc, dict):
                below, below_depth = _raw_stats(doc.get("replies"), depth + 1)
                count += 1 + below
                deepest = max(deepest, depth, below_depth)
    return count, deepest


async def test_deepest_reddit_thread_opens_and_reaches_its_deepest_reply(make_app: AppFactory, corpora: Path) -> None:
    path = corpora / "reddit" / "reddit_comments.json"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    posts = json.loads(path.read_text(encoding="utf-8"))
    post_id, post = max(posts.items(), key=lambda item: _raw_stats(item[1].get("comments"))[1])
    count, deepest = _raw_stats(post.get("comments"))
    review = Review(
        id=post_id,
        title=str(post.get("title", "")),
        source="reddit",
        paragraphs=(str(post.get("body", "")),),
        author=str(post.get("author") or ""),
        comments=_comments(post.get("comments")),
    )
    app = make_app([review])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "3")
        thread = app.main.thread
        assert len(thread.model) == count
        assert max(thread.model.depth) == deepest >= 7
        for _ in range(count):  # walk down with j until the deepest reply
            node = thread.current_node
            if node is not None and thread.model.depth[node] == deepest:
                break
            await pilot.press("j")
        node = thread.current_node
        assert node is not None and thread.model.depth[node] == deepest
        await pilot.pause()
        header_y = thread._starts[thread.cursor] - int(thread.scroll_y)
        header = thread.render_line(header_y)
        assert f"┆{deepest + 1} " in header.text if deepest > DEPTH_CAP else True  # its level: top-level is 1
        assert header.cell_length == thread.scrollable_content_region.width
        while thread.model.parent[node] >= 0:  # p climbs back to the top, one level per press
            parent = thread.model.parent[node]
            await pilot.press("p")
            assert thread.current_node == parent
            node = parent
        assert app.is_running


async def test_a_thousand_comments_open_and_navigate(make_app: AppFactory) -> None:
    comments = tree("c", (10, 9, 10))  # 10 + 90 + 900 = 1,000
    review = Review("big", "Big thread", "synthetic", ("Body.",), comments=comments)
    app = make_app([review])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        app.main.open_position(0)
        await pilot.pause()
        assert len(app.main.thread.model) == 1000
        await pilot.press("3", "G", "H", "L", "g")
        assert app.main.thread.cursor == 0


def test_a_comment_s_level_is_the_site_s_own(corpora: Path) -> None:
    """WordPress's theme test post "Template: Comments" numbers its chain `Comment Depth 01` (a
    top-level comment) to `Comment Depth 10`: each is marked with the site's number, where the
    pane marked the tenth `┆9`."""
    from tui_reader.core.importers import parse_file
    from tui_reader.ui.state.thread_model import ThreadModel
    from tui_reader.ui.widgets.thread import gutter

    path = corpora / "wxr" / "themeunittestdata.wordpress.xml"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    post = next(review for review in parse_file(path).reviews if review.title == "Template: Comments")
    model = ThreadModel(post.comments)
    levels = {
        int(found.group(1)): depth
        for comment, depth in zip(model.comments, model.depth, strict=True)
        if (found := re.match(r"Comment Depth (\d+)", comment.body.strip())) is not None
    }
    assert sorted(levels) == list(range(1, 11))
    for level, depth in levels.items():
        if depth > DEPTH_CAP:
            assert f"┆{level} " in gutter(depth), (level, gutter(depth))
        else:
            assert gutter(depth).count("│") == level - 1  # a bar for each level above it
