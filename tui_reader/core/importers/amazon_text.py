"""Amazon reviews in SNAP's plain-text format: Stanford's `finefoods.txt`, `movies.txt` and the 2013
"Amazon reviews" dumps by category (`Books.txt`, `Electronics.txt`…). A review is a block of
`section/field: value` lines, and the next review starts with the next `product/productId:`:

    product/productId: B001E4KFG0
    product/title: Dog Food, 12 oz           (the 2013 dumps)
    product/price: 15.99                     (the 2013 dumps; often `unknown`)
    review/userId: A3SGXH7AUHU8GW
    review/profileName: delmartian
    review/helpfulness: 1/1
    review/score: 5.0
    review/time: 1303862400
    review/summary: Good Quality Dog Food
    review/text: I have bought several of the Vitality canned dog food products…

These are the reviews Amazon's JSON dumps hold, read as the JSON importer reads them (`amazon`): the
product `asin:B001E4KFG0`, `1/1` one of one voter found it helpful, the score out of 5, the time in
unix seconds, the same review id (a reviewer's review of a product), so a review in both is one. A
reviewer the dump names `unknown` is no one: that review is named by its words. The text is HTML as
the site wrote it (`<br />`, `&quot;`). The dumps are big (568,454 reviews in `finefoods.txt`): the
reviews are made in chunks as the import asks for them, as a table's are.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.bigfile import text_lines
from tui_reader.core.importers.common import title_from
from tui_reader.core.importers.content_ids import numbered
from tui_reader.core.importers.helpful import helpful_of
from tui_reader.core.importers.sitedates import named_date
from tui_reader.core.importers.sites import date_of, float_of, int_of, line_of, paragraphs_of
from tui_reader.core.importers.tabular import CHUNK_REVIEWS

FIRST_FIELD = "product/productId:"  # every review opens with it
_SECTIONS = ("product", "review")
_NOBODY = "unknown"  # what the dumps write for a reviewer they do not name


def _fields(lines: Iterator[str]) -> Iterator[dict[str, str] | None]:
    """Each review's fields by name (`productId`, `text`…); None for each line before the first review
    that is no field. A line that is no field goes on the field before it (a text written over lines,
    blank lines parting its paragraphs)."""
    fields: dict[str, str] | None = None
    last = ""
    for line in lines:
        line = line.rstrip("\r").lstrip("\ufeff")
        if line.startswith(FIRST_FIELD):
            if fields is not None:
                yield fields
            fields = {}
        name, colon, value = line.partition(":")
        section, slash, field = name.partition("/")
        if fields is not None and colon and slash and section in _SECTIONS and field.isalnum():
            last = field
            fields[field] = value.removeprefix(" ")
        elif fields is not None and last:
            fields[last] += "\n" + line
        elif line.strip():
            yield None
    if fields is not None:
        yield fields


def _price(value: str) -> str | None:
    """`15.99` as `price $15.99` (the dumps are amazon.com's); `unknown` as nothing."""
    number = float_of(value)
    return f"price ${number:,.2f}" if number is not None and number >= 0 else None


class AmazonTextImporter:
    name = "amazon-text"

    def sniff(self, head: str, path: Path) -> bool:
        start = head.lstrip("\ufeff \t\r\n")
        return start.startswith(FIRST_FIELD) and "\nreview/" in start

    def parse(self, text: str, path: Path) -> Parsed:
        """The whole file at once (`stream` is what an import uses: it holds one chunk at a time)."""
        chunks = self.stream(text, path, str(path.resolve()))
        parsed = next(chunks)
        for more in chunks:
            parsed.reviews.extend(more.reviews)
            parsed.skipped.extend(more.skipped)
        return parsed

    def stream(self, text: str, path: Path, source: str) -> Iterator[Parsed]:
        """The file's reviews in chunks of at most CHUNK_REVIEWS, made as they are asked for."""
        return self.stream_lines(text_lines(text), path, source)

    def stream_lines(self, lines: Iterator[str], path: Path, source: str) -> Iterator[Parsed]:
        """The reviews of these lines (a text's, or a big file's: `bigfile`) in chunks; what was
        skipped comes with the last. A file without one review with text raises InputError."""
        parsed = Parsed(path=str(path), format=self.name)
        seen: dict[str, int] = {}
        made = empty = stray = 0
        for fields in _fields(lines):
            review = _review(fields, source, seen) if fields is not None else None
            if review is None:
                stray += fields is None
                empty += fields is not None
                continue
            parsed.reviews.append(review)
            made += 1
            if len(parsed.reviews) >= CHUNK_REVIEWS:
                yield parsed
                parsed = Parsed(path=str(path), format=self.name)
        if empty:
            parsed.skipped.append(Skipped(str(path), "Amazon reviews without text or product", empty))
        if stray:
            parsed.skipped.append(Skipped(str(path), "lines that are no review field", stray))
        if not made:
            raise InputError(path, "no reviews with text in this Amazon text file")
        yield parsed


def _review(fields: dict[str, str], source: str, seen: dict[str, int]) -> Review | None:
    paragraphs = paragraphs_of(fields.get("text"))
    asin = line_of(fields.get("productId"))
    if not paragraphs or not asin:
        return None
    reviewer, name = (line_of(fields.get(key)) for key in ("userId", "profileName"))
    reviewer, name = ("" if said == _NOBODY else said for said in (reviewer, name))
    body = "\n".join(paragraphs)
    time = fields.get("time", "")
    seconds = int_of(time)
    if reviewer:  # the JSON importer's id: a reviewer's review of a product
        first = stable_id("amazon", reviewer, asin)
    else:  # nobody named: the review's words
        first = stable_id("amazon", asin, "by its words", named_date(time) or "", body)
    count = numbered(seen, first)
    rating = float_of(fields.get("score"))
    votes, voters = helpful_of(fields.get("helpfulness", "").strip())
    title = line_of(fields.get("title"))
    return Review(
        id=first if count == 1 else stable_id(first, str(count)),
        title=line_of(fields.get("summary")) or title_from(body, f"Review of {asin}"),
        source=source,
        paragraphs=paragraphs,
        subtitle=_price(fields.get("price", "")),
        author=name or reviewer or None,
        date=date_of(seconds) if seconds is not None and seconds > 0 else None,
        rating=rating if rating is not None and 0 <= rating <= 5 else None,
        rating_max=5,
        format="amazon",  # Amazon's reviews, as the JSON dumps' are: shown, cited and searched alike
        subject=Subject(name=title or f"Amazon product {asin}", kind="product", ref=f"asin:{asin}"),
        votes=votes,
        voters=voters,
    )
