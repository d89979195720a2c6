"""Drafts (`store.drafts`): kept and read back, one per place (review, paragraph, comment); a
damaged file never stops the reader, and is kept aside for the user rather than overwritten."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store.drafts import DRAFTS_FILE, Draft, Drafts, place


def test_kept_read_back_replaced_and_dropped(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    anchor = Anchor("r1", paragraph=2, paragraph_text="Words.")
    first = drafts.keep(anchor, "first", "Note on paragraph 3")
    drafts.keep(Anchor("r2"), "other", "Note on the review")
    drafts.keep(anchor, "second", "Note on paragraph 3", over=first)  # typed on from it
    (kept,) = drafts.on("r1")
    assert (kept.anchor, kept.text, kept.target) == (anchor, "second", "Note on paragraph 3")
    drafts.drop(anchor)
    assert drafts.on("r1") == []
    assert [other.text for other in drafts.on("r2")] == ["other"]


def test_each_place_of_a_review_keeps_its_own_draft(tmp_path: Path) -> None:
    """The tester's case: a draft on Carol's comment took over `a` on the whole review."""
    drafts = Drafts(tmp_path)
    carol, alice = Anchor("r1", comment_id="c3"), Anchor("r1", comment_id="c1")
    paragraph, review = Anchor("r1", paragraph=1, paragraph_text="Two."), Anchor("r1")
    for anchor, text in ((carol, "carol"), (alice, "alice"), (paragraph, "paragraph"), (review, "review")):
        drafts.keep(anchor, text, "target")
    quoted = Anchor("r1", comment_id="c3", offset=4, quoted="words")  # a selection in Carol's comment: her place
    assert place(quoted) == place(carol)
    (on_carol,) = [draft for draft in drafts.on("r1") if draft.anchor == carol]
    drafts.keep(quoted, "quoted", "target", over=on_carol)
    assert {draft.anchor: draft.text for draft in drafts.on("r1")} == {
        quoted: "quoted",
        alice: "alice",
        paragraph: "paragraph",
        review: "review",
    }
    drafts.drop(alice)
    assert alice not in {draft.anchor for draft in drafts.on("r1")} and len(drafts.on("r1")) == 3


def test_a_file_kept_by_review_id_still_reads_and_drops(tmp_path: Path) -> None:
    """Drafts kept before they had places were keyed by review id: read, replaced and dropped by their anchor."""
    carol = Anchor("r1", comment_id="c3")
    old = Draft(carol, "draft on a comment", "Note on the comment by Carol", "2026-12-07T20:00:00")
    (tmp_path / DRAFTS_FILE).write_text(json.dumps({"r1": old.to_doc()}))
    drafts = Drafts(tmp_path)
    assert drafts.on("r1") == [old]
    drafts.keep(Anchor("r1"), "on the review", "Note on the review")
    assert {draft.text for draft in drafts.on("r1")} == {"draft on a comment", "on the review"}
    drafts.keep(carol, "typed again", "Note on the comment by Carol", over=old)
    assert sorted(draft.text for draft in drafts.on("r1")) == ["on the review", "typed again"]
    drafts.drop(carol)
    assert [draft.text for draft in drafts.on("r1")] == ["on the review"]


def test_a_corrupt_file_is_moved_aside_not_lost(tmp_path: Path) -> None:
    (tmp_path / DRAFTS_FILE).write_text("{not json")
    drafts = Drafts(tmp_path)
    assert drafts.on("r1") == []
    drafts.keep(Anchor("r1"), "typed", "Note on the review")
    assert [p.name.startswith(DRAFTS_FILE + ".corrupt-") for p in tmp_path.glob(DRAFTS_FILE + ".corrupt-*")] == [True]
    assert [kept.text for kept in drafts.on("r1")] == ["typed"]


JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={"anchor": JSON | st.fixed_dictionaries({"review_id": JSON}, optional={"paragraph": JSON}), "text": JSON},
)


@given(JSON | FIELDS)
def test_any_record_is_a_draft_or_skipped(doc: Any) -> None:
    draft = Draft.from_doc(doc)
    if draft is not None:
        anchor = draft.anchor
        assert isinstance(draft.text, str) and isinstance(anchor.review_id, str)
        assert all(isinstance(n, int | None) for n in (anchor.paragraph, anchor.offset))
        assert all(isinstance(w, str | None) for w in (anchor.comment_id, anchor.quoted, anchor.paragraph_text))


def test_a_draft_another_window_kept_at_the_place_since_is_not_overwritten(tmp_path: Path) -> None:
    """Two windows typed a note on one review, then both were closed: the second one's draft replaced the
    first one's, whose text was lost. Its text now goes first, then the new one; `over` says what was
    typed on (a draft kept twice by one window, or the draft its editor opened with, is replaced)."""
    drafts, anchor = Drafts(tmp_path), Anchor("r1")
    drafts.keep(anchor, "alpha typed in A", "Note on the review")  # window A closed first
    mine = drafts.keep(anchor, "beta typed in B", "Note on the review")  # B began before A's draft was kept
    assert mine.text == "alpha typed in A\n\nbeta typed in B"
    assert drafts.keep(anchor, mine.text + " and more", "Note on the review", over=mine).text == mine.text + " and more"
    (kept,) = drafts.on("r1")
    assert drafts.keep(anchor, kept.text, "Note on the review").text == kept.text  # kept again as it is: once
