"""Stable ids: the same source always gives the same id, so re-imports keep notes attached."""

from __future__ import annotations

import hashlib
from pathlib import Path


def stable_id(*parts: str) -> str:
    """16 hex digits (64 bits) of SHA-1 over the parts: short enough to type a prefix of."""
    digest = hashlib.sha1("\x00".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def source_key(path: Path) -> str:
    """The part of a path that names a document wherever its folder was copied to.

    The file's name with its parent folder's: `seeds/003_x.txt` is the same review
    whether imported from the repository or from the installed package, and IMDB's
    `pos/0_9.txt` and `neg/0_3.txt` stay apart.
    """
    absolute = path.absolute()  # not resolve(): a syscall per path part, and 25k files add up
    return f"{absolute.parent.name}/{absolute.name}"
