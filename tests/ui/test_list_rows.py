"""What a list row says: title and marks, then author · date · rating and the body's first words."""

from __future__ import annotations

from tests.ui.conftest import AppFactory, seed_reviews
from tui_reader.core.content.models import Review
from tui_reader.ui.app import ReaderApp


def second_line(app: ReaderApp, row: int) -> str:
    return app.main.review_list.render_line(row * 2 + 1).text.strip()


async def test_a_plain_text_row_shows_how_the_body_begins_not_a_blank_line(make_app: AppFactory) -> None:
    seeds = seed_reviews()
    app = make_app(seeds)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        for row, review in enumerate(seeds):
            line = second_line(app, row).rstrip("…")
            assert line and not line.startswith(review.title)  # the glued title is not repeated
            assert " ".join(review.paragraphs[0].split()).find(line) != -1


async def test_a_row_puts_author_and_rating_before_the_excerpt_and_its_age_in_a_column(
    make_app: AppFactory,
) -> None:
    review = Review("r1", "Title", "t", ("Opening words of the body.",), author="Ann", date="2024-05-01", rating=8)
    app = make_app([review])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        line = second_line(app, 0)
        assert line.startswith("Ann · rating 8 — Opening")
        assert line.endswith("  2 y") and "2024" not in line  # an age people read, not an ISO date


async def test_a_narrow_row_keeps_the_subject_whole_and_the_first_words_take_the_rest(make_app: AppFactory) -> None:
    """Cutting the subject for the first words made things look alike: two hotels both read
    `Hotel D… · place — Fantastic Hotel…`. The name comes first; the reading pane has the words."""
    from tui_reader.core.content.models import Subject

    words = "Fantastic hotel, great staff and a view over the river from every room."
    names = ("Hotel Dom Henrique", "Hotel Da Baixa")
    reviews = [
        Review(f"r{n}", "Fantastic Hotel", "t", (words,), rating=9, rating_max=10, subject=Subject(name, "place"))
        for n, name in enumerate(names)
    ]
    for size in ((140, 40), (80, 24)):
        app = make_app(reviews)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            lines = [second_line(app, row) for row in range(len(names))]
            assert lines[0].startswith("Hotel Dom Henrique ") and lines[1].startswith("Hotel Da Baixa "), lines


def test_a_cut_subject_drops_its_year_before_its_name_and_an_id_is_whole_or_left_out() -> None:
    """At 140x40 a Steam row read `✗ not recommended · S…(2019)`: the year, taken for an id, was kept
    and the name lost. A name made of the thing's id is shown whole or not at all: rows read
    `Amazon prod…1384719342` and `Steam a…646570`, fragments the README said were never shown."""
    from rich.cells import cell_len

    from tui_reader.ui.widgets.row_about import cut_name

    assert cut_name("Slay the Spire (2019)", 16) == "Slay the Spire"
    assert cut_name("Slay the Spire (2019)", 8) == "Slay th…"
    assert cut_name("Her (2013)", 20) == "Her (2013)"  # it fits: whole
    assert cut_name("The Incomprehensibilities of Everything", 20) == "The Incomprehensibi…"  # a long word, no id
    assert cut_name("Amazon product 1384719342", 24, whole=True) == ""
    assert cut_name("Amazon product 1384719342", 25, whole=True) == "Amazon product 1384719342"
    assert cut_name("Blade Runner 2049 (2017)", 16) == "Blade Runner 20…"  # a real name, cut as names are
    for name in ("Slay the Spire (2019)", "Yelp business ZdHfAEkMQPVcOBNgGhMAKQ", "北京饭店 (2019)", "x"):
        for width in range(0, 30):
            for whole in (False, True):
                shown = cut_name(name, width, whole=whole)
                assert cell_len(shown) <= width
                assert not whole or shown in ("", name, name.removesuffix(" (2019)"))


