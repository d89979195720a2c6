"""A search snippet does not say the title again: the title is shown just before it.

Yelp reviews have no title; the first sentence titles them, so `tui-reader search breakfast`
printed `Great place for breakfast!  — Great place for breakfast! I had…`, and a match in any
title printed the title twice. A match in the title, or a query of filters only, shows the text's
first words as a list row's excerpt has them; a match in the first paragraph shows the words
after a title made from it. The app's rows and the CLI both take the snippet from `locate`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli import main
from tui_reader.core.content.models import Review
from tui_reader.core.importers.common import title_from
from tui_reader.core.search.hits import locate
from tui_reader.core.search.query import parse_query

BODY = "Great place for breakfast! I had the waffle, which was fluffy and perfect, and the coffee was hot."


def untitled(body: str = BODY) -> Review:
    return Review("y", title_from(body, "x"), "x", (body,), format="yelp")


def hit_for(review: Review, query: str) -> tuple[str, str, list[str]]:
    hit = locate(review, 0, 1, parse_query(query), [], [])
    return hit.kind, hit.snippet, [hit.snippet[s:e] for s, e in hit.spans]


def test_a_match_in_a_title_made_from_the_text_shows_the_words_after_it() -> None:
    assert hit_for(untitled(), "breakfast") == (
        "title",
        "I had the waffle, which was fluffy and perfect, and the coffee was hot.",
        [],
    )


def test_a_query_of_filters_only_shows_the_words_after_the_title() -> None:
    _, shown, _ = hit_for(untitled(), "is:unread")
    assert shown.startswith("I had the waffle")


def test_a_match_just_after_the_title_is_shown_without_it() -> None:
    kind, shown, lit = hit_for(untitled(), "waffle")
    assert kind == "body" and shown.startswith("I had the waffle") and lit == ["waffle"]
    assert "breakfast" not in shown


def test_a_title_cut_from_a_long_first_sentence_is_not_said_again() -> None:
    body = (
        "Our family returned for breakfast again this weekend and the food and service was again "
        "impeccable in every way we could have asked for. Highly recommend."
    )
    review = untitled(body)
    assert review.title.endswith("…")
    _, shown, _ = hit_for(review, "recommend")
    assert not shown.lstrip("…").startswith("Our family")
    _, shown, _ = hit_for(review, "family")
    assert shown.startswith("was again impeccable")


def test_a_title_the_site_gave_is_not_said_again_and_the_text_is_not_cut() -> None:
    """Amazon's summary "Great" over "Greatest purchase…": the text keeps its first word."""
    review = Review("a", "Great", "x", ("Greatest purchase I made this year.",), format="amazon")
    assert hit_for(review, "great") == ("title", "Greatest purchase I made this year.", [])


def test_a_body_match_elsewhere_keeps_its_place() -> None:
    review = Review("t", "Nice stay", "x", ("The room was clean. " * 8 + "The breakfast was cold.",), format="table")
    kind, shown, lit = hit_for(review, "breakfast")
    assert kind == "body" and shown.startswith("…") and lit == ["breakfast"]


def test_the_cli_says_the_title_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = {"review_id": "BiTunyQ73aT9WBnpR9DZGw", "user_id": "OyoGAe7OKpv6SyGZT5g77Q",
              "business_id": "7ATYjTIgM3jUlt4UM3IypQ", "stars": 5.0, "useful": 1, "funny": 0, "cool": 0,
              "text": BODY, "date": "2018-01-02 10:00:00"}  # fmt: skip
    (tmp_path / "review.json").write_text(json.dumps(record) + "\n")
    assert main(["import", str(tmp_path / "review.json")]) == 0
    capsys.readouterr()
    for query in ("breakfast", "waffle", "stars:5"):
        assert main(["search", query]) == 0
        [line] = capsys.readouterr().out.splitlines()
        assert line.count("Great place for breakfast!") == 1, line
        assert "  — I had the waffle" in line
