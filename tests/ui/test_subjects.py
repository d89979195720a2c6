"""The subjects view (`S`) and setting a review's subject (`t`): counts, averages, the filter
Enter applies to the review list, and subjects set from the app."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.ui.conftest import AppFactory, seed_reviews, until, until_open
from tui_reader.core.content.models import Review, Subject
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.controllers.subjects import subject_query
from tui_reader.ui.screens.subject_editor import SubjectEditor, edited
from tui_reader.ui.screens.subjects import SubjectsScreen

HER = Subject("Her", "film", 2013, "Spike Jonze")
DUNE = Subject("Dune", "book", 1965, "Frank Herbert")


def library() -> list[Review]:
    """Three reviews of Her (4/5, 8/10, 3/5: average 3.67 stars), one of Dune (9/10), two with no subject."""
    return [
        Review("h1", "Her, first", "t", ("A.",), rating=4, rating_max=5, subject=HER, date="2024-01-01"),
        Review("d1", "Dune, only", "t", ("B.",), rating=9, rating_max=10, subject=DUNE),
        Review("h2", "Her, second", "t", ("C.",), rating=8, rating_max=10, subject=HER, date="2024-01-02"),
        Review("x1", "About nothing", "t", ("D.",)),
        Review("h3", "Her, third", "t", ("E.",), rating=3, rating_max=5, subject=HER, date="2024-01-03"),
        Review("x2", "About nothing again", "t", ("F.",)),
    ]


def subjects_screen(app: ReaderApp) -> SubjectsScreen:
    screen = app.screen
    assert isinstance(screen, SubjectsScreen)
    return screen


async def open_subjects(app: ReaderApp, pilot: Pilot[None]) -> SubjectsScreen:
    """`S` from the main screen, once it is up: the subjects view."""
    await pilot.pause()
    await pilot.press("S")
    await pilot.pause()
    return subjects_screen(app)


async def filtered(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Until the list's filter chosen in `S` is on (the index opens in a worker)."""
    await until(pilot, lambda: app.main.search.list_filter is not None)
    await pilot.pause()


def listed_titles(app: ReaderApp) -> list[str]:
    review_list = app.main.review_list
    return [app.store.library.summary(position).title for position in review_list.order]


async def test_S_lists_every_subject_with_its_count_average_and_notes(make_app: AppFactory) -> None:
    app = make_app(library())
    app.store.user.toggle_bookmark("h2")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_subjects(app, pilot)
        assert [(s.label, s.count) for s in screen.shown] == [("Her (2013)", 3), ("Dune (1965)", 1)]
        options = screen.query_one("#subjects-list")
        her, dune = (str(options.get_option_at_index(i).prompt) for i in range(2))  # type: ignore[attr-defined]
        assert "Her (2013)" in her and "film" in her and " 3 " in her
        assert "★★★½☆ 3.7" in her and her.rstrip().endswith("★1")  # (4 + 4 + 3) / 3, to the half; h2 bookmarked
        assert "Dune (1965)" in dune and "★★★★½ 4.5" in dune
        summary = str(screen.query_one("#subjects-summary").render())
        assert "2 reviews have no subject" in summary
        await pilot.press("slash", "d", "u", "n")
        await pilot.pause()
        assert [s.label for s in screen.shown] == ["Dune (1965)"]
        await pilot.press("escape")  # clears the filter first, and the list has the keys again
        await pilot.pause()
        assert len(screen.shown) == 2 and screen.focused is screen.query_one("#subjects-list")
        await pilot.press("q")  # a key, not a letter typed in the filter
        await pilot.pause()
        assert app.screen is app.main


