"""Reading a saved Hacker News item page's HTML into its rows (what `hnpage` maps to a review).

One pass of `html.parser` over the page: each `athing` row with what the rows after it say
of it (score, author, age, text), the text of `div.comment` kept as HTML and the site's
own navigation (vote, reply, `[–]` links, the comment head) left out. No tree is built:
the cost is linear in the page's size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin

from tui_reader.core.importers.common import clean, iso_date

SITE = "https://news.ycombinator.com/"
INDENT_WIDTH = 40  # pixels of spacer per level in older pages
GONE = {"[deleted]": "deleted", "[flagged]": "flagged", "[dead]": "dead"}  # a row's marks, and why it is skipped

_KEEP = frozenset(["p", "br", "i", "em", "b", "strong", "u", "s", "pre", "code", "blockquote", "ul", "ol", "li", "div"])
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
_NAV_CLASSES = frozenset(["reply", "togg", "navs", "votelinks", "votearrow", "comhead", "hnpast", "morelink"])
_NAV_HREFS = ("vote?", "reply?", "hide?", "fave?", "flag?", "vouch?", "login", "logout", "javascript:")
_ROW_ENDS = frozenset(("td", "tr", "table", "tbody", "body", "html"))
_NO_ZONE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?")


@dataclass(slots=True)
class Row:
    """One `athing` row with what the rows after it (its subtext, toptext) say about it."""

    id: str
    in_fatitem: bool
    comtr: bool
    indent: int | None = None
    spacer: int | None = None  # width of the first spacer image (older pages' indentation)
    author: str = ""
    date: str | None = None
    score: int | None = None
    title: str = ""
    link: str = ""
    on_story: str = ""
    text: list[str] = field(default_factory=list)  # the text's HTML, rebuilt from what was kept
    has_text: bool = False
    marks: set[str] = field(default_factory=set)  # [dead], [flagged], [deleted] seen in the row

    @property
    def level(self) -> int:
        if self.indent is not None:
            return self.indent
        return (self.spacer or 0) // INDENT_WIDTH


@dataclass(slots=True)
class _Capture:
    """An element whose content is being read: `kind` says into which field."""

    kind: str  # "text" (HTML kept), or a plain-text field: "title", "author", "score", "on_story", "page"
    tag: str
    depth: int = 1
    parts: list[str] = field(default_factory=list)
    outer: bool = False  # `div.comment`, around the comment's own `commtext` and the site's reply link


def _classes(attrs: dict[str, str]) -> set[str]:
    return set(attrs.get("class", "").split())


def _nav_href(href: str) -> bool:
    """A link of the site's own (vote, reply, hide, login…), relative or saved absolute."""
    local = href.strip().split("//news.ycombinator.com", 1)[-1].lstrip("/")
    return local.lower().startswith(_NAV_HREFS)


def _int(value: str) -> int | None:
    try:
        return int(value.strip())
    except ValueError:
        return None


