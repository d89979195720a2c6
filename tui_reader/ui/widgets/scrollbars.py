"""Scrollbars repainted only when their colours change.

Textual repaints a widget's scrollbars each time one of its scrollbar colour rules is set, to the
same value or not. A focus change restyles the pane gaining it and the one losing it (their borders
follow the focus), which sets every rule again: both panes' scrollbars were then drawn again in a
frame of their own after the panes', and composing that frame covered the screen's whole width.
"""

from __future__ import annotations

from textual.color import Color
from textual.css._style_properties import ColorProperty, ScrollbarColorProperty
from textual.css.styles import StylesBase

_repaint_always = ScrollbarColorProperty.__set__


def _set(self: ScrollbarColorProperty, obj: StylesBase, color: Color | str | None) -> None:
    before = obj.get_rule(self.name)
    ColorProperty.__set__(self, obj, color)
    if obj.get_rule(self.name) != before:
        _repaint_always(self, obj, color)  # the rule is set already (no change); Textual repaints the scrollbars


def repaint_on_change() -> None:
    """Install the check, once for the app (it is per class, like Textual's own)."""
    ScrollbarColorProperty.__set__ = _set  # type: ignore[method-assign]
