"""Every subject in the library (`S`): how many reviews, their average on 5 stars, a small
histogram of their ratings, your notes and bookmarks on them; `/` filters by name, `s` sorts
(`core/search/subject_sorts.py`: the order is remembered with the rest of where you were).

Enter dismisses the screen with the chosen subject's label (its key when two subjects
share a label): the main screen filters the review list to it (`subject:"…"`), so Esc
clears it as it clears any filter. Rows are built as Content from `visible` text (subject
names come from imported files) and laid out in columns for the list's width, again on
resize. Keys typed before the screen is up (`S/hotel` at typing speed) are held and handed
to it in order, and those typed right after `/` go into the filter (`typed_ahead`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.core.content.ratings import average_text
from tui_reader.core.content.text import fold, plural, visible
from tui_reader.core.search.subject_sorts import (
    PRIOR_REVIEWS,
    next_subject_sort,
    sorted_subjects,
    subject_sort_label,
    valid_subject_sort,
)
from tui_reader.core.search.subjects import SubjectStats, Unfiled, subject_stats, unfiled
from tui_reader.core.store import Store
from tui_reader.ui.controllers.typed_ahead import KeysCaughtUp, TypedAhead
from tui_reader.ui.safe_write import tell
from tui_reader.ui.screens.screen_keys import KeyedScreen, fitting_hint
from tui_reader.ui.state.search_state import Typed, fresh
from tui_reader.ui.widgets.footer import Footer
from tui_reader.ui.widgets.lines import fit
from tui_reader.ui.widgets.search_bar import SearchInput  # the filter holds keys as the bar's line does
from tui_reader.ui.widgets.verdict import histogram, short_ref

KIND, REVIEWS, AVERAGE, BARS, YOURS = 10, 7, 9, 5, 9  # column widths after the name ("restaurant" whole)
NAME_MIN, NAME_MAX = 12, 56
WIDE = 110  # columns: two spaces between columns from here, one below
SLACK = 2  # the option list's scrollbar
EMPTY = Content(
    "No subjects yet. A review knows what it is about when its source says so (Letterboxd, "
    "Goodreads, IMDb, Steam…); t on a review sets or corrects its subject by hand."
)


def columns(width: int) -> tuple[int, str]:
    """The name column's width and the gap between columns, for a list `width` cells wide."""
    gap = "  " if width >= WIDE else " "
    fixed = KIND + REVIEWS + AVERAGE + BARS + YOURS + 5 * len(gap)
    return max(NAME_MIN, min(NAME_MAX, width - fixed - SLACK)), gap


def header(width: int) -> Content:
    """The column names, aligned with the rows."""
    name, gap = columns(width)
    cells = (
        fit("subject", name),
        fit("kind", KIND),
        "reviews".rjust(REVIEWS),
        fit("average", AVERAGE),
        fit("1…5★", BARS),
        "yours".rjust(YOURS),
    )
    return Content(gap.join(cells))


def yours(stats: SubjectStats) -> str:
    """Your notes and bookmarks on the subject's reviews: `✎2 ★1`."""
    parts = (f"✎{stats.notes}" if stats.notes else "", f"★{stats.bookmarks}" if stats.bookmarks else "")
    return " ".join(part for part in parts if part)


def row(stats: SubjectStats, width: int, *, with_ref: bool = False) -> Content:
    """One subject: label, kind, count, average (or ✓/✗ counts), histogram, notes and bookmarks.
    `with_ref`: another subject has the same label, so the source's ref tells them apart."""
    name_width, gap = columns(width)
    label = visible(stats.label, single_line=True) or "(unnamed)"
    ref = f" {short_ref(stats.ref)}" if with_ref and stats.ref else ""
    named = fit(label + ref, name_width)  # one string of the column's width: the label, then the ref
    if stats.average is not None:
        average = average_text(stats.average)
    elif stats.recommended or stats.not_recommended:
        average = f"✓{stats.recommended} ✗{stats.not_recommended}"
    else:
        average = "–"
    return Content.assemble(
        (named[: len(label)], "bold"),
        (named[len(label) :], "$text-muted"),
        gap,
        (fit(visible(stats.kind or "", single_line=True), KIND), "$text-muted"),
        gap,
        str(stats.count).rjust(REVIEWS),
        gap,
        (fit(average, AVERAGE), "$warning" if stats.average is not None else "$text-muted"),
        gap,
        (histogram(stats.histogram), "$accent"),
        gap,
        yours(stats).rjust(YOURS),
    )


