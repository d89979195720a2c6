"""Steam reviews: the store's `appreviews` API response, the same keyed by id, and CSV dumps.

API: `{"success": 1, "query_summary": {...}, "reviews": [{recommendationid, author:
{steamid, playtime_at_review...}, review, timestamp_created, voted_up, votes_up...}]}`;
scrapes key `reviews` by recommendation id instead. The app id comes from the data,
else from the file's name (`review_646570.json`). CSV dumps carry the same fields as
columns (`recommended`/`voted_up` true/false, or Kaggle's `review_score` 1/-1).

A Steam review has no star rating: its verdict is `recommended`. Review text is BBCode:
its tags go (a link keeps its address), `[spoiler]` marks the review as a spoiler.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.importers.base import InputError, Parsed
from tui_reader.core.importers.common import title_from
from tui_reader.core.importers.jsonutil import as_dict, as_list, as_str, load_json
from tui_reader.core.importers.sites import (
    FolderSiblings,
    Siblings,
    bool_of,
    csv_header,
    csv_records,
    date_of,
    first_line,
    int_of,
    json_records,
    line_of,
    paragraphs_of,
    parsed_reviews,
)


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


_MARKERS = frozenset(("recommendationid", "votedup", "steamid", "authorsteamid", "appid", "appname", "steamappid"))
_VERDICTS = ("votedup", "recommended", "isrecommended", "reviewscore")
_TEXTS = ("review", "reviewtext", "text", "content")
_HEADER_HINTS = ("steam", "recommendation", "app_id", "appid", "app id", "app_name", "appname", "app name", "voted")
_HINTS_WITHOUT_APP = tuple(hint for hint in _HEADER_HINTS if "app" not in hint)


def _has_hint(line: str) -> bool:
    """Any of `_HEADER_HINTS` in the line: the first line of a plain-text file is its whole text,
    so "app" is looked for once, not in each of the six hints that hold it."""
    return any(hint in line for hint in _HINTS_WITHOUT_APP) or (
        "app" in line and any(hint in line for hint in _HEADER_HINTS)
    )


_JSON_START = re.compile(r"[\ufeff \t\r\n]*[\[{]")
_JSON_KEYS = re.compile(r'"recommendationid"\s*:')
_JSON_VERDICT = re.compile(r'"voted_up"\s*:')
_APP_IN_NAME = re.compile(r"(?:review|app|steam)s?[_-]?(\d{1,10})(?!\d)", re.IGNORECASE)
_URL = re.compile(r"\[url=([^\]]*)\](.*?)\[/url\]", re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(r"\[/?(?:h[1-6]|list|olist|quote(?:=[^\]]*)?|code|table|tr|hr|noparse)\]", re.IGNORECASE)
_ITEM = re.compile(r"\[\*\]")
_INLINE = re.compile(r"\[/?(?:b|i|u|s|strike|spoiler|url|img|td|th|sarcasm)(?:=[^\]]*)?\]", re.IGNORECASE)
_SPOILER = re.compile(r"\[spoiler\]", re.IGNORECASE)


def bbcode_paragraphs(text: str) -> tuple[str, ...]:
    """Steam's BBCode as plain paragraphs: block tags end paragraphs, inline tags just go."""
    text = _URL.sub(lambda m: m[2] if m[1].strip() in m[2] or not m[1].strip() else f"{m[2]} ({m[1].strip()})", text)
    text = _ITEM.sub("\n\n• ", _BLOCK.sub("\n\n", text))
    return paragraphs_of(_INLINE.sub("", text))


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


