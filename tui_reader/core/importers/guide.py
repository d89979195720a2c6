"""Where each review site's export comes from and the one command that imports it.

One table for the help screen (`?`) and anything else that tells a user how to bring
their reviews in; the README's tables say the same in prose. Every format `--format` knows
has its row (`formats`: the names a row covers), so none goes unmentioned.
"""

from __future__ import annotations

from typing import NamedTuple


class SiteGuide(NamedTuple):
    site: str
    download: str  # what to fetch from the site, and where it is
    command: str  # the one command that imports it
    formats: tuple[str, ...]  # the `--format` names this row covers


SITE_GUIDES: tuple[SiteGuide, ...] = (
    SiteGuide(
        "Goodreads",
        "My Books → Import and export → Export Library (a CSV)",
        "tui-reader import goodreads_library_export.csv",
        ("goodreads",),
    ),
    SiteGuide(
        "Letterboxd",
        "Settings → Import & Export → Export your data (a .zip; only reviews.csv becomes reviews)",
        "tui-reader import letterboxd-export.zip",
        ("letterboxd",),
    ),
    SiteGuide(
        "Steam",
        "the store's appreviews/APPID?json=1 answer, or a dump keyed by recommendation id",
        "tui-reader import review_646570.json",
        ("steam",),
    ),
    SiteGuide(
        "Amazon",
        "a review dump, 2014 or 2023 schema (JSON Lines or array; a meta_*.json beside names products), or SNAP's text"
        " dumps (finefoods.txt)",
        "tui-reader import Musical_Instruments_5.json",
        ("amazon", "amazon-text"),
    ),
    SiteGuide(
        "Yelp",
        "the Open Dataset's review file, with its business file beside it (names the places)",
        "tui-reader import yelp/",
        ("yelp",),
    ),
    SiteGuide(
        "TripAdvisor, any table",
        "a CSV/TSV/JSON Lines file; hotelName, product, movie… are found, --map names the rest",
        "tui-reader import All.csv --map subject=hotelName,text=content",
        ("table",),
    ),
    SiteGuide(
        "WordPress, Disqus",
        "Tools → Export (WXR), or Disqus's XML export",
        "tui-reader import blog.wordpress.xml",
        ("wxr", "disqus"),
    ),
    SiteGuide(
        "Reddit, Hacker News",
        "a thread's .json, comment dumps (JSON Lines), HN items or a saved HN page",
        "tui-reader import thread.json",
        ("reddit", "hackernews", "hnpage"),
    ),
    SiteGuide(
        "Blogger",
        "Settings → Back up content (blog-MM-DD-YYYY.xml): posts, pages and their comments",
        "tui-reader import blog-03-06-2024.xml",
        ("blogger",),
    ),
    SiteGuide(
        "Staticman (Jekyll)",
        "the blog's _data/comments/ folder: a thread per post",
        "tui-reader import _data/comments/",
        ("staticman",),
    ),
    SiteGuide(
        "A web page, any text",
        "a saved .html page, or a .txt/.md file (one review each)",
        "tui-reader import review.html",
        ("html", "text"),
    ),
    SiteGuide(
        "tui-reader",
        "a backup made by tui-reader export (with your bookmarks, notes and quotes)",
        "tui-reader import tui-reader-export.json",
        ("tui-reader",),
    ),
)