async def test_enter_lists_that_subjects_reviews_and_esc_clears_the_filter(make_app: AppFactory) -> None:
    app = make_app(library())
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("enter")  # Her, the most reviewed
        await until(pilot, lambda: app.main.search.list_filter is not None)  # the index opens in a worker
        await pilot.pause()
        assert app.screen is app.main
        assert app.main.search.list_filter is not None and app.main.search.list_filter.text == 'subject:"Her (2013)"'
        assert listed_titles(app) == ["Her, first", "Her, second", "Her, third"]
        assert app.main.focused is app.main.review_list
        await pilot.press("J")  # read them one after another
        await pilot.pause()
        assert app.main.review is not None and app.main.review.id == "h2"
        assert app.main.search.bar is not None and app.main.search.bar.mode == "list"  # no "no match" in the text
        await pilot.press("escape")
        await pilot.pause()
        assert app.main.search.list_filter is None and len(listed_titles(app)) == 6
        assert app.main.search.bar is None  # the bar went with the filter


async def test_setting_the_subject_from_the_app_puts_both_seeds_under_one(make_app: AppFactory) -> None:
    seeds = seed_reviews()
    app = make_app(seeds)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        for row in range(2):
            if row:
                await pilot.press("j")
                await until_open(pilot, app, seeds[row].id)
            assert app.main.review is not None and app.main.review.id == seeds[row].id
            await pilot.press("t")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, SubjectEditor)
            await pilot.press(*"Her", "tab", *"film", "tab", *"2013", "tab", *"Spike Jonze", "enter")
            await pilot.pause()
            assert app.screen is app.main
        assert app.store.subject_of(seeds[0].id) == app.store.subject_of(seeds[1].id) == HER
        # the row and the head show it at once (the seed's title `her` is the film's name: said once)
        assert app.main.review_list.render_line(3).text.strip().startswith("2013 · film")
        assert any(line.text.startswith("2013 · film · by Spike Jonze") for line in app.main.reading.lines)
        await pilot.press("S")
        await pilot.pause()
        screen = subjects_screen(app)
        assert [(s.label, s.count) for s in screen.shown] == [("Her (2013)", 2)]
        assert "Every review has a subject" in str(screen.query_one("#subjects-summary").render())


async def test_the_form_is_prefilled_and_an_empty_name_clears_the_subject_set_by_hand(make_app: AppFactory) -> None:
    app = make_app(library())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.store.user.set_subject(["h1"], DUNE)
        await pilot.press("t")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, SubjectEditor)
        assert [editor.value(f) for f in ("name", "kind", "year", "creator")] == ["Her", "film", "2013", "Spike Jonze"]
        await pilot.press("escape")  # cancelled: nothing saved
        await pilot.pause()
        assert app.store.subject_of("h1") == DUNE
        app.main.open_position(0)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one("#subject-name").value == "Dune"  # type: ignore[attr-defined]
        await pilot.press("ctrl+u", "enter")  # empty name: the imported subject again
        await pilot.pause()
        assert app.store.subject_of("h1") == HER
        assert app.main.review is not None and app.main.review.subject == HER


def test_a_bad_year_is_refused_and_a_ref_kept_while_the_subject_is_the_same() -> None:
    with_ref = HER._replace(ref="letterboxd:her")
    try:
        edited(with_ref, "Her", "film", "twenty", "")
    except ValueError as error:
        assert "year" in str(error)
    else:
        raise AssertionError("a year in words was accepted")
    assert edited(with_ref, " her ", "Film", "2013", "Jonze").subject == Subject(
        "her", "film", 2013, "Jonze", with_ref.ref
    )
    assert edited(with_ref, "Her", "film", "2014", "").subject == Subject("Her", "film", 2014)
    assert edited(with_ref, "", "film", "2013", "").subject is None
    assert subject_query('The "Best" (2020)') == 'subject:"The  Best  (2020)"'


async def test_one_film_from_two_sources_is_one_subject(make_app: AppFactory) -> None:
    """A film's Letterboxd ref and the same film named by hand (or by a CSV) were two rows of "Her
    (2013)", each listing only its own reviews: kind, name and year make one subject."""
    boxd = HER._replace(ref="letterboxd:https://boxd.it/4ZQe")
    reviews = [*library(), Review("b1", "Her, from Letterboxd", "t", ("G.",), rating=5, rating_max=5, subject=boxd)]
    app = make_app(reviews)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_subjects(app, pilot)
        assert [(s.label, s.count) for s in screen.shown] == [("Her (2013)", 4), ("Dune (1965)", 1)]
        await pilot.press("enter")
        await filtered(app, pilot)
        assert sorted(listed_titles(app)) == ["Her, first", "Her, from Letterboxd", "Her, second", "Her, third"]


