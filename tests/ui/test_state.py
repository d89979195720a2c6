"""The remembered UI state: round trip, and bad files mean a fresh start, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.ui.state.remembered import UiState, load_state, save_state


def test_round_trip(tmp_path: Path) -> None:
    state = UiState(review_id="abc", pane="thread", list_scroll=12.0, comment_id="c1", theme="nord", sort="date")
    state.reviews["abc"] = {"scroll": 3.0, "comment": "c1", "seen": ["0badf00d"]}
    assert save_state(tmp_path / "state.json", state) is None
    assert load_state(tmp_path / "state.json") == state


@pytest.mark.parametrize(
    "content",
    [b"", b"{oops", b"[1, 2]", b'{"pane": "nowhere", "list_scroll": "far", "review_id": 7, "show_thread": 1}'],
)
def test_bad_files_fall_back_to_defaults(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    state = load_state(path)
    assert state.pane == "list" and state.list_scroll == 0.0 and state.review_id is None and state.show_thread


def test_unwritable_place_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    problem = save_state(blocker / "state.json", UiState())
    assert problem is not None and "\n" not in problem
