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
    `Hotel D… · place — Fantastic Hotel…`, every Amazon row `Amazon product 138471…`. The name comes
    first; the reading pane has the words."""
    from tui_reader.core.content.models import Subject

    words = "Fantastic hotel, great staff and a view over the river from every room."
    names = ("Hotel Dom Henrique", "Hotel Da Baixa", "Amazon product 1384719342", "Amazon product 1384719350")
    reviews = [
        Review(f"r{n}", "Fantastic Hotel", "t", (words,), rating=9, rating_max=10, subject=Subject(name, "place"))
        for n, name in enumerate(names)
    ]
    for size in ((140, 40), (80, 24)):
        app = make_app(reviews)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            lines = [second_line(app, row) for row in range(len(names))]
            assert len(set(lines)) == len(lines), lines
            assert lines[0].startswith("Hotel Do") and lines[1].startswith("Hotel Da"), lines
            assert "1384719342" in lines[2] and "1384719350" in lines[3], lines  # the end, where ids differ
            if size == (140, 40):
                assert lines[0].startswith("Hotel Dom Henrique · ") and lines[1].startswith("Hotel Da Baixa · ")


def test_a_cut_subject_drops_its_year_before_its_name_and_an_id_keeps_its_end() -> None:
    """At 140x40 a Steam row read `✗ not recommended · S…(2019)`: the year, taken for an id, was kept
    and the name lost. And a Yelp id without a digit was cut at its start (`Yelp busi…`) where
    the next row's kept its end (`…Aur9o4kQQ`): ids end alike only by chance."""
    from rich.cells import cell_len

    from tui_reader.ui.widgets.lines import cut_name

    assert cut_name("Slay the Spire (2019)", 16) == "Slay the Spire"
    assert cut_name("Slay the Spire (2019)", 8) == "Slay th…"
    assert cut_name("Her (2013)", 20) == "Her (2013)"  # it fits: whole
    assert cut_name("Yelp business ZdHfAEkMQPVcOBNgGhMAKQ", 30).endswith("…ZdHfAEkMQPVcOBNgGhMAKQ")
    assert cut_name("Amazon product B000068NVI", 20) == "Amazon pr…B000068NVI"
    assert cut_name("The Incomprehensibilities of Everything", 20) == "The Incomprehensibi…"  # a long word, no id
    for name in ("Slay the Spire (2019)", "Yelp business ZdHfAEkMQPVcOBNgGhMAKQ", "北京饭店 (2019)", "x"):
        for width in range(0, 30):
            assert cell_len(cut_name(name, width)) <= width


async def test_a_row_never_shows_the_tail_of_an_id_it_says_the_kind_and_votes_instead(make_app: AppFactory) -> None:
    """At 140x40 rows read `…4719342 · 13/14 helpful` and `…CCGweYzItg · 15 helpful`: an id's
    tail, which means nothing. An id-only name is shown whole where it fits, else left out."""
    from tui_reader.core.content.models import Subject

    names = ("Amazon product 1384719342", "Yelp business 7ATYjTIgM3jUlt4UMCCGweYzItg")
    reviews = [
        Review(
            f"r{n}",
            "Great strings for the price",
            "t",
            ("Words.",),
            votes=13,
            voters=14,
            format="amazon",
            subject=Subject(name, "product"),
            author="cassandra tu",
            rating=5.0,
            rating_max=5,
            date="2014-02-28",
        )
        for n, name in enumerate(names)
    ]
    for size in ((140, 40), (80, 24), (200, 40)):
        app = make_app(reviews)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for row, name in enumerate(names):
                line = second_line(app, row)
                assert "13/14 helpful" in line, line
                shown = [word for word in line.replace("…", " ").split() if word and word in name.split()[-1]]
                assert all(word == name.split()[-1] for word in shown), line  # the id whole or not at all
                if name.split()[-1] not in line:
                    assert line.startswith("13/14 helpful · product"), line  # the votes keep their room


def test_an_id_that_does_not_fit_whole_is_left_out() -> None:
    from tui_reader.ui.widgets.lines import cut_name

    assert cut_name("Amazon product 1384719342", 11) == "…1384719342"
    assert cut_name("Amazon product 1384719342", 10) == ""
    assert cut_name("B000068NVI", 6) == ""
    assert cut_name("Amazon product 1384719342", 30) == "Amazon product 1384719342"
