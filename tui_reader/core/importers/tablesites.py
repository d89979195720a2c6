"""Which site a table's reviews come from, when its columns, ids, links or name say so, and the
known exports a reading by common column names gets wrong.

A site fixes what the values cannot: the scale (IMDb rates out of 10, so its 3 is 3/10 even in
a file with no rating above 5; Amazon and Yelp out of 5) and the thing reviewed, referred to and
named as that site's own importer does, so the same product or film is one subject whichever
file brought it (`asin:B001E4KFG0`, `Amazon product B001E4KFG0`; `imdb:tt1375666`). A table says
its site by its columns (`asin`; Kaggle's Amazon Fine Food `ProductId` beside `ProfileName` and
`HelpfulnessNumerator`; Yelp's `business_id` beside `review_id`; `tconst`), by its values (a `tt…`
id, an imdb.com link: `FileFacts`) or by its file's name (`imdb_reviews.csv`, as scrapers name
what they wrote).

Known exports: StoryGraph's (its `Title` is the book's, `Authors` the book's authors, not the
reviewer) is read by a column map of its own; IMDb's own exports (ratings, watchlist, lists) hold
no review text and are said to be no reviews, as Letterboxd's ratings are.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple


class Site(NamedTuple):
    """A site's ratings scale and how it refers to and names the thing reviewed."""

    name: str
    scale: float
    ref: str  # the ref scheme (`asin`, `imdb`, `yelp`)
    kind: str
    thing: str  # a thing the table names only by its id: `Amazon product {}`
    ids: re.Pattern[str]  # what the site's ids look like: another column's values are not its refs

    def ref_of(self, value: str) -> str | None:
        """`asin:B001E4KFG0` for the site's own id (an ISBN as its ISBN-13), else None."""
        if not self.ids.fullmatch(value):
            return None
        return f"{self.ref}:{isbn13(value, value) if self.ref == 'isbn' else value}"


IMDB_ID = re.compile(r"tt\d{7,10}")
# As each site's own importer names the thing: `amazon.AmazonImporter`, `yelp.YelpImporter`, and the
# IMDb dataset's files (`plaintext`).
AMAZON = Site("Amazon", 5, "asin", "product", "Amazon product {}", re.compile(r"[0-9A-Z]{10}"))
IMDB = Site("IMDb", 10, "imdb", "film", "IMDb {}", IMDB_ID)
YELP = Site("Yelp", 5, "yelp", "place", "Yelp business {}", re.compile(r"[\w-]{22}"))
_BY_NAME = {"amazon": AMAZON, "imdb": IMDB, "yelp": YELP}
# Normalised column names (`tablemap.norm`) that say the site: any one of `alone`, or the ref column
# with one of `beside` (a `ProductId` alone may be any shop's).
_ALONE = {"asin": AMAZON, "parentasin": AMAZON, "tconst": IMDB, "imdbid": IMDB, "imdbtitleid": IMDB}
_BESIDE = {
    "productid": (AMAZON, frozenset(("profilename", "helpfulnessnumerator", "reviewerid", "reviewername"))),
    "businessid": (YELP, frozenset(("reviewid",))),
}
_IMDB_TITLE = re.compile(r"https?://(?:[\w-]+\.)*imdb\.com/title/(tt\d{7,10})", re.IGNORECASE)
_IMDB_LINK = re.compile(r"https?://(?:[\w-]+\.)*imdb\.com/", re.IGNORECASE)
_NAME_WORDS = re.compile(r"[a-z]+")


def norm(name: str) -> str:
    """A column's name as compared: lower case, letters and digits only (`Review ID` is `reviewid`)."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


def site_by_columns(names: frozenset[str], ref_column: str | None) -> Site | None:
    """The site a table's normalised column names say, or None."""
    for name in names:
        if name in _ALONE:
            return _ALONE[name]
    site, beside = _BESIDE.get(ref_column or "", (None, frozenset()))
    return site if names & beside else None


# An id column only one site's tables have, and the name that site's own importer gives its ids under.
_ID_COLUMNS = {"recommendationid": "steam"}


def id_scope(site: Site | None, column: str) -> str:
    """Whose ids a table's id column (normalised: `reviewid`) holds, when they are not one file's count:
    the site's (`yelp`, as `yelp.YelpImporter` names its reviews, so its JSON and a CSV of it are one),
    else the column's (`table:reviewid`: a TripAdvisor scrape's, wherever the file was saved)."""
    if site is not None:
        return site.name.lower()
    return _ID_COLUMNS.get(column) or f"table:{column}"


def site_by_file_name(path: Path) -> Site | None:
    """`imdb_user_reviews.csv`, `Amazon-reviews.tsv`: a scraper names its file for the site."""
    words = set(_NAME_WORDS.findall(path.stem.lower()))
    return next((site for word, site in _BY_NAME.items() if word in words), None)


def imdb_link(url: str) -> bool:
    return _IMDB_LINK.match(url) is not None


def imdb_title(url: str) -> str | None:
    """The film an IMDb address is of (`…/title/tt1375666/reviews`): its id."""
    match = _IMDB_TITLE.match(url)
    return match[1] if match else None


