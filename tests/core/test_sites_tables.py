"""Generic review tables: common column names, the rating's scale, a field map, and no header as a review."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text, write
from tui_reader.core.importers import InputError, parse_file, tablemap


def test_tripadvisor_style_columns(tmp_path: Path) -> None:
    text = (
        "hotelName,hotelId,title,content,ratingDate,rating,helpful,userName\n"
        'Hotel A,11,Great,"Clean &amp; quiet.",2021-03-04,8,2,ann\n'
        'Hotel B,12,Bad,Noisy.,"June 5, 2020",3,0,bob\n'
    )
    parsed = parse_text(tmp_path, "hotels.csv", text)
    assert parsed.format == "table"
    a, b = parsed.reviews
    assert a.subject == ("Hotel A", "hotel", None, None, "hotelid:11")
    assert (a.title, a.body, a.author, a.votes, a.date) == ("Great", "Clean & quiet.", "ann", 2, "2021-03-04")
    assert (a.rating, a.rating_max, b.rating_max, b.date) == (8, 10, 10, "2020-06-05")


@pytest.mark.parametrize(("values", "scale"), [(["1", "5", "4.5"], 5), (["7", "10"], 10), (["55", "90"], 100)])
def test_rating_scale_comes_from_the_column(tmp_path: Path, values: list[str], scale: int) -> None:
    text = "review,stars\n" + "".join(f"Text {n},{v}\n" for n, v in enumerate(values))
    parsed = parse_text(tmp_path, "r.csv", text)
    assert {r.rating_max for r in parsed.reviews} == {scale}
    assert [r.rating for r in parsed.reviews] == [float(v) for v in values]


def test_a_rating_written_out_of_its_scale(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, "r.jsonl", '{"text": "a", "score": "8/10"}\n{"text": "b", "score": "3/5"}\n')
    assert [(r.rating, r.rating_max) for r in parsed.reviews] == [(8, 10), (3, 5)]


def test_field_map_names_any_field(tmp_path: Path) -> None:
    text = (
        "Place,Stars,When,Opinion,Who,Up,Link,Labels,Yes,Spoils,Kind Of,Made\n"
        'Chez X,4,2020/01/02,Lovely food.,ann,5,https://x.example,"a, b",yes,false,diner,1999\n'
    )
    path = write(tmp_path, "odd.csv", text)
    field_map = {
        "subject": "Place", "rating": "Stars", "date": "When", "text": "Opinion", "author": "Who", "votes": "Up",
        "url": "Link", "tags": "Labels", "recommended": "Yes", "spoiler": "Spoils", "subject_kind": "Kind Of",
        "subject_year": "Made", "rating_max": "10",
    }  # fmt: skip
    (review,) = parse_file(path, field_map=field_map).reviews
    assert review.subject == ("Chez X", "diner", 1999, None, None)
    assert (review.rating, review.rating_max, review.date, review.author) == (4, 10, "2020-01-02", "ann")
    assert (review.votes, review.url, review.tags, review.recommended, review.spoiler) == (
        5, "https://x.example", ("a", "b"), True, False
    )  # fmt: skip
    assert review.body == "Lovely food."
    with pytest.raises(InputError, match="no column 'Nope'"):
        parse_file(path, field_map={"subject": "Nope"})
    with pytest.raises(InputError, match="unknown field"):
        parse_file(path, field_map={"colour": "Place"})


def test_field_map_literal_kind_and_a_json_array(tmp_path: Path) -> None:
    rows = [{"hotel": "H", "txt": "Nice stay.", "grade": 9}, {"hotel": "K", "txt": "Meh.", "grade": 4}]
    path = write(tmp_path, "rows.json", json.dumps(rows))
    parsed = parse_file(path, field_map={"text": "txt", "rating": "grade", "subject_kind": "lodging"})
    assert [(r.subject.name if r.subject else None, r.subject.kind if r.subject else None) for r in parsed.reviews] == [
        ("H", "lodging"),
        ("K", "lodging"),
    ]
    assert [r.rating_max for r in parsed.reviews] == [10, 10]


@pytest.mark.parametrize(
    "header",
    [
        "Review Text (full),Rating (1-5)",  # not name-like, but holds a known column name... via 'review text'
        "review,rating",
    ],
)
def test_a_header_row_is_never_a_review(tmp_path: Path, header: str) -> None:
    text = header + "\n" + "".join(f"This is review number {n} and it is long enough,{n % 5 + 1}\n" for n in range(5))
    parsed = parse_file(write(tmp_path, "r.csv", text), field_map={"text": header.split(",")[0]})
    assert len(parsed.reviews) == 5
    assert all("Review Text" not in r.body and r.body != "review" for r in parsed.reviews)


def test_the_name_column_is_the_subject_when_another_names_the_reviewer(tmp_path: Path) -> None:
    both = parse_text(tmp_path, "a.csv", "name,username,review\nWidget,ann,Works.\nGadget,bob,Broke.\n")
    assert [(r.subject.name if r.subject else None, r.author) for r in both.reviews] == [
        ("Widget", "ann"),
        ("Gadget", "bob"),
    ]
    alone = parse_text(tmp_path, "b.csv", "name,review\nann,Works.\nbob,Broke.\n")
    assert [(r.subject, r.author) for r in alone.reviews] == [(None, "ann"), (None, "bob")]


# Words from letters, digits, punctuation, accents and CJK (not mojibake, which import rightly repairs).
cell = st.text(st.sampled_from("abcXYZ019 ,.;:'\"!?-éüß中文한\n\t"), min_size=1, max_size=30).filter(
    lambda s: any(ch.isalnum() for ch in s)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(cell, cell, st.integers(1, 5), st.integers(0, 10**6)), min_size=1, max_size=30),
    st.sampled_from(["csv", "tsv", "jsonl", "array"]),
)
def test_any_row_count_round_trips_through_the_mapping(
    tmp_path: Path, rows: list[tuple[str, str, int, int]], container: str
) -> None:
    """Every row comes back once, in order, each field from its mapped column; the header never does."""
    header = ["Thing", "Words", "Score", "Helpful Count"]
    if container == "tsv":  # TSV has no quoting: a cell holds no tab or line end, and its quotes are text
        rows = [(" ".join(t.split()), " ".join(w.split()), s, v) for t, w, s, v in rows]
    records = [dict(zip(header, row, strict=True)) for row in rows]
    if container == "tsv":
        text = "".join("\t".join(map(str, line)) + "\n" for line in [header, *rows])
    elif container == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=",", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        text = out.getvalue()
    elif container == "jsonl":
        text = "\n".join(json.dumps(r) for r in records) + "\n"
    else:
        text = json.dumps(records)
    path = write(tmp_path, f"rows.{container}", text)
    field_map = {"subject": "Thing", "text": "Words", "rating": "Score", "votes": "Helpful Count"}
    parsed = parse_file(path, field_map=field_map)
    assert parsed.format == "table"
    got = [(r.subject.name if r.subject else None, r.body, r.rating, r.votes, r.rating_max) for r in parsed.reviews]
    expected = [(" ".join(t.split()), w, float(s), v, 5) for t, w, s, v in rows]
    assert [(g[0], g[2], g[3], g[4]) for g in got] == [(e[0], e[2], e[3], e[4]) for e in expected]
    assert [g[1].split() for g in got] == [w.split() for _, w, _, _ in rows]
    assert len({r.id for r in parsed.reviews}) == len(rows)


def test_long_first_rows_are_read_past_the_first_4_kb(tmp_path: Path) -> None:
    long_text = "word " * 3000
    table = parse_text(tmp_path, "long.csv", f'hotelName,review\nH,"{long_text}"\nK,short one\nL,another one\n')
    assert table.format == "table" and len(table.reviews) == 3
    amazon = [{"reviewerID": "R", "asin": "A", "reviewText": long_text, "overall": 4}, {"reviewerID": "S", "asin": "A"}]
    assert parse_text(tmp_path, "amazon.json", json.dumps(amazon)).format == "amazon"


def test_format_by_name_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "reviews.json", json.dumps([{"review": "Fun.", "voted_up": True, "appid": 10}]))
    parsed = parse_file(path, "steam")
    assert parsed.format == "steam" and parsed.reviews[0].subject == ("Steam app 10", "game", None, None, "steam:10")
    with pytest.raises(ValueError, match="unknown format"):
        parse_file(path, "nope")


def test_an_id_column_beside_review_id_keeps_the_ids_it_had() -> None:
    """Review finding: with prefix-stripped aliases, `review_id` took the place of an exact `id`
    column, so re-importing such a table would re-key every row (duplicates, notes detached)."""
    from tui_reader.core.importers.tablemap import pick

    assert pick(["review_id", "text", "id"], ("id", "reviewid", "uuid")) == "id"
    assert pick(["review_id", "text"], ("id", "reviewid", "uuid")) == "review_id"
    assert pick(["reviews.text", "text"], ("text",)) == "text"


def test_a_scraped_more_button_is_not_the_reviewers_words_and_the_row_keeps_its_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TripAdvisor scrapes keep the page's "More" button: `…de propreté,...More`, `à tousMore`. The
    text cut short ends with "…"; the row's id is made of its words as read before, so a library
    that imported it keeps its notes on it."""
    rows = [
        ["restoName", "restoId", "title", "content", "rating"],
        ["L'Indus Bar", "7285961", "Moyen", "Repas bon, manque de propreté,...More", "3"],
        ["L'Indus Bar", "7285961", "", "Merci à tousMore", "5"],
        ["L'Indus Bar", "7285961", "Top", "We always want More", "5"],
    ]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    cut, glued, kept = parse_text(tmp_path, "All.csv", out.getvalue()).reviews
    assert cut.paragraphs == ("Repas bon, manque de propreté,…",)
    assert (glued.paragraphs, glued.title) == (("Merci à tous",), "Merci à tous")
    assert kept.paragraphs == ("We always want More",)
    monkeypatch.setattr(tablemap, "without_more_button", lambda paragraphs: paragraphs)  # as read before
    before = parse_text(tmp_path, "All.csv", out.getvalue()).reviews
    assert before[0].paragraphs == ("Repas bon, manque de propreté,...More",)
    assert [review.id for review in before] == [cut.id, glued.id, kept.id]


