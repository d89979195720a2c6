"""What a table's columns mean: the common names of every review field, a field map
(`--map subject=hotelName,rating=Stars`) over them, a rating column's scale, and one row
made into a Review. `tabular` finds the rows (CSV, TSV, JSON Lines, JSON arrays); this
module reads them, so a site importer with its own layout can map rows the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui_reader.core.content.models import Review, Subject
from tui_reader.core.importers.base import InputError
from tui_reader.core.importers.common import clean, title_from
from tui_reader.core.importers.content_ids import row_parts
from tui_reader.core.importers.jsonutil import as_str
from tui_reader.core.importers.sitedates import named_date
from tui_reader.core.importers.tablefacts import Scale, out_of, rating_number, scaled_rating
from tui_reader.core.importers.tableids import RowIds
from tui_reader.core.importers.tablesites import (
    IMDB,
    Site,
    business_columns,
    imdb_title,
    known_export,
    norm,
    place_columns,
    place_kind,
    place_line,
    site_by_columns,
    table_ref,
)

# What a field map may name (`--map subject=hotelName,rating=Stars`): any field of a review or its subject.
FIELDS = (
    "text", "title", "author", "date", "rating", "rating_max", "votes", "voters", "recommended", "spoiler", "tags",
    "url", "id", "subject", "subject_kind", "subject_year", "subject_creator", "subject_ref",
)  # fmt: skip
# Common column names (lower case, letters and digits only), most likely first.
TEXT_NAMES: tuple[str, ...] = (
    "review",
    "text",
    "body",
    "content",
    "comment",
    "reviews",
    "reviewtext",
    "reviewbody",
    "commenttext",
)
NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "summary", "headline", "subject", "reviewtitle"),
    "author": (
        *("author", "user", "username", "by", "reviewer", "reviewername", "authorname", "nickname", "profilename"),
        "name",
    ),
    "rating": ("rating", "stars", "score", "overall", "ratingvalue", "rate", "starrating", "userrating", "grade"),
    "rating_max": ("ratingmax", "bestrating", "maxrating", "outof", "scale"),
    "date": (
        "date",
        "ratingdate",
        "reviewdate",
        "time",
        "created",
        "createdat",
        "timestamp",
        "published",
        "publishedat",
        "dateposted",
        "posted",
        "submitted",
        "unixreviewtime",
    ),
    "votes": (
        "helpful",
        "votes",
        "useful",
        "upvotes",
        "likes",
        "helpfulvotes",
        "helpfulvote",
        "helpfulcount",
        "numhelpful",
        "votesup",
        "thumbsup",
        "helpfulnessnumerator",  # Kaggle's Amazon Fine Food Reviews: N of `HelpfulnessDenominator`
        "vote",  # Amazon 2018
        *("votesuseful", "usefulvotes", "nvotes"),  # Yelp's `votes_useful`; a TripAdvisor scrape's `n_votes_review`
    ),
    # How many judged it at all, where a column says so apart (`13 of 14` in one cell needs none).
    "voters": (
        *("voters", "totalvotes", "votescast", "helpfultotal", "totalhelpful", "helpfulvotestotal"),
        "helpfulnessdenominator",
    ),
    "recommended": ("recommended", "recommend", "dorecommend", "isrecommended", "wouldrecommend", "votedup"),
    "spoiler": ("spoiler", "isspoiler", "containsspoiler", "hasspoiler", "spoilers"),
    "tags": ("tags", "tag", "labels", "keywords", "shelves"),
    "url": ("url", "link", "reviewurl", "permalink", "uri"),
    "id": ("id", "reviewid", "uuid", "recommendationid", "idreview", "commentid", "idcomment"),
    "subject_year": ("year", "releaseyear", "publicationyear"),
    "subject_creator": ("director", "creator", "developer", "brand", "manufacturer"),
}
# Subject columns and the kind of thing they name; ref columns likewise (the ref is `column:value`).
SUBJECTS: dict[str, str | None] = {
    **dict.fromkeys(("hotelname", "hotel"), "hotel"),  # kinds of place: `kind:place` finds them
    **dict.fromkeys(("restoname", "restaurantname", "restaurant"), "restaurant"),
    **dict.fromkeys(("placename", "place"), "place"),
    **dict.fromkeys(("businessname", "business", "venue", "venuename", "locationname"), "place"),
    **dict.fromkeys(("productname", "producttitle", "product", "itemname", "item"), "product"),
    **dict.fromkeys(("movie", "moviename", "movietitle", "film", "filmname", "filmtitle"), "film"),
    **dict.fromkeys(("book", "booktitle", "bookname"), "book"),
    **dict.fromkeys(("game", "gamename", "gametitle", "appname"), "game"),
}
REFS: dict[str, str | None] = {
    **dict.fromkeys(("hotelid", "restoid", "restaurantid", "placeid", "businessid", "venueid"), "place"),
    **dict.fromkeys(("productid", "itemid", "asin", "parentasin"), "product"),
    **dict.fromkeys(("movieid", "filmid", "imdbid", "tconst", "imdbtitleid"), "film"),
    **dict.fromkeys(("bookid", "isbn", "isbn13"), "book"),
    **dict.fromkeys(("gameid", "appid"), "game"),
}
# The same fields as exporters in French, German and Spanish name them (a French Steam exporter:
# `Recommandé,Utile,Amusant,Heures,Date,Commentaire`), written without accents (`_norms`).
LOCAL_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("commentaire", "avis", "texte", "kommentar", "rezension", "comentario", "resena", "opinion", "texto"),
    "title": ("titre", "titel", "titulo"),
    "author": ("auteur", "autor", "verfasser", "usuario", "utilisateur", "benutzer"),
    "date": ("datum", "fecha"),
    "rating": ("bewertung", "sterne", "etoiles", "puntuacion", "estrellas"),
    "votes": ("utile", "hilfreich", "util"),
    "recommended": ("recommande", "empfohlen", "recomendado"),
}
NAMES = {field: (*names, *LOCAL_NAMES.get(field, ())) for field, names in NAMES.items()}
TEXT_NAMES += LOCAL_NAMES["text"]
KNOWN_NAMES = frozenset(TEXT_NAMES).union(*NAMES.values(), SUBJECTS, REFS)
# Fields a `<name>_review` column is the review's own of, beside the business's (`stars_review`,
# `stars_business`): never the author or the subject (`user_review`, `product_review` are texts).
_OWN = frozenset(name for field in ("rating", "date", "votes", "id", "title", "url") for name in NAMES[field])
SENTIMENTS = {"positive": True, "negative": False}  # a dataset's labels of the reviewer's own score


def _norms(name: str) -> tuple[str, ...]:
    """A column's normalised name, without a `review(s)` prefix (`reviews.text`, `review_date`), and
    its letters without accents (`Recommandé` is `recommande`, `Reseña` `resena`: `LOCAL_NAMES`)."""
    normal = norm(name)
    folded = unaccented(name)
    more = (folded,) if folded != normal else ()
    for suffix in ("reviews", "review"):
        if normal.endswith(suffix) and normal[: -len(suffix)] in _OWN:
            more = (*more, normal[: -len(suffix)])
    for prefix in ("reviews", "review"):
        if normal.startswith(prefix) and len(normal) > len(prefix) + 1:
            return normal, normal[len(prefix) :], *more
    return (normal, *more)


def unaccented(name: str) -> str:
    """`norm` of `name` with its accents dropped, not its letters (`norm` drops an `é` whole)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return norm("".join(char for char in decomposed if not unicodedata.combining(char)))


