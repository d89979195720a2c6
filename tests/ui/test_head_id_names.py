"""The review's head says no Steam or Yelp user id as its author: the list's rows and `Y` had
already left them out (`about.named`), the head printed `OyoGAe7OKpv6SyGZT5g77Q · 3 January 2012`."""

from __future__ import annotations

from collections.abc import Callable

from tests.ui.conftest import AppFactory, until, until_open
from tests.ui.test_hostile_ui import painted_text
from tui_reader.core.content.models import Review
from tui_reader.ui.app import ReaderApp

YELP = Review(
    "y", "Spin class", "x", ("The bikes are new.",), author="OyoGAe7OKpv6SyGZT5g77Q", date="2012-01-03", format="yelp"
)
STEAM = Review("s", "Fine game", "x", ("It runs well.",), author="76561198188811849", date="2017-12-27", format="steam")
NAMED = Review("n", "Named", "x", ("A named author.",), author="Ann Lee", date="2012-01-03", format="table")


def _painted(app: ReaderApp, said: str) -> Callable[[], bool]:
    return lambda: said in painted_text(app)


async def test_the_head_leaves_out_an_author_who_is_an_id(make_app: AppFactory) -> None:
    app = make_app([YELP, STEAM, NAMED])
    async with app.run_test(size=(140, 40)) as pilot:
        for review, said in ((YELP, "The bikes are new."), (STEAM, "It runs well."), (NAMED, "Ann Lee ·")):
            position = app.store.library.position(review.id)
            assert position is not None
            app.main.review_list.move_to(position)
            await until_open(pilot, app, review.id)
            await until(pilot, _painted(app, said))
            shown = painted_text(app)
            assert "OyoGAe7OKpv6SyGZT5g77Q" not in shown and "76561198188811849" not in shown
