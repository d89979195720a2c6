"""The list's count after a phrase check cut short: only checked reviews are listed, so the
count is a floor ('at least'), never an estimate made of unchecked candidates."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.content.models import Review
from tui_reader.core.search import SearchIndex
from tui_reader.core.store import Store
from tui_reader.ui.state.search_state import count_label


def test_a_rushed_phrase_count_is_a_floor_and_an_exact_one_is_plain(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.library.add([Review(f"r{n}", "t", f"x/{n}", ("red rain falls" if n % 2 else "rain, red",)) for n in range(6)])
    index = SearchIndex.open(store)
    index.phrases.unusable = True  # the text check, as without FTS5 or before the phrase index has the library
    exact = index.search('"red rain"', check_budget=None)
    rushed = index.search('"red rain"', check_budget=0)
    assert count_label(exact) == "3 reviews" and exact.unchecked == 0
    assert rushed.unchecked > 0 and count_label(rushed) == f"at least {len(rushed)} review" + "s" * (len(rushed) != 1)
    assert set(rushed.positions) <= set(exact.positions)
