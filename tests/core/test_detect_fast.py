"""Property: `registry.detect` (which asks one line of prose only the formats that read words) picks
the same format as asking every format in order, for any text and file name.

Texts are drawn as arbitrary text and as joins of the pieces each sniff looks for (openers, site
names, header rows of the table formats, YAML keys, line ends), so both kinds of input are met:
a one-line header row that a site claims, and a line of prose that none does.

And the sniffs' own quick looks (Steam's hints found where "app" is, its header read as CSV only
when the text's letters could name its columns) claim exactly what the plain reading claims: drawn
from the pieces that sniff looks for (hints, column names in several spellings, characters that
lower to ASCII letters, commas, quotes, line ends) and arbitrary text.
"""

from __future__ import annotations

import os
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui_reader.core.importers import registry, steam
from tui_reader.core.importers.base import Importer

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])

IMDB_LINE = (
    "Bromwell High is a cartoon comedy. It ran at the same time as some other programs about school life, "
    'such as "Teachers".<br /><br />My 35 years in the teaching profession lead me to believe that it is true.'
)
PIECES = [
    IMDB_LINE,
    "I loved it, really: the app was great.",
    "{",
    "[",
    "<",
    "\ufeff",
    " ",
    "\t",
    "\x0c",
    "\u3000",
    "\n",
    "\r\n",
    "\r",
    ",",
    ";",
    "|",
    ":",
    "'",
    '"',
    "<rss",
    "wordpress.org/export",
    "<wp:wxr_version",
    "<disqus",
    "disqus.com",
    "<feed",
    "tag:blogger.com,1999:blog-",
    "<html>",
    "<!doctype html>",
    "Hacker News",
    'class="athing"',
    "Letterboxd list export",
    "Date,Name,Year,Letterboxd URI,Rating,Review",
    "Username,Date Joined",
    "Content",
    "Book Id,Title,Author,My Rating,My Review",
    "recommendationid,voted_up,review",
    "steamid,recommended,text",
    "app_id",
    "Steam",
    "id,title,review,rating",
    "Review",  # a one-column .csv's header (`tablelayout.one_column`)
    '"Review"',
    "text\tstars",
    "1,A,a long enough review text here,5",
    "%YAML 1.2",
    "---",
    "name: a",
    "message: hello",
    "comment:",
    "author: b",
    '{"version": 1, "reviews": []}',
    '{"text": "a", "stars": 5}',
    '{"reviewText": "a", "asin": "b"}',
    '{"review_id": "r", "text": "t", "stars": 4, "user_id": "u", "business_id": "b"}',
    '[{"kind": "Listing"}]',
    '{"by": "a", "kids": [1]}',
    "<br />",
]
NAMES = ["0_9.txt", "review.txt", "comment.yml", "a.yaml", "table.csv", "t.tsv", "x.json", "x.jsonl", "x.xml"]


def full_cascade(text: str, path: Path, text_column: str | None) -> Importer:
    return next(importer for importer in registry.IMPORTERS if registry._sniff(importer, text, path, text_column))


def same_choice(text: str, name: str, text_column: str | None) -> None:
    path = Path(name)
    assert registry.detect(text, path, text_column).name == full_cascade(text, path, text_column).name


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), st.sampled_from(NAMES), st.sampled_from([None, "2"]))
@example("recommendationid,voted_up,review", "reviews.csv", None)  # a site's header alone: one line, Steam's
@example("Book Id,Title,Author,My Rating,My Review\n", "goodreads.csv", None)
@example("message: hello\nname: a", "comment.txt", None)
@example("Review\nA good film, I thought.", "reviews.csv", None)
def test_detect_picks_what_every_sniff_in_order_picks(text: str, name: str, text_column: str | None) -> None:
    same_choice(text, name, text_column)


@SETTINGS
@given(st.text(max_size=300), st.sampled_from(NAMES))
def test_detect_agrees_on_arbitrary_text(text: str, name: str) -> None:
    same_choice(text, name, None)


def test_one_line_of_prose_is_asked_only_of_the_formats_that_read_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path is taken (else the property above would hold trivially) and still ends at text."""
    asked: list[str] = []
    real = registry._sniff

    def spy(importer: Importer, text: str, path: Path, text_column: str | None) -> bool:
        asked.append(importer.name)
        return real(importer, text, path, text_column)

    monkeypatch.setattr(registry, "_sniff", spy)
    chosen = registry.detect(IMDB_LINE, Path("0_9.txt"), None)
    assert chosen.name == "text"
    assert "table" not in asked and "tui-reader" not in asked
    assert asked[-1] == "text"


STEAM_PIECES = [
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
STEAM_TEXTS = st.one_of(st.lists(st.sampled_from(STEAM_PIECES), max_size=10).map("".join), st.text(max_size=200))


def plain_has_hint(line: str) -> bool:
    """The hint test as first written: every hint looked for in the whole line."""
    without_app = any(hint in line for hint in steam._HINTS_WITHOUT_APP)
    return without_app or ("app" in line and any(hint in line for hint in steam._HEADER_HINTS))


def test_the_hints_are_those_without_app_and_those_starting_with_it() -> None:
    assert sorted(steam._HINTS_WITHOUT_APP + steam._APP_HINTS) == sorted(steam._HEADER_HINTS)


@SETTINGS
@given(STEAM_TEXTS)
@example("happy app_id")
@example("apapp name")
def test_hints_found_where_app_is_are_the_hints_in_the_line(text: str) -> None:
    line = text.lower()
    assert steam._has_hint(line) == plain_has_hint(line)


@SETTINGS
@given(STEAM_TEXTS)
@example("recommendationid,voted_up,review")
@example('"Recommendation\nID","Voted Up",review')
@example("\u212aSteamid,voted up,text")
@example("game id,1=recommended, -1=not recommended,text of the review")  # Kaggle's, described in words
def test_the_header_is_read_whenever_it_could_name_the_columns(text: str) -> None:
    importer = steam.SteamImporter()
    quick = importer.sniff(text, Path("reviews.csv"))
    with patch.object(steam, "_may_name_columns", lambda text: True):
        assert quick == importer.sniff(text, Path("reviews.csv"))


def test_a_big_export_is_claimed_as_before() -> None:
    """A quoted header may go on past its line: in a big text it is read as CSV, not looked for."""
    rows = "1,true,a good game\n" * 5000
    importer = steam.SteamImporter()
    for header in ('"recommendationid","voted_up","review"\n', "recommendationid,voted_up,review\n"):
        assert importer.sniff(header + rows, Path("reviews.csv"))
    for header in ('"steam fan","a"\n', "steam fan,a\n", '"steam","voted\n up",review\n'):
        with patch.object(steam, "_may_name_columns", lambda text: True):
            plain = importer.sniff(header + rows, Path("reviews.csv"))
        assert importer.sniff(header + rows, Path("reviews.csv")) == plain