def isbn13(isbn13_cell: str, isbn10_cell: str) -> str | None:
    """The book's ISBN-13 (Goodreads writes `="9780525509288"` to keep leading zeros); an ISBN-10 is
    converted (978 + its nine digits + a new check digit), so the same book is one subject whichever
    of the two a file carries."""
    thirteen = re.sub(r"[^0-9Xx]", "", isbn13_cell).upper()
    if len(thirteen) == 13 and thirteen.isdigit():
        return thirteen
    ten = re.sub(r"[^0-9Xx]", "", isbn10_cell).upper()
    if len(ten) != 10 or not ten[:9].isdigit():
        return None
    digits = "978" + ten[:9]
    check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10
    return digits + str(check)


def table_ref(scheme: str | None, value: str) -> str | None:
    """A ref from a table's own id column (`hotelid:11761198`); an ISBN as its ISBN-13."""
    if not value:
        return None
    if scheme == "isbn" and (isbn := isbn13(value, value)) is not None:
        return f"isbn:{isbn}"
    return f"{scheme}:{value}" if scheme else value


class Export(NamedTuple):
    """A site's export read by a column map of its own (`--map`'s fields → its columns)."""

    site: Site  # its scale, and the ref and kind of what it reviews
    marks: frozenset[str]  # normalised column names that all say it is this export
    fields: dict[str, str]  # field → the export's column name
    ids: str  # the scope its `id` column's values are unique in: the site's, not one file's (as Goodreads')


_STORYGRAPH_FIELDS = {
    "title": "Title", "subject": "Title", "subject_creator": "Authors", "subject_ref": "ISBN/UID", "id": "ISBN/UID",
    "date": "Last Date Read", "rating": "Star Rating", "text": "Review", "tags": "Tags",
}  # fmt: skip
STORYGRAPH = Site("StoryGraph", 5, "isbn", "book", "StoryGraph book {}", re.compile(r"\d{9}[\dX]|\d{13}"))
EXPORTS = (
    Export(
        STORYGRAPH,
        frozenset(("title", "authors", "isbnuid", "readstatus", "starrating")),
        _STORYGRAPH_FIELDS,
        "storygraph",
    ),
)


def known_export(names: frozenset[str]) -> Export | None:
    return next((export for export in EXPORTS if export.marks <= names), None)


def not_reviews(names: frozenset[str]) -> str | None:
    """Why an export of a site that holds no review text is not imported: IMDb's ratings,
    watchlist and lists (`Const`, `Title Type`, `URL`), said as Letterboxd's ratings are."""
    if not {"const", "titletype", "url"} <= names:
        return None
    what = "IMDb list" if "position" in names else "IMDb ratings" if "yourrating" in names else "IMDb export"
    return f"{what}: not reviews"


# Columns of Yelp's businesses (`business.json`) a table joined to its reviews carries: then its `name`
# is the place's, not the reviewer's (a join to `user.json` brings `yelping_since`, `fans`, none of these).
_PLACE_COLUMNS = {
    "city": ("city", "businesscity"),
    "state": ("state", "businessstate"),
    "address": ("fulladdress", "address", "businessaddress", "businessfulladdress"),
    "categories": ("categories", "businesscategories"),
}
_PLACE_MARKS = frozenset(name for names in _PLACE_COLUMNS.values() for name in names).union(
    ("latitude", "longitude", "postalcode", "neighborhoods", "starsbusiness", "businessstars")
)
_ADDRESS_END = re.compile(r"([^,\n]+),\s*([A-Z]{2,3})(?:\s+[\w -]{3,10})?")  # `Surprise, AZ 85374`


def business_columns(names: frozenset[str]) -> bool:
    """Whether a table's (normalised) columns join Yelp's reviews to the businesses reviewed."""
    return "businessid" in names and bool(names & _PLACE_MARKS)


def place_columns(names: list[str]) -> dict[str, str | None]:
    """The business's city, state, address and categories columns (by `norm`), by what they hold."""
    by_norm = {norm(name): name for name in reversed(names)}
    return {what: next((by_norm[w] for w in wanted if w in by_norm), None) for what, wanted in _PLACE_COLUMNS.items()}


def place_line(city: object, state: object, address: object) -> str | None:
    """`Surprise, AZ`: where the place is, as `yelp.YelpImporter` says it under the review; the city
    and state from the last line of a full address when no column gives them."""
    parts = [str(value).strip() if isinstance(value, str | int) else "" for value in (city, state)]
    lines = str(address).strip().splitlines() if isinstance(address, str) and address.strip() else []
    end = _ADDRESS_END.fullmatch(lines[-1].strip()) if lines else None
    if end is not None:
        parts = [parts[0] or end[1].strip(), parts[1] or end[2]]
    line = ", ".join(part for part in parts if part)
    return " ".join(line.split()) or None


def place_kind(categories: object) -> str | None:
    """The kind of place a table's categories cell says (`Food; Coffee & Tea` is a café), None without one."""
    from tui_reader.core.importers.place_kinds import yelp_place_kind

    return yelp_place_kind(categories) if isinstance(categories, str) and categories.strip() else None
