"""Library commands for scripts: list, show, search, export, remove.

Each command imports what only it uses (the exporters, dates): `search` is run for one line
of output and pays every import of this module (`cli.py` imports only the group run).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.cli_docs import review_doc, review_doc_of
from tui_reader.cli_ids import PROG as PROG  # how every message of the command line starts
from tui_reader.cli_ids import each_id
from tui_reader.core.content.text import plural, visible
from tui_reader.core.store import Store

if TYPE_CHECKING:
    import argparse  # parsers are built by `add_parsers` only: `search` may run without them (`cli.plain_search`)

    from tui_reader.core.content.models import Review, Subject, Summary
    from tui_reader.core.search.hits import Hit


class UsageError(Exception):
    """A mistake in how the command was called: one line, exit 2."""


# `search`'s own flags; any other word, `-great` included, is the query's (`cli.search_words`).
SEARCH_FLAGS: dict[tuple[str, ...], str] = {
    ("--json",): "JSON Lines, one hit per line",
    ("-l", "--ids"): "only the matching reviews' whole ids, one a line, as grep -l (for xargs tui-reader remove)",
    ("-c", "--count"): "only how many reviews match, as grep -c",
}


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    list_ = commands.add_parser("list", parents=[common], help="list the reviews")
    list_.add_argument("--json", action="store_true", help="JSON Lines, one review summary per line")
    show = commands.add_parser("show", parents=[common], help="print reviews with their comments")
    show.add_argument("ids", nargs="+", metavar="ID", help="review ids or unique prefixes of them")
    show.add_argument("--json", action="store_true", help="JSON Lines: each review with its thread on one line")
    export = commands.add_parser("export", parents=[common], help="export reviews, bookmarks, notes and quotes")
    export.add_argument(
        "--format",
        choices=("json", "markdown"),
        help="default: markdown for -o NAME.md, a folder or --notes-only; else json",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        help="write here instead of stdout ('-' is stdout; a FIFO or device is written through); "
        "Markdown into a folder (an existing one, or a path ending in /) is one file per review",
    )
    export.add_argument(
        "--notes-only",
        action="store_true",
        help="only reviews you bookmarked, noted or quoted (or bookmarked a comment of)",
    )
    search = commands.add_parser("search", parents=[common], help="find reviews (-word leaves a word out)")
    search.add_argument("query", nargs="+", help='words, "a phrase", -word, author:NAME, is:unread, rating:>=7')
    shown = search.add_mutually_exclusive_group()
    for flags, help_text in SEARCH_FLAGS.items():
        shown.add_argument(*flags, action="store_true", help=help_text)
    remove = commands.add_parser(
        "remove", parents=[common], help="remove reviews, or everything one import brought in (notes are kept)"
    )
    remove.add_argument("ids", nargs="*", metavar="ID", help="review ids or unique prefixes of them")
    remove.add_argument("--source", type=Path, metavar="PATH", help="every review imported from this file or folder")
    remove.add_argument(
        "--gone", type=Path, metavar="PATH", help="the reviews imported from this file that it no longer holds"
    )
    remove.add_argument("--dry-run", action="store_true", help="say what would be removed, change nothing")


def cmd_list(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.core.personal.export import json_text

    library = store.library
    out = sys.stdout
    overrides = store.subject_overrides()  # read once, not a stat of the user file a row
    for position in range(len(library)):
        if args.json:
            out.write(json_text(review_doc(store, position, overrides)))
            continue
        summary = library.summary(position)
        if summary.id in overrides:
            summary = store.summary(position)
        title, subject = _row_head(summary)
        about = "  ".join(visible(part, single_line=True) for part in _about_summary(summary, subject))
        title = visible(title, single_line=True)
        tail = f"  · {about}" if about else ""
        out.write(f"{summary.id[:10]}  {summary.comment_count:>4}  {title}{tail}\n")
    return 0


def _row_head(summary: Summary) -> tuple[str, str | None]:
    """A `list` row's title and the subject said after it: where the title is the subject's name,
    the subject's label alone (`Roma (2018)`, not `Roma  · Roma (2018)`), as the app's rows say it once."""
    from tui_reader.core.content.about import subject_beyond_title

    if summary.subject and subject_beyond_title(summary.subject, summary.title) != summary.subject:
        return summary.subject, None
    return summary.title, summary.subject


def _about_summary(summary: Summary, subject: str | None) -> list[str]:
    """A `list` row's: what `_about` says, then the helpful votes as the app's row says them
    (`13/14 helpful`): a row sorted by votes in the app said them, the CLI's did not."""
    from tui_reader.core.content.ratings import votes_text

    votes = votes_text(summary.votes, summary.format, summary.voters, short=True)
    return [
        *_about(subject, summary.rating, summary.rating_max, summary.recommended),
        *([votes] if votes else []),
    ]