def amazon_and_yelp(author: str = "cassandra tu") -> list[Review]:
    """Reviews as the Amazon and Yelp importers make them: the thing named by its id (and its ref)."""
    from tui_reader.core.content.models import Subject

    names = (("Amazon product 1384719342", "asin:1384719342"), ("Yelp business 7ATYjTIgM3jUlt4UMCCGweYzItg", ""))
    return [
        Review(
            f"r{n}",
            "Great strings for the price",
            "t",
            ("Words.",),
            votes=13,
            voters=14,
            format="amazon",
            subject=Subject(name, "product", ref=ref or f"yelp:{name.split()[-1]}"),
            author=author,
            rating=5.0,
            rating_max=5,
            date="2014-02-28",
        )
        for n, (name, ref) in enumerate(names)
    ]


async def test_a_row_never_shows_part_of_an_id_it_says_the_kind_and_votes_instead(make_app: AppFactory) -> None:
    """At 140x40 rows read `Amazon prod…1384719342` and `13/14 helpful · produ…`: a name made of an
    id is shown whole where it fits, else left out; nor is the kind cut (`produ…`): whole or left out."""
    reviews = amazon_and_yelp()
    for size in ((140, 40), (80, 24), (200, 40)):
        app = make_app(reviews)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for row, review in enumerate(reviews):
                line = second_line(app, row)
                assert review.subject is not None
                name = review.subject.name
                assert "13/14 helpful" in line, line
                words = set(line.replace("…", " ").split())
                first, *_, last = name.split()
                assert name in line or not any(part in line for part in (first, last[:3])), line  # whole or none
                assert "product" in words or "produ" not in line, line  # the kind whole or not at all
                if name not in line:
                    assert line.startswith("product · 13/14 helpful"), line


async def test_a_reviewer_named_only_by_an_id_is_no_name_and_a_name_is_never_cut(make_app: AppFactory) -> None:
    """`1 helpful · place · EZj…` was a Yelp reviewer's id cut to three letters, and Letterboxd rows
    read `1948 · film · brendanmc…` with no words: a name is shown whole, when the first words keep
    room after it, else left out; an id is not a name (as `Y` does not cite it)."""
    from tui_reader.core.content.models import Subject

    hamlet = Review(
        "h",
        "Hamlet",
        "t",
        ("Not a faithful adaptation, but a faithful one would have a runtime of 9 hours.",),
        author="brendanmcc02",
        rating=4.5,
        rating_max=5,
        date="2020-06-13",
        subject=Subject("Hamlet", "film", 1948, ref="letterboxd:https://boxd.it/1ziq"),
    )
    yelp = Review(
        "y",
        "Food was great.",
        "t",
        ("Food was great, the service slow.",),
        author="EZjT2yCmT3ZbQm3RNeGgUw",
        rating=2,
        rating_max=5,
        votes=1,
        format="yelp",
        date="2016-01-02",
        subject=Subject("Yelp business W6S482dRQ_9nCcLjfv8VNg", "place", ref="yelp:W6S482dRQ_9nCcLjfv8VNg"),
    )
    for size in ((140, 40), (80, 24), (200, 40)):
        app = make_app([hamlet, yelp])
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            film, place = second_line(app, 0), second_line(app, 1)
            assert film.startswith("1948 · film "), film
            assert "brendanmcc02 — Not" in film or ("brendan" not in film and "— Not a" in film), film
            assert "EZj" not in place, place
            if size == (140, 40):
                assert film.startswith("1948 · film — Not a"), film  # the words, not a name cut short
                assert "place · 1 helpful — Fo" in place, place


def test_an_id_that_does_not_fit_whole_is_left_out() -> None:
    from tui_reader.ui.widgets.row_about import cut_name

    assert cut_name("Amazon product 1384719342", 11, whole=True) == ""
    assert cut_name("B000068NVI", 6, whole=True) == ""
    assert cut_name("Amazon product 1384719342", 30, whole=True) == "Amazon product 1384719342"
