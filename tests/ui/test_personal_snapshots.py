"""Snapshots of the notes-and-quotes screen and of quote mode at 140x40 (baselines in __snapshots__)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.ui.conftest import AppFactory, synthetic
from tests.ui.test_personal import PROSE
from tui_reader.core.content.user_records import Anchor, Note, Quote

Snap = Callable[..., bool]
WIDE = (140, 40)


def with_notes(make_app: AppFactory) -> Any:
    """Records with fixed dates (the screen shows them), one of them detached."""
    app = make_app([PROSE, *synthetic(2)])
    app.store.user.restore(
        [],
        [
            Note(
                "n1",
                Anchor("prose", paragraph=0),
                "Paragraph note, two lines:\nthe second one.",
                "2024-05-01T10:00:00+00:00",
                "2024-05-01T10:00:00+00:00",
            ),
            Note(
                "n2",
                Anchor("prose", comment_id="c2"),
                "On the zebra comment.",
                "2024-05-02T10:00:00+00:00",
                "2024-05-02T10:00:00+00:00",
            ),
            Note(
                "n3",
                Anchor("r00001", paragraph=0, quoted="text that changed"),
                "Lost its text.",
                "2024-05-03T10:00:00+00:00",
                "2024-05-03T10:00:00+00:00",
                detached=True,
            ),
        ],
        [
            Quote(
                "q1",
                Anchor("prose", paragraph=0, offset=21, quoted="Second one follows!"),
                "Second one follows!",
                "2024-05-04T10:00:00+00:00",
                "Ann Author, Prose review",
            )
        ],
    )
    return app


def test_notes_screen(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(with_notes(make_app), terminal_size=WIDE, press=["A", "_"])


def test_quote_mode(snap_compare: Snap, make_app: AppFactory) -> None:
    app = with_notes(make_app)
    assert snap_compare(app, terminal_size=WIDE, press=["enter", "v", "j", "J", "_"])
