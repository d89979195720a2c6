"""HTTP for sources: one `httpx` client, a descriptive User-Agent, limits on every response.

Every response is streamed and given up on past `max_bytes` (a 50 MB answer never sits
in memory) or past `timeout` seconds in all (a server dripping bytes is cut off too).
Conditional headers (ETag, Last-Modified) make an unchanged answer a 304: `Fetched.changed`
is False and nothing is parsed. Failures are `FetchError`s, one line each (offline, 404,
429 or 503 with its Retry-After, timed out, cut short, too big): the caller stores nothing then.

`base_url` sends every request to another server instead (`http://127.0.0.1:PORT`): the
real URL's host and path follow it, so a test server sees which site was asked for.
`TUI_READER_SOURCES_BASE` sets it for the command line (tests only).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

# httpx's own command line (`httpx._main`) loads rich, click and pygments when they are installed
# (Textual brings rich): ~0.1 s, and rich in the core. We never run it; httpx falls back without it.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

import httpx  # noqa: E402

from tui_reader import __version__  # noqa: E402

USER_AGENT = f"tui-reader:{__version__} (terminal reader for followed threads and reviews; python-httpx)"
TIMEOUT_S = 20.0
MAX_BYTES = 20 * 2**20
BASE_ENV = "TUI_READER_SOURCES_BASE"
# Seconds between two requests to one host: Reddit allows about 10 a minute without an
# account, Steam asks for restraint; HN's Firebase API has no limit (and a thread is
# many small requests). A test server (`base_url`) is not paced unless asked.
PACE = {"www.reddit.com": 6.0, "store.steampowered.com": 1.0}


class FetchError(Exception):
    """A fetch that failed, said in one line; `retry_after` (seconds) when the site asked to wait.
    `lasting` is the line without the wait, for the source to keep: "retry after 120 s" read an
    hour later was wrong (the time it may retry at is kept beside it, `Source.retry_at`)."""

    def __init__(self, message: str, retry_after: float | None = None, *, lasting: str | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.lasting = lasting or message


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response's body and the validators to send next time; `changed` False for a 304."""

    body: bytes
    changed: bool = True
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """Fetches with the limits above; use as a context manager (one connection pool)."""

    def __init__(
        self,
        *,
        timeout: float = TIMEOUT_S,
        max_bytes: int = MAX_BYTES,
        base_url: str | None = None,
        transport: httpx.BaseTransport | None = None,
        pace: dict[str, float] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.base_url = (base_url if base_url is not None else os.environ.get(BASE_ENV, "")).rstrip("/") or None
        self.pace = pace if pace is not None else ({} if self.base_url else PACE)
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}  # host -> when its last request started (monotonic)
        self._pacing = threading.Lock()
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=5,
            transport=transport,
            trust_env=False,  # no proxy or .netrc credentials picked up from the environment
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def address(self, url: str) -> str:
        """Where `url` is really fetched from: itself, or under `base_url` (host and path kept)."""
        if self.base_url is None:
            return url
        parts = urlsplit(url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.base_url}/{parts.netloc}{parts.path}{query}"

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` within the limits; 304 -> `changed` False. FetchError (one line) on any failure."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_turn(url)
        deadline = time.monotonic() + self.timeout
        try:
            with self._client.stream("GET", self.address(url), headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(b"", changed=False, etag=etag, last_modified=last_modified)
                _check_status(response)
                body = self._read(response, deadline)
                return Fetched(body, True, response.headers.get("etag"), response.headers.get("last-modified"))
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.timeout:g} s") from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as error:
            raise FetchError(f"connection closed before the whole response arrived ({_first_line(error)})") from None
        except httpx.ConnectError as error:
            raise FetchError(f"offline or unreachable ({_first_line(error)})") from None
        except httpx.TooManyRedirects:
            raise FetchError("too many redirects") from None
        except httpx.HTTPError as error:
            raise FetchError(f"request failed ({_first_line(error)})") from None
        except (httpx.InvalidURL, ValueError) as error:
            raise FetchError(f"not a URL that can be fetched ({_first_line(error)})") from None

    def _wait_turn(self, url: str) -> None:
        """Sleep until the host's pace allows another request (threads take turns)."""
        host = (urlsplit(url).hostname or "").lower()
        interval = self.pace.get(host, 0.0)
        if interval <= 0:
            return
        with self._pacing:
            now = self._clock()
            wait = self._last.get(host, now - interval) + interval - now
            if wait > 0:
                self._sleep(wait)
            self._last[host] = max(now, now + wait)

    def _read(self, response: httpx.Response, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"response is {_mb(int(declared))}, over the {_mb(self.max_bytes)} limit")
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.max_bytes:
                raise FetchError(f"response is over the {_mb(self.max_bytes)} limit (stopped reading)")
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {self.timeout:g} s (response still arriving)")
            chunks.append(chunk)
        return b"".join(chunks)


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    if status in _WAITS:  # said as what it was: a 503 later read "rate limited"
        wait = retry_after(response.headers.get("retry-after"))
        later = f", retry after {wait:g} s" if wait is not None else ""
        said = _WAITS[status]
        raise FetchError(f"{said} (HTTP {status}{later})", wait, lasting=f"{said} (HTTP {status})")
    if status == 404:
        raise FetchError("not found (HTTP 404)")
    if status in (401, 403):
        raise FetchError(f"refused (HTTP {status}): private, banned, or not public")
    reason = response.reason_phrase or ""
    raise FetchError(f"HTTP {status}{f' {reason}' if reason else ''}", retry_after(response.headers.get("retry-after")))


# Statuses that come with a Retry-After, in the words kept on the source (said again while it waits).
_WAITS = {429: "rate limited", 503: "the site was unavailable"}


def retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date; None if neither."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(min(int(text), 7 * 86400))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _mb(count: int) -> str:
    return f"{count / 2**20:.3g} MB"


def _first_line(error: Any) -> str:
    text = str(error).strip().splitlines()
    return text[0][:120] if text else type(error).__name__
