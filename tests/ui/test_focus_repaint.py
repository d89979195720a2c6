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


@pytest.mark.parametrize("pane", ["list", "reading", "thread"])
async def test_the_remembered_pane_starts_focused_and_styled_once(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, pane: str
) -> None:
    """The pane a restart focuses is styled focused at its mount, not styled again as the focus comes;
    it alone has the focus, and its border is the focused one."""
    from textual.css.stylesheet import Stylesheet

    from tui_reader.ui.state.remembered import UiState

    styled: list[str | None] = []
    apply = Stylesheet.apply

    def counted(self: Stylesheet, node: Widget, **flags: object) -> None:
        styled.append(node.id)
        apply(self, node, **flags)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "apply", counted)
    review = threaded("t", (3, 2))
    app = make_app([review, *synthetic(20)], state=UiState(review_id=review.id, pane=pane))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.main
        panes = {"list": screen.review_list, "reading": screen.reading, "thread": screen.thread}
        assert screen.focused is panes[pane]
        assert [name for name, widget in panes.items() if widget.has_focus] == [pane]
        assert styled.count(pane) == 1
        border = panes[pane].styles.border_top[1]  # `:focus` (the accent), where the others have the panel's
        assert all(widget.styles.border_top[1] != border for name, widget in panes.items() if name != pane)