class SteamImporter:
    name = "steam"
    reads_whole = True

    def sniff(self, text: str, path: Path) -> bool:
        if _JSON_START.match(text):
            return _JSON_KEYS.search(text) is not None and _JSON_VERDICT.search(text) is not None
        line = first_line(text).lower()
        if not _has_hint(line):
            return False
        names = {_norm(cell) for cell in csv_header(text)}
        return bool(names & _MARKERS) and any(v in names for v in _VERDICTS) and any(t in names for t in _TEXTS)

    def parse(self, text: str, path: Path) -> Parsed:
        return self.parse_in(text, path, FolderSiblings(path.parent), str(path.resolve()))

    def parse_in(self, text: str, path: Path, siblings: Siblings, source: str) -> Parsed:
        app, game, records, bad = self._records(text, path)
        seen: dict[str, int] = {}
        return parsed_reviews(
            path, "Steam", self.name, records, lambda record: self._review(record, app, game, source, seen), bad
        )

    def _records(self, text: str, path: Path) -> tuple[str | None, str | None, Iterator[Mapping[str, Any]], int]:
        """(app id, game name, review records, unreadable lines) for any of the three shapes."""
        stripped = text.lstrip("\ufeff \t\r\n")
        if stripped[:1] not in ("{", "["):
            rows = [_rekey(row) for row in csv_records(text)]
            return _app_from_name(path), None, iter(rows), 0
        try:
            data = load_json(stripped, path, "Steam")
            listed: list[Any] = []
            top: dict[str, Any] = {}
            if isinstance(data, dict):
                top = data
                reviews = data.get("reviews")
                listed = list(reviews.values()) if isinstance(reviews, dict) else as_list(reviews)
            elif isinstance(data, list):
                listed = data
            bad = 0
        except InputError:
            listed, bad = json_records(stripped)
            top = {}
        app = as_str(_first(top, "appid", "app_id", "steam_appid", "query_summary.appid")) or _app_from_name(path)
        game = line_of(_first(top, "app_name", "game", "name", "title")) or None
        return app or None, game, (r for r in listed if isinstance(r, dict)), bad

    def _review(
        self, record: Mapping[str, Any], app: str | None, game: str | None, source: str, seen: dict[str, int]
    ) -> Review | None:
        raw = as_str(_first(record, "review", "review_text", "text", "content"))
        paragraphs = bbcode_paragraphs(raw)
        if not paragraphs:
            return None
        app = as_str(_first(record, "appid", "app_id", "steam_appid")) or app
        game = line_of(_first(record, "app_name", "game", "game_name")) or game
        author = line_of(_first(record, "author.personaname", "author.steamid", "author_steamid", "steamid", "author"))
        date = date_of(_first(record, "timestamp_created", "timestamp_updated", "date", "created"))
        native = as_str(_first(record, "recommendationid", "review_id", "id"))
        if not native:  # a dump without ids: what the review is, numbered when it repeats
            base = f"{app}|{author}|{date}" if author and date else f"{app}|{' '.join(paragraphs)[:500]}"
            seen[base] = seen.get(base, 0) + 1
            native = f"{base}|{seen[base]}"
        verdict = _first(record, "voted_up", "recommended", "is_recommended", "review_score")
        minutes = int_of(_first(record, "author.playtime_at_review", "author.playtime_forever", "playtime_at_review"))
        badges = [
            label
            for key, label in (("written_during_early_access", "early access"), ("received_for_free", "received free"))
            if bool_of(_first(record, key))
        ]
        body = "\n".join(paragraphs)
        return Review(
            id=stable_id("steam", native),
            title=title_from(body, game or f"Steam app {app}"),
            source=source,
            paragraphs=paragraphs,
            subtitle=f"{minutes / 60:.1f} hrs on record" if minutes else None,
            author=author or None,
            date=date,
            format=self.name,
            subject=Subject(
                name=game or (f"Steam app {app}" if app else "Steam game"),
                kind="game",
                ref=f"steam:{app}" if app else None,
            ),
            recommended=bool_of(verdict),
            votes=int_of(_first(record, "votes_up", "votes_helpful", "review_votes", "helpful")),
            spoiler=_SPOILER.search(raw) is not None,
            tags=tuple(badges),
        )


def _rekey(row: dict[str, str]) -> dict[str, Any]:
    """CSV columns under the API's names (`Voted Up` -> voted_up), so one reader serves both."""
    return {re.sub(r"[^0-9a-z.]+", "_", name.strip().lower()).strip("_"): value for name, value in row.items()}
