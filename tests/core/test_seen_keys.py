"""The keys of seen comments stay those earlier versions wrote into users' state files."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.personal.seen import KEY_HEX, comment_key


@given(st.text())
def test_a_key_is_the_blake2s_of_the_id_as_before(comment_id: str) -> None:
    """The same 8 hex digits of blake2s whatever makes them, or a remembered thread would call
    every comment new after an upgrade."""
    data = comment_id.encode("utf-8", "surrogatepass")
    assert comment_key(comment_id) == hashlib.blake2s(data, digest_size=KEY_HEX // 2).hexdigest()