def column_number(given: str | None) -> int | None:
    """`--text-column 2`, `--map text=2`: a column's number as the user counts (from 1)."""
    return int(given) if given is not None and given.isascii() and given.isdigit() and len(given) < 7 else None


def mapped_names(field_map: Mapping[str, str]) -> frozenset[str]:
    """The column NAMES a field map gives: a row holding one is a header. A number (`text=2`,
    `recommended=1`) names no header: in a headerless table the first row's `1` is its data, and
    taking that row as a header lost its review."""
    return frozenset(column for column in field_map.values() if column_number(column) is None)


def pick(
    names: list[str], wanted: tuple[str, ...] | Mapping[str, Any], override: str | None = None, by_number: bool = True
) -> str | None:
    """The first column whose normalised name is in `wanted` (in `wanted` order), or the one named
    (or numbered, when no column has that name and `by_number`)."""
    if override is not None:
        number = column_number(override) if by_number else None
        return (
            next((n for n in names if n == override), None)
            or next((n for n in names if norm(n) == norm(override)), None)
            or (names[number - 1] if number is not None and 0 < number <= len(names) else None)
        )
    by_norm: dict[str, str] = {}
    for name in names:  # exact names first: `id` beside `review_id` is the id (as before aliases)
        by_norm.setdefault(norm(name), name)
    for name in names:
        for key in _norms(name)[1:]:
            by_norm.setdefault(key, name)
    return next((by_norm[w] for w in wanted if w in by_norm), None)


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column holds each field (None: absent), and the values a map gave instead of a column."""

    by_field: dict[str, str | None]
    kind: str | None = None  # the subject's kind, from its column's name or the map
    ref_prefix: str | None = None
    rating_max: float | None = None  # a map's `rating_max=10`, a column's `Rating (out of 10)`
    site: Site | None = None  # the site its columns say (`tablesites`)
    ids: str | None = None  # a known export's: its ids are the site's, not one file's
    former_id: str | None = None  # a column older versions named rows by, now read as the subject's ref

    def get(self, row: Mapping[str, Any], field: str) -> Any:
        column = self.by_field.get(field)
        return row.get(column) if column is not None else None

    @property
    def rating(self) -> str | None:
        return self.by_field.get("rating")


def find_columns(
    names: list[str], field_map: Mapping[str, str], text_column: str | None, path: Path, strict: bool
) -> Columns:
    """Each field's column: the map's, else a known export's (`tablesites`), else the first common
    name present. `name` is the subject when another column names the reviewer, else the reviewer
    (a table of `name, review`)."""
    normal = frozenset(norm(name) for name in names)
    export = known_export(normal)
    if export is not None:
        given = {**({"text": text_column} if text_column is not None else {}), **field_map}
        field_map = {**{f: c for f, c in export.fields.items() if f not in given and c in names}, **field_map}
    by_field: dict[str, str | None] = {"text": pick(names, TEXT_NAMES, text_column)}
    for field, wanted in NAMES.items():
        by_field[field] = pick(names, tuple(w for w in wanted if w != "name"))
    by_field["subject"] = pick(names, SUBJECTS)
    by_field["subject_ref"] = pick(names, REFS)
    named = pick(names, ("name",))
    places = business_columns(normal)
    if places:
        by_field.update(place_columns(names))
    if named is not None and by_field["subject"] is None and (by_field["author"] is not None or places):
        by_field["subject"] = named
    elif named is not None and by_field["author"] is None:
        by_field["author"] = named
    if by_field["recommended"] is None:
        by_field["sentiment"] = pick(names, ("sentiment",))
    kind = SUBJECTS.get(norm(by_field["subject"] or "")) or REFS.get(norm(by_field["subject_ref"] or ""))
    rating_max: float | None = None
    scaled = scaled_rating(names) if by_field["rating"] is None and "rating" not in field_map else None
    if scaled is not None:
        by_field["rating"], rating_max = scaled
    for field, column in field_map.items():
        scale = rating_number(column) if field == "rating_max" else None  # `rating_max=10`: not the tenth column
        found = pick(names, (), column, by_number=scale is None)
        if found is None and field == "subject_kind":
            kind = column or None  # `subject_kind=hotel`: a value, not a column
        elif found is None and scale is not None:
            rating_max = scale
        elif found is None and strict:
            raise InputError(path, f"no column {column!r} for {field} ({columns_named(names)})")
        else:
            by_field[field] = found
    if strict and text_column is not None and by_field["text"] is None:
        raise InputError(path, f"no column {text_column!r} for text ({columns_named(names)})")
    ref = norm(by_field["subject_ref"] or "")
    site = export.site if export is not None else site_by_columns(normal, ref)
    prefix = export.ids if export is not None else {"isbn": "isbn", "isbn13": "isbn"}.get(ref, ref) or None
    return Columns(by_field, kind or (export.site.kind if export else None), prefix, rating_max, site,
                   export.ids if export else None)  # fmt: skip


def columns_named(names: list[str], shown: int = 12) -> str:
    """`3 columns: a, b, c`: what a user who named a column that is not there needs to see."""
    more = ", …" if len(names) > shown else ""
    return f"{len(names)} column{'s' * (len(names) != 1)}: {', '.join(names[:shown])}{more}"


def _rating(row: Mapping[str, Any], cols: Columns, scale: Scale) -> tuple[float | None, float | None]:
    """(rating, out of): the row's own scale (`8/10`, a `rating_max` column), else the file's
    (`scale`: 50 bubbles are 5 out of 5)."""
    raw = cols.get(row, "rating")
    rating = rating_number(raw)
    rating_max = rating_number(cols.get(row, "rating_max")) or out_of(raw)
    if rating_max is None and rating is not None:
        rating, rating_max = rating / scale.unit, scale.top
    if rating is not None and (rating < 0 or (rating_max and rating > rating_max) or rating > 100):
        rating = None
    return rating, rating_max or scale.top


_TITLE_YEAR = re.compile(r"(.+?)\s*\((1[89]\d\d|20\d\d)\)")  # `Tenet (2020)`


def _subject(row: Mapping[str, Any], cols: Columns, site: Site | None) -> Subject | None:
    """What the row reviews: named by its column, else by its id as its site names it (`Amazon
    product B001E4KFG0`) or as the file does (`game id 10`); a name ending in its year
    (`Tenet (2020)`) is that film of that year, as other sources name it."""
    from tui_reader.core.importers.sites import line_of, year_of

    name = line_of(cols.get(row, "subject"))
    value = line_of(cols.get(row, "subject_ref"))
    if not value and site is IMDB:
        value = imdb_title(line_of(cols.get(row, "url"))) or ""
    if not (name or value):
        return None
    ref = (site.ref_of(value) if site is not None and value else None) or table_ref(cols.ref_prefix, value)
    year = year_of(cols.get(row, "subject_year"))
    dated = _TITLE_YEAR.fullmatch(name) if name and year is None else None
    if dated is not None:
        name, year = dated[1], int(dated[2])
    own = site is not None and ref is not None and ref.startswith(f"{site.ref}:")
    return Subject(
        name=name or (site.thing.format(value) if own and site else f"{cols.by_field['subject_ref']} {value}"),
        kind=line_of(cols.get(row, "subject_kind"))
        or place_kind(cols.get(row, "categories"))
        or cols.kind
        or (site.kind if own and site else None),
        year=year,
        creator=line_of(cols.get(row, "subject_creator")) or None,
        ref=ref,
    )


def row_review(
    row: Mapping[str, Any],
    cols: Columns,
    ids: RowIds,
    source: str,
    scale: Scale,
    day_first: bool | None = None,
    site: Site | None = None,
    scope: str | None = None,
) -> Review | None:
    """One row as a review; None when it has no text. `scale`, `day_first`, `site` and `scope` are
    the file's (`tablefacts.FileFacts`: its ratings' scale, its dates' order, the site it names, whose
    ids its id column holds)."""
    from tui_reader.core.importers.helpful import helpful_of
    from tui_reader.core.importers.sites import bool_of, date_of, line_of, paragraphs_of, tags_of

    paragraphs = paragraphs_of(cols.get(row, "text"))
    if not paragraphs:
        return None
    body = "\n\n".join(paragraphs)  # as read: the row's name, so a row keeps its id as this reading changes
    paragraphs = without_more_button(paragraphs)
    rating, rating_max = _rating(row, cols, scale)
    subject_name = line_of(cols.get(row, "subject"))
    written_title = line_of(cols.get(row, "title"))
    title = written_title or title_from("\n\n".join(paragraphs), ids.key)
    author = line_of(cols.get(row, "author")) or None
    date = date_of(cols.get(row, "date"), day_first)
    votes, voters = helpful_of(cols.get(row, "votes"))  # `13`, `13 of 14`, `13 out of 14 found this helpful`
    if voters is None and votes is not None:  # a column of its own: `Total Votes`
        voters = helpful_of([votes, helpful_of(cols.get(row, "voters"))[0]])[1]
    named = row_parts(written_title, author, named_date(cols.get(row, "date")), subject_name or None, body)
    review_id = ids.named(clean(as_str(cols.get(row, "id"))), named, scope)
    if cols.former_id is not None:
        ids.was(review_id, clean(as_str(row.get(cols.former_id))))
    return Review(
        id=review_id,
        title=title,
        source=source,
        paragraphs=paragraphs,
        author=author,
        date=date,
        rating=rating,
        rating_max=rating_max if rating is not None or cols.rating is not None else None,
        url=line_of(cols.get(row, "url")) or None,
        format="table",
        subject=_subject(row, cols, site),
        votes=votes,
        voters=voters,
        recommended=bool_of(cols.get(row, "recommended"))
        if cols.by_field.get("sentiment") is None
        else SENTIMENTS.get(line_of(cols.get(row, "sentiment")).lower()),
        subtitle=place_line(cols.get(row, "city"), cols.get(row, "state"), cols.get(row, "address")),
        spoiler=bool(bool_of(cols.get(row, "spoiler"))),
        tags=tags_of(cols.get(row, "tags")),
    )


_MORE_BUTTON = re.compile(r"(?:(\.\.\.|…) ?|(?<=[^\s]))(?:More|Read more|Read More)$")


def without_more_button(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """A scraped review's words without the page's "More" button the scraper kept at their end
    (TripAdvisor's `…propreté,...More`, `à tousMore`): a text cut short ends with "…", as said."""
    if not paragraphs:
        return paragraphs
    last = paragraphs[-1]
    match = _MORE_BUTTON.search(last)
    if match is None:
        return paragraphs
    kept = last[: match.start()].rstrip() + ("…" if match[1] else "")
    return (*paragraphs[:-1], kept) if kept.strip("…") else paragraphs
