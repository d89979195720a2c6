"""Where a review is on the web, said the same by the reading pane's head, `O`, `o`, `show` and `Y`.

The first Amazon review's head read `amazon-Musical_Instruments_5.json` (an import file's name),
`O` said `This review has no web page: it came from a file`, while `Y` cited the product's page.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.ui.conftest import AppFactory, until
from tests.ui.test_formatted_reading import launched, opened  # noqa: F401  # (a fixture)
from tui_reader.cli import main
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.content.pages import Page, page_of
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.personal.citing import citation
from tui_reader.core.store import Store
from tui_reader.ui.screens.links import LinksScreen
from tui_reader.ui.state.remembered import UiState
from tui_reader.ui.widgets.reading_layout import META

SOURCE = "/home/ann/corpora/amazon-Musical_Instruments_5.json"
PRODUCT = "https://www.amazon.com/dp/1384719342"


def amazon() -> Review:
    return Review(
        "amazon1",
        "good",
        SOURCE,
        ("Not much to write about here, but it does exactly what it's supposed to.",),
        author="cassandra tu",
        date="2014-02-28",
        rating=5,
        rating_max=5,
        format="amazon",
        subject=Subject("Amazon product 1384719342", "product", ref="asin:1384719342"),
    )


def test_a_review_s_page_is_its_own_else_its_subject_s_said_as_such() -> None:
    her = Subject("Her", "film", 2013, ref="letterboxd:https://boxd.it/4ZQe")
    own = Review("l", "Her", "reviews.csv", ("p",), url="https://boxd.it/1bCyx7", subject=her)
    assert page_of(own) == Page("https://boxd.it/1bCyx7")
    assert page_of(own.__class__("l2", "Her", "reviews.csv", ("p",), subject=her)) == Page(
        "https://boxd.it/4ZQe", "film"
    )
    assert page_of(amazon()) == Page(PRODUCT, "product")
    assert page_of(amazon()).said() == "amazon.com/dp/1384719342 (the product's page)"  # type: ignore[union-attr]
    book = Subject("Piranesi", "book", 2020, ref="isbn:9781526622426")
    goodreads = Review("g", "Piranesi", "goodreads_library_export.csv", ("p",), format="goodreads", subject=book)
    assert page_of(goodreads) == Page("https://www.goodreads.com/book/isbn/9781526622426", "book")
    assert page_of(Review("c", "Piranesi", "books.csv", ("p",), subject=book)) is None  # an ISBN is no site's
    hotel = Subject("Hotel des Patients", "place", ref="hotelid:11761198")
    assert page_of(Review("t", "Lovely", "tripadvisor-hotels-All.csv", ("p",), subject=hotel)) is None
    assert page_of(Review("s", "her", "seeds/003_ff4e0dad539df47f.txt", ("p",))) is None
    assert page_of(Review("x", "t", "f.txt", ("p",), url="javascript:alert(1)")) is None  # no web page


async def test_the_head_names_the_page_o_opens_and_never_the_import_file(
    make_app: AppFactory,
    opened: list[str],  # noqa: F811  # the fixture
) -> None:
    for size in ((140, 40), (80, 24)):
        app = make_app([amazon()], state=UiState(review_id="amazon1"))
        async with app.run_test(size=size) as pilot:
            reading = app.main.reading
            await pilot.press("2")  # at 80x24 one pane at a time
            await until(pilot, lambda: reading.size.width > 40)  # noqa: B023  # awaited here
            await pilot.pause()
            meta = [line.text for line in reading.lines if line.kind == META]
            assert "amazon.com/dp/1384719342" in meta or "amazon.com/dp/1384719342 (the product's page)" in meta
            assert "(the product's page)" in " ".join(meta), meta  # the address whole, on a line of its own
            assert "Musical_Instruments" not in " ".join(meta) and ".json" not in " ".join(meta)
            await pilot.press("O")
            await launched(pilot)
            assert opened[-1] == PRODUCT
            assert citation(amazon(), Anchor("amazon1")).url == PRODUCT  # what `Y` cites
            await pilot.press("o")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, LinksScreen)
            assert (screen.links[0].text, screen.links[0].url) == ("the product's page", PRODUCT)
            await pilot.press("escape")


def test_show_prints_the_page_not_the_file_and_its_json_keeps_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "lib"
    Store(data).library.add([amazon()])
    assert main(["--data-dir", str(data), "show", "amazon1"]) == 0
    meta = capsys.readouterr().out.splitlines()[1]
    assert meta.endswith(f"· {PRODUCT} (the product's page)") and ".json" not in meta, meta
    assert main(["--data-dir", str(data), "show", "--json", "amazon1"]) == 0
    doc = orjson.loads(capsys.readouterr().out)
    assert doc["source"] == SOURCE and doc["url"] is None  # the file stays where scripts found it


def test_show_of_a_plain_text_review_names_no_file_and_leaves_no_empty_meta_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled seed's `show` said `003_ff4e0dad539df47f.txt` under its title: a file is no place
    a reader can go. With nothing else to say, the text follows the title after one blank line."""
    data = tmp_path / "lib"
    Store(data).library.add(
        [Review("seed", "her", "seeds/003_ff4e0dad539df47f.txt", ("In the not too distant future.",))]
    )
    assert main(["--data-dir", str(data), "show", "seed"]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == ["her", "", "In the not too distant future."]


async def test_a_threads_own_page_is_the_posts_and_a_long_title_wraps_in_the_links_list(make_app: AppFactory) -> None:
    """`o` on a Reddit thread said `this review's page`, and cut its long title at the edge."""
    title = "This Is the Most Detailed Map of Antarctica Ever Made - Scientists compiled decades of data " * 2
    url = "https://www.reddit.com/r/science/comments/1jqqzl1/"
    post = Review("r1", title, "t.json", ("Look.",), url=url, format="reddit")
    assert page_of(post) == Page(url, own="post") and page_of(post).label == "this post's page"  # type: ignore[union-attr]
    app = make_app([post], state=UiState(review_id="r1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LinksScreen)
        assert screen.links[0].text == "this post's page"
        heading = screen.query_one(".title")
        assert heading.size.height > 1 and heading.size.width < 100  # wrapped in the dialog, not cut
