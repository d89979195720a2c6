"""Amazon product reviews (McAuley's datasets), as JSON Lines or a JSON array.

2014/2018 schema: reviewerID, asin, reviewerName, helpful [yes, total] (2018: vote),
reviewText, overall, summary, unixReviewTime, verified, style. 2023 schema: user_id,
asin, parent_asin, rating, title, text, helpful_vote, timestamp (ms), verified_purchase.
The product is named from a `meta_*.json(l)` file beside the reviews (its `title` by
asin or parent_asin; 2014's metadata is Python literals, read as such), else
`Amazon product <asin>`. A metadata file imported on its own is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.importers.base import Parsed
from tui_reader.core.importers.common import title_from
from tui_reader.core.importers.content_ids import numbered
from tui_reader.core.importers.helpful import helpful_of
from tui_reader.core.importers.jsonutil import as_dict, as_list, as_str, json_records_in
from tui_reader.core.importers.sites import (
    FolderSiblings,
    Siblings,
    bool_of,
    date_of,
    first_loose_record,
    float_of,
    int_of,
    keys_of,
    line_of,
    loose_records,
    paragraphs_of,
    parsed_reviews,
    sibling_table,
    skipped_file,
)

_PRODUCT = ("asin", "parent_asin")
_REVIEW_MARKS = frozenset(("reviewerID", "reviewText", "overall", "user_id", "helpful_vote", "verified_purchase"))
_META_MARKS = frozenset(("title", "salesRank", "categories", "related", "main_category", "imUrl", "store", "details"))


def _is_review(keys: frozenset[str]) -> bool:
    if not keys & set(_PRODUCT):
        return False
    return {"reviewerID"} <= keys or ({"user_id"} <= keys and bool(keys & {"text", "rating", "title"}))


def _is_meta(keys: frozenset[str]) -> bool:
    return bool(keys & set(_PRODUCT)) and bool(keys & _META_MARKS) and not keys & _REVIEW_MARKS


def _titles(text: str) -> dict[str, Any]:
    titles: dict[str, Any] = {}
    for record in loose_records(text):
        title = line_of(record.get("title"))
        if title:
            for key in _PRODUCT:
                asin = as_str(record.get(key))
                if asin:
                    titles.setdefault(asin, title)
    return titles


def product_titles(siblings: Siblings) -> dict[str, Any]:
    """asin -> product title, from every `meta_*` JSON file beside the reviews."""
    merged: dict[str, Any] = {}
    for name in siblings.names():
        lower = name.lower()
        if lower.startswith("meta") and lower.endswith((".json", ".jsonl")):
            for asin, title in sibling_table(siblings, name, "amazon titles", _titles).items():
                merged.setdefault(asin, title)
    return merged


class _Repeats:
    """Ids of a file's reviews: a reviewer's review of a product, numbered in file order when they
    reviewed it again (as `amazon_text` numbers them: the same reviews, the same ids), and one id
    for a record the file holds twice (the 2018 dumps repeat some word for word). They were one
    id, so a reviewer's three reviews of a pair of insoles were stored as the last one alone."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}
        self._given: dict[str, str] = {}

    def named(self, first: str, time: str, body: str) -> str:
        said = stable_id(first, time, body)
        if said not in self._given:
            count = numbered(self._seen, first)
            self._given[said] = first if count == 1 else stable_id(first, str(count))
        return self._given[said]


class AmazonImporter:
    name = "amazon"
    reads_whole = True

    def sniff(self, text: str, path: Path) -> bool:
        keys = keys_of(first_loose_record(text))
        return _is_review(keys) or _is_meta(keys)

    def parse(self, text: str, path: Path) -> Parsed:
        return self.parse_in(text, path, FolderSiblings(path.parent), str(path.resolve()))

    def parse_in(self, text: str, path: Path, siblings: Siblings, source: str) -> Parsed:
        if _is_meta(keys_of(first_loose_record(text))):
            return skipped_file(path, self.name, "Amazon product metadata: used to name the products")
        found = json_records_in(text, path, "Amazon")
        titles = product_titles(siblings)
        ids = _Repeats()
        return parsed_reviews(
            path,
            "Amazon",
            self.name,
            found.records,
            lambda record: self._review(as_dict(record), titles, source, ids),
            found.bad,
            found.cut,
        )

    def _review(
        self, record: Mapping[str, Any], titles: Mapping[str, Any], source: str, ids: _Repeats
    ) -> Review | None:
        paragraphs = paragraphs_of(record.get("reviewText") if "reviewText" in record else record.get("text"))
        asin = line_of(record.get("asin")) or line_of(record.get("parent_asin"))
        if not paragraphs or not asin:
            return None
        product = line_of(record.get("parent_asin")) or asin
        reviewer = line_of(record.get("reviewerID")) or line_of(record.get("user_id"))
        # 2014: [13, 14], 13 of 14 voters found it helpful; 2023 `helpful_vote`, 2018 `vote` ("1,234"): a count
        votes, voters = helpful_of(as_list(record.get("helpful")))
        if votes is None:
            votes = int_of(record.get("helpful_vote"))
        if votes is None:
            votes = int_of(record.get("vote"))
        rating = float_of(record.get("overall") if "overall" in record else record.get("rating"))
        body = "\n".join(paragraphs)
        title = line_of(record.get("summary")) or line_of(record.get("title"))
        style = as_dict(record.get("style"))
        subtitle = ", ".join(f"{line_of(k).rstrip(':')}: {line_of(v)}" for k, v in style.items() if line_of(v))
        unix = record.get("unixReviewTime") if "unixReviewTime" in record else record.get("timestamp")
        verified = bool_of(record.get("verified") if "verified" in record else record.get("verified_purchase"))
        return Review(
            id=ids.named(stable_id("amazon", reviewer, asin), as_str(unix), body),
            title=title or title_from(body, f"Review of {asin}"),
            source=source,
            paragraphs=paragraphs + _attached(record),
            subtitle=subtitle or None,
            author=line_of(record.get("reviewerName")) or reviewer or None,
            date=date_of(unix) or date_of(record.get("reviewTime")),
            rating=rating if rating is not None and 0 <= rating <= 5 else None,
            rating_max=5,
            format=self.name,
            subject=Subject(
                name=as_str(titles.get(product) or titles.get(asin)) or f"Amazon product {product}",
                kind="product",
                ref=f"asin:{product}",
            ),
            votes=votes,
            voters=voters,
            tags=("verified purchase",) if verified else (),
        )


def _attached(record: Mapping[str, Any]) -> tuple[str, ...]:
    """The photos and videos a reviewer attached, a line each after the text (`photo: URL`, as an
    embed reads: `o` opens it): 2023's `images` (the largest of each), 2018's `image` (addresses)."""
    lines = []
    for item in as_list(record.get("images")) + as_list(record.get("image")):
        if isinstance(item, str):
            kind, url = "photo", item
        else:
            attachment = as_dict(item)
            kind = "video" if "video" in as_str(attachment.get("attachment_type")).lower() else "photo"
            sizes = ("large_image_url", "medium_image_url", "small_image_url", "url")
            url = next((as_str(attachment[key]) for key in sizes if as_str(attachment.get(key))), "")
        url = url.strip()
        if url.startswith(("https://", "http://")) and not any(c.isspace() for c in url):
            lines.append(f"{kind}: {url}")
    return tuple(lines)
