"""Drafts (`store.drafts`): kept and read back, one per review; a damaged file never stops the
reader, and is kept aside for the user rather than overwritten."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.content.models import Anchor
from tui_reader.core.store.drafts import DRAFTS_FILE, Draft, Drafts


def test_kept_read_back_replaced_and_dropped(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    anchor = Anchor("r1", paragraph=2, paragraph_text="Words.")
    drafts.keep(anchor, "first", "Note on paragraph 3")
    drafts.keep(Anchor("r2"), "other", "Note on the review")
    drafts.keep(anchor, "second", "Note on paragraph 3")
    kept = drafts.get("r1")
    assert kept is not None and (kept.anchor, kept.text, kept.target) == (anchor, "second", "Note on paragraph 3")
    drafts.drop("r1")
    assert drafts.get("r1") is None
    other = drafts.get("r2")
    assert other is not None and other.text == "other"


def test_a_corrupt_file_is_moved_aside_not_lost(tmp_path: Path) -> None:
    (tmp_path / DRAFTS_FILE).write_text("{not json")
    drafts = Drafts(tmp_path)
    assert drafts.get("r1") is None
    drafts.keep(Anchor("r1"), "typed", "Note on the review")
    assert [p.name.startswith(DRAFTS_FILE + ".corrupt-") for p in tmp_path.glob(DRAFTS_FILE + ".corrupt-*")] == [True]
    kept = drafts.get("r1")
    assert kept is not None and kept.text == "typed"


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
