"""One object for the whole data folder: the library, the user's data, their repairs."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tui_reader.core.store.atomic import StoreError, clean_stale_temps
from tui_reader.core.store.catalog_rows import AddResult, Removed
from tui_reader.core.store.library import Library
from tui_reader.core.store.library_read import catalog_exists
from tui_reader.core.store.userdata import UserData
from tui_reader.core.store.userdata_records import NO_SUBJECTS, UserSnapshot

if TYPE_CHECKING:  # annotations only: `search` imports no models (Review's dataclasses cost it ~17 ms)
    from tui_reader.core.content.models import Review, Subject, Summary

__all__ = [
    "AddResult",
    "Library",
    "Removed",
    "Store",
    "StoreError",
    "SubjectColumns",
    "UserData",
    "UserSnapshot",
    "default_data_dir",
]

APP_NAME = "tui-reader"
_SUBJECT_CELLS = ("subject_key", "subject", "kind")  # the catalog's: the imported subject, as `subject_group` takes it


def default_data_dir(explicit: str | Path | None = None) -> Path:
    """`--data-dir`, else $TUI_READER_HOME, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("TUI_READER_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


class SubjectColumns(NamedTuple):
    """The catalog's subject columns with the user's subjects put over the imported ones."""

    label: list[str | None]
    key: list[str | None]
    kind: list[str | None]


class Store:
    """The data folder: `library/` (reviews) and `userdata.json` (bookmarks, notes, quotes)."""

    def __init__(self, data_dir: Path) -> None:
        if data_dir.exists() and not data_dir.is_dir():  # else: "…/library/catalog.bin: Not a directory"
            raise StoreError(f"{data_dir} is a file: the data folder (--data-dir, $TUI_READER_HOME) must be a folder")
        self.data_dir = data_dir
        self.first_run = not catalog_exists(data_dir / "library")
        self.cleaned_temps = clean_stale_temps(data_dir)
        self.library = Library(data_dir / "library")
        self.user = UserData(data_dir / "userdata.json")
        self.state_path = data_dir / "state.json"
        self._overrides: tuple[Any, Mapping[str, Subject]] = (None, NO_SUBJECTS)
        self._subject_columns: tuple[Any, SubjectColumns] | None = None
        self._noted: tuple[Any, frozenset[str]] = (None, frozenset())
        self._things: tuple[Any, Mapping[str, Subject]] = (None, NO_SUBJECTS)
        self.library.on_new = self._reattach
        self._reattached: Counter[tuple[str, str]] = Counter()  # what `_reattach` did, until an import says it

    def _reattach(self, reviews: list[Review]) -> None:
        """Reviews new to the library that carry detached notes or quotes (kept aside when the same
        review was removed): anchor them again, attached where their text is. One that is attached
        (restored from a backup with its review) is left as it was: the backup is the truth."""
        stamp = self.user.stamp()
        if stamp is None:
            return
        self._name_as_its_thing(reviews, stamp)
        self._drafts_back(reviews)
        if self._noted[0] != stamp:
            detached = frozenset(kept.anchor.review_id for kept in self.user.snapshot().anchored if kept.detached)
            self._noted = (stamp, detached)
        back = [review for review in reviews if review.id in self._noted[1]]
        if back:
            from tui_reader.core.personal.anchors import moves_said, reanchored

            kept_aside = tuple(kept for kept in self.user.snapshot().anchored if kept.detached)
            updates = reanchored(kept_aside, back)
            self._reattached.update(moves_said(kept_aside, updates))
            self.user.update_anchors(updates)

    def _name_as_its_thing(self, reviews: list[Review], stamp: object) -> None:
        """New reviews of a thing the user named for every review of it take that name (a fourth IMDb
        review of tt1798709, named "Her (2013)" for its three, was a subject of its own); set as if by
        hand, so it stays when the thing is named again later. A review with a subject the user set
        keeps it (one named alone, then removed and imported again)."""
        if self._things[0] != stamp:  # read once per change of the file, not once per batch imported
            self._things = (stamp, self.user.thing_names())
        names = self._things[1]
        if not names:
            return
        from tui_reader.core.search.subjects import subject_group  # what `S` puts together, as `set_subject` kept it

        overrides, named = self.subject_overrides(), []
        for review in reviews:
            if review.subject is None or review.id in overrides:
                continue
            group = subject_group(review.subject.key, review.subject.label, review.subject.kind)
            if group is not None and group in names:
                named.append((review.id, names[group]))
        if named:
            self.user.restore([], [], [], subjects=named)  # where the user has set none, in one write

    def set_subject(self, review_ids: Collection[str], subject: Subject | None, *, every: bool = False) -> None:
        """Set (None: clear) what these reviews are reviews of; with `every`, the name is the thing's, for
        every review of it: those imported later take it too (`_name_as_its_thing`), kept by the groups
        of these reviews' imported subjects (the catalog's, not a name set by hand)."""
        things: set[str] = set()
        if every:
            from tui_reader.core.search.subjects import subject_group

            library = self.library
            for review_id in review_ids:
                at = library.position(review_id)
                group = None if at is None else subject_group(*(library.cell(c, at) for c in _SUBJECT_CELLS))
                if group is not None:
                    things.add(group)
        self.user.set_subject(review_ids, subject, things)

    def _drafts_back(self, reviews: list[Review]) -> None:
        """The drafts kept aside on removed reviews this import brings back: placed again where their
        words are (as their notes are, `Drafts.follow`; one whose words are gone stays where it
        was), and said with the notes (`1 draft back`): `a` there offers each again."""
        from tui_reader.core.store.drafts import DRAFTS_FILE, Drafts  # models: loaded only when drafts are kept

        if not (self.data_dir / DRAFTS_FILE).exists():
            return
        drafts = Drafts(self.data_dir)
        drafted = {draft.anchor.review_id for draft in drafts.all()} & {review.id for review in reviews}
        removed = self.user.removed_titles() if drafted else {}
        back = [review for review in reviews if review.id in drafted and review.id in removed]
        if back:
            self._reattached["draft", "back"] += drafts.follow(back)

    def take_reattached(self) -> Counter[tuple[str, str]]:
        """What bringing removed reviews back did to their notes and quotes since last asked
        (`(note, attached again)`: 1), for the import's line: it came back without a word."""
        said, self._reattached = self._reattached, Counter()
        return said

    @property
    def problems(self) -> list[str]:
        """One line per repair made while opening (a corrupt file moved aside, ...)."""
        return self.library.problems + self.user.problems

    # ---- subjects: the imported one, or the one the user set -------------------------

    def subject_overrides(self) -> Mapping[str, Subject]:
        """Review id -> subject set by the user; re-read only when the user file changed."""
        stamp = self.user.stamp()
        if stamp is None:
            return NO_SUBJECTS
        if self._overrides[0] != stamp:
            self._overrides = (stamp, self.user.subjects())
        return self._overrides[1]

    def summary(self, position: int) -> Summary:
        """The library's row at `position`, with the subject the user set for it, if any."""
        summary = self.library.summary(position)
        overrides = self.subject_overrides()
        subject = overrides.get(summary.id) if overrides else None
        if subject is None:
            return summary
        return summary._replace(subject=subject.label, subject_key=subject.key, kind=subject.kind)

    def subject_of(self, review_id: str) -> Subject | None:
        """What the review is a review of: the user's subject, else the imported one (read from
        its shard); None for an unknown review or one without a subject."""
        subject = self.subject_overrides().get(review_id)
        if subject is not None:
            return subject
        review = self.library.get(review_id)
        return review.subject if review is not None else None

    def subject_columns(self) -> SubjectColumns:
        """The catalog's subject, subject_key and kind columns as the user sees them (overrides
        applied); the catalog's own lists when there are none. Do not modify them."""
        library = self.library
        overrides = self.subject_overrides()
        stamp = (library.generation, self._overrides[0] if overrides else None)
        if self._subject_columns is not None and self._subject_columns[0] == stamp:
            return self._subject_columns[1]
        columns = SubjectColumns(library.column("subject"), library.column("subject_key"), library.column("kind"))
        if overrides:
            columns = SubjectColumns(list(columns.label), list(columns.key), list(columns.kind))
            for review_id, subject in overrides.items():
                position = library.position(review_id)
                if position is not None:
                    columns.label[position] = subject.label
                    columns.key[position] = subject.key
                    columns.kind[position] = subject.kind
        self._subject_columns = (stamp, columns)
        return columns
