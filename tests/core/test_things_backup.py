"""The JSON backup carries the things named for all their reviews (`subject set … --all`, `t` with its box
ticked): restored, a review of the thing imported later takes its name again. A backup restored on a new
machine lost them: its later reviews were subjects of their own (`IMDb tt1798709  film  1 review`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.formats_support import parse_text, write
from tests.core.test_subject_things import HER, IMDB, imdb
from tui_reader.core.importers import InputError
from tui_reader.core.personal.export import json_chunks
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store

GROUP = "imdb:tt1798709"  # the imported subject's group (`subject_group`): its ref


def export(store: Store) -> bytes:
    return b"".join(json_chunks(store))


@pytest.fixture
def named(tmp_path: Path) -> Store:
    """Three IMDb reviews of tt1798709 named "Her (2013)" for all; the third's name then cleared alone."""
    store = Store(tmp_path / "first")
    store.library.add([imdb(n) for n in range(3)])
    store.set_subject(["im0", "im1", "im2"], HER, every=True)
    store.set_subject(["im2"], None)  # cleared on this review alone: the thing keeps its name
    return store


def restored(tmp_path: Path, backup: bytes, name: str = "second") -> Store:
    fresh = Store(tmp_path / name)
    report = import_paths(fresh, [write(tmp_path, f"{name}.json", backup)], index=False)
    assert report.failed_files == 0
    return fresh


def test_the_backup_carries_the_things_and_a_later_review_takes_the_name(named: Store, tmp_path: Path) -> None:
    backup = export(named)
    assert json.loads(backup)["things"] == [{"group": GROUP, "subject": HER.to_doc()}]
    fresh = restored(tmp_path, backup)
    assert fresh.user.thing_names() == {GROUP: HER}
    assert [fresh.subject_of(f"im{n}") for n in range(3)] == [HER, HER, IMDB]  # im2 as the user left it
    assert export(fresh) == backup
    fresh.library.add([imdb(3)])  # a fourth review imported after the restore
    assert fresh.subject_of("im3") == HER


def test_a_thing_named_since_the_backup_keeps_its_new_name(named: Store, tmp_path: Path) -> None:
    backup = write(tmp_path, "backup.json", export(named))
    renamed = HER._replace(name="Her!")
    named.set_subject(["im0", "im1"], renamed, every=True)
    import_paths(named, [backup], index=False)
    assert named.user.thing_names() == {GROUP: renamed}  # merged as the subjects are: what was set since wins
    written = named.user.path.read_bytes()
    import_paths(named, [backup], index=False)
    assert named.user.path.read_bytes() == written  # nothing new: nothing written


def test_a_backup_from_before_things_still_restores(named: Store, tmp_path: Path) -> None:
    document = json.loads(export(named))
    del document["things"]
    fresh = restored(tmp_path, json.dumps(document).encode())
    assert fresh.user.thing_names() == {}
    assert fresh.subject_of("im0") == HER  # named on the review itself, as before


def test_a_things_control_characters_are_cleaned_as_the_rest_of_a_backup(tmp_path: Path) -> None:
    thing = {"group": GROUP, "subject": {"name": "Her\x1b[31m", "kind": "film\x9b", "year": 2013}}
    parsed = parse_text(tmp_path, "b.json", json.dumps({"version": 1, "reviews": [], "things": [thing]}))
    assert parsed.personal is not None
    ((group, subject),) = parsed.personal.things
    assert group == GROUP and subject.name == "Her" and subject.year == 2013  # the escape sequence left out whole
    assert subject.kind is not None and subject.kind.isprintable()


SUBJECT = {"name": "Her", "year": 2013}


@pytest.mark.parametrize(
    ("things", "reason"),
    [
        ({"group": GROUP}, r"things is not a list"),
        ([{"subject": SUBJECT}], r"things\[0\]: no group"),
        ([{"group": 5, "subject": SUBJECT}], r"things\[0\]: group is a number"),
        ([{"group": " ", "subject": SUBJECT}], r"things\[0\]: group is empty"),
        ([{"group": GROUP, "subject": {"name": ""}}], r"things\[0\]: subject: name is empty"),
        ([{"group": GROUP, "subject": {"name": "Her", "year": "2013"}}], r"things\[0\]: subject: year is text"),
    ],
)
def test_a_hand_edited_thing_fails_with_one_clear_line(tmp_path: Path, things: object, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_text(tmp_path, "bad.json", json.dumps({"version": 1, "reviews": [], "things": things}), "tui-reader")


def test_the_user_file_sets_aside_a_misshapen_thing_by_the_same_check(named: Store, tmp_path: Path) -> None:
    """Its subject's year as text was kept: the backup made from it then failed to import."""
    document = json.loads(named.user.path.read_text())
    (key,) = document["things"]
    document["things"]["9"] = {"group": "imdb:tt0", "subject": {"name": "Other", "year": "1999"}, "at": "x"}
    named.user.path.write_text(json.dumps(document))
    again = Store(named.data_dir)
    assert any("left out thing named 9: subject: year is text" in line for line in again.problems)
    assert again.user.thing_names() == {GROUP: HER}
    restored(tmp_path, export(again))  # the backup restores
    assert key == "1"