def unfiled_line(counts: Unfiled) -> Content:
    """The line at the top: how many reviews of things belong to no subject, and how to give them
    one; posts and threads (about no one thing) are no review to nudge about, only said."""
    reviews, discussions = counts
    need = "needs" if discussions == 1 else "need"
    posts = f"{plural(discussions, 'post or thread', 'posts and threads')} {need} none" if discussions else ""
    if reviews == 0:
        told = Content("Every review has a subject")
        return Content.assemble(told, (f"  ·  {posts}", "$text-muted")) if posts else told
    told = Content.styled(f"{reviews} review{' has' if reviews == 1 else 's have'} no subject", "bold")
    hint = "  ·  t on a review sets or corrects its subject" + (f"  ·  {posts}" if posts else "")
    return Content.assemble(told, (hint, "$text-muted"))


def matches(stats: SubjectStats, words: list[str]) -> bool:
    haystack = fold(" ".join((stats.label, stats.kind or "", stats.creator or "")))
    return all(word in haystack for word in words)


HINT = "/ filter  s sort  Enter its reviews  q close"
SORT_HELP = (
    "cycle the order: most reviewed; highest average (each thing's stars weighed with "
    f"{PRIOR_REVIEWS} reviews at the library's mean: a single 5★ review does not top the list; "
    "things without stars last); A–Z; newest review"
)


