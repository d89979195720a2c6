"""The followed sources (issue 20): each with its counts, what is new (↩N: new replies to comments
you bookmarked), its last refresh and error.

a follows a new one (a URL or short name, read as the command line reads it) and fetches
it in a worker; r refreshes the highlighted source, R all of them, in a worker with a progress line; m
counts what they brought as seen; u unfollows (what it brought stays), x unfollows and
removes what it brought (pressed twice: it says what would go first; notes are kept
aside as `remove` keeps them). The screen dismisses with True when the library changed,
so the main screen reloads it (`library.changed_on_disk`).

Keys, URLs and errors come from users and servers: every row is Content from `visible` text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.core.content.text import plural, visible
from tui_reader.core.sources.record import Source, SourceBook
from tui_reader.core.store import Store, StoreError
from tui_reader.ui.safe_write import tell
from tui_reader.ui.screens.screen_keys import KeyedScreen, fitting_hint
from tui_reader.ui.screens.source_rows import Columns, row, tried, when_text
from tui_reader.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from tui_reader.core.sources.refresh import Outcome
    from tui_reader.ui.screens.main import MainScreen

EMPTY = Content("No sources followed. a follows one: a thread's URL, r/NAME, hn:front, a feed…")
HINT = "a add  r refresh  R all  m mark seen  u unfollow  x unfollow and remove  q close"


def run_refresh(data_dir: Path, keys: list[str], each: Callable[[str, Outcome], None]) -> tuple[str, bool]:
    """Refresh `keys` (every followed source when empty) with a store of its own, in a worker thread:
    `each` is told a progress line per source as it ends. Returns the summary and whether any failed."""
    from tui_reader.core.sources.fetch import Fetcher
    from tui_reader.core.sources.refresh import refresh
    from tui_reader.core.sources.said import summary

    store = Store(data_dir)
    total = len(keys) or len(SourceBook(data_dir).load())
    done: list[Outcome] = []

    def progress(outcome: Outcome) -> None:
        done.append(outcome)
        after = f"; refreshing {keys[len(done)]} ({len(done) + 1} of {total})…" if len(done) < len(keys) else ""
        each(outcome.line + after, outcome)

    try:
        with Fetcher() as fetcher:
            refresh(store, fetcher, keys, progress)
    except (StoreError, OSError, LookupError) as error:
        return str(error), True
    return summary(done), any(outcome.error is not None for outcome in done)


def refresh_on_start(main: MainScreen) -> None:
    """`tui-reader --refresh`: once the main screen is drawn, refresh every followed source in a worker,
    a notice for each failure and one for the whole; the list then shows what came (and `+N new`)."""

    def start() -> None:
        count = len(SourceBook(main.store.data_dir).load())
        tell(main, f"Refreshing {count} followed source{'s' * (count != 1)}…" if count else "No sources followed")
        if count:
            main.run_worker(partial(_refresh_for, main), thread=True, group="sources-start", exit_on_error=False)

    main.call_after_refresh(start)


def _refresh_for(main: MainScreen) -> None:
    changed = False

    def each(line: str, outcome: Outcome) -> None:
        nonlocal changed
        changed = changed or (outcome.error is None and bool(outcome.new or outcome.updated))
        if outcome.error is not None or outcome.notes or outcome.retry_at is not None:  # failed, waiting, left out
            failed = outcome.error is not None
            main.app.call_from_thread(
                tell, main, outcome.line, severity="warning" if failed else "information", timeout=8
            )

    summary, failed = run_refresh(main.store.data_dir, [], each)

    def done() -> None:
        tell(main, f"Sources: {summary}", severity="warning" if failed else "information")
        main.library_changed(reloaded=changed)

    main.app.call_from_thread(done)


def open_sources(main: MainScreen) -> None:
    """Show the sources view over the main screen, which reloads its list when the view changed
    the library (a refresh added reviews, an unfollow removed some), and its new counts always."""

    def closed(changed: bool | None) -> None:
        main.library_changed(reloaded=bool(changed))  # unchanged, the list's new counts may be (m)

    main.app.push_screen(SourcesScreen(main.store), closed)


class SourcesScreen(KeyedScreen[bool]):
    """Every followed source; dismisses with whether the library changed meanwhile."""

    # Here rather than in app.tcss (the house helper's file while the app is split): move it there at merge.
    DEFAULT_CSS = """
    #sources-box { height: 1fr; border: round $accent; border-subtitle-color: $text-muted; background: $surface; }
    #sources-list { height: 1fr; border: none; padding: 0 1; background: $surface; }
    #sources-list:focus { border: none; }
    #sources-empty { height: auto; padding: 1 1; color: $text-muted; }
    #sources-reason { display: none; height: auto; max-height: 4; padding: 0 1; color: $error; }
    #sources-status { height: 1; padding: 0 1; }
    """

    HELP_TITLE = "Sources"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "close", "Close"),
        Binding("a", "add", "Add", tooltip="follow a source: a thread's URL, r/NAME, hn:front, a feed…"),
        Binding("r", "refresh_one", "Refresh", tooltip="refresh the highlighted source"),
        Binding("enter", "refresh_one", "Refresh", show=False),  # the list's Enter (`_selected`), named
        Binding("R", "refresh_all", "Refresh all", tooltip="refresh every followed source"),
        Binding("m", "mark_seen", "Mark seen", tooltip="count what the sources brought as seen"),
        Binding("u", "unfollow(False)", "Unfollow", tooltip="unfollow the source (what it brought stays)"),
        Binding(
            "x",
            "unfollow(True)",
            "Unfollow + remove",
            tooltip="unfollow and remove what it brought (press twice: it says what would go; notes kept aside)",
        ),
        Binding("j,down", "cursor('down')", "Down", show=False),
        Binding("k,up", "cursor('up')", "Up", show=False),
        Binding("g,home", "cursor('first')", "Top", show=False),  # as in `A`, `S` and the list
        Binding("G,end", "cursor('last')", "Bottom", show=False),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.sources: list[Source] = []
        self.changed = False  # the library changed: the main screen reloads it
        self._armed: str | None = None  # the source x was pressed on once

    def compose(self) -> ComposeResult:
        with Vertical(id="sources-box") as box:
            box.border_title = "Sources"
            yield Static("", id="sources-empty")
            yield OptionList(id="sources-list")
        yield Static("", id="sources-reason")
        yield Static("", id="sources-status")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def on_resize(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the sources file again (a refresh, another process) and redraw the rows."""
        book = SourceBook(self.store.data_dir)
        try:
            self.sources = book.load()
        except StoreError as error:
            self.sources = []
            self.status(str(error), error=True)
        options = self.query_one(OptionList)
        keep = options.highlighted
        width = options.scrollable_content_region.width or self.size.width - 4
        options.clear_options()
        columns = Columns(self.sources, width)
        options.add_options([Option(row(source, columns)) for source in self.sources])
        if self.sources:
            options.highlighted = min(keep or 0, len(self.sources) - 1)
        empty = self.query_one("#sources-empty", Static)
        empty.display = not self.sources
        empty.update(EMPTY)
        new = sum(source.new for source in self.sources)
        count = len(self.sources)
        box = self.query_one("#sources-box")
        box.border_subtitle = fitting_hint(f"{count} source{'s' * (count != 1)}, {new} new", HINT, self.app.size.width)

    def status(self, text: str, *, error: bool = False) -> None:
        line = visible(text, single_line=True)
        self.query_one("#sources-status", Static).update(Content.styled(line, "$error" if error else "$text-muted"))

    @property
    def current(self) -> Source | None:
        index = self.query_one(OptionList).highlighted
        return self.sources[index] if index is not None and 0 <= index < len(self.sources) else None

    def action_cursor(self, where: str) -> None:
        getattr(self.query_one(OptionList), f"action_{'cursor_' if where in ('down', 'up') else ''}{where}")()

    def action_close(self) -> None:
        self.dismiss(self.changed)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        """A failed source's whole reason, wrapped below the list (its row has room for the start only),
        and when it was last fetched."""
        from tui_reader.core.sources.said import failure

        source = self.current
        reason = self.query_one("#sources-reason", Static)
        reason.display = source is not None and bool(source.error)
        if source is not None and source.error:
            fetched = f"last fetched {when_text(source)}" if source.last_ok else "never fetched"
            said = f"{source.key} {failure(source, when=tried(source))}; {fetched}"
            reason.update(Content(visible(said, single_line=True)))

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_refresh_one()

    def action_add(self) -> None:
        """Ask for a source (checked as it is typed in); follow and fetch it in a worker."""
        from tui_reader.ui.screens.add_source import AddSourceScreen

        def chosen(text: str | None) -> None:
            if text:
                self.follow_source(text)

        self.app.push_screen(AddSourceScreen(), chosen)

    @work(thread=True, exclusive=True, group="sources-follow", exit_on_error=False, description="following")
    def follow_source(self, text: str) -> None:
        """Follow `text` and fetch it once, in a thread with a store of its own, as a refresh runs."""
        from tui_reader.core.sources.fetch import Fetcher
        from tui_reader.core.sources.refresh import AlreadyFollowed, follow
        from tui_reader.core.sources.said import followed

        self.app.call_from_thread(self.status, f"following {text}: fetching…")
        try:
            with Fetcher() as fetcher:
                source, outcome = follow(Store(self.store.data_dir), text, fetcher)
        except AlreadyFollowed as error:
            self.app.call_from_thread(self._followed, f"{error} (r on its row refreshes it)", False)
            return
        except (StoreError, OSError, LookupError, ValueError) as error:
            self.app.call_from_thread(self._followed, str(error), False)
            return
        if outcome.error is not None:
            self.app.call_from_thread(self._followed, f"not followed: {outcome.line}", False)
            return
        self.app.call_from_thread(self._followed, followed(source, outcome), True)

    def _followed(self, said: str, ok: bool) -> None:
        """The follow's result, on the status line and as a notice (the view may have been closed)."""
        self.app.notify(visible(said, single_line=True), severity="information" if ok else "error", markup=False)
        if not self.is_attached:  # closed meanwhile: the app picks the new reviews up from the disk
            return
        self.changed = self.changed or ok
        self.status(said, error=not ok)
        self.reload()
        if ok:
            options = self.query_one(OptionList)
            options.highlighted = len(self.sources) - 1 if self.sources else None

    def action_refresh_one(self) -> None:
        if (source := self.current) is not None:
            self.refresh_sources([source.key])

    def action_refresh_all(self) -> None:
        if self.sources:
            self.refresh_sources([source.key for source in self.sources])

    @work(thread=True, exclusive=True, group="sources", exit_on_error=False, description="refreshing")
    def refresh_sources(self, keys: list[str]) -> None:
        """Fetch in a thread with a store of its own (the UI reads its library meanwhile)."""
        self.app.call_from_thread(self.status, f"refreshing {keys[0]} (1 of {len(keys)})…")
        summary, failed = run_refresh(
            self.store.data_dir, keys, lambda line, outcome: self.app.call_from_thread(self._progress, line, outcome)
        )
        self.app.call_from_thread(self.status, summary, error=failed)

    def _progress(self, line: str, outcome: object) -> None:
        from tui_reader.core.sources.refresh import Outcome

        if isinstance(outcome, Outcome) and outcome.error is None and (outcome.new or outcome.updated):
            self.changed = True
        if isinstance(outcome, Outcome) and outcome.notes:  # kept in sight: the next line replaces this one
            tell(self, outcome.line, timeout=8)
        self.status(line, error=isinstance(outcome, Outcome) and outcome.error is not None)
        self.reload()

    def action_mark_seen(self) -> None:
        from tui_reader.core.sources.refresh import mark_seen_named

        try:
            marked = mark_seen_named(self.store, [source.key for source in self.sources])
        except (StoreError, OSError) as error:
            self.status(str(error), error=True)
            return
        self.status(f"{len(marked)} source{'s' * (len(marked) != 1)} marked seen")
        self.reload()

    def action_unfollow(self, remove: bool) -> None:
        source = self.current
        if source is None:
            return
        if remove and self._armed != source.key:
            self._armed = source.key
            brought = plural(len(source.reviews), "review")
            self.status(f"x again removes the {brought} {source.key} brought (notes kept aside)")
            return
        self._armed = None
        self.unfollow_source(source.key, remove)

    @work(thread=True, exclusive=True, group="sources-unfollow", exit_on_error=False, description="unfollowing")
    def unfollow_source(self, key: str, remove: bool) -> None:
        """In a thread with a store of its own, as the main screen's removal runs (the index follows a removal)."""
        from tui_reader.core.pipeline.removal import describe
        from tui_reader.core.sources.refresh import unfollow
        from tui_reader.core.sources.said import unfollowed

        try:
            gone, done = unfollow(Store(self.store.data_dir), key, remove=remove)
        except (StoreError, OSError, LookupError) as error:
            self.app.call_from_thread(self.status, str(error), error=True)
            return
        if done is not None:
            self.changed = True
            said = f"unfollowed; removed {describe(done.plan, gone.key)}"
        else:
            said = unfollowed(gone)
        self.app.call_from_thread(self._unfollowed, said)

    def _unfollowed(self, said: str) -> None:
        self.status(said)
        self.reload()
