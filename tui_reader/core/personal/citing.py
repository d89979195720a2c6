"""What `Y` credits a copied passage with: a citation a reader would paste into a document.

`— Review of *The Witch And Other Tales Re-Told* by Jean Thompson (2014), Goodreads, 2019-02-08`:
who wrote the passage (when the source names them by more than an id), what it is (a review of
a thing, a post, a comment on a post), the site, the date, and the review's address. Never a
local file's name or path: a file name is not something you cite (`goodreads_library_export.csv`
was). Every part is the source's untrusted text: made one visible line, then escaped.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote, urlsplit

from tui_reader.core.content.markdown_text import autolinked_or_escaped, escaped
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.content.text import id_like, visible
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.personal.quoting import comment_in, location_of
from tui_reader.core.sources.names import STEAM_PAGE

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
# By a subject ref's scheme: its site, and the page of the thing it names by an id (the citation's
# address when the review has none: an Amazon or Yelp dump gives no review's address, the product's
# or the place's page says where). Letterboxd's ref is an address already.
_REFS = {
    "asin": ("Amazon", "https://www.amazon.com/dp/{}"),
    "goodreads": ("Goodreads", "https://www.goodreads.com/book/show/{}"),
    "imdb": ("IMDb", "https://www.imdb.com/title/{}/"),
    "letterboxd": ("Letterboxd", ""),
    "steam": ("Steam", STEAM_PAGE),
    "yelp": ("Yelp", "https://www.yelp.com/biz/{}"),
}
_WEB = re.compile(r"https?://", re.IGNORECASE)
ID_NAME_CELLS = 16  # a one-word name this long that reads as an id is a site's user id, not a name


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
    return _REFS.get(ref.partition(":")[0], ("", ""))[0] if ":" in ref else ""


class Citation(NamedTuple):
    """A citation's parts, plain (one visible line each): `who`, then the work as `before` +
    `title` (in italics) + `after`, the site, the date, the address."""

    who: str
    before: str
    title: str
    after: str
    site: str
    date: str
    url: str

    def markdown(self) -> str:
        """The credit line's Markdown: each part escaped, the title in italics, the address a link."""
        work = f"{escaped(self.before)}*{escaped(self.title)}*{escaped(self.after)}" if self.title else ""
        work = work or escaped(self.before + self.after)
        url = autolinked_or_escaped(self.url) if self.url else ""
        parts = (escaped(self.who), work, escaped(self.site), escaped(self.date), url)
        return ", ".join(part for part in parts if part)

    def text(self) -> str:
        """As plain text, what the quotes list keeps as the quote's attribution."""
        work = f"{self.before}{self.title}{self.after}"
        return ", ".join(part for part in (self.who, work, self.site, self.date, self.url) if part)


def citation(review: Review, anchor: Anchor) -> Citation:
    """How a passage at `anchor` is cited: the comment's author and date for a comment (a comment
    on the post's title), else the review's, a review of its subject (name, creator, year) where
    it has one, else the post's title."""
    comment = comment_in(review, anchor.comment_id)[0] if anchor.comment_id is not None else None
    who = _line(comment.author if comment is not None else review.author)
    if " " not in who and len(who) >= ID_NAME_CELLS and id_like(who):
        who = ""  # Steam's `76561197981729903`, Yelp's `OyoGAe7OKpv6SyGZT5g77Q`: the address has them
    subject = review.subject
    if comment is not None:
        place = _line(location_of(anchor, review))  # `reply to ann`, as the export says it
        before = f"{place} on " if place.startswith("reply to ") else "comment on "
        title, after = _line(review.title), ""
    elif subject is not None and _line(subject.name):
        creator = f" by {_line(subject.creator)}" if _line(subject.creator) else ""
        year = f" ({subject.year})" if subject.year else ""
        before, title, after = "review of ", _line(subject.name), creator + year
        if _named_by_its_id(subject):  # `Amazon product 1384719342` is no title to set in italics
            before, title = before + title, ""
    else:
        before, title, after = "", _line(review.title), ""
    if not who and before:
        before = before[0].upper() + before[1:]  # it begins the line: `— Review of *Her* (2013), …`
    date = _line((comment.date if comment is not None else review.date) or "")[:10]
    url = _line(review.url) if review.url and _WEB.match(review.url) else ""
    return Citation(who, before, title, after, site_of(review), date, url or _page_of(subject))


def _named_by_its_id(subject: Subject) -> bool:
    """A name an importer made of the thing's id (`Yelp business EtKSTHV5Qx_Q7Aur9o4kQQ`, `IMDb
    tt0118799`), the source giving no name: it ends with its ref's value."""
    value = (subject.ref or "").partition(":")[2]
    return bool(value) and subject.name != value and subject.name.endswith(" " + value)


def _page_of(subject: Subject | None) -> str:
    """The reviewed thing's page, from its ref (`asin:…`, `yelp:…`, `steam:…`, or a ref that is an
    address, as Letterboxd's); empty when the ref names no page."""
    scheme, _, value = ((subject.ref or "") if subject is not None else "").partition(":")
    if _WEB.match(value):
        return _line(value)
    page = _REFS.get(scheme, ("", ""))[1]
    return page.format(quote(value, safe="")) if page and value else ""


def _line(text: str | None) -> str:
    return " ".join(visible(text or "", single_line=True).split())
