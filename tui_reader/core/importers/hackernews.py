"""Hacker News threads: Firebase items (`kids`/`parent`) and Algolia items (nested `children`).

Firebase shapes read: `{"post": item, "comments": [items]}` (a saved thread: every item under
"comments" is the post's, with or without a type or parent), or items as
a JSON array or JSON Lines (a dump): each story, job or poll is a review, and each comment
joins the one its `parent` chain climbs to. A comment whose chain leaves the file joins the
only story when there is one (a thread fetched in part), and is skipped, counted, when
there are several (its story cannot be known); a poll's options (`pollopt`) are listed under
it. Replies are ordered by their parent's `kids` (HN's ranking), items no `kids` list names
come after in file order. Algolia: one item with `children`, as
`hn.algolia.com/api/v1/items/<id>`. Deleted and dead items are skipped, or kept as placeholders
for the replies under them (`threads.placeholders`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, clean_or_none, epoch_date, iso_date, title_from
from tui_reader.core.importers.html import html_paragraphs, html_text, read_text
from tui_reader.core.importers.jsonutil import (
    as_dict,
    as_list,
    as_str,
    ends_early,
    json_records_in,
    load_cut_json,
    said_as_cut,
)
from tui_reader.core.importers.threads import Record, build_threads, placeholders

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


def _is_item(data: Any) -> bool:
    """A lone Firebase item (a story, comment or poll), not a saved thread's `{"post", "comments"}`."""
    return isinstance(data, dict) and "id" in data and "type" in data and "post" not in data and "comments" not in data


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
        data, bad_lines, cut = _load(text, path)
        with said_as_cut(path, "Hacker News", cut):
            parsed = self._parsed(data, bad_lines, path)
        if cut:
            comments = sum(1 for review in parsed.reviews for _ in walk_comments(review.comments))
            parsed.skipped.append(ends_early(path, comments, "Hacker News comment"))
        return parsed

    def _parsed(self, data: Any, bad_lines: int, path: Path) -> Parsed:
        parsed = Parsed(path=str(path), format=self.name)
        if bad_lines:
            parsed.skipped.append(Skipped(str(path), "lines that are not JSON", bad_lines))
        if isinstance(data, dict) and "children" in data and "post" not in data:
            items = list(_algolia_flatten(data))
            self._thread(parsed, path, data, items, "author", iso_date(as_str(data.get("created_at"))))
            return parsed
        saved = as_dict(data.get("post")) if isinstance(data, dict) else {}
        if _is_item(data):  # one item as `/v0/item/<id>.json` serves it
            listed = [data]
        elif isinstance(data, dict):
            listed = [saved, *as_list(data.get("comments"))] if saved else as_list(data.get("comments"))
        else:
            listed = as_list(data)
        by_id = {as_str(as_dict(i).get("id")): as_dict(i) for i in listed if as_str(as_dict(i).get("id"))}
        not_objects = sum(1 for item in listed if not isinstance(item, dict))
        without_id = sum(1 for item in listed if isinstance(item, dict) and not as_str(item.get("id")))
        for reason, count in (("items that are not JSON objects", not_objects), ("items without an id", without_id)):
            if count:
                parsed.skipped.append(Skipped(str(path), reason, count))
        saved_id = as_str(saved.get("id"))
        if saved_id:  # a saved thread's post is its one story: every item under "comments" is its comment
            by_id[saved_id] = saved
        posts = [saved] if saved_id else [item for item in by_id.values() if _is_post(item)]
        if not posts:
            raise InputError(path, "no Hacker News story (an item with an id) found")
        threads, unplaced, options = _threads(posts, by_id)
        missing = sum(1 for i in by_id.values() for kid in as_list(i.get("kids")) if as_str(kid) not in by_id)
        if missing:
            parsed.skipped.append(Skipped(str(path), "replies listed in kids but not in the file", missing))
        if unplaced:
            parsed.skipped.append(Skipped(str(path), "comments whose story is not in the file", unplaced))
        if options:
            parsed.skipped.append(Skipped(str(path), "poll options whose poll is not in the file", options))
        for post in posts:
            post_id = as_str(post.get("id"))
            kept = threads[post_id]
            items = [(kept[i], as_str(kept[i].get("parent"))) for i in _firebase_order(post, kept)]
            self._thread(parsed, path, post, items, "by", epoch_date(post.get("time")), _poll_lines(post, by_id))
        return parsed

    def _thread(
        self,
        parsed: Parsed,
        path: Path,
        post: dict[str, Any],
        items: list[tuple[dict[str, Any], str]],
        author_key: str,
        date: str | None,
        options: tuple[str, ...] = (),
    ) -> None:
        """One story (or job, poll) and its comments as a review of `parsed`."""
        post_id = as_str(post.get("id"))
        if not post_id:
            raise InputError(path, "no Hacker News story (an item with an id) found")
        review_id = stable_id("hackernews", post_id)
        records: list[Record] = []
        said: dict[str, str] = {}  # deleted or dead: kept as a placeholder for the replies under it
        gone = {"deleted": 0, "dead": 0}
        for item, parent in items:
            item_id = as_str(item.get("id"))
            reason = _gone(item)
            if reason is not None:
                gone[reason] += 1
            if not item_id:
                continue
            if reason is not None:
                said[item_id] = "deleted" if reason == "deleted" else "removed"
            records.append(
                Record(
                    native_id=item_id,
                    parent=None if parent == post_id else parent,
                    body=html_text(clean(as_str(item.get("text"))), markdown=True),
                    author=clean(as_str(item.get(author_key))),
                    date=epoch_date(item.get("time")) or iso_date(as_str(item.get("created_at"))),
                )
            )
        kept, dropped = placeholders(records, said)
        parsed.gone.update({stable_id(review_id, item_id): why for item_id, why in said.items()})
        thread = build_threads(review_id, kept, dropped)
        parsed.skipped += [Skipped(str(path), f"{what} items skipped", n) for what, n in gone.items() if n]
        if thread.orphans:
            parsed.skipped.append(
                Skipped(str(path), "replies to items not in the file shown at top level", thread.orphans)
            )
        paragraphs = tuple(html_paragraphs(clean(as_str(post.get("text"))), markdown=True)) + options
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


