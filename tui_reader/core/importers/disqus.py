"""Disqus XML exports: threads become reviews, posts their comments via <parent>.

Deleted and spam posts are skipped (their replies move up to the nearest kept
post). Threads for one article are merged: Disqus keeps a thread per URL the
article was ever reached by (`/blog/x.html`, `/x/`), and site migrations copy the
posts into each. Two threads are the same article when their links normalise
alike (host without www, last path segment without extension) or when they share
a title and a post (same native `<id>`, or the same author, time and message).
Merged posts that are copies of each other are kept once.

Emails and IP addresses are in the export; they are never read into anything.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, clean_or_none, iso_date, title_from
from tui_reader.core.importers.html import html_paragraphs, html_text
from tui_reader.core.importers.threads import Record, build_threads, oldest_first
from tui_reader.core.importers.xmlsafe import child_text, export_root

DSQ_ID = "dsq:id"


@dataclass(slots=True)
class _Thread:
    dsq_id: str
    link: str
    title: str
    message: str
    author: str | None
    date: str | None
    posts: list[ET.Element] = field(default_factory=list)


def article_key(link: str) -> str:
    """What stays the same across the URLs one article was reached by."""
    try:
        parts = urlsplit(link.strip())
    except ValueError:  # e.g. a broken IPv6 host: the link itself is then the key
        return link.strip()
    host = parts.netloc.lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1] if segments else ""
    for extension in (".html", ".htm", ".php", ".aspx"):
        last = last.removesuffix(extension)
    return f"{host}/{last}" if last else f"{host}/?{parts.query}"


def _post_key(post: ET.Element) -> str:
    """The identity of a post across copies: its native <id>, else author, time and message."""
    native = clean(child_text(post, "id"))
    if native:
        return native
    author = post.find("author")
    name = clean(child_text(author, "name")) if author is not None else ""
    return f"{name}\x00{clean(child_text(post, 'createdAt'))}\x00{clean(child_text(post, 'message'))}"


def _ref(element: ET.Element | None) -> str | None:
    return element.get(DSQ_ID) if element is not None else None


def _merge(threads: list[_Thread]) -> list[list[_Thread]]:
    """Group threads of one article (union-find), groups in order of their first thread."""
    parent = list(range(len(threads)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_link: dict[str, int] = {}
    by_title_post: dict[tuple[str, str], int] = {}
    for index, thread in enumerate(threads):
        if thread.link:
            union(index, by_link.setdefault(article_key(thread.link), index))
        for post in thread.posts:
            union(index, by_title_post.setdefault((thread.title, _post_key(post)), index))
    groups: dict[int, list[_Thread]] = {}
    for index, thread in enumerate(threads):
        groups.setdefault(find(index), []).append(thread)
    return list(groups.values())


class DisqusImporter:
    """Disqus XML export (`<disqus xmlns="http://disqus.com">`)."""

    name = "disqus"

    def sniff(self, head: str, path: Path) -> bool:
        return "<disqus" in head and "disqus.com" in head

    def parse(self, text: str, path: Path) -> Parsed:
        parsed = Parsed(path=str(path), format=self.name)
        where = str(path)
        root = export_root(text, path, "disqus", "not a Disqus export (no <disqus> root)", parsed)
        threads: dict[str, _Thread] = {}
        for element in root.iter("thread"):
            dsq_id = element.get(DSQ_ID)
            if dsq_id is None or (element.find("link") is None and element.find("title") is None):
                continue  # a <thread dsq:id> reference inside a post, not a thread
            author = element.find("author")
            threads.setdefault(
                dsq_id,
                _Thread(
                    dsq_id=dsq_id,
                    link=clean(child_text(element, "link")),
                    title=_page_title(child_text(element, "title")),
                    message=clean(child_text(element, "message")),
                    author=clean_or_none(child_text(author, "name")) if author is not None else None,
                    date=iso_date(child_text(element, "createdAt")),
                ),
            )
        skipped: Counter[str] = Counter()
        dropped: dict[str, str | None] = {}
        for post in root.iter("post"):
            thread = threads.get(_ref(post.find("thread")) or "")
            if thread is None:
                skipped["posts of unknown threads"] += 1
                continue
            deleted = clean(child_text(post, "isDeleted")).lower() == "true"
            spam = clean(child_text(post, "isSpam")).lower() == "true"
            if deleted or spam:
                skipped["deleted posts" if deleted else "spam posts"] += 1
                post_id = post.get(DSQ_ID)
                if post_id:
                    dropped[post_id] = _ref(post.find("parent"))
                continue
            thread.posts.append(post)
        empty = 0
        orphans = 0
        source = str(path.resolve())
        site = site_suffix([thread.title for thread in threads.values()])
        for group in _merge(list(threads.values())):
            head = group[0]
            review_id = stable_id("disqus", head.dsq_id)
            records, copies = self._records(group)
            for copy_id, original in copies.items():
                dropped[copy_id] = original
            if not records and not any(t.message for t in group):
                empty += 1
                continue
            thread_result = build_threads(review_id, oldest_first(records), dropped)
            orphans += thread_result.orphans
            skipped["copies of posts in merged threads"] += len(copies)
            message = next((t.message for t in group if t.message), "")
            paragraphs = tuple(html_paragraphs(_message_html(message), markdown=True))
            parsed.reviews.append(
                Review(
                    id=review_id,
                    title=_without(site, next((t.title for t in group if t.title), ""))
                    or title_from(message, head.link or "thread"),
                    source=source,
                    paragraphs=paragraphs,
                    author=head.author,
                    date=head.date,
                    url=head.link or None,
                    format=self.name,
                    comments=thread_result.comments,
                )
            )
        parsed.skipped += [Skipped(where, f"{what}", n) for what, n in sorted(skipped.items()) if n]
        if empty:
            parsed.skipped.append(Skipped(where, "threads without posts", empty))
        if orphans:
            parsed.skipped.append(Skipped(where, "replies to missing posts shown at top level", orphans))
        if not parsed.reviews:
            raise InputError(path, "no threads with posts in this Disqus export")
        return parsed

    @staticmethod
    def _records(group: list[_Thread]) -> tuple[list[Record], dict[str, str]]:
        """Posts of merged threads, each kept once; copies map to the post they copy."""
        records: list[Record] = []
        first_by_key: dict[str, str] = {}
        copies: dict[str, str] = {}
        for thread in group:
            for post in thread.posts:
                post_id = post.get(DSQ_ID) or _post_key(post)
                key = _post_key(post)
                if key in first_by_key:
                    copies[post_id] = first_by_key[key]
                    continue
                first_by_key[key] = post_id
                author = post.find("author")
                records.append(
                    Record(
                        native_id=post_id,
                        parent=_ref(post.find("parent")),
                        body=html_text(_message_html(child_text(post, "message")), markdown=True),
                        author=clean(child_text(author, "name")) if author is not None else "",
                        date=iso_date(child_text(post, "createdAt")),
                    )
                )
        return records, copies


# A character reference escaped once more (`&amp;#039`, `&amp;#x27;`): the export escapes some posts'
# references twice, as it does page titles (`_page_title`).
_ESCAPED_REFERENCE = re.compile(r"&amp;(#(?:\d{1,7}|[xX][0-9a-fA-F]{1,6});?)")


def _message_html(raw: str) -> str:
    """A post's HTML with each character reference escaped twice read once (`if __name__ ==
    &amp;#039__main__&amp;#039:` showed `&#039__main__&#039`), as `_page_title` reads titles;
    html.parser then decodes `&#039` with or without its `;`, as a browser does."""
    return _ESCAPED_REFERENCE.sub(r"&\1", clean(raw))


def _page_title(raw: str) -> str:
    """A thread's title is its page's `<title>`: HTML, escaped once more by sites that escape their
    entities again (`&amp;#8220;作弊&amp;#8221;` for “作弊”), so it is unescaped until it stops changing."""
    title = raw
    for _ in range(3):
        unescaped = html.unescape(title)
        if unescaped == title:
            break
        title = unescaped
    return clean(title)


_SEPARATORS = (" - ", " | ", " – ", " — ", " :: ", " « ", " » ")


def site_suffix(titles: list[str]) -> str | None:
    """The site's name its pages' titles end with (`Rebooting Clojure - An Architect's View`), where
    it is sure: ending three titles, or two and a page's whole title (the home page's). Disqus
    keeps the page's `<title>`, so every thread in the list said the site's name again."""
    whole = set(titles)
    ends: Counter[str] = Counter()
    for title in whole:
        for separator in _SEPARATORS:
            head, cut, tail = title.rpartition(separator)
            if cut and head.strip() and tail.strip():
                ends[separator + tail] += 1
    for end, count in ends.most_common(1):
        if count >= 3 or (count >= 2 and end.split(" ", 2)[-1] in whole):
            return end
    return None


def _without(site: str | None, title: str) -> str:
    return title.removesuffix(site).strip() if site and title.endswith(site) else title