async def test_two_things_with_one_name_and_no_year_are_told_apart_by_ref(make_app: AppFactory) -> None:
    mouse = Subject("Wireless Mouse", "product")
    reviews = [
        Review("m1", "A mouse", "t", ("G.",), rating=5, rating_max=5, subject=mouse._replace(ref="asin:B0001")),
        Review("m2", "Another mouse", "t", ("H.",), rating=1, rating_max=5, subject=mouse._replace(ref="asin:B0002")),
    ]
    app = make_app(reviews)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_subjects(app, pilot)
        assert [s.label for s in screen.shown] == ["Wireless Mouse", "Wireless Mouse"]
        prompt = str(screen.query_one("#subjects-list").get_option_at_index(1).prompt)  # type: ignore[attr-defined]
        assert "asin:B000" in prompt  # the ref tells them apart
        chosen = screen.shown[1]
        await pilot.press("G", "enter")
        await filtered(app, pilot)
        assert len(listed_titles(app)) == 1 and app.store.library.summary(chosen.positions[0]).title in listed_titles(
            app
        )


IMDB = Subject("IMDb tt0100680", ref="imdb:tt0100680")  # as the IMDb dataset names a film: by its id


def imdb_library() -> list[Review]:
    return [
        *(
            Review(f"im{i}", f"Review {i}", "t", (f"Text {i}.",), rating=7, rating_max=10, subject=IMDB)
            for i in range(3)
        ),
        Review("other", "Another film", "t", ("Text.",), subject=Subject("IMDb tt0000001", ref="imdb:tt0000001")),
    ]


async def _name_it(pilot: Pilot[None], app: ReaderApp, *, for_all: bool) -> None:
    await pilot.press("t")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, SubjectEditor)
    await pilot.press("ctrl+u", *"Stanley & Iris", "tab", *"film", "tab", *"1990", "tab", *"Martin Ritt", "tab")
    if not for_all:
        await pilot.press("space")  # the box, ticked at first: only this review
    await pilot.press("shift+tab", "enter")
    await pilot.pause()
    assert app.screen is app.main


async def test_naming_a_film_on_one_of_its_reviews_names_all_of_them(make_app: AppFactory) -> None:
    """`t` on one of IMDb's 20 reviews of tt0100680, named "Stanley & Iris", took that review away
    from the other 19 (`S`: "IMDb tt0100680 19 reviews", "Stanley & Iris (1990) 1 review"). A box,
    ticked, names every review of the thing, in one write, keeping its ref."""
    app = make_app(imdb_library())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _name_it(pilot, app, for_all=True)
        named = Subject("Stanley & Iris", "film", 1990, "Martin Ritt", "imdb:tt0100680")
        assert [app.store.subject_of(f"im{i}") for i in range(3)] == [named] * 3
        assert app.store.subject_of("other") == Subject("IMDb tt0000001", ref="imdb:tt0000001")
        await pilot.press("S")
        await pilot.pause()
        assert sorted((s.label, s.count) for s in subjects_screen(app).shown) == [
            ("IMDb tt0000001", 1),
            ("Stanley & Iris (1990)", 3),
        ]


async def test_unticked_the_name_corrects_only_the_open_review(make_app: AppFactory) -> None:
    app = make_app(imdb_library())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _name_it(pilot, app, for_all=False)
        assert app.store.subject_of("im0") == Subject("Stanley & Iris", "film", 1990, "Martin Ritt")  # another thing
        assert [app.store.subject_of(f"im{i}") for i in (1, 2)] == [IMDB, IMDB]


async def test_no_box_when_the_review_is_the_only_one_of_its_subject(make_app: AppFactory) -> None:
    app = make_app(library())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("G")  # a review no other shares a subject with
        await until_open(pilot, app, library()[-1].id)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, SubjectEditor) and not app.screen.query("#subject-every")
