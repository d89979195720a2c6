"""Durable files: atomic replace, and a lock across processes (`tinydb_files` puts TinyDB on both).

TinyDB's own JSONStorage rewrites its file in place (a kill mid-write leaves it
corrupt) and has no locking (two writers lose data). Everything here writes a
temp file, fsyncs it, renames it over the old one and fsyncs the folder, so a
reader sees the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import sys
import time
from _thread import get_ident  # (`threading.get_ident`: a reader imports no `threading`, ~1 ms)
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

TEMP_MARK = ".tmp-"
LOCK_TIMEOUT_S = 10.0


class StoreError(Exception):
    """A store problem told to the user in one line (read-only folder, disk full, lock held)."""


class NotAFileError(StoreError, OSError):
    """Something other than a regular file where the store keeps one (a FIFO, a folder, a device).

    Refused, not read: reading a FIFO blocks until some other program writes to it, so
    every command would hang. An OSError too, so code that treats an unreadable
    convenience file (the UI's state.json) as missing keeps doing so.
    """

    def __init__(self, path: Path, mode: int) -> None:
        super().__init__(f"{path}: is {_kind(mode)}, not a regular file; refusing to read it (move it away)")
        self.what = _kind(mode)  # "a folder", "a named pipe (FIFO)", ...


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def kind_of(path: Path) -> str:
    """What is at `path` (a link not followed), as a line says it: "a file", "a folder", ..."""
    mode = os.lstat(path).st_mode
    if stat.S_ISREG(mode):
        return "a file"
    return "a symbolic link" if stat.S_ISLNK(mode) else _kind(mode)


def check_regular(path: Path) -> None:
    """Raise NotAFileError unless `path` (followed if a link) is a regular file or missing.

    Only a stat, never an open: opening a FIFO to look at it would block.
    """
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    if not stat.S_ISREG(mode):
        raise NotAFileError(path, mode)


def open_regular(path: Path) -> int:
    """A read-only descriptor of the regular file `path`, opened without blocking.

    A stat first: a FIFO is refused without being opened at all (opening one, even
    without blocking, wakes a writer waiting on it). Should one replace the file
    between the two, O_NONBLOCK makes the open return at once (a plain open waits
    for a writer) and fstat on the descriptor refuses it. FileNotFoundError when missing.
    """
    check_regular(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFileError(path, mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems refuse to open folders
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes | Sequence[bytes | bytearray | memoryview]) -> None:
    """Replace `path` with `data` (or these pieces, in order: no joined copy is made)
    so that a crash leaves either the old or the new bytes."""
    temp = path.with_name(f"{path.name}{TEMP_MARK}{os.getpid()}-{time.monotonic_ns()}")
    try:
        with open(temp, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StoreError(f"{path}: cannot write ({_reason(error)})") from None
    _fsync_folder(path.parent)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only"
    return error.strerror or str(error)


def clean_stale_temps(folder: Path) -> int:
    """Remove temp files whose writer died (its pid is gone). Returns how many went."""
    removed = 0
    temps = [Path(root, name) for root, _, names in os.walk(folder) for name in names if TEMP_MARK in name]
    for temp in temps:  # os.walk, not rglob: this runs at every start, over every shard (~1 ms less)
        pid_text = temp.name.rsplit(TEMP_MARK, 1)[-1].split("-", 1)[0]
        if pid_text.isdigit() and _pid_alive(int(pid_text)) and int(pid_text) != os.getpid():
            continue
        with contextlib.suppress(OSError):
            temp.unlink()
            removed += 1
    return removed


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def locked(lock_path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold an exclusive advisory lock on `lock_path` (created if needed) across processes."""
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+b")  # noqa: SIM115 - closed in finally
    except OSError as error:
        raise StoreError(f"{lock_path}: cannot lock ({_reason(error)})") from None
    try:
        _acquire(handle, lock_path, timeout)
        yield
    finally:
        handle.close()  # closing releases the lock


class NestedLock:
    """`locked` on one file, taken once by a thread however deeply its work nests: a library write
    reloads the catalog, which may repair it, and reads shards, which may set a damaged one aside;
    taking the lock again there (a second open file) waited on itself until the timeout."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._holder: int | None = None

    @contextlib.contextmanager
    def held(self, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
        if self._holder == get_ident():
            yield
            return
        with locked(self.path, timeout):
            self._holder = get_ident()
            try:
                yield
            finally:
                self._holder = None


def _acquire(handle: Any, lock_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            _try_lock(handle)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise StoreError(f"{lock_path}: another tui-reader holds the lock") from None
            time.sleep(0.005)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: Any) -> None:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            raise BlockingIOError from None

else:

    def _try_lock(handle: Any) -> None:
        import fcntl  # here: a command that takes no lock (`search`) loads no fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes; None when it does not exist. NotAFileError for a FIFO, folder or device."""
    try:
        fd = open_regular(path)
    except FileNotFoundError:
        return None
    with open(fd, "rb") as handle:
        return handle.read()


SMALL_JSON = 1 << 16  # bytes: JSON up to this size is parsed by the standard library (`loads`)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")  # `\ud800`: lone or paired, orjson judges it
_INT_RANGE = range(-(1 << 63), 1 << 64)  # orjson's integers; past them it gives a float


def loads(data: bytes) -> Any:
    """JSON `data` parsed as `orjson.loads` parses it (the same values; a ValueError where it refuses).

    A small file (a catalog's header, the index's manifest, the user's file) is parsed by the
    standard library's `json`, already imported: orjson imports uuid, platform and datetime on
    its first import (~4.5 ms), which `search -l` paid for nothing. What `json` takes and
    orjson refuses is refused alike (NaN, a float past the double's range, BOM or UTF-16 text),
    integers past 64 bits become floats as there, and what `json` cannot judge so (an escaped
    surrogate, nesting deeper than Python recurses) goes to orjson. A test holds the two equal."""
    if len(data) <= SMALL_JSON and _SURROGATE_ESCAPE.search(data) is None:
        try:
            text = str(data, "utf-8")
            if text.startswith("\ufeff"):  # (`json.loads` refuses it so; its decoder alone does not)
                raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
            return _DECODER.decode(text)
        except RecursionError:
            pass
    import orjson

    return orjson.loads(data)


def _orjson_int(literal: str) -> int | float:
    """An integer past 64 bits as a float, as orjson gives it; past the double's range refused, as
    orjson refuses it (`float()` of 310 digits is `inf`)."""
    number = int(literal)
    return number if number in _INT_RANGE else _finite(literal)


def _finite(literal: str) -> float:
    number = float(literal)
    if number in (float("inf"), float("-inf")):
        raise ValueError(f"number out of range: {literal}")
    return number


def _refused(constant: str) -> Any:
    raise ValueError(f"not JSON: {constant}")


# One decoder for every `loads`: `json.loads` with these arguments builds a new one each call
# (~4 us), and a search decodes two or three pieces of each hit's document (758 for 284 hits).
_DECODER = json.JSONDecoder(parse_int=_orjson_int, parse_float=_finite, parse_constant=_refused)


def read_json(path: Path) -> Any:
    """Parse a JSON file (`loads`); None when it does not exist. Raise ValueError when corrupt,
    NotAFileError when it is a FIFO, folder or device (never blocks on one)."""
    data = read_bytes(path)
    return None if data is None else parse_json(path, data)


def parse_json(path: Path, data: bytes) -> Any:
    """`data` read from `path`, parsed; ValueError naming `path` when it is not JSON."""
    if not data.strip():
        raise ValueError(f"{path}: empty file")
    try:
        return loads(data)
    except ValueError as error:
        raise ValueError(f"{path}: not valid JSON ({error})") from None


def write_json(path: Path, value: Any) -> None:
    import orjson

    atomic_write(path, orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS))


def move_aside(path: Path) -> Path:
    """Rename a corrupt file out of the way, keeping it for the user, and return its new name."""
    target = _aside_name(path)
    os.replace(path, target)
    return target


def keep_copy(path: Path, data: bytes) -> Path:
    """Write `data` (what `path` held) durably beside it under the name `move_aside` would give,
    before `path` itself is rewritten: a crash between the two leaves both whole."""
    target = _aside_name(path)
    atomic_write(target, data)
    return target


def _aside_name(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    return target
