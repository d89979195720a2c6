"""A local HTTP server for the sources tests (127.0.0.1 only), and API responses shaped like the real ones.

`Site` serves `Reply`s by path: the fetcher's `base_url` puts the real host first
(`/hacker-news.firebaseio.com/v0/item/1.json`), so routes read like the real URLs.
A reply may be slow, cut short, streamed from a generator (a 50 MB body costs no
memory), answer 304 to its own ETag, or carry any status and headers. Every request's
path and headers are kept, so tests can say exactly what was sent.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import orjson
import pytest

from tui_reader.core.sources.fetch import BASE_ENV

HN = "/hacker-news.firebaseio.com/v0"
REDDIT = "/www.reddit.com"


def reddit_api(post_id: str) -> str:
    """Where a followed thread `r/movies/comments/POST_ID` is asked for (the API's JSON, 500 comments)."""
    return f"{REDDIT}/r/movies/comments/{post_id}/.json?limit=500"


THREAD = reddit_api("abc123")  # the thread most tests follow: `r/movies/comments/abc123`


@dataclass
class Reply:
    status: int = 200
    body: bytes | Callable[[], Iterator[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer starts
    length: int | None = None  # a Content-Length to declare instead of the body's (a cut-short body)
    etag: str | None = None  # answer 304 when the request sends it back


def json_reply(value: Any, **kwargs: Any) -> Reply:
    headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}
    return Reply(body=orjson.dumps(value), headers=headers, **kwargs)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class Site:
    """Routes (path with query -> Reply) served on 127.0.0.1 from a thread."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply] = {}
        self.requests: list[Seen] = []
        self.released = threading.Event()  # a slow reply stops waiting when the test ends
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                reply = site.routes.get(self.path, Reply(404, b'{"error": 404}'))
                # the client may give up (a size limit, a timeout): as a real server sees it
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    site.answer(self, reply)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    def answer(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.delay:
            self.released.wait(reply.delay)
        if reply.etag is not None and handler.headers.get("If-None-Match") == reply.etag:
            handler.send_response(304)
            handler.send_header("ETag", reply.etag)
            handler.end_headers()
            return
        handler.send_response(reply.status)
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        if reply.etag is not None:
            handler.send_header("ETag", reply.etag)
        if isinstance(reply.body, bytes):
            handler.send_header("Content-Length", str(reply.length if reply.length is not None else len(reply.body)))
            handler.end_headers()
            handler.wfile.write(reply.body)
            return
        handler.end_headers()  # no length: the body ends when the connection closes (HTTP/1.0)
        for chunk in reply.body():
            handler.wfile.write(chunk)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]


@pytest.fixture
def cli_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """The local site, with every fetcher made without a base pointed at it (`BASE_ENV`): the CLI's and
    the app's. (`site`, in conftest, serves a test that hands its fetcher the site's address.)"""
    with Site() as running:
        monkeypatch.setenv(BASE_ENV, running.base)
        yield running


def megabytes(count: int) -> Callable[[], Iterator[bytes]]:
    """A body of `count` MB made a chunk at a time."""
    chunk = b"x" * 2**16

    def body() -> Iterator[bytes]:
        for _ in range(count * 16):
            yield chunk

    return body


# --- Hacker News Firebase items, shaped as the API sends them (see corpora/hackernews) -------

STORY_ID = 41129813
NOW = int(time.mktime((2024, 8, 1, 15, 0, 0, 0, 0, 0)))


def hn_story(kids: list[int], descendants: int) -> dict[str, Any]:
    return {
        "by": "whoishiring",
        "descendants": descendants,
        "id": STORY_ID,
        "kids": kids,
        "score": 357,
        "text": "Please state the location and include REMOTE for remote work.<p>Second paragraph.",
        "time": NOW,
        "title": "Ask HN: Who is hiring? (August 2024)",
        "type": "story",
    }


def hn_comment(item_id: int, parent: int, text: str, kids: list[int] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "by": f"user{item_id}",
        "id": item_id,
        "parent": parent,
        "text": text,
        "time": NOW + item_id % 1000,
        "type": "comment",
    }
    if kids:
        item["kids"] = kids
    return item


def serve_hn_thread(site: Site, items: list[dict[str, Any]]) -> None:
    """The story and its comments as the Firebase API serves them: one item per URL."""
    for item in items:
        site.routes[f"{HN}/item/{item['id']}.json"] = json_reply(item)


# --- Reddit's .json API ------------------------------------------------------------------------


def reddit_comment(comment_id: str, body: str, replies: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    listing: Any = {"kind": "Listing", "data": {"children": replies, "after": None}} if replies else ""
    return {
        "kind": "t1",
        "data": {
            "id": comment_id,
            "name": f"t1_{comment_id}",
            "author": f"u_{comment_id}",
            "body": body,
            "created_utc": 1722520800.0,
            "score": 3,
            "replies": listing,
        },
    }


def reddit_post(post_id: str, title: str, subreddit: str = "movies") -> dict[str, Any]:
    return {
        "kind": "t3",
        "data": {
            "id": post_id,
            "name": f"t3_{post_id}",
            "subreddit": subreddit,
            "title": title,
            "selftext": "What did you think &amp; why?",
            "author": "op",
            "created_utc": 1722510000.0,
            "num_comments": 2,
            "score": 120,
            "permalink": f"/r/{subreddit}/comments/{post_id}/slug/",
            "url": f"https://www.reddit.com/r/{subreddit}/comments/{post_id}/slug/",
        },
    }


def reddit_thread(post_id: str, comments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"kind": "Listing", "data": {"children": [reddit_post(post_id, "Discussion thread")], "after": None}},
        {"kind": "Listing", "data": {"children": comments, "after": None}},
    ]


def reddit_listing(posts: list[dict[str, Any]]) -> dict[str, Any]:
    return {"kind": "Listing", "data": {"children": posts, "after": "t3_next", "before": None}}
