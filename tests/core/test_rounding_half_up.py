"""An average or a rating shown rounded is rounded half up, by one function, everywhere it is shown."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.core.test_cli import run
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.content.ratings import average_text, half_up, number, rating_text, star_glyphs
from tui_reader.core.store import Store

FILM = Subject("Stanley & Iris", "film", 1990, ref="imdb:tt0100680")


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [(4.25, 1, 4.3), (4.24, 1, 4.2), (1.15, 1, 1.2), (2.35, 1, 2.4), (7.25, 1, 7.3), (4.125, 2, 4.13), (2.5, 0, 3.0)],
)
def test_halves_go_up(value: float, places: int, shown: float) -> None:
    assert half_up(value, places) == shown


def test_the_texts_round_as_people_do() -> None:
    assert average_text(4.25) == "★★★★½ 4.3"  # was `★★★★☆ 4.2`: the glyphs and the number both rounded down
    assert star_glyphs(1.25) == "★½☆☆☆"
    assert number(7.25) == "7.25" and number(7.335) == "7.34"  # a rating as the source wrote it, to two places
    assert rating_text(7.25, 10) == "★★★½☆ 7.25/10"


def test_the_subjects_command_says_4_3_for_an_average_of_4_25(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tester's subject rated 4.5 and 4 (and 4.5 and 4): `★ 4.2` where they expected 4.3."""
    data = tmp_path / "d"
    ratings = (4.5, 4.0, 9.0, 8.0)  # on 5, 5, 10, 10: 4.5, 4, 4.5, 4 stars
    scales = (5, 5, 10, 10)
    Store(data).library.add(
        [
            Review(f"r{n}", f"review {n}", f"x/{n}", ("text",), rating=r, rating_max=m, subject=FILM)
            for n, (r, m) in enumerate(zip(ratings, scales, strict=True))
        ]
    )
    code, out, _ = run(capsys, "--data-dir", str(data), "subjects")
    assert code == 0 and out == "Stanley & Iris (1990)  film  4 reviews  ★ 4.3\n"
    _, out, _ = run(capsys, "--data-dir", str(data), "subjects", "--json")
    assert orjson.loads(out)["average"] == 4.25
