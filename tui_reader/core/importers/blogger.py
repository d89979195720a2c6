"""Blogger's backup (Settings → Back up content: `blog-MM-DD-YYYY.xml`), and its posts feed.

An Atom feed of the whole blog whose entries say what they are by a `kind` category
(`…/blogger/2008/kind#post`): posts and pages become reviews, drafts (`app:draft` yes)
are skipped, settings and the template are not content. A comment names its post by
`thr:in-reply-to` (`ref`, the post's entry id) and the comment it answers, when it answers
one, by its `related` link (`…/comments/default/<id>`); entry ids end in `.post-<id>`,
comments' too; a post without an id, or repeating one, is skipped and counted (the first with
an id is kept), and so is a post with no text and no comments. Labels (`blogger.com/atom/ns#`
categories) are the review's tags. An author's email (Blogger writes `noreply@blogger.com` or the
real one) is never read.

Takeout's schema (`xmlns:blogger='http://schemas.google.com/blogger/2018'`, `feed.atom` or a
backup saved since) says the same in its own elements: `blogger:type` POST, PAGE or COMMENT,
`blogger:status` LIVE (else a draft or trashed: skipped), a comment's post in `blogger:parent`
and the comment it answers in `blogger:inReplyTo`, labels as categories of the blog's own scheme
(`tag:blogger.com,1999:blog-ID`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, clean_or_none, iso_date, title_from
from tui_reader.core.importers.html import html_paragraphs, html_text, read_text
from tui_reader.core.importers.threads import Record, build_threads, oldest_first
from tui_reader.core.importers.xmlsafe import ATOM, child_text, export_root

_KIND = re.compile(r"/blogger/2008/kind#(\w+)\Z")
_LABELS = "http://www.blogger.com/atom/ns#"
_BLOG_SCHEME = "tag:blogger.com,1999:blog-"
_LAST_ID = re.compile(r"(?:\.post-|/)(\d+)\Z")
_REVIEWS = ("post", "page")


def _kind(entry: ET.Element) -> str:
    """`post`, `page`, `comment`, `settings`, `template`…; a feed of posts (no kinds) holds posts."""
    said = clean(child_text(entry, "blogger:type")).lower()
    if said:
        return said
    for category in entry.findall("category"):
        match = _KIND.search(category.get("term", ""))
        if match:
            return match[1]
    return "post"


def _number(value: str) -> str:
    """The id an entry id or a feed address ends with (`tag:…blog-1.post-42`, `…/default/42`)."""
    match = _LAST_ID.search(value.strip())
    return match[1] if match else value.strip()


def _link(entry: ET.Element, rel: str) -> str:
    return next((link.get("href", "") for link in entry.findall("link") if link.get("rel") == rel), "")


def _author(entry: ET.Element) -> str:
    author = entry.find("author")
    return clean(child_text(author, "name")) if author is not None else ""


def _unpublished(entry: ET.Element) -> str | None:
    """Why an entry is not shown on the blog (`drafts`, `trashed entries`), None when it is."""
    control = entry.find("app:control")
    if control is not None and clean(child_text(control, "app:draft")).lower() == "yes":
        return "drafts"
    status = clean(child_text(entry, "blogger:status")).upper()
    if status == "DRAFT":
        return "drafts"
    if clean(child_text(entry, "blogger:trashed")) or "TRASH" in status:
        return "trashed entries"
    return f"{status.lower().replace('_', ' ')} entries" if status and status != "LIVE" else None


def _label(category: ET.Element) -> str:
    """A label's words: the old backup's `blogger.com/atom/ns#` categories, Takeout's of the blog's scheme."""
    scheme = category.get("scheme", "")
    return clean(category.get("term", "")) if scheme == _LABELS or scheme.startswith(_BLOG_SCHEME) else ""


class BloggerImporter:
    """Blogger's backup of a blog: posts, pages and their comments."""

    name = "blogger"

    def sniff(self, head: str, path: Path) -> bool:
        return "<feed" in head and ("tag:blogger.com,1999:blog-" in head or "blogger.com/2008/kind#" in head)

    def parse(self, text: str, path: Path) -> Parsed:
        where = str(path)
        parsed = Parsed(path=where, format=self.name)
        root = export_root(text, path, "feed", "not a Blogger export (no Atom <feed>)", parsed, ATOM)
        posts: list[ET.Element] = []
        comments: dict[str, list[Record]] = {}
        not_read: Counter[str] = Counter()
        for entry in root.findall("entry"):
            kind = _kind(entry)
            if kind not in (*_REVIEWS, "comment"):
                not_read[f"{kind} entries"] += 1
            elif (unpublished := _unpublished(entry)) is not None:
                not_read[unpublished] += 1
            elif kind == "comment":
                reply = entry.find("thr:in-reply-to")
                post = clean(reply.get("ref", "")) if reply is not None else clean(child_text(entry, "blogger:parent"))
                related = _link(entry, "related") or clean(child_text(entry, "blogger:inReplyTo"))
                comments.setdefault(post, []).append(
                    Record(
                        native_id=_number(child_text(entry, "id")),
                        parent=_number(related) if related else None,
                        body=html_text(clean(child_text(entry, "content")), markdown=True),
                        author=_author(entry),
                        date=iso_date(child_text(entry, "published")),
                    )
                )
            else:
                posts.append(entry)
        orphans = 0
        source = str(path.resolve())
        seen: set[str] = set()
        for entry in posts:
            entry_id = clean(child_text(entry, "id"))
            if not entry_id or entry_id in seen:  # (its id names it: a second one would overwrite the first)
                not_read["posts without an id" if not entry_id else "posts repeating an earlier post's id"] += 1
                continue
            seen.add(entry_id)
            review_id = stable_id("blogger", entry_id)
            thread = build_threads(review_id, oldest_first(comments.pop(entry_id, [])))
            orphans += thread.orphans
            paragraphs = tuple(html_paragraphs(clean(child_text(entry, "content")), markdown=True))
            if not paragraphs and not thread.comments:  # as WordPress's: nothing to read
                not_read["empty posts (no text, no comments)"] += 1
                continue
            labels = (_label(category) for category in entry.findall("category"))
            parsed.reviews.append(
                Review(
                    id=review_id,
                    title=clean(child_text(entry, "title")) or title_from(read_text(paragraphs), "Blogger post"),
                    source=source,
                    paragraphs=paragraphs,
                    author=_author(entry) or None,
                    date=iso_date(child_text(entry, "published")),
                    url=clean_or_none(_link(entry, "alternate")),
                    format=self.name,
                    comments=thread.comments,
                    tags=tuple(label for label in labels if label),
                )
            )
        parsed.skipped += [Skipped(where, f"{what} not imported", n) for what, n in sorted(not_read.items())]
        unplaced = sum(len(records) for records in comments.values())
        if unplaced:
            parsed.skipped.append(Skipped(where, "comments on posts not in the file", unplaced))
        if orphans:
            parsed.skipped.append(Skipped(where, "replies to missing comments shown at top level", orphans))
        if not parsed.reviews:
            empty = not_read["empty posts (no text, no comments)"]
            said = f" ({empty} empty)" if empty else ""
            raise InputError(path, f"no published posts or pages in this Blogger export{said}")
        return parsed
