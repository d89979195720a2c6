"""A Hacker News item page saved from a browser (`news.ycombinator.com/item?id=N`): one review.

The page's `fatitem` table holds the story (its `athing` row: the `titleline` link,
then `subtext`: score, `hnuser`, `age` whose `title` is an ISO time; an optional
`toptext`), or a comment when the page is a comment's. The `comment-tree` table
is a flat run of `athing comtr` rows; each row's depth is its `td.ind`'s `indent`
(older pages: the spacer `<img width="40*N">`), so a reply's parent is the nearest
row above it one level up. Only the text of `div.comment` (`commtext`) is read:
vote, reply and `[–]` links, the comment head and the site's navigation never reach
a paragraph. `[deleted]`, `[flagged]` and `[dead]` comments are skipped and their
replies move up to the nearest kept comment (`threads.build_threads`).

Ids are Hacker News's own: the review's is the JSON importer's (`hackernews`, item
id), so a story saved as a page or fetched from the API is one review, updated in place.

A story list (front page, `newest`, `ask`) is refused: it holds titles and links,
no text to read, and importing it would overwrite each story already imported
with its thread by an empty one under the same id.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from tui_reader.core.content.ids import source_key, stable_id
from tui_reader.core.content.models import Review
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, clean_or_none, title_from
from tui_reader.core.importers.content_ids import reply_name
from tui_reader.core.importers.hnpage_html import GONE, SITE, Row, parse_page
from tui_reader.core.importers.html import html_paragraphs, html_text, read_text
from tui_reader.core.importers.threads import Record, build_threads

ITEM_URL = SITE + "item?id={}"

_HN_CLASSES = re.compile(r"""class=["']?(?:athing|fatitem)\b|id=["']?hnmain\b""")


def _gone(row: Row, body: str) -> str | None:
    for mark, reason in GONE.items():
        if mark in row.marks or body == mark or body == f"\\{mark[:-1]}\\]":  # as escaped Markdown
            return reason
    if not body:
        return "empty"
    return None


def _looks_like_hn(head: str) -> bool:
    if not head.lstrip().startswith("<"):
        return False
    if _HN_CLASSES.search(head) is None:
        return False
    site = "news.ycombinator.com" in head or "Hacker News" in head
    return site or ("fatitem" in head and "athing" in head)


class HackerNewsPageImporter:
    """A saved Hacker News item page: the story (or comment) and its thread, as one review."""

    name = "hnpage"

    def sniff(self, head: str, path: Path) -> bool:
        return _looks_like_hn(head)

    def parse(self, text: str, path: Path) -> Parsed:
        page = parse_page(text)
        story = next((row for row in page.rows if row.in_fatitem), None)
        comments = [row for row in page.rows if not row.in_fatitem and (row.comtr or row.has_text)]
        if story is None:
            listed = sum(1 for row in page.rows if not row.in_fatitem and not (row.comtr or row.has_text))
            if listed and not comments:
                raise InputError(
                    path,
                    f"a Hacker News story list ({listed} stories, no text or comments), not an item page: "
                    "save each story's own page (item?id=…) to import it",
                )
            if comments:
                raise InputError(
                    path,
                    f"Hacker News comments without their story ({len(comments)}; a user's or the newest "
                    "comments), not an item page: save the story's own page (item?id=…) to import its thread",
                )
            raise InputError(path, "a Hacker News page with no story and no comments")
        parsed = Parsed(path=str(path), format=self.name)
        item_id = story.id if story.id.isdigit() else ""
        review_id = stable_id("hackernews", item_id) if item_id else stable_id("hnpage", source_key(path))

        records: list[Record] = []
        dropped: dict[str, str | None] = {}
        gone: dict[str, int] = {}
        open_ids: list[str] = []  # the row at each depth above the current one: its parent is open_ids[-1]
        seen: dict[str, int] = {}
        bodies: dict[str, str] = {}
        for row in comments:
            depth = min(max(row.level, 0), len(open_ids))
            del open_ids[depth:]
            parent = open_ids[-1] if open_ids else None
            body = html_text(clean("".join(row.text)), markdown=True)
            # A row without the site's id is named by its words (`content_ids`), not its place on the page.
            native_id = row.id or reply_name(seen, bodies.get(parent) if parent else None, body)
            if not row.id:
                parsed.threads_by_content.add(review_id)
            bodies[native_id] = body
            open_ids.append(native_id)
            reason = _gone(row, body)
            if reason is not None:
                gone[reason] = gone.get(reason, 0) + 1
                dropped.setdefault(native_id, parent)
                continue
            records.append(Record(native_id, parent, body, clean(row.author), row.date))
        thread = build_threads(review_id, records, dropped)
        parsed.skipped += [Skipped(str(path), f"{reason} comments skipped", n) for reason, n in gone.items()]
        if page.more:
            parsed.skipped.append(
                Skipped(
                    str(path), "part of a longer thread (its later pages, HN's 'More' link, are not in this file)", 0
                )
            )

        paragraphs = tuple(html_paragraphs(clean("".join(story.text)), markdown=True))
        link = urljoin(SITE, story.link) if story.link else ""
        own_page = item_id and link == ITEM_URL.format(item_id)
        if link and not paragraphs and not own_page:
            paragraphs = (link,)
        fallback = clean(page.page_title).removesuffix("| Hacker News").strip()
        title = clean(story.title)
        subtitle = None
        if not title and story.has_text:  # a comment's page: the comment is the post
            title = title_from(read_text(paragraphs), fallback or f"HN item {item_id}")
            subtitle = f"on: {story.on_story}" if story.on_story else None
        parsed.reviews.append(
            Review(
                id=review_id,
                title=title or fallback or f"HN item {item_id or path.stem}",
                subtitle=subtitle,
                source=str(path.resolve()),
                paragraphs=paragraphs,
                author=clean_or_none(story.author),
                date=story.date,
                url=ITEM_URL.format(item_id) if item_id else None,
                format=self.name,
                comments=thread.comments,
                votes=story.score,
            )
        )
        return parsed
