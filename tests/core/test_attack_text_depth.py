"""Plain-text threads from hostile or odd files (issue #14, items 3, 4 and 12).

- 127+ levels deep crashed the import (the stored document was too deep to serialise);
- 65..126 deep imported, but the export of that library could not be imported back;
- items numbered 10000 and up were not recognised and were glued into the comment before.

Plain text now goes through the shared thread builder, so its depth is capped at
MAX_DEPTH like every other format, and any item number is an item.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.formats_support import max_depth, write
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.importers import parse_file
from tui_reader.core.importers.content_ids import reply_name
from tui_reader.core.importers.threads import MAX_DEPTH, Record, build_threads
from tui_reader.core.personal.export import json_chunks
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store

HEAD = "Text deep\n\nBody.\n\n"


def indented_chain(levels: int) -> str:
    """One comment per level, each indented under the one before (the repro files' shape)."""
    return HEAD + "".join(f"{'  ' * level}{level + 1}. depth {level}\n" for level in range(levels))


def dotted_chain(levels: int) -> str:
    """The same chain written with 1.1.1. numbers instead of indentation."""
    return HEAD + "".join(f"{'.'.join(['1'] * (level + 1))}. depth {level}\n" for level in range(levels))


def parse_one(path: Path) -> Review:
    parsed = parse_file(path)
    assert len(parsed.reviews) == 1
    return parsed.reviews[0]


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 100, 130, 300])
@pytest.mark.parametrize("chain", [indented_chain, dotted_chain])
def test_deep_threads_are_capped_at_max_depth_and_storable(
    tmp_path: Path, levels: int, chain: Callable[[int], str]
) -> None:
    review = parse_one(write(tmp_path, "deep.txt", chain(levels)))
    walked = list(walk_comments(review.comments))
    assert [comment.body for _, comment in walked] == [f"depth {level}" for level in range(levels)]  # none lost
    assert [depth for depth, _ in walked] == [min(level, MAX_DEPTH) for level in range(levels)]
    assert max_depth(review) == MAX_DEPTH
    orjson.dumps(review.to_doc())  # what the library stores: raised "Recursion limit reached" at 127+


def test_replies_moved_to_the_cap_hang_under_the_last_reply_that_fits(tmp_path: Path) -> None:
    review = parse_one(write(tmp_path, "deep.txt", indented_chain(MAX_DEPTH + 3)))
    walked = list(walk_comments(review.comments))
    at_cap_parent = walked[MAX_DEPTH - 1][1]
    assert [c.body for c in at_cap_parent.replies] == [f"depth {level}" for level in range(MAX_DEPTH, MAX_DEPTH + 3)]
    assert all(reply.parent == at_cap_parent.id for reply in at_cap_parent.replies)


def test_ids_of_a_shallow_thread_are_unchanged_by_the_shared_builder(tmp_path: Path) -> None:
    """Each comment's id is the review's and its native name (its words and its parent's, `content_ids`)."""
    text = HEAD + "1. a\n  1. b\n    1. c\n  2. d\n2. e\n"
    review = parse_one(write(tmp_path, "t.txt", text))
    parents = {"a": None, "b": "a", "c": "b", "d": "a", "e": None}
    for _, comment in walk_comments(review.comments):
        assert comment.id == stable_id(review.id, reply_name({}, parents[comment.body], comment.body))
    a, e = review.comments
    assert (a.parent, e.parent, a.replies[0].parent) == (None, None, a.id)


