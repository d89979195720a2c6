"""Snapshots of the subjects view (`S`) at 80x24 and 140x40 (baselines in __snapshots__)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.ui.conftest import AppFactory
from tests.ui.test_subjects import library
from tui_reader.core.content.user_records import Anchor

Snap = Callable[..., bool]


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
def test_subjects_view(snap_compare: Snap, make_app: AppFactory, size: tuple[int, int]) -> None:
    app = make_app(library())
    app.store.user.toggle_bookmark("h2")
    app.store.user.add_note(Anchor("d1", paragraph=0), "Reread the desert chapters.")
    assert snap_compare(app, terminal_size=size, press=["S", "_"])
