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


async def test_a_narrow_row_shortens_the_subject_so_the_first_words_keep_their_share(make_app: AppFactory) -> None:
    """At 140x40 the list is a third of the width: an IMDb row read `IMDb tt0847897 — As p… ★★★★½`,
    the subject's label leaving four letters of the review. The label gives way first."""
    from tui_reader.core.content.models import Subject

    words = "As poor as this film is, it has its moments and one great scene."
    imdb = Review(
        "r1", "A title", "t", (words,), rating=9, rating_max=10, subject=Subject("IMDb tt0847897", ref="imdb:tt0847897")
    )
    short = Review("r2", "Short", "t", (words,), rating=9, rating_max=10, subject=Subject("Her", "film", 2013))
    app = make_app([imdb, short])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        line = second_line(app, 0)
        room = len(line.split(" ★")[0])
        label, excerpt = line.split(" ★")[0].split(" — ")
        assert label.startswith("IMDb tt") and label.endswith("…")
        assert len(excerpt) >= room // 2 - 1 and excerpt.startswith("As poor")
        assert second_line(app, 1).startswith("Her (2013) · film — As")  # cut, it would leave as little
