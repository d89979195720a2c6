"""The search UI's pure parts: pane matches and wrapping, snippet windows, seen comments, per-review memory."""

from __future__ import annotations

from tests.ui.conftest import threaded
from tui_reader.core.content.models import Comment
from tui_reader.core.personal.seen import new_comment_ids, seen_keys
from tui_reader.ui.state.memory import KEEP, keep, new_comments, recall
from tui_reader.ui.state.remembered import UiState
from tui_reader.ui.state.search_state import PaneFind, finder, snippet_window


def test_pane_find_steps_and_wraps_and_refinds_after_a_rewrap() -> None:
    rows = [(0, 0, "Café and cafe"), (1, 0, "nothing"), (2, 0, "CAFÉ")]
    token = object()
    find = PaneFind("cafe", lambda: (token, rows))
    assert [(m.key, m.start, m.end) for m in find.refresh()] == [(0, 0, 4), (0, 9, 13), (2, 0, 4)]
    assert find.first_from(1) is not None and find.counter == "3/3"
    assert find.step(1) is not None and find.counter == "1/3"
    assert find.step(-1) is not None and find.counter == "3/3"
    rows = [(0, 0, "Café")]  # rewrapped: fewer matches, current clamped
    token = object()
    assert len(find.refresh()) == 1 and find.counter == "1/1"


def test_a_phrase_that_wrapped_is_found_across_its_lines() -> None:
    """A deep comment wraps narrow: "lets close / hospitals" was found on no line (said "no match")."""
    rows = [
        (0, 0, "we should lets close", 0),
        (0, 1, "hospitals now", 0),
        (1, 0, "lets close", 1),  # another comment: the phrase does not run on into it
        (1, 1, "hospitals", 2),
        (2, 0, "好", 3),
        (2, 1, "看的电影", 3),  # CJK wraps with no space to put back
    ]
    token = object()
    find = PaneFind('"lets close hospitals"', lambda: (token, rows))
    assert [(m.key, m.line, m.start, m.end) for m in find.refresh()] == [(0, 0, 10, 20)]
    assert find.decorations(0, 0)[0][:2] == (10, 20) and find.decorations(0, 1)[0][:2] == (0, 9)
    assert find.decorations(1, 0) == [] and find.counter == "1 match"
    cjk = PaneFind("好看", lambda: (token, rows))
    assert [(m.key, m.line) for m in cjk.refresh()] == [(2, 0)] and cjk.decorations(2, 1)[0][:2] == (0, 1)


def test_a_query_the_parser_rejects_is_found_literally_and_facets_light_nothing() -> None:
    literal = finder("rating:>>")
    assert literal is not None and literal("see rating:>> here") == [(4, 10)]  # its words
    assert finder("has:comments") is None and finder("   ") is None


def test_snippet_window_keeps_the_match_in_view() -> None:
    snippet = "x" * 60 + " needle " + "y" * 40
    text, spans = snippet_window(snippet, [(61, 67)], 30)
    assert len(text) <= 30 and [text[s:e] for s, e in spans] == ["needle"]
    short, short_spans = snippet_window("a needle", [(2, 8)], 30)
    assert short == "a needle" and short_spans == [(2, 8)]


def test_new_comments_are_those_added_since_the_last_visit() -> None:
    review = threaded("t", (2, 1))
    assert new_comment_ids(review.comments, None) == frozenset()  # first visit: nothing is "new"
    seen = seen_keys(review.comments)
    added = (*review.comments, Comment("late", "new reply"))
    assert new_comment_ids(added, seen) == {"late"}


def test_memory_recalls_places_and_stays_bounded() -> None:
    state = UiState()
    review = threaded("t", (2,))
    keep(state, review, 7.0, "c.1")
    place = recall(state, "t")
    assert place.scroll == 7.0 and place.comment_id == "c.1" and place.seen is not None
    assert new_comments(state, review) == frozenset()
    for i in range(KEEP + 5):
        keep(state, threaded(f"r{i}", (1,)), 0.0, None)
    assert len(state.reviews) == KEEP and "t" not in state.reviews  # the oldest went first
    state.reviews["bad"] = {"scroll": "far", "comment": 3, "seen": "no"}  # a hand-edited file
    assert recall(state, "bad").scroll == 0.0 and recall(state, "bad").seen is None