def _about(subject: str | None, rating: float | None, rating_max: float | None, recommended: bool | None) -> list[str]:
    """What a review is about and what it says of it, compactly: `Her (2013)`, `★★★★☆ 4/5`, `recommended`."""
    from tui_reader.core.content.ratings import rating_text, recommended_text

    parts = [subject, rating_text(rating, rating_max), recommended_text(recommended)]
    return [part for part in parts if part]


def cmd_show(store: Store, args: argparse.Namespace) -> int:
    """Each review asked for, in the order asked; an unknown id is said on stderr, the others
    shown all the same, and the exit is 1."""
    if not len(store.library):
        raise LookupError(f"no review with id {args.ids[0]!r}: the library is empty")
    ids, every = each_id(store.library, args.ids)
    overrides = store.subject_overrides()
    for number, review_id in enumerate(ids):
        review = store.library.get(review_id)
        if review is None:
            raise LookupError(f"review {review_id} is listed but its text is missing; re-import its source")
        if number and not args.json:
            sys.stdout.write(f"\n{'─' * 40}\n\n")  # where one review ends and the next begins
        _show(review, overrides.get(review_id), as_json=args.json, about=store)
    return 0 if every else 1


def _show(review: Review, override: Subject | None, *, as_json: bool, about: Store) -> None:
    from tui_reader.core.content.dates import readable_date
    from tui_reader.core.content.formatting import body_kind, plain_text
    from tui_reader.core.content.models import walk_comments
    from tui_reader.core.content.ratings import score_text
    from tui_reader.core.personal.export import json_text, review_to_export

    if as_json:  # a line each, JSON Lines: list's keys, then the review's own (its text, its thread)
        doc = {**(review_doc_of(about, review.id) or {}), **review_to_export(review, override)}
        sys.stdout.write(json_text(doc))
        return
    width = _terminal_width()
    lines = [review.title]
    if review.subtitle:
        lines.append(review.subtitle)  # a line under the title: a place, a format, hours played (not a quote)
    meta = _show_meta(review, override or review.subject)
    lines += [meta, ""] if meta else [""]  # a plain-text file's review has none: no blank line for it
    kind = body_kind(review.format)  # the text as read, not its Markdown signs (`\|`, `***`)
    for paragraph in review.paragraphs:
        lines += [*_indented(plain_text(paragraph, kind, printed=True), "", "", width), ""]
    if review.comments:
        lines += [f"── {plural(review.comment_count, 'comment')} ──", ""]
        for depth, comment in walk_comments(review.comments):
            score = score_text(comment.score)  # as the thread says it: `15 pts`
            said = (
                comment.author,
                score,
                readable_date(comment.date or ""),
                comment.gone_said,
            )  # `deleted on the site`
            head = " · ".join(part for part in said if part)
            indent = "  " * depth
            body = plain_text(comment.body, kind, printed=True)
            lead = f"{indent}• {head}: " if head and comment.body else f"{indent}• {head}"
            lines += _indented(body, lead, indent + "  ", width)
    sys.stdout.write(visible("\n".join(lines)) + "\n")


def _terminal_width() -> int | None:
    """The terminal's width when stdout is one (lines are wrapped to it); None for a pipe."""
    import shutil  # `show` only: not paid by `search`

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _indented(text: str, first: str, indent: str, width: int | None) -> list[str]:
    """`text`'s lines, the first after `first`, every later one (a comment's second paragraph, a
    wrapped line) after `indent`, so a thread keeps its shape; blank lines stay empty."""
    lines: list[str] = []
    for number, line in enumerate(text.strip("\n").split("\n")):
        lead = first if number == 0 else indent
        if not line.strip():
            lines.append(lead.rstrip() if number == 0 else "")
            continue
        if width is None or len(lead) + len(line) <= width:
            lines.append(lead + line)
            continue
        import textwrap  # `show` only: not paid by `search`

        wrapped = textwrap.wrap(
            line,
            max(width, len(lead) + 20),
            initial_indent=lead,
            subsequent_indent=indent,
            break_long_words=False,  # a URL is never cut mid-word
            break_on_hyphens=False,
        )
        lines += wrapped or [lead.rstrip()]
    return lines


def _show_meta(review: Review, subject: Subject | None) -> str:
    """`2013 · film · by Spike Jonze · ★★★★☆ 4/5 · recommended · 13 of 14 found this helpful · spoilers
    · author · date · https://boxd.it/… · #tag`: the reading pane's head on one line, said by the same
    functions (the subject's name left out where the title says it; the thing's page where the
    review has none of its own, never the file it came from)."""
    from dataclasses import replace

    from tui_reader.core.content.about import named, subject_parts
    from tui_reader.core.content.dates import readable_date
    from tui_reader.core.content.pages import page_of, site_of
    from tui_reader.core.content.ratings import votes_text

    about = [*(subject_parts(subject, review.title) if subject is not None else [])]
    about += _about(None, review.rating, review.rating_max, review.recommended)
    extra: list[str | None] = [votes_text(review.votes, review.format, review.voters)]
    extra += [
        "spoilers" if review.spoiler else None,
        named(review.author),  # a Steam or Yelp user's id is no name, as in the list's rows
        readable_date(review.date) if review.date else None,
    ]
    if subject is not review.subject:  # the user's subject (`t`): its ref's page
        review = replace(review, subject=subject)
    page = page_of(review)
    tags = [f"#{tag}" for tag in review.tags]
    where = page.said(full=True) if page is not None else site_of(review)
    return " · ".join([*about, *(e for e in extra if e), *([where] if where else []), *tags])


