"""What each format is called in a sentence: `gr.csv is not a Steam export (it looks like a Goodreads export)`."""

from __future__ import annotations

FORMAT_LABELS: dict[str, str] = {
    "tui-reader": "a tui-reader backup",
    "wxr": "a WordPress export (WXR)",
    "disqus": "a Disqus export",
    "blogger": "a Blogger export",
    "reddit": "a Reddit thread's JSON",
    "hackernews": "a Hacker News thread's JSON",
    "staticman": "a Staticman comments file",
    "goodreads": "a Goodreads export",
    "letterboxd": "a Letterboxd export",
    "steam": "a Steam export",
    "amazon": "an Amazon reviews file",
    "amazon-text": "an Amazon reviews text file (SNAP)",
    "yelp": "a Yelp reviews file",
    "table": "a table (CSV or TSV) with a text column",
    "hnpage": "a saved Hacker News page",
    "html": "an HTML page",
    "text": "plain text",
}
