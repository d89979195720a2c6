"""A pane focus change repaints the panes whose look changes, and not their unchanged scrollbars."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from tests.ui.conftest import AppFactory, synthetic, threaded


async def test_a_focus_change_leaves_unchanged_scrollbars_alone(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app([threaded("t", (5, 3, 2)), *synthetic(200)])
    async with app.run_test(size=(140, 40)) as pilot:
        screen = app.main
        await pilot.pause()
        bar = screen.review_list.vertical_scrollbar
        assert screen.review_list.show_vertical_scrollbar
        repaints: list[Widget] = []
        original = bar.refresh

        def counted(*regions: object, **flags: bool) -> Widget:
            repaints.append(bar)
            return original(**flags)

        for n, key in enumerate(("2", "3", "1", "tab", "tab", "tab", "3", "2", "1")):
            if n == 3:  # each pane has had the focus once: Textual lays out a scrollbar styled for the first time
                monkeypatch.setattr(bar, "refresh", counted)
            await pilot.press(key)
            await pilot.pause()
        assert screen.focused is screen.review_list
        assert not repaints
        screen.review_list.styles.scrollbar_color = "red"  # a colour that changes still repaints them
        assert repaints
