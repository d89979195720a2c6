"""The footer: the keys of the focused place, on one line drawn by one widget.

Why not Textual's: it is a container of one widget per key, and it builds them again (new
widgets, each styled) whenever the screen's bindings change, which every pane focus does;
loading and styling it cost every start ~7 ms before the first frame (21 interleaved runs).
Here the keys are spans of one line: a change of keys redraws the line. As Textual's, it
shows one key per action (the first), dims the disabled, highlights the key under the
pointer (its tooltip shown), and a click presses the key; the palette's key sits at the right.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

PALETTE_EDGE = "▏"  # the left edge of the palette's key, as Textual draws it (`vkey` border)


class FooterKey(NamedTuple):
    """One key shown: what pressing it sends, how it reads, and where it sits on the line."""

    key: str
    shown: str
    description: str
    enabled: bool
    tooltip: str


def shown_keys(screen: Screen[object]) -> tuple[tuple[FooterKey, ...], FooterKey | None]:
    """The keys `screen` offers now, one per action (its first binding), in binding order; and the
    command palette's key, when the app offers the palette there. `active_bindings` is worked out
    afresh at each read (~0.7 ms): read once here, where the two took it three times a focus change."""
    bindings = screen.active_bindings
    app = screen.app
    keys: dict[str, FooterKey] = {}
    for _, binding, enabled, tooltip in bindings.values():
        if binding.show and binding.action not in keys:
            keys[binding.action] = FooterKey(
                binding.key, app.get_key_display(binding), binding.description, enabled, tooltip
            )
    palette = None
    if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in bindings:
        _, binding, enabled, tooltip = bindings[app.COMMAND_PALETTE_BINDING]
        palette = FooterKey(binding.key, app.get_key_display(binding), binding.description, enabled, tooltip)
    return tuple(keys.values()), palette


class Footer(Widget, can_focus=False):
    """The keys of the focused place in one line; a click on one presses it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"footer--key", "footer--description", "footer--hover", "footer--edge"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer--hover { background: $block-hover-background; }
        & > .footer--edge { color: $foreground 20%; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[FooterKey, ...] = ()
        self._palette: FooterKey | None = None
        self._places: list[tuple[int, int, FooterKey]] = []  # (start, end, key) as last drawn
        self._hovered: FooterKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._keys, self._palette = shown_keys(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Redrawn only when the keys shown change (and, as Textual's, not while the app has no focus)."""
        if screen is not self.screen or not screen.app.app_focus:
            return
        keys, palette = shown_keys(screen)
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def render(self) -> Text:
        width = self.size.width
        palette = self._piece(self._palette, edge=True) if self._palette is not None else Text()
        room = max(0, width - palette.cell_len)
        line = Text(no_wrap=True, end="")
        self._places = []
        for key in self._keys:
            piece = self._piece(key)
            if line.cell_len + piece.cell_len > room:
                break
            self._places.append((line.cell_len, line.cell_len + piece.cell_len, key))
            line.append_text(piece)
        if self._palette is not None:
            line.append(" " * (width - line.cell_len - palette.cell_len))
            self._places.append((width - palette.cell_len, width, self._palette))
            line.append_text(palette)
        return line

    def _piece(self, key: FooterKey, *, edge: bool = False) -> Text:
        """One key as drawn: ` key description ` (dim when disabled, highlighted under the pointer)."""
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        if key is self._hovered:
            hover = self.get_component_rich_style("footer--hover")
            key_style, description_style = key_style + hover, description_style + hover
        if not key.enabled:
            key_style, description_style = key_style + Style(dim=True), description_style + Style(dim=True)
        piece = Text(no_wrap=True, end="")
        if edge:  # the palette's key: its edge stands in for the space before it
            piece.append(PALETTE_EDGE, self.get_component_rich_style("footer--edge"))
        piece.append(f"{'' if edge else ' '}{key.shown} ", key_style)
        if key.description:
            piece.append(f"{key.description} ", description_style)
        return piece

    def _key_at(self, x: int) -> FooterKey | None:
        return next((key for start, end, key in self._places if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hovered = self._key_at(event.x)
        if hovered is not self._hovered:
            self._hovered = hovered
            self.tooltip = (hovered.tooltip or hovered.description) if hovered is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
