"""Steam reviews: the store's `appreviews` API response, the same keyed by id, and CSV dumps.

API: `{"success": 1, "query_summary": {...}, "reviews": [{recommendationid, author:
{steamid, playtime_at_review...}, review, timestamp_created, voted_up, votes_up...}]}`;
scrapes key `reviews` by recommendation id instead. The app id comes from the data,
else from the file's name (`review_646570.json`); with the author's `steamid` it makes the
review's own page (`steamcommunity.com/profiles/ID/recommended/APP/`). CSV dumps carry the same fields as
columns (`recommended`/`voted_up` true/false, or Kaggle's `review_score` 1/-1), a Kaggle dump
describes them in words ("text of the review", "1=recommended, -1=not recommended", hours played);
scrapers' JSON Lines name the author `profiles/STEAMID` and the time `tstamp_created`.

A Steam review has no star rating: its verdict is `recommended`. Review text is BBCode, read as
the HTML it stands for into the reader's Markdown subset: `[strike]` stays struck through (it
says "not this"), emphasis, links, lists, quotes, code and tables stay what they are, and
`[spoiler]` marks the review as a spoiler and keeps its words out of the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from tui_reader.core.content.formatting import SPOILER_MARKDOWN, plain_text
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.importers.base import InputError, Parsed
from tui_reader.core.importers.bbcode import bbcode_paragraphs
from tui_reader.core.importers.common import title_from
from tui_reader.core.importers.helpful import helpful_of
from tui_reader.core.importers.jsonutil import as_dict, as_list, as_str, json_records_in, load_cut_json
from tui_reader.core.importers.sitedates import named_date
from tui_reader.core.importers.sites import (
    FolderSiblings,
    Siblings,
    bool_of,
    csv_header,
    csv_records,
    date_of,
    first_line,
    float_of,
    int_of,
    line_of,
    paragraphs_of,
    parsed_reviews,
)


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


_MARKERS = frozenset(("recommendationid", "votedup", "steamid", "authorsteamid", "appid", "appname", "steamappid"))
_VERDICTS = ("votedup", "recommended", "isrecommended", "reviewscore")
_TEXTS = ("review", "reviewtext", "text", "content")
_HEADER_HINTS: tuple[str, ...] = ("steam", "recommendation", "app_id", "appid", "app id", "app_name", "appname")
_HEADER_HINTS += ("app name", "voted", "game id")  # `game id`: Kaggle's dump that describes its columns in words
_HINTS_WITHOUT_APP = tuple(hint for hint in _HEADER_HINTS if "app" not in hint)
_APP_HINTS = tuple(hint for hint in _HEADER_HINTS if hint.startswith("app"))  # the rest: each starts with "app"


def _has_hint(line: str) -> bool:
    """Any of `_HEADER_HINTS` in the line. The first line of a plain-text file is its whole text
    (IMDB's ~1.3 KB), and "app" is in a third of reviews ("happy", "disappointed"): the hints
    holding it are looked for only where "app" is, not each in the whole line (a loop, not `any`
    over a generator: ~10 µs less a file)."""
    for hint in _HINTS_WITHOUT_APP:
        if hint in line:
            return True
    at = line.find("app")
    while at >= 0:
        if line.startswith(_APP_HINTS, at):
            return True
        at = line.find("app", at + 1)
    return False


HIDDEN = "(Review text hidden)"  # what a scrape of Steam's pages holds for a review it could not see
# What Kaggle's Steam dataset holds for a review written during early access: the label its scraper
# read on the page, not the writer's words.
EARLY_ACCESS = "Early Access Review"
_JSON_START = re.compile(r"[\ufeff \t\r\n]*[\[{]")
_JSON_KEYS = re.compile(r'"recommendationid"\s*:')
# A download of an app with no reviews (or past its last page): `{"reviews": {}, "query_summary": …}`
_EMPTY_DOWNLOAD = re.compile(r'"reviews"\s*:\s*(?:\{\s*\}|\[\s*\])')
_QUERY_SUMMARY = re.compile(r'"query_summary"\s*:')
_JSON_VERDICT = re.compile(r'"voted_up"\s*:')
_JSON_STEAM_IDS = re.compile(r'"(?:steamid|appid)"\s*:')  # a scraper's dump, without recommendation ids
_APP_IN_NAME = re.compile(r"(?:review|app|steam)s?[_-]?(\d{1,10})(?!\d)", re.IGNORECASE)
_SPOILER = re.compile(r"\[spoiler\]", re.IGNORECASE)
_SPOILED = re.compile(r"\[spoiler\].*?(?:\[/spoiler\]|$)", re.IGNORECASE | re.DOTALL)


def _words_for_id(raw: str) -> str:
    """The words an id-less review of a dump is known by, read exactly as before BBCode became
    Markdown (a link's address in brackets, block tags a paragraph break, inline ones and `[sarcasm]`
    gone): its id, and the notes on it, stay. Not a reading of the text: the paragraphs are that."""

    def link(m: re.Match[str]) -> str:
        return m[2] if m[1].strip() in m[2] or not m[1].strip() else f"{m[2]} ({m[1].strip()})"

    text = _OLD_ITEM.sub("\n\n• ", _OLD_BLOCK.sub("\n\n", _OLD_URL.sub(link, raw)))
    return " ".join(paragraphs_of(_OLD_INLINE.sub("", text)))


# The tags as ids were made of them (`_words_for_id`): kept as they were, or ids would change.
_OLD_URL = re.compile(r"\[url=([^\]]*)\](.*?)\[/url\]", re.IGNORECASE | re.DOTALL)
_OLD_BLOCK = re.compile(r"\[/?(?:h[1-6]|list|olist|quote(?:=[^\]]*)?|code|table|tr|hr|noparse)\]", re.IGNORECASE)
_OLD_ITEM = re.compile(r"\[\*\]")
_OLD_INLINE = re.compile(r"\[/?(?:b|i|u|s|strike|spoiler|url|img|td|th|sarcasm)(?:=[^\]]*)?\]", re.IGNORECASE)


def _title_text(raw: str, paragraphs: tuple[str, ...]) -> str:
    """What a title is made of: the review's words as read, a spoiler's left out."""
    unspoiled = bbcode_paragraphs(_SPOILED.sub(" … ", raw)) if _SPOILER.search(raw) else paragraphs
    return "\n".join(plain_text(paragraph, SPOILER_MARKDOWN) for paragraph in unspoiled)


def _app_from_name(path: Path) -> str | None:
    match = _APP_IN_NAME.search(path.stem)
    return match[1] if match else None


def _first(record: Mapping[str, Any], *keys: str) -> Any:
    """The first of `keys` present in the record, dotted keys reaching into objects (`author.steamid`)."""
    for key in keys:
        value: Any = record
        for part in key.split("."):
            value = as_dict(value).get(part)
        if value is None and "." in key:
            value = record.get(key)  # a CSV column named `author.steamid`
        if value not in (None, ""):
            return value
    return None


class _Read(NamedTuple):
    """What a Steam file holds: the app and game it names, its review records, lines that were not
    JSON, and whether it ends early."""

    app: str | None
    game: str | None
    records: Iterator[Mapping[str, Any]]
    bad: int = 0
    cut: str = ""  # where the file ends early (`jsonutil.Records`)


class SteamImporter:
    name = "steam"
    reads_whole = True

    def sniff(self, text: str, path: Path) -> bool:
        if _JSON_START.match(text):
            if _JSON_VERDICT.search(text) is None:
                return _EMPTY_DOWNLOAD.search(text) is not None and _QUERY_SUMMARY.search(text) is not None
            return _JSON_KEYS.search(text) is not None or _JSON_STEAM_IDS.search(text) is not None
        line = first_line(text).lower()
        if not _has_hint(line):
            return False
        if not _may_name_columns(text):
            return False
        names = {_norm(_api_name(cell)) for cell in csv_header(text)}
        return bool(names & _MARKERS) and any(v in names for v in _VERDICTS) and any(t in names for t in _TEXTS)

    def parse(self, text: str, path: Path) -> Parsed:
        return self.parse_in(text, path, FolderSiblings(path.parent), str(path.resolve()))

    def parse_in(self, text: str, path: Path, siblings: Siblings, source: str) -> Parsed:
        read = self._records(text, path)
        seen: dict[str, int] = {}
        return parsed_reviews(
            path,
            "Steam",
            self.name,
            read.records,
            lambda record: self._review(record, read.app, read.game, source, seen),
            read.bad,
            read.cut,
        )

    def _records(self, text: str, path: Path) -> _Read:
        """The review records of any of the three shapes, with the app and game the file names."""
        stripped = text.lstrip("\ufeff \t\r\n")
        if stripped[:1] not in ("{", "["):
            rows = [_rekey(row) for row in csv_records(text)]
            return _Read(_app_from_name(path), None, iter(rows))
        top: dict[str, Any] = {}
        try:
            data, cut = load_cut_json(stripped, path, "Steam")  # a file cut short: the reviews before the cut
            if isinstance(data, dict):
                top = data
                reviews = data.get("reviews")
                listed = list(reviews.values()) if isinstance(reviews, dict) else as_list(reviews)
            else:
                listed = as_list(data)
            bad = 0
        except InputError:
            listed, bad, cut = json_records_in(stripped, path, "Steam")  # a scraper's JSON Lines
        app = as_str(_first(top, "appid", "app_id", "steam_appid", "query_summary.appid")) or _app_from_name(path)
        game = line_of(_first(top, "app_name", "game", "name", "title")) or None
        return _Read(app or None, game, (r for r in listed if isinstance(r, dict)), bad, cut)

    def _review(
        self, record: Mapping[str, Any], app: str | None, game: str | None, source: str, seen: dict[str, int]
    ) -> Review | None:
        raw = as_str(_first(record, "review", "review_text", "text", "content"))
        if raw.strip() in (HIDDEN, EARLY_ACCESS):
            return None  # counted with the reviews without text: the dump holds none of its words
        paragraphs = bbcode_paragraphs(raw)
        if not paragraphs:
            return None
        app = as_str(_first(record, "appid", "app_id", "steam_appid")) or app
        game = line_of(_first(record, "app_name", "game", "game_name")) or game
        written = line_of(_first(record, "author.personaname", "author.steamid", "author_steamid", "steamid", "author"))
        author = _person(written)
        created = _first(
            record, "timestamp_created", "timestamp_updated", "tstamp_created", "timestamp", "date", "created"
        )
        date = date_of(created)
        native = as_str(_first(record, "recommendationid", "review_id", "id"))
        if not native:  # a dump without ids: what the review is, numbered when it repeats
            named = named_date(created)
            base = f"{app}|{written}|{named}" if written and named else f"{app}|{_words_for_id(raw)[:500]}"
            seen[base] = seen.get(base, 0) + 1
            native = f"{base}|{seen[base]}"
        steamid = _person(_first(record, "author.steamid", "author_steamid", "steamid"))
        verdict = _first(record, "voted_up", "recommended", "is_recommended", "review_score")
        minutes = int_of(_first(record, "author.playtime_at_review", "author.playtime_forever", "playtime_at_review"))
        hours = float_of(_first(record, "hours"))  # a dump's hours played
        minutes = minutes if minutes is not None or hours is None else round(hours * 60)
        badges = [
            label
            for key, label in (("written_during_early_access", "early access"), ("received_for_free", "received free"))
            if bool_of(_first(record, key))
        ]
        # The API counts only the helpful; older scraped pages say "13 of 14 people (93%) found this review
        # helpful". Funny votes and weighted_vote_score are no verdict on helpfulness (`Review.voters`).
        votes, voters = helpful_of(_first(record, "votes_up", "votes_helpful", "review_votes", "helpful"))
        return Review(
            id=stable_id("steam", native),
            title=title_from(_title_text(raw, paragraphs), game or f"Steam app {app}"),
            source=source,
            paragraphs=paragraphs,
            subtitle=f"{minutes / 60:.1f} hrs on record" if minutes else None,
            author=author or None,
            date=date,
            url=review_page(steamid, app),
            format=self.name,
            subject=Subject(
                name=game or (f"Steam app {app}" if app else "Steam game"),
                kind="game",
                ref=f"steam:{app}" if app else None,
            ),
            recommended=bool_of(verdict),
            votes=votes,
            voters=voters,
            spoiler=_SPOILER.search(raw) is not None,
            tags=tuple(badges),
        )


def review_page(steamid: str, app: str | None) -> str | None:
    """The review's own page on Steam (`O` opens it): its author's profile and the game; the API
    gives no URL, but these two ids make it."""
    if not (steamid.isdigit() and app and app.isdigit()):
        return None
    return f"https://steamcommunity.com/profiles/{steamid}/recommended/{app}/"


# A Kaggle dump's columns described in words, under the API's names (`hours` is its own).
_DESCRIBED = {
    "game_id": "appid",
    "number_of_people_that_found_the_review_to_be_useful": "votes_up",
    "number_of_people_that_found_the_review_to_be_funny": "votes_funny",
    "username_of_the_reviewer": "author",
    "1_recommended_1_not_recommended": "voted_up",
    "hours_played_by_the_reviewer_on_the_game": "hours",
    "date_of_creation_of_the_review": "date",
    "text_of_the_review": "review",
}


def _api_name(name: str) -> str:
    key = re.sub(r"[^0-9a-z.]+", "_", name.strip().lower()).strip("_")
    return _DESCRIBED.get(key, key)


def _names_kept(name: str) -> bytes:
    """What `_norm` keeps of a column's name, or of a whole text: its ASCII letters and digits,
    lowered, in order. A header cell's name (`_norm(_api_name(cell))`) is that of the cell,
    or a described column's API name (`_DESCRIBED`)."""
    return name.lower().encode("ascii", "ignore").translate(None, _NOT_KEPT)


_NOT_KEPT = bytes(byte for byte in range(128) if not chr(byte).isalnum() or chr(byte).isupper())


def _spellings(names: Iterable[str]) -> tuple[bytes, ...]:
    """What a text must hold (`_names_kept`) for a header cell of it to be named one of `names`."""
    wanted = {_norm(name) for name in names}
    described = [key for key, value in _DESCRIBED.items() if _norm(value) in wanted]
    return tuple(_names_kept(name) for name in (*wanted, *described))


_MARKER_SPELLINGS = _spellings(_MARKERS)
_VERDICT_SPELLINGS = _spellings(_VERDICTS)


_QUOTED_LOOK = 1 << 16  # a quoted header is looked for this far (then read as CSV, as before)


def _may_name_columns(text: str) -> bool:
    """Whether the header of a text could name a Steam marker and a verdict column: reading the
    header as CSV cost ~0.6 ms for a review that only says "steam" or "voted" (1 in 70 of
    IMDB's one-line files, split at each comma), this ~5 µs. `_names_kept` of the header's
    text holds that of each of its cells, in one piece: an unquoted header ends with its first
    line, a quoted one may go on (then the whole text, when it is small: never a copy of a big
    export's)."""
    head = first_line(text)
    if '"' in head:
        if len(text) > _QUOTED_LOOK:
            return True
        head = text
    kept = _names_kept(head)
    return any(name in kept for name in _MARKER_SPELLINGS) and any(name in kept for name in _VERDICT_SPELLINGS)


def _rekey(row: dict[str, str]) -> dict[str, Any]:
    """CSV columns under the API's names (`Voted Up` -> voted_up), so one reader serves both."""
    return {_api_name(name): value for name, value in row.items()}


_SPREADSHEET_NUMBER = re.compile(r"\d(?:\.\d+)?E\+\d+", re.IGNORECASE)


def _person(value: Any) -> str:
    """The reviewer as the dump names them: a scraper's `profiles/7656…` is the Steam id, a vanity
    `id/name` the name; a Steam id a spreadsheet rounded (`7.65612E+16`) names nobody."""
    text = line_of(value)
    if _SPREADSHEET_NUMBER.fullmatch(text):
        return ""
    for prefix in ("profiles/", "id/"):
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :].strip("/")
    return text
