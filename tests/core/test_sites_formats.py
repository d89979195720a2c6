"""The review sites' schema variants, on small generated files: each field lands where it belongs."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.core.formats_support import parse_text, write
from tui_reader.core.content.ids import stable_id
from tui_reader.core.importers import InputError, parse_file
from tui_reader.core.importers import archive as archive_module

GOODREADS_HEADER = [
    "Book Id", "Title", "Author", "Author l-f", "Additional Authors", "ISBN", "ISBN13", "My Rating",
    "Average Rating", "Publisher", "Binding", "Number of Pages", "Year Published", "Original Publication Year",
    "Date Read", "Date Added", "Bookshelves", "Bookshelves with positions", "Exclusive Shelf", "My Review",
    "Spoiler", "Private Notes", "Read Count",
]  # fmt: skip


def goodreads_row(book_id: str, title: str, review: str, **extra: str) -> dict[str, str]:
    row = dict.fromkeys(GOODREADS_HEADER, "")
    row.update({"Book Id": book_id, "Title": title, "Author": "Ann Author", "My Review": review})
    row.update({"ISBN": '="0525509283"', "ISBN13": '="9780525509288"', "My Rating": "4", "Date Added": "2020/05/20"})
    row.update({"Year Published": "2019", "Bookshelves": "read, favourites", "Exclusive Shelf": "read"})
    row.update(extra)
    return row


def goodreads_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, GOODREADS_HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_goodreads_fields(tmp_path: Path) -> None:
    rows = [
        goodreads_row("1", "Reviewed", "Loved it.<br/><br/>Second <i>para</i> &amp; &#34;quoted&#34;", Spoiler="true"),
        goodreads_row("2", "Shelved only", ""),
        goodreads_row("3", "Unrated", "Fine.", **{"My Rating": "0", "ISBN13": '=""', "ISBN": '=""'}),
        goodreads_row("4", "Read", "Ok.", **{"Date Read": "2021/01/02", "Original Publication Year": "1930"}),
    ]
    parsed = parse_text(tmp_path, "goodreads_library_export.csv", goodreads_csv(rows))
    assert parsed.format == "goodreads"
    first, unrated, read = parsed.reviews
    assert first.paragraphs == ("Loved it.", 'Second *para* & "quoted"')  # <i> kept as Markdown
    assert (first.title, first.author, first.rating, first.rating_max, first.spoiler) == ("Reviewed", None, 4, 5, True)
    assert first.subject is not None
    assert first.subject == ("Reviewed", "book", 2019, "Ann Author", "isbn:9780525509288")
    assert first.date == "2020-05-20" and first.tags == ("favourites",)
    assert first.id == stable_id("goodreads", "1")
    assert unrated.rating is None and unrated.subject and unrated.subject.ref == "goodreads:3"
    assert read.date == "2021-01-02" and read.subject and read.subject.year == 1930
    assert [(s.reason, s.count) for s in parsed.skipped] == [("books without a written review", 1)]


def test_goodreads_new_book_on_top_changes_no_id(tmp_path: Path) -> None:
    rows = [goodreads_row(str(n), f"Book {n}", f"Review {n}.") for n in range(1, 6)]
    before = parse_text(tmp_path, "a.csv", goodreads_csv(rows))
    after = parse_text(tmp_path, "b.csv", goodreads_csv([goodreads_row("99", "New", "New review."), *rows]))
    ids = {r.title: r.id for r in before.reviews}
    assert {r.title: r.id for r in after.reviews if r.title != "New"} == ids
    assert len(set(ids.values())) == 5


LETTERBOXD_REVIEWS = (
    "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
    '2020-06-07,Her,2013,https://boxd.it/r1,4.5,Yes,"So <i>good</i>.<br />Again &amp; again.","sad, ai",2020-06-06\n'
    "2020-06-08,Jaws,1975,https://boxd.it/r2,,,Sharp.,,\n"
    "2020-06-09,Heat,1995,https://boxd.it/r3,3,,,,\n"
)


def letterboxd_folder(root: Path) -> Path:
    root.mkdir()
    write(root, "reviews.csv", LETTERBOXD_REVIEWS)
    write(root, "profile.csv", "Date Joined,Username,Given Name,Email Address,Bio\n2020-02-08,ann,Ann,a@b.c,hi\n")
    write(root, "watched.csv", "Date,Name,Year,Letterboxd URI\n2020-02-08,Her,2013,https://boxd.it/film1\n")
    write(
        root, "diary.csv", "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n" + "d,X,1,u,1,,,d\n" * 50
    )
    write(root, "watchlist.csv", "Date,Name,Year,Letterboxd URI\n2020-02-08,Alien,1979,https://boxd.it/f2\n")
    (root / "deleted").mkdir()
    write(root / "deleted", "reviews.csv", LETTERBOXD_REVIEWS.replace("boxd.it/r", "boxd.it/gone"))
    (root / "lists").mkdir()
    write(root / "lists", "top.csv", "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2020,Top,,u,\n")
    return root


def test_letterboxd_reviews_and_the_rest_of_the_export(tmp_path: Path) -> None:
    folder = letterboxd_folder(tmp_path / "export")
    parsed = parse_file(folder / "reviews.csv")
    her, jaws = parsed.reviews
    assert her.paragraphs == ("So *good*.", "Again & again.")  # <i> kept as Markdown
    assert (her.title, her.author, her.rating, her.rating_max, her.date, her.url) == (
        "Her", "ann", 4.5, 5, "2020-06-06", "https://boxd.it/r1"
    )  # fmt: skip
    assert her.subject == ("Her", "film", 2013, None, "letterboxd:https://boxd.it/film1")
    assert her.tags == ("sad", "ai", "rewatch") and her.id == stable_id("letterboxd", "https://boxd.it/r1")
    assert jaws.date == "2020-06-08" and jaws.rating is None and jaws.subject and jaws.subject.ref is None
    assert [(s.reason, s.count) for s in parsed.skipped] == [("Letterboxd entries without review text", 1)]
    reasons = {name: [s.reason for s in parse_file(folder / name).skipped] for name in ("profile.csv", "diary.csv")}
    assert reasons == {
        "profile.csv": ["Letterboxd profile: personal data, not reviews"],
        "diary.csv": ["Letterboxd diary: not reviews"],
    }
    assert not parse_file(folder / "deleted" / "reviews.csv").reviews
    assert parse_file(folder / "lists" / "top.csv").skipped[0].reason == "Letterboxd list: not reviews"
    assert parse_file(folder / "watchlist.csv").skipped[0].reason == "Letterboxd watchlist: not reviews"


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as handle:
        for name, data in members.items():
            handle.writestr(name, data)
    return path


def test_letterboxd_zip_matches_the_folder(tmp_path: Path) -> None:
    folder = letterboxd_folder(tmp_path / "export")
    members = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    parsed = parse_file(_zip(tmp_path / "letterboxd.zip", members))
    folder_reviews = parse_file(folder / "reviews.csv").reviews
    assert [(r.id, r.subject, r.author, r.tags) for r in parsed.reviews] == [
        (r.id, r.subject, r.author, r.tags) for r in folder_reviews
    ]
    assert "letterboxd" in parsed.format
    assert any("deleted/" in s.reason for s in parsed.skipped)


def test_zip_refuses_traversal_and_caps_members_and_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    members = {"../evil.csv": b"review\nx\ny\n", "/abs.csv": b"review\nx\ny\n", "ok/reviews.txt": b"A fine review."}
    parsed = parse_file(_zip(tmp_path / "a.zip", members))
    assert [r.body for r in parsed.reviews] == ["A fine review."]
    reasons = {s.reason for s in parsed.skipped}
    assert {"path outside the archive", "absolute path in archive"} <= reasons
    assert not (tmp_path / "evil.csv").exists() and not Path("/abs.csv").exists()
    monkeypatch.setattr(archive_module, "MAX_MEMBERS", 2)
    with pytest.raises(InputError, match="members"):
        parse_file(_zip(tmp_path / "b.zip", {f"{n}.txt": b"text" for n in range(3)}))
    monkeypatch.setattr(archive_module, "MAX_MEMBERS", 100)
    monkeypatch.setattr(archive_module, "MAX_TOTAL", 1000)
    bomb = parse_file(_zip(tmp_path / "c.zip", {"big.txt": b"a " * 5000, "small.txt": b"Small review."}))
    assert any("too large" in s.reason for s in bomb.skipped)


STEAM_REVIEW = {
    "recommendationid": "38728619",
    "author": {"steamid": "7656", "playtime_at_review": 139},
    "language": "english",
    "review": "[h1]Great[/h1] game [b]really[/b]. [spoiler]the end[/spoiler] [url=https://x.example]site[/url]",
    "timestamp_created": 1514361632,
    "voted_up": True,
    "votes_up": 3,
    "written_during_early_access": True,
}


@pytest.mark.parametrize("shape", ["list", "keyed", "bare list", "jsonl"])
def test_steam_json_shapes(tmp_path: Path, shape: str) -> None:
    other = {**STEAM_REVIEW, "recommendationid": "2", "voted_up": False, "review": "Meh."}
    if shape == "list":
        text = json.dumps({"success": 1, "query_summary": {"num_reviews": 2}, "reviews": [STEAM_REVIEW, other]})
    elif shape == "keyed":
        text = json.dumps({"query_summary": {"num_reviews": 2}, "reviews": {"38728619": STEAM_REVIEW, "2": other}})
    elif shape == "bare list":
        text = json.dumps([STEAM_REVIEW, other])
    else:
        text = json.dumps(STEAM_REVIEW) + "\n" + json.dumps(other) + "\n"
    parsed = parse_text(tmp_path, "review_646570.json", text)
    assert parsed.format == "steam"
    great, meh = parsed.reviews
    assert great.paragraphs == (
        "# Great",
        "game **really**. >!the end!< [site](https://x.example)",
    )  # the spoiler marked, as Reddit marks one
    assert (great.recommended, great.votes, great.rating, great.author) == (True, 3, None, "7656")
    assert great.date == "2017-12-27T08:00:32Z" and great.spoiler and great.tags == ("early access",)
    assert great.subject == ("Steam app 646570", "game", None, None, "steam:646570")
    assert great.id == stable_id("steam", "38728619") and meh.recommended is False


@pytest.mark.parametrize(
    ("header", "yes", "no"),
    [
        ("app_id,app_name,review_text,review_score,review_votes", "1", "-1"),
        (
            "app_id,app_name,review_id,review,timestamp_created,recommended,votes_helpful,author.steamid",
            "True",
            "False",
        ),
    ],
)
def test_steam_csv_dumps(tmp_path: Path, header: str, yes: str, no: str) -> None:
    columns = header.split(",")

    def row(text: str, verdict: str, n: int) -> str:
        values = {"app_id": "570", "app_name": "Dota 2", "review_text": text, "review": text, "review_id": str(n)}
        values |= {"review_score": verdict, "recommended": verdict, "review_votes": "1", "votes_helpful": "4"}
        values |= {"timestamp_created": "1611381629", "author.steamid": "7656"}
        return ",".join(json.dumps(values[c]) if c in ("review", "review_text") else values[c] for c in columns)

    text = header + "\n" + row("Good, really.", yes, 1) + "\n" + row("Bad.", no, 2) + "\n" + row("", yes, 3) + "\n"
    parsed = parse_text(tmp_path, "steam_reviews.csv", text)
    assert parsed.format == "steam"
    good, bad = parsed.reviews
    assert (good.recommended, bad.recommended) == (True, False)
    assert good.subject == ("Dota 2", "game", None, None, "steam:570") and good.body == "Good, really."
    assert good.id != bad.id
    assert [(s.reason, s.count) for s in parsed.skipped] == [("Steam reviews without text", 1)]


def test_steam_is_found_past_the_first_4_kb(tmp_path: Path) -> None:
    long_first = {**STEAM_REVIEW, "review": "word " * 3000}
    text = json.dumps({"query_summary": {"pad": "x" * 5000}, "reviews": {"1": long_first}})
    assert parse_text(tmp_path, "anything.json", text).format == "steam"


AMAZON_2014 = {
    "reviewerID": "A2IB", "asin": "1384719342", "reviewerName": "Cass", "helpful": [13, 14],
    "reviewText": "Works &amp; fine.", "overall": 5.0, "summary": "good", "unixReviewTime": 1393545600,
    "reviewTime": "02 28, 2014",
}  # fmt: skip
AMAZON_2023 = {
    "rating": 4.0, "title": "Nice", "text": "Good<br />Really.", "asin": "B01", "parent_asin": "B00P",
    "user_id": "AGK", "timestamp": 1588687728923, "helpful_vote": 2, "verified_purchase": True,
}  # fmt: skip


@pytest.mark.parametrize("container", ["jsonl", "array"])
@pytest.mark.parametrize("meta", [False, True])
def test_amazon_2014_and_2023(tmp_path: Path, container: str, meta: bool) -> None:
    records = [AMAZON_2014, AMAZON_2023]
    text = json.dumps(records) if container == "array" else "\n".join(json.dumps(r) for r in records)
    if meta:  # 2014 metadata is Python literals, 2023's JSON Lines
        write(tmp_path, "meta_Instruments.json", "{'asin': '1384719342', 'title': 'Pop Filter &amp; Stand'}\n")
        write(tmp_path, "meta_Other.jsonl", json.dumps({"parent_asin": "B00P", "title": "Cable"}) + "\n")
    parsed = parse_text(tmp_path, "Instruments_5.json", text)
    assert parsed.format == "amazon"
    old, new = parsed.reviews
    assert (old.title, old.author, old.rating, old.rating_max, old.votes) == ("good", "Cass", 5.0, 5, 13)
    assert old.date == "2014-02-28T00:00:00Z" and old.body == "Works & fine."
    assert old.id == stable_id("amazon", "A2IB", "1384719342")
    assert (new.title, new.rating, new.votes, new.paragraphs) == ("Nice", 4.0, 2, ("Good", "Really."))
    assert new.date == "2020-05-05T14:08:48Z" and new.tags == ("verified purchase",)
    assert new.id == stable_id("amazon", "AGK", "B01")
    if meta:
        assert old.subject == ("Pop Filter & Stand", "product", None, None, "asin:1384719342")
        assert new.subject and new.subject.name == "Cable"
        assert parse_file(tmp_path / "meta_Other.jsonl").skipped[0].reason.startswith("Amazon product metadata")
    else:
        assert old.subject == ("Amazon product 1384719342", "product", None, None, "asin:1384719342")
        assert new.subject == ("Amazon product B00P", "product", None, None, "asin:B00P")


YELP_REVIEW = {
    "review_id": "r1", "user_id": "u1", "business_id": "b1", "stars": 4.0, "useful": 3, "funny": 0, "cool": 1,
    "text": "Great tacos.\n\nWill return.", "date": "2018-07-07 22:09:11",
}  # fmt: skip


@pytest.mark.parametrize("with_business", [False, True])
def test_yelp_with_and_without_the_business_file(tmp_path: Path, with_business: bool) -> None:
    other = {**YELP_REVIEW, "review_id": "r2", "business_id": "b2", "text": "Slow."}
    if with_business:
        business = {"business_id": "b1", "name": "Taco &amp; Co", "city": "Tucson", "state": "AZ", "categories": "x"}
        write(tmp_path, "yelp_academic_dataset_business.json", json.dumps(business) + "\n")
    parsed = parse_text(
        tmp_path, "yelp_academic_dataset_review.json", json.dumps(YELP_REVIEW) + "\n" + json.dumps(other)
    )
    assert parsed.format == "yelp"
    tacos, slow = parsed.reviews
    assert tacos.paragraphs == ("Great tacos.", "Will return.")
    assert (tacos.rating, tacos.rating_max, tacos.votes, tacos.author) == (4.0, 5, 3, "u1")
    assert tacos.date == "2018-07-07T22:09:11" and tacos.id == stable_id("yelp", "r1")
    name = "Taco & Co" if with_business else "Yelp business b1"
    assert tacos.subject == (name, "place", None, None, "yelp:b1")
    assert slow.subject and slow.subject.name == "Yelp business b2"
    if with_business:
        skipped = parse_file(tmp_path / "yelp_academic_dataset_business.json")
        assert not skipped.reviews
        assert [s.reason for s in skipped.skipped] == ["Yelp businesses: used to name the reviewed places"]


def test_a_sibling_that_is_a_fifo_or_a_link_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    """Review finding: the files beside reviews.csv were read with a plain open, so a FIFO named
    profile.csv hung the import, and a link out of the folder was followed without --follow-links."""
    import os
    import subprocess
    import sys

    folder = tmp_path / "export"
    folder.mkdir()
    write(folder, "reviews.csv", LETTERBOXD_REVIEWS)
    os.mkfifo(folder / "profile.csv")
    outside = write(tmp_path, "elsewhere.csv", "Date,Name,Year,Letterboxd URI\n2020-02-08,Her,2013,https://boxd.it/x\n")
    (folder / "watched.csv").symlink_to(outside)
    code = "from pathlib import Path; import sys; from tui_reader.core.importers import parse_file; "
    code += "p = parse_file(Path(sys.argv[1])); "
    code += "print([(r.author, r.subject.ref if r.subject else None) for r in p.reviews])"
    done = subprocess.run(  # a child process: were the FIFO opened, the child would hang, not the suite
        [sys.executable, "-c", code, str(folder / "reviews.csv")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "boxd.it/x" not in done.stdout and "ann" not in done.stdout  # neither sibling was read


def test_steam_bbcode_keeps_what_its_tags_say(tmp_path: Path) -> None:
    """`[strike]` was dropped, which said the opposite ("luckily not [strike]an elder[/strike]"); a
    spoiler's words titled the review in the list; `[/sarcasm]`, the writer's own, was deleted."""
    review = dict(
        STEAM_REVIEW,
        review="Luckily not [strike]an elder[/strike] but a pro. [spoiler]He dies[/spoiler] "
        "[olist][*]one[*]two[/olist] [quote]Quoted[/quote] 5 < 6 & *stars* [/sarcasm]",
    )
    (parsed,) = parse_text(tmp_path, "review_646570.json", json.dumps([review])).reviews
    assert parsed.paragraphs[0] == "Luckily not ~~an elder~~ but a pro. >!He dies!<"  # a spoiler, marked
    assert "1. one\n2. two" in parsed.paragraphs and "> Quoted" in parsed.paragraphs
    assert parsed.paragraphs[-1] == "5 < 6 & \\*stars\\* \\[/sarcasm\\]"  # read as written, not as Markdown
    assert parsed.title == "Luckily not an elder but a pro." and parsed.spoiler
    spoiled = dict(STEAM_REVIEW, review="[spoiler]The twist is X.[/spoiler] Great game.")
    (hidden,) = parse_text(tmp_path, "review_1.json", json.dumps([spoiled])).reviews
    assert "twist" not in hidden.title and "The twist is X." in hidden.paragraphs[0]


def test_a_review_of_a_dump_without_ids_keeps_the_id_its_words_gave_it(tmp_path: Path) -> None:
    """Its id is made of its words as they were read before BBCode became Markdown (a link's address
    in brackets, `[sarcasm]` gone): the notes on it stay on it after a re-import."""
    record = {"review": "[b]Hi[/b] see [url=https://x.example]site[/url] [sarcasm]yes[/sarcasm]", "voted_up": True}
    (review,) = parse_text(tmp_path, "review_646570.json", json.dumps([record]), "steam").reviews
    assert review.id == stable_id("steam", "646570|Hi see site (https://x.example) yes|1")


def test_a_steam_heading_left_open_ends_with_its_line(tmp_path: Path) -> None:
    """`[h1]BULLY IS BROKEN` never closed made the whole review headings, its line breaks joined."""
    text = "[h1]BULLY IS BROKEN\n\nThe audio is gone.\nMy headphones work.\n\n[h2]Verdict [b]7/10[/b]\nbuy it"
    review = dict(STEAM_REVIEW, review=text)
    (parsed,) = parse_text(tmp_path, "review_12200.json", json.dumps([review])).reviews
    assert parsed.paragraphs == (
        "# BULLY IS BROKEN",
        "The audio is gone.\\\nMy headphones work.",
        "## Verdict **7/10**",
        "buy it",
    )


def test_a_steam_download_holding_no_reviews_is_said_so(tmp_path: Path) -> None:
    """`{"reviews": {}, "query_summary": …}` (an app with no reviews, or a page past the last) was
    called `no rows with text in this JSON Lines file`."""
    for reviews in ("{}", "[]"):
        text = f'{{"reviews": {reviews}, "query_summary": {{"total_reviews": -1}}, "cursors": {{"AoJ4": "Sat"}}}}'
        with pytest.raises(InputError) as refused:
            parse_text(tmp_path, "review_17500.json", text)
        assert refused.value.reason == "no reviews in this Steam file"
