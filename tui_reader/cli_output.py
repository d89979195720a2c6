"""Writing a file the user named (`export -o FILE`, each file of `export -o DIR/`).

A regular file, or a new path, is written beside as `NAME.partial` and renamed over it: a
failed export never leaves half a file in place of a good one. A symlink is followed (the
file it points to is replaced, the link stays). Anything else that exists (a FIFO, a device,
`/dev/fd/N` of a shell's `>(gzip > x.gz)`) is opened and written through: renaming over it
had destroyed it, and its reader got nothing.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from tui_reader.core.store import StoreError


def write_all(handle: IO[Any], chunks: Iterable[Any], named: Path | None = None) -> int:
    """Every chunk into `handle`, flushed; how many there were. With `named`, an error of the
    writing is said as that file's; an error raised by `chunks` (reading the library: a damaged
    shard) passes through as it came, naming what really failed."""
    written = 0
    for chunk in chunks:
        with _cannot_write(named):
            handle.write(chunk)
        written += 1
    with _cannot_write(named):
        handle.flush()
    return written


def write_output(path: Path, chunks: Iterable[Any], *, binary: bool) -> int:
    """Write `chunks` (bytes when `binary`, else str) to the file the user named; how many.
    However it fails, no `.partial` stays behind."""
    replaced = _replaceable(path)
    if replaced is None:  # appended: opening `/dev/stdout` to write had truncated the shell's `>> log`
        return _write_to(path, path, chunks, binary, append=True)
    partial = replaced.with_name(replaced.name + ".partial")
    try:
        written = _write_to(partial, path, chunks, binary)
        with _cannot_write(path):
            _keep_mode(replaced, partial)
            partial.replace(replaced)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return written


def _write_to(where: Path, named: Path, chunks: Iterable[Any], binary: bool, *, append: bool = False) -> int:
    """Open `where`, write the chunks, close it; the errors of this said as `named`'s."""
    mode = ("a" if append else "w") + ("b" if binary else "")
    with _cannot_write(named):
        handle = open(where, mode, encoding=None if binary else "utf-8")  # noqa: SIM115
    try:
        written = write_all(handle, chunks, named)
    except BaseException:
        with contextlib.suppress(OSError):
            handle.close()
        raise
    with _cannot_write(named):
        handle.close()
    return written


def _keep_mode(replaced: Path, partial: Path) -> None:
    """The replaced file's permissions: a `chmod 600` notes file came back readable by all."""
    with contextlib.suppress(FileNotFoundError):  # a new file: the usual mode
        os.chmod(partial, stat.S_IMODE(os.stat(replaced).st_mode))


def _replaceable(path: Path) -> Path | None:
    """The regular file to replace atomically for `path` (a link followed; a path not there yet
    is made), or None for something to write through (a FIFO, a device, a shell's pipe)."""
    if _names_a_descriptor(path):
        return None
    try:
        found = os.stat(path)
    except OSError:  # not there (or unreachable: the open says why)
        return Path(os.path.realpath(path))
    if not stat.S_ISREG(found.st_mode):
        return None
    real = Path(os.path.realpath(path))
    try:
        same = os.path.samestat(found, os.stat(real))
    except OSError:
        same = False
    return real if same else None  # `/proc/self/fd/N` of a deleted file: no name to replace, written through


_DESCRIPTORS = ("/proc/", "/dev/fd/", "/dev/std")


def _names_a_descriptor(path: Path) -> bool:
    """`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`, or a link to one: an open descriptor of this
    process, written through (`>> log` appends). Replacing the file behind it by a rename, as a
    regular file is, emptied the log the shell had opened for appending."""
    hop = os.path.abspath(path)
    for _ in range(40):  # the kernel's own bound on a chain of links
        if hop.startswith(_DESCRIPTORS):
            return True
        try:
            hop = os.path.join(os.path.dirname(hop), os.readlink(hop))
        except OSError:  # not a link (or not there): the chain ends here
            return False
        hop = os.path.abspath(hop)
    return False


@contextlib.contextmanager
def _cannot_write(path: Path | None) -> Iterator[None]:
    """An OSError here is said in one line as `path`'s (None: raised as it is)."""
    try:
        yield
    except OSError as error:
        if path is None:
            raise
        raise StoreError(f"{path}: cannot write ({error.strerror or error})") from None
