"""Reviews of things end to end: files in the sites' own formats, imported as a user would,
then searched on the 5-star scale (#15's acceptance: Letterboxd + IMDb + Yelp)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.search import SearchIndex
from tui_reader.core.store import Store

LETTERBOXD = [  # (film, year, rating out of 5)
    ("Her", 2013, "4.5"),
    ("Heat", 1995, "4"),
    ("Cats", 2019, "1.5"),
    ("Tenet", 2020, "3.5"),
]
IMDB = {"1_10.txt": 10, "2_8.txt": 8, "3_7.txt": 7, "4_2.txt": 2}
YELP = [("r1", "b1", 5.0), ("r2", "b1", 4.0), ("r3", "b2", 3.0)]


def write_sources(folder: Path) -> None:
    letterboxd = folder / "letterboxd"
    letterboxd.mkdir(parents=True)
    with (letterboxd / "reviews.csv").open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Review", "Tags", "Watched Date"])
        for n, (name, year, rating) in enumerate(LETTERBOXD):
            out.writerow(
                ["2020-06-07", name, year, f"https://boxd.it/x{n}", rating, "", f"<i>{name}</i> was it.", "", ""]
            )
    imdb = folder / "imdb" / "pos"
    imdb.mkdir(parents=True)
    for name in IMDB:
        (imdb / name).write_text(f"A film I watched.<br /><br />My words on {name}.")
    yelp = folder / "yelp"
    yelp.mkdir()
    (yelp / "business.json").write_text(
        "\n".join(json.dumps({"business_id": b, "name": f"Cafe {b}", "city": "X", "state": "Y"}) for b in ("b1", "b2"))
    )
    (yelp / "review.json").write_text(
        "\n".join(
            json.dumps({"review_id": r, "user_id": "u", "business_id": b, "stars": s, "useful": 2, "text": "Nice."})
            for r, b, s in YELP
        )
    )


def test_stars_over_letterboxd_imdb_and_yelp_imports(tmp_path: Path) -> None:
    write_sources(tmp_path / "in")
    store = Store(tmp_path / "data")
    import_paths(store, [tmp_path / "in"])
    library = store.library
    assert len(library) == len(LETTERBOXD) + len(IMDB) + len(YELP)
    rows = {library.summary(p).id: library.summary(p) for p in range(len(library))}
    found = [rows[hit.review_id] for hit in SearchIndex.open(store).search("stars:>=4", check_budget=None)]
    # exactly: Letterboxd >= 4/5, IMDb >= 8/10, Yelp >= 4/5, counted from the inputs
    assert sorted(s.subject or "" for s in found if s.kind == "film") == ["Heat (1995)", "Her (2013)"]
    assert sorted(s.rating for s in found if s.rating_max == 10) == sorted(r for r in IMDB.values() if r >= 8)
    assert sorted(s.rating for s in found if s.kind == "place") == sorted(s for *_, s in YELP if s >= 4)
    assert len(found) == 2 + 2 + 2