def _load(text: str, path: Path) -> tuple[Any, int, str]:
    """One JSON document (an item, a saved thread, a list of items; one cut short up to its last
    whole item), else JSON Lines, an item a line (a dump): (the data, lines that were not JSON,
    where the file ends early: `jsonutil.Records.cut`)."""
    try:
        data, cut = load_cut_json(text, path, "Hacker News")
        return data, 0, cut
    except InputError:
        return json_records_in(text, path, "Hacker News")


def _is_post(item: dict[str, Any]) -> bool:
    """A thread's own item: a story, job or poll (an item without a type: one with no parent)."""
    kind = as_str(item.get("type"))
    return kind in _POSTS or (not kind and "parent" not in item and "poll" not in item)


_POSTS = ("story", "job", "poll")


def _threads(
    posts: list[dict[str, Any]], by_id: dict[str, dict[str, Any]]
) -> tuple[dict[str, dict[str, dict[str, Any]]], int, int]:
    """Each post's comments by id, found by climbing `parent` links; (threads, comments whose
    chain leaves the file with no single story to join, poll options whose poll is not here)."""
    post_ids = [as_str(post.get("id")) for post in posts]
    threads: dict[str, dict[str, dict[str, Any]]] = {post_id: {} for post_id in post_ids}
    root_of: dict[str, str | None] = {post_id: post_id for post_id in post_ids}
    unplaced = options = 0
    for item_id, item in by_id.items():
        if item_id in threads:
            continue
        if as_str(item.get("type")) == "pollopt":
            options += as_str(item.get("poll")) not in threads
            continue
        root = _climb(item_id, by_id, root_of)
        if root is None and len(post_ids) == 1:
            root = post_ids[0]  # a thread fetched in part: its only story
        if root is None:
            unplaced += 1
            continue
        threads[root][item_id] = item
    return threads, unplaced, options


def _climb(item_id: str, by_id: dict[str, dict[str, Any]], root_of: dict[str, str | None]) -> str | None:
    """The post an item's `parent` chain reaches in the file, or None (the chain leaves it, or loops)."""
    path: list[str] = []
    current: str | None = item_id
    while current is not None and current not in root_of:
        if current in path or current not in by_id:
            current = None
            break
        path.append(current)
        current = as_str(by_id[current].get("parent")) or None
    root = root_of.get(current) if current is not None else None
    for step in path:
        root_of[step] = root
    return root


def _poll_lines(post: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """A poll's options in the file, in its `parts` order: a list under its text, with their points."""
    lines = []
    for part in dict.fromkeys(as_str(part) for part in as_list(post.get("parts"))):  # an option listed twice, once
        option = by_id.get(part)
        if option is None or _gone(option):
            continue
        words = html_text(clean(as_str(option.get("text"))), markdown=True)
        points = _points(option)
        lines.append(f"- {words}" + (f" ({points} points)" if points is not None else ""))
    return ("\n".join(lines),) if lines else ()


def _points(post: dict[str, Any]) -> int | None:
    """The story's points (Firebase `score`, Algolia `points`): its votes, as the saved HN page has them."""
    value = post.get("score", post.get("points"))
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