class Page(HTMLParser):
    """The page's rows, read in one pass (linear in the page's size, no tree built)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[Row] = []
        self.row: Row | None = None
        self.tables: list[str] = []  # class of each open table: "fatitem", "comment-tree", "itemlist" or ""
        self.capture: _Capture | None = None
        self.skip: _Capture | None = None  # a navigation element inside the text: dropped with its content
        self.want_title = False  # inside span.titleline: its first link is the story
        self.want_story = False  # inside span.onstory: its link names the story a comment is on
        self.page_title = ""
        self.more = False  # a "More" link: the thread goes on in pages not saved

    @property
    def in_fatitem(self) -> bool:
        return "fatitem" in self.tables

    def _end_capture(self) -> None:
        capture, self.capture, self.skip = self.capture, None, None
        if capture is None:
            return
        if capture.kind == "text":
            if self.row is not None:
                self.row.text = capture.parts
            return
        value = " ".join("".join(capture.parts).split())
        if capture.kind == "page":
            self.page_title = value
            return
        row = self.row
        if row is None:
            return
        if capture.kind == "title":
            row.title = value
        elif capture.kind == "author":
            row.author = value
        elif capture.kind == "on_story":
            row.on_story = row.on_story or value
        elif capture.kind == "score":
            row.score = _int(value.split(" ", 1)[0]) if value else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {name: value or "" for name, value in attrs}
        if tag in _ROW_ENDS:
            self._end_capture()
            self._structure(tag, named)
            return
        if self.skip is not None:
            if tag == self.skip.tag and tag not in _VOID:
                self.skip.depth += 1
            return
        capture = self.capture
        if capture is not None:
            if capture.kind == "text":
                self._text_tag(tag, named, capture)
            elif tag == capture.tag and tag not in _VOID:
                capture.depth += 1
            return
        if tag == "title" and not self.page_title:
            self.capture = _Capture("page", tag)
        if self.row is not None:
            self._row_tag(tag, named, self.row)
        elif tag == "a" and "morelink" in _classes(named):
            self.more = True

    def _structure(self, tag: str, named: dict[str, str]) -> None:
        """Tables and rows: where the story, the comments and a story list are."""
        classes = _classes(named)
        if tag == "table":
            kind = next((name for name in ("fatitem", "comment-tree", "itemlist") if name in classes), "")
            self.tables.append(kind)
        elif tag == "tr" and "athing" in classes:
            self.row = Row(named.get("id", "").strip(), self.in_fatitem, "comtr" in classes)
            self.rows.append(self.row)
        elif tag == "td" and self.row is not None and "ind" in classes:
            self.row.indent = _int(named.get("indent", "")) if "indent" in named else self.row.indent

    def _row_tag(self, tag: str, named: dict[str, str], row: Row) -> None:
        classes = _classes(named)
        if tag == "img":
            if row.spacer is None and named.get("src", "").endswith("s.gif") and not row.has_text:
                row.spacer = _int(named.get("width", "")) or 0
        elif tag == "a":
            href = named.get("href", "").strip()
            if "morelink" in classes:
                self.more = True
            elif "hnuser" in classes and not row.author:
                self.capture = _Capture("author", tag)
            elif (self.want_title or classes & {"storylink", "titlelink"}) and not row.title:
                row.link = href
                self.capture = _Capture("title", tag)
                self.want_title = False
            elif self.want_story:
                self.want_story = False
                if named.get("title", "").strip():
                    row.on_story = clean(named["title"])
                else:
                    self.capture = _Capture("on_story", tag)
        elif tag == "span" and "titleline" in classes:
            self.want_title = True
        elif tag == "span" and "onstory" in classes:
            self.want_story = True
        elif tag == "span" and "score" in classes and row.score is None:
            self.capture = _Capture("score", tag)
        elif tag == "span" and "age" in classes and row.date is None:
            row.date = _age(named.get("title", ""))
        elif classes & {"comment", "commtext", "toptext"} and not row.has_text and tag not in _VOID:
            row.has_text = True
            self.capture = _Capture("text", tag, outer="commtext" not in classes and "comment" in classes)

    def _text_tag(self, tag: str, named: dict[str, str], capture: _Capture) -> None:
        """A tag inside the text: kept if it shapes the text, dropped with its content if it is the site's."""
        href = named.get("href", "")
        if capture.outer and "commtext" in _classes(named) and tag not in _VOID:
            # The comment's own text alone: what follows it in `div.comment` is the site's (a reply
            # link whose tag a damaged page turned into text showed as the comment's words).
            self.capture = _Capture("text", tag)
            return
        if _classes(named) & _NAV_CLASSES or (tag == "a" and _nav_href(href)):
            if tag not in _VOID:
                self.skip = _Capture("skip", tag)
            return
        if tag == capture.tag and tag not in _VOID:
            capture.depth += 1
        if tag == "a":
            href = href.strip()
            target = href if href.startswith("#") or not href else urljoin(SITE, href)
            capture.parts.append(f'<a href="{escape(target)}">' if target else "<a>")
        elif tag in _KEEP:
            capture.parts.append(f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _ROW_ENDS:
            self._end_capture()
            if tag == "table" and self.tables:
                if self.tables.pop() in ("fatitem", "comment-tree"):
                    self.row = None
            elif tag == "td":
                self.want_title = self.want_story = False
            return
        if self.skip is not None:
            if tag == self.skip.tag:
                self.skip.depth -= 1
                if self.skip.depth == 0:
                    self.skip = None
            return
        capture = self.capture
        if capture is None:
            if tag == "span":
                self.want_title = self.want_story = False
            return
        if tag == capture.tag:
            capture.depth -= 1
            if capture.depth == 0:
                self._end_capture()
                return
        if capture.kind == "text" and (tag in _KEEP or tag == "a") and tag not in _VOID:
            capture.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skip is not None:
            return
        if self.capture is not None:
            self.capture.parts.append(escape(data, quote=False) if self.capture.kind == "text" else data)
        elif self.row is not None and "[" in data:
            self.row.marks.update(word for word in data.split() if word in GONE)

    def close(self) -> None:
        super().close()
        self._end_capture()  # a page cut off inside a comment: what is there is kept


def _age(title: str) -> str | None:
    """`span.age`'s title: `2024-01-02T03:04:05` (UTC), sometimes with `.000000Z` or a Unix time after a space."""
    first = title.strip().split(" ", 1)[0]
    date = iso_date(first) if first else None
    if date and _NO_ZONE.fullmatch(date):
        date += "Z"  # HN's times are UTC, as the JSON importer's are
    return date


def parse_page(text: str) -> Page:
    page = Page()
    try:
        page.feed(text)
        page.close()
    except AssertionError:  # html.parser asserts on some broken markup
        pass
    return page
