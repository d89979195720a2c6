"""RSS and Atom feeds (a review blog, a Letterboxd diary, a Goodreads shelf) read with `feedparser`.

One review per entry, its id from the entry's own id (else its link), so a refresh
updates an entry in place. Letterboxd's and Goodreads's extra fields give the film or
book reviewed and the rating (both out of 5); a Letterboxd entry reads as its CSV export's
row does: titled by the film (not "Her, 2013 - ★★★★"), dated when watched, a rewatch
tagged. A diary entry logged without a review (its description is the poster and "Watched on
Sunday August 4, 2024.") is skipped and counted, as the CSV import skips a row with no review
text. feedparser never raises on bad XML; a document with no entries at all is refused, one line.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime
from typing import Any, NamedTuple

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, clean_or_none, title_from
from tui_reader.core.importers.html import html_paragraphs, html_text
from tui_reader.core.importers.letterboxd import NO_REVIEW_TEXT  # the CSV import's reason: said alike
from tui_reader.core.importers.sites import date_of

# What Letterboxd's feed writes for a film logged without a review, below its poster.
_WATCHED_ON = re.compile(r"Watched on [A-Za-z]+,? [A-Za-z]+ \d{1,2},? \d{4}\.?")


def parse_feed(body: bytes, source: str) -> Parsed:
    """The entries of a feed as reviews; InputError when the document holds no feed."""
    import feedparser  # type: ignore[import-untyped]  # loaded on the first refresh of a feed

    feed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    entries = list(feed.get("entries") or [])
    if not entries and not feed.get("version"):
        raise InputError(source, f"not an RSS or Atom feed: {_what_it_is(body)}")
    parsed = Parsed(path=source, format="feed")
    unreviewed = 0
    for entry in entries:
        native = clean(entry.get("id")) or clean(entry.get("link")) or clean(entry.get("title"))
        if not native:
            continue
        paragraphs = _paragraphs(entry)
        site = _letterboxd(entry)
        if site is not None and not _reviewed(paragraphs):
            unreviewed += 1
            continue
        parsed.reviews.append(_review(entry, native, paragraphs, source, site))
    if unreviewed:
        parsed.skipped.append(Skipped(source, NO_REVIEW_TEXT, unreviewed))
    return parsed


def _paragraphs(entry: Any) -> tuple[str, ...]:
    content = entry.get("content") or []
    html = (content[0].get("value") if content else None) or entry.get("summary") or ""
    return tuple(html_paragraphs(str(html)))


def _reviewed(paragraphs: tuple[str, ...]) -> bool:
    """A Letterboxd entry with words of its own, not only the line saying when the film was watched."""
    return any(not _WATCHED_ON.fullmatch(paragraph.strip()) for paragraph in paragraphs)


def _review(entry: Any, native: str, paragraphs: tuple[str, ...], source: str, site: _SiteFields | None) -> Review:
    title = clean(html_text(str(entry.get("title") or "")))
    site = site or _goodreads(entry) or _SiteFields()
    tags = tuple(clean(tag.get("term")) for tag in entry.get("tags") or [])
    return Review(
        id=stable_id("feed", native),
        title=site.title or title or title_from("\n".join(paragraphs), "feed entry"),
        source=source,
        paragraphs=paragraphs,
        author=clean_or_none(entry.get("author")),  # never Goodreads's author_name: the book's author
        date=site.date or _date(entry.get("published_parsed") or entry.get("updated_parsed")),
        url=clean_or_none(entry.get("link")),
        format="feed",
        subject=site.subject,
        rating=site.rating,
        rating_max=5.0 if site.rating is not None else None,
        tags=tuple(dict.fromkeys(tag for tag in (*tags, *site.tags) if tag)),
    )


class _SiteFields(NamedTuple):
    """What a site's own fields in an entry say, where the plain feed says less or otherwise."""

    subject: Subject | None = None
    rating: float | None = None
    title: str = ""
    date: str | None = None
    tags: tuple[str, ...] = ()


def _date(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        when = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")


def _number(value: Any) -> float | None:
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if 0 < number <= 5 else None


def _year(value: Any) -> int | None:
    text = clean(value)
    return int(text) if text.isdigit() and 1800 < int(text) < 3000 else None


def _letterboxd(entry: Any) -> _SiteFields | None:
    """As the CSV export's row (`importers/letterboxd.py`): the film as title, the day watched
    as date, a rewatch tagged; the same review must not read differently by the way it came."""
    name = clean(entry.get("letterboxd_filmtitle"))
    if not name:
        return None
    return _SiteFields(
        subject=Subject(name=name, kind="film", year=_year(entry.get("letterboxd_filmyear"))),
        rating=_number(entry.get("letterboxd_memberrating")),
        title=name,
        date=date_of(entry.get("letterboxd_watcheddate")),
        tags=("rewatch",) if clean(entry.get("letterboxd_rewatch")).lower() == "yes" else (),
    )


def _goodreads(entry: Any) -> _SiteFields | None:
    name = clean(entry.get("book_title")) or (clean(entry.get("title")) if entry.get("book_id") else "")
    if not name:
        return None
    isbn = clean(entry.get("isbn13")) or clean(entry.get("isbn"))
    ref = f"isbn:{isbn}" if isbn else (f"goodreads:{clean(entry.get('book_id'))}" if entry.get("book_id") else None)
    subject = Subject(name=name, kind="book", creator=clean_or_none(entry.get("author_name")), ref=ref)
    return _SiteFields(subject=subject, rating=_number(entry.get("user_rating")))


def _what_it_is(body: bytes) -> str:
    """What came instead of a feed, in words: the parser's own error (`<unknown>:2:0: syntax error`)
    said nothing to a reader."""
    start = body.lstrip()[:200].lower()
    if not start:
        return "the answer was empty"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        return "a web page (HTML): the page may name its feed in a <link rel=alternate>"
    if start[:1] in (b"{", b"["):
        return "JSON"
    if start.startswith(b"<"):
        return "XML that holds no feed"
    return "text that is not XML"
