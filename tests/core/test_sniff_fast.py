"""Properties: the sniffs' quick looks (Steam's hints found where "app" is, its header read as CSV
only when the text's letters could name its columns) claim exactly what the plain reading claims.

Texts are joins of the pieces the sniff looks for (hints, column names in several spellings,
characters that lower to ASCII letters, commas, quotes, line ends) and arbitrary text.
"""

from __future__ import annotations

import os
from pathlib import Path
from unittest.mock import patch

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui_reader.core.importers import steam

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    "I loved the app, happy to play it.",
    "app",
    "App ID",
    "app_name",
    "appname",
    "Steam",
    "recommendation",
    "recommendationid",
    "Recommendation ID",
    "voted_up",
    "Voted Up",
    "v o t e d u p",
    "recommended",
    "is_recommended",
    "review_score",
    "1=recommended, -1=not recommended",
    "game id",
    "steamid",
    "author.steamid",
    "author_steamid",
    "review",
    "Review Text",
    "content",
    "\u212a",  # KELVIN SIGN: lowers to an ASCII k
    "\u0130",  # I WITH DOT ABOVE: lowers to i and a combining dot
    "é",
    ",",
    ";",
    "\t",
    '"',
    '""',
    " ",
    "\n",
    "\r\n",
    "\ufeff",
    "1,2,true,a good game",
]
TEXTS = st.one_of(st.lists(st.sampled_from(PIECES), max_size=10).map("".join), st.text(max_size=200))


def plain_has_hint(line: str) -> bool:
    """The hint test as first written: every hint looked for in the whole line."""
    without_app = any(hint in line for hint in steam._HINTS_WITHOUT_APP)
    return without_app or ("app" in line and any(hint in line for hint in steam._HEADER_HINTS))


def test_the_hints_are_those_without_app_and_those_starting_with_it() -> None:
    assert sorted(steam._HINTS_WITHOUT_APP + steam._APP_HINTS) == sorted(steam._HEADER_HINTS)


@SETTINGS
@given(TEXTS)
@example("happy app_id")
@example("apapp name")
def test_hints_found_where_app_is_are_the_hints_in_the_line(text: str) -> None:
    line = text.lower()
    assert steam._has_hint(line) == plain_has_hint(line)


@SETTINGS
@given(TEXTS)
@example("recommendationid,voted_up,review")
@example('"Recommendation\nID","Voted Up",review')
@example("\u212aSteamid,voted up,text")
@example("game id,1=recommended, -1=not recommended,text of the review")  # Kaggle's, described in words
def test_the_header_is_read_whenever_it_could_name_the_columns(text: str) -> None:
    importer = steam.SteamImporter()
    quick = importer.sniff(text, Path("reviews.csv"))
    with patch.object(steam, "_may_name_columns", lambda text: True):
        assert quick == importer.sniff(text, Path("reviews.csv"))
