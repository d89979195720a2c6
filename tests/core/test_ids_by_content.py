"""What a file gives no id is named by what it says, never by where it is.

A table row without an id column was named by its line number, a plain-text comment by its
place in the thread (`2.1`): deleting one row or comment above another gave its id to the next
one, and a newer export with rows added at the top (newest first) shifted every id, so notes
and bookmarks sat on other reviews and comments. Now the same words give the same id wherever
they are; the second copy of a row or reply, word for word, gets its own.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text, write
from tests.core.test_import_truth_hnpage import comment, page
from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.importers import parse_file

HEADER = ["author", "date", "rating", "helpful", "review"]


def table(rows: list[list[str]], header: list[str] = HEADER) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def row(n: int, rating: str = "4", helpful: str = "0") -> list[str]:
    return [f"user{n % 3}", f"2024-01-{n % 28 + 1:02d}", rating, helpful, f"Review number {n}: the room was fine."]


def ids_by_text(reviews: list[Review]) -> dict[tuple[str, int], str]:
    """(text, which copy of it) -> id: what must not change when rows move."""
    seen: Counter[str] = Counter()
    ids = {}
    for review in reviews:
        seen[review.body] += 1
        ids[(review.body, seen[review.body])] = review.id
    return ids


def read_rows(folder: Path, rows: list[list[str]]) -> list[Review]:
    return parse_file(write(folder, "All.csv", table(rows))).reviews


edits = st.lists(st.integers(0, 30), min_size=1, max_size=12)  # row numbers: repeats are rows copied word for word


@settings(max_examples=60, deadline=None)
@given(before=edits, after=edits)
def test_a_rows_id_is_its_words_wherever_it_is_and_whatever_came_before(
    tmp_path_factory: pytest.TempPathFactory, before: list[int], after: list[int]
) -> None:
    """Any reordering, insertion or deletion (`after` is any other list of the same rows): a row
    that is in both files has the same id in both, its n-th copy too; all are kept."""
    folder = tmp_path_factory.mktemp("t")
    first = read_rows(folder, [row(n) for n in before])
    second = read_rows(folder, [row(n) for n in after])
    assert len({review.id for review in first}) == len(before)  # copies word for word: each kept
    old, new = ids_by_text(first), ids_by_text(second)
    assert {key: new[key] for key in old.keys() & new.keys()} == {key: old[key] for key in old.keys() & new.keys()}
    assert not (set(old.values()) - {old[key] for key in old.keys() & new.keys()}) & set(new.values())


def test_the_brief_case_beta_keeps_its_id_when_alpha_is_deleted(tmp_path: Path) -> None:
    text = "author,review\nann,Alpha is a review\nbob,Beta is a review\ncyd,Gamma is a review\n"
    before = {r.body: r.id for r in parse_text(tmp_path, "t.csv", text).reviews}
    after = {r.body: r.id for r in parse_text(tmp_path, "t.csv", text.replace("ann,Alpha is a review\n", "")).reviews}
    assert after == {"Beta is a review": before["Beta is a review"], "Gamma is a review": before["Gamma is a review"]}


def test_a_corrected_rating_or_new_votes_keep_the_id_and_new_words_do_not(tmp_path: Path) -> None:
    """The rating, votes and tags are what a newer export corrects or counts again: still the same review."""
    (first,) = read_rows(tmp_path, [row(1)])
    (rated,) = read_rows(tmp_path, [row(1, rating="2", helpful="57")])
    assert (rated.id, rated.rating, rated.votes) == (first.id, 2, 57)
    reworded = row(1)
    reworded[-1] += " And the breakfast."
    (edited,) = read_rows(tmp_path, [reworded])
    assert edited.id != first.id
    by_someone_else = row(1)
    by_someone_else[0] = "zed"
    assert read_rows(tmp_path, [by_someone_else])[0].id != first.id


def test_an_id_column_still_names_the_row(tmp_path: Path) -> None:
    first = parse_text(tmp_path, "t.csv", "id,review\n7,Some words here\n").reviews[0]
    second = parse_text(tmp_path, "t.csv", "id,review\n7,Other words now\n").reviews[0]
    assert first.id == second.id  # the site's id: an edit is an update of the same review


def test_the_same_export_saved_under_another_name_or_folder_is_the_same_reviews(tmp_path: Path) -> None:
    """`All (1).csv` from a browser, or the export saved in ~/Downloads, imported every row again
    beside the first, the notes left on the first copies. A bare text names its row in its file only:
    "Great!" in two files is two reviews."""
    rows = [row(n) for n in range(5)]
    for folder in ("a", "b", "Downloads"):
        (tmp_path / folder).mkdir()
    first = parse_file(write(tmp_path / "a", "All.csv", table(rows))).reviews
    again = parse_file(write(tmp_path / "Downloads", "All (1).csv", table(rows))).reviews
    assert [r.id for r in again] == [r.id for r in first]
    bare = table([["5", "Great!"]], header=["rating", "review"])
    one = parse_file(write(tmp_path / "a", "x.csv", bare)).reviews[0]
    other = parse_file(write(tmp_path / "b", "y.csv", bare)).reviews[0]
    assert one.id != other.id


def test_json_lines_rows_are_named_by_their_words_too(tmp_path: Path) -> None:
    lines = ['{"text": "First review words"}', '{"text": "Second review words"}']
    before = {r.body: r.id for r in parse_text(tmp_path, "r.jsonl", "\n".join(lines) + "\n").reviews}
    after = {r.body: r.id for r in parse_text(tmp_path, "r.jsonl", lines[1] + "\n").reviews}
    assert after == {"Second review words": before["Second review words"]}


THREAD_HEAD = "A film\n\nThe review's own words.\n\n"


def thread(bodies: list[str]) -> str:
    return THREAD_HEAD + "".join(f"  {n}. {body}\n" for n, body in enumerate(bodies, start=1))


def comment_ids(tmp_path: Path, text: str) -> dict[str, str]:
    (review,) = parse_text(tmp_path, "003_her.txt", text).reviews
    return {c.body: c.id for _, c in walk_comments(review.comments)}


@settings(max_examples=60, deadline=None)
@given(before=st.lists(st.integers(0, 20), min_size=1, max_size=8, unique=True), data=st.data())
def test_a_comment_keeps_its_id_when_others_are_deleted_added_or_moved(
    tmp_path_factory: pytest.TempPathFactory, before: list[int], data: st.DataObject
) -> None:
    after = data.draw(st.lists(st.integers(0, 20), min_size=1, max_size=8, unique=True))
    folder = tmp_path_factory.mktemp("c")
    old = comment_ids(folder, thread([f"Comment {n} says this." for n in before]))
    new = comment_ids(folder, thread([f"Comment {n} says this." for n in after]))
    both = old.keys() & new.keys()
    assert {body: new[body] for body in both} == {body: old[body] for body in both}
    assert not (set(old.values()) - {old[body] for body in both}) & set(new.values())


def test_the_brief_case_a_note_on_i_agree_cannot_pass_to_the_next_comment(tmp_path: Path) -> None:
    bodies = ["Good review.", "I agree with your assertions.", "A faultless movie in many ways."]
    before = comment_ids(tmp_path, thread(bodies))
    after = comment_ids(tmp_path, thread([bodies[0], bodies[2]]))
    assert after == {bodies[0]: before[bodies[0]], bodies[2]: before[bodies[2]]}


def test_the_same_reply_to_other_words_and_a_repeated_reply_are_kept_apart(tmp_path: Path) -> None:
    text = THREAD_HEAD + "  1. Great film.\n    1. Agreed.\n    2. Agreed.\n  2. Dull film.\n    1. Agreed.\n"
    (review,) = parse_text(tmp_path, "t.txt", text).reviews
    agreed = [c for _, c in walk_comments(review.comments) if c.body == "Agreed."]
    assert len({c.id for c in agreed}) == 3
    assert [c.parent for c in agreed[:2]] == [review.comments[0].id] * 2


def test_a_reply_is_named_with_the_words_it_answers(tmp_path: Path) -> None:
    """A reply kept under a parent whose words changed is another reply: its notes are kept aside."""
    first = comment_ids(tmp_path, THREAD_HEAD + "  1. Great film.\n    1. Agreed.\n")
    second = comment_ids(tmp_path, THREAD_HEAD + "  1. Great film, truly.\n    1. Agreed.\n")
    assert first["Agreed."] != second["Agreed."]


def test_a_saved_hn_page_row_without_its_id_is_named_by_its_words(tmp_path: Path) -> None:
    def rows(numbers: list[int]) -> list[str]:
        made = [comment(300 + n, 0, f"u{n}", f"Words of comment {n}") for n in numbers]
        return [r.replace(f' id="{300 + n}">', ">", 1) for r, n in zip(made, numbers, strict=True)]

    def ids(numbers: list[int]) -> dict[str, str]:
        (review,) = parse_text(tmp_path, "item.html", page(rows(numbers))).reviews
        return {c.body: c.id for _, c in walk_comments(review.comments)}

    before, after = ids([0, 1, 2]), ids([1, 2])
    assert after == {body: before[body] for body in after} and len(after) == 2
