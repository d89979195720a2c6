"""What `Y` credits a copied passage with: a citation a reader would paste into a document.

`— Review of *The Witch And Other Tales Re-Told* by Jean Thompson (2014), Goodreads, 2019-02-08`:
who wrote the passage (when the source names them by more than an id), what it is (a review of
a thing, a post, a comment on a post), the site, the date, and the review's address. Never a
local file's name or path: a file name is not something you cite (`goodreads_library_export.csv`
was). Every part is the source's untrusted text: made one visible line, then escaped.
"""

from __future__ import annotations

from typing import NamedTuple

from tui_reader.core.content.about import named, named_by_its_id
from tui_reader.core.content.markdown_text import autolinked_or_escaped, escaped
from tui_reader.core.content.models import Review
from tui_reader.core.content.pages import page_of, site_of
from tui_reader.core.content.text import visible
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.personal.quoting import comment_in, location_of


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
    who = named(comment.author if comment is not None else review.author)  # an id: the address has it
    subject = review.subject
    if comment is not None:
        place = _line(location_of(anchor, review))  # `reply to ann`, as the export says it
        before = f"{place} on " if place.startswith("reply to ") else "comment on "
        title, after = _line(review.title), ""
    elif subject is not None and _line(subject.name):
        creator = f" by {_line(subject.creator)}" if _line(subject.creator) else ""
        year = f" ({subject.year})" if subject.year else ""
        before, title, after = "review of ", _line(subject.name), creator + year
        if named_by_its_id(subject):  # `Amazon product 1384719342` is no title to set in italics
            before, title = before + title, ""
    else:
        before, title, after = "", _line(review.title), ""
    if not who and before:
        before = before[0].upper() + before[1:]  # it begins the line: `— Review of *Her* (2013), …`
    date = _line((comment.date if comment is not None else review.date) or "")[:10]
    page = page_of(review)  # the review's address, else the thing's page: as the head and `O` have it
    return Citation(who, before, title, after, site_of(review), date, page.url if page is not None else "")


def _line(text: str | None) -> str:
    return " ".join(visible(text or "", single_line=True).split())
