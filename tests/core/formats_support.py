"""Helpers for the format tests: an importer's output reduced to what a reader sees of a thread."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from tui_reader.core.content.models import Comment, Review, walk_comments
from tui_reader.core.importers import Parsed, parse_file


def shape(comments: Sequence[Comment]) -> list[tuple[int, str]]:
    """(depth, author) in reading order: replies under their parent, in order."""
    return [(depth, comment.author) for depth, comment in walk_comments(tuple(comments))]


def expected_shape(
    order: Sequence[str], parent: Mapping[str, str | None], author: Mapping[str, str]
) -> list[tuple[int, str]]:
    """The same, from (id, parent) records built by the test itself (order = file order)."""
    children: dict[str | None, list[str]] = {}
    for item in order:
        children.setdefault(parent[item], []).append(item)
    out: list[tuple[int, str]] = []
    stack = [(item, 0) for item in reversed(children.get(None, []))]
    while stack:
        item, depth = stack.pop()
        out.append((depth, author[item]))
        stack += [(child, depth + 1) for child in reversed(children.get(item, []))]
    return out


def max_depth(review: Review) -> int:
    """Deepest reply level (0 = only top-level comments, -1 = no comments)."""
    return max((depth for depth, _ in walk_comments(review.comments)), default=-1)


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def parse_text(folder: Path, name: str, data: str | bytes, format_name: str | None = None) -> Parsed:
    return parse_file(write(folder, name, data), format_name)
