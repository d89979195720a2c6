"""Fetch one source and read what came with the importers' own mappings (an importer fed by HTTP).

- HN item: the story from the Firebase API, then every item under it (`kids`), put together
  in the saved-thread shape `{"post", "comments"}` the `hackernews` importer reads. Every
  refresh walks the whole tree: the API has no cheaper way to see an edit, a deletion, or a
  reply added where one was deleted (the story's `descendants` count stays the same), and no
  rate limit. A comment that fails (HTTP 500) is left out and said; the thread is stored with
  the others, and the next refresh asks again.
  `hn_story_of`: the story a followed comment is on.
- HN list (front, best, new): the first `HN_LIST_SIZE` stories, without their comments.
- Reddit thread: the API's `.json`, read by the `reddit` importer; its "N more comments"
  (listed only on the site) are said. A subreddit listing: its posts, read as the `reddit`
  importer reads posts in a dump.
- Steam: `appreviews` pages (newest first, Steam's cursor), read by the `steam` importer,
  until a page brings nothing new or `STEAM_PAGES` pages. Each review links to its page.
- WordPress: the REST comments and their posts (`wordpress`); a refresh asks for the comments
  dated from `WP_WINDOW` before the newest one fetched (`after`), every page of them: the API
  dates a comment when it was written, so one approved late or edited is caught only by asking
  again (`wordpress.window`). Merged into the stored threads. A feed: `feeds`.

What a harvest says of the comments the site no longer shows (`gone`, `listed`) is what the
refresh's merge (`thread_merge.with_stored`) needs to mark them, their text kept.

Nothing here writes: `refresh` stores what a harvest gives.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import orjson

from tui_reader.core.content.models import Review
from tui_reader.core.content.pages import STEAM_PAGE
from tui_reader.core.content.text import plural
from tui_reader.core.importers.base import InputError, Parsed
from tui_reader.core.sources.fetch import Fetched, Fetcher, FetchError
from tui_reader.core.sources.names import HN_API, Target, parse_target
from tui_reader.core.sources.record import Source

HN_LIST_SIZE = 30
HN_MAX_ITEMS = 5000  # comments fetched for one story (HN's biggest threads hold ~4,000)
HN_PARALLEL = 6
HN_PARENT_STEPS = 40  # a followed comment's way up to its story: one request a level
STEAM_PAGES = 5


@dataclass(slots=True)
class Harvest:
    """What one fetch gave: reviews (None: nothing changed), what was left out, and what to send next time."""

    reviews: list[Review] | None
    threads: dict[str, bool] = field(default_factory=dict)  # review id -> its head is the real post
    gone: dict[str, str] = field(default_factory=dict)  # comment id -> why the site no longer shows it
    # review id -> the answer lists every comment of the thread dated this or later ('': all of them),
    # so a stored comment missing from it is gone from the site; a thread not named: it may not be
    listed: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what follow and refresh say was left out, a clause each
    etag: str | None = None
    last_modified: str | None = None
    cursor: str | None = None


def harvest(fetcher: Fetcher, source: Source) -> Harvest:
    """Fetch and read `source`. FetchError or InputError (one line) when it cannot be read."""
    first = fetcher.get(first_url(source), etag=source.etag, last_modified=source.last_modified)
    if not first.changed:
        return Harvest(None, etag=first.etag, last_modified=first.last_modified, cursor=source.cursor)
    result = _READERS[source.kind](fetcher, source, first)
    result.etag, result.last_modified = first.etag, first.last_modified
    if result.reviews is not None:
        result.reviews = [replace(review, source=source.url) for review in result.reviews]
    return result


def first_url(source: Source) -> str:
    """What a refresh asks for first: the source's URL, for WordPress only the comments dated from
    a window before the newest one already fetched (`after`, the REST API's own filter)."""
    if source.kind == "wordpress" and source.cursor:
        from tui_reader.core.sources.wordpress import window

        return f"{source.url}&after={quote(window(source.cursor), safe='')}"
    return source.url


def _json(fetched: Fetched, where: str) -> Any:
    try:
        return orjson.loads(fetched.body)
    except orjson.JSONDecodeError as error:
        raise InputError(where, f"the response is not JSON ({error})") from None


def _from(parsed: Parsed, notes: list[str] | None = None) -> Harvest:
    threads = dict(parsed.threads)
    for review in parsed.reviews:
        threads.setdefault(review.id, True)
    return Harvest(parsed.reviews, threads, dict(parsed.gone), notes=notes or [])


# --- Hacker News ------------------------------------------------------------------------------


def _hn_item(fetcher: Fetcher, source: Source, first: Fetched) -> Harvest:
    story = _json(first, source.url)
    if not isinstance(story, dict) or not story.get("id"):
        raise FetchError("not found (the Hacker News API has no such item)")
    if story.get("type") == "comment":  # followed before `follow` looked for the story
        raise InputError(source.url, f"{source.key} is a comment: unfollow it and follow it again to follow its story")
    comments, failed = _hn_descendants(fetcher, story)
    result = _from(_hn_parse({"post": story, "comments": comments}, source), _unfetched(failed, "comment"))
    if not failed and len(comments) < HN_MAX_ITEMS:  # every comment asked for came: a missing one is gone
        result.listed = dict.fromkeys(result.threads, "")
    return result


def _unfetched(failed: list[str], noun: str) -> list[str]:
    """`2 comments could not be fetched (HTTP 500): the next refresh tries again`, or nothing."""
    if not failed:
        return []
    return [f"{plural(len(failed), noun)} could not be fetched ({failed[0]}): the next refresh tries again"]


def _hn_descendants(fetcher: Fetcher, story: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """Every item under the story, level by level, a few requests at a time (one client, one pool),
    and why each item that failed did (its replies are not reached: the next refresh asks again)."""
    found: list[dict[str, Any]] = []
    failed: list[str] = []
    level = [kid for kid in story.get("kids") or [] if isinstance(kid, int)]
    seen: set[int] = set()

    with ThreadPoolExecutor(HN_PARALLEL) as pool:
        while level and len(found) < HN_MAX_ITEMS:
            level = [kid for kid in dict.fromkeys(level) if kid not in seen][: HN_MAX_ITEMS - len(found)]
            seen.update(level)
            items = _hn_items(pool, fetcher, level, failed)
            found.extend(items)
            level = [kid for value in items for kid in value.get("kids") or [] if isinstance(kid, int)]
    return found, failed


def _hn_items(pool: ThreadPoolExecutor, fetcher: Fetcher, ids: list[int], failed: list[str]) -> list[dict[str, Any]]:
    """The items by id, in order; the API's missing ones left out (the importer counts what a `kids`
    list misses), each other failure's reason added to `failed`."""
    items = []
    for value in pool.map(lambda item_id: _hn_get(fetcher, item_id), ids):
        if isinstance(value, Exception):
            failed.append(str(value))
        elif isinstance(value, dict):
            items.append(value)
    return items


def _hn_get(fetcher: Fetcher, item_id: int) -> Any:
    """One item; None when the API has none by that id; the error, returned, when it failed otherwise."""
    try:
        return _json(fetcher.get(f"{HN_API}item/{item_id}.json"), f"HN item {item_id}")
    except FetchError as error:
        return None if str(error).startswith("not found") else error
    except InputError as error:
        return FetchError(error.reason)


def hn_story_of(fetcher: Fetcher, target: Target) -> Target:
    """The story a Hacker News item is on: the item itself, unless it is a comment, whose `parent`s
    are followed up (one request a level, at most HN_PARENT_STEPS). FetchError or InputError
    (one line) when an item cannot be read or the story is further up than that."""
    start = item_id = int(target.key.removeprefix("hn:"))
    for _ in range(HN_PARENT_STEPS + 1):
        item = _json(fetcher.get(f"{HN_API}item/{item_id}.json"), f"HN item {item_id}")
        if not isinstance(item, dict) or not item.get("id"):
            raise FetchError("not found (the Hacker News API has no such item)")
        parent = item.get("parent")
        if item.get("type") != "comment" or not isinstance(parent, int) or isinstance(parent, bool):
            return target if item_id == start else parse_target(f"hn:{item_id}")
        item_id = parent
    raise InputError(target.url, f"{target.key} is a comment more than {HN_PARENT_STEPS} replies below its story")


def _hn_parse(thread: dict[str, Any], source: Source) -> Parsed:
    from tui_reader.core.importers.hackernews import HackerNewsImporter

    story = thread["post"]
    return HackerNewsImporter().parse(orjson.dumps(thread).decode(), Path(f"hn-{story.get('id')}.json"))


def _hn_list(fetcher: Fetcher, source: Source, first: Fetched) -> Harvest:
    ids = _json(first, source.url)
    if not isinstance(ids, list):
        raise InputError(source.url, "not a Hacker News story list")
    wanted = [item for item in ids if isinstance(item, int)][:HN_LIST_SIZE]

    failed: list[str] = []
    with ThreadPoolExecutor(HN_PARALLEL) as pool:
        stories = [value for value in _hn_items(pool, fetcher, wanted, failed) if value.get("id")]
    reviews: list[Review] = []
    for value in stories:  # without `kids`: the list brings stories, `follow hn:ID` their threads
        reviews += _hn_parse({"post": {k: v for k, v in value.items() if k != "kids"}, "comments": []}, source).reviews
    return Harvest(reviews, dict.fromkeys((review.id for review in reviews), True), notes=_unfetched(failed, "story"))


# --- Reddit -----------------------------------------------------------------------------------


def _reddit_thread(fetcher: Fetcher, source: Source, first: Fetched) -> Harvest:
    from tui_reader.core.importers.reddit import MORE_COMMENTS, RedditImporter

    parsed = RedditImporter().parse(first.body.decode("utf-8", "replace"), Path("reddit-thread.json"))
    more = sum(skip.items for skip in parsed.skipped if skip.reason == MORE_COMMENTS)
    said = f"{plural(more, 'more comment')} not fetched: Reddit lists them only on the site"
    result = _from(parsed, [said] if more else [])
    if not any(skip.reason == MORE_COMMENTS for skip in parsed.skipped):  # no "more": every comment is here
        result.listed = dict.fromkeys(result.threads, "")
    return result


def _reddit_listing(fetcher: Fetcher, source: Source, first: Fetched) -> Harvest:
    from tui_reader.core.importers.reddit import RedditImporter

    listing = _json(first, source.url)
    data = listing.get("data") if isinstance(listing, dict) else None
    children = data.get("children") if isinstance(data, dict) else None
    if not isinstance(children, list):
        raise InputError(source.url, "not a Reddit listing (no data.children)")
    posts = [child for child in children if isinstance(child, dict) and child.get("kind") == "t3"]
    if not posts:
        return Harvest([])
    return _from(RedditImporter().parse(orjson.dumps(posts).decode(), Path("reddit-listing.json")))


# --- Steam, WordPress, feeds ------------------------------------------------------------------


def _steam(fetcher: Fetcher, source: Source, first: Fetched) -> Harvest:
    from tui_reader.core.importers.sites import MemorySiblings
    from tui_reader.core.importers.steam import SteamImporter

    app = source.key.removeprefix("steam:")
    store_page = STEAM_PAGE.format(app)  # a review without its author's id: the game's page
    known = set(source.reviews)
    reviews: list[Review] = []
    page = first
    cursor: str | None = None
    for _ in range(STEAM_PAGES):
        data = _json(page, source.url)
        if not isinstance(data, dict) or data.get("success") not in (1, True):
            raise InputError(source.url, "Steam answered without reviews (success is not 1)")
        text = page.body.decode("utf-8", "replace")
        on_page = data.get("reviews") or []
        parsed = Parsed(str(source.url), "steam")
        if on_page:
            importer = SteamImporter()
            parsed = importer.parse_in(text, Path(f"steam-app-{app}.json"), MemorySiblings(source.url), source.url)
        reviews += [replace(review, url=review.url or store_page) for review in parsed.reviews]
        cursor = data.get("cursor") if isinstance(data.get("cursor"), str) else None
        if not parsed.reviews or any(review.id in known for review in parsed.reviews) or not cursor:
            break
        page = fetcher.get(f"{source.url}&cursor={quote(cursor, safe='')}")
    return Harvest(reviews, dict.fromkeys((review.id for review in reviews), True), cursor=cursor)


def _wordpress(fetcher: Fetcher, source: Source, first: Fetched) -> Harvest:
    from tui_reader.core.importers.jsonutil import as_dict, as_str
    from tui_reader.core.sources.wordpress import POSTS, comment_posts, listed_from, parse_comments

    comments = _json(first, source.url)
    notes: list[str] = []
    whole = True
    if source.cursor and isinstance(comments, list):  # a refresh: every page of the window
        later, whole, notes = _wp_pages(fetcher, source, comments)
        comments = comments + later
    posts: Any = []
    wanted = comment_posts(comments)
    if wanted:
        try:
            posts = _json(fetcher.get(source.site + POSTS.format(",".join(wanted[:100]))), source.site)
        except (FetchError, InputError):
            posts = []  # the comments still read, under a placeholder naming each post
    result = _from(parse_comments(comments, posts, source.site, source.url), notes)
    dates = [as_str(as_dict(c).get("date")) for c in comments] if isinstance(comments, list) else []
    result.cursor = max([date for date in dates if date] + ([source.cursor] if source.cursor else []), default=None)
    if source.cursor and whole:
        result.listed = dict.fromkeys(result.threads, listed_from(source.cursor))
    return result


def _wp_pages(fetcher: Fetcher, source: Source, first: list[Any]) -> tuple[list[Any], bool, list[str]]:
    """The window's pages after the first, while each is full: (their comments, whether every page
    came, what to say of those that did not). The API answers HTTP 400 past its last page."""
    from tui_reader.core.sources.wordpress import PER_PAGE, WP_PAGES

    comments: list[Any] = []
    page = first
    for number in range(2, WP_PAGES + 1):
        if len(page) < PER_PAGE:
            return comments, True, []
        try:
            page = _json(fetcher.get(f"{first_url(source)}&page={number}"), source.url)
        except FetchError as error:
            if str(error).startswith("HTTP 400"):  # `rest_comment_invalid_page_number`: there is no such page
                return comments, True, []
            return (
                comments,
                False,
                [f"comments past page {number - 1} not fetched ({error}): the next refresh asks again"],
            )
        if not isinstance(page, list):
            raise InputError(source.url, f"page {number} is not WordPress comments (expected a JSON list)")
        comments += page
    if len(page) < PER_PAGE:
        return comments, True, []
    return comments, False, [f"comments past page {WP_PAGES} not fetched: the blog has more in the window than that"]


def _feed(fetcher: Fetcher, source: Source, first: Fetched) -> Harvest:
    from tui_reader.core.sources.feeds import parse_feed

    parsed = parse_feed(first.body, source.url)
    return _from(parsed, [f"skipped {skip.label}" for skip in parsed.skipped])  # as an import of a file says them


_READERS: dict[str, Callable[[Fetcher, Source, Fetched], Harvest]] = {
    "hn-item": _hn_item,
    "hn-list": _hn_list,
    "reddit-thread": _reddit_thread,
    "reddit-listing": _reddit_listing,
    "steam": _steam,
    "wordpress": _wordpress,
    "feed": _feed,
}
