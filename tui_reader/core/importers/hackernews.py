"""Hacker News threads: Firebase items (`kids`/`parent`) and Algolia items (nested `children`).

Firebase shapes read: `{"post": item, "comments": [items]}` (a saved thread), or a
list of items whose first story is the post. Replies are ordered by their
parent's `kids` (HN's ranking), items no `kids` list names come after in file
order. Algolia: one item with `children`, as `hn.algolia.com/api/v1/items/<id>`.
Deleted and dead items are skipped; their replies move up to the nearest kept one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, clean_or_none, epoch_date, iso_date, title_from
from tui_reader.core.importers.html import html_paragraphs, html_text, read_text
from tui_reader.core.importers.jsonutil import as_dict, as_list, as_str, load_json
from tui_reader.core.importers.threads import Record, build_threads

ITEM_URL = "https://news.ycombinator.com/item?id={}"


def _gone(item: dict[str, Any]) -> str | None:
    """Why an item is not shown. Algolia has no `deleted` flag: a deleted item has no author and no text."""
    if item.get("deleted") or ("children" in item and item.get("author") is None and item.get("text") is None):
        return "deleted"
    if item.get("dead"):
        return "dead"
    return None


def _firebase_order(post: dict[str, Any], items: dict[str, dict[str, Any]]) -> Iterator[str]:
    """Ids depth-first by `kids` order from the post, then the rest in file order."""
    seen: set[str] = set()
    stack = [as_str(kid) for kid in reversed(as_list(post.get("kids")))]
    while stack:
        item_id = stack.pop()
        if item_id in seen or item_id not in items:
            continue
        seen.add(item_id)
        yield item_id
        stack.extend(as_str(kid) for kid in reversed(as_list(items[item_id].get("kids"))))
    yield from (item_id for item_id in items if item_id not in seen)


def _algolia_flatten(root: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """(item, parent id) for every descendant, depth-first in `children` order."""
    stack = [(child, as_str(root.get("id"))) for child in reversed(as_list(root.get("children")))]
    while stack:
        child, parent = stack.pop()
        item = as_dict(child)
        yield item, parent
        stack.extend((grand, as_str(item.get("id"))) for grand in reversed(as_list(item.get("children"))))


class HackerNewsImporter:
    """Hacker News items from the Firebase or Algolia APIs."""

    name = "hackernews"

    def sniff(self, head: str, path: Path) -> bool:
        if head.lstrip()[:1] not in ("[", "{"):
            return False
        compact = "".join(head.split())
        saved = compact.startswith('{"post":{')
        linked = any(key in compact for key in ('"kids":', '"parent":', '"descendants":'))
        firebase = saved or ('"by":' in compact and linked)
        algolia = '"children":' in compact and ('"story_id":' in compact or '"created_at_i":' in compact)
        return firebase or algolia

    def parse(self, text: str, path: Path) -> Parsed:
        data = load_json(text, path, "Hacker News")
        parsed = Parsed(path=str(path), format=self.name)
        if isinstance(data, dict) and "children" in data and "post" not in data:
            post = data
            flat = list(_algolia_flatten(post))
            author_key, date = "author", iso_date(as_str(post.get("created_at")))
            items = [(item, parent) for item, parent in flat]
        else:
            if isinstance(data, dict):
                post, listed = as_dict(data.get("post")), as_list(data.get("comments"))
            else:
                listed = as_list(data)
                post = next((as_dict(i) for i in listed if as_dict(i).get("type") in ("story", "job", "poll")), {})
            by_id = {as_str(as_dict(i).get("id")): as_dict(i) for i in listed if as_str(as_dict(i).get("id"))}
            by_id.pop(as_str(post.get("id")), None)
            items = [(by_id[i], as_str(by_id[i].get("parent"))) for i in _firebase_order(post, by_id)]
            author_key, date = "by", epoch_date(post.get("time"))
            missing = sum(
                1 for i in [post, *by_id.values()] for kid in as_list(i.get("kids")) if as_str(kid) not in by_id
            )
            if missing:
                parsed.skipped.append(Skipped(str(path), "replies listed in kids but not in the file", missing))
        post_id = as_str(post.get("id"))
        if not post_id:
            raise InputError(path, "no Hacker News story (an item with an id) found")
        review_id = stable_id("hackernews", post_id)
        records: list[Record] = []
        dropped: dict[str, str | None] = {}
        gone = {"deleted": 0, "dead": 0}
        for item, parent in items:
            item_id = as_str(item.get("id"))
            reason = _gone(item)
            if reason is not None or not item_id:
                if reason is not None:
                    gone[reason] += 1
                if item_id:
                    dropped[item_id] = parent if parent != post_id else None
                continue
            records.append(
                Record(
                    native_id=item_id,
                    parent=None if parent == post_id else parent,
                    body=html_text(clean(as_str(item.get("text"))), markdown=True),
                    author=clean(as_str(item.get(author_key))),
                    date=epoch_date(item.get("time")) or iso_date(as_str(item.get("created_at"))),
                )
            )
        thread = build_threads(review_id, records, dropped)
        parsed.skipped += [Skipped(str(path), f"{what} items skipped", n) for what, n in gone.items() if n]
        if thread.orphans:
            parsed.skipped.append(
                Skipped(str(path), "replies to items not in the file shown at top level", thread.orphans)
            )
        paragraphs = tuple(html_paragraphs(clean(as_str(post.get("text"))), markdown=True))
        url = as_str(post.get("url"))
        if url and not paragraphs:
            paragraphs = (url,)
        parsed.reviews.append(
            Review(
                id=review_id,
                title=clean(as_str(post.get("title"))) or title_from(read_text(paragraphs), f"HN item {post_id}"),
                source=str(path.resolve()),
                paragraphs=paragraphs,
                author=clean_or_none(as_str(post.get(author_key))),
                date=date,
                url=ITEM_URL.format(post_id),
                format=self.name,
                comments=thread.comments,
                votes=_points(post),
            )
        )
        return parsed


def _points(post: dict[str, Any]) -> int | None:
    """The story's points (Firebase `score`, Algolia `points`): its votes, as the saved HN page has them."""
    value = post.get("score", post.get("points"))
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
