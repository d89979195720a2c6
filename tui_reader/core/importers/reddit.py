"""Reddit threads: the API's `.json` listing, the nested-by-id scrape, and comment dumps.

API: `[post listing, comment listing]`; comments are `t1` things whose `replies`
is another listing (or ""); `more` stubs are comments not in the file.
Scrape: `{post_id: {title, body, author, url, comments: {id: {author, body, replies: {...}}}}}`.
A `[deleted]` or `[removed]` comment with replies stays as a placeholder for them (as Reddit
shows it: `threads.placeholders`); one without is left out. A post whose text is `[removed]` or
`[deleted]` stays, its text a notice saying so.

Dumps (the API's or Pushshift's comment and submission objects, as JSON Lines or a
JSON array, bare or as `{kind, data}` things): one thread per `link_id`, merged across
every file of the import (`thread_merge`), nested by `parent_id` (`t1_` a comment,
`t3_` top level). The submission gives the title and text; without it the thread is a
placeholder naming the subreddit and post id. `[deleted]` and `[removed]` comments are
left out, their replies kept under the nearest comment that is in.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, epoch_date, title_from
from tui_reader.core.importers.jsonutil import (
    as_dict,
    as_list,
    as_str,
    ends_early,
    first_key,
    json_records_in,
    load_cut_json,
    said_as_cut,
)
from tui_reader.core.importers.sites import first_record, int_of
from tui_reader.core.importers.thread_merge import Fragment, Head, with_own_threads
from tui_reader.core.importers.threads import Record, build_threads, placeholders

# The scrape writes this when a post has no self text.
_EMPTY_BODY = "Empty."
_SCRAPE_KEYS = ("title", "body", "author", "url", "comments", "bot")


_GONE = frozenset(("[deleted]", "[removed]"))
# A post whose text is gone keeps its title and its thread (the comments are the point): its text
# says so in a reader's words, in italics as a notice is set, never as if the author had written it.
_GONE_POST = {
    "[removed]": "*(the post's text was removed)*",
    "[deleted]": "*(the post's text was deleted by its author)*",
}
# The "N more comments" stubs of an API thread: listed only on the site (`sources.harvest` says so).
MORE_COMMENTS = "'more comments' not in the file"


def _paragraphs(markdown: str) -> tuple[str, ...]:
    return tuple(block.strip() for block in clean(markdown).split("\n\n") if block.strip())


def _body(markdown: str) -> str:
    return "\n\n".join(_paragraphs(markdown))


def _post_paragraphs(markdown: str) -> tuple[str, ...]:
    """A post's text: none for the scrape's `Empty.`, a notice for one removed or deleted."""
    said = markdown.strip()
    if said == _EMPTY_BODY:
        return ()
    return (_GONE_POST[said],) if said in _GONE_POST else _paragraphs(markdown)


def _post_title(title: str, paragraphs: tuple[str, ...], post_id: str) -> str:
    """The post's title, else its first sentence (never a notice's), else its id."""
    own = "" if paragraphs and paragraphs[0] in _GONE_POST.values() else "\n".join(paragraphs)
    return title or title_from(own, f"reddit {post_id}")


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
            score=int_of(data.get("score")),
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
    """Reddit API listings, the reddit-omni scrape and comment dumps."""

    name = "reddit"
    reads_whole = True  # a dump's first record may be longer than any head

    def sniff(self, text: str, path: Path) -> bool:
        head = text[:4096]
        stripped = head.lstrip()
        if stripped.startswith("[") and '"Listing"' in head and '"t3"' in head:
            return True
        if stripped.startswith("{") and first_key(head) is not None:
            after = head[head.index(":") + 1 :].lstrip()
            if after.startswith("{") and first_key(after) in _SCRAPE_KEYS and '"comments"' in head:
                return True
        return is_dump(text)

    def parse(self, text: str, path: Path) -> Parsed:
        if is_dump(text):
            return with_own_threads(parse_dump(text, path))
        data, cut = load_cut_json(text, path, "Reddit")  # a file cut short: the posts and comments before the cut
        parsed = Parsed(path=str(path), format=self.name)
        with said_as_cut(path, "Reddit", cut):
            if isinstance(data, list):
                self._parse_api(data, path, parsed)
            elif isinstance(data, dict):
                self._parse_scrape(data, path, parsed)
            if not parsed.reviews:
                raise InputError(path, "no Reddit posts found")
        if cut:
            comments = sum(1 for review in parsed.reviews for _ in walk_comments(review.comments))
            parsed.skipped.append(ends_early(path, comments, "Reddit comment"))
        return parsed

    def _add(
        self, parsed: Parsed, path: Path, post_id: str, post: dict[str, Any], records: list[Record], escaped: bool
    ) -> None:
        """One review; `escaped`: the API sends titles and text with & < > as HTML entities."""

        review_id = stable_id("reddit", post_id)
        said = {record.native_id: record.body.strip("[]") for record in records if record.body in _GONE}
        kept, gone = placeholders([record for record in records if record.body], said)  # deleted: kept for its replies
        gone.update({record.native_id: record.parent for record in records if not record.body})
        parsed.gone.update({stable_id(review_id, native_id): why for native_id, why in said.items()})
        if gone:
            parsed.skipped.append(Skipped(f"{path} {post_id}", "deleted, removed or empty Reddit comments", len(gone)))
        thread = build_threads(review_id, kept, gone)
        if thread.orphans or thread.duplicates:
            parsed.skipped.append(Skipped(f"{path} {post_id}", f"odd thread ({thread.duplicates} duplicate ids)"))
        head = _post_head(post, post_id, escaped=escaped)
        parsed.reviews.append(
            Review(
                id=review_id,
                title=head.title,
                source=str(path.resolve()),
                paragraphs=head.paragraphs,
                author=head.author,
                date=head.date,
                url=head.url,
                format=self.name,
                comments=thread.comments,
                votes=head.votes,
                spoiler=head.spoiler,
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
            parsed.skipped.append(Skipped(str(path), MORE_COMMENTS, sum(more)))
        self._add(parsed, path, as_str(post.get("id")), post, records, escaped=True)

    def _parse_scrape(self, data: dict[str, Any], path: Path, parsed: Parsed) -> None:
        for post_id, value in data.items():
            post = as_dict(value)
            if not post_id or not any(key in post for key in ("title", "comments")):
                parsed.skipped.append(Skipped(f"{path} {post_id[:40]}", "not a post"))
                continue
            records = list(_scrape_records(as_dict(post.get("comments"))))
            self._add(parsed, path, post_id, post, records, escaped=False)


# Dumps: comment and submission objects, one thread per link_id.

_MISSING_POST = "The post itself is not in the imported files: only comments on it."


def _thing(record: Any) -> dict[str, Any]:
    """A record's fields: the object itself, or the `data` of a `{kind, data}` thing."""
    thing = as_dict(record)
    if thing.get("kind") in ("t1", "t3") and isinstance(thing.get("data"), dict):
        return as_dict(thing.get("data"))
    return thing