class SubjectsScreen(KeyedScreen[str | None]):
    """The library by subject, in the order last chosen (`s`); dismisses with the subject to filter by."""

    DEFAULT_CSS = """
    #subjects-filter { dock: top; }
    #subjects-summary { height: 1; padding: 0 1; }
    #subjects-box { height: 1fr; border: round $accent; border-subtitle-color: $text-muted; background: $surface; }
    #subjects-header { height: 1; padding: 0 1; color: $text-muted; text-style: bold; }
    #subjects-list { height: 1fr; border: none; padding: 0 1; background: $surface; }
    #subjects-list:focus { border: none; }
    #subjects-empty { height: auto; padding: 1 1; color: $text-muted; }
    """

    HELP_TITLE = "Subjects"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "close", "Close"),
        Binding("slash", "filter", "Filter", tooltip="filter by words in the subject's name, kind or creator"),
        Binding("s", "sort", "Sort", tooltip=SORT_HELP),
        Binding("enter", "choose", "Show its reviews", tooltip="filter the review list by this subject"),
        Binding("j,down", "cursor('down')", "Down", show=False),
        Binding("k,up", "cursor('up')", "Up", show=False),
        Binding("g,home", "cursor('first')", "Top", show=False),
        Binding("G,end", "cursor('last')", "Bottom", show=False),
    ]

    def __init__(self, store: Store, sort: str = "reviews", sorted_by: Callable[[str], None] | None = None) -> None:
        """`sort`: the order to show; `sorted_by` is told each order `s` chooses (to remember it)."""
        super().__init__()
        self.store = store
        self.sort = valid_subject_sort(sort)
        self.sorted_by = sorted_by
        self.stats: list[SubjectStats] = []
        self.shown: list[SubjectStats] = []
        self.unfiled = Unfiled(0, 0)
        self._held: list[Typed] | None = None  # keys typed before the screen was up (`hold`)
        self.ahead: TypedAhead | None = None  # the keys typed right after `/`, into the filter

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder="filter (/): words in the subject's name, kind or creator", id="subjects-filter")
        yield Static("", id="subjects-summary")
        with Vertical(id="subjects-box") as box:
            box.border_title = "Subjects"
            yield Static("", id="subjects-header")
            yield Static("", id="subjects-empty")
            yield OptionList(id="subjects-list")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        filtering = {b.key: b.action for b in Binding.make_bindings(self.BINDINGS) if b.action == "filter"}
        self.ahead = TypedAhead(self, (self, options), filtering)
        self.stats = sorted_subjects(subject_stats(self.store), self.sort)
        self.unfiled = unfiled(self.store)
        self._show()
        self.set_focus(options)

    # ---- keys typed ahead: before the screen was up, and right after `/` ----------------

    def hold(self) -> None:
        """`S` opened the screen with keys typed behind it: hold what reaches it until `release`."""
        if self._held is None:
            self._held = []

    def release(self, earlier: Sequence[Typed] = ()) -> None:
        """The keys typed behind `S` (`earlier`), then those held here, as if typed now: to the list,
        or to the screen while it is not up yet (its keys are then read after its first frame)."""
        held, self._held = self._held or [], None
        target = self.focused or self
        for event in (*earlier, *held):
            target._forward_event(fresh(event))

    def on_key(self, event: events.Key) -> None:
        self._keys_up(event)

    def on_paste(self, event: events.Paste) -> None:
        self._keys_up(event)

    def _keys_up(self, event: Typed) -> None:
        if self._held is not None:
            self._held.append(fresh(event))
            event.stop()
            event.prevent_default()
        elif self.ahead is not None:
            self.ahead.key_up(event, on_screen=self.app.screen is self)

    def on_keys_caught_up(self, message: KeysCaughtUp) -> None:
        message.stop()
        if self.ahead is not None:
            self.ahead.caught_up()

    def on_resize(self) -> None:
        if self.stats:
            self._show()

    @property
    def list_width(self) -> int:
        options = self.query_one(OptionList)
        return options.content_region.width or self.size.width - 4

    def _show(self) -> None:
        words = fold(self.query_one(Input).value).split()
        self.shown = [stats for stats in self.stats if matches(stats, words)]
        options = self.query_one(OptionList)
        keep = options.highlighted
        width = self.list_width
        options.clear_options()
        labels = Counter(stats.label for stats in self.stats)
        options.add_options([Option(row(s, width, with_ref=labels[s.label] > 1)) for s in self.shown])
        if self.shown:
            options.highlighted = min(keep or 0, len(self.shown) - 1)
        self.query_one("#subjects-header", Static).update(header(width))
        empty = self.query_one("#subjects-empty", Static)
        empty.display = not self.shown
        if not self.shown:
            empty.update(EMPTY if not words else Content("No subject matches the filter"))
        count = len(self.stats)
        shown = f"{len(self.shown)} of {count}" if words else f"{count}"
        head = f"{shown} subject{'s' if count != 1 else ''} · {subject_sort_label(self.sort)}"
        self.query_one("#subjects-box").border_subtitle = fitting_hint(head, HINT, self.app.size.width)
        self.query_one("#subjects-summary", Static).update(unfiled_line(self.unfiled))

    @on(Input.Changed)
    def _filter_changed(self) -> None:
        self._show()

    @on(Input.Submitted)
    def _filter_done(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_choose()

    @property
    def current(self) -> SubjectStats | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    def action_cursor(self, where: str) -> None:
        options = self.query_one(OptionList)
        if options.has_focus:
            getattr(options, f"action_{'cursor_' if where in ('down', 'up') else ''}{where}")()

    def action_filter(self) -> None:
        """Focus the filter at once (`focus()` waits for a refresh: a key read meanwhile went to the
        list); the keys typed behind `/` follow it there."""
        line = self.query_one(SearchInput)
        self.set_focus(line)
        if self.ahead is not None:
            self.ahead.take(line)

    def action_sort(self) -> None:
        """The next order, from its first subject; remembered for the next `S` and the next start."""
        self.sort = next_subject_sort(self.sort)
        self.stats = sorted_subjects(self.stats, self.sort)
        self.query_one(OptionList).highlighted = None
        self._show()
        if self.sorted_by is not None:
            self.sorted_by(self.sort)
        tell(self, f"Sorted by {subject_sort_label(self.sort)}", timeout=2)

    def action_close(self) -> None:
        filter_input = self.query_one(Input)
        if filter_input.has_focus and filter_input.value:
            filter_input.value = ""
            self.query_one(OptionList).focus()  # the next key is a key again (`q` was typed in the box)
            return
        self.dismiss(None)

    def action_choose(self) -> None:
        """Dismiss with what `subject:` should look for: the label, or the key when another
        subject has the same label (`subject:` matches a label as a phrase, or a key exactly)."""
        if (stats := self.current) is not None:
            shared = sum(1 for other in self.stats if other.label == stats.label) > 1
            self.dismiss(stats.key if shared else stats.label)