def cmd_export(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.cli_export import export  # its own module, with the exporters: only `export` pays for it

    return export(store, args)


def _say(line: str) -> None:
    """A line the core says as it works (a damaged index segment re-indexed), as every line of ours."""
    print(f"{PROG}: {visible(line, single_line=True)}", file=sys.stderr)


def cmd_search(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.core.search import QueryError, SearchIndex
    from tui_reader.core.search.query import no_match_hint

    if not " ".join(args.query).strip():
        raise UsageError('search needs words or filters, e.g. tui-reader search "a phrase" author:NAME is:unread')
    try:
        hits = SearchIndex.open(store, say=_say).search(" ".join(args.query), check_budget=None)
    except QueryError as error:
        raise UsageError(str(error)) from None
    library, out = store.library, sys.stdout
    if args.count:
        out.write(f"{len(hits)}\n")
    elif args.ids:  # what the index answered: no review is read, no snippet made
        out.write(visible("".join(f"{review_id}\n" for review_id in library.cells("id", hits.positions))))
    else:
        _write_hits(hits, store, as_json=args.json)
    if not hits and len(library) and not args.count:  # on stderr: stdout stays empty (an empty library: said)
        typed = " ".join(args.query)
        hint = no_match_hint(typed)
        said = f"{visible(typed, single_line=True)} ({hint})" if hint else visible(typed, single_line=True)
        print(f"{PROG}: no review matches {said}", file=sys.stderr)
    return 0 if hits else 1  # as grep: scripts can test for "found"


def _write_hits(hits: Iterable[Hit], store: Store, *, as_json: bool) -> None:
    library, out = store.library, sys.stdout
    overrides = store.subject_overrides() if as_json else None
    for hit in hits:
        if as_json:
            from tui_reader.core.personal.export import json_text  # the exporters: 20 ms not paid without --json

            out.write(json_text({**review_doc(store, hit.position, overrides), **hit._asdict()}))  # list's keys
        else:
            title, comments = library.cell("title", hit.position), library.cell("comments", hit.position)
            said = f"  — {hit.snippet}" if hit.snippet else ""  # a review all title: nothing more to show
            out.write(f"{hit.review_id[:10]}  {comments:>4}  {visible(title, single_line=True)}{said}\n")


def cmd_remove(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.core.pipeline import removal

    listed: dict[str, str] = {}  # --gone: each id -> the file it is no longer in
    every = True  # each id named a review
    if [bool(args.ids), args.source is not None, args.gone is not None].count(True) != 1:
        raise UsageError("remove takes review ids, --source PATH or --gone PATH (one of them)")
    if args.gone is not None:  # what an import of PATH says is "no longer in" it
        from tui_reader.core.pipeline.gone import gone_from

        gone = gone_from(store, args.gone)
        plan = removal.plan_ids(store, gone.ids)
        where = visible(removal.source_names(args.gone)[0], single_line=True)
        if not plan.ids:
            raise LookupError(gone.why_nothing(store, args.gone, where))
        where = f"the library (no longer in {where})"
        listed = gone.where_of()
    elif args.source is not None:
        plan = removal.plan_source(store, args.source)
        where = visible(removal.source_names(args.source)[0], single_line=True)
        if not plan.ids:
            raise LookupError(f"nothing in the library was imported from {where}")
    else:
        ids, every = each_id(store.library, args.ids)
        if not ids:
            return 1  # each was said
        plan = removal.plan_ids(store, ids)
        where = "the library"
    if args.dry_run:
        print(f"would remove {removal.describe(plan, where)}")
        _list_gone(store, listed)
        return 0 if every else 1
    done = removal.remove(store, plan)
    plan = plan._replace(ids=done.removed.ids, comments=done.removed.comments)  # another process may have been first
    print(f"removed {removal.describe(plan, where)}")
    return 0 if every else 1


def _list_gone(store: Store, where_of: dict[str, str]) -> None:
    """A dry run names what it would remove (id, title, file): a user checks before deleting."""
    library = store.library
    for review_id, name in where_of.items():
        position = library.position(review_id)
        title = library.cell("title", position) if position is not None else ""
        print(f"  {review_id[:10]}  {visible(title or '', single_line=True)}  — {name}")


LIBRARY_COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "list": cmd_list,
    "show": cmd_show,
    "export": cmd_export,
    "search": cmd_search,
    "remove": cmd_remove,
}
