"""The footer: Textual's, rebuilt only when the keys it shows change.

Every focus change publishes the screen's `bindings_updated`, and Textual's footer then
rebuilds all its keys (new widgets, each styled): moving between the panes, whose keys
are the screen's, rebuilt the same footer each time.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


def shown_keys(screen: Screen[object]) -> tuple[tuple[str, str, str, bool, str], ...]:
    """What the footer shows for `screen`: each key, its label and action, whether enabled, its tooltip."""
    return tuple(
        (binding.key, binding.description, binding.action, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class Footer(TextualFooter):
    _shown: tuple[tuple[str, str, str, bool, str], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        rebuilds = screen.app.app_focus and self.is_attached and screen is self.screen
        if rebuilds:
            shown = shown_keys(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
