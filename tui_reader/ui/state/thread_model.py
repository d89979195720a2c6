"""A comment forest flattened into arrays, with collapse state: the thread pane's model.

Kept free of widgets so it can be tested directly. Node `i` is the i-th comment in
reading order; its subtree is nodes `i .. end[i]-1`, so hiding a collapsed subtree
is a jump, and a visible list of 1,000 comments is rebuilt in a few milliseconds.
"""

from __future__ import annotations

from tui_reader.core.content.models import Comment, walk_comments


class ThreadModel:
    def __init__(self, comments: tuple[Comment, ...] = ()) -> None:
        self.comments: list[Comment] = []
        self.depth: list[int] = []
        self.parent: list[int] = []  # -1 for a top-level comment
        self.end: list[int] = []  # one past the last node of the subtree
        stack: list[int] = []  # open ancestors of the current node
        for depth, comment in walk_comments(comments):
            index = len(self.comments)
            while len(stack) > depth:
                self.end[stack.pop()] = index
            self.comments.append(comment)
            self.depth.append(depth)
            self.parent.append(stack[-1] if stack else -1)
            self.end.append(index + 1)
            stack.append(index)
        while stack:
            self.end[stack.pop()] = len(self.comments)
        self.collapsed: set[int] = set()
        self.visible: list[int] = []
        self.refresh_visible()

    def __len__(self) -> int:
        return len(self.comments)

    def has_replies(self, node: int) -> bool:
        return self.end[node] > node + 1

    def hidden_count(self, node: int) -> int:
        """Replies hidden under a collapsed node (0 when it is open)."""
        return self.end[node] - node - 1 if node in self.collapsed else 0

    def refresh_visible(self) -> None:
        visible: list[int] = []
        node, total = 0, len(self.comments)
        while node < total:
            visible.append(node)
            node = self.end[node] if node in self.collapsed else node + 1
        self.visible = visible

    def set_collapsed(self, node: int, collapsed: bool) -> bool:
        """Collapse or expand one node; False when nothing changed."""
        if collapsed == (node in self.collapsed) or (collapsed and not self.has_replies(node)):
            return False
        if collapsed:
            self.collapsed.add(node)
        else:
            self.collapsed.discard(node)
        self.refresh_visible()
        return True

    def collapse_all(self) -> None:
        self.collapsed = {node for node in range(len(self.comments)) if self.has_replies(node)}
        self.refresh_visible()

    def expand_all(self) -> None:
        self.collapsed = set()
        self.refresh_visible()

    def shown_ancestor(self, node: int) -> int:
        """The node itself if visible, else its nearest ancestor that is."""
        chain = [node]
        while self.parent[chain[-1]] >= 0:
            chain.append(self.parent[chain[-1]])
        for candidate in reversed(chain):  # from the top: the first collapsed one hides the rest
            if candidate in self.collapsed:
                return candidate
        return node

    def sibling(self, node: int, step: int) -> int | None:
        """The next (step=1) or previous (step=-1) node with the same parent."""
        if step > 0:
            following = self.end[node]
            if following < len(self.comments) and self.parent[following] == self.parent[node]:
                return following
            return None
        parent = self.parent[node]
        start = parent + 1 if parent >= 0 else 0
        previous = None
        candidate = start
        while candidate < node:
            previous = candidate
            candidate = self.end[candidate]
        return previous

    def top_level(self, node: int, step: int) -> int | None:
        """The next (step=1) top-level node after `node`'s own, or the previous (step=-1): from a
        reply, its own top-level comment first, as a reader going back expects."""
        top = node
        while self.parent[top] >= 0:
            top = self.parent[top]
        if step < 0 and top != node:
            return top
        return self.sibling(top, step)

    def index_of(self, comment_id: str) -> int | None:
        for index, comment in enumerate(self.comments):
            if comment.id == comment_id:
                return index
        return None
