"""Where each review site's export comes from and the one command that imports it.

One table for the help screen (`?`) and anything else that tells a user how to bring
their reviews in; the README carries the same rows in prose.
"""

from __future__ import annotations

from typing import NamedTuple


class SiteGuide(NamedTuple):
    site: str
    download: str  # what to fetch from the site, and where it is
    command: str  # the one command that imports it


SITE_GUIDES: tuple[SiteGuide, ...] = (
    SiteGuide(
        "Goodreads",
        "My Books → Import and export → Export Library (a CSV)",
        "tui-reader import goodreads_library_export.csv",
    ),
    SiteGuide(
        "Letterboxd",
        "Settings → Import & Export → Export your data (a .zip; only reviews.csv becomes reviews)",
        "tui-reader import letterboxd-export.zip",
    ),
    SiteGuide(
        "Steam",
        "the store's appreviews/APPID?json=1 answer, or a dump keyed by recommendation id",
        "tui-reader import review_646570.json",
    ),
    SiteGuide(
        "Amazon",
        "a review dump, 2014 or 2023 schema (JSON Lines or array); a meta_*.json beside names products",
        "tui-reader import Musical_Instruments_5.json",
    ),
    SiteGuide(
        "Yelp",
        "the Open Dataset's review file, with its business file beside it (names the places)",
        "tui-reader import yelp/",
    ),
    SiteGuide(
        "TripAdvisor, any table",
        "a CSV/TSV/JSON Lines file; hotelName, product, movie… are found, --map names the rest",
        "tui-reader import All.csv --map subject=hotelName,text=content",
    ),
    SiteGuide(
        "WordPress, Disqus",
        "Tools → Export (WXR), or Disqus's XML export",
        "tui-reader import blog.wordpress.xml",
    ),
    SiteGuide(
        "Reddit, Hacker News",
        "a thread's .json, comment dumps (JSON Lines), HN items or a saved HN page",
        "tui-reader import thread.json",
    ),
)
