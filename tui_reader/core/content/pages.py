"""Where a review can be read on the web, and from which site: one answer for the reading pane's
head, `O`, `o`, `show` and `Y`'s citation, which had four (the head named an import file while `Y`
cited the product's page).

The review's own address when its source gives one, else the page of the thing it reviews, from
its ref (an Amazon or Yelp dump gives no review's address: the product's or the place's page says
where), said as such. Never a local file's name: no place a reader can go (`show --json` keeps it,
under `source`).
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote, urlsplit

from tui_reader.core.content.about import expects_subject
from tui_reader.core.content.models import Review
from tui_reader.core.content.text import visible

STEAM_PAGE = "https://store.steampowered.com/app/{}/"  # a game's store page (the harvest's too)
# A site's name by its address's domain (a label ending in `.`: any domain of that name,
# `amazon.co.uk`), else by the importer that read it, else by its subject's ref.
_HOSTS = (
    ("reddit.com", "Reddit"),
    ("redd.it", "Reddit"),
    ("news.ycombinator.com", "Hacker News"),
    ("goodreads.com", "Goodreads"),
    ("letterboxd.com", "Letterboxd"),
    ("boxd.it", "Letterboxd"),
    ("steamcommunity.com", "Steam"),
    ("steampowered.com", "Steam"),
    ("imdb.com", "IMDb"),
    ("amazon.", "Amazon"),
    ("yelp.", "Yelp"),
    ("tripadvisor.", "Tripadvisor"),
)
_FORMATS = {
    "amazon": "Amazon",
    "goodreads": "Goodreads",
    "hackernews": "Hacker News",
    "hnpage": "Hacker News",
    "letterboxd": "Letterboxd",
    "reddit": "Reddit",
    "steam": "Steam",
    "yelp": "Yelp",
}


class _Ref(NamedTuple):
    """What a subject ref's scheme says: the site, the page of the thing it names by an id (empty:
    the ref is an address already, as Letterboxd's, or names no page) and what the thing is."""

    site: str
    page: str
    thing: str


_REFS = {
    "asin": _Ref("Amazon", "https://www.amazon.com/dp/{}", "product"),
    "goodreads": _Ref("Goodreads", "https://www.goodreads.com/book/show/{}", "book"),
    "imdb": _Ref("IMDb", "https://www.imdb.com/title/{}/", "film"),
    "letterboxd": _Ref("Letterboxd", "", "film"),
    "steam": _Ref("Steam", STEAM_PAGE, "game"),
    "yelp": _Ref("Yelp", "https://www.yelp.com/biz/{}", "place"),
}
# An ISBN is no site's: a book's page by it only where the review's site has one (Goodreads' export).
_ISBN_PAGES = {"Goodreads": "https://www.goodreads.com/book/isbn/{}"}
_WEB = re.compile(r"https?://", re.IGNORECASE)


class Page(NamedTuple):
    """A web page for a review: `url` (what `O` opens, `o` lists and `Y` cites), and `of`, what it
    is the page of when it is not the review's own (`product`, `place`, `book`); empty for its own."""

    url: str
    of: str = ""
    own: str = "review"  # what its own page is the page of: a thread's post is no review

    @property
    def label(self) -> str:
        """What the page is, as the links list names it: `this review's page`, `this post's page`,
        `the product's page`."""
        return f"the {self.of}'s page" if self.of else f"this {self.own}'s page"

    def said(self, *, full: bool = False) -> str:
        """The address as a reader is told it: `amazon.com/dp/1384719342 (the product's page)`; with
        `full` its scheme kept (`show`, where a terminal makes it a link)."""
        shown = self.url if full else short_address(self.url)
        return f"{shown} ({self.label})" if self.of else shown


def short_address(url: str) -> str:
    """`https://www.amazon.com/dp/1` -> `amazon.com/dp/1`: the part a reader reads, its letters as
    written (`jenkin.fun/2018/09/13/xampp配置…/`, not `xampp%e9%85%8d…`: `_readable`)."""
    return _readable(re.sub(r"^https?://(www\.)?", "", url, flags=re.IGNORECASE))


_ESCAPED_RUN = re.compile(r"(?:%[89a-fA-F][0-9a-fA-F])+")  # percent-escaped bytes of letters past ASCII


def _readable(address: str) -> str:
    """The address with its escaped UTF-8 letters shown as letters, as a browser's address bar shows
    them; escapes of ASCII (`%20`, `%2F`) kept, and any run that is no UTF-8 text, or decodes to a
    control or a space, kept as it was."""

    def letters(run: re.Match[str]) -> str:
        try:
            text = bytes.fromhex(run[0].replace("%", "")).decode("utf-8")
        except ValueError:
            return run[0]
        return text if text.isprintable() and not any(char.isspace() for char in text) else run[0]

    return _ESCAPED_RUN.sub(letters, address) if "%" in address else address


def page_of(review: Review) -> Page | None:
    """The review's own page, else its subject's; None when neither is known (a file of plain
    text, a table of hotels named by an id no address is known for)."""
    if review.url and _WEB.match(review.url):
        return Page(_line(review.url), own="review" if expects_subject(review.format) else "post")
    subject = review.subject
    if subject is None or not subject.ref:
        return None
    scheme, _, value = subject.ref.partition(":")
    ref = _REFS.get(scheme.lower())
    if _WEB.match(value):
        url = value
    elif ref is not None and ref.page:
        url = ref.page.format(quote(value, safe=""))
    elif scheme.lower() == "isbn" and (isbn_page := _ISBN_PAGES.get(site_of(review))):
        url = isbn_page.format(quote(value, safe=""))
    else:
        return None
    thing = _line(subject.kind) or (ref.thing if ref is not None else "") or "subject"
    return Page(_line(url), thing)


def site_of(review: Review) -> str:
    """The site a review is from as a reader names it (`Goodreads`, `Hacker News`); empty for a
    blog, a forum or a file of unknown origin (its address, when known, says where it is)."""
    host = (urlsplit(review.url).hostname or "") if review.url and _WEB.match(review.url) else ""
    labels = host.removeprefix("www.").split(".")
    for domain, name in _HOSTS:
        if host == domain or host.endswith("." + domain) or (domain.endswith(".") and domain[:-1] in labels[:-1]):
            return name
    if name := _FORMATS.get(review.format, ""):
        return name
    ref = review.subject.ref if review.subject is not None and review.subject.ref else ""
    found = _REFS.get(ref.partition(":")[0]) if ":" in ref else None
    return found.site if found is not None else ""


def _line(text: str | None) -> str:
    return " ".join(visible(text or "", single_line=True).split())
