"""The comments pane: a real thread, line-drawn so 1,000 comments open without a pause.

The forest is flattened once (`ThreadModel`); bodies are wrapped as plain strings
(`wrap`) and styled only when their line is drawn. Replies are indented under their
parent with a depth gutter capped at `DEPTH_CAP` levels, past which a `┆14` marker
says how deep the reply really is (its level, a top-level comment's being 1, as WordPress
counts), so a 14-level thread stays readable at 60 columns.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.strip import Strip

from tui_reader.core.content.dates import relative_age
from tui_reader.core.content.formatting import PLAIN, blocks, links
from tui_reader.core.content.models import Comment
from tui_reader.core.content.ratings import score_text
from tui_reader.core.content.text import visible
from tui_reader.ui.state.thread_model import ThreadModel
from tui_reader.ui.widgets.lines import Decoration, LinePane, body_lines, decorated, fit, strip, styled_parts

DEPTH_CAP = 6
HEADER = -1  # a comment's header as a `decorators` line (its body's lines are 0, 1, …)


def gutter(depth: int, header: bool = True) -> str:
    """Two columns per level up to DEPTH_CAP, then a marker with the comment's level (on the header
    line), counted as the sites count it: a top-level comment is 1, its reply 2 (`depth` is 0 and 1).
    WordPress's `Comment Depth 10` was marked `┆9`, and a Reddit chain's 10th level too."""
    if depth <= DEPTH_CAP:
        return "│ " * depth
    marker = f"┆{depth + 1} "
    return "│ " * (DEPTH_CAP - 1) + (marker if header else "┆".ljust(len(marker)))


def replies_text(count: int) -> str:
    return "" if not count else "1 reply" if count == 1 else f"{count} replies"


class ThreadView(LinePane, can_focus=True, inherit_bindings=False):
    """Each comment: a header line (who, score, age, replies, fold state), its wrapped body, a blank line."""

    # The pane's own keys (the screen's pane commands cover the rest). Listed by help, not the footer:
    # at 80 columns a footer entry here pushed "? Help" and "q Quit" off the screen.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "top_level(-1)", "previous top-level comment", key_display="[", show=False),
        Binding("right_square_bracket", "top_level(1)", "next top-level comment", key_display="]", show=False),
        Binding("u", "next_new", "next new comment since the last visit (wraps)", key_display="u", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "thread--cursor",
        "thread--current",
        "thread--gutter",
        "thread--meta",
        "thread--author",
        "thread--op",
    }
    # The vertical bar's place is kept (gutter) so bodies are wrapped once to the width they are drawn at.
    DEFAULT_CSS = """
    ThreadView { background: $surface; padding: 0 1; overflow-x: hidden; scrollbar-gutter: stable; }
    ThreadView > .thread--cursor { background: $block-cursor-blurred-background; }
    ThreadView:focus > .thread--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    ThreadView > .thread--current { background: $boost; }
    ThreadView > .thread--gutter { color: $secondary 60%; }
    ThreadView > .thread--meta { color: $text-muted; }
    ThreadView > .thread--author { color: $accent; text-style: bold; }
    ThreadView > .thread--op { color: $success; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model = ThreadModel()
        self.cursor = 0  # index into model.visible
        self.bookmarked: frozenset[str] = frozenset()
        self.noted: frozenset[str] = frozenset()  # comment ids with a note: ✎ on the header
        self.new_ids: frozenset[str] = frozenset()  # added by a re-import since the review was last opened
        self.body_kind = PLAIN  # how the review's importer stores comment bodies (Markdown or plain)
        # Per-line decorations (search matches, quote selection): f(node, body line or HEADER) -> its spans.
        self.decorators: list[Callable[[int, int], Sequence[Decoration]]] = []
        self._wrapped: dict[int, list[str]] = {}
        self._wrap_width = 0
        self._starts: list[int] = [0]
        self.op = ""  # the review's author: their comments are marked OP

    # ---- data ----------------------------------------------------------------------

    def show(self, comments: tuple[Comment, ...], cursor_id: str | None = None, op: str | None = None) -> None:
        """Replace the thread (a new review opened by `op`); optionally put the cursor on a comment."""
        self.model = ThreadModel(comments)
        self.set_class(not comments, "-empty")  # stacked under the text, it then leaves the text the room
        self.op = op or ""
        self._wrapped = {}
        self.cursor = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self._layout()
        if cursor_id is not None and (node := self.model.index_of(cursor_id)) is not None:
            self._go_node(node)
        self.refresh()

    def author_text(self, node: int) -> str:
        """Who wrote the comment, as its header says it (find looks there too: line `HEADER`)."""
        comment = self.model.comments[node]
        return visible(comment.author, single_line=True) or ("" if comment.gone else "anonymous")  # gone: the mark says

    def body_lines(self, node: int) -> list[str]:
        """The comment's body as drawn (wrapped at the current width)."""
        return self._body(node)

    @property
    def wrap_token(self) -> object:
        """Changes whenever the bodies are rewrapped (new width or new thread)."""
        return self._wrapped

    def reveal(self, node: int, line: int = 0) -> None:
        """Expand the branches hiding `node`, put the cursor on it and scroll its body `line` into view."""
        ancestor = self.model.parent[node]
        changed = False
        while ancestor >= 0:
            changed = self.model.set_collapsed(ancestor, False) or changed
            ancestor = self.model.parent[ancestor]
        if changed:
            self._layout()
        self._go_node(node)
        target = self._starts[self.cursor] + 1 + line
        height = self.scrollable_content_region.height
        if height and not self.scroll_y <= target < self.scroll_y + height:
            self.scroll_to(y=max(0, target - height // 3), animate=False, immediate=True)

    def set_bookmarked(self, comment_ids: frozenset[str]) -> None:
        self.bookmarked = comment_ids
        self.refresh()

    @property
    def current(self) -> Comment | None:
        node = self.current_node
        return self.model.comments[node] if node is not None else None

    @property
    def current_node(self) -> int | None:
        visible_nodes = self.model.visible
        return visible_nodes[self.cursor] if 0 <= self.cursor < len(visible_nodes) else None

    def pane_links(self) -> None:
        """`o`: the links of the comment under the cursor, to open or copy."""
        if (comment := self.current) is not None:
            from tui_reader.ui.screens.links import show_links  # screens opened by a key load on first use

            title = f"{visible(comment.author, single_line=True) or 'anonymous'}'s comment"
            show_links(self, title, links(blocks(comment.body, self.body_kind)))

    # ---- layout --------------------------------------------------------------------

    def _body(self, node: int) -> list[str]:
        lines = self._wrapped.get(node)
        if lines is None and not self._wrap_width:  # no width yet: wrapped at the first (see `render_lines`)
            return []
        if lines is None:
            indent = len(gutter(self.model.depth[node])) + 2
            comment = self.model.comments[node]
            width = max(self._wrap_width - indent, 10)
            lines = [] if comment.gone and not comment.body else body_lines(comment.body, self.body_kind, width)
            self._wrapped[node] = lines  # a comment deleted before it was fetched: its header says so
        return lines

    def _layout(self) -> None:
        """Line offsets of the visible comments; rewraps when the width changed."""
        width = self.text_width
        if width != self._wrap_width:
            self._wrap_width = width
            self._wrapped = {}
        heights = (len(self._body(node)) + 2 for node in self.model.visible)
        self._starts = [0, *accumulate(heights)]
        self.virtual_size = Size(0, self._starts[-1])  # lines are wrapped to the pane: nothing to scroll across

    def on_resize(self) -> None:
        if self.text_width != self._wrap_width:
            node = self.current_node
            self._layout()
            if node is not None:
                self._go_node(node)

    def render_lines(self, crop: Region) -> list[Strip]:
        # The first frame comes before the pane's Resize is handled: laid out at its width here, where
        # it drew the thread wrapped at 10 cells (as laid out before it had a width) for one frame.
        self.on_resize()
        return super().render_lines(crop)

    # ---- moving and folding (called by the screen) ---------------------------------

    def _go(self, index: int) -> None:
        if not self.model.visible:
            return
        self.cursor = max(0, min(index, len(self.model.visible) - 1))
        top, end = self._starts[self.cursor], self._starts[self.cursor + 1]
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif height and end > self.scroll_y + height:
            self.scroll_to(y=min(top, end - height), animate=False, immediate=True)
        self.refresh()

    def _go_node(self, node: int) -> None:
        shown = self.model.shown_ancestor(node)
        self._go(self.model.visible.index(shown))

    def _refold(self, node: int) -> None:
        self._layout()
        self._go_node(node)

    def pane_next(self) -> None:
        self._go(self.cursor + 1)

    def pane_previous(self) -> None:
        self._go(self.cursor - 1)

    def pane_top(self) -> None:
        self._go(0)

    def pane_bottom(self) -> None:
        self._go(len(self.model.visible) - 1)

    def _page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        target_line = self._starts[self.cursor] + direction * height
        target_line = max(0, min(target_line, self._starts[-1] - 1))
        self._go(bisect_right(self._starts, target_line) - 1)

    def pane_page_down(self) -> None:
        self._page(1)

    def pane_page_up(self) -> None:
        self._page(-1)

    def pane_activate(self) -> None:
        if (node := self.current_node) is not None:
            self.model.set_collapsed(node, node not in self.model.collapsed)
            self._refold(node)

    def pane_collapse(self) -> None:
        """Fold the replies; on a leaf or a folded comment, go to the parent instead."""
        if (node := self.current_node) is None:
            return
        if not self.model.set_collapsed(node, True):
            self.pane_parent()
            return
        self._refold(node)

    def pane_expand(self) -> None:
        """Unfold the replies; when already open, step into the first reply."""
        if (node := self.current_node) is None:
            return
        if self.model.set_collapsed(node, False):
            self._refold(node)
        elif self.model.has_replies(node):
            self._go_node(node + 1)

    def pane_collapse_all(self) -> None:
        node = self.current_node
        self.model.collapse_all()
        self._layout()
        if node is not None:
            self._go_node(node)

    def pane_expand_all(self) -> None:
        node = self.current_node
        self.model.expand_all()
        self._layout()
        if node is not None:
            self._go_node(node)

    def pane_parent(self) -> None:
        if (node := self.current_node) is not None and self.model.parent[node] >= 0:
            self._go_node(self.model.parent[node])

    def _sibling(self, step: int) -> None:
        """`J` / `K`: the next or previous comment with the same parent; at the end of the level, said
        (the cursor stayed put without a word, as if the key had not been read)."""
        if (node := self.current_node) is None:
            return
        if (sibling := self.model.sibling(node, step)) is None:
            self.notify(f"{'Last' if step > 0 else 'First'} comment at this level", timeout=2, markup=False)
            return
        self._go_node(sibling)

    def pane_next_sibling(self) -> None:
        self._sibling(1)

    def pane_previous_sibling(self) -> None:
        self._sibling(-1)

    def action_top_level(self, step: int) -> None:
        """`[` / `]`: the previous or next top-level comment (from a reply: its own top first)."""
        if (node := self.current_node) is not None and (target := self.model.top_level(node, step)) is not None:
            self._go_node(target)

    def action_next_new(self) -> None:
        """`u`: the next comment marked new, in reading order, unfolding what hides it; from the last, the first."""
        new = [node for node, comment in enumerate(self.model.comments) if comment.id in self.new_ids]
        if not new:
            self.notify("No new comments in this thread", timeout=2, markup=False)
            return
        current = self.current_node
        later = [node for node in new if current is None or node > current]
        if not later and len(new) > 1:
            self.notify(f"Back to the first of {len(new)} new comments", timeout=2, markup=False)
        self.reveal(later[0] if later else new[0])

    # ---- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.text_width
        line = int(self.scroll_y) + y
        base = self.frame_style
        if not self.model.visible:
            text = "No comments." if y == 0 else ""
            return strip([(text, self.get_component_rich_style("thread--meta", partial=True))], width, base)
        index = bisect_right(self._starts, line) - 1
        if index >= len(self.model.visible):
            return Strip.blank(width, base)
        node = self.model.visible[index]
        offset = line - self._starts[index]
        if index == self.cursor:
            base = base + self.get_component_rich_style("thread--cursor" if offset == 0 else "thread--current")
        gutter_part = (
            gutter(self.model.depth[node], header=offset == 0),
            self.get_component_rich_style("thread--gutter", partial=True),
        )
        if offset == 0:
            found = [d for decorator in self.decorators for d in decorator(node, HEADER)]
            return strip([gutter_part, *self._header(node, width - cell_len(gutter_part[0]), found)], width, base)
        body = self._body(node)
        if offset <= len(body):
            decorations = [d for decorator in self.decorators for d in decorator(node, offset - 1)]
            return strip(
                [gutter_part, ("  ", Style()), *styled_parts(body[offset - 1], Style(), decorations)], width, base
            )
        return strip([gutter_part], width, base)

    def _header(self, node: int, room: int | None = None, found: Sequence[Decoration] = ()) -> list[tuple[str, Style]]:
        """Fold state, marks, author (OP when the review's author; `found`: find's matches in it),
        then score · age · replies; in a narrow pane the author is cut and the replies, score and
        age given up, in that order, before the `+N hidden` of a folded branch."""
        model, comment = self.model, self.model.comments[node]
        if room is None:  # the pane's width right of the gutter
            room = self.text_width - cell_len(gutter(model.depth[node]))
        meta = self.get_component_rich_style("thread--meta", partial=True)
        author_style = self.get_component_rich_style("thread--author", partial=True)
        hidden = model.hidden_count(node)
        fold = "▸ " if hidden else "▾ " if model.has_replies(node) else "• "
        marks = ("★" if comment.id in self.bookmarked else "") + ("✎" if comment.id in self.noted else "")
        lead = [(fold, meta), (f"{marks} " if marks else "", Style(bold=True))]
        is_op = bool(self.op) and comment.author == self.op
        op = [(" OP", self.get_component_rich_style("thread--op", partial=True))] if is_op else []
        score, age = score_text(comment.score), relative_age(comment.date)
        folded = f"+{hidden} hidden" if hidden else ""
        author = self.author_text(node)
        gone = _gone_mark(comment, room - cell_len(fold) - 8)  # kept before the replies, score and age
        fixed = sum(cell_len(text) for text, _ in (*lead, *op)) + cell_len(gone)
        least = fixed + min(cell_len(author), 8)  # an author cut shorter than this reads as noise
        # The first that fits: the replies, the score and the age are given up in that order.
        choices = ([score, age, folded or replies_text(len(comment.replies))], [score, age, folded], [age, folded])
        tail = next((t for c in choices if least + cell_len(t := self._tail(c)) <= room), self._tail([folded]))
        author_room = min(40, max(1, room - fixed - cell_len(tail)))
        parts = [*lead, *decorated(fit(author, author_room).rstrip(), author_style, found), *op, (tail, meta)]
        if comment.id in self.new_ids:
            parts.append(("  new", author_style))
        if gone:
            parts.append((gone, self.get_component_rich_style("thread--op", partial=True)))
        return parts

    @staticmethod
    def _tail(facts: list[str]) -> str:
        shown = [fact for fact in facts if fact]
        return "  " + " · ".join(shown) if shown else ""

    def on_click(self, event: events.Click) -> None:
        line = event.y + int(self.scroll_y)
        index = bisect_right(self._starts, line) - 1
        if 0 <= index < len(self.model.visible):
            if index == self.cursor and line == self._starts[index]:
                self.pane_activate()
            else:
                self._go(index)


def _gone_mark(comment: Comment, room: int) -> str:
    """`  deleted on the site, kept here` (its text is the one fetched before), shortened to `  deleted on
    the site` where that does not fit in `room`; '' for a comment its site still shows."""
    said = comment.gone_said
    if said and len(said) + 2 > room:
        said = said.removesuffix(", kept here")
    return f"  {said}" if said else ""
