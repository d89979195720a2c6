"""Hits read the review's text from the store without its models, and say exactly what the models say.

The store's `text_at` reads the stored document's text fields directly; these tests hold it
equal to the model path (`get_at` then `ReviewText.of`) field by field, hit by hit and line by
line of `tui-reader search`, on a small library of every shape: formats, nested threads,
subjects, tags, accents, CJK and hostile text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile import FORBIDDEN_IN_OUTPUT, hostile_text
from tui_reader.cli import main
from tui_reader.core.content.models import Comment, Review, Subject, walk_comments
from tui_reader.core.content.review_text import ReviewText
from tui_reader.core.content.text import visible
from tui_reader.core.search import SearchIndex, parse_query
from tui_reader.core.search.hits import _first_candidate, locate
from tui_reader.core.search.tokens import fast_fold
from tui_reader.core.store import Store

QUERIES = ["kettle", "café", "strasse", "电影", "deep", '"the kettle"', "kettle -boiled", "ket*", "[bold", "redis", "x"]


def _thread(number: int) -> tuple[Comment, ...]:
    deep = Comment(f"d{number}", f"a deep reply about the kettle {number}", "eve")
    middle = Comment(f"m{number}", "the *kettle* boiled over", "bob", replies=(deep,))
    return (
        Comment(f"a{number}", "a link: [elsewhere](https://example.org/kettle)", "ann", replies=(middle,)),
        Comment(f"h{number}", hostile_text(number), "mallory", score=3),
        Comment(f"c{number}", "Straße café 电影很好看 naïve", "zoë"),
    )


def _reviews() -> list[Review]:
    formats = ["text", "reddit", "wxr", "plaintext", "markdown"]
    reviews = []
    for number in range(12):
        reviews.append(
            Review(
                id=f"r{number:02d}",
                title=["The Kettle", "Nothing", "Café 电影", hostile_text(number)][number % 4],
                source=f"x/{number}",
                paragraphs=tuple(
                    [
                        "See **Redis** and the [docs](https://redis.io/docs) for more.",
                        f"paragraph {number} with the kettle and strasse",
                        hostile_text(number + 1),
                    ][: number % 4]
                ),
                subtitle="a deep subtitle" if number % 3 == 0 else None,
                format=formats[number % len(formats)],
                comments=_thread(number) if number % 2 else (),
                subject=Subject("Kettle Film", "film", 2001, "Deep Director") if number % 5 == 0 else None,
                tags=("café", "deep") if number % 4 == 1 else (),
            )
        )
    return reviews


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data")
    store.library.add(_reviews())
    return store


def test_the_store_text_is_the_models_text(store: Store) -> None:
    library = store.library
    for position in range(len(library)):
        review = library.get_at(position)
        assert review is not None
        assert library.text_at(position) == ReviewText.of(review)
        # a phrase is checked on the same text as it was from the models
        parts = [review.title, review.subtitle or "", *review.paragraphs, *review.tags]
        if review.subject is not None:
            parts += [review.subject.name, review.subject.creator or ""]
        parts += [comment.body for _, comment in walk_comments(review.comments)]
        assert ReviewText.of(review).searchable() == "\n".join(parts)


def test_every_hit_is_the_model_paths_hit(store: Store) -> None:
    index = SearchIndex.open(store)
    for text in QUERIES:
        result = index.search(text, check_budget=None)
        assert len(result) or text in ("x",), text
        for hit in result:
            review = store.library.get_at(hit.position)
            assert review is not None
            assert hit == locate(review, hit.position, hit.score, parse_query(text), [], [])
            assert not any(bad in hit.snippet for bad in FORBIDDEN_IN_OUTPUT)


def test_the_command_prints_what_the_model_path_prints(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    for text in QUERIES:
        code = main(["--data-dir", str(store.data_dir), "search", "--", text])
        out = capsys.readouterr().out
        result = SearchIndex.open(store).search(text, check_budget=None)
        expected = []
        for position in result.positions:
            review = store.library.get_at(position)
            assert review is not None
            score = 2 if result[result.positions.index(position)].score == 2 else 1
            hit = locate(review, position, score, parse_query(text), [], [])
            summary = store.library.summary(position)
            title = visible(summary.title, single_line=True)
            said = f"  — {hit.snippet}" if hit.snippet else ""  # a review all title: no dash before nothing
            expected.append(f"{hit.review_id[:10]}  {summary.comment_count:>4}  {title}{said}\n")
        assert out == "".join(expected), text
        assert code == (0 if expected else 1)


def test_the_first_field_that_matches_is_found_when_a_field_holds_the_separator_or_a_phrase_spans_two() -> None:
    held = Review("r", "a\x1fb\x1fc", "x", ("nothing", "the kettle"))  # text added without `repair`
    hit = locate(held, 0, 1, parse_query("kettle"), [], [])
    assert (hit.kind, hit.paragraph) == ("body", 1)
    across = Review("s", "Tea with the", "x", ("kettle boiled", "then the kettle sang"))
    hit = locate(across, 0, 1, parse_query('"the kettle"'), [], [])
    assert (hit.kind, hit.paragraph) == ("body", 1) and hit.snippet == "then the kettle sang"


def test_printable_text_is_shown_as_it_is_because_nothing_printable_is_mapped() -> None:
    from tui_reader.core.content.text import _VISIBLE_MAP

    assert not [code for code in _VISIBLE_MAP if chr(code).isprintable()]
    assert visible("plain words, café 电影") == "plain words, café 电影"


FIELD_TEXT = st.text(alphabet=st.sampled_from(list("ab Kétlß\x1f电.")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    fields=st.lists(FIELD_TEXT, min_size=1, max_size=6),
    query=st.sampled_from(["ket", "a b", '"b a"', "ss", "电", "é*"]),
)
def test_the_first_candidate_is_never_past_the_first_field_that_matches(fields: list[str], query: str) -> None:
    """Every field before the one `locate` starts from fails the query alone, folded alone."""
    pattern = parse_query(query).locator
    assert pattern is not None
    start = _first_candidate(pattern, fields)
    matching = [i for i, text in enumerate(fields) if pattern.search(fast_fold(text)) is not None]
    assert start <= (matching[0] if matching else len(fields))


def test_iterating_builds_the_hits_a_window_at_a_time_as_indexing_does(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.core.search import results

    monkeypatch.setattr(results, "HITS_AT_ONCE", 5)  # 12 reviews: three windows, the last short
    index = SearchIndex.open(store)
    for text in ("kettle", "café", "deep"):
        result = index.search(text, check_budget=None)
        assert len(result) > 5, text
        fresh = index.search(text, check_budget=None)
        assert list(result) == [fresh[i] for i in range(len(fresh))], text


def test_a_window_of_hits_opens_each_shard_once(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_reader.core.store import shards

    opened: list[Path] = []
    real_open = shards.open_regular

    def counting_open(path: Path) -> int:
        opened.append(path)
        return real_open(path)

    monkeypatch.setattr(shards, "open_regular", counting_open)
    result = SearchIndex.open(store).search("kettle", check_budget=None)
    opened.clear()  # the index's own files
    hits = list(result)
    assert len(hits) > 3
    assert len(opened) == len(set(opened)) == 1  # the 12 reviews share one shard
    opened.clear()
    assert [result[i] for i in range(len(result))] == hits  # one by one (the list's rows): one open each
    assert len(opened) == len(hits)
