"""Reddit threads: the API's `.json` listing and the nested-by-id scrape.

API: `[post listing, comment listing]`; comments are `t1` things whose `replies`
is another listing (or ""); `more` stubs are comments not in the file.
Scrape: `{post_id: {title, body, author, url, comments: {id: {author, body, replies: {...}}}}}`.
Deleted and removed comments are kept (as `[deleted]`): their replies need them.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui_reader.core.ids import stable_id
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, clean_or_none, epoch_date, title_from
from tui_reader.core.importers.jsonutil import as_dict, as_list, as_str, first_key, load_json
from tui_reader.core.importers.threads import Record, build_threads
from tui_reader.core.models import Review

# The scrape writes this when a post has no self text.
_EMPTY_BODY = "Empty."
_SCRAPE_KEYS = ("title", "body", "author", "url", "comments", "bot")


def _paragraphs(markdown: str) -> tuple[str, ...]:
    return tuple(block.strip() for block in clean(markdown).split("\n\n") if block.strip())


def _body(markdown: str) -> str:
    return "\n\n".join(_paragraphs(markdown))


def _api_records(listing: Any, parent: str | None, more: list[int]) -> Iterator[Record]:
    """Comments of an API listing, depth-first in listing order (iterative: replies nest deep)."""
    stack: list[tuple[list[Any], int, str | None]] = [
        (as_list(as_dict(as_dict(listing).get("data")).get("children")), 0, parent)
    ]
    while stack:
        children, index, parent_id = stack.pop()
        if index >= len(children):
            continue
        stack.append((children, index + 1, parent_id))
        thing = as_dict(children[index])
        data = as_dict(thing.get("data"))
        if thing.get("kind") == "more":
            count = data.get("count")
            more.append(count if isinstance(count, int) and not isinstance(count, bool) else 0)
            continue
        comment_id = as_str(data.get("id"))
        if thing.get("kind") != "t1" or not comment_id:
            continue
        yield Record(
            native_id=comment_id,
            parent=parent_id,
            body=_body(html.unescape(as_str(data.get("body")))),  # the API escapes & < > in bodies
            author=clean(as_str(data.get("author"))),
            date=epoch_date(data.get("created_utc")),
        )
        stack.append((as_list(as_dict(as_dict(data.get("replies")).get("data")).get("children")), 0, comment_id))


def _scrape_records(comments: dict[str, Any]) -> Iterator[Record]:
    stack: list[tuple[list[tuple[str, Any]], int, str | None]] = [(list(comments.items()), 0, None)]
    while stack:
        items, index, parent_id = stack.pop()
        if index >= len(items):
            continue
        stack.append((items, index + 1, parent_id))
        comment_id, value = items[index]
        comment = as_dict(value)
        yield Record(
            native_id=comment_id,
            parent=parent_id,
            body=_body(as_str(comment.get("body"))),
            author=clean(as_str(comment.get("author"))),
        )
        stack.append((list(as_dict(comment.get("replies")).items()), 0, comment_id))


class RedditImporter:
    """Reddit API listings and the reddit-omni scrape."""

    name = "reddit"

    def sniff(self, head: str, path: Path) -> bool:
        stripped = head.lstrip()
        if stripped.startswith("[") and '"Listing"' in head and '"t3"' in head:
            return True
        if stripped.startswith("{") and first_key(head) is not None:
            after = head[head.index(":") + 1 :].lstrip()
            return after.startswith("{") and first_key(after) in _SCRAPE_KEYS and '"comments"' in head
        return False

    def parse(self, text: str, path: Path) -> Parsed:
        data = load_json(text, path, "Reddit")
        parsed = Parsed(path=str(path), format=self.name)
        if isinstance(data, list):
            self._parse_api(data, path, parsed)
        elif isinstance(data, dict):
            self._parse_scrape(data, path, parsed)
        if not parsed.reviews:
            raise InputError(path, "no Reddit posts found")
        return parsed

    def _add(
        self, parsed: Parsed, path: Path, post_id: str, post: dict[str, Any], records: list[Record], escaped: bool
    ) -> None:
        """One review; `escaped`: the API sends titles and text with & < > as HTML entities."""

        def text(key: str) -> str:
            value = as_str(post.get(key))
            return html.unescape(value) if escaped else value

        review_id = stable_id("reddit", post_id)
        thread = build_threads(review_id, records)
        if thread.orphans or thread.duplicates:
            parsed.skipped.append(Skipped(f"{path} {post_id}", f"odd thread ({thread.duplicates} duplicate ids)"))
        body = text("selftext") if "selftext" in post else text("body")
        paragraphs = () if body.strip() == _EMPTY_BODY else _paragraphs(body)
        url = as_str(post.get("url"))
        permalink = as_str(post.get("permalink"))
        parsed.reviews.append(
            Review(
                id=review_id,
                title=clean(text("title")) or title_from("\n".join(paragraphs), f"reddit {post_id}"),
                source=str(path.resolve()),
                paragraphs=paragraphs,
                author=clean_or_none(as_str(post.get("author"))),
                date=epoch_date(post.get("created_utc")),
                url=(f"https://www.reddit.com{permalink}" if permalink.startswith("/") else url) or None,
                format=self.name,
                comments=thread.comments,
            )
        )

    def _parse_api(self, data: list[Any], path: Path, parsed: Parsed) -> None:
        posts = [as_dict(c) for c in as_list(as_dict(as_dict(data[0] if data else None).get("data")).get("children"))]
        post = next((as_dict(p.get("data")) for p in posts if p.get("kind") == "t3"), None)
        if post is None or not as_str(post.get("id")):
            raise InputError(path, "not a Reddit listing (no t3 post in the first listing)")
        more: list[int] = []
        records = list(_api_records(data[1], None, more)) if len(data) > 1 else []
        if more:
            parsed.skipped.append(Skipped(str(path), "'more comments' not in the file", sum(more)))
        self._add(parsed, path, as_str(post.get("id")), post, records, escaped=True)

    def _parse_scrape(self, data: dict[str, Any], path: Path, parsed: Parsed) -> None:
        for post_id, value in data.items():
            post = as_dict(value)
            if not post_id or not any(key in post for key in ("title", "comments")):
                parsed.skipped.append(Skipped(f"{path} {post_id[:40]}", "not a post"))
                continue
            records = list(_scrape_records(as_dict(post.get("comments"))))
            self._add(parsed, path, post_id, post, records, escaped=False)