def test_a_deep_file_does_not_cost_the_other_files_of_the_import(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a_good.txt", "Good review\n\nBody.\n")
    write(folder, "b_deep.txt", indented_chain(130))
    store = Store(tmp_path / "lib")
    report = import_paths(store, [folder], index=False)
    assert report.failed_files == 0
    assert (report.new, report.comments) == (2, 130)
    deep = next(r for r in store.library.iter_reviews() if r.title == "Text deep")
    assert max_depth(deep) == MAX_DEPTH


def test_export_of_a_library_with_a_deep_text_thread_imports_back_whole(tmp_path: Path) -> None:
    store = Store(tmp_path / "lib")
    import_paths(store, [write(tmp_path, "deep.txt", indented_chain(100))], index=False)
    review = next(store.library.iter_reviews())
    store.user.add_note(Anchor(review.id, paragraph=0), "my precious note")
    backup = write(tmp_path, "backup.json", b"".join(json_chunks(store)))
    restored = Store(tmp_path / "restore")
    report = import_paths(restored, [backup], index=False)
    assert report.failed_files == 0, report.summary_line()
    assert [n.text for n in restored.user.snapshot().notes] == ["my precious note"]
    assert b"".join(json_chunks(restored)) == backup.read_bytes()


def test_items_numbered_10000_and_up_are_items(tmp_path: Path) -> None:
    text = HEAD + "".join(f"  {n}. comment {n}\n" for n in range(1, 10006))
    review = parse_one(write(tmp_path, "many.txt", text))
    assert len(review.comments) == 10005
    assert review.comments[9999].body == "comment 10000"
    assert review.comments[-1].body == "comment 10005"


def test_item_numbers_of_any_length_are_items(tmp_path: Path) -> None:
    huge = "9" * 5000  # more digits than int() accepts by default
    text = HEAD + f"1. first\n12345678901234567890. second\n{huge}. third\n1.{huge}. a reply\n"
    review = parse_one(write(tmp_path, "odd.txt", text))
    assert [(d, c.body) for d, c in walk_comments(review.comments)] == [
        (0, "first"),
        (0, "second"),
        (0, "third"),
        (1, "a reply"),
    ]


def _depths(steps: list[int]) -> list[int]:
    """Each item at most one level deeper than the one before; the first at top level."""
    depths = [0]
    for step in steps[1:]:
        depths.append(max(0, min(depths[-1] + 1, depths[-1] + step)))
    return depths


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 150), st.lists(st.integers(-40, 1), max_size=80), st.booleans())
def test_any_nesting_keeps_every_item_in_file_order_with_depth_capped(
    tmp_path_factory: pytest.TempPathFactory, dive: int, steps: list[int], dotted: bool
) -> None:
    depths = _depths([0] + [1] * dive + steps)  # a dive of `dive` levels, then anything
    lines, path = [], [0]
    for index, depth in enumerate(depths):
        del path[depth + 1 :]
        path += [0] * (depth + 1 - len(path))
        path[depth] += 1
        number = ".".join(map(str, path)) if dotted else str(path[depth])
        indent = "  " * (1 if dotted else depth + 1)  # the seed layout: the thread is indented under the body
        lines.append(f"{indent}{number}. item {index}\n")
    folder = tmp_path_factory.mktemp("nest")
    review = parse_one(write(folder, "t.txt", HEAD + "".join(lines)))
    walked = list(walk_comments(review.comments))
    assert [c.body for _, c in walked] == [f"item {index}" for index in range(len(depths))]
    assert [d for d, _ in walked] == [min(depth, MAX_DEPTH) for depth in depths]
    assert len({c.id for _, c in walked}) == len(walked)
    orjson.dumps(review.to_doc())


@st.composite
def forests(draw: st.DrawFn) -> list[Record]:
    """Records in file order, each replying to an earlier one (often the one just before) or top level."""
    records: list[Record] = []
    for index in range(draw(st.integers(1, 150))):
        choice = draw(st.one_of(st.just(-2), st.integers(-1, index - 1))) if index else -1
        parent = None if choice == -1 else str(index - 1 if choice == -2 else choice)
        records.append(Record(str(index), parent, f"body {index}"))
    return records


@settings(max_examples=60, deadline=None)
@given(forests())
def test_the_builder_gives_the_same_forest_whether_or_not_parents_come_first(records: list[Record]) -> None:
    """Parents-first input (plain text, our own export) takes a short cut: it builds what the general path does."""
    direct = build_threads("r", records)
    orphan = Record("orphan", "nowhere", "forces the general path")
    general = build_threads("r", [*records, orphan])
    assert general.orphans == 1
    assert general.comments[:-1] == direct.comments
    assert general.flattened == direct.flattened
    assert max(d for d, _ in walk_comments(direct.comments)) <= MAX_DEPTH
