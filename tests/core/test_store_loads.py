"""`atomic.loads` parses a small file with the standard library's `json` (orjson's import is ~4.5 ms
of `search -l`): it must give what orjson gives, and refuse what orjson refuses."""

from __future__ import annotations

import json
from typing import Any

import orjson
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.store.atomic import SMALL_JSON, loads

EDGES = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1.7976931348623157e309", "0.1e-400", "-0", "-0.0",
         "18446744073709551615", "18446744073709551616", "-9223372036854775808", "-9223372036854775809",
         '"\\ud800"', '"\\udc00"', '"\\ud83d\\ude00"', '"\\uD7FF"', '"\\\\ud800"', '"\\u00e9"', '"\\/"', '"\x01"',
         "1.5", "1E2", "[1,]", "{}", "[]", '{"a":1,"a":2}', "true", "null", " ", "\ufeff",
         "[" * 1100, "]" * 1100, "1" + "0" * 309, "-1" + "0" * 400, '{"stamp":[1' + "0" * 309 + ',2]}']  # fmt: skip


def _outcome(parse: Any, data: bytes) -> tuple[str, str]:
    try:
        return "value", repr(parse(data))
    except ValueError:
        return "refused", ""


def _depth(data: bytes, parse: Any) -> int | None:
    """How deep the parsed lists go (None: refused), found without recursion (as `repr` is)."""
    try:
        value = parse(data)
    except ValueError:
        return None
    depth = 0
    while isinstance(value, list):
        depth, value = depth + 1, value[0] if value else None
    return depth


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


def _orjson_dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:  # an integer past 64 bits: orjson writes none
        return b"null"


@given(values)
def test_what_we_write_is_read_as_orjson_reads_it(value: Any) -> None:
    for data in (json.dumps(value).encode(), json.dumps(value, ensure_ascii=False).encode(), _orjson_dumps(value)):
        assert _outcome(loads, data) == _outcome(orjson.loads, data)


@given(st.lists(st.sampled_from(EDGES) | st.sampled_from(list(',:[]{}"')), min_size=1, max_size=6))
def test_what_orjson_refuses_is_refused(pieces: list[str]) -> None:
    for data in ("".join(pieces).encode(), f"[{','.join(pieces)}]".encode(), "".join(pieces).encode("utf-16")):
        assert _outcome(loads, data) == _outcome(orjson.loads, data)


def test_deep_nesting_and_big_files_are_orjson_s() -> None:
    for depth in (900, 1000, 1024, 1025, 5000):
        data = b"[" * depth + b"]" * depth
        assert _depth(data, loads) == _depth(data, orjson.loads)
    big = orjson.dumps(["x" * 100] * (SMALL_JSON // 100))
    assert loads(big) == orjson.loads(big)
