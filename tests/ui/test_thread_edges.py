"""`J` and `K` at the end of a level of the comments pane say so, and stay."""

from __future__ import annotations

from tests.ui.conftest import AppFactory, threaded

SIZE = (140, 40)


async def test_sibling_keys_at_the_end_of_a_level_say_so(make_app: AppFactory) -> None:
    app = make_app([threaded(shape=(2, 2))])  # c.0 (c.0.0, c.0.1), c.1 (c.1.0, c.1.1)
    async with app.run_test(size=SIZE) as pilot:
        thread = app.main.thread

        def said() -> list[str]:
            return [str(n.message) for n in app._notifications]

        await pilot.press("3", "j", "J")  # c.0.0, then its last sibling
        assert thread.current is not None and thread.current.id == "c.0.1" and not said()
        await pilot.press("J")
        assert thread.current.id == "c.0.1"
        assert said() == ["Last comment at this level"]
        await pilot.press("K", "K")  # c.0.0, the first
        assert thread.current.id == "c.0.0"
        assert said()[-1] == "First comment at this level"
        await pilot.press("p", "J", "J")  # the top level: c.1 is its last
        assert thread.current.id == "c.1" and said()[-1] == "Last comment at this level"
