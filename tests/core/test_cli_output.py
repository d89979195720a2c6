"""`export -o PATH` writes to what the user named: a regular file atomically, a link's target
(the link stays), anything else (FIFO, device, a shell's `>(gzip)`) written through, never
replaced; `-o -` is standard output; a failure names what failed and leaves no `.partial`."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tests.core.test_cli import run
from tui_reader.cli_output import write_output
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.store import Store, StoreError

REVIEW = Review(
    id="r1",
    title="A review",
    source="/somewhere/r.json",
    paragraphs=("The text.",),
    comments=(Comment("c1", "A comment.", "ann"),),
)


@pytest.fixture
def data(tmp_path: Path) -> str:
    folder = tmp_path / "d"
    Store(folder).library.add([REVIEW])
    return str(folder)


def _drain(fd: int) -> bytes:
    """What a non-blocking reader got (nothing when no writer ever came)."""
    got = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return got
        if not chunk:
            return got
        got += chunk


def _exported(data: str, target: str, capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(capsys, "--data-dir", data, "export", "-o", target)
    assert code == 0 and out == "", err
    return err


def test_a_fifo_is_written_through_and_its_reader_gets_the_export(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there: the export's open does not wait
    try:
        err = _exported(data, str(fifo), capsys)
        got = _drain(reader)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO, not a regular file in its place
    assert orjson.loads(got)["reviews"][0]["id"] == "r1"
    assert err == f"wrote 1 review to {fifo}\n"


def test_a_shells_process_substitution_is_written_through(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o >(gzip > x.gz)` names `/dev/fd/N`, a pipe: it said "cannot write (No such file or directory)"."""
    if not Path("/dev/fd").is_dir():
        pytest.skip("no /dev/fd here")
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    try:
        _exported(data, f"/dev/fd/{write_end}", capsys)
        os.close(write_end)
        got = _drain(read_end)
    finally:
        with contextlib.suppress(OSError):
            os.close(write_end)
        os.close(read_end)
    assert orjson.loads(got)["reviews"][0]["title"] == "A review"


def test_a_descriptor_naming_a_file_appends_to_what_the_shell_opened(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export -o /dev/stdout >> log` emptied the log: `/dev/fd/N` of a regular file was "replaced"
    by a rename (and then opened truncating). It is written through, after what the file held."""
    if not Path("/dev/fd").is_dir():
        pytest.skip("no /dev/fd here")
    log = tmp_path / "log.txt"
    log.write_text("OLD LINE\n", encoding="utf-8")
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)  # as the shell opens `>> log.txt`
    try:
        _exported(data, f"/dev/fd/{fd}", capsys)
    finally:
        os.close(fd)
    text = log.read_text(encoding="utf-8")
    assert text.startswith("OLD LINE\n")
    assert orjson.loads(text.removeprefix("OLD LINE\n"))["reviews"][0]["title"] == "A review"
    assert not list(tmp_path.glob("*.partial"))


def test_a_character_device_stays_one(data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers, made here, not /dev/null
    except OSError as error:
        if error.errno in (errno.EPERM, errno.EACCES):
            pytest.skip("making a device needs root")
        raise
    _exported(data, str(null), capsys)
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert not list(tmp_path.glob("null*.partial"))


def test_a_symlink_is_followed_its_target_replaced_and_the_link_kept(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "target.json"
    target.write_text("{}", encoding="utf-8")
    link = tmp_path / "l.json"
    link.symlink_to(target)
    _exported(data, str(link), capsys)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert orjson.loads(target.read_bytes())["reviews"][0]["id"] == "r1"
    assert not list(tmp_path.glob("*.partial"))
    assert sorted(p.name for p in elsewhere.iterdir()) == ["target.json"]  # no partial left beside it


def test_a_replaced_file_keeps_its_permissions(data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A `chmod 600` export came back `-rw-r--r--`: the new file had the default mode."""
    private = tmp_path / "private.json"
    private.write_text("{}", encoding="utf-8")
    private.chmod(0o600)
    _exported(data, str(private), capsys)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert orjson.loads(private.read_bytes())["reviews"][0]["id"] == "r1"


def test_markdown_export_writes_through_a_fifo_too(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "notes.md"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        _exported(data, str(fifo), capsys)
        got = _drain(reader)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and b"# A review" in got


def test_dash_is_standard_output(
    data: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--data-dir", data, "export", "-o", "-")
    assert code == 0 and err == ""
    assert orjson.loads(out)["reviews"][0]["id"] == "r1"
    assert not (tmp_path / "-").exists()
    code, out, _ = run(capsys, "--data-dir", data, "export", "--format", "markdown", "-o", "-")
    assert code == 0 and "# A review" in out and not (tmp_path / "-").exists()


def test_a_damaged_shard_is_named_and_no_partial_file_stays(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = Path(data) / "library" / "shards" / "000000.json"
    shard.unlink()
    shard.mkdir()
    for name in ("out.json", "out.md"):
        out = tmp_path / name
        code, _, err = run(capsys, "--data-dir", data, "export", "-o", str(out))
        assert code == 1 and len(err.splitlines()) == 1
        assert err.startswith(f"tui-reader: {shard}: is a folder"), err
        assert not out.exists() and not (tmp_path / f"{name}.partial").exists()


def _failing() -> Iterator[bytes]:
    yield b"half of "
    raise StoreError("the library failed")


def test_a_failed_write_keeps_the_good_file_and_leaves_no_partial(tmp_path: Path) -> None:
    good = tmp_path / "backup.json"
    good.write_bytes(b"the good backup")
    with pytest.raises(StoreError, match="the library failed"):
        write_output(good, _failing(), binary=True)
    assert good.read_bytes() == b"the good backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.json"]


def test_a_file_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder.json"
    with pytest.raises(StoreError, match=rf"^{missing}: cannot write \(No such file or directory\)$"):
        write_output(missing, iter([b"x"]), binary=True)
