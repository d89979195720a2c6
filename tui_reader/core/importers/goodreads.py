"""Goodreads library export (`goodreads_library_export.csv`): the books you wrote a review of.

Every shelved book is a row; only rows with `My Review` text are reviews, the rest
are counted once as skipped. The subject is the book (its ISBN-13, else its Goodreads
id); the export never names the reviewer, so `author` stays empty (the book's author
is the subject's `creator`). `My Rating` 0 means "not rated". Tags are the user's own
shelves: `read`, `to-read` and `currently-reading` are reading states every book has
one of, not topics, so they are left out. Private notes are private and not imported.

A review is HTML with Goodreads' own markup: `[b:Title|book id|…]` names a book,
`[a:Name|author id|…]` an author, `[bookcover:Title|book id]` shows a cover; each is read
as its name, linked to its page. `[spoiler]…[/spoiler]` (as `<spoiler>`) hides words:
they are marked, and the review is a spoiler.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.sitedates import day_first_of
from tui_reader.core.importers.sites import (
    FolderSiblings,
    Siblings,
    bool_of,
    csv_header,
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
from tui_reader.core.importers.tablesites import isbn13

STATE_SHELVES = frozenset(("read", "to-read", "currently-reading"))
_NEEDED = frozenset(("Book Id", "Title", "My Review"))
_RATED = frozenset(("Book Id", "Title", "My Rating"))  # an export cut to its ratings: said to be no reviews
_DATES = ("Date Read", "Date Added")  # read in the order the file's dates say (`day_first_of`): Excel's 11/2/2018
_FIELD = r"(?:[^|\[\]\n]|\[[^|\[\]\n]*\])*"  # a field of the markup: no `|`, brackets only in pairs
_LINKED = re.compile(rf"\[(b|a|bookcover):({_FIELD})\|(\d+)(?:\|{_FIELD})*\]", re.IGNORECASE)
_PAGES = {"b": "book", "bookcover": "book", "a": "author"}
_SPOILER_TAG = re.compile(r"\[(/?)spoiler\]|<(/?)spoiler>", re.IGNORECASE)


def _linked(match: re.Match[str]) -> str:
    """`[b:Algorithms of Oppression|34762552|…]`: the title, a link to the book's page."""
    name = match[2].strip().replace("<", "&lt;") or match[3]
    return f'<a href="https://www.goodreads.com/{_PAGES[match[1].lower()]}/show/{match[3]}">{name}</a>'


def markup_names(text: str) -> str:
    """Goodreads' markup in text as read (`[b:Title|id|…]` shown as it was once): its names alone,
    as a review now reads (`older_words`)."""
    return _LINKED.sub(lambda match: match[2].strip() or match[3], text) if "[" in text else text


def review_html(text: str) -> tuple[str, bool]:
    """A review's HTML with Goodreads' markup read (`[b:…]`, `[a:…]`, `[bookcover:…]` as linked
    names; `[spoiler]` as `<spoiler>`), and whether it hides a spoiler."""
    if "[" in text:
        text = _LINKED.sub(_linked, text)
    spoiler = False
    if "spoiler" in text.lower():
        text, count = _SPOILER_TAG.subn(lambda tag: f"<{tag[1] or tag[2] or ''}spoiler>", text)
        spoiler = count > 0
    return text, spoiler


class GoodreadsImporter:
    name = "goodreads"
    reads_whole = True

    def sniff(self, text: str, path: Path) -> bool:
        line = first_line(text)
        if "Book Id" not in line or ("My Review" not in line and "My Rating" not in line):
            return False
        names = {cell.strip() for cell in csv_header(text)}
        return names >= _NEEDED or names >= _RATED

    def parse(self, text: str, path: Path) -> Parsed:
        return self.parse_in(text, path, FolderSiblings(path.parent), str(path.resolve()))

    def parse_in(self, text: str, path: Path, siblings: Siblings, source: str) -> Parsed:
        if "My Review" not in {cell.strip() for cell in csv_header(text)}:
            return skipped_file(path, self.name, "Goodreads export without its My Review column: not reviews")
        parsed = Parsed(path=str(path), format=self.name)
        unreviewed = 0
        rows = list(csv_records(text))
        day_first = day_first_of(row.get(name) for row in rows for name in _DATES)
        for row in rows:
            written, spoiler = review_html(row.get("My Review") or "")
            paragraphs = paragraphs_of(written, markdown=True)
            if not paragraphs:
                unreviewed += 1
                continue
            parsed.reviews.append(self._review(row, paragraphs, source, spoiler, day_first))
        if unreviewed:
            parsed.skipped.append(Skipped(str(path), "books without a written review", unreviewed))
        if not parsed.reviews and not unreviewed:
            raise InputError(path, "no books in this Goodreads export")
        return parsed

    def _review(
        self, row: dict[str, str], paragraphs: tuple[str, ...], source: str, spoiler: bool, day_first: bool | None
    ) -> Review:
        book_id = line_of(row.get("Book Id"))
        title = line_of(row.get("Title"))
        creator = line_or_none(row.get("Author"))
        isbn = isbn13(row.get("ISBN13", ""), row.get("ISBN", ""))
        ref = f"isbn:{isbn}" if isbn else (f"goodreads:{book_id}" if book_id else None)
        year = year_of(row.get("Original Publication Year")) or year_of(row.get("Year Published"))
        rating = float_of(row.get("My Rating"))
        return Review(
            id=stable_id("goodreads", book_id) if book_id else stable_id("goodreads", title, creator or ""),
            title=title or paragraphs[0][:80],
            source=source,
            paragraphs=paragraphs,
            author=None,  # the export does not say who wrote the review
            date=date_of(row.get("Date Read"), day_first) or date_of(row.get("Date Added"), day_first),
            rating=rating if rating is not None and 0 < rating <= 5 else None,
            rating_max=5,
            format=self.name,
            subject=Subject(title or f"Goodreads book {book_id}", "book", year, creator, ref),
            spoiler=spoiler or bool(bool_of(row.get("Spoiler"))),
            tags=tags_of(row.get("Bookshelves"), STATE_SHELVES),
        )
