"""Letterboxd export (the folder, or the `.zip` Letterboxd sends): `reviews.csv` is the reviews.

Each review row is a film you wrote about: the subject is the film (its Letterboxd
film page from `watched.csv` when it is listed there, else found by name and year),
the row's URI is the review's own page and its id. A Letterboxd review has no title
of its own, so the title is the film's name. The reviewer is the account's
`Username`, the one field read from `profile.csv`.

The export's other files are not reviews and are skipped whole, one line each: the
diary, ratings, watched, watchlist, likes, lists and comments; the profile is personal
data. `deleted/` and `orphaned/` hold what is no longer on the account.
"""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.importers.base import Parsed, Skipped
from tui_reader.core.importers.sitedates import day_first_of
from tui_reader.core.importers.sites import (
    FolderSiblings,
    Siblings,
    bool_of,
    csv_header,
    csv_reader_rows,
    csv_records,
    date_of,
    first_line,
    float_of,
    line_of,
    line_or_none,
    paragraphs_of,
    skipped_file,
    tags_of,
    year_of,
)

URI = "Letterboxd URI"
NO_REVIEW_TEXT = "Letterboxd entries without review text"  # also the diary feed's (`sources/feeds.py`)
_GONE = {
    "deleted": "Letterboxd deleted/: removed from the account, not current reviews",
    "orphaned": "Letterboxd orphaned/: entries whose film is gone, not current reviews",
}
_LIST_HEAD = "Letterboxd list export"


def _kind(text: str) -> str | None:
    """Which file of the export this is, from its header: reviews, profile, list, or another's name."""
    if text.lstrip("\ufeff").startswith(_LIST_HEAD):
        return "list"
    line = first_line(text)
    if URI not in line and "Username" not in line and "Content" not in line:
        return None
    header = [cell.strip() for cell in csv_header(text)]
    names = set(header)
    if URI in names:
        if "Review" in names:
            return "reviews"
        if "Watched Date" in names:
            return "diary"
        return "ratings" if "Rating" in names else "films"
    if {"Username", "Date Joined"} <= names:
        return "profile"
    if header in (["Date", "Content"], ["Date", "Content", "Comment"]):
        first = next(csv_records(text), None)
        if first is None or "boxd.it/" in first.get("Content", "") or "letterboxd.com/" in first.get("Content", ""):
            return "comments" if len(header) == 3 else "likes"
    return None


def _what(kind: str, path: Path) -> str:
    """How the skipped file is named to the user: `Letterboxd watchlist`, `Letterboxd likes/films`."""
    stem = path.stem
    if path.parent.name == "likes":
        return f"Letterboxd likes/{stem}"
    if kind == "list":
        return "Letterboxd list"
    return f"Letterboxd {stem if kind in ('films', 'ratings', 'diary', 'comments') else kind}"


def gone_reason(path: Path) -> str | None:
    """The export's `deleted/` and `orphaned/` folders (a file there, or in their `lists/`)."""
    for folder in (path.parent.name, path.parent.parent.name):
        if folder in _GONE:
            return _GONE[folder]
    return None


def _username(siblings: Siblings) -> str | None:
    text = siblings.read("profile.csv")
    if not text:
        return None
    header = csv_header(text)
    if "Username" not in header:
        return None
    at = header.index("Username")  # the one field read: the rest of the profile is personal data
    row = next(csv_reader_rows(text), None)
    return line_or_none(row[at]) if row is not None and at < len(row) else None


def _film_pages(siblings: Siblings) -> dict[tuple[str, str], str]:
    """(name, year) -> the film's Letterboxd page, from `watched.csv` (review URIs are the review's)."""
    text = siblings.read("watched.csv")
    if not text or _kind(text) != "films":
        return {}
    return {(row.get("Name", ""), row.get("Year", "")): row[URI] for row in csv_records(text) if row.get(URI)}


class LetterboxdImporter:
    name = "letterboxd"
    reads_whole = True

    def sniff(self, text: str, path: Path) -> bool:
        return _kind(text) is not None

    def parse(self, text: str, path: Path) -> Parsed:
        return self.parse_in(text, path, FolderSiblings(path.parent), str(path.resolve()))

    def parse_in(self, text: str, path: Path, siblings: Siblings, source: str) -> Parsed:
        kind = _kind(text)
        gone = gone_reason(path)
        if gone is not None:
            return skipped_file(path, self.name, gone)
        if kind == "profile":
            return skipped_file(path, self.name, "Letterboxd profile: personal data, not reviews")
        if kind != "reviews":
            return skipped_file(path, self.name, f"{_what(kind or 'films', path)}: not reviews")
        parsed = Parsed(path=str(path), format=self.name)
        author = _username(siblings)
        films = _film_pages(siblings)
        empty = 0
        rows = list(csv_records(text))
        day_first = day_first_of(row.get(name) for row in rows for name in ("Watched Date", "Date"))
        for row in rows:
            paragraphs = paragraphs_of(row.get("Review"), markdown=True)
            if not paragraphs:
                empty += 1
                continue
            parsed.reviews.append(self._review(row, paragraphs, author, films, source, day_first))
        if empty:
            parsed.skipped.append(Skipped(str(path), NO_REVIEW_TEXT, empty))
        return parsed

    def _review(
        self,
        row: dict[str, str],
        paragraphs: tuple[str, ...],
        author: str | None,
        films: dict[tuple[str, str], str],
        source: str,
        day_first: bool | None,
    ) -> Review:
        uri = line_of(row.get(URI))
        name = line_of(row.get("Name"))
        year = year_of(row.get("Year"))
        film = films.get((row.get("Name", ""), row.get("Year", "")))
        rating = float_of(row.get("Rating"))
        tags = tags_of(row.get("Tags"))
        if bool_of(row.get("Rewatch")):
            tags = (*tags, "rewatch") if "rewatch" not in tags else tags
        date = date_of(row.get("Watched Date"), day_first) or date_of(row.get("Date"), day_first)
        named = date_of(row.get("Watched Date")) or date_of(
            row.get("Date")
        )  # as named before the file's order was read
        return Review(
            id=stable_id("letterboxd", uri) if uri else stable_id("letterboxd", name, str(year), named or ""),
            title=name or paragraphs[0][:80],
            source=source,
            paragraphs=paragraphs,
            author=author,
            date=date,
            rating=rating if rating is not None and 0 < rating <= 5 else None,
            rating_max=5,
            url=uri or None,
            format=self.name,
            subject=Subject(
                name=name or "Untitled film", kind="film", year=year, ref=f"letterboxd:{film}" if film else None
            ),
            tags=tags,
        )