def test_a_column_named_out_of_50_holds_tripadvisors_bubbles(tmp_path: Path) -> None:
    """`Rating (/50)` (a TripAdvisor scraper's column) was not read at all: no stars anywhere."""
    text = "Hotel Name,Date,Rating (/50),Title,Review\n"
    text += "The Pahadi,March 2021,50,Best,Lovely.\nThe Pahadi,May 2020,35,Ok,Fine.\n"
    parsed = parse_text(tmp_path, "reviews.csv", text)
    assert [(r.rating, r.rating_max) for r in parsed.reviews] == [(5, 5), (3.5, 5)]
    assert not [s for s in parsed.skipped if s.is_note]  # the column says its scale: no guess to say


@pytest.mark.parametrize(
    "header",
    [
        "Recommandé,Utile,Date,Titre,Auteur,Commentaire",  # a French Steam exporter's columns
        "Empfohlen,Hilfreich,Datum,Titel,Autor,Rezension",
        "Recomendado,Útil,Fecha,Título,Usuario,Reseña",
    ],
)
def test_columns_named_in_french_german_or_spanish_are_read(tmp_path: Path, header: str) -> None:
    """`Recommandé` and `Utile` were not read: no verdict, no helpful votes, said nowhere."""
    text = f"{header}\n0,18,2024-01-06,Nope,ann,Perdu mon temps.\n1,2,2023-10-02,Oui,bob,Très bien.\n"
    parsed = parse_text(tmp_path, "steam_reviews.csv", text)
    got = [(r.recommended, r.votes, r.date, r.title, r.author, r.body) for r in parsed.reviews]
    assert got == [
        (False, 18, "2024-01-06", "Nope", "ann", "Perdu mon temps."),
        (True, 2, "2023-10-02", "Oui", "bob", "Très bien."),
    ]


def test_a_header_of_accented_names_alone_is_a_header(tmp_path: Path) -> None:
    """`Título;Reseña;Útil;Precio (€)`: a header known only by its names written with accents."""
    text = "Título;Reseña;Útil;Precio (€)\nBueno;Me gustó mucho la película.;3;12\n"
    parsed = parse_text(tmp_path, "r.csv", text)
    assert [(r.title, r.body, r.votes) for r in parsed.reviews] == [("Bueno", "Me gustó mucho la película.", 3)]
