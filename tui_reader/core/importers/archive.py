"""A `.zip` of exports (Letterboxd sends its export as one): every member parsed as if it were a file.

Members are read into memory, never extracted, so nothing is written anywhere. Limits
keep a hostile archive harmless: at most MAX_MEMBERS members, each at most the size
of a file we would read, MAX_TOTAL bytes unpacked in all (read, not trusted from the
directory), no absolute or `..` names, no encrypted members, no archives in archives.
Members are parsed in name order; a member's siblings are the members of its folder.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.decode import NotText, decode
from tui_reader.core.importers.sites import Siblings
from tui_reader.core.importers.thread_merge import with_own_threads, without_own_threads

MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_TOTAL = 512 * 1024 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with members; an empty one

# (text, member's virtual path, its siblings, source) -> what the member gave
ParseMember = Callable[[str, Path, Siblings, str], Parsed]


def is_zip(data: bytes) -> bool:
    return data[:4] in ZIP_MAGIC


# Archives we do not open, by their first bytes (a tar's name is at 257): said as such, not "binary file".
_UNREAD_ARCHIVES = (
    (b"\x1f\x8b", "a gzip-compressed file (.gz, .tar.gz)"),
    (b"BZh", "a bzip2-compressed file (.bz2)"),
    (b"\xfd7zXZ\x00", "an xz-compressed file (.xz)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"(\xb5/\xfd", "a zstd-compressed file (.zst)"),
)


_MAGICS = tuple(magic for magic, _ in _UNREAD_ARCHIVES)  # all at once first: asked of every file


def unread_archive(data: bytes) -> str | None:
    """Why `data` is not read, when it is an archive other than zip: unpack it, import the folder."""
    kind = (
        next((name for magic, name in _UNREAD_ARCHIVES if data.startswith(magic)), None)
        if data.startswith(_MAGICS)
        else None
    )
    if kind is None and data[257:262] == b"ustar":
        kind = "a tar archive"
    return None if kind is None else f"{kind}: unpack it and import the folder (zip files are read as they are)"


@dataclass(slots=True)
class _Budget:
    left: int = MAX_TOTAL


@dataclass(slots=True)
class ZipFolder:
    """One folder of the zip, as `Siblings`: members read (and decoded) on first use, then kept."""

    archive: zipfile.ZipFile
    folder: str
    members: dict[str, zipfile.ZipInfo]
    budget: _Budget
    key: str = ""
    texts: dict[str, str | None] = field(default_factory=dict)

    def names(self) -> list[str]:
        return sorted(self.members)

    def stamp(self, name: str) -> str:
        info = self.members.get(name)
        return f"{info.file_size}:{info.CRC}" if info else ""

    def read(self, name: str) -> str | None:
        if name not in self.texts:
            info = self.members.get(name)
            self.texts[name] = None
            if info is not None:
                with contextlib.suppress(_TooBig, NotText, zipfile.BadZipFile, OSError, RuntimeError, ValueError):
                    self.texts[name] = decode(_read(self.archive, info, self.budget))[0]
        return self.texts[name]


class _TooBig(Exception):
    pass


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """The member's bytes, counting what is really unpacked (a directory's sizes may lie)."""
    limit = min(MAX_MEMBER_BYTES, budget.left)
    with archive.open(info) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _TooBig(f"over the {limit // 2**20} MB left to unpack")
    budget.left -= len(data)
    return data


def _unsafe(name: str) -> str | None:
    """Why a member's name is refused, or None."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path in archive"
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        return "path outside the archive"
    return None


def parse_zip(data: bytes, path: Path, parse_member: ParseMember) -> Parsed:
    """All members' reviews in one Parsed; members that are not text, or refused, are skipped."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise InputError(path, f"not a readable zip ({error})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(path, f"zip has {len(infos)} members, over the {MAX_MEMBERS} limit")
        parsed = Parsed(path=str(path), format="zip")
        budget = _Budget(MAX_TOTAL)
        folders: dict[str, ZipFolder] = {}
        base = str(path.resolve())
        formats: list[str] = []
        for info in sorted(infos, key=lambda i: i.filename):
            name = info.filename
            where = f"{path}/{name}"
            parts = PurePosixPath(name.replace("\\", "/")).parts
            reason = _unsafe(name)
            hidden = any((part.startswith(".") and part != "..") or part == "__MACOSX" for part in parts)
            if reason is None and (info.is_dir() or not parts or hidden):
                continue
            if reason is None and info.flag_bits & 0x1:
                reason = "encrypted member"
            if reason is None and name.lower().endswith((".zip", ".gz", ".tar", ".7z", ".rar")):
                reason = "archive inside an archive"
            if reason is not None:
                parsed.skipped.append(Skipped(where, reason))
                continue
            folder_name = "/".join(parts[:-1])
            folder = folders.get(folder_name)
            if folder is None:
                members = {
                    p[-1]: i
                    for i in infos
                    if not i.is_dir()
                    and len(p := PurePosixPath(i.filename.replace("\\", "/")).parts) == len(parts)
                    and "/".join(p[:-1]) == folder_name
                    and _unsafe(i.filename) is None
                }
                folder = ZipFolder(archive, folder_name, members, budget, key=f"{base}/{folder_name}")
                folders[folder_name] = folder
            try:
                text = decode(_read(archive, info, budget))[0]
            except _TooBig as error:
                parsed.skipped.append(Skipped(where, f"member too large ({error})"))
                continue
            except NotText as error:
                parsed.skipped.append(Skipped(where, str(error)))
                continue
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as error:
                parsed.skipped.append(Skipped(where, f"unreadable member ({error})"))
                continue
            try:
                member = parse_member(text, Path(path, *parts), folder, f"{base}/{'/'.join(parts)}")
            except InputError as error:
                parsed.skipped.append(Skipped(where, error.reason))
                continue
            if member.reviews and member.format not in formats:
                formats.append(member.format)
            if member.fragments:  # a thread may go on in another member: merged once, below
                without_own_threads(member)
                parsed.fragments.extend(member.fragments)
            parsed.reviews.extend(member.reviews)
            parsed.skipped.extend(member.skipped)
        if formats:
            parsed.format = f"zip: {', '.join(formats)}"
        return with_own_threads(parsed) if parsed.fragments else parsed
