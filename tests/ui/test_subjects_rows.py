"""What a row and the reading pane's head say a review is about: subject, kind, the rating
on its own scale, the verdict, the votes, a spoiler mark; kept within the row's width."""

from __future__ import annotations

from rich.cells import cell_len

from tests.ui.conftest import AppFactory, until_open
from tui_reader.core.content.about import subject_beyond_title, subject_parts
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.content.ratings import rating_text, star_glyphs
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.widgets.reading_layout import SUBJECT, VERDICT, WARNING, Line, layout
from tui_reader.ui.widgets.verdict import histogram

HER = Subject("Her", "film", 2013, "Spike Jonze", "letterboxd:https://boxd.it/4ZQe")
BOOK = Subject("Piranesi", "book", 2020, "Susanna Clarke", "isbn:9781526622426")


def rated() -> list[Review]:
    return [
        Review(
            "five",
            "Letterboxd-style",
            "t",
            ("Loved it.",),
            author="Ann",
            rating=4,
            rating_max=5,
            subject=HER,
            votes=12,
            spoiler=True,
            tags=("romance", "sci-fi"),
        ),
        Review("ten", "IMDb-style", "t", ("Good.",), author="Bob", rating=8, rating_max=10, subject=BOOK),
        Review("yes", "Steam-style", "t", ("Fun.",), recommended=True, votes=3, subject=Subject("Celeste", "game")),
        Review("no", "Steam, thumbs down", "t", ("Meh.",), recommended=False),
        Review("bare", "No subject, no scale", "t", ("Plain.",), author="Cy", rating=7),
    ]


def row(app: ReaderApp, index: int) -> tuple[str, str]:
    review_list = app.main.review_list
    return review_list.render_line(index * 2).text, review_list.render_line(index * 2 + 1).text


def by_kind(lines: list[Line]) -> dict[str, str]:
    """The head's lines of each kind, unwrapped."""
    kinds: dict[str, list[str]] = {}
    for line in lines:
        kinds.setdefault(line.kind, []).append(line.text)
    return {kind: " ".join(texts) for kind, texts in kinds.items()}


def test_stars_on_their_own_scale() -> None:
    assert star_glyphs(4) == "★★★★☆"
    assert star_glyphs(3.5) == "★★★½☆"
    assert rating_text(4, 5) == "★★★★☆ 4/5"
    assert rating_text(8, 10) == "★★★★☆ 8/10"
    assert rating_text(7, None) == "rating 7"
    assert histogram([0, 1, 2, 0, 4]) == "·▃▅·█"
    assert histogram([0] * 5) == "·····"


async def test_rows_show_the_subject_and_stars_on_5_and_10_point_scales(make_app: AppFactory) -> None:
    app = make_app(rated())
    async with app.run_test(size=(80, 24)) as pilot:  # one pane at a time: the list is the screen's width
        await pilot.pause()
        title, about = row(app, 0)
        assert "⚠" in title  # the spoiler mark beside the title
        # The stars in a column at the right edge, where a glance down the list finds them.
        assert about.strip().startswith("Her (2013) · film · 12 helpful · Ann")
        assert about.rstrip().endswith(" ★★★★☆")
        assert row(app, 1)[1].strip().startswith("Piranesi (2020) · book · Bob")
        assert row(app, 1)[1].rstrip().endswith(" ★★★★☆")  # 8/10 is 4 of 5 stars
        assert row(app, 1)[1].index("★") == about.index("★")  # one column
        assert row(app, 2)[1].strip().startswith("✓ recommended · Celeste · game · 3 helpful")
        assert row(app, 3)[1].strip().startswith("✗ not recommended")
        assert row(app, 4)[1].strip().startswith("Cy · rating 7 — Plain.")  # unknown scale: as before