def _bare(fullname: Any, prefix: str) -> str:
    """`t3_abc` -> `abc` (a bare id as it is); '' when it is another kind of thing."""
    text = as_str(fullname).strip()
    if text.startswith(prefix):
        return text[len(prefix) :]
    return "" if text[:1] == "t" and text[2:3] == "_" else text


def _kind(data: dict[str, Any]) -> str | None:
    """'comment', 'post', or None for anything else."""
    parent = as_str(data.get("parent_id"))
    link = as_str(data.get("link_id"))
    if "body" in data and (parent.startswith(("t1_", "t3_")) or link.startswith("t3_")):
        return "comment"
    name = as_str(data.get("name"))
    posted = "selftext" in data or "num_comments" in data
    if "title" in data and posted and ("subreddit" in data or name.startswith("t3_")):
        return "post"
    return None


def is_dump(text: str) -> bool:
    """A dump: its first record (read whole, whatever its length) is a Reddit comment or post."""
    if text[:64].lstrip("\ufeff \t\r\n")[:1] not in ("{", "["):
        return False
    return _kind(_thing(first_record(text))) is not None


def _created(value: Any) -> str | None:
    """`created_utc` as an int, a float or a string of either, as an ISO date."""
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        value = int(value)
    return epoch_date(value)


def _author(data: dict[str, Any]) -> str:
    """`author`, else `author_name`; never `name` (that is the thing's own id)."""
    return clean(as_str(data.get("author"))) or clean(as_str(data.get("author_name")))


