"""The thread model and the wrapper, without a terminal."""

from __future__ import annotations

from rich.cells import cell_len

from tests.ui.conftest import tree
from tui_reader.core.content.models import walk_comments
from tui_reader.ui.state.thread_model import ThreadModel
from tui_reader.ui.widgets.thread import DEPTH_CAP, gutter
from tui_reader.ui.widgets.wrap import wrap


def test_flattening_follows_reading_order_with_parents_and_subtrees() -> None:
    forest = tree("c", (2, 3))
    model = ThreadModel(forest)
    expected = [comment.id for _, comment in walk_comments(forest)]
    assert [c.id for c in model.comments] == expected
    assert len(model) == 2 + 2 * 3
    first_top, second_top = 0, 4  # 1 + 3 replies before the second top-level comment
    assert model.comments[second_top].id == "c.1"
    assert model.end[first_top] == second_top
    assert model.parent[first_top + 1] == first_top
    assert model.parent[second_top] == -1


def test_collapse_hides_the_subtree_and_counts_it() -> None:
    model = ThreadModel(tree("c", (2, 3, 2)))  # each top comment: 3 replies with 2 replies each = 9 below
    assert model.set_collapsed(0, True)
    assert model.hidden_count(0) == 3 + 3 * 2
    assert model.visible[:2] == [0, model.end[0]]
    assert not model.set_collapsed(0, True)  # already collapsed: nothing changes
    leaf = 2  # c.0.0.0 has no replies
    assert not model.set_collapsed(leaf, True)
    model.collapse_all()
    assert len(model.visible) == 2
    model.expand_all()
    assert len(model.visible) == len(model)


def test_siblings_and_shown_ancestor() -> None:
    model = ThreadModel(tree("c", (3, 2)))
    ids = [c.id for c in model.comments]
    assert model.sibling(ids.index("c.0"), 1) == ids.index("c.1")
    assert model.sibling(ids.index("c.1"), -1) == ids.index("c.0")
    assert model.sibling(ids.index("c.2"), 1) is None
    assert model.sibling(ids.index("c.1.1"), -1) == ids.index("c.1.0")
    assert model.sibling(ids.index("c.1.0"), -1) is None
    model.set_collapsed(ids.index("c.1"), True)
    assert model.shown_ancestor(ids.index("c.1.1")) == ids.index("c.1")


def test_top_level_steps_between_the_roots_from_anywhere() -> None:
    model = ThreadModel(tree("c", (3, 2, 2)))  # roots at 0, 7, 14 (1 + 2 + 2*2 nodes each)
    roots = [node for node in range(len(model)) if model.parent[node] < 0]
    assert roots == [0, 7, 14]
    assert model.top_level(0, 1) == 7 and model.top_level(0, -1) is None
    assert model.top_level(9, 1) == 14  # from a reply: the root after its own
    assert model.top_level(9, -1) == 7  # back: its own root first
    assert model.top_level(7, -1) == 0
    assert model.top_level(20, 1) is None  # the last root's subtree: nothing after


def test_gutter_is_capped_and_names_the_level_as_the_sites_count_it() -> None:
    """A top-level comment is level 1 (WordPress's `Comment Depth 01`), so the reply 13 levels
    under it is level 14: `┆13` was one less than the site's number."""
    assert gutter(0) == ""
    assert cell_len(gutter(DEPTH_CAP)) == 2 * DEPTH_CAP
    deep = gutter(13)
    assert "┆14 " in deep and "13" not in deep
    assert cell_len(deep) <= 2 * DEPTH_CAP + 4
    assert cell_len(gutter(13, header=False)) == cell_len(deep)
    assert "14" not in gutter(13, header=False)


def test_wrap_keeps_words_paragraphs_and_width() -> None:
    text = "alpha beta gamma delta epsilon\n\nzeta " + "x" * 25
    lines = wrap(text, 12)
    assert all(cell_len(line) <= 12 for line in lines)
    long_word_cut = "x" * 12 + " " + "x" * 12 + " x"
    assert " ".join(" ".join(lines).split()) == " ".join(text.split()).replace("x" * 25, long_word_cut)
    assert "" in lines  # the blank line between paragraphs survives
    assert all(cell_len(line) <= 6 for line in wrap("中文评论，很好看。", 6))
