"""Read marks: an append-only log beside the user file, so marking one review read costs one line.

In `userdata.json` every read mark was a record of the one JSON document: with 100k
reviews read each bookmark, note or read mark parsed and rewrote all of them
(350 ms). Here a mark is a line `+"id"` (read) or `-"id"` (unread again), appended
and fsynced with the user file's lock held; the set is kept in memory and only the
lines other processes appended since are read. A kill mid-append leaves a line
without its closing quote and newline: it is skipped, and the next append starts a
fresh line. When the log holds more than twice the live marks it is rewritten
(atomically) with a new token in its first line, so a reader that cached the old
file notices and reads it again.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Iterable
from pathlib import Path

from tui_reader.core.store.atomic import StoreError, _reason, atomic_write, loads, move_aside, open_regular

_MAGIC = b"tui-reader read marks v1 "
_HEADER_SIZE = len(_MAGIC) + 16 + 1  # magic, a 16-hex token, newline
_BETWEEN_QUOTES = operator.itemgetter(slice(2, -1))  # '+"id"' -> 'id'


def _header() -> bytes:
    import secrets  # here: opening the app never writes a log, so never needs it

    return _MAGIC + secrets.token_hex(8).encode() + b"\n"


def _line(sign: bytes, review_id: str) -> bytes:
    import orjson

    return sign + orjson.dumps(review_id) + b"\n"


class ReadMarks:
    """The set of reviews marked read, mirrored from its log; the caller holds the user file's lock to change it."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems  # shared with the user file's: one list told to the user
        self._ids: set[str] = set()
        self._header = b""
        self._offset = 0  # bytes of the log already applied to _ids
        self._lines = 0  # lines applied, to decide when to compact
        self._frozen: frozenset[str] | None = None  # `ids()` as last given, while nothing changed

    def ids(self) -> frozenset[str]:
        self.refresh()
        if self._frozen is None:
            self._frozen = frozenset(self._ids)
        return self._frozen

    def refresh(self) -> None:
        """Apply what was appended since the last look; the whole log again when it was rewritten."""
        try:
            fd = open_regular(self.path)
        except FileNotFoundError:
            self._ids, self._header, self._offset, self._lines, self._frozen = set(), b"", 0, 0, None
            return
        with open(fd, "rb") as handle:
            header = handle.read(_HEADER_SIZE)
            if header != self._header or os.fstat(handle.fileno()).st_size < self._offset:
                self._ids, self._header, self._offset, self._lines, self._frozen = set(), header, 0, 0, None
                if not header.startswith(_MAGIC):
                    self._note(f"{self.path}: not a read-marks file; read marks in it are ignored")
                    return
                self._offset = _HEADER_SIZE
            handle.seek(self._offset)
            tail = handle.read()
        end = tail.rfind(b"\n") + 1  # a last line without its newline is still being written, or was cut
        self._apply(tail[:end])
        self._offset += end

    def _apply(self, data: bytes) -> None:
        if not data:
            return
        self._frozen = None
        cut = (b"\n" + data).find(b"\n-")  # up to the first unread mark, lines only add: the fast way
        quick, rest = (data, b"") if cut == -1 else (data[:cut], data[cut:])
        if quick and not self._add_all(quick):
            rest = quick + rest
        if rest:
            self._apply_lines(rest)

    def _add_all(self, data: bytes) -> bool:
        """Whole lines of `+"id"` only (what a rewrite leaves), added in C-level calls; False
        (nothing done) when any line is another kind, escaped or cut."""
        text = data.decode("utf-8", "replace")
        lines = text.split("\n")[:-1]
        if "\\" in text or text.count('"\n') != len(lines) or ("\n" + text).count('\n+"') != len(lines):
            return False
        self._ids.update(map(_BETWEEN_QUOTES, lines))
        self._ids.discard("")  # '+"' alone: a line a kill cut right after its quote (no review has no id)
        self._lines += len(lines)
        return True

    def _apply_lines(self, data: bytes) -> None:
        ids, skipped = self._ids, 0
        for line in data.split(b"\n")[:-1]:
            self._lines += 1
            sign, body = line[:1], line[1:]
            if len(body) < 2 or body[:1] != b'"' or body[-1:] != b'"' or sign not in (b"+", b"-"):
                skipped += 1  # the cut end of a line a kill interrupted
                continue
            review_id = body[1:-1].decode("utf-8", "replace") if b"\\" not in body else loads(body)
            if sign == b"+":
                ids.add(review_id)
            else:
                ids.discard(review_id)
        if skipped > 1:
            self._note(f"{self.path}: {skipped} unreadable lines skipped")

    def _note(self, problem: str) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def change(self, read: Iterable[str] = (), unread: Iterable[str] = ()) -> bool:
        """Mark `read` read and `unread` unread; with the lock held. Writes nothing when nothing changes."""
        self.refresh()
        lines = [_line(b"+", rid) for rid in dict.fromkeys(read) if rid not in self._ids]
        lines += [_line(b"-", rid) for rid in dict.fromkeys(unread) if rid in self._ids]
        if not lines:
            return False
        if self._header and self._lines + len(lines) > 2 * len(self._ids) + 1024:
            self._ids.update(read)
            self._ids.difference_update(unread)
            self._frozen = None
            self.rewrite()
            return True
        self._append(lines)
        self.refresh()
        return True

    def _append(self, lines: list[bytes]) -> None:
        if not self._header.startswith(_MAGIC):  # no log yet, or not ours (kept aside): start one
            if self.path.exists():
                self._note(f"{self.path}: not a read-marks file; kept as {move_aside(self.path).name}")
            self.rewrite()
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
            try:
                size = os.fstat(fd).st_size
                cut = size > self._offset  # a kill left part of a line: end it, so ours stands alone
                os.write(fd, b"".join([b"\n"] * cut + lines))
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            raise StoreError(f"{self.path}: cannot write ({_reason(error)})") from None

    def rewrite(self) -> None:
        """Write the live set as a fresh log under a new token (atomically)."""
        header = _header()
        lines = [_line(b"+", rid) for rid in sorted(self._ids)]
        atomic_write(self.path, [header, *lines])
        self._header, self._offset, self._lines = header, len(header) + sum(map(len, lines)), len(lines)