def _post_head(data: dict[str, Any], post_id: str, *, escaped: bool = True) -> Head:
    """A post's head, for a thread's own post and a dump's alike. `escaped`: the API sends titles
    and text with & < > as HTML entities (a scrape keeps them as typed)."""

    def text(key: str) -> str:
        value = as_str(data.get(key))
        return html.unescape(value) if escaped else value

    paragraphs = _post_paragraphs(text("selftext") if "selftext" in data else text("body"))
    permalink = as_str(data.get("permalink"))
    url = as_str(data.get("url"))
    linked = _linked_url(data, permalink)
    if linked:  # a link post is about what it links to: its first paragraph, as the site shows it
        paragraphs = (linked, *paragraphs)
    return Head(
        title=_post_title(clean(text("title")), paragraphs, post_id),
        paragraphs=paragraphs,
        author=_author(data) or None,
        date=_created(data.get("created_utc")),
        url=(f"https://www.reddit.com{permalink}" if permalink.startswith("/") else url) or None,
        votes=_votes(data),
        spoiler=data.get("spoiler") is True,
    )


def _linked_url(data: dict[str, Any], permalink: str) -> str | None:
    """The web address a link post is about (an image, an article, a video); None for a text post,
    whose `url` is the thread itself, and where the record does not say (`is_self`: the API and
    dumps say it; a scrape's `url` is the thread's)."""
    url = html.unescape(as_str(data.get("url")).strip())
    if data.get("is_self") is not False or not url.startswith(("http://", "https://")):
        return None
    if permalink and permalink.rstrip("/") in url:
        return None
    return clean(url) or None


def _votes(data: dict[str, Any]) -> int | None:
    """The post's points (`score`, else `ups`): one reading for a thread's post and a listing's."""
    return int_of(data.get("score")) if data.get("score") is not None else int_of(data.get("ups"))


def _placeholder(data: dict[str, Any], post_id: str) -> Head:
    """The thread of a post that is not in the files, named by what its comments say of it."""
    subreddit = clean(as_str(data.get("subreddit"))).removeprefix("r/")
    title = f"r/{subreddit} thread {post_id}" if subreddit else f"Reddit thread {post_id}"
    plain = subreddit.replace("_", "").isalnum() and post_id.isalnum()
    url = f"https://www.reddit.com/r/{subreddit}/comments/{post_id}/" if plain else None
    return Head(title=title, paragraphs=(_MISSING_POST,), url=url)


def parse_dump(text: str, path: Path) -> Parsed:
    """A dump's records as thread fragments, one per post id (`Parsed.fragments`)."""
    records, bad, cut = json_records_in(text, path, "Reddit")
    parsed = Parsed(path=str(path), format="reddit")
    source = str(path.resolve())
    threads: dict[str, Fragment] = {}

    def fragment(post_id: str) -> Fragment:
        if post_id not in threads:
            threads[post_id] = Fragment(key=("reddit", post_id), format="reddit", source=source)
        return threads[post_id]

    other = unplaced = gone = 0
    for record in records:
        data = _thing(record)
        kind = _kind(data)
        if kind == "post":
            post_id = _bare(data.get("id"), "t3_") or _bare(data.get("name"), "t3_")
            if not post_id:
                other += 1
                continue
            thread = fragment(post_id)
            if thread.head is None:
                thread.head = _post_head(data, post_id)
            continue
        if kind is None:
            other += 1
            continue
        parent = as_str(data.get("parent_id"))
        post_id = _bare(data.get("link_id"), "t3_") or (_bare(parent, "t3_") if parent.startswith("t3_") else "")
        native_id = _bare(data.get("id"), "t1_") or _bare(data.get("name"), "t1_")
        if not post_id or not native_id:
            unplaced += 1
            continue
        thread = fragment(post_id)
        if thread.placeholder is None:
            thread.placeholder = _placeholder(data, post_id)
        reply_to = parent.removeprefix("t1_") if parent.startswith("t1_") and len(parent) > 3 else None
        body = _body(html.unescape(as_str(data.get("body"))))
        if body in _GONE or not body:
            thread.dropped.setdefault(native_id, reply_to)
            gone += 1
            continue
        thread.records.append(
            Record(
                native_id=native_id,
                parent=reply_to,
                body=body,
                author=_author(data),
                date=_created(data.get("created_utc")),
                score=int_of(data.get("score")),
            )
        )
    parsed.fragments = list(threads.values())
    if cut:
        parsed.skipped.append(ends_early(path, len(records), "Reddit comment or post", "Reddit comments and posts"))
    for count, reason in (
        (bad, "lines that are not JSON objects"),
        (other, "records that are not Reddit comments or posts"),
        (unplaced, "Reddit comments without an id or a post id"),
        (gone, "deleted, removed or empty Reddit comments"),
    ):
        if count:
            parsed.skipped.append(Skipped(str(path), reason, count))
    if not parsed.fragments:
        raise InputError(path, "no Reddit comments or posts found")
    return parsed
