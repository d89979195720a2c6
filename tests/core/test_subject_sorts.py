"""`S`'s orders (most reviewed, highest average weighed by how many, A–Z, newest review), and which
reviews without a subject are worth a word: a tester's 960 subjects were fixed by count, and 988
blog posts and threads were counted as "reviews with no subject"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_cli import run
from tui_reader.core.content.about import DISCUSSION_FORMATS
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.search.subject_sorts import (
    SUBJECT_SORT_KEYS,
    next_subject_sort,
    sorted_subjects,
    valid_subject_sort,
    weighted_averages,
)
from tui_reader.core.search.subjects import Unfiled, subject_stats, unfiled, without_subject
from tui_reader.core.store import Store


def thing(name: str) -> Subject:
    return Subject(name, "film", 2000)


def rated(rid: str, name: str, stars: float | None, date: str | None = None) -> Review:
    return Review(rid, rid, "t", ("x",), subject=thing(name), rating=stars, rating_max=5 if stars else None, date=date)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """One 5-star review of "Once"; ten at 4.6 on average of "Many"; three at 3 of "Zoë"; "Éclair"
    unrated (the newest); two at 4 of "apple"."""
    store = Store(tmp_path / "d")
    many = [rated(f"m{i}", "Many", 5 if i < 6 else 4, f"2020-01-{i + 1:02d}") for i in range(10)]
    store.library.add(
        [
            rated("o", "Once", 5, "2019-05-01"),
            *many,
            *(rated(f"z{i}", "Zoë", 3, "2018-01-01") for i in range(3)),
            rated("e", "Éclair", None, "2024-02-02"),
            rated("a1", "apple", 4),
            rated("a2", "apple", 4, "2021-07-07"),
        ]
    )
    return store


def names(store: Store, sort: str) -> list[str]:
    return [s.name for s in sorted_subjects(subject_stats(store), sort)]


def test_each_order(store: Store) -> None:
    assert names(store, "reviews") == ["Many", "Zoë", "apple", "Éclair", "Once"]  # ties by name
    # weighed: one 5-star review is below ten at 4.6; the unrated last
    assert names(store, "stars") == ["Many", "Once", "apple", "Zoë", "Éclair"]
    assert names(store, "name") == ["apple", "Éclair", "Many", "Once", "Zoë"]  # case and accents folded
    assert names(store, "newest") == ["Éclair", "apple", "Many", "Once", "Zoë"]  # apple's newest dated one


def test_the_weighted_average_leans_to_the_library_mean_by_how_few_reviews(store: Store) -> None:
    stats = subject_stats(store)
    by_name = dict(zip((s.name for s in stats), weighted_averages(stats), strict=True))
    assert by_name["Éclair"] is None
    assert by_name["Once"] < 5 and by_name["Many"] > by_name["Once"]
    assert abs(by_name["Many"] - 4.6) < abs(by_name["Once"] - 5)  # ten reviews move it less than one


def test_the_cycle_and_a_remembered_key_that_is_no_longer_one() -> None:
    keys = [SUBJECT_SORT_KEYS[0]]
    for _ in SUBJECT_SORT_KEYS:
        keys.append(next_subject_sort(keys[-1]))
    assert keys == [*SUBJECT_SORT_KEYS, SUBJECT_SORT_KEYS[0]]
    assert valid_subject_sort("bogus") == "reviews" and next_subject_sort("bogus") == "stars"


def test_posts_and_threads_are_no_reviews_without_a_subject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """988 WordPress posts, Disqus, Reddit and Hacker News threads were "reviews with no subject"."""
    store = Store(tmp_path / "d")
    posts = [Review(f"p{i}", "a post", "t", ("x",), format=name) for i, name in enumerate(sorted(DISCUSSION_FORMATS))]
    store.library.add(
        [*posts, Review("r", "a review", "t", ("x",), format="goodreads"), Review("x", "text", "t", ("y",))]
    )
    assert unfiled(store) == Unfiled(reviews=2, discussions=len(DISCUSSION_FORMATS))
    assert without_subject(store) == 2
    _, out, _ = run(capsys, "--data-dir", str(store.data_dir), "subjects")
    assert out == "(2 reviews without a subject: tui-reader subject set ID NAME)\n"  # the CLI counts the same