def test_a_subject_named_as_the_title_adds_only_its_year() -> None:
    assert subject_beyond_title("Hamlet (1948)", "Hamlet") == "1948"
    assert subject_beyond_title("Hamlet", "Hamlet") == ""
    assert subject_beyond_title("Hamlet 2 (2008)", "Hamlet") == "Hamlet 2 (2008)"
    assert subject_beyond_title("Her (2013)", "Her was a good film.") == "Her (2013)"


async def test_rows_keep_within_their_width_at_80_columns(make_app: AppFactory) -> None:
    long_subject = Subject("A film with a very long name indeed, longer than any row " * 3, "film", 1999)
    reviews = [*rated(), Review("long", "Long " * 40, "t", ("x",), rating=9, rating_max=10, subject=long_subject)]
    app = make_app(reviews)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        review_list = app.main.review_list
        width = review_list.scrollable_content_region.width
        assert review_list.max_scroll_x == 0  # no horizontal scrollbar
        for line in range(len(reviews) * 2):
            strip = review_list.render_line(line)
            assert strip.cell_length == width
        title, about = row(app, 5)
        assert "…" in about and about.rstrip().endswith("★★★★½") and title.rstrip().endswith("…")
        assert cell_len(about) == width


async def test_the_head_shows_the_subject_line_rating_and_spoiler_warning(make_app: AppFactory) -> None:
    app = make_app(rated())
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        lines = app.main.reading.lines
        kinds = by_kind(lines)
        assert kinds[SUBJECT] == "Her (2013) · film · by Spike Jonze"  # the ref is the source's key: left out
        assert kinds[VERDICT] == "★★★★☆ 4/5 · 12 helpful"
        assert "Spoiler" in kinds[WARNING]
        assert "tags: romance, sci-fi" in kinds["meta"]
        await pilot.press("j")
        await until_open(pilot, app, rated()[1].id)
        kinds = by_kind(app.main.reading.lines)
        assert kinds[SUBJECT] == "Piranesi (2020) · book · by Susanna Clarke · ISBN 9781526622426"
        assert kinds[VERDICT] == "★★★★☆ 8/10"
        assert WARNING not in kinds


def test_a_ref_is_said_readably_or_left_out_and_the_head_and_show_agree() -> None:
    """The head read `letterboxd:boxd.it/1YPY`, `isbn:9780742546868` and `hotelid:11761198`, which
    `show` left out: an ISBN is something a reader uses (`ISBN …`); another ref is the source's key
    (the page's address says it where it names one). One function for the head and `show`."""
    from tui_reader.cli_library import _show_meta

    hotel = Subject("Hotel des Patients", "place", ref="hotelid:11761198")
    assert subject_parts(hotel) == ["Hotel des Patients", "place"]
    assert subject_parts(HER) == ["Her (2013)", "film", "by Spike Jonze"]
    assert subject_parts(BOOK)[-1] == "ISBN 9781526622426"
    assert subject_parts(Subject("IMDb tt0453418", ref="imdb:tt0453418")) == ["IMDb tt0453418"]
    assert subject_parts(Subject("ISBN 9781526622426", ref="isbn:9781526622426")) == ["ISBN 9781526622426"]
    for subject in (hotel, HER, BOOK):
        review = Review("r", "A title", "/home/ann/export.csv", ("Body.",), subject=subject)
        head = " · ".join(line.text for line in layout(review, 200) if line.kind == SUBJECT)
        assert head == " · ".join(subject_parts(subject))
        assert _show_meta(review, subject).startswith(head)


def test_the_spoiler_warning_wraps_as_every_head_line() -> None:
    """At 140x40 the warning was cut at the pane's edge ("…gives the stor"): it was never wrapped."""
    from tui_reader.ui.widgets.reading_layout import SPOILER_WARNING

    review = Review("s", "Spoiled", "t", ("Body.",), spoiler=True)
    warning = [line.text for line in layout(review, 30) if line.kind == WARNING]
    assert len(warning) > 1 and all(len(text) <= 30 for text in warning)
    assert " ".join(warning) == SPOILER_WARNING.format("review")


