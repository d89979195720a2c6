"""WordPress WXR exports: published posts and pages with their approved comments.

Reviews: items of type post or page with status publish. Attachments, menu items,
drafts and the like are skipped. Comments: approved (`1`) and not pingbacks or
trackbacks; `wp:comment_parent` makes the thread (0 = top level).

Authors: a post names its author by login (`dc:creator`), a comment by the name typed or
the user's display name. A comment from a logged-in user (`wp:comment_user_id` not 0) is
the post author's when that id is the author's `wp:author_id`, or, in exports without
ids, when another logged-in comment with that id carries the author's login, display name
or email. Those comments are shown under the post's author name, so the thread marks them
OP. A comment with no user id is never matched (anyone can type a name or an email).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, clean_or_none, iso_date, title_from
from tui_reader.core.importers.html import html_paragraphs, html_text, read_text
from tui_reader.core.importers.shortcodes import shortcodes_as_html
from tui_reader.core.importers.threads import Record, build_threads, oldest_first
from tui_reader.core.importers.xmlsafe import child_text, export_root

REVIEW_TYPES = ("post", "page")
NOT_COMMENTS = ("pingback", "trackback")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp|svg|tiff?)(?:\?.*)?$", re.IGNORECASE)


def _title_line(raw: str) -> str:
    """A post title is HTML (themes print it as it is): one line of its text, tags gone and entities
    read ("Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>" was the list's title)."""
    return clean(" ".join(line.strip() for line in html_text(raw).splitlines() if line.strip()))


def _date(element: ET.Element, prefix: str) -> str | None:
    gmt = iso_date(child_text(element, f"wp:{prefix}_gmt"))
    if gmt is not None:
        return gmt + "Z" if gmt[-1].isdigit() else gmt
    return iso_date(child_text(element, f"wp:{prefix}"))


_BLOCKS = "<!-- wp:"  # a post written in the block editor (its blocks' comments): its HTML is as shown
_DAY_IN_LINK = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")


def _day_in_link(link: str) -> str | None:
    """The day a permalink names (`/2017/01/24/…`), for an item whose export gives no date (a WXR
    written by Duoshuo or Disqus from a static blog leaves `post_date_gmt` empty)."""
    match = _DAY_IN_LINK.search(link)
    if match is None:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:  # no such day (`/2017/02/31/`): a path, not a date
        return None


def _comment_qualifies(comment: ET.Element) -> str | None:
    """None when the comment is shown; else why it is not."""
    kind = clean(child_text(comment, "wp:comment_type")).lower()
    if kind in NOT_COMMENTS:
        return kind
    approved = clean(child_text(comment, "wp:comment_approved"))
    if approved != "1":
        return "spam" if approved == "spam" else "unapproved"
    return None


@dataclass(frozen=True, slots=True)
class _Author:
    login: str
    name: str  # the display name, else the login
    user_ids: frozenset[str]


def _authors(channel: ET.Element) -> dict[str, _Author]:
    """The blog's authors by login, each with the user ids its comments were made under."""
    found: dict[str, tuple[str, str, str]] = {}  # login: (id, display name, email)
    for entry in channel.findall("wp:author"):
        login = clean(child_text(entry, "wp:author_login"))
        if login:
            values = (child_text(entry, f"wp:author_{key}") for key in ("id", "display_name", "email"))
            user_id, name, email = (clean(value) for value in values)
            found[login] = (user_id, name or login, email.lower())
    owners: dict[str, str] = {}  # a name, login or email: its author's login
    for login, (_, name, email) in found.items():
        owners.update({key: login for key in (login, name, email) if key})
    ids: defaultdict[str, set[str]] = defaultdict(set)
    for login, (user_id, _, _) in found.items():
        if user_id not in ("", "0"):
            ids[login].add(user_id)
    for comment in channel.iter("wp:comment"):
        user_id = clean(child_text(comment, "wp:comment_user_id"))
        if user_id in ("", "0"):
            continue
        keys = (clean(child_text(comment, "wp:comment_author")), clean(child_text(comment, "wp:comment_author_email")))
        owner = owners.get(keys[0]) or owners.get(keys[1].lower())
        if owner is not None:
            ids[owner].add(user_id)
    return {login: _Author(login, name, frozenset(ids[login])) for login, (_, name, _) in found.items()}


def _attached_images(channel: ET.Element) -> Counter[str]:
    """How many images are attached to each post (by id): what a `[gallery]` with no `ids=` shows."""
    return Counter(
        clean(child_text(item, "wp:post_parent"))
        for item in channel.iter("item")
        if clean(child_text(item, "wp:post_type")).lower() == "attachment"
        and _IMAGE_FILE.search(clean(child_text(item, "wp:attachment_url")) or clean(child_text(item, "guid")))
    )


def _comment_author(comment: ET.Element, post_author: _Author | None) -> str:
    """The name shown for a comment: the post author's when it was made under the author's user id."""
    if post_author is not None and clean(child_text(comment, "wp:comment_user_id")) in post_author.user_ids:
        return post_author.name
    return clean(child_text(comment, "wp:comment_author"))


def _parent(value: str) -> str | None:
    value = clean(value)
    return None if value in ("", "0") else value


_EMPTY = "empty (no text, no comments)"


class WXRImporter:
    """WordPress eXtended RSS (any WXR version)."""

    name = "wxr"

    def sniff(self, head: str, path: Path) -> bool:
        return "<rss" in head and ("wordpress.org/export" in head or "<wp:wxr_version" in head)

    def parse(self, text: str, path: Path) -> Parsed:
        parsed = Parsed(path=str(path), format=self.name)
        not_wxr = "not a WordPress export (no <rss><channel>)"
        channel = export_root(text, path, "rss", not_wxr, parsed).find("channel")
        if channel is None:
            raise InputError(path, not_wxr)
        site = clean(child_text(channel, "link")) or clean(child_text(channel, "wp:base_blog_url"))
        not_reviews: Counter[str] = Counter()
        not_comments: Counter[str] = Counter()
        orphans = 0
        source = str(path.resolve())
        authors = _authors(channel)
        images = _attached_images(channel)
        for item in channel.iter("item"):
            kind = clean(child_text(item, "wp:post_type")).lower() or "post"
            status = clean(child_text(item, "wp:status")).lower() or "publish"
            if kind not in REVIEW_TYPES or status != "publish":
                not_reviews[kind if kind not in REVIEW_TYPES else status] += 1
                continue
            post_id = clean(child_text(item, "wp:post_id"))
            native = (
                f"{site}#{post_id}" if post_id else clean(child_text(item, "guid")) or clean(child_text(item, "link"))
            )
            if not native:
                not_reviews["item without id"] += 1
                continue
            review_id = stable_id("wxr", native)
            creator = clean(child_text(item, "dc:creator"))
            author = authors.get(creator)
            records: list[Record] = []
            dropped: dict[str, str | None] = {}
            for comment in item.iter("wp:comment"):
                comment_id = clean(child_text(comment, "wp:comment_id"))
                parent = _parent(child_text(comment, "wp:comment_parent"))
                reason = _comment_qualifies(comment)
                if not comment_id:
                    reason = reason or "comment without id"
                if reason is not None:
                    not_comments[reason] += 1
                    if comment_id:
                        dropped[comment_id] = parent
                    continue
                records.append(
                    Record(
                        native_id=comment_id,
                        parent=parent,
                        body=html_text(
                            shortcodes_as_html(clean(child_text(comment, "wp:comment_content"))),
                            newlines=True,
                            markdown=True,
                        ),
                        author=_comment_author(comment, author),
                        date=_date(comment, "comment_date"),
                    )
                )
            thread = build_threads(review_id, oldest_first(records), dropped)
            orphans += thread.orphans
            content = clean(child_text(item, "content:encoded"))
            paragraphs = tuple(
                html_paragraphs(
                    shortcodes_as_html(content, images.get(post_id, 0)),
                    newlines=_BLOCKS not in content,  # the block editor's posts: WordPress adds no <br> (no wpautop)
                    markdown=True,
                )
            )
            if not paragraphs and not thread.comments:  # (a Disqus-made WXR lists every page it knows)
                not_reviews[_EMPTY] += 1
                continue
            title = _title_line(child_text(item, "title")) or title_from(
                read_text(paragraphs), f"{kind} {post_id}".strip()
            )
            parsed.reviews.append(
                Review(
                    id=review_id,
                    title=title,
                    source=source,
                    paragraphs=paragraphs,
                    author=author.name if author is not None else creator or None,
                    date=_date(item, "post_date") or _day_in_link(child_text(item, "link")),
                    url=clean_or_none(child_text(item, "link")),
                    format=self.name,
                    comments=thread.comments,
                )
            )
        where = str(path)
        parsed.skipped += [Skipped(where, f"{what} items not imported", n) for what, n in sorted(not_reviews.items())]
        parsed.skipped += [Skipped(where, f"{what} comments skipped", n) for what, n in sorted(not_comments.items())]
        if orphans:
            parsed.skipped.append(Skipped(where, "replies to missing comments shown at top level", orphans))
        if not parsed.reviews:
            raise InputError(path, "no published posts or pages in this WordPress export")
        return parsed
