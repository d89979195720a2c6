"""The sources' HTTP client against a local server: limits, conditional requests, one-line errors."""

from __future__ import annotations

import socket

import pytest

from tests.core.sources_support import HN, Reply, Site, json_reply, megabytes
from tui_reader.core.sources.fetch import MAX_BYTES, USER_AGENT, Fetcher, FetchError, retry_after

URL = "https://hacker-news.firebaseio.com/v0/item/1.json"
PATH = f"{HN}/item/1.json"


def fetcher(site: Site, **kwargs: float) -> Fetcher:
    return Fetcher(base_url=site.base, **kwargs)  # type: ignore[arg-type]


def test_a_200_gives_the_body_and_its_validators_and_says_who_asks(site: Site) -> None:
    site.routes[PATH] = json_reply({"id": 1}, etag='"v1"', headers={"Last-Modified": "Thu, 01 Aug 2024 10:00:00 GMT"})
    with fetcher(site) as client:
        got = client.get(URL)
    assert got.changed and got.body == b'{"id":1}'
    assert (got.etag, got.last_modified) == ('"v1"', "Thu, 01 Aug 2024 10:00:00 GMT")
    sent = site.requests[0]
    assert sent.path == PATH
    assert sent.headers["user-agent"] == USER_AGENT and "tui-reader" in USER_AGENT
    assert "if-none-match" not in sent.headers


def test_validators_are_sent_back_and_a_304_is_nothing_changed(site: Site) -> None:
    site.routes[PATH] = json_reply({"id": 1}, etag='"v1"')
    with fetcher(site) as client:
        got = client.get(URL, etag='"v1"', last_modified="Thu, 01 Aug 2024 10:00:00 GMT")
    assert not got.changed and got.body == b""
    assert site.requests[0].headers["if-none-match"] == '"v1"'
    assert site.requests[0].headers["if-modified-since"] == "Thu, 01 Aug 2024 10:00:00 GMT"


def test_a_404_is_one_line(site: Site) -> None:
    with fetcher(site) as client, pytest.raises(FetchError) as caught:
        client.get("https://hacker-news.firebaseio.com/v0/item/404.json")
    assert str(caught.value) == "not found (HTTP 404)"


def test_a_429_says_when_to_retry(site: Site) -> None:
    site.routes[PATH] = Reply(429, b"slow down", headers={"Retry-After": "120"})
    with fetcher(site) as client, pytest.raises(FetchError) as caught:
        client.get(URL)
    assert str(caught.value) == "rate limited (HTTP 429, retry after 120 s)"
    assert caught.value.retry_after == 120


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after("30") == 30
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # a date in the past: now
    assert retry_after("soon") is None and retry_after(None) is None


def test_a_slow_answer_times_out(site: Site) -> None:
    site.routes[PATH] = json_reply({"id": 1}, delay=5.0)
    with fetcher(site, timeout=0.2) as client, pytest.raises(FetchError) as caught:
        client.get(URL)
    assert str(caught.value).startswith("timed out after 0.2 s")


def test_a_body_cut_short_is_refused(site: Site) -> None:
    site.routes[PATH] = Reply(200, b'{"id": 1, "te', length=5000)
    with fetcher(site) as client, pytest.raises(FetchError) as caught:
        client.get(URL)
    assert str(caught.value).startswith("connection closed before the whole response arrived")


def test_a_declared_oversized_body_is_refused_before_reading(site: Site) -> None:
    site.routes[PATH] = Reply(200, b"{}", length=50 * 2**20)
    with fetcher(site) as client, pytest.raises(FetchError) as caught:
        client.get(URL)
    assert str(caught.value) == "response is 50 MB, over the 20 MB limit"


def test_a_50_mb_streamed_body_stops_at_the_limit(site: Site) -> None:
    site.routes[PATH] = Reply(200, megabytes(50))  # no Content-Length: only reading finds out
    with fetcher(site) as client, pytest.raises(FetchError) as caught:
        client.get(URL)
    assert str(caught.value) == "response is over the 20 MB limit (stopped reading)"
    assert MAX_BYTES == 20 * 2**20


def test_nobody_listening_is_offline() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with Fetcher(base_url=f"http://127.0.0.1:{port}") as client, pytest.raises(FetchError) as caught:
        client.get(URL)
    assert str(caught.value).startswith("offline or unreachable")


def test_the_base_url_keeps_the_real_host_and_query() -> None:
    with Fetcher(base_url="http://127.0.0.1:9/") as client:
        assert client.address("https://www.reddit.com/r/books/top/.json?t=week") == (
            "http://127.0.0.1:9/www.reddit.com/r/books/top/.json?t=week"
        )
    with Fetcher(base_url="") as client:
        assert client.address(URL) == URL


def test_requests_to_one_host_are_paced(site: Site) -> None:
    site.routes[PATH] = json_reply({"id": 1})
    site.routes["/www.reddit.com/r/movies/hot/.json"] = json_reply({})
    slept: list[float] = []
    pace = {"hacker-news.firebaseio.com": 5.0}
    with Fetcher(base_url=site.base, pace=pace, sleep=slept.append, clock=lambda: 100.0) as client:
        client.get(URL)
        assert slept == []  # the first request waits for nothing
        client.get(URL)
        client.get("https://www.reddit.com/r/movies/hot/.json")  # another host: not paced
    assert slept == [5.0]
    with Fetcher() as real, Fetcher(base_url=site.base) as test:
        assert real.pace["www.reddit.com"] >= 6 and test.pace == {}