def test_a_thread_marked_a_spoiler_is_said_to_be_a_post_not_a_review() -> None:
    """A Reddit post flagged a spoiler read `this review gives the story away`: a post is no review."""
    for name, said in (("reddit", "post"), ("wxr", "post"), ("letterboxd", "review"), (None, "review")):
        review = Review("s", "Spoiled", "t", ("Body.",), spoiler=True, format=name)
        warning = " ".join(line.text for line in layout(review, 200) if line.kind == WARNING)
        assert warning == f"⚠ Spoiler warning: this {said} gives the story away"


async def test_a_threads_score_is_points_and_a_reviews_votes_are_helpful(make_app: AppFactory) -> None:
    """A Hacker News story's 493 points read "493 helpful", a verdict nobody gave; the list row
    (from the catalog alone) and the reading pane say the same, and so does `show` (core test)."""
    story = Review("hn", "Ask HN: Who is hiring?", "t", ("Post.",), votes=493, format="hackernews")
    post = Review("rd", "Her (2013) discussion", "t", ("Post.",), votes=1, format="reddit")
    amazon = Review("am", "Great strings", "t", ("Good.",), votes=12, format="amazon")
    app = make_app([story, post, amazon])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert "493 points" in row(app, 0)[1] and "1 point " in row(app, 1)[1] and "12 helpful" in row(app, 2)[1]
        assert by_kind(app.main.reading.lines)[VERDICT] == "493 points"


def test_votes_of_an_unknown_format_are_votes() -> None:
    """A catalog written before the format was kept has none for its rows: neither "points" nor
    "helpful" can be said of them, and the reading pane (which knows) must not be contradicted."""
    from tui_reader.core.content.ratings import votes_text

    assert (votes_text(493, None), votes_text(1, None), votes_text(0, None)) == ("493 votes", "1 vote", "")
    assert (votes_text(493, "hnpage"), votes_text(12, "steam")) == ("493 points", "12 helpful")


def test_a_title_that_is_the_subject_s_name_is_said_once() -> None:
    """At 80x24 a Goodreads review's head said its long title twice (lines 1–2, then 3–5 with
    `(2003) · book · by … · isbn:…`), and Letterboxd's `Hamlet` / `Hamlet (1948) · film · …`: the
    review's words began on line 11 of 22. The subject line says what the title does not."""
    from tui_reader.cli_library import _show_meta

    name = "Racism without Racists: Color-Blind Racism and the Persistence of Racial Inequality in the United States"
    book = Subject(name, "book", 2003, "Eduardo Bonilla-Silva", "isbn:9780742546868")
    review = Review("g", name, "goodreads_library_export.csv", ("Learned a lot.",), format="goodreads", subject=book)
    lines = layout(review, 76)
    assert sum(line.text.count("Racism without") for line in lines) == 1
    assert by_kind(lines)[SUBJECT] == "2003 · book · by Eduardo Bonilla-Silva · ISBN 9780742546868"
    assert [line.kind for line in lines].index("body") <= 8  # title 2, subject, verdict-less meta, page
    assert _show_meta(review, book).startswith("2003 · book · by Eduardo Bonilla-Silva")
    hamlet = Review("h", "Hamlet", "t", ("x",), subject=Subject("Hamlet", "film", 1948))
    assert by_kind(layout(hamlet, 76))[SUBJECT] == "1948 · film"
    other = Review("o", "A great film", "t", ("x",), subject=Subject("Hamlet", "film", 1948))
    assert by_kind(layout(other, 76))[SUBJECT] == "Hamlet (1948) · film"


def test_a_name_made_of_an_id_does_not_say_its_kind_again() -> None:
    """`Amazon product B000068NVI · product`: the name an importer made says the kind already."""
    product = Subject("Amazon product B000068NVI", "product", ref="asin:B000068NVI")
    assert subject_parts(product) == ["Amazon product B000068NVI"]
    assert subject_parts(Subject("Hotel des Patients", "hotel")) == ["Hotel des Patients", "hotel"]  # a name
