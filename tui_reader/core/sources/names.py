"""What the user types to follow a source, read as one `Target`: its kind, key and fetch URL.

Short names and the sites' own page URLs both work:

- Hacker News: `hn:front`, `hn:best`, `front`, `best`, `news.ycombinator.com/item?id=N`, `hn:N`;
- Reddit: `r/movies`, `/r/books/top`, `reddit.com/r/x/comments/ID/...` (a thread);
- Steam: `store.steampowered.com/app/ID/...`, `steam:ID`;
- WordPress: `wp:SITE` or a site URL ending in `/wp-json/...` (its REST comments);
- anything else starting with http(s): a feed (RSS or Atom).

Pure: nothing here touches the network. `ValueError` (one line) for what is not a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

KINDS = ("hn-item", "hn-list", "reddit-thread", "reddit-listing", "steam", "wordpress", "feed")

HN_API = "https://hacker-news.firebaseio.com/v0/"
REDDIT = "https://www.reddit.com"
STEAM = "https://store.steampowered.com/appreviews/{}?json=1&filter=recent&language=all&num_per_page=100"
WP_COMMENTS = "/wp-json/wp/v2/comments?per_page=100&orderby=date&order=desc"

# What can be followed, in one list for `follow --help`, the app's follow line and this parser's refusal.
ACCEPTED = "a thread's or a feed's URL, r/NAME, r/NAME/top, hn:front, hn:best, hn:ID, steam:ID or wp:SITE"

HN_LISTS = {"front": "topstories", "top": "topstories", "best": "beststories", "new": "newstories"}
REDDIT_SORTS = ("hot", "new", "top", "rising", "controversial")

_NAME = re.compile(r"[A-Za-z0-9_]{2,32}")
_REDDIT_ID = re.compile(r"[a-z0-9]{1,12}")


@dataclass(frozen=True, slots=True)
class Target:
    """A source as the sources file keeps it: `key` names it (`r/movies/top`), `url` is what is fetched."""

    kind: str
    key: str
    url: str
    site: str = ""  # WordPress: the site's address (the review ids are the WXR importer's)


def parse_target(text: str) -> Target:
    """The source `text` names; ValueError saying what is accepted when it names none."""
    raw = text.strip()
    if not raw or not raw.isprintable():
        raise ValueError(f"not a source: {raw[:80]!r}")
    lowered = raw.lower()
    for prefix, reader in (("hn:", _hn_short), ("steam:", _steam_short), ("wp:", _wordpress_short)):
        if lowered.startswith(prefix):
            return reader(raw[len(prefix) :].strip())
    if lowered in HN_LISTS:
        return _hn_short(lowered)
    if re.match(r"/?r/", lowered):
        return _reddit_path("/" + raw.lstrip("/"))
    if not re.match(r"https?://", lowered):
        if "." in raw.split("/", 1)[0]:  # news.ycombinator.com/item?id=1, example.com/feed
            return parse_target("https://" + raw)
        raise ValueError(f"not a source: {raw[:80]!r} ({ACCEPTED})")
    return _from_url(raw)


def _from_url(url: str) -> Target:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("old.")
    if host == "news.ycombinator.com":
        if parts.path.rstrip("/") == "/item":
            item = parse_qs(parts.query).get("id", [""])[0]
            return _hn_short(item)
        name = parts.path.strip("/") or "front"
        return _hn_short("front" if name == "news" else name)
    if host in ("reddit.com", "np.reddit.com", "new.reddit.com"):
        return _reddit_path(parts.path)
    if host == "store.steampowered.com":
        match = re.match(r"/app(?:reviews)?/(\d{1,10})", parts.path)
        if match:
            return _steam_short(match[1])
    if "/wp-json/" in parts.path:
        return _wordpress_short(url[: url.index("/wp-json/")])
    if not host or any(ch.isspace() for ch in url):
        raise ValueError(f"not a URL: {url[:80]!r}")
    return Target("feed", url, url)


def _hn_short(name: str) -> Target:
    name = name.strip().lower()
    if name in HN_LISTS:
        listing = HN_LISTS[name]
        key = "hn:best" if listing == "beststories" else "hn:new" if listing == "newstories" else "hn:front"
        return Target("hn-list", key, f"{HN_API}{listing}.json")
    if name.isdigit() and 0 < int(name) < 10**12:
        return Target("hn-item", f"hn:{int(name)}", f"{HN_API}item/{int(name)}.json")
    raise ValueError(f"not a Hacker News item or list: {name[:40]!r} (an item id, front, best or new)")


def _reddit_path(path: str) -> Target:
    """`/r/NAME`, `/r/NAME/SORT`, `/r/NAME/comments/ID/...`: a listing or a thread."""
    parts = [part for part in path.split("/") if part]
    if len(parts) < 2 or parts[0].lower() != "r" or not _NAME.fullmatch(parts[1]):
        raise ValueError(f"not a subreddit or Reddit thread: {path[:80]!r}")
    name = parts[1]
    if len(parts) >= 4 and parts[2] == "comments" and _REDDIT_ID.fullmatch(parts[3].lower()):
        post = parts[3].lower()
        url = f"{REDDIT}/r/{name}/comments/{post}/.json?limit=500"  # the most Reddit sends at once
        return Target("reddit-thread", f"r/{name}/comments/{post}", url)
    sort = parts[2].lower() if len(parts) >= 3 else "hot"
    if sort not in REDDIT_SORTS:
        raise ValueError(f"not a Reddit listing: {path[:80]!r} (r/NAME or r/NAME/{'|'.join(REDDIT_SORTS)})")
    key = f"r/{name}" if sort == "hot" else f"r/{name}/{sort}"
    query = "?t=week" if sort in ("top", "controversial") else ""
    return Target("reddit-listing", key, f"{REDDIT}/r/{name}/{sort}/.json{query}")


def _steam_short(app: str) -> Target:
    if not app.isdigit() or len(app) > 10:
        raise ValueError(f"not a Steam app id: {app[:40]!r}")
    return Target("steam", f"steam:{int(app)}", STEAM.format(int(app)))


def _wordpress_short(site: str) -> Target:
    site = site.strip().rstrip("/")
    if not re.match(r"https?://", site, re.IGNORECASE):
        site = "https://" + site
    if not urlsplit(site).hostname:
        raise ValueError(f"not a WordPress site: {site[:80]!r}")
    return Target("wordpress", f"wp:{site}", site + WP_COMMENTS, site=site)
